"The library stays light to import, and the command-line contract of `synib bench` holds (no training here)."
import argparse, subprocess, sys


def _loaded(module: str, heavy) -> list:
    code = f"import sys, {module}; print(' '.join(m for m in {tuple(heavy)!r} if m in sys.modules))"
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()


def test_imports_are_light():
    assert _loaded("synib.info", ("ipywidgets", "plotly", "transformers", "datasets")) == []
    assert _loaded("synib.objective", ("ipywidgets", "plotly", "transformers", "datasets", "accelerate")) == []
    assert _loaded("synib.bench.run", ("transformers", "datasets", "accelerate", "plotly", "ipywidgets")) == []
    assert _loaded("synib.cli", ("torch", "plotly", "transformers")) == []


def test_no_environment_reads_or_private_torch_at_import():
    import pathlib, re
    src = {p.name: p.read_text() for p in pathlib.Path(__file__).resolve().parent.parent.joinpath("synib").rglob("*.py")}
    for name, text in src.items():
        assert "torch.utils._" not in text and "mock.patch" not in text, name
        top = [l for l in text.splitlines() if l and not l[0].isspace()]        # module level
        assert not any("os.environ" in l for l in top), name


def test_bench_cli_contract():
    from synib.bench.run import BenchConfig, add_bench_args
    from synib.cli import config_from_args
    parser = argparse.ArgumentParser(prog="synib bench")
    add_bench_args(parser)
    args = parser.parse_args(["mosi", "--data", "d.pkl", "--out", "o", "--method", "synib", "ce", "--lam", "0.1",
                              "--seeds", "4", "5", "--epochs", "2", "--batch-size", "8", "--json", "--no-check-files"])
    cfg = config_from_args(BenchConfig, args, dataset=args.dataset)
    assert isinstance(cfg, BenchConfig) and (cfg.dataset, cfg.data, cfg.out) == ("mosi", "d.pkl", "o")
    assert cfg.methods == ("synib", "ce") and cfg.lam == 0.1 and cfg.seeds == (4, 5)
    assert (cfg.epochs, cfg.batch_size, cfg.check_files, args.json) == (2, 8, False, True)
