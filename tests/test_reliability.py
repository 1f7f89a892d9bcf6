"""Bad inputs get a clear answer: the documented exception from the library, one line and exit 2 from the CLI.

The CLI cases run the real console script (`synib`) in a subprocess. None of them trains anything: every value is
checked before work starts. The fault tests interrupt a benchmark while it writes a checkpoint, and damage each kind
of state file, and check that the rerun resumes to the same results or names the file.
"""
import json, math, shutil, signal, subprocess, time
from pathlib import Path

import numpy as np
import pytest
import torch

from clitools import ENV, SYNIB, cli


def one_line_error(r, command: str, contains: str = ""):
    "Exit 2, no traceback, and exactly one stderr line `synib <command>: ...` (progress bars aside)."
    lines = [l for l in r.stderr.splitlines() if l.strip() and "it/s]" not in l and "%|" not in l]
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith(f"synib {command}: "), lines
    assert contains in lines[0], (contains, lines[0])


# ------------------------------------------------------------------------------------------------ the loss
from synib.objective import SynIB
from synib.penalty import get_reference, kl_to_reference, task_loss
from synib.models import LateFusionMLP

torch.manual_seed(0)
MODEL = LateFusionMLP({"x1": 4, "x2": 4})
X = {"x1": torch.randn(8, 4), "x2": torch.randn(8, 4)}
Y = torch.randint(0, 2, (8,)).float()

LOSS_CASES = {
    "binary label 2": (lambda: SynIB(task="binary")(MODEL, X, torch.full((8,), 2.0)), ValueError, "0/1 labels"),
    "binary label -1": (lambda: SynIB(task="binary")(MODEL, X, torch.full((8,), -1.0)), ValueError, "0/1 labels"),
    "soft label 1.5": (lambda: task_loss(torch.zeros(8), torch.full((8,), 1.5), "binary"), ValueError, "[0, 1]"),
    "NaN label": (lambda: task_loss(torch.zeros(8), torch.full((8,), float("nan")), "binary"), ValueError, ""),
    "empty batch": (lambda: SynIB(task="binary")(MODEL, {k: v[:0] for k, v in X.items()}, Y[:0]), ValueError, "empty"),
    "modalities as a string": (lambda: SynIB(task="binary", modalities="x1"), TypeError, "sequence of names"),
    "unknown modality to mask": (lambda: SynIB(task="binary", modalities=["x3"])(MODEL, X, Y), ValueError, "x3"),
    "input the model does not read": (lambda: SynIB(task="binary")(MODEL, {**X, "x9": torch.randn(8, 4)}, Y), ValueError, "x9"),
    "one modality only": (lambda: SynIB(task="binary")(MODEL, {"x1": X["x1"]}, Y), ValueError, "two modalities"),
    "reference not summing to 1": (lambda: get_reference([0.9, 0.9]), ValueError, "sum to 1"),
    "reference with a zero": (lambda: get_reference([1.0, 0.0]), ValueError, "> 0"),
    "reference of the wrong length": (lambda: kl_to_reference(torch.zeros(8, 3), "multiclass", torch.tensor([0.5, 0.5])), ValueError, "3"),
    "unknown reference": (lambda: get_reference("magic"), ValueError, "unknown reference"),
    "negative lambda": (lambda: SynIB(lam=-1.0), ValueError, "lam"),
    "NaN lambda": (lambda: SynIB(lam=float("nan")), ValueError, "lam"),
    "string lambda": (lambda: SynIB(lam="1"), TypeError, "lam"),
    "negative branch weight": (lambda: SynIB(weights={"x1": -1.0}), ValueError, "weights"),
    "unknown mask": (lambda: SynIB(mask="magic"), ValueError, "mask"),
    "bad level": (lambda: SynIB(level="middle"), ValueError, "level"),
    "bad task": (lambda: SynIB(task="ranking"), ValueError, "task"),
    "random mask p 2": (lambda: SynIB(mask="random", p=2.0), ValueError, "[0, 1]"),
    "learned mask 0 steps": (lambda: SynIB(mask="learned", steps=0), ValueError, "steps"),
}


@pytest.mark.parametrize("name", sorted(LOSS_CASES))
def test_loss_rejects(name):
    f, exc, msg = LOSS_CASES[name]
    with pytest.raises(exc) as e: f()
    assert msg in str(e.value), str(e.value)


# ------------------------------------------------------------------------------------------------ info and PID
from synib import info, pid

