"synib.bench stays light to import, and its command-line contract holds (no training here: the notebooks test that)."
import argparse, subprocess, sys


def test_import_is_light():
    code = ("import sys, synib, synib.bench.run; "
            "heavy = [m for m in ('transformers', 'datasets', 'accelerate', 'plotly', 'scipy') if m in sys.modules]; "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_bench_cli_contract():
    from synib.bench.run import add_bench_args, config_from_args, BenchConfig
    parser = argparse.ArgumentParser(prog="synib bench")
    add_bench_args(parser)
    args = parser.parse_args(["mosi", "--data", "d.pkl", "--out", "o", "--method", "synib", "ce", "--lam", "0.1", "1",
                              "--seeds", "4", "--epochs", "2", "--batch-size", "8", "--json"])
    cfg = config_from_args(args)
    assert isinstance(cfg, BenchConfig) and cfg.dataset == "mosi" and cfg.data == "d.pkl" and cfg.out == "o"
    assert cfg.methods == ("synib", "ce") and cfg.lams == (0.1, 1.0) and cfg.seeds == (109, 19, 337, 1)
    assert (cfg.epochs, cfg.batch_size, args.json) == (2, 8, True)
