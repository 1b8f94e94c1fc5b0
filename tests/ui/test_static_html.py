"""The static copy of the course (``make html``) in headless Chromium with the network cut off.

The copy is built from the notebooks as committed (tests/export_html.py) into a temporary
folder and opened as file:// pages. Every request that is not for a file is aborted and
recorded. Every page must load with every picture decoded (naturalWidth > 0), each explorer
must show its picture rather than its placeholder text ("Explorer: ..."), no formula may be
left as LaTeX source, and nothing may be asked of the network.
"""

import json
import sys

import pytest

import browser_lab

sys.path.insert(0, str(browser_lab.REPO / "tests"))
import export_html  # noqa: E402  (a maintainer script beside this folder, not a package)

NOTEBOOK_PATHS = sorted(browser_lab.NOTEBOOKS.glob("*.ipynb"))

# What the page holds, per notebook: pictures in outputs (loaded or not), explorer
# placeholders shown as text, LaTeX left unconverted.
JS_PAGE = """
() => {
  const imgs = Array.from(document.querySelectorAll('img'));
  const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output'));
  return {
    images: imgs.length,
    broken: imgs.filter(i => !i.complete || i.naturalWidth === 0)
                .map(i => (i.getAttribute('src') || '').slice(0, 60)),
    outputImages: outputs.filter(o => o.querySelector('img')).length,
    placeholders: outputs.filter(o => !o.querySelector('img') &&
                                      /^\\s*Explorer:/.test(o.textContent))
                         .map(o => o.textContent.trim().slice(0, 80)),
    latex: Array.from(document.querySelectorAll('.jp-MarkdownCell')).map(c => c.innerText)
                .join('\\n').match(/\\$|\\\\[a-zA-Z]+\\{|\\\\(frac|sigma|sum|log)\\b/g) || [],
    maths: document.querySelectorAll('math').length,
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
  }; }
"""


def explorers_in(path):
    """How many explorer outputs the notebook file holds (text/plain 'Explorer: ...')."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return sum(1 for cell in notebook["cells"] for output in cell.get("outputs", [])
               if "".join(output.get("data", {}).get("text/plain", "")).startswith("Explorer:"))


@pytest.fixture(scope="module")
def static_copy(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    export_html.export(NOTEBOOK_PATHS, out)
    return out


@pytest.fixture(scope="module")
def offline_page(browser, static_copy):
    """A page in a context where every non-file request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    outside = []

    def refuse(route):
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file:"), refuse)
    page = context.new_page()
    yield page, outside
    context.close()


def test_index_lists_every_notebook_in_course_order(offline_page, static_copy):
    page, outside = offline_page
    page.goto((static_copy / "index.html").as_uri())
    links = page.evaluate("() => Array.from(document.querySelectorAll('li a'))"
                          ".map(a => a.getAttribute('href'))")
    assert links == [f"{path.stem}.html" for path in NOTEBOOK_PATHS]
    for link in links:
        assert (static_copy / link).is_file(), link
    assert not outside


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.stem)
def test_page_shows_everything_offline(path, offline_page, static_copy):
    page, outside = offline_page
    outside.clear()
    page.goto((static_copy / f"{path.stem}.html").as_uri(), wait_until="load")
    found = page.evaluate(JS_PAGE)
    assert not found["broken"], f"{path.name}: pictures that did not load: {found['broken']}"
    assert not found["placeholders"], (f"{path.name}: explorers shown as text, not as a "
                                       f"picture: {found['placeholders']}")
    assert found["outputImages"] >= explorers_in(path)
    assert not found["latex"], f"{path.name}: LaTeX source left in the text: {found['latex']}"
    for link in found["links"]:
        if link.endswith(".ipynb"):
            pytest.fail(f"{path.name}: link to a notebook file, not its page: {link}")
        if link.endswith(".html") and "/" not in link:
            assert (static_copy / link).is_file(), f"{path.name}: broken link {link}"
    assert not outside, f"{path.name} asked the network for: {outside[:5]}"


def test_the_check_sees_a_placeholder_and_a_network_request(offline_page, tmp_path):
    """The checks above can fail: a page with an explorer's text and a CDN script."""
    page, outside = offline_page
    outside.clear()
    bad = tmp_path / "bad.html"
    bad.write_text('<html><head><script src="https://cdn.example.invalid/x.js"></script>'
                   '</head><body><div class="jp-OutputArea-output">Explorer: demo</div>'
                   '<img src="missing.png"></body></html>')
    page.goto(bad.as_uri(), wait_until="load")
    found = page.evaluate(JS_PAGE)
    assert found["placeholders"] == ["Explorer: demo"]
    assert found["broken"] == ["missing.png"]
    assert outside == ["https://cdn.example.invalid/x.js"]


def test_export_drops_widget_views_and_state():
    notebook = export_html.nbformat.read(NOTEBOOK_PATHS[0], as_version=4)
    copy = export_html.offline_copy(notebook)
    assert "widgets" not in copy.metadata
    assert not any(export_html.WIDGET_VIEW in output.get("data", {})
                   for cell in copy.cells for output in cell.get("outputs", []))
    # the notebook it was made from keeps its widget view (an explorer in 00)
    assert any(export_html.WIDGET_VIEW in output.get("data", {})
               for cell in notebook.cells for output in cell.get("outputs", []))