INFO_CASES = {
    "negative probabilities": (lambda: info.entropy(np.array([1.5, -0.5])), ValueError),
    "NaN probabilities": (lambda: info.entropy(np.array([0.5, float("nan")])), ValueError),
    "all zero": (lambda: info.entropy(np.zeros(3)), ValueError),
    "PID of a 2-d table": (lambda: pid.pid(np.ones((2, 2)) / 4), ValueError),
    "unknown PID measure": (lambda: pid.pid(info.xor_dist(), "magic"), ValueError),
    "mutual information over a bad axis": (lambda: info.mutual_info(info.xor_dist(), 5, 2), ValueError),
    "samples of different lengths": (lambda: pid.joint_from_samples([0, 1], [0, 1, 1], [0, 1]), ValueError),
    "no samples": (lambda: pid.joint_from_samples([], [], []), ValueError),
    "bins 0": (lambda: pid.pid_from_samples(np.random.randn(50), np.random.randn(50), np.zeros(50, int), bins=0), ValueError),
    "NaN samples": (lambda: pid.pid_from_samples(np.full(50, np.nan), np.random.randn(50), np.zeros(50, int)), ValueError),
    "BROJA table too large": (lambda: pid.pid(np.ones((500, 500, 3)) / 750000), ValueError),
}


@pytest.mark.parametrize("name", sorted(INFO_CASES))
def test_info_rejects(name):
    f, exc = INFO_CASES[name]
    with pytest.raises(exc): f()


def test_pid_from_samples_at_scale_is_fast_enough_to_finish():
    "The case that used to hang: 50 bins on 2,000 samples (a 50 x 50 x 2 table) now solves, certified."
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=2000), rng.normal(size=2000)
    r = pid.pid_from_samples(a, b, (a * b > 0).astype(int), bins=50)
    assert all(math.isfinite(v) for v in r.atoms().values())


# ------------------------------------------------------------------------------------------------ synib xor
XOR_CASES = {
    "noise nan": (["--noise", "nan"], "noise"),
    "noise inf": (["--noise", "inf"], "noise"),
    "beta nan": (["--task", "spurious", "--beta", "nan"], "beta"),
    "workers -3": (["--workers", "-3"], "workers"),
    "seeds 0": (["--compare", "--seeds", "0"], "seeds"),
    "lam -1": (["--lam", "-1"], "lam"),
    "synergy 1.5": (["--synergy", "1.5"], "synergy"),
    "synergy + unique2 > 1": (["--synergy", "0.7", "--unique2", "0.6"], "synergy + unique2"),
    "steps 0": (["--steps", "0"], "steps"),
    "batch size 0": (["--batch-size", "0"], "batch_size"),
    "batch size -1": (["--batch-size", "-1"], "batch_size"),
    "lr 0": (["--lr", "0"], "lr"),
    "lr -1": (["--lr", "-1"], "lr"),
    "seed 2**70": (["--seed", str(2 ** 70)], "seed"),
    "seed -5": (["--seed", "-5"], "seed"),
    "dropout 2": (["--dropout", "2"], "dropout"),
    "unknown method": (["--method", "magic"], "method"),
    "unknown mask": (["--mask", "magic"], "mask"),
    "unknown flag": (["--frobnicate"], "unrecognized"),
    "not a number": (["--lr", "fast"], "lr"),
    "early fusion with a late-only method": (["--fusion", "early", "--method", "mmpareto"], "late"),
    "controls without --out": (["--controls"], "--out"),
    "warmup -1": (["--warmup", "-1"], "warmup"),
    "unknown schedule": (["--schedule", "magic"], "schedule"),
    "patience that never acts": (["--patience", "3"], "patience needs eval_every"),
}


@pytest.mark.parametrize("name", sorted(XOR_CASES))
def test_xor_cli_rejects(name):
    args, msg = XOR_CASES[name]
    one_line_error(cli("xor", *args), "xor", msg)


def test_xor_same_seed_same_numbers():
    "Two processes, the same seed: the same JSON to the last digit (and another seed gives other numbers)."
    a, b, c = (cli("xor", "--json", "--seed", s, "--steps", "40") for s in (3, 3, 4))
    assert a.returncode == b.returncode == c.returncode == 0, a.stderr[-2000:]
    assert a.stdout == b.stdout and json.loads(a.stdout)["runs"] != json.loads(c.stdout)["runs"]


