"""Render the notebooks to standalone, executed HTML pages: the docs site without Quarto.

    python tools/render_docs.py                       # every notebook in nbs/ -> _docs/*.html, 2 at a time
    python tools/render_docs.py nbs/04_xor_lab.ipynb  # some of them
    python tools/render_docs.py --to ipynb --out nbs  # only execute, in place (the Pages workflow, before nbdev_docs)

Quarto cannot be installed on the machines CI runs on, so CI proves the pages this way and tests them in a
browser (tests/test_docs.py). The real site is built by nbdev + Quarto in .github/workflows/deploy.yaml.

Each notebook is executed by nbconvert in a fresh kernel (cwd nbs/, like nbdev_test) and turned into a page the way
nbdev's docs processors would show it:

* `#| eval: false` cells, and cells with a test flag from settings.ini (`tst_flags`, e.g. `#| slow`), are shown
  but not executed (nbclient's `skip-execution` tag);
* `#| hide`, `#| export`, `#| exporti`, `#| default_exp` and `#| include: false` cells are executed but not shown;
  every exported function or class gets a `show_doc` cell after its cell, as nbdev's `add_show_docs` does, and
  show_doc cells show only their output (nbdev's `clean_show_doc`);
  `#| echo: false` hides a cell's code, `#| output: false` its output; `#| exports` cells show their code;
* every other `#|` directive line is stripped from the code shown;
* each page gets a Colab badge under its title (a link to `<git_url>/blob/<branch>/nbs/<name>.ipynb` on Colab) and
  previous/next links in sidebar order (nbs/sidebar.yml); links to `*.ipynb` become links to `*.html`.

Everything a page needs is local, so it renders offline: plotly.js is embedded by plotly's `notebook` renderer
(PLOTLY_RENDERER=notebook; the per-figure MathJax <script> it adds from a CDN is dropped, the page's MathJax serves
it), and require.js, the ipywidgets HTML manager (so saved widget state renders) and MathJax 2 are copied into
`<out>/_static/` from npm packages fetched once into an ignored cache (build/docs-assets/, or $SYNIB_DOCS_ASSETS)
with `npm pack`. Without npm (or the npm registry) pages still render: widgets show a note instead of their
controls, and math stays as TeX. The Colab badge image is a local SVG.

`<out>/render.json` records, per notebook, success, seconds, errors and the asset mode; the exit status is 1 if
any notebook failed.
"""
from __future__ import annotations

import argparse, ast, concurrent.futures as cf, configparser, copy, html, json, multiprocessing as mp, os, re, shutil
import subprocess, sys, tarfile, time, traceback, uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / "nbs"
DEFAULT_OUT = ROOT / "_docs"
ASSET_CACHE = Path(os.environ.get("SYNIB_DOCS_ASSETS", ROOT / "build" / "docs-assets"))

# The environment every notebook runs in (the kernel inherits it).
RENDER_ENV = {"PLOTLY_RENDERER": "notebook", "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
              "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TQDM_DISABLE": "1"}

