"""The docs site: its configuration, and every notebook rendered to HTML and checked in a real browser.

Quarto cannot be installed here, so the pages are rendered by `tools/render_docs.py` (nbconvert, executed, with
plotly.js and the widget/MathJax JavaScript local) into `_docs/`, once per test session: under `pytest -n 2` the
first worker to need the pages renders them (2 notebooks at a time) while holding a file lock, and the other worker
waits for the lock and reuses them (the session's xdist run id is recorded in `_docs/render.json`).
Set SYNIB_DOCS_REUSE=1 to reuse whatever `_docs/` holds (quick reruns while working on this file).

The browser is Debian's chromium (headless, fresh profile) driven by Playwright; if `/usr/bin/chromium` is missing it
is installed with apt-get when we are root, else another Chrome/Chromium on PATH is used, else (only then) the
browser checks are skipped with the reason. Screenshots go to artifacts/screenshots/. A page fails on any page error,
any console *error* and any request outside the local server; console warnings are allowed (the widget manager's
schema compiler logs "strict mode: use allowUnionTypes ..." warnings, which change nothing).
The Quarto site's Colab filter (nbs/colab_badge.lua) is run with pandoc, installed the same way if missing.
"""
from __future__ import annotations

import functools, http.server, json, os, re, shutil, subprocess, sys, tempfile, threading, uuid
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
NBS, DOCS, SHOTS = ROOT / "nbs", ROOT / "_docs", ROOT / "artifacts" / "screenshots"
sys.path.insert(0, str(ROOT / "tools"))
import render_docs as rd  # noqa: E402

NOTEBOOKS = [p.stem for p in rd.all_notebooks()]
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex   # one per test session, shared by workers
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
MAX_TEXT_OUTPUT = 3000      # characters in one text output
MAX_TENSOR_LINES = 4        # a printed tensor longer than this is a dump, not an illustration
MAX_FIG_WIDTH, FIG_HEIGHT = 1100, (200, 1000)   # px: plotly figures fit the page (body is 1100 px wide)


# ================================================================================================ configuration files
def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_quarto_config_files_parse():
    top = ROOT / "_quarto.yml"
    assert top.is_symlink() and top.resolve() == (NBS / "_quarto.yml").resolve(), "_quarto.yml must link to nbs/_quarto.yml"
    q = load_yaml(NBS / "_quarto.yml")
    assert q["project"]["type"] == "website"
    assert q["metadata-files"] == ["nbdev.yml", "sidebar.yml"]
    assert q["format"]["html"]["css"] == "styles.css" and (NBS / "styles.css").exists()
    assert "colab_badge.lua" in q["filters"] and (NBS / "colab_badge.lua").exists()
    nbdev_yml = load_yaml(NBS / "nbdev.yml")
    assert nbdev_yml["project"]["output-dir"] == "_docs"
    assert nbdev_yml["website"]["repo-url"] == rd.settings()["git_url"]
    assert load_yaml(NBS / "sidebar.yml")["website"]["sidebar"]["contents"]


def test_nbdev_yml_is_what_nbdev_writes():
    "nbdev_docs rewrites nbs/nbdev.yml from settings.ini, so the committed file must already be that text."
    from nbdev.config import get_config
    from nbdev.quarto import _nbdev_yml
    cfg = get_config()
    vals = {k: cfg[k] for k in ["title", "description", "branch", "git_url", "doc_host", "doc_baseurl"]}
    vals["doc_path"] = cfg.doc_path.name
    assert (NBS / "nbdev.yml").read_text(encoding="utf-8") == _nbdev_yml.format(**vals)


def test_colab_badge_settings_match_settings_ini():
    q, cfg = load_yaml(NBS / "_quarto.yml"), rd.settings()
    assert f"https://github.com/{q['colab']['repo']}" == cfg["git_url"].rstrip("/")
    assert q["colab"]["branch"] == cfg["branch"]
    assert rd.colab_url("10_xor_lab") == "https://colab.research.google.com/github/synib/synib/blob/main/nbs/10_xor_lab.ipynb"