def test_xor_unwritable_outputs_are_refused_before_training(tmp_path):
    (tmp_path / "file").write_text("x")
    one_line_error(cli("xor", "--html", tmp_path / "file" / "fig.html"), "xor")
    one_line_error(cli("xor", "--compare", "--out", tmp_path / "file" / "r.json"), "xor")


# ------------------------------------------------------------------------------------------------ synib bench
BENCH_CASES = {
    "epochs 0": (["mosi", "--fixture", "--epochs", "0"], "epochs"),
    "repeated seeds": (["mosi", "--fixture", "--seeds", "7", "7"], "seeds must differ"),
    "batch size -1": (["mosi", "--fixture", "--batch-size", "-1"], "batch_size"),
    "eval every -1": (["mosi", "--fixture", "--eval-every", "-1"], "eval_every"),
    "steps -1": (["mosi", "--fixture", "--steps", "-1"], "steps"),
    "steps 0": (["mosi", "--fixture", "--steps", "0"], "steps"),
    "pi 2": (["mosi", "--fixture", "--pi", "2"], "pi"),
    "lam -1": (["mosi", "--fixture", "--lam", "-1"], "lam"),
    "max samples 0": (["mosi", "--fixture", "--max-samples", "0"], "max_samples"),
    "lr -1": (["mosi", "--fixture", "--lr", "-1"], "lr"),
    "seed -5": (["mosi", "--fixture", "--seeds", "-5"], "seeds"),
    "seed 2**70": (["mosi", "--fixture", "--seeds", str(2 ** 70)], "seeds"),
    "alpha -1": (["cremad_irony", "--fixture", "--alpha", "-1"], "alpha"),
    "unknown dataset": (["imagenet", "--fixture"], "unknown benchmark"),
    "unknown method": (["mosi", "--fixture", "--method", "magic"], "method"),
    "unknown reference": (["mosi", "--fixture", "--reference", "magic"], "reference"),
    "no data": (["mosi"], "no data"),
    "missing data": (["mosi", "--data", "/no/such/folder"], "mosi"),
    "fp16 on the CPU": (["mosi", "--fixture", "--mixed-precision", "fp16", "--cpu"], "needs a GPU"),
    "a CREMA-D option on MOSI": (["mosi", "--fixture", "--split-file", "folds.json"], "--split-file applies only to cremad"),
    "a Hateful Memes option on MOSI": (["mosi", "--fixture", "--finetune"], "--finetune applies only to hateful memes"),
    "a folder that is no dataset": (["hateful_memes", "--data", "/usr/share"], "holds no dataset files"),
}


@pytest.mark.parametrize("name", sorted(BENCH_CASES))
def test_bench_cli_rejects(name, tmp_path):
    args, msg = BENCH_CASES[name]
    one_line_error(cli("bench", *args, "--out", tmp_path / "out"), "bench", msg)


def test_bench_malformed_files(tmp_path):
    (tmp_path / "mosi_data.pkl").write_bytes(b"not a pickle")
    one_line_error(cli("bench", "mosi", "--data", tmp_path, "--out", tmp_path / "o"), "bench", "cannot unpickle")
    hm = tmp_path / "hm"; (hm / "img").mkdir(parents=True)
    for f in ("train.jsonl", "dev_unseen.jsonl", "test_seen.jsonl"): (hm / f).write_text('{"id": 1, "img": "img/1.png", "label": 3, "text": "x"}\n')
    one_line_error(cli("bench", "hateful_memes", "--data", hm, "--out", tmp_path / "o"), "bench", "label must be 0 or 1")
    (tmp_path / "file").write_text("x")
    one_line_error(cli("bench", "mosi", "--fixture", "--out", tmp_path / "file" / "out"), "bench")


def test_report_rejects(tmp_path):
    one_line_error(cli("report", tmp_path), "report", "holds no finished runs")
    (tmp_path / "runs").mkdir(); (tmp_path / "runs" / "ce-s0.json").write_text('{"method": "ce", "se')
    one_line_error(cli("report", tmp_path), "report", "ce-s0.json")


# ------------------------------------------------------------------------------------------------ faults
def _bench(out, **kw):
    from synib.bench.run import BenchConfig, run_benchmark
    cfg = BenchConfig("mosi", fixture=True, out=str(out), seeds=(0,), methods=("ce", "synib"), progress=False, **kw)
    return run_benchmark(cfg)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    "An uninterrupted benchmark: the results every recovered one must reproduce."
    out = tmp_path_factory.mktemp("ref")
    return _bench(out), out / "mosi-fixture"


