"""The course in a real browser: JupyterLab in headless Chromium, driven by Playwright.

For every notebook in notebooks/: open it with ?reset, run all cells, wait for the kernel to
go quiet, and fail on error output, stderr, "Error displaying widget", a blank interactive
figure or an image that did not load. Then, for every explorer found on the page (an output
with an ipympl canvas and a slider), move each of its sliders with the arrow keys, check the
figure and the readout changed and the readout shows the new value, move it back and check
the figure and readout returned. Screenshots go to tests/ui/screenshots/.

test_broken_callbacks_are_caught runs the same check on explorers whose update is broken in
different ways, and requires each to be reported.

Run with `make test-ui` (needs /usr/bin/chromium: apt-get install -y chromium).
"""

import nbformat
import pytest

import browser_lab
from browser_lab import NOTEBOOKS, RESULTS

NOTEBOOK_NAMES = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))

# Notebooks whose lesson has an explorer: each must show one once the notebook exists.
REQUIRED_EXPLORERS = ("00", "01", "04", "05", "06")


def test_the_course_has_notebooks():
    assert "00_start_here.ipynb" in NOTEBOOK_NAMES


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_in_jupyterlab(name, open_notebook, screenshots):
    notebook = open_notebook(name)
    problems = notebook.run_all()
    assert not problems, f"{name} in JupyterLab:\n  " + "\n  ".join(problems)

    explorers = notebook.explorers()
    if name[:2] in REQUIRED_EXPLORERS:
        assert explorers, f"{name}: no explorer (ipympl figure with a slider) found on the page"
    failures = []
    for explorer in explorers:
        for slider in range(len(explorer["sliders"])):
            try:
                RESULTS.append(notebook.check_explorer(explorer, screenshots, slider))
            except browser_lab.ExplorerBroken as error:
                failures.append(str(error))
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------------------
# The check must fail when a slider callback is broken.
# ---------------------------------------------------------------------------

DEMO = '''\
import numpy as np
from helpers import explorer


def demo(kind):
    """An explorer whose update works, or is broken in the way `kind` names."""
    figure, ax = explorer.explorer_figure(4.0, 2.4)
    x = np.linspace(0, 6, 200)
    (line,) = ax.plot(x, np.sin(x))
    ax.set_ylim(-3.2, 3.2)

    def update(a):
        if kind == "raises" and a != 1.0:
            raise RuntimeError("broken callback")
        if kind in ("works", "frozen readout", "stale readout"):
            line.set_ydata(a * np.sin(x))
        if kind in ("does nothing", "frozen readout"):
            return "a = 1.00"
        if kind == "stale readout":
            return f"a = {a - 0.25:.2f}"
        return f"a = {a:.2f}"

    slider = explorer.float_slider("a", 1.0, 0.0, 3.0, 0.25)
    return explorer.Explorer(kind, figure, {"a": slider}, update)
'''

# kind -> what the check must say (None: it must pass).
BROKEN = {
    "works": None,
    "raises": "did not change the figure",
    "does nothing": "did not change the figure",
    "frozen readout": "did not change the readout",
    "stale readout": "does not show the slider's new value",
}


def write_demo_notebook(path):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(DEMO)] + [
        nbformat.v4.new_code_cell(f"demo({kind!r})") for kind in BROKEN]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))


def test_broken_callbacks_are_caught(lab_root, open_notebook, tmp_path):
    write_demo_notebook(lab_root / "uitest_cases" / "broken_explorers.ipynb")
    notebook = open_notebook("uitest_cases/broken_explorers.ipynb")
    assert notebook.run_all() == []  # the breakage only shows when a slider moves
    explorers = notebook.explorers()
    assert len(explorers) == len(BROKEN)
    for explorer, (kind, expected) in zip(explorers, BROKEN.items()):
        if expected is None:
            notebook.check_explorer(explorer, tmp_path)
            continue
        with pytest.raises(browser_lab.ExplorerBroken, match=expected):
            notebook.check_explorer(explorer, tmp_path)