# npm packages (exact versions) -> where their files go under <out>/_static/.
NPM_ASSETS = {
    "requirejs@2.3.8": {"require.js": "require.js"},
    "@jupyter-widgets/html-manager@1.0.15": {"dist/": "html-manager/"},
    "mathjax@2.7.9": {p: "mathjax/" + p for p in (
        "MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions/", "jax/input/TeX/", "jax/output/CommonHTML/",
        "jax/output/PreviewHTML/", "jax/element/", "fonts/HTML-CSS/TeX/woff/", "localization/en/")},
}
REQUIRE_JS, WIDGETS_JS = "_static/require.js", "_static/html-manager/embed-amd.js"
# The widget manager's bundles load their icon font relative to the AMD names they are defined under, i.e. from
# <page folder>/@jupyter-widgets/ and <page folder>/@jupyter-widgets/html-manager/dist/: the fonts go there too.
WIDGET_FONT_DIRS = ("@jupyter-widgets", "@jupyter-widgets/html-manager/dist")
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".eot", ".svg")
MATHJAX_JS = "_static/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
COLAB_BADGE_URL = "https://colab.research.google.com/assets/colab-badge.svg"
COLAB_BADGE = "_static/colab-badge.svg"
# An "Open in Colab" badge drawn here, so that pages load no image from the network.
COLAB_BADGE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="117" height="20" role="img" aria-label="Open in Colab">
<title>Open in Colab</title><rect width="117" height="20" rx="3" fill="#555"/><rect x="43" width="74" height="20" rx="3" fill="#f9ab00"/>
<rect x="43" width="6" height="20" fill="#f9ab00"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="6" y="14">Open</text><text x="50" y="14" fill="#333">in Colab</text></g></svg>
"""
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
HIDE_DIRECTIVES = {"hide", "export", "exporti", "default_exp"}
DOC_DIRECTIVES = {"export", "exports", "exec_doc"}
MARK = "synib_docs"          # cell metadata key for cells this tool adds


# ---------------------------------------------------------------------------------------------------- configuration
def settings() -> configparser.SectionProxy:
    cfg = configparser.ConfigParser(delimiters=["="])
    cfg.read(ROOT / "settings.ini", encoding="utf-8")
    return cfg["DEFAULT"]


def colab_url(name: str, cfg=None) -> str:
    "Colab link for `nbs/<name>.ipynb` on the repository's default branch."
    cfg = cfg or settings()
    repo = cfg["git_url"].rstrip("/").split("github.com/", 1)[1]
    return f"https://colab.research.google.com/github/{repo}/blob/{cfg.get('branch', 'main')}/nbs/{name}.ipynb"


def sidebar_files(path: Path = NBS / "sidebar.yml") -> list[str]:
    "Notebook file names in sidebar order (nested sections flattened)."
    import yaml
    def walk(items):
        for it in items:
            if isinstance(it, str): yield it
            elif isinstance(it, dict):
                if isinstance(it.get("href"), str): yield it["href"]
                if isinstance(it.get("file"), str): yield it["file"]
                yield from walk(it.get("contents", []))
    if not path.exists(): return []
    return list(walk(yaml.safe_load(path.read_text(encoding="utf-8"))["website"]["sidebar"]["contents"]))


def all_notebooks() -> list[Path]:
    return sorted(p for p in NBS.glob("*.ipynb") if not p.name.startswith("_"))


# ---------------------------------------------------------------------------------------------------- assets (npm)
def _npm_pack(spec: str, dest: Path) -> Path:
    out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(dest)], capture_output=True,
                         text=True, timeout=300)
    if out.returncode: raise RuntimeError(f"npm pack {spec} failed: {out.stderr.strip()[-500:]}")
    return dest / json.loads(out.stdout)[0]["filename"]


def fetch_assets(cache: Path = ASSET_CACHE) -> tuple[Path | None, str]:
    "Unpacked npm packages in `cache` (fetched once); (None, reason) when npm cannot provide them."
    done = cache / ".complete"
    if done.exists() and done.read_text() == json.dumps(sorted(NPM_ASSETS)): return cache, "ok"
    if not shutil.which("npm"): return None, "npm not found"
    cache.mkdir(parents=True, exist_ok=True)
    try:
        for spec in NPM_ASSETS:
            tgz = _npm_pack(spec, cache)
            target = cache / spec.rsplit("@", 1)[0].replace("/", "__")
            shutil.rmtree(target, ignore_errors=True)
            with tarfile.open(tgz) as tf:
                try: tf.extractall(target, filter="data")
                except TypeError: tf.extractall(target)              # Python without tarfile filters
            tgz.unlink()
    except Exception as e:
        return None, f"could not fetch the widget/MathJax JavaScript from npm ({e})"
    done.write_text(json.dumps(sorted(NPM_ASSETS)))
    return cache, "ok"


def install_assets(out: Path) -> dict:
    "Copy the page assets into `out/_static`; returns the asset mode recorded in render.json."
    static = out / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "colab-badge.svg").write_text(COLAB_BADGE_SVG, encoding="utf-8")
    cache, reason = fetch_assets()
    if cache is None:
        print(f"render_docs: {reason}: pages are rendered without the ipywidgets runtime and MathJax "
              "(widgets show a note, math stays TeX). Install npm to get them.", file=sys.stderr)
        return {"js": False, "reason": reason}
    for spec, files in NPM_ASSETS.items():
        pkg = cache / spec.rsplit("@", 1)[0].replace("/", "__") / "package"
        for src, dst in files.items():
            s, d = pkg / src, static / dst
            if src.endswith("/"):
                shutil.copytree(s, d, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map", "embed.js", "libembed-amd.js"))
            else:
                d.parent.mkdir(parents=True, exist_ok=True); shutil.copy2(s, d)
    fonts = [f for f in (static / "html-manager").iterdir() if f.suffix in FONT_SUFFIXES]
    for sub in WIDGET_FONT_DIRS:
        (out / sub).mkdir(parents=True, exist_ok=True)
        for f in fonts: shutil.copy2(f, out / sub / f.name)
    return {"js": True, "reason": "ok", "npm": sorted(NPM_ASSETS)}


# ---------------------------------------------------------------------------------------------------- nbdev directives
def directives(cell) -> dict:
    "nbdev's reading of a code cell's leading `#|` lines: {'hide': [], 'eval:': ['false'], ...}."
    from nbdev.process import extract_directives
    return extract_directives(copy.deepcopy(cell), remove=False) if cell.cell_type == "code" else {}


def _off(d: dict, key: str) -> bool:
    return str((d.get(key + ":") or [""])[0]).lower() == "false"


def _shown_source(src: str) -> str:
    "The code as the docs show it: leading directive lines and `#|hide_line` lines removed."
    lines = src.splitlines()
    i = 0
    while i < len(lines) and (not lines[i].strip() or re.match(r"\s*#\s*\|", lines[i])): i += 1
    body = [l for l in lines[i:] if not re.search(r"#\s*\|\s*hide_line\s*$", l)]
    return "\n".join(body).strip("\n")


def _doc_names(src: str, shown: set) -> list[str]:
    "Public functions/classes defined at the top of an exported cell that have no show_doc yet (nbdev's rule)."
    from nbdev.showdoc import showdoc_nm
    try: tree = ast.parse(_shown_source(src))
    except SyntaxError: return []
    defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    names = [showdoc_nm(o) for o in tree.body if isinstance(o, defs)]
    return [n for n in names if n not in shown and (not n.split(".")[-1].startswith("_") or n.split(".")[-1].startswith("__"))]


def _show_doc_calls(nb) -> set:
    found = set()
    for c in nb.cells:
        if c.cell_type == "code": found |= set(re.findall(r"^show_doc\(\s*([\w.]+)", c.source, re.M))
    return found


def prepare(nb, skip_flags=()) -> None:
    "Before execution: tag cells that must not run, and add nbdev's show_doc cells after exported definitions."
    import nbformat
    shown, cells = _show_doc_calls(nb), []
    setup = nbformat.v4.new_code_cell("from nbdev.showdoc import show_doc")
    setup.metadata[MARK] = {"hidden": True}
    cells.append(setup)
    for c in nb.cells:
        cells.append(c)
        if c.cell_type != "code": continue
        d = directives(c)
        if _off(d, "eval") or set(d) & set(skip_flags):
            tags = c.metadata.setdefault("tags", [])
            if "skip-execution" not in tags: tags.append("skip-execution")
            c.metadata[MARK] = {"skipped": True}
        if set(d) & DOC_DIRECTIVES and "hide" not in d and not _off(d, "include") and not c.metadata.get(MARK):
            for name in _doc_names(c.source, shown):
                sd = nbformat.v4.new_code_cell(f"show_doc({name})")
                sd.metadata[MARK] = {"show_doc": True}
                cells.append(sd); shown.add(name)
    nb.cells = cells


# ---------------------------------------------------------------------------------------------------- after execution
_SRC_LINK = re.compile(r"\[source\]\(([^)\s]+?)(?:#LNone)?\)\{target=\"_blank\" style=\"([^\"]*)\"\}")
_MATHJAX_CDN = re.compile(r"<script[^>]*src=\"https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^\"]*\"[^>]*>\s*</script>")
_IPYNB_LINK = re.compile(r"(\]\(|href=\")(?!https?:|//|#)([^)\"\s#]+?)\.ipynb(#[^)\"\s]*)?(?=[)\"])")


def _fix_markdown(text: str) -> str:
    text = _IPYNB_LINK.sub(lambda m: f"{m[1]}{m[2]}.html{m[3] or ''}", text)
    return text.replace(COLAB_BADGE_URL, COLAB_BADGE)


def _join(v): return "".join(v) if isinstance(v, list) else v


def _fix_outputs(cell, widgets: bool) -> None:
    cell.outputs = _fixed(cell.get("outputs", []), widgets)


def _fixed(outputs: list, widgets: bool) -> list:
    outs = []
    for o in outputs:
        data = o.get("data")
        if data is not None:
            if "text/html" in data:        # plotly's notebook renderer adds MathJax 3 from a CDN to every figure
                data["text/html"] = _MATHJAX_CDN.sub("", _join(data["text/html"]))
            if "text/markdown" in data:    # show_doc's Quarto link attributes, which plain markdown would print
                md = _SRC_LINK.sub(lambda m: f'<a href="{m[1]}" target="_blank" style="{m[2]}">source</a>',
                                   _join(data["text/markdown"]))
                data["text/markdown"] = _fix_markdown(md)
            if WIDGET_VIEW in data and not widgets:
                for k in list(data):
                    if k != "text/plain": del data[k]
                data["text/plain"] = "[interactive widget: it needs the ipywidgets JavaScript, or a live kernel (open the notebook in Colab)]"
        outs.append(o)
    return outs


def _fix_widget_state(nb) -> None:
    "Outputs captured by ipywidgets.Output widgets live in the saved widget state: fix them like cell outputs."
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        st = model.get("state", {})
        if isinstance(st.get("outputs"), list): st["outputs"] = _fixed(st["outputs"], True)


def finish(nb, name: str, nav: dict, widgets: bool, cfg) -> None:
    "After execution: drop hidden cells, strip directives, add the Colab badge and navigation."
    import nbformat
    cells, titled = [], False
    for c in nb.cells:
        mark = c.metadata.pop(MARK, {})
        if "tags" in c.metadata and "skip-execution" in c.metadata.tags and mark.get("skipped"):
            c.metadata.tags.remove("skip-execution")
        if c.cell_type == "markdown":
            c.source = _fix_markdown(c.source)
            cells.append(c)
            if not titled and re.search(r"^#\s", c.source, re.M):    # the title cell: the badge goes right after it
                badge = nbformat.v4.new_markdown_cell(f"[![Open In Colab]({COLAB_BADGE})]({colab_url(name, cfg)})")
                cells.append(badge); titled = True
            continue
        if c.cell_type != "code": cells.append(c); continue
        if mark.get("hidden"): continue
        d = directives(c)
        if set(d) & HIDE_DIRECTIVES or _off(d, "include"): continue
        if mark.get("show_doc") or _off(d, "echo") or re.search(r"^show_doc", c.source, re.M):   # nbdev's clean_show_doc
            c.metadata["transient"] = {"remove_source": True}
        if _off(d, "output"): c.outputs = []
        c.source = _shown_source(c.source)
        _fix_outputs(c, widgets)
        if not c.source.strip() and not c.outputs: continue
        cells.append(c)
    if not titled: cells.insert(0, nbformat.v4.new_markdown_cell(f"[![Open In Colab]({COLAB_BADGE})]({colab_url(name, cfg)})"))
    links = [("synib docs", "index.html"), ("← " + (nav.get("prev_title") or ""), nav.get("prev")),
             ((nav.get("next_title") or "") + " →", nav.get("next"))]
    nav_cell = nbformat.v4.new_markdown_cell('<nav class="synib-nav">' + " · ".join(
        f'<a href="{html.escape(h)}">{html.escape(t)}</a>' for t, h in links if h) + "</nav>")
    nb.cells = [nav_cell] + cells
    if widgets: _fix_widget_state(nb)
    else: nb.metadata.pop("widgets", None)


# ---------------------------------------------------------------------------------------------------- HTML
PAGE_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{% from 'mathjax.html.j2' import mathjax %}
{%- block html_head_js_requirejs -%}
{%- if resources.synib_js -%}<script src="{{ resources.require_js_url }}"></script>{%- endif -%}
{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}
{%- if resources.synib_js -%}{{ mathjax(resources.mathjax_url) }}{%- endif -%}
{%- endblock html_head_js_mathjax -%}
{% block extra_css %}
<link rel="icon" href="data:,">
<style type="text/css">
  body { max-width: 1100px; margin: 0 auto !important; }
  nav.synib-nav { font-size: 90%; padding: 0.5em 0; border-bottom: 1px solid #ddd; }
  .jp-RenderedMarkdown pre { background: #f6f8fa; padding: 0.6em 0.8em; border-radius: 4px; overflow-x: auto; }
</style>
{% endblock extra_css %}
"""


