"Run every notebook in `nbs/` as one pytest test (what `nbdev_test` does, but with a pytest summary line)."
from pathlib import Path

import pytest
from nbdev.test import test_nb as run_notebook  # aliased, or pytest would collect nbdev's `test_nb`

NBS = Path(__file__).resolve().parent.parent / "nbs"
NOTEBOOKS = sorted(p for p in NBS.glob("*.ipynb") if not p.name.startswith("_"))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook(nb: Path, monkeypatch):
    monkeypatch.chdir(nb.parent)
    ok, secs = run_notebook(nb, skip_flags=["notest", "slow"])
    assert ok, f"{nb.name} failed (see the cell traceback above)"
