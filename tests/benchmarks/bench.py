"""Benchmark the course: notebook run times, slider latency, the gradient, and scikit-learn.

Usage (from the repository root, with the course's environment)::

    python tests/benchmarks/bench.py [--quick] [--out tests/benchmarks/RESULTS.md]

``make bench`` runs the full benchmark and writes ``tests/benchmarks/RESULTS.md``.
``--quick`` measures the same things with fewer repeats, to check the harness.

This is a benchmark, not a test: it never fails on a slow figure, it prints a table of
figures (median and 95th percentile over repeated runs) beside the goals of issues 8 and 13, with
the machine's CPU, core count, load and library versions. Everything is discovered when it
runs, so new notebooks and explorers are measured without changing this file:

1. every ``notebooks/*.ipynb``, executed from a fresh kernel by nbclient (never saved);
2. every ``*_explorer`` function in ``helpers.widgets``, built with its defaults: the time
   from setting a control's value to the new PNG and readout being set on their widgets
   (the explorer's one callback: update, Agg render, PNG encode), over the positions of
   every control, with the build time and the PNG size;
3. the same sliders as a learner feels them: every notebook with an explorer opened in
   JupyterLab in headless Chromium (tests/ui/browser_lab.py), every slider pressed with the
   arrow key, one press at a time, at device scale 1 and 2: key press to changed pixels in
   the page (the new picture decoded and its frame drawn), beside the kernel's own time for
   the same moves (``explorer.timings``); then a held key and a drag on every slider: pictures
   a second while it moves, and how long after the release the last one shows;
4. ``helpers.gradient`` against the per-example loop, and against the floor of reading X
   twice (one ``X @ w`` plus one ``X.T @ r``), with its peak memory;
5. ``helpers.gradient_descent`` against scikit-learn's unregularised fit.

The file is named so that pytest does not collect it.
"""

import argparse
import copy
import inspect
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ANALYSIS_MARKER = "<!-- analysis: everything below this line is kept when the file is rewritten -->"


# ---------------------------------------------------------------------------
# Settings: full run (make bench) and quick run (--quick)
# ---------------------------------------------------------------------------

@dataclass
class Settings:
    notebook_passes: int        # times the whole course is executed (at most)
    notebook_budget: float      # seconds: start no new pass after this long on notebooks ...
    deadline: float             # ... or if the pass would end this long after the start
    slider_budget: float        # seconds of slider moves in all, shared by positions
    max_positions: int          # at most this many positions per slider (evenly spread)
    loop_repeats: int           # runs of the per-example loop (10 000 x 20)
    vector_repeats: int         # runs of helpers.gradient (10 000 x 20)
    big_repeats: int            # paired runs of gradient and floor on 1 000 000 x 20
    sklearn_repeats: int
    page_presses: int           # single key presses per slider and device scale, in the page
    motion_seconds: float       # length of a held key or a drag


FULL = Settings(notebook_passes=5, notebook_budget=150.0, deadline=480.0,
                slider_budget=150.0, max_positions=401, loop_repeats=5, vector_repeats=200,
                big_repeats=21, sklearn_repeats=7, page_presses=20, motion_seconds=1.5)
QUICK = Settings(notebook_passes=1, notebook_budget=0.0, deadline=0.0,
                 slider_budget=20.0, max_positions=21, loop_repeats=2, vector_repeats=30,
                 big_repeats=5, sklearn_repeats=2, page_presses=4, motion_seconds=1.0)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the results table."""

    section: str
    name: str
    samples: list = field(default_factory=list)   # raw measurements, in `unit`
    unit: str = "s"
    goal: str = ""
    met: object = None          # True / False / None (no goal)
    note: str = ""
    value: str = ""             # shown instead of median/p95 when there are no samples

    @property
    def n(self):
        return len(self.samples)

    def median(self):
        return float(np.median(self.samples)) if self.samples else float("nan")

    def p95(self):
        return float(np.percentile(self.samples, 95)) if self.samples else float("nan")


def fmt(value, unit):
    """A number with its unit, to a sensible precision."""
    if value != value:  # NaN
        return "–"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
    if unit == "µs":
        return f"{value:.0f} µs"
    return f"{value:.3g} {unit}".strip()


def verdict(met):
    return {True: "yes", False: "NO", None: ""}[met]


def progress(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# The machine
# ---------------------------------------------------------------------------

def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def busy_jiffies():
    """(busy, total) CPU jiffies of the whole machine since boot, or None off Linux."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields[:8]) - idle, sum(fields[:8])


def own_cpu_seconds():
    """CPU seconds used by this process and its finished children (the kernels)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def versions():
    import importlib.metadata as md

    out = {"python": platform.python_version()}
    for name in ["numpy", "matplotlib", "pillow", "ipywidgets", "scikit-learn", "nbclient",
                 "ipykernel", "threadpoolctl"]:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = "not installed"
    return out


def blas_description():
    """The BLAS numpy uses and its thread count (threadpoolctl, else numpy's config)."""
    try:
        from threadpoolctl import threadpool_info

        infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        numpy_first = sorted(infos, key=lambda i: "numpy" not in i.get("filepath", ""))
        return "; ".join(
            f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')}, "
            f"{i.get('num_threads')} threads, "
            f"{'numpy' if 'numpy' in i.get('filepath', '') else 'scipy/sklearn'})"
            for i in numpy_first) or "unknown"
    except ImportError:
        config = np.show_config(mode="dicts")
        blas = config.get("Build Dependencies", {}).get("blas", {})
        return f"{blas.get('name')} {blas.get('version')}"


def git_revision():
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True, timeout=10).stdout
        return rev + (" (with uncommitted changes)" if dirty.strip() else "") if rev else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# ---------------------------------------------------------------------------
