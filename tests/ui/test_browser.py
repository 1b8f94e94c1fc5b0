"""The course in a real browser: JupyterLab 4 and Notebook 7 in headless Chromium.

For every notebook: open it, run all cells, wait for the kernel to go quiet, and fail on
error output, stderr, "Error displaying widget", an explorer picture that did not load or is
blank, or an error in the browser console. Then, for every explorer on the page (found by the
CSS classes ``helpers.explorer`` gives it), move each control with the keyboard, check the
picture and the readout changed and the readout shows the new value, move it back and check
both came back. Check what a screen reader is told about each control, and that nothing
scrolls sideways in a 1024 px window with JupyterLab's file browser open. Screenshots go to
tests/ui/screenshots/.

Notebook 7 opens only the notebooks that have explorers, and checks the same things there:
what differs between the two front ends is how widgets render and how the page is laid out.
A notebook without explorers runs in the same kernel with the same outputs in both, and those
outputs are already checked in JupyterLab (and by nbval); opening it again would double the
time of the browser check for nothing.

test_broken_callbacks_are_caught runs the same check on explorers whose update is broken in
different ways, and requires each to be reported.

Timing is not asserted here: ``make bench`` measures how fast the page answers.

Run with `make test-ui` (needs /usr/bin/chromium: apt-get install -y chromium).
"""

import nbformat
import pytest

import browser_lab
from browser_lab import NOTEBOOKS, RESULTS

NOTEBOOK_NAMES = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
EXPLORER_NOTEBOOKS = browser_lab.notebooks_with_explorers()

# Notebooks whose lesson has an explorer: each must show one once the notebook exists.
REQUIRED_EXPLORERS = ("00", "01", "04", "05", "06")

CASES = ([("lab", name) for name in NOTEBOOK_NAMES]
         + [("notebook7", name) for name in EXPLORER_NOTEBOOKS])

# Known problems outside the course, matched exactly, each with the reason it is not ours.
KNOWN_CONSOLE_ERRORS = {
    # Notebook 7.6's keyboard-shortcut plugin reads the schema of a settings plugin that
    # Notebook 7 never loads; it logs this on every page, with or without the course.
    "notebook7": ["browser console: Cannot read properties of undefined (reading 'schema')"],
}

# Sideways scrolling found at 1024 px that the notebook's content causes, not an explorer;
# the notebook must be fixed, then its entry removed (the test fails if it is fixed and still
# listed here).
# Sideways scrolling we know of and accept, per notebook: {"05_cost_surface.ipynb": "cell 33"}
# (a hidden cell's first line is shown unwrapped as its placeholder). None today.
KNOWN_SIDEWAYS = {}

# A learner's narrow window: 1024 px wide, JupyterLab's file browser open beside the notebook.
NARROW = {"width": 1024, "height": 768}


def test_the_course_has_notebooks():
    assert "00_start_here.ipynb" in NOTEBOOK_NAMES
    assert set(EXPLORER_NOTEBOOKS) >= {name for name in NOTEBOOK_NAMES
                                       if name[:2] in REQUIRED_EXPLORERS}


def announcement_problems(explorer, controls):
    """What a screen reader is told that breaks the course's rules, as strings.

    Rules: every control shows its name (the description beside it); every radio button has
    an accessible name; a slider announces its real value (aria-valuenow or aria-valuetext
    is the number it shows), except a slider over uneven choices (SelectionSlider), which
    announces its position and must show the value beside it and in the readout.
    """
    problems = []
    where = f"explorer {explorer['index']} ({explorer['name']})"
    for control in controls:
        label = control["label"] or control["key"]
        if not control["label"]:
            problems.append(f"{where}: control {control['key']!r} shows no name beside it")
        if control["kind"] == "radio" and not all(control["names"]):
            problems.append(f"{where}: a radio button of {label!r} has no accessible name "
                            f"({control['names']})")
        if control["kind"] != "slider":
            continue
        shown = control["shown"]
        announced = [str(control["valuenow"]), control["valuetext"] or ""]
        if any(browser_lab.shows_value(text, shown) for text in announced if text):
            continue
        if control["selection"]:
            if not shown:
                problems.append(f"{where}: slider {label!r} announces position "
                                f"{control['valuenow']} and shows no value beside it")
            continue
        problems.append(f"{where}: slider {label!r} shows {shown!r} but a screen reader is "
                        f"told {announced}")
    return problems