def test_colab_cells_install_from_settings():
    "Each notebook's first cell installs what it imports, from settings.ini's git_url (tools/colab.py writes them)."
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "colab.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_sidebar_lists_every_notebook_once():
    listed = rd.sidebar_files()
    assert len(listed) == len(set(listed)), f"listed twice: {sorted({f for f in listed if listed.count(f) > 1})}"
    on_disk = {p.name for p in rd.all_notebooks()}
    missing = sorted(on_disk - set(listed))
    assert not missing, f"notebooks missing from nbs/sidebar.yml: {missing}"
    ghosts = sorted(f for f in listed if not (NBS / f).exists())
    assert not ghosts, f"nbs/sidebar.yml names notebooks that do not exist: {ghosts}"


def test_sidebar_is_in_teaching_order():
    "index first, then the numbered notebooks in order (the numbers are the teaching order)."
    listed = rd.sidebar_files()
    assert listed[0] == "index.ipynb"
    assert listed[1:] == sorted(listed[1:]), listed


def test_workflows():
    wf = ROOT / ".github" / "workflows"
    test, deploy = load_yaml(wf / "test.yaml"), load_yaml(wf / "deploy.yaml")
    on = lambda w: w.get("on", w.get(True))            # YAML 1.1 reads a bare `on:` key as True
    assert {"push", "pull_request"} <= set(on(test))
    steps = test["jobs"]["test"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses) and any(u.startswith("actions/setup-python@") for u in uses)
    assert "--index-url https://download.pytorch.org/whl/cpu" in runs and 'pip install -e ".[dev]"' in runs
    assert "python -m pytest -n 2 tests" in runs
    assert on(deploy)["push"]["branches"] == ["main"] and "workflow_dispatch" in on(deploy)
    assert deploy["permissions"] == {"contents": "write", "pages": "write"}
    steps = deploy["jobs"]["deploy"]["steps"]
    runs = [s.get("run", "") for s in steps]
    i_exec = next(i for i, r in enumerate(runs) if "tools/render_docs.py --to ipynb --out nbs" in r)
    i_docs = next(i for i, r in enumerate(runs) if r.strip() == "nbdev_docs")
    assert i_exec < i_docs, "the notebooks must be executed before nbdev_docs renders them"
    pub = next(s for s in steps if s.get("uses", "").startswith("peaceiris/actions-gh-pages@"))
    assert pub["with"]["publish_dir"] == "./_docs" and pub["with"]["force_orphan"] is True
    assert deploy["jobs"]["deploy"]["env"]["PLOTLY_RENDERER"] == "notebook"
    assert all("GITHUB_REPOSITORY" in s.get("run", "") for s in steps if "enable_pages" in s.get("run", ""))   # forks work
    i_point = next(i for i, r in enumerate(runs) if "tools/colab.py" in r)
    assert i_point < i_exec, "the site must be pointed at its repository before the notebooks run"