# 1. Whole course: every notebook from a fresh kernel
# ---------------------------------------------------------------------------

def run_notebook(notebook, directory):
    """Execute a copy of the notebook in a new kernel, like Restart and Run All.

    Returns (wall seconds, CPU seconds of this process and the kernel, seconds of each
    code cell as the kernel reports it, error or None). The notebook on disk is never written.
    """
    from nbclient import NotebookClient

    notebook = copy.deepcopy(notebook)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", record_timing=True,
                            resources={"metadata": {"path": str(directory)}})
    error = None
    cpu, start = own_cpu_seconds(), time.perf_counter()
    try:
        # The kernel's stderr only carries its start-up chatter; cell errors still arrive.
        client.execute(stderr=subprocess.DEVNULL)
    except Exception as exc:  # a notebook being written may fail: report it and go on
        lines = str(exc).strip().splitlines()
        error = f"{type(exc).__name__}: {lines[-1][:120] if lines else ''}"
    wall, cpu = time.perf_counter() - start, own_cpu_seconds() - cpu
    return wall, cpu, cell_seconds(notebook), error


def run_path(path):
    """Process-pool worker: run the notebook at path in a new kernel; return wall seconds."""
    import nbformat

    return run_notebook(nbformat.read(path, as_version=4), Path(path).parent)[0]


def course_on_all_cores(paths, jobs):
    """Wall seconds to run every notebook, ``jobs`` kernels at a time (as `make execute`)."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run_path, [str(path) for path in paths]))
    return time.perf_counter() - start


def cell_seconds(notebook):
    """{cell index: seconds from execute_input to execute_reply} from nbclient's timings."""
    from datetime import datetime

    out = {}
    for index, cell in enumerate(notebook.cells):
        timing = cell.get("metadata", {}).get("execution", {})
        begin, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if begin and end:
            parse = (lambda t: datetime.fromisoformat(t.replace("Z", "+00:00")))
            out[index] = (parse(end) - parse(begin)).total_seconds()
    return out