@pytest.mark.parametrize("front_end, name", CASES)
def test_notebook_in_browser(front_end, name, open_notebook, screenshots, accessibility_log):
    notebook = open_notebook(name, front_end)
    problems = [p for p in notebook.run_all() if p not in KNOWN_CONSOLE_ERRORS.get(front_end, [])]
    assert not problems, f"{notebook.label}:\n  " + "\n  ".join(problems)

    explorers = notebook.explorers()
    if name[:2] in REQUIRED_EXPLORERS:
        assert explorers, f"{notebook.label}: no explorer (.course-explorer) found on the page"
    failures = []
    for explorer in explorers:
        for control in range(len(explorer["controls"])):
            try:
                RESULTS.append(notebook.check_control(explorer, screenshots, control))
            except browser_lab.ExplorerBroken as error:
                failures.append(str(error))
        controls = notebook.accessibility(explorer)
        accessibility_log.append((front_end, name, explorer["name"], controls))
        failures += announcement_problems(explorer, controls)
    assert not failures, "\n".join(failures)

    notebook.page.set_viewport_size(NARROW)
    notebook.set_file_browser(True)
    notebook.page.wait_for_timeout(300)           # let the panels take their new sizes
    sideways = notebook.sideways_scrolling()
    known = KNOWN_SIDEWAYS.get(name) if front_end == "lab" else None
    if known:
        assert any(known in line for line in sideways), (
            f"{notebook.label}: the known sideways scrolling ({known}) is gone: remove it from "
            "KNOWN_SIDEWAYS")
        sideways = [line for line in sideways if known not in line]
    assert not sideways, (f"{notebook.label} at {NARROW['width']} px with the file browser "
                          "open:\n  " + "\n  ".join(sideways))


@pytest.mark.xfail(strict=True, reason=(
    "ipywidgets 8.1 shows a slider's description in a <label> that is not tied to the "
    "noUiSlider handle, and gives the handle no aria-label: Chromium computes no accessible "
    "name, so a screen reader says only 'slider, 1'. Upstream, not fixable from the kernel. "
    "When a release names the handle this test passes: then remove the mark."))
def test_slider_handles_have_accessible_names(open_notebook):
    notebook = open_notebook("00_start_here.ipynb", "lab")
    notebook.run_all()
    unnamed = [f"{explorer['name']}: {control['label']}"
               for explorer in notebook.explorers()
               for control in notebook.accessibility(explorer)
               if control["kind"] == "slider" and not control["names"][0]]
    assert not unnamed, "sliders with no accessible name: " + ", ".join(unnamed)


def press_on_00_slider_in_notebook7(open_notebook, page_key):
    """Open 00 in Notebook 7, press one key on its slider's handle (towards the farther end:
    an arrow, or with page_key PageUp/PageDown); return True when the slider moved."""
    notebook = open_notebook("00_start_here.ipynb", "notebook7")
    notebook.run_all()
    (explorer,) = notebook.explorers()
    control = explorer["controls"][0]["id"]
    handle = notebook.page.locator(f'[data-uitest-handle="{control}"]')
    before = notebook.page.evaluate(browser_lab.JS_SLIDER_STATE, control)["now"]
    key = notebook.slider_keys(control)[0]
    if page_key:
        key = "PageUp" if key == "ArrowRight" else "PageDown"
    handle.focus()
    handle.press(key)
    notebook.wait_quiet()
    notebook.settle_figure(explorer["index"])
    return notebook.page.evaluate(browser_lab.JS_SLIDER_STATE, control)["now"] != before


@pytest.mark.xfail(strict=True, reason=(
    "Notebook 7.6 handles keyboard shortcuts in the capture phase, before the slider sees the "
    "key: ArrowLeft/ArrowRight on a focused slider run notebook:move-cursor-heading-above/"
    "below instead, and move focus away. PageUp/PageDown, Home and End still move the slider. "
    "Upstream; when Notebook lets widgets keep their keys this passes: remove the mark."))
def test_arrow_keys_move_a_slider_in_notebook7(open_notebook):
    assert press_on_00_slider_in_notebook7(open_notebook, page_key=False)


def test_page_keys_move_a_slider_in_notebook7(open_notebook):
    """What a keyboard user can do in Notebook 7 meanwhile: PageUp/PageDown move 5 steps."""
    assert press_on_00_slider_in_notebook7(open_notebook, page_key=True)


@pytest.mark.parametrize("front_end", ["lab", "notebook7"])
def test_pictures_are_sharp_on_a_high_dpi_screen(front_end, open_notebook):
    """At 2 device pixels per CSS pixel the picture has at least 2 pixels per CSS pixel."""
    notebook = open_notebook("01_sigmoid.ipynb", front_end)
    notebook.run_all()
    notebook.set_device_scale(2)
    for explorer in notebook.explorers():
        size = notebook.figure_size(explorer["index"])
        assert size["ratio"] == 2
        assert size["natural"] >= 2 * size["css"] - 1, (
            f"{notebook.label}: explorer {explorer['name']} is {size['css']:.0f} CSS px wide "
            f"but its picture only {size['natural']} px: blurred on a high-DPI screen")


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
    notebook = open_notebook("uitest_cases/broken_explorers.ipynb", "lab")
    assert notebook.run_all() == []  # the breakage only shows when a slider moves
    explorers = notebook.explorers()
    assert len(explorers) == len(BROKEN)
    for explorer, (kind, expected) in zip(explorers, BROKEN.items()):
        if expected is None:
            notebook.check_control(explorer, tmp_path)
            continue
        with pytest.raises(browser_lab.ExplorerBroken, match=expected):
            notebook.check_control(explorer, tmp_path)