def to_html(nb, js: bool, title: str = "") -> str:
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    ex = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"synib_page.html.j2": PAGE_TEMPLATE})],
                      template_file="synib_page.html.j2", exclude_input_prompt=True, exclude_output_prompt=True,
                      require_js_url=REQUIRE_JS, widget_renderer_url=WIDGETS_JS, mathjax_url=MATHJAX_JS)
    if title: nb.metadata["title"] = title                          # the page's <title> (else nbconvert's "Notebook")
    body, _ = ex.from_notebook_node(nb, resources={"synib_js": js, "metadata": {"name": title or "synib"}})
    return body


# ---------------------------------------------------------------------------------------------------- one notebook
def _title(path: Path) -> str:
    import nbformat
    nb = nbformat.read(str(path), as_version=4)
    for c in nb.cells:
        m = c.cell_type == "markdown" and re.search(r"^#\s+(.+)$", c.source, re.M)
        if m: return re.sub(r"[`*_]", "", m[1]).strip()
    return path.stem


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _short(msg: str, head: int = 1500, tail: int = 2000) -> str:
    "An error without terminal colours: the failing cell (head) and the exception (tail)."
    msg = _ANSI.sub("", msg)
    return msg if len(msg) <= head + tail else msg[:head] + "\n[...]\n" + msg[-tail:]


