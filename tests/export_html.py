"""Write the course as static HTML pages that need no network: one page per notebook and an
index in course order.

Usage: python tests/export_html.py [--out build/html] notebooks/*.ipynb

``make html`` runs it. Every page shows what the notebook file holds, as a reader without a
kernel sees it, and loads nothing from anywhere else:

* an explorer's output keeps its widget view and a PNG of its default settings
  (``helpers.explorer``); nbconvert's HTML exporter would show the widget view first and load
  the widget manager from a CDN, which offline shows nothing. Here the widget view is dropped
  from every output that has a picture, and the notebook's saved widget state is left out, so
  the page shows the PNG and loads no widget script. A widget output with no picture (a
  self-check question) shows its text.
* the exporter's script tags that load from a CDN (require.js, MathJax, mermaid) are left
  out; formulas written in LaTeX ($...$, $$...$$) are converted to MathML when the page is
  written (latex2mathml), which the browser draws itself.
* figures are already inline (data: URIs), and so is the page's CSS.
* links to other notebooks of the course (``05_cost_surface.ipynb``), in the text and in HTML
  outputs, point at their pages.

It lives beside ``tests/execute_notebooks.py``: both are maintainer scripts that ``make``
runs over the notebooks, and tests/ui/test_static_html.py imports it to build a copy to check.
"""

import argparse
import html
import re
import sys
from pathlib import Path

import nbformat
from jinja2 import DictLoader, pass_context
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert.exporters.html import HTMLExporter

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PICTURES = ("image/png", "image/jpeg", "image/svg+xml")

# The lab template without the script tags that load from the network.
OFFLINE_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{% block html_head_js_requirejs %}{% endblock html_head_js_requirejs %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}
"""

# $$display$$ first, then $inline$ (not \\$, not $$, not spanning lines).
MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$([^$\n]+?)\$(?!\$)", re.S)
PLACEHOLDER = "COURSEMATHPLACEHOLDER{}X"
NOTEBOOK_LINK = re.compile(r"\]\((\d\d_[\w-]+)\.ipynb(#[^)]*)?\)")
# The same in an HTML output (the progress table in 00): href='05_cost_surface.ipynb'.
NOTEBOOK_HREF = re.compile(r"""href=(['"])(\d\d_[\w-]+)\.ipynb(#[^'"]*)?\1""")


class OfflineHTMLExporter(HTMLExporter):
    """nbconvert's lab HTML, with no network script and LaTeX drawn as MathML."""

    def __init__(self, **kwargs):
        super().__init__(template_name="lab", extra_loaders=[DictLoader(
            {"offline.html.j2": OFFLINE_TEMPLATE})], **kwargs)
        self.template_file = "offline.html.j2"

    @pass_context
    def markdown2html(self, context, source):
        """Markdown to HTML, with every formula converted to MathML after the markdown pass."""
        formulas = []

        def keep(match):
            display = match.group(1) is not None
            formulas.append(latex_to_mathml(match.group(1) if display else match.group(2),
                                            display="block" if display else "inline"))
            return PLACEHOLDER.format(len(formulas) - 1)

        rendered = super().markdown2html(context, MATH.sub(keep, source))
        for index, mathml in enumerate(formulas):
            rendered = rendered.replace(PLACEHOLDER.format(index), mathml)
        return rendered


def offline_copy(notebook):
    """A copy of the notebook that shows pictures instead of widget views, without state."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = NOTEBOOK_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})",
                                            cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                data["text/html"] = NOTEBOOK_HREF.sub(
                    lambda m: f"href={m.group(1)}{m.group(2)}.html{m.group(3) or ''}{m.group(1)}",
                    "".join(data["text/html"]))
            if WIDGET_VIEW in data:
                # With a picture: show it. Without one: show the text a reader without a
                # kernel would see, not an empty widget placeholder.
                del data[WIDGET_VIEW]
    return notebook


def title_of(notebook, fallback):
    """The notebook's first heading (markdown '# ...'), or fallback."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def index_page(entries):
    """The index: every page in course order, with its title."""
    items = "\n".join(f'    <li><a href="{html.escape(page)}">{html.escape(number)} '
                      f"{html.escape(title)}</a></li>" for page, number, title in entries)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Logistic regression by gradient descent</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
         padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }}
  li {{ margin: 0.3rem 0; }}
</style>
</head>
<body>
<h1>Logistic regression by gradient descent</h1>
<p>A static copy of the course: every notebook as its saved outputs show it. The sliders
need a running kernel: open the notebooks in JupyterLab (<code>make lab</code>) to move
them; here each explorer shows its picture at the default settings.</p>
<ol start="0">
{items}
</ol>
</body>
</html>
"""


def export(paths, out):
    """Write one HTML page per notebook and index.html into out; return the pages written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exporter = OfflineHTMLExporter()
    entries = []
    for path in sorted(Path(p) for p in paths):
        notebook = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(
            offline_copy(notebook), resources={"metadata": {"name": path.stem,
                                                            "path": str(path.parent)}})
        page = f"{path.stem}.html"
        (out / page).write_text(body, encoding="utf-8")
        number = path.stem.split("_", 1)[0]
        entries.append((page, number, title_of(notebook, path.stem)))
    (out / "index.html").write_text(index_page(entries), encoding="utf-8")
    return [out / "index.html"] + [out / page for page, _, _ in entries]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/html", help="folder to write (default build/html)")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    pages = export(args.notebooks, args.out)
    print(f"wrote {len(pages)} pages to {args.out}/ (open {args.out}/index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
