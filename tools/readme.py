"""Build README.md from nbs/index.ipynb without Quarto (which cannot be installed here).

    python tools/readme.py          # write README.md
    python tools/readme.py --check  # exit 1 if README.md is out of date

nbdev directives are honoured the way nbdev's README does: `#| hide` cells are dropped and
directive lines (`#| ...`) are removed from the code that is shown.
"""
import copy, sys
from pathlib import Path

import nbformat
from nbconvert import MarkdownExporter

ROOT = Path(__file__).resolve().parent.parent


def _directives(src: str) -> set:
    return {l[3:].strip().split()[0] for l in src.splitlines() if l.startswith("#| ") and l[3:].strip()}


def index_markdown(path=ROOT / "nbs" / "index.ipynb") -> str:
    "Markdown of the index notebook as the README shows it."
    nb = nbformat.read(str(path), as_version=4)
    nb = copy.deepcopy(nb)
    cells = []
    for c in nb.cells:
        if c.cell_type == "code":
            if {"hide", "exporti", "exec_doc"} & _directives(c.source): continue
            c.source = "\n".join(l for l in c.source.splitlines() if not l.startswith("#|")).strip("\n")
        elif c.cell_type == "raw":
            continue  # quarto front matter
        cells.append(c)
    nb.cells = cells
    body, _ = MarkdownExporter().from_notebook_node(nb)
    header = "<!-- Generated from nbs/index.ipynb by `python tools/readme.py`: edit the notebook, not this file. -->\n\n"
    return header + body.strip() + "\n"


if __name__ == "__main__":
    md, out = index_markdown(), ROOT / "README.md"
    if "--check" in sys.argv:
        ok = out.exists() and out.read_text(encoding="utf-8") == md
        print("README.md is up to date" if ok else "README.md is out of date: run python tools/readme.py")
        sys.exit(0 if ok else 1)
    out.write_text(md, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