def render_one(path: str, out: str, to: str, js: bool, nav: dict, timeout: int) -> dict:
    "Execute one notebook and write its page (or executed notebook). Runs in a worker process."
    import nbformat
    from nbclient.exceptions import CellExecutionError
    from nbconvert.preprocessors import ExecutePreprocessor
    os.environ.update(RENDER_ENV)
    path, out, t0 = Path(path), Path(out), time.time()
    cfg = settings()
    res = {"name": path.stem, "notebook": path.name, "ok": False, "error": None}
    try:
        nb = nbformat.read(str(path), as_version=4)
        skip = [f for f in re.split(r"[|,\s]+", cfg.get("tst_flags", "")) if f]
        if to == "html": prepare(nb, skip)
        else:
            for c in nb.cells:
                d = directives(c)
                if _off(d, "eval") or set(d) & set(skip):
                    c.metadata.setdefault("tags", []).append("skip-execution"); c.metadata[MARK] = {"skipped": True}
        for attempt in range(3):
            ep = ExecutePreprocessor(timeout=timeout, kernel_name="python3", store_widget_state=True,
                                     extra_arguments=["--IPKernelApp.log_level=ERROR"])   # no "TCP without encryption" noise
            try:
                ep.preprocess(nb, {"metadata": {"path": str(path.parent)}})
                res["ok"] = True
            except CellExecutionError as e:
                res["error"] = _short(str(e))
            except RuntimeError as e:   # the kernel died while starting (seen once in CI, two kernels starting at once):
                if "Kernel died before replying" not in str(e) or attempt == 2: raise   # no cell ran yet: start another
                time.sleep(2)
                continue
            break
        res["exec_seconds"] = round(time.time() - t0, 1)
        if to == "html":
            finish(nb, path.stem, nav, js, cfg)
            target = out / f"{path.stem}.html"
            target.write_text(to_html(nb, js, f"{_title(path)} – synib"), encoding="utf-8")
        else:
            for c in nb.cells:
                if c.metadata.pop(MARK, {}).get("skipped"): c.metadata.tags.remove("skip-execution")
                if "tags" in c.metadata and not c.metadata.tags: del c.metadata["tags"]
            target = out / path.name
            tmp = target.with_suffix(".tmp")
            nbformat.write(nb, str(tmp)); tmp.replace(target)
        res["output"] = target.name
        res["bytes"] = target.stat().st_size
    except Exception:
        res["ok"], res["error"] = False, _short(traceback.format_exc())
    res["seconds"] = round(time.time() - t0, 1)
    return res