def _find_or_install(tool: str, package: str, path: str | None = None, *, which=shutil.which, run=subprocess.run,
                     is_root: bool | None = None, alternatives=()) -> tuple[str | None, str]:
    "Path to `tool` (installing Debian `package` with apt-get when root), or (None, why not)."
    if path and Path(path).exists(): return path, ""
    for name in (tool, *alternatives):
        found = which(name)
        if found: return found, ""
    is_root = (os.geteuid() == 0) if is_root is None else is_root
    if not (is_root and which("apt-get")):
        return None, f"{tool} is not installed and cannot be installed here (needs root and apt-get)"
    from filelock import FileLock
    with FileLock(str(Path(tempfile.gettempdir()) / "synib-apt-get.lock"), timeout=1800):   # xdist workers take turns
        if path and Path(path).exists(): return path, ""
        if which(tool): return which(tool), ""
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", package]):
            r = run(cmd, capture_output=True, text=True, timeout=900, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            if r.returncode: return None, f"`{' '.join(cmd)}` failed: {(r.stderr or r.stdout)[-400:]}"
    if path and Path(path).exists(): return path, ""
    found = which(tool)
    return (found, "") if found else (None, f"apt-get installed {package} but no {tool} binary appeared")


def find_chromium(path: str = CHROMIUM, **kw) -> tuple[str | None, str]:
    return _find_or_install("chromium", "chromium", path, alternatives=("chromium-browser", "google-chrome",
                                                                        "google-chrome-stable"), **kw)


def test_find_chromium_installs_when_missing():
    "Pointed at a missing binary: as root with apt-get it installs chromium; otherwise it says why it cannot."
    calls = []
    def fake_run(cmd, **kw):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, "", "")
    which = lambda n: "/usr/bin/apt-get" if n == "apt-get" else None
    path, why = find_chromium("/nonexistent/chromium", which=which, run=fake_run, is_root=True)
    assert calls == [["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]
    assert path is None and "no chromium binary" in why               # the fake install installed nothing
    calls.clear()
    path, why = find_chromium("/nonexistent/chromium", which=which, run=fake_run, is_root=False)
    assert path is None and not calls and "needs root" in why
    fail = lambda cmd, **kw: subprocess.CompletedProcess(cmd, 100, "", "E: Unable to locate package chromium")
    path, why = find_chromium("/nonexistent/chromium", which=which, run=fail, is_root=True)
    assert path is None and "Unable to locate package" in why
    assert find_chromium("/nonexistent/chromium", which=lambda n: f"/opt/{n}" if n == "google-chrome" else None)[0] == "/opt/google-chrome"


def test_colab_filter_with_pandoc(tmp_path):
    "nbs/colab_badge.lua, run by pandoc on a notebook: the Colab link comes right after the title."
    pandoc, why = _find_or_install("pandoc", "pandoc")
    if not pandoc: pytest.skip(why)
    meta = tmp_path / "meta.yml"
    meta.write_text(yaml.safe_dump({"colab": load_yaml(NBS / "_quarto.yml")["colab"]}), encoding="utf-8")
    out = subprocess.run([pandoc, str(NBS / "06_data_xor.ipynb"), "--lua-filter", str(NBS / "colab_badge.lua"),
                          "--metadata-file", str(meta), "-t", "html"], capture_output=True, text=True, check=True).stdout
    link = out.index(f'href="{rd.colab_url("06_data_xor")}"')
    assert out.index("</h1>") < link < out.index('class="cell code"'), "the badge should come right after the title"
    assert out.count("colab-badge.svg") == 1
    # Without the `colab:` metadata it falls back to website.repo-url from nbdev.yml.
    meta.write_text(yaml.safe_dump({"website": load_yaml(NBS / "nbdev.yml")["website"]}), encoding="utf-8")
    out = subprocess.run([pandoc, str(NBS / "index.ipynb"), "--lua-filter", str(NBS / "colab_badge.lua"),
                          "--metadata-file", str(meta), "-t", "html"], capture_output=True, text=True, check=True).stdout
    assert f'href="{rd.colab_url("index")}"' in out


# ================================================================================================ the renderer, without a kernel
def _toy_notebook():
    import nbformat
    v4 = nbformat.v4
    plot_html = ('<div><script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/3.2.2/es5/tex-svg.min.js"></script>'
                 '<div class="plotly-graph-div"></div></div>')
    return v4.new_notebook(cells=[
        v4.new_markdown_cell("# Toy\n\n> A toy notebook."),
        v4.new_code_cell("#| default_exp toy"),
        v4.new_code_cell("#| hide\nfrom fastcore.test import *"),
        v4.new_code_cell("#| export\ndef f(x): return x\ndef _private(): pass\nclass K: pass"),
        v4.new_code_cell("#| export\ndef g(): pass"),
        v4.new_code_cell("show_doc(g)"),
        v4.new_code_cell("#| eval: false\nbig_run()"),
        v4.new_code_cell("#| slow\nslow_run()"),
        v4.new_code_cell("#| echo: false\nprint('only the output')",
                         outputs=[v4.new_output("stream", name="stdout", text="only the output\n")]),
        v4.new_code_cell("#| code-fold: true\nx = 1  # shown\ny = 2 #|hide_line",
                         outputs=[v4.new_output("display_data", data={"text/html": plot_html, "text/plain": "Figure"}),
                                  v4.new_output("display_data", data={rd.WIDGET_VIEW: {"model_id": "m"}, "text/plain": "VBox()"})]),
        v4.new_markdown_cell("See [the lab](04_xor_lab.ipynb#sliders), [a site](https://x.org/a.ipynb) and "
                             f"![badge]({rd.COLAB_BADGE_URL})"),
    ], metadata={"widgets": {rd.WIDGET_STATE: {"state": {}}}})


def test_prepare_and_finish_follow_nbdev():
    "What the renderer runs and shows, checked on a toy notebook (no kernel): nbdev's rules for the docs."
    nb = _toy_notebook()
    rd.prepare(nb, ["notest", "slow"])
    src = [c.source for c in nb.cells]
    assert src[0] == "from nbdev.showdoc import show_doc"                      # hidden setup cell, run first
    i = src.index("#| export\ndef f(x): return x\ndef _private(): pass\nclass K: pass")
    assert src[i + 1:i + 3] == ["show_doc(f)", "show_doc(K)"]                  # public defs only, in order
    assert "show_doc(g)" in src and src.count("show_doc(g)") == 1              # already documented: not twice
    skipped = [c.source.splitlines()[-1] for c in nb.cells if "skip-execution" in c.metadata.get("tags", [])]
    assert skipped == ["big_run()", "slow_run()"]                              # eval: false and a tst_flag
    rd.finish(nb, "toy", {"prev": "index.html", "prev_title": "synib"}, widgets=False, cfg=rd.settings())
    kinds = [(c.cell_type, c.source) for c in nb.cells]
    shown_code = [s for t, s in kinds if t == "code"]
    assert not any("fastcore.test" in s or "default_exp" in s or "def f(" in s for s in shown_code)  # hide/export gone
    assert "big_run()" in shown_code and "slow_run()" in shown_code            # shown, not run
    assert all("#|" not in s for s in shown_code)
    assert "x = 1  # shown" in shown_code and not any("y = 2" in s for s in shown_code)   # hide_line
    echo = next(c for c in nb.cells if c.source == "print('only the output')")
    assert echo.metadata["transient"] == {"remove_source": True} and echo.outputs
    assert all(c.metadata.get("transient") for c in nb.cells if c.source.startswith("show_doc("))
    assert kinds[0][1].startswith('<nav class="synib-nav">') and 'href="index.html"' in kinds[0][1]
    assert kinds[1] == ("markdown", "# Toy\n\n> A toy notebook.")
    assert kinds[2] == ("markdown", f"[![Open In Colab]({rd.COLAB_BADGE})]({rd.colab_url('toy')})")
    md = kinds[-1][1]
    assert "(04_xor_lab.html#sliders)" in md and "(https://x.org/a.ipynb)" in md and rd.COLAB_BADGE_URL not in md
    fig = next(c for c in nb.cells if c.source.startswith("x = 1"))
    assert "cdnjs" not in fig.outputs[0]["data"]["text/html"] and "plotly-graph-div" in fig.outputs[0]["data"]["text/html"]
    assert rd.WIDGET_VIEW not in fig.outputs[1]["data"] and "Colab" in fig.outputs[1]["data"]["text/plain"]
    assert "widgets" not in nb.metadata                                        # no widget JS: no state, no CDN script
    html = rd.to_html(nb, js=False)
    assert "require.js" not in html and "MathJax.js" not in html and "unpkg.com" not in html
    assert not re.search(r'<(script|link|img|iframe)[^>]*(src|href)="(https?:)?//', html), "the page loads from the network"


def test_install_assets_without_npm(tmp_path, monkeypatch):
    "No npm: pages still get the Colab badge image, and the summary says why there is no widget/MathJax JS."
    monkeypatch.setattr(rd, "fetch_assets", lambda cache=None: (None, "npm not found"))
    a = rd.install_assets(tmp_path)
    assert a == {"js": False, "reason": "npm not found"}
    assert (tmp_path / "_static" / "colab-badge.svg").read_text().startswith("<svg")


def test_execute_in_place_for_nbdev_docs(tmp_path):
    "`--to ipynb` (the Pages workflow, before nbdev_docs): outputs saved, sources and directives untouched."
    import nbformat
    s = rd.render([NBS / "index.ipynb"], tmp_path, to="ipynb", jobs=1, quiet=True)
    assert s["ok"], s["results"][0]["error"]
    before, after = (nbformat.read(str(p), as_version=4) for p in (NBS / "index.ipynb", tmp_path / "index.ipynb"))
    assert [c.source for c in before.cells] == [c.source for c in after.cells]
    assert [c.metadata.get("tags") for c in before.cells] == [c.metadata.get("tags") for c in after.cells]
    assert any(c.get("outputs") for c in after.cells if c.cell_type == "code")


# ================================================================================================ rendering, once
@pytest.fixture(scope="session")
def site() -> dict:
    "Every notebook rendered into _docs/ (once per session, whichever xdist worker gets here first)."
    from filelock import FileLock
    DOCS.mkdir(exist_ok=True)
    stamp = DOCS / "render.json"
    with FileLock(str(DOCS / ".render.lock"), timeout=3600):
        if stamp.exists():
            s = json.loads(stamp.read_text(encoding="utf-8"))
            if s.get("run_id") == RUN_ID or os.environ.get("SYNIB_DOCS_REUSE") == "1": return s
        log = DOCS / "render.log"
        with log.open("w", encoding="utf-8") as f:
            r = subprocess.run([sys.executable, str(ROOT / "tools" / "render_docs.py"), "--out", str(DOCS), "--jobs", "2",
                                "--run-id", RUN_ID], cwd=ROOT, stdout=f, stderr=subprocess.STDOUT)
        if not stamp.exists() or json.loads(stamp.read_text(encoding="utf-8")).get("run_id") != RUN_ID:
            pytest.fail(f"tools/render_docs.py wrote no summary (exit {r.returncode}):\n{log.read_text()[-3000:]}")
        return json.loads(stamp.read_text(encoding="utf-8"))


def _result(site: dict, name: str) -> dict:
    res = {r["name"]: r for r in site["results"]}
    if name not in res: pytest.fail(f"{name}.ipynb was not rendered (it appeared after rendering started?)")
    return res[name]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_renders(site, name):
    r = _result(site, name)
    assert r["ok"], f"{name}.ipynb failed to execute for the docs:\n{r['error']}"
    assert (DOCS / f"{name}.html").exists()


def test_render_is_parallel_and_timed(site):
    assert site["jobs"] == 2 and site["wall_seconds"] > 0
    print(f"rendered {len(site['results'])} notebooks in {site['wall_seconds']} s wall, 2 at a time; "
          + ", ".join(f"{r['name']} {r['seconds']} s" for r in sorted(site["results"], key=lambda r: -r["seconds"])))


# ================================================================================================ reading the HTML
def _soup(name: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup((DOCS / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def _cell_label(cell) -> str:
    src = cell.select_one(".jp-InputArea")
    text = src.get_text().strip() if src else ""
    if text: return f"`{text.splitlines()[0][:90]}`"
    doc = cell.select_one(".jp-OutputArea-output h3")
    return f"`show_doc({doc.get_text().strip().rstrip('¶')})`" if doc else "a cell whose code is hidden (#| echo: false)"


def page_problems(name: str) -> list[str]:
    "What makes a rendered page read badly: heading order, dumps, warnings, missing badge, dead links."
    soup, probs = _soup(name), []
    heads = [(int(h.name[1]), h.get_text().strip().rstrip("¶")[:60])
             for h in soup.select(", ".join(f".jp-MarkdownCell h{i}" for i in range(1, 7)))]
    if sum(l == 1 for l, _ in heads) != 1 or not heads or heads[0][0] != 1:
        probs.append(f"the page needs exactly one H1, first: {[h for h in heads if h[0] == 1] or heads[:1]}")
    for (a, ta), (b, tb) in zip(heads, heads[1:]):
        if b > a + 1: probs.append(f"heading level jumps from h{a} '{ta}' to h{b} '{tb}'")
    for cell in soup.select(".jp-CodeCell"):
        for o in cell.select(".jp-OutputArea-output"):
            text, mime = o.get_text(), o.get("data-mime-type", "")
            if o.select("pre") and len(text) > MAX_TEXT_OUTPUT:
                probs.append(f"{len(text)}-character text output from {_cell_label(cell)}")
            for m in re.finditer(r"tensor\(\[", text):
                depth, i = 0, m.end() - 1
                while i < len(text):
                    depth += {"[": 1, "]": -1}.get(text[i], 0)
                    if depth == 0: break
                    i += 1
                if text[m.start():i].count("\n") + 1 > MAX_TENSOR_LINES:
                    probs.append(f"a {text[m.start():i].count(chr(10)) + 1}-line printed tensor in the output of {_cell_label(cell)}")
            if "stderr" in mime and re.search(r"\b\w*Warning\b", text):
                probs.append(f"warning printed by {_cell_label(cell)}: {text.strip()[:200]!r}")
            if "Traceback (most recent call last)" in text or o.select(".ansi-red-fg") and "Error" in text:
                probs.append(f"a traceback in the output of {_cell_label(cell)}")
            if re.search(r"\b(VBox|HBox|IntSlider|FloatSlider|Dropdown|Output)\(", text):
                probs.append(f"a widget rendered as text by {_cell_label(cell)}: {text.strip()[:80]!r}")
            if re.search(r"\d+%\|.*\|", text) or "it/s]" in text:
                probs.append(f"a progress bar in the output of {_cell_label(cell)}")
            if re.search(r"/tmp/|/private/var/|pytest-of-", text):
                probs.append(f"a temporary path in the output of {_cell_label(cell)}: {text.strip()[:80]!r}")
    if not soup.select(f'a[href="{rd.colab_url(name)}"] img'):
        probs.append("no Colab badge")
    title = soup.title.get_text().strip() if soup.title else ""
    if not title or title == "Notebook": probs.append(f"the page's title is {title!r}")
    for a in soup.select("a[href]"):
        href = a["href"]
        if re.match(r"^(https?:|mailto:|#|data:|javascript:)", href): continue
        if not (DOCS / href.split("#")[0]).exists(): probs.append(f"dead link {href!r}")
    return probs


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_page_reads_well(site, name):
    if not _result(site, name)["ok"]: pytest.skip(f"{name}.ipynb did not render")
    probs = page_problems(name)
    assert not probs, f"{name}.html:\n  " + "\n  ".join(probs)


def test_nbdev_directives_are_honoured(site):
    "eval: false cells are shown but not run, hidden/exported cells are not shown, directive lines are stripped."
    html = {n: (DOCS / f"{n}.html").read_text(encoding="utf-8") for n in NOTEBOOKS if (DOCS / f"{n}.html").exists()}
    for n in html:
        code = [x.get_text() for x in _soup(n).select(".jp-CodeCell .jp-InputArea")]
        shown = [l for c in code for l in c.splitlines() if re.match(r"\s*#\s*\|", l)]
        assert not shown, f"directive lines shown on {n}.html: {shown[:5]}"
        assert not any("from nbdev.showdoc import" in c for c in code), f"a #| hide cell is shown on {n}.html"
    import nbformat
    checked = 0
    for n in html:
        nb = nbformat.read(str(NBS / f"{n}.ipynb"), as_version=4)
        shown = [(x.select_one(".jp-InputArea").get_text(), x) for x in _soup(n).select(".jp-CodeCell")
                 if x.select_one(".jp-InputArea")]
        for c in nb.cells:
            d = rd.directives(c)
            if not rd._off(d, "eval") or set(d) & rd.HIDE_DIRECTIVES or rd._off(d, "include"): continue
            first = rd._shown_source(c.source).splitlines()[0].strip()
            cells = [x for text, x in shown if first in text]
            assert cells, f"the #| eval: false cell starting {first!r} is not shown on {n}.html"
            assert all(not x.select(".jp-OutputArea-output") for x in cells), f"the #| eval: false cell {first!r} ran on {n}.html"
            checked += 1
    assert checked, "no #| eval: false cell found to check"


def test_show_doc_for_exports(site):
    "Each page of a module documents its exported functions (nbdev's show_doc), e.g. the XOR lab's slider figure."
    soup = _soup("10_xor_lab")
    names = {h.get_text().strip().rstrip("¶") for h in soup.select(".jp-OutputArea-output h3")}
    assert {"lambda_slider_figure", "plot_decision", "lab_grid", "LabGrid"} <= names, names


# ================================================================================================ the browser
@pytest.fixture(scope="session")
def chromium() -> str:
    path, why = find_chromium()
    if not path: pytest.skip(f"browser checks skipped: {why}")
    return path


@pytest.fixture(scope="session")
def server(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(DOCS)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


@pytest.fixture(scope="session")
def browser(chromium, tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (a dev dependency) is not installed")
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("chromium-profile")), headless=True,
                                                   executable_path=chromium, args=CHROMIUM_ARGS,
                                                   viewport={"width": 1280, "height": 900})
        yield ctx
        ctx.close()


WAIT_READY = """() => {
  const plots = [...document.querySelectorAll('.plotly-graph-div')];
  if (!plots.every(g => g._fullLayout)) return false;
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  if (!views.every(s => s.parentElement.querySelector('.lm-Widget'))) return false;
  if (window.MathJax && window.MathJax.Hub) {
    if (!window.__mathjaxDone) { if (!window.__mathjaxQueued) { window.__mathjaxQueued = true;
        MathJax.Hub.Queue(() => { window.__mathjaxDone = true; }); } return false; }
  }
  return true;
}"""

PLOT_INFO = """() => [...document.querySelectorAll('.plotly-graph-div')].map((g, i) => ({
  i, n: g.data.length, names: g.data.map(t => t.name === undefined ? null : t.name),
  width: g._fullLayout.width, height: g._fullLayout.height, title: (g._fullLayout.title || {}).text || '',
  svg: g.querySelectorAll('svg.main-svg').length,
  drawn: g.querySelectorAll('g.trace, g.hm, g.slice, canvas').length,
  sliders: (g.layout.sliders || []).length}))"""


class Page:
    "A page opened in the browser, with everything that went wrong while it loaded."
    def __init__(self, ctx, base: str, name: str):
        self.page, self.errors, self.external = ctx.new_page(), [], []
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console error: {m.text}") if m.type == "error" else None)
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} ({r.failure})"))
        def route(r):
            if r.request.url.startswith(base) or r.request.url.startswith("data:"): return r.continue_()
            self.external.append(r.request.url); return r.abort()
        self.page.route("**/*", route)
        self.page.goto(base + f"{name}.html", wait_until="load", timeout=60_000)
        self.page.wait_for_function(WAIT_READY, timeout=60_000, polling=200)
        self.plots = self.page.evaluate(PLOT_INFO)

    def close(self): self.page.close()


@pytest.fixture
def open_page(site, server, browser):
    pages = []
    def _open(name):
        if not _result(site, name)["ok"]: pytest.skip(f"{name}.ipynb did not render")
        pages.append(Page(browser, server, name)); return pages[-1]
    yield _open
    for p in pages: p.close()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_page_in_browser(open_page, site, name):
    "No JavaScript errors, nothing fetched from the network, every plotly figure drawn and sized for a page."
    p = open_page(name)
    assert not p.external, f"{name}.html fetches from the network (it must work offline): {p.external}"
    assert not p.errors, f"{name}.html:\n  " + "\n  ".join(p.errors)
    for f in p.plots:
        label = f"figure {f['i']} ('{f['title'][:60]}') on {name}.html"
        assert f["svg"] and f["n"] and f["drawn"], f"{label} shows no traces: {f}"
        assert f["width"] <= MAX_FIG_WIDTH and FIG_HEIGHT[0] <= f["height"] <= FIG_HEIGHT[1], \
            f"{label} is {f['width']}x{f['height']} px; keep figures within {MAX_FIG_WIDTH} px wide and {FIG_HEIGHT} px high"
    if site["assets"]["js"]:
        mj_errors = p.page.evaluate("() => document.querySelectorAll('.MathJax_Error, .merror').length")
        assert mj_errors == 0, f"{mj_errors} formulas failed to typeset on {name}.html"
    _check_screenshot(p.page, name)


def _check_screenshot(page, name: str) -> None:
    "The page as a reader sees it, saved and looked at: text and figures drawn, not a blank or an error page."
    from PIL import Image
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"page-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    im = Image.open(shot).convert("L")
    hist = im.histogram()                                               # 256 grey levels
    ink = sum(hist[:200]) / (im.width * im.height)                      # share of pixels clearly darker than the page
    assert im.height >= 600, f"{name}.html is {im.height} px high: nearly empty (see {shot})"
    assert ink >= 0.01, f"{name}.html looks blank: {ink:.2%} of its pixels carry ink (see {shot})"


def _slider_state(page, i: int) -> dict:
    return page.evaluate("""i => { const g = document.querySelectorAll('.plotly-graph-div')[i];
      return {active: g._fullLayout.sliders[0].active, title: (g._fullLayout.title || {}).text,
              visible: g._fullData.map(t => t.visible === true), y: g._fullData.map(t => Array.from(t.y || [])),
              steps: g.layout.sliders[0].steps.map(s => s.args), n: g.layout.sliders[0].steps.length}; }""", i)


def _click_slider(page, i: int, fraction: float) -> None:
    "Click the rail of figure `i`'s slider at `fraction` of its length (scrolled into view first)."
    fig = page.locator(".plotly-graph-div").nth(i)
    fig.scroll_into_view_if_needed()
    rail = fig.locator(".slider-rail-touch-rect").first
    rail.scroll_into_view_if_needed()
    box = rail.bounding_box()
    page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)


def test_xor_lab_lambda_slider(open_page):
    "The kernel-free λ slider (synib.lab.lambda_slider_figure): clicking its rail switches the bars and the title."
    p = open_page("10_xor_lab")
    i = next((f["i"] for f in p.plots if f["sliders"] and f["title"].startswith("SynIB on PID-XOR, λ =")), None)
    assert i is not None, f"no λ slider figure on 10_xor_lab.html: {[f['title'] for f in p.plots]}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    fig = p.page.locator(".plotly-graph-div").nth(i)
    fig.scroll_into_view_if_needed()
    p.page.wait_for_timeout(300)
    p.page.screenshot(path=str(SHOTS / "10_xor_lab.png"))
    fig.screenshot(path=str(SHOTS / "10_xor_lab_slider.png"))
    before = _slider_state(p.page, i)
    target = 0 if before["active"] != 0 else before["n"] - 1
    _click_slider(p.page, i, 0.01 if target == 0 else 0.99)
    p.page.wait_for_function("([i, t]) => document.querySelectorAll('.plotly-graph-div')[i]._fullLayout.sliders[0].active === t",
                             arg=[i, target], timeout=10_000)
    after = _slider_state(p.page, i)
    fig.screenshot(path=str(SHOTS / "10_xor_lab_slider_moved.png"))
    step_data, step_layout = after["steps"][target]
    assert after["title"] != before["title"] and after["title"] == step_layout["title.text"], (before["title"], after["title"])
    assert after["visible"] != before["visible"]
    assert after["visible"] == step_data["visible"], "the visible traces are not the ones the slider step sets"
    assert sum(after["visible"]) == sum(before["visible"]) == 4    # bars + decision map for one λ, + 2 scatter layers
    assert not p.errors, p.errors


def test_pid_explorer_shows_four_atoms(open_page):
    "The PID explorer's kernel-free twin (synib.pid_viz.pid_slider_figure): four atoms, and its slider moves them."
    p = open_page("02_pid_explorer")
    atoms = ["redundancy", "unique1", "unique2", "synergy"]
    i = next((f["i"] for f in p.plots if f["sliders"] and f["names"] == atoms), None)
    assert i is not None, f"no PID slider figure with traces {atoms} on 02_pid_explorer.html: {[(f['title'], f['names']) for f in p.plots]}"
    f = p.plots[i]
    assert f["n"] == 4 and f["drawn"] >= 4
    bars = p.page.evaluate("i => document.querySelectorAll('.plotly-graph-div')[i].querySelectorAll('g.trace.bars').length", i)
    assert bars == 4
    before = _slider_state(p.page, i)
    target = before["n"] // 2                                           # the middle of the path (its ends may coincide)
    _click_slider(p.page, i, (target + 0.5) / before["n"])
    p.page.wait_for_function("([i, t]) => document.querySelectorAll('.plotly-graph-div')[i]._fullLayout.sliders[0].active === t",
                             arg=[i, target], timeout=10_000)
    after = _slider_state(p.page, i)
    assert after["title"] != before["title"] and after["y"] != before["y"]
    assert after["title"] == after["steps"][target][1]["title.text"]
    assert not p.errors, p.errors


def test_static_xor_lab(open_page):
    "The kernel-free XOR lab (synib.lab.LabGrid): every mask x synergy share x λ choice shows its precomputed run."
    p = open_page("10_xor_lab")
    lab = p.page.locator(".synib-lab").first
    lab.scroll_into_view_if_needed()
    data = p.page.evaluate("() => JSON.parse(document.querySelector('.synib-lab script.synib-lab-data').textContent)")
    masks = p.page.evaluate("() => [...document.querySelectorAll('.synib-lab [data-k=mask] option')].map(o => o.value)")
    shares = p.page.evaluate("() => [...document.querySelectorAll('.synib-lab [data-k=share] option')].map(o => o.value)")
    assert set(masks) == {"oracle", "random", "learned", "none"} and len(shares) >= 3 and len(data["lams"]) >= 4
    SHOTS.mkdir(parents=True, exist_ok=True)
    checked = 0
    for m in masks:
        for sh in shares:
            for k, lam in enumerate(data["lams"]):
                lab.locator("[data-k=mask]").select_option(m)
                lab.locator("[data-k=share]").select_option(sh)
                lab.locator("[data-k=lam]").fill(str(k))              # a range input: fill sets it and fires input
                key = f"{'plain' if lam == 0 else m}|{float(sh):g}|{lam:g}"
                assert lab.get_attribute("data-shown") == key
                for src, v in data["cells"][key]["acc"].items():
                    assert lab.locator(f".bar[data-source={src}] .val").inner_text() == f"{v:.3f}", (key, src)
                checked += 1
    lab.screenshot(path=str(SHOTS / "10_xor_lab_static.png"))
    assert checked == len(masks) * len(shares) * len(data["lams"]) and not p.errors, p.errors