"""`synib bench` end to end on format-faithful copies of every real layout, through the real console script.

Each fixture carries the real files' quirks (front zero-padding, NaN, MUStARD's 5e7/3e30 values, empty text rows,
RGBA/palette/grey images, a clip without frames, the authors' CREMA-D fold file). Every row of the paper's table
trains on each; no run trains on NaN; `--check` names every bad file; the parquet variants load as well.
"""
import json, math
from pathlib import Path

import pytest

from clitools import cli as _cli

DATASETS = ["mosi", "mustard", "urfunny", "hateful_memes", "cremad_irony"]


def cli(*args, timeout=600): return _cli(*args, timeout=timeout)


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_row_on_the_fixture(dataset, tmp_path):
    from synib.bench.run import BENCH_METHODS
    r = cli("bench", dataset, "--fixture", "--seeds", "0", "--out", tmp_path, "--json")
    assert r.returncode == 0, r.stderr[-3000:]
    summary = json.loads(r.stdout)
    rows = {row["row"]: row for row in summary["rows"]}
    assert set(BENCH_METHODS) <= set(rows), sorted(rows)
    for name, row in rows.items():
        assert math.isfinite(row["acc"]) and 0 <= row["acc"] <= 100, (name, row)
    root = next(tmp_path.glob(f"{dataset}*-fixture"))
    for f in (root / "runs").glob("*.json"):                                 # no run trained on NaN
        rec = json.loads(f.read_text())
        assert all(math.isfinite(v) for row in rec["logits"] for v in row), f.name
    report = cli("report", root)
    assert report.returncode == 0 and "synergy report card" in report.stdout, report.stderr[-2000:]


def test_parquet_variants(tmp_path):
    "Hugging Face exports: images embedded, or relative paths resolved against the dataset folder."
    from synib.bench.hateful_memes import HATEFUL_MEMES, write_hm_fixture
    for layout in ("parquet", "parquet-paths"):
        data = write_hm_fixture(HATEFUL_MEMES, tmp_path / layout, n=24, layout=layout)
        r = cli("bench", "hateful_memes", "--fixture", "--data", data, "--seeds", "0", "--method", "ce", "--out", tmp_path / f"o-{layout}")
        assert r.returncode == 0, (layout, r.stderr[-3000:])


def _bad_files(dataset, root):
    "Break files the way real copies break; return the names that --check must report."
    if dataset == "hateful_memes":
        imgs = sorted((root / "img").glob("*.png"))
        imgs[3].write_bytes(b"")                                                             # an empty image
        imgs[5].write_text("version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 3\n")   # a git-lfs pointer
        imgs[8].write_bytes(imgs[8].read_bytes()[:40])                                       # a truncated PNG
        return [imgs[3].name, imgs[5].name, imgs[8].name]
    wavs = sorted((root / "AudioWAV").glob("*.wav"))
    wavs[2].write_bytes(b"")                                                                 # an empty WAV
    wavs[4].write_text("version https://git-lfs.github.com/spec/v1\noid sha256:cd\nsize 3\n")
    frame = sorted((root / "Image-01-FPS").glob("*/00001.jpg"))[6]
    frame.write_bytes(b"\xff\xd8\xff" + b"\x00" * 10)                                       # a broken JPEG
    return [wavs[2].name, wavs[4].name, frame.parent.name]


@pytest.mark.parametrize("dataset", ["hateful_memes", "cremad_irony"])
def test_check_names_every_bad_file(dataset, tmp_path):
    from synib.bench.data import make_fixture
    root = make_fixture(dataset, tmp_path / dataset)
    assert cli("bench", dataset, "--data", root, "--check").returncode == 0
    names = _bad_files(dataset, root)
    r = cli("bench", dataset, "--data", root, "--check")
    assert r.returncode == 2
    for n in names: assert n in r.stdout, (n, r.stdout)
    t = cli("bench", dataset, "--fixture", "--data", root, "--out", tmp_path / "o")     # a run refuses to start
    assert t.returncode == 2 and "bad file(s)" in t.stderr and "Traceback" not in t.stderr, t.stderr[-2000:]
    assert not (tmp_path / "o" / f"{dataset}-fixture" / "runs").exists() or not list((tmp_path / "o").rglob("runs/*.json"))


def test_multibench_corrupt_values_are_dropped_not_trained_on(tmp_path):
    "MUStARD's corrupt magnitudes (5e7, 3e30) are dropped as the authors do, and --check reports the repairs."
    from synib.bench.data import make_fixture
    root = make_fixture("mustard", tmp_path / "mustard")
    r = cli("bench", "mustard", "--data", root, "--check")
    assert r.returncode == 0 and "|value| > 1e6" in r.stdout, r.stdout


def test_non_finite_loss_stops_the_run(tmp_path):
    "A learning rate that blows the loss up stops the run with the dataset, run, step and samples named."
    r = cli("bench", "mosi", "--fixture", "--seeds", "0", "--method", "ce", "--lr", "1e30", "--out", tmp_path)
    assert r.returncode == 2, r.stderr[-2000:]
    line = [l for l in r.stderr.splitlines() if l.startswith("synib bench:")][0]
    assert "mosi" in line and "step" in line and "samples" in line, line
    assert not list(tmp_path.rglob("runs/ce-*.json"))                         # nothing reported as a result