def _records(root):
    return {p.name: (r["logits"], r["test"]) for p in sorted((root / "runs").glob("*.json")) for r in [json.loads(p.read_text())]}


def test_checkpoint_write_fault_then_resume(reference, tmp_path, monkeypatch):
    "A checkpoint write that fails halfway (as a Ctrl-C or a full disk would) leaves a folder the rerun resumes exactly."
    import synib.train as T
    real, calls = T.atomic_write, {"n": 0}
    def failing(path, data):
        calls["n"] += 1
        if Path(path).name == "train.pt" and calls["n"] > 3:             # the second checkpoint of the run ...
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).with_name(".train.pt.partial").write_bytes(data[: len(data) // 2])
            raise KeyboardInterrupt                                      # ... dies halfway through its write
        return real(path, data)
    monkeypatch.setattr(T, "atomic_write", failing)
    with pytest.raises(KeyboardInterrupt): _bench(tmp_path)
    monkeypatch.setattr(T, "atomic_write", real)
    summary = _bench(tmp_path)                                           # the rerun
    assert summary["rows"] == reference[0]["rows"]
    assert _records(tmp_path / "mosi-fixture") == _records(reference[1])


def test_sigkill_then_rerun_gives_identical_results(reference, tmp_path):
    "A real SIGKILL of `synib bench` just after a run's first checkpoint lands; the same command again ends with the same records."
    args = ["bench", "mosi", "--fixture", "--out", tmp_path, "--seeds", "0", "--method", "ce", "synib"]
    root = tmp_path / "mosi-fixture"
    p = subprocess.Popen([SYNIB, *map(str, args)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    give_up = time.monotonic() + 300                                     # a deadline for the wait, not a timing claim
    while p.poll() is None and not any((root / "ckpt").glob("*/state.json")) and time.monotonic() < give_up: time.sleep(0.002)
    p.send_signal(signal.SIGKILL); p.wait()
    assert p.returncode == -signal.SIGKILL and not (root / "results.json").exists()     # killed in the middle of the benchmark,
    assert any((root / "ckpt").glob("*/state.json"))                                      # with a checkpoint to resume from
    r = cli(*args, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert _records(root) == _records(reference[1])


@pytest.mark.parametrize("kind", ["run record", "checkpoint state", "checkpoint signature", "weights"])
def test_damaged_state_files(kind, reference, tmp_path):
    "Each kind of state file, truncated: the rerun recovers (same results) or stops naming the file."
    out = tmp_path / "o"; shutil.copytree(reference[1].parent, out)
    root = out / "mosi-fixture"
    if kind == "run record":
        f = root / "runs" / "ce-s0.json"; f.write_text(f.read_text()[:40])
        with pytest.raises(Exception) as e: _bench(out)
        assert "ce-s0.json" in str(e.value) and type(e.value).__name__ == "StateError"
        f.unlink(); assert _bench(out)["rows"] == reference[0]["rows"]                    # deleting it, as told, recovers
    elif kind == "weights":
        for f in (root / "runs" / "ce-s0.json", root / "runs" / "synib-s0.json"): f.unlink()
        w = root / "models" / "unimodal-vision-s0.pt"; w.write_bytes(w.read_bytes()[:100])
        with pytest.raises(Exception) as e: _bench(out)
        assert "unimodal-vision-s0.pt" in str(e.value) and type(e.value).__name__ == "StateError"
    else:
        (root / "runs" / "synib-s0.json").unlink()                         # synib must train again, from a checkpoint
        import synib.bench.run as R
        bench = R.Bench(R.BenchConfig("mosi", fixture=True, out=str(out), seeds=(0,), methods=("ce", "synib"), progress=False))
        run = next(r for r in R.make_plan(bench.cfg) if r.method == "synib")
        ck = root / "ckpt" / run.id; ck.mkdir(parents=True)
        if kind == "checkpoint signature":
            (ck / "signature.json").write_text('{"dataset": "mo')
            with pytest.raises(Exception) as e: _bench(out)
            assert "signature.json" in str(e.value)
        else:
            (ck / "signature.json").write_text(json.dumps(bench.signature(run)))
            (ck / "state.json").write_text('{"version": 1, "di')              # a torn state file: warned, discarded
            with pytest.warns(UserWarning, match="state.json"): summary = _bench(out)
            assert summary["rows"] == reference[0]["rows"]