def baseline_notebook(imports):
    """A one-cell notebook: the kernel alone, or the kernel plus the course's usual imports."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    source = ("import numpy as np\nimport matplotlib.pyplot as plt\nimport helpers\n"
              "from helpers import checks, data, plots, quiz, widgets") if imports else "import sys"
    notebook.cells.append(nbformat.v4.new_code_cell(source))
    return notebook


def first_line(cell):
    lines = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
    return (lines[0][:60] + ("…" if len(lines[0]) > 60 else "")) if lines else ""


def bench_notebooks(settings, rows, notes, program_start):
    import nbformat

    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        rows.append(Row("course", "no notebooks found", value="–"))
        return
    books, unreadable = {}, {}
    for path in paths:
        try:
            books[path.name] = nbformat.read(path, as_version=4)
        except Exception as error:      # e.g. a notebook being saved right now
            unreadable[path.name] = f"{type(error).__name__}: {error}"[:160]
    for name, error in unreadable.items():
        rows.append(Row("course", name, note=f"NOT RUN, unreadable: {error}"))
    per_book = {name: [] for name in books}
    cpu_book = {name: [] for name in books}
    cells_book = {name: {} for name in books}
    errors = {}
    kernel_only, with_imports, totals = [], [], []
    started = time.perf_counter()
    for attempt in range(settings.notebook_passes):
        # One pass always; more while they fit in the budget and before the deadline.
        now = time.perf_counter()
        if attempt and (now - started > settings.notebook_budget
                        or now - program_start + totals[-1] > settings.deadline):
            break
        kernel_only.append(run_notebook(baseline_notebook(False), NOTEBOOKS)[0])
        with_imports.append(run_notebook(baseline_notebook(True), NOTEBOOKS)[0])
        total = 0.0
        for name, notebook in books.items():
            seconds, cpu, cells, error = run_notebook(notebook, NOTEBOOKS)
            per_book[name].append(seconds)
            cpu_book[name].append(cpu)
            for index, cell_s in cells.items():
                cells_book[name].setdefault(index, []).append(cell_s)
            total += seconds
            if error:
                errors[name] = error
            progress(f"  pass {attempt + 1}: {name} {seconds:.2f} s"
                     + (f" FAILED {error}" if error else ""))
        totals.append(total)
    passes = len(totals)
    for name, samples in per_book.items():
        note = f"CPU {np.median(cpu_book[name]):.2f} s"
        cells = {i: float(np.median(v)) for i, v in cells_book[name].items()}
        if cells:
            slow = sorted(cells.items(), key=lambda item: -item[1])[:2]
            note += (f"; cells {sum(cells.values()):.2f} s in all, slowest: " + ", ".join(
                f"#{i} {t:.2f} s `{first_line(books[name].cells[i])}`" for i, t in slow))
        if name in errors:
            note += "; FAILED: " + errors[name]
        rows.append(Row("course", name, samples, "s", note=note))
    rows.append(Row("course", "baseline: new kernel, one empty cell", kernel_only, "s"))
    rows.append(Row("course", "baseline: new kernel + the usual imports (numpy, pyplot, helpers)",
                    with_imports, "s"))
    cpu_total = sum(float(np.median(v)) for v in cpu_book.values())
    rows.append(Row("course", f"whole course ({len(books)} notebooks, sequential)", totals, "s",
                    goal="≤ 60 s", met=bool(totals) and float(np.median(totals)) <= 60
                    and not errors and not unreadable,
                    note=f"CPU {cpu_total:.1f} s in all (sum of medians)"
                         + ("; some notebooks failed" if errors else "")))
    jobs = min(2, os.cpu_count() or 1)
    parallel = [course_on_all_cores(paths, jobs) for _ in range(passes)]
    rows.append(Row("course", f"whole course, {jobs} notebooks at a time (`make execute`)",
                    parallel, "s", goal="≤ 60 s",
                    met=bool(parallel) and float(np.median(parallel)) <= 60 and not errors,
                    note="one kernel per core, as `make execute` and the nbval run use them"))
    fixed = float(np.median(with_imports)) * len(books)
    notes.append(f"Course: {len(books)} notebooks, {passes} pass(es) of the whole course. Each "
                 "notebook starts a new kernel and imports the course's libraries: that alone "
                 f"takes {np.median(with_imports):.2f} s (≈ {fixed:.0f} s over the course, "
                 "before any cell does its own work). 'CPU' is the CPU time of the kernel and "
                 "this process together; 'cells' is the kernel's own time per cell "
                 "(nbclient's timings), #k counting every cell from 0.")
    if errors:
        notes.append("Notebooks that failed to execute (their times stop at the error): "
                     + "; ".join(f"{k}: {v}" for k, v in errors.items()))


# ---------------------------------------------------------------------------
# 2. Sliders: every position of every control of every explorer
# ---------------------------------------------------------------------------

def positions(control):
    """Every value a control can take, in order (every slider step, every option)."""
    import ipywidgets as w

    if isinstance(control, w.FloatLogSlider):
        steps = int(round((control.max - control.min) / control.step))
        exps = [min(control.min + k * control.step, control.max) for k in range(steps + 1)]
        return [control.base ** e for e in exps]
    if isinstance(control, (w.IntSlider, w.FloatSlider)):
        steps = int(round((control.max - control.min) / control.step))
        values = [min(control.min + k * control.step, control.max) for k in range(steps + 1)]
        if isinstance(control, w.IntSlider):
            values = sorted(set(int(v) for v in values))
        return values
    if isinstance(control, (w.Checkbox, w.ToggleButton)):
        return [not control.value, control.value]
    if hasattr(control, "_options_values"):       # SelectionSlider, ToggleButtons, Dropdown, ...
        return list(control._options_values)
    return None


def spread(values, count):
    """At most `count` of the values, evenly spread, always keeping the first and last."""
    if len(values) <= count:
        return list(values)
    picks = np.unique(np.round(np.linspace(0, len(values) - 1, count)).astype(int))
    return [values[i] for i in picks]


GOAL_SLIDERS = "median ≤ 50 ms, p95 ≤ 100 ms"


def move(explorer, control, value):
    """Set a control: its callback updates, renders, encodes and sets the picture.

    Returns (total s, CPU s, {update, render, encode} s as the explorer timed them).
    """
    cpu, start = time.process_time(), time.perf_counter()
    control.value = value
    total = time.perf_counter() - start
    return total, time.process_time() - cpu, dict(explorer.timings)


def explorer_names():
    from helpers import widgets

    return [name for name, obj in vars(widgets).items()
            if name.endswith("_explorer") and inspect.isfunction(obj)]


def figure_contents(figure):
    """'W×H px, k axes: what they hold' — what every full draw has to render again."""
    width, height = figure.canvas.get_width_height()
    kinds = {}
    for ax in figure.axes:
        for artist in ax.get_children():
            name = type(artist).__name__
            if name not in ("Spine", "_ColorbarSpine", "XAxis", "YAxis", "ZAxis", "Rectangle"):
                kinds[name] = kinds.get(name, 0) + 1
    held = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return f"{width}×{height} px, {len(figure.axes)} axes" + (f" ({held})" if held else "")


def recomputes_layout(figure):
    """True if the figure runs a layout engine (constrained, tight) on every draw."""
    engine = figure.get_layout_engine()
    return engine is not None and type(engine).__name__.lower() != "placeholderlayoutengine"


@dataclass
class Built:
    """An explorer built with its defaults, ready to be timed."""

    explorer: object
    build: float                # seconds to build it
    layout: str
    warnings: list


def build_explorer(factory):
    """Build an explorer with its defaults (which renders it once); return a Built."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        explorer = factory()
        build = time.perf_counter() - start
    engine = explorer.figure.get_layout_engine()
    layout = ("layout fixed" if not recomputes_layout(explorer.figure) else
              f"{type(engine).__name__.replace('LayoutEngine', '').lower()} layout "
              "recomputed on every draw")
    return Built(explorer, build, layout, list(caught))


def is_slider(control):
    import ipywidgets as w

    return isinstance(control, (w.IntSlider, w.FloatSlider, w.FloatLogSlider, w.SelectionSlider))