# ---------------------------------------------------------------------------------------------------- all of them
def render(notebooks: list[Path] | None = None, out: Path = DEFAULT_OUT, to: str = "html", jobs: int = 2,
           timeout: int = 600, run_id: str | None = None, quiet: bool = False) -> dict:
    "Render `notebooks` (default: all in nbs/) into `out`, `jobs` at a time; returns (and writes) the summary."
    t0 = time.time()
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    notebooks = [Path(p).resolve() for p in (notebooks or all_notebooks())]
    for p in notebooks:
        if not p.exists(): raise FileNotFoundError(f"no such notebook: {p}")
    assets = install_assets(out) if to == "html" else {"js": False, "reason": "ipynb output"}
    order = [NBS / f for f in sidebar_files() if (NBS / f).exists()]
    order += [p for p in all_notebooks() if p not in order]
    titles = {p: _title(p) for p in order}
    def nav(p):
        if p not in order: return {}
        i = order.index(p)
        prev, nxt = (order[i - 1] if i > 0 else None), (order[i + 1] if i + 1 < len(order) else None)
        return {"prev": prev and prev.stem + ".html", "prev_title": prev and titles[prev],
                "next": nxt and nxt.stem + ".html", "next_title": nxt and titles[nxt]}
    old = {}
    if (out / "render.json").exists():       # longest first, from the last run's timings, keeps both workers busy
        try: old = {r["notebook"]: r.get("seconds", 0) for r in json.loads((out / "render.json").read_text())["results"]}
        except Exception: pass
    todo = sorted(notebooks, key=lambda p: -old.get(p.name, p.stat().st_size / 1e4))
    results = []
    with cf.ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=mp.get_context("spawn")) as pool:
        futs = {pool.submit(render_one, str(p), str(out), to, assets["js"], nav(p), timeout): p for p in todo}
        for f in cf.as_completed(futs):
            r = f.result(); results.append(r)
            if not quiet:
                print(f"render_docs: {r['notebook']:<26} {'ok' if r['ok'] else 'FAILED':<6} {r['seconds']:6.1f} s",
                      flush=True)
                if r["error"]: print(r["error"], file=sys.stderr, flush=True)
    results.sort(key=lambda r: r["notebook"])
    summary = {"run_id": run_id or uuid.uuid4().hex, "to": to, "jobs": jobs, "assets": assets,
               "wall_seconds": round(time.time() - t0, 1), "ok": all(r["ok"] for r in results), "results": results}
    if to == "html": (out / "render.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    if not quiet:
        print(f"render_docs: {sum(r['ok'] for r in results)}/{len(results)} notebooks in {summary['wall_seconds']} s "
              f"({jobs} at a time) -> {out}", flush=True)
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to render (default: every nbs/*.ipynb)")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: _docs)")
    ap.add_argument("--to", choices=["html", "ipynb"], default="html", help="pages, or executed notebooks only")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks rendered at once (default: 2)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default: 600)")
    ap.add_argument("--run-id", default=None, help="identifier recorded in render.json")
    a = ap.parse_args(argv)
    s = render([Path(p) for p in a.notebooks] or None, Path(a.out), a.to, a.jobs, a.timeout, a.run_id)
    return 0 if s["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
