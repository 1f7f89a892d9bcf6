"The repository is in sync with its notebooks: `synib/` is what `nbdev_export` makes, notebooks are clean, README is the index."
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _snapshot(folder: Path, pattern: str) -> dict:
    return {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in sorted(folder.rglob(pattern))}


def _changed(before: dict, after: dict) -> list:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def _run(*cmd):
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)


def test_export_is_in_sync():
    before = _snapshot(ROOT / "synib", "*.py")
    _run(sys.executable, "-c", "from nbdev.doclinks import nbdev_export; nbdev_export()")
    changed = _changed(before, _snapshot(ROOT / "synib", "*.py"))
    assert not changed, f"nbdev_export changed {changed}: run nbdev_export and commit the result"


def test_notebooks_are_clean():
    before = _snapshot(ROOT / "nbs", "*.ipynb")
    _run(sys.executable, "-c", "from nbdev.clean import nbdev_clean; nbdev_clean()")
    changed = _changed(before, _snapshot(ROOT / "nbs", "*.ipynb"))
    assert not changed, f"nbdev_clean changed {changed}: run nbdev_clean and commit the result"


def test_readme_matches_index():
    sys.path.insert(0, str(ROOT / "tools"))
    from readme import index_markdown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == index_markdown(ROOT / "nbs" / "index.ipynb"), \
        "README.md is out of date: run `python tools/readme.py`"


def test_version():
    import synib
    assert isinstance(synib.__version__, str) and synib.__version__.count(".") == 2