def bench_explorer(name, built, seconds_per_position, settings, details):
    """Time every control of one built explorer; return its Row and the samples in ms.

    A slider gets seconds_per_position × its number of positions to spend; if one move
    takes longer than that allows, its positions are spread evenly (min and max kept).
    """
    explorer, build, layout = built.explorer, built.build, built.layout
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        totals, cpus, parts, sizes, coverage = [], [], [], [], []
        for control_name, control in explorer.controls.items():
            values = positions(control)
            if values is None:
                coverage.append(f"{control_name}: not measured ({type(control).__name__})")
                continue
            default = control.value
            choice = values
            if is_slider(control) and len(values) > 3:
                # Estimate one move from a probe to both ends, then spread as many positions
                # as fit in the budget (toggles and dropdowns: always every option).
                budget = seconds_per_position * len(values)
                probe = sum(move(explorer, control, v)[0] for v in (values[-1], values[0]))
                count = int(min(settings.max_positions, max(3, budget / max(probe / 2, 1e-4))))
                choice = spread(values, count)
            measured = []
            for value in choice:
                if control.value == value:
                    continue
                total, cpu, timing = move(explorer, control, value)
                cpus.append(cpu)
                parts.append(timing)
                sizes.append(len(explorer.image.value))
                measured.append(1e3 * total)
            control.value = default                         # back to where a learner starts
            totals.extend(measured)
            label = "positions" if is_slider(control) else "options"
            coverage.append(f"{control_name}: {len(measured)} of {len(values)} {label}")
            details.append((name, control_name, type(control).__name__, len(values),
                            len(measured), np.array(measured)))
    caught = built.warnings + list(caught)
    ok = bool(totals) and np.median(totals) <= 50 and np.percentile(totals, 95) <= 100
    notes = []
    if totals:
        split = {key: 1e3 * np.median([p[key] for p in parts])
                 for key in ("update", "render", "encode")}
        notes.append(f"update {split['update']:.1f} + render {split['render']:.1f} + encode "
                     f"{split['encode']:.1f} ms; CPU {1e3 * np.median(cpus):.1f} ms (medians)")
        notes.append(f"PNG {np.median(sizes) / 1024:.0f} KiB")
    notes.append(f"build {build:.2f} s; {layout}; {figure_contents(explorer.figure)}")
    notes += coverage
    if caught:
        notes.append(f"{len(caught)} warning(s): " + str(caught[0].message).splitlines()[0][:100])
    return Row("sliders", name, totals, "ms", goal=GOAL_SLIDERS, met=ok,
               note="; ".join(notes)), totals


def bench_sliders(settings, rows, notes, details):
    from helpers import widgets

    names = explorer_names()
    if not names:
        rows.append(Row("sliders", "no explorers found", value="–"))
        return
    built = {}
    for name in names:
        progress(f"  building {name}")
        try:
            built[name] = build_explorer(getattr(widgets, name))
        except Exception as error:
            rows.append(Row("sliders", name, goal=GOAL_SLIDERS, met=False,
                            note=f"FAILED to build: {type(error).__name__}: {error}"[:200]))
    # Share the time budget by the number of slider positions, so that every position of
    # every slider is measured when moves are fast enough.
    count = sum(len(positions(c) or []) for b in built.values()
                for c in b.explorer.controls.values() if is_slider(c))
    per_position = settings.slider_budget / max(count, 1)
    pooled = []
    for name, explorer in built.items():
        progress(f"  explorer {name}")
        row, samples = bench_explorer(name, explorer, per_position, settings, details)
        rows.append(row)
        pooled.extend(samples)
        explorer.explorer.close()
    if pooled:
        rows.append(Row("sliders", f"all {len(names)} explorers together", pooled, "ms",
                        goal=GOAL_SLIDERS,
                        met=bool(np.median(pooled) <= 50 and np.percentile(pooled, 95) <= 100)))
    notes.append("Sliders: each sample is `control.value = v`, headless: the explorer's one "
                 "callback runs its update, renders the figure with Agg at 2× dpi (the cached "
                 "background replayed, only the moving artists drawn), encodes the pixels as "
                 "PNG (numpy + zlib, level 1) and sets the Image and the readout: the kernel's "
                 "whole share of the work. Not included: the round trip to the browser and the "
                 "browser's decoding. 'update + render + encode' split the time as the explorer "
                 "measures it (`explorer.timings`); 'PNG' is the median size sent per move. "
                 "Positions are spread evenly over each slider (min and max included) when all "
                 f"{count} slider positions do not fit in {settings.slider_budget:g} s, shared "
                 f"by number of positions; at most {settings.max_positions} per slider; "
                 "buttons and dropdowns: every option.")


# ---------------------------------------------------------------------------
# 3. Sliders in the page: JupyterLab in headless Chromium
# ---------------------------------------------------------------------------

GOAL_PAGE = {1: "median ≤ 80 ms, p95 ≤ 150 ms", 2: "median ≤ 120 ms, sharp"}
GOAL_MOTION = "≥ 20 pictures/s, last ≤ 150 ms after release"
PAGE_TIMEOUTS = {"default": 60, "open": 180, "run": 600, "render": 60, "quiet_ms": 250}


@dataclass
class PageSlider:
    """What one slider measured in the page, at both device scales."""

    notebook: str
    explorer: str
    control: str
    label: str
    page: dict = field(default_factory=dict)       # scale -> [ms key press to pixels]
    readout: dict = field(default_factory=dict)    # scale -> [ms key press to readout text]
    kernel: dict = field(default_factory=dict)     # scale -> [ms update + render + encode]
    sharp: dict = field(default_factory=dict)      # scale -> (picture px, device px shown)
    motions: list = field(default_factory=list)    # browser_lab.Motion

    @property
    def name(self):
        return f"{self.notebook[:2]} {self.explorer}: {self.label}"


def page_met(scale, samples, sharp):
    if not samples:
        return False
    median, p95 = float(np.median(samples)), float(np.percentile(samples, 95))
    if scale == 1:
        return median <= 80 and p95 <= 150
    natural, device = sharp
    return median <= 120 and natural >= device - 1


