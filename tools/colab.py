"""Write each notebook's first code cell, which installs what the notebook needs when it runs in Colab.

    python tools/colab.py          # rewrite the cells from settings.ini's git_url
    python tools/colab.py --check  # exit 1 if a notebook's cell is out of date

The repository URL comes from settings.ini (`git_url`), the one place to change it. A notebook that imports the
benchmark code (or the packages of the `bench` extra) installs `synib[nb,bench]`, every other one `synib[nb]`.
"""
import configparser, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = re.compile(r"\b(synib\.bench|synib\.cli|datasets|transformers|accelerate|PIL)\b")
MARK = "google.colab"


def git_url() -> str:
    cfg = configparser.ConfigParser(); cfg.read(ROOT / "settings.ini")
    return cfg["DEFAULT"]["git_url"].rstrip("/")


def cell_source(nb: dict) -> str:
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code" and MARK not in "".join(c["source"]))
    extras = "nb,bench" if BENCH.search(code) else "nb"
    return ("#| hide\n# In Colab, install what this notebook needs (nothing happens elsewhere)\nimport sys\n"
            f"if \"{MARK}\" in sys.modules: get_ipython().system('pip install -q \"synib[{extras}] @ git+{git_url()}.git\"')")


def main(check: bool = False) -> int:
    stale = []
    for path in sorted((ROOT / "nbs").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if c["cell_type"] == "code" and MARK in "".join(c["source"])]
        if len(cells) != 1: stale.append(f"{path.name}: {len(cells)} Colab cells (expected 1)"); continue
        want = cell_source(nb)
        if "".join(cells[0]["source"]) == want: continue
        stale.append(path.name)
        if not check:
            cells[0]["source"] = want.splitlines(keepends=True)
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if check and stale: print("out of date:", ", ".join(stale), "(run python tools/colab.py)")
    return 1 if check and stale else 0


if __name__ == "__main__": sys.exit(main("--check" in sys.argv))