def measure_page_slider(notebook, explorer, index, settings):
    """Single presses at scale 1 and 2, then a held key and a drag at scale 1."""
    control = explorer["controls"][index]
    result = PageSlider(notebook.name, explorer["name"], control["key"],
                        control["label"] or control["key"])
    for scale in (1, 2):
        notebook.set_device_scale(scale)
        samples, readouts, log = notebook.press_latency(explorer, index, settings.page_presses)
        result.page[scale] = samples
        result.readout[scale] = readouts
        result.kernel[scale] = [1e3 * sum(entry[3].values()) for entry in log
                                if entry[1] == control["key"]]
        size = notebook.figure_size(explorer["index"])
        result.sharp[scale] = (size["natural"], size["css"] * size["ratio"])
    notebook.set_device_scale(1)
    result.motions.append(notebook.held_key(explorer, index, settings.motion_seconds))
    result.motions.append(notebook.drag(explorer, index, settings.motion_seconds))
    return result


def bench_page(settings, rows, notes, page_details):
    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    import tempfile

    import browser_lab

    if not Path(browser_lab.CHROMIUM).exists():
        rows.append(Row("page", "not measured", value="–",
                        note=f"{browser_lab.CHROMIUM} not installed (apt-get install chromium)"))
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        rows.append(Row("page", "not measured", value="–",
                        note="playwright not installed (make env installs .[ui])"))
        return
    names = browser_lab.notebooks_with_explorers()
    with tempfile.TemporaryDirectory() as root, tempfile.TemporaryDirectory() as state:
        browser_lab.copy_notebooks(NOTEBOOKS, root)
        server = browser_lab.LabServer(root, state, os.urandom(16).hex()).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=browser_lab.CHROMIUM,
                                                     headless=True,
                                                     args=browser_lab.CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1280, "height": 1000})
                for name in names:
                    progress(f"  in the page: {name}")
                    notebook = browser_lab.NotebookPage(context.new_page(), server, name,
                                                        PAGE_TIMEOUTS, "lab")
                    try:
                        notebook.open()
                        problems = notebook.run_all()
                        if problems:
                            notes.append(f"{name} in the page: " + "; ".join(problems[:3]))
                        notebook.install_kernel_log()
                        for explorer in notebook.explorers():
                            for index, control in enumerate(explorer["controls"]):
                                if control["kind"] == "slider":
                                    page_details.append(measure_page_slider(
                                        notebook, explorer, index, settings))
                    except Exception as error:   # report and go on with the next notebook
                        rows.append(Row("page", name, goal=GOAL_PAGE[1], met=False,
                                        note=f"FAILED: {type(error).__name__}: {error}"[:200]))
                    finally:
                        notebook.page.close()
                        server.shutdown_kernels()
                browser.close()
        finally:
            server.stop()
    pooled = {1: [], 2: []}
    for slider in page_details:
        for scale in (1, 2):
            samples = slider.page[scale]
            pooled[scale] += samples
            kernel = slider.kernel[scale]
            readout = slider.readout[scale]
            natural, device = slider.sharp[scale]
            note = (f"kernel {np.median(kernel):.1f} ms (p95 {np.percentile(kernel, 95):.1f}) "
                    "of it" if kernel else "kernel: no log")
            if readout:
                note += f"; readout text after {np.median(readout):.0f} ms"
            note += f"; picture {natural} px wide shown on {device:.0f} device px"
            rows.append(Row("page", f"{slider.name}, scale {scale}", samples, "ms",
                            goal=GOAL_PAGE[scale],
                            met=page_met(scale, samples, slider.sharp[scale]), note=note))
        for motion in slider.motions:
            ok = motion.fps >= 20 and motion.settle_ms <= 150 and motion.final_ok
            rows.append(Row("motion", f"{slider.name}, {motion.how}", goal=GOAL_MOTION, met=ok,
                            value=f"{motion.fps:.1f}/s",
                            note=(f"settled {motion.settle_ms:.0f} ms after release "
                                  f"({motion.after_release} picture(s) after it); "
                                  f"{motion.frames} pictures in {motion.seconds:.2f} s of "
                                  f"{motion.events} events, {motion.moved}; kernel rendered "
                                  f"{motion.renders} times for {motion.values} values"
                                  + ("" if motion.final_ok else
                                     "; FINAL VALUE NOT SHOWN in the readout"))))
    for scale in (1, 2):
        if pooled[scale]:
            rows.append(Row("page", f"all {len(page_details)} sliders, scale {scale}",
                            pooled[scale], "ms", goal=GOAL_PAGE[scale],
                            met=all(page_met(scale, s.page[scale], s.sharp[scale])
                                    for s in page_details)))
    notes.append("In the page: JupyterLab 4 in headless Chromium (software rendering, "
                 "no GPU) on this machine, one server and browser beside the kernel. Each "
                 "sample is one arrow-key press on a slider after the kernel has been quiet for "
                 "30 ms: from the keydown event to the first animation frame after the new "
                 "picture (a new src on the explorer's <img>) has decoded. 'kernel' is the "
                 "explorer's own time for the same moves (update + render + encode, "
                 "`explorer.timings`); the rest is the trip to the browser and back, the "
                 "browser's decode and its next frame. Scale 2 is Chrome's device scale factor "
                 "2 (a high-DPI screen); 'sharp' means the picture has at least 2 pixels per "
                 "CSS pixel. Held key: the arrow key held down with auto-repeat at 30 a second "
                 "(until the slider's end); drag: the handle dragged to the track's far end "
                 "with 60 mouse moves a second. Pictures a second is 1000 / the median time "
                 "between two pictures shown while it moves; 'settled' is the time from the "
                 "release to the last picture. The kernel renders only the values that reach "
                 "it: ipywidgets keeps one message in flight per widget and sends only the "
                 "latest value when the kernel is done, so renders < values passed means no "
                 "backlog.")


# ---------------------------------------------------------------------------
# 4. The gradient
# ---------------------------------------------------------------------------

def timed(function, repeats):
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def labelled_problem(m, n, seed, weight_scale=0.3):
    """Standard-normal X and labels drawn from a logistic model: overlapping classes."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    w = rng.normal(0, weight_scale, n)
    b = 0.2
    y = (rng.random(m) < 1 / (1 + np.exp(-(X @ w + b)))).astype(float)
    return X, y, w, b


def bench_gradient(settings, rows, notes):
    from helpers import logistic

    # Against the per-example loop on 10 000 x 20.
    X, y, w, b = labelled_problem(10_000, 20, seed=1)
    vector = logistic.gradient(X, y, w, b)
    loop = logistic.gradient_loop(X, y, w, b)
    if not (np.allclose(vector[0], loop[0]) and np.isclose(vector[1], loop[1])):
        notes.append("WARNING: gradient and gradient_loop disagree on the 10 000 x 20 problem.")
    loop_s = timed(lambda: logistic.gradient_loop(X, y, w, b), settings.loop_repeats)
    vector_s = timed(lambda: logistic.gradient(X, y, w, b), settings.vector_repeats)
    speedup = np.median(loop_s) / np.median(vector_s)
    rows.append(Row("gradient", "gradient_loop, 10 000 × 20", [1e3 * t for t in loop_s], "ms"))
    rows.append(Row("gradient", "gradient, 10 000 × 20", [1e3 * t for t in vector_s], "ms"))
    rows.append(Row("gradient", "speed-up of gradient over the loop", value=f"{speedup:.0f}×",
                    goal="≥ 100×", met=bool(speedup >= 100),
                    note="ratio of the medians"))
    del X, y

    # Against the floor (read X twice) on 1 000 000 x 20 float64.
    X, y, w, b = labelled_problem(1_000_000, 20, seed=2)
    r = y - 0.5
    logistic.gradient(X, y, w, b)                   # warm-up: page in X and the BLAS threads
    X @ w, X.T @ r
    floor_s, grad_s = [], []
    for _ in range(settings.big_repeats):           # paired: floor and gradient side by side
        start = time.perf_counter()
        X @ w
        X.T @ r
        floor_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        logistic.gradient(X, y, w, b)
        grad_s.append(time.perf_counter() - start)
    ratios = np.array(grad_s) / np.array(floor_s)
    ratio = np.median(grad_s) / np.median(floor_s)
    rows.append(Row("gradient", "floor: X @ w + X.T @ r, 1 000 000 × 20",
                    [1e3 * t for t in floor_s], "ms",
                    note=f"X is {X.nbytes / 1e6:.0f} MB; read twice at "
                         f"{2 * X.nbytes / np.median(floor_s) / 1e9:.1f} GB/s"))
    rows.append(Row("gradient", "gradient, 1 000 000 × 20", [1e3 * t for t in grad_s], "ms"))
    rows.append(Row("gradient", "gradient ÷ floor", list(ratios), "×",
                    goal="≤ 1.25×", met=bool(ratio <= 1.25),
                    note=f"ratio of medians {ratio:.2f}×; median/p95 of the paired ratios"))

    # Where the time goes beyond the two passes over X (each step on its own, median).
    stages = gradient_stages(logistic, X, y, w, b, repeats=max(3, settings.big_repeats // 2))
    if stages:
        notes.append("Gradient on 1 000 000 × 20, time of each step on its own (medians): "
                     + ", ".join(f"{k} {v:.1f} ms" for k, v in stages.items()) + ".")

    # Peak memory of one gradient call against the size of X.
    tracemalloc.start()
    logistic.gradient(X, y, w, b)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rows.append(Row("gradient", "peak memory of one gradient call ÷ size of X",
                    value=f"{peak / X.nbytes:.2f}×", goal="≤ 1× (one extra copy of X)",
                    met=bool(peak <= X.nbytes),
                    note=f"{peak / 1e6:.0f} MB allocated at peak, X is {X.nbytes / 1e6:.0f} MB "
                         f"(tracemalloc)"))


def gradient_stages(logistic, X, y, w, b, repeats):
    """Median milliseconds of each step of the gradient, using logistic's own building blocks."""
    try:
        z = logistic._linear(X, w, b)
        f = logistic.sigmoid(z)
        error = f - y
        steps = {
            "checking inputs": lambda: logistic._check_data(X, y, w, b),
            "z = X·w + b": lambda: logistic._linear(X, w, b),
            "finiteness check of z": lambda: logistic._check_finite_result(X, z),
            "σ(z)": lambda: logistic.sigmoid(z),
            "f − y": lambda: f - y,
            "Xᵀ(f − y) / m": lambda: (X.T @ error) / X.shape[0],
            "Σ(f − y) / m": lambda: float(error.sum() / X.shape[0]),
        }
        return {name: 1e3 * float(np.median(timed(step, repeats))) for name, step in steps.items()}
    except Exception:          # logistic's private helpers changed: skip the breakdown
        return {}


# ---------------------------------------------------------------------------
# 5. Against scikit-learn
# ---------------------------------------------------------------------------

def unpenalised_model():
    """LogisticRegression with no penalty, in the spelling this scikit-learn accepts."""
    from sklearn.linear_model import LogisticRegression

    common = dict(tol=1e-12, max_iter=10_000)
    for kwargs in (dict(C=np.inf), dict(penalty=None), dict(C=1e12)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                model = LogisticRegression(**kwargs, **common)
                model.fit(np.array([[0.0], [1.0], [0.5], [0.2]]), [0, 1, 1, 0])
            return model, kwargs
        except Exception:
            continue
    raise RuntimeError("no unpenalised LogisticRegression works with this scikit-learn")


def iterations_to_reach(logistic, X, y, w, b, alpha, target, limit, chunk=250):
    """The first iteration whose cost is ≤ target (runs in chunks), or None by `limit`."""
    done = 0
    while done < limit:
        w, b, history = logistic.gradient_descent(X, y, w, b, alpha, chunk)
        reached = np.nonzero(history.cost <= target)[0]
        if reached.size:
            return done + int(reached[0])
        if history.status == "diverged":
            return None
        done += history.iterations
    return None


def bench_sklearn(settings, rows, notes):
    import sklearn
    from helpers import logistic

    m, n = 5_000, 5
    X, y, _, _ = labelled_problem(m, n, seed=3, weight_scale=1.0)
    model, kwargs = unpenalised_model()
    sk_s = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(settings.sklearn_repeats):
            start = time.perf_counter()
            model.fit(X, y)
            sk_s.append(time.perf_counter() - start)
    target_cost = logistic.cost(X, y, model.coef_.ravel(), float(model.intercept_[0]))
    sk_label = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                         for k, v in kwargs.items())
    rows.append(Row("sklearn", f"LogisticRegression({sk_label}, tol=1e-12), lbfgs",
                    [1e3 * t for t in sk_s], "ms",
                    note=f"n_iter_ = {int(model.n_iter_[0])}; log-loss {target_cost:.9f}"
                         + (f"; {len(caught)} warning(s)!" if caught else "; no warnings")))
    # The largest safe step 1/L, L = largest eigenvalue of the bound (1/4m) [X 1]ᵀ[X 1] on the
    # Hessian, and the lab's learning rate 0.1.
    A = np.column_stack([X, np.ones(m)])
    safe = 1 / (np.linalg.eigvalsh(A.T @ A / m).max() / 4)
    w0, b0, limit = np.zeros(n), 0.0, 20_000
    for alpha, label in ((safe, f"alpha = 1/L = {safe:.3g}"), (0.1, "alpha = 0.1 (the lab's)")):
        k = iterations_to_reach(logistic, X, y, w0, b0, alpha, target_cost + 1e-6, limit)
        if k is None:
            rows.append(Row("sklearn", f"gradient_descent, {label}", value="not reached",
                            note=f"not within 1e-6 after {limit} iterations"))
            continue
        gd_s = timed(lambda: logistic.gradient_descent(X, y, w0, b0, alpha, k),
                     settings.sklearn_repeats)
        rows.append(Row("sklearn", f"gradient_descent, {label}: {k} iterations to within 1e-6",
                        [1e3 * t for t in gd_s], "ms",
                        note=f"from w = 0, b = 0; {np.median(gd_s) / np.median(sk_s):.2f}× "
                             f"scikit-learn's time, {k / int(model.n_iter_[0]):.0f}× its "
                             "iterations"))
    notes.append(f"scikit-learn comparison: {m} × {n} standard-normal features (well "
                 "conditioned), labels drawn from a logistic model with weights ~ N(0, 1) "
                 "(seed 3), so the classes overlap and the optimum is finite. Target: our "
                 "`cost` at scikit-learn's coefficients + 1e-6; the gradient-descent time is "
                 "a run of exactly the iterations needed, history included. scikit-learn "
                 f"{sklearn.__version__}.")


# ---------------------------------------------------------------------------
# Table and markdown
# ---------------------------------------------------------------------------

SECTION_TITLES = {
    "course": "1. Whole course (each notebook from a fresh kernel)",
    "sliders": "2. Sliders in the kernel (control set → picture encoded and set)",
    "page": "3. Sliders in the page (key press → changed pixels, JupyterLab in Chromium)",
    "motion": "3b. Held key and drag in the page",
    "gradient": "4. Gradient",
    "sklearn": "5. Against scikit-learn",
}


def cells(row):
    if row.samples:
        median, p95 = fmt(row.median(), row.unit), fmt(row.p95(), row.unit)
    else:
        median, p95 = row.value or "–", ""
    return [row.name, str(row.n) if row.n else "", median, p95, row.goal, verdict(row.met),
            row.note]


HEADER = ["measure", "n", "median", "p95", "goal", "met", "notes"]


def text_table(rows):
    lines = []
    for section, title in SECTION_TITLES.items():
        chosen = [cells(r) for r in rows if r.section == section]
        if not chosen:
            continue
        widths = [max(len(c[i]) for c in chosen + [HEADER]) for i in range(6)]
        lines.append("")
        lines.append(title)
        lines.append("  ".join(h.ljust(widths[i]) for i, h in enumerate(HEADER[:6])) + "  notes")
        for c in chosen:
            lines.append("  ".join(c[i].ljust(widths[i]) for i in range(6)) + "  " + c[6])
    return "\n".join(lines)


def markdown(rows, environment, notes, details, analysis, page_details=()):
    md = ["# Benchmark results", "",
          "Written by `make bench` (`tests/benchmarks/bench.py`); do not edit above the "
          "analysis marker, re-run instead.", "",
          "## Machine", "", "| | |", "|---|---|"]
    md += [f"| {k} | {v} |" for k, v in environment.items()]
    for section, title in SECTION_TITLES.items():
        chosen = [cells(r) for r in rows if r.section == section]
        if not chosen:
            continue
        md += ["", f"## {title}", "", "| " + " | ".join(HEADER) + " |",
               "|" + "---|" * len(HEADER)]
        md += ["| " + " | ".join(c.replace("|", "\\|") for c in cell) + " |" for cell in chosen]
    if details:
        md += ["", "### Sliders, per control", "",
               "| explorer | control | type | positions measured | median | p95 | max |",
               "|---|---|---|---|---|---|---|"]
        for name, control, kind, total, measured, ms in details:
            if len(ms):
                md.append(f"| {name} | {control} | {kind} | {measured} of {total} | "
                          f"{fmt(np.median(ms), 'ms')} | {fmt(np.percentile(ms, 95), 'ms')} | "
                          f"{fmt(ms.max(), 'ms')} |")
    if page_details:
        md += ["", "### Sliders in the page beside the kernel, per slider", "",
               "Milliseconds, median / p95 over single key presses; 'kernel' is the "
               "explorer's own update + render + encode for the same moves.", "",
               "| slider | page, scale 1 | kernel, scale 1 | page, scale 2 | kernel, scale 2 | "
               "sharp at 2 | held key: pictures/s, settle | drag: pictures/s, settle |",
               "|---|---|---|---|---|---|---|---|"]
        for s in page_details:
            def pair(samples):
                return (f"{np.median(samples):.0f} / {np.percentile(samples, 95):.0f}"
                        if len(samples) else "–")
            natural, device = s.sharp[2]
            motions = {m.how: f"{m.fps:.1f}, {m.settle_ms:.0f} ms" for m in s.motions}
            md.append(f"| {s.name} | {pair(s.page[1])} | {pair(s.kernel[1])} | "
                      f"{pair(s.page[2])} | {pair(s.kernel[2])} | "
                      f"{'yes' if natural >= device - 1 else 'NO'} ({natural} px on "
                      f"{device:.0f}) | "
                      f"{motions.get('held key', '–')} | {motions.get('drag', '–')} |")
    md += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    md += ["", ANALYSIS_MARKER, ""]
    md.append(analysis.rstrip() + "\n" if analysis.strip() else
              "## Analysis\n\n(Written by hand after a run: why a figure misses its goal.)\n")
    return "\n".join(md)


def kept_analysis(path):
    """The hand-written part of an existing results file (below the marker), if any."""
    try:
        text = Path(path).read_text()
    except OSError:
        return ""
    _, marker, rest = text.partition(ANALYSIS_MARKER)
    return rest.strip("\n") if marker else ""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, to check the harness")
    parser.add_argument("--out", help="write the results as markdown to this file")
    parser.add_argument("--only", choices=["course", "sliders", "page", "gradient", "sklearn"],
                        action="append", help="run only these sections (repeatable)")
    args = parser.parse_args(argv)
    # Exercise checks in the notebooks record progress: keep it out of the learner's file.
    os.environ["COURSE_PROGRESS_FILE"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    settings = QUICK if args.quick else FULL
    sections = args.only or ["gradient", "sklearn", "sliders", "page", "course"]

    sys.path.insert(0, str(ROOT))           # helpers, also when not installed
    started = time.perf_counter()
    load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    jiffies_start, cpu_start = busy_jiffies(), own_cpu_seconds()

    rows, notes, details, page_details = [], [], [], []
    runners = {"course": lambda: bench_notebooks(settings, rows, notes, started),
               "sliders": lambda: bench_sliders(settings, rows, notes, details),
               "page": lambda: bench_page(settings, rows, notes, page_details),
               "gradient": lambda: bench_gradient(settings, rows, notes),
               "sklearn": lambda: bench_sklearn(settings, rows, notes)}
    for section in sections:
        progress(f"{SECTION_TITLES[section]} ...")
        runners[section]()

    wall = time.perf_counter() - started
    load_end = os.getloadavg() if hasattr(os, "getloadavg") else None
    jiffies_end, cpu_end = busy_jiffies(), own_cpu_seconds()
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    environment = {
        "date (UTC)": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "mode": "quick (--quick: few repeats)" if args.quick else "full",
        "commit": git_revision(),
        "CPU": cpu_model(),
        "cores": f"{cores} (usable by this process: {usable})",
        "platform": platform.platform(),
    }
    environment.update(versions())
    environment["BLAS"] = blas_description()
    if load_start:
        environment["load average at start (1, 5, 15 min)"] = ", ".join(
            f"{v:.2f}" for v in load_start)
        environment["load average at end"] = ", ".join(f"{v:.2f}" for v in load_end)
    if jiffies_start and jiffies_end:
        ticks = os.sysconf("SC_CLK_TCK")
        busy = (jiffies_end[0] - jiffies_start[0]) / ticks
        others = max(0.0, busy - (cpu_end - cpu_start))
        share = others / (wall * (cores or 1))
        environment["CPU used by other processes during the run"] = (
            f"{others:.0f} core-seconds ≈ {100 * share:.0f} % of the machine")
        if share > 0.15 or (load_start and load_start[0] > 0.5 * (cores or 1)):
            notes.insert(0, "**Measured while the machine was busy** with other work (see the "
                            "load and CPU figures above): times are higher and noisier than on "
                            "an idle machine.")
    environment["benchmark wall time"] = f"{wall:.0f} s"

    print(f"\nCPU {environment['CPU']}, {environment['cores']} cores; python "
          f"{environment['python']}, numpy {environment['numpy']}, matplotlib "
          f"{environment['matplotlib']}, pillow {environment['pillow']}, scikit-learn "
          f"{environment['scikit-learn']}; BLAS {environment['BLAS']}")
    if load_start:
        print(f"load average at start {environment['load average at start (1, 5, 15 min)']}, "
              f"at end {environment['load average at end']}")
    print(text_table(rows))
    print()
    for note in notes:
        print("- " + note)
    print(f"\nbenchmark wall time {wall:.0f} s")
    if args.out:
        out = Path(args.out)
        text = markdown(rows, environment, notes, details, kept_analysis(out), page_details)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
