"""Drive the course in a real browser the way a learner does, and say plainly what went wrong.

The pieces, used by ``conftest.py``, ``test_browser.py`` and ``tests/benchmarks/bench.py``:

* ``LabServer``: a throwaway Jupyter server on a free loopback port, serving a temporary
  folder, with its own token and its own settings (news off, every cell kept in the page).
  It serves JupyterLab 4 (``/lab/tree/NAME``) and Notebook 7 (``/notebooks/NAME``).
* ``NotebookPage``: one notebook opened in a Playwright page, in either front end. It runs
  all cells, waits for the kernel to go quiet, collects problems (error outputs, stderr,
  "Error displaying widget", explorer pictures that did not load or are blank, browser
  console errors) and finds the explorers by their CSS classes (``helpers.explorer``):
  ``.course-explorer`` holding ``img.course-explorer-figure``, ``.course-explorer-readout``
  and ``.course-explorer-control-<key>`` controls. A slider's keyboard handle is
  ``.noUi-handle`` (ipywidgets 8) or ``.ui-slider-handle`` (ipywidgets 7).
* ``check_control``: moves one control of an explorer (a slider: arrow keys, or clicks on
  its track in Notebook 7, see SLIDER_INPUT; radio buttons: Space on the next option),
  checks that the picture and the readout changed and that the readout shows the slider's
  new value, moves it back and checks that both came back. It saves before/moved/back
  screenshots and raises ``ExplorerBroken`` saying which check failed.
* ``accessibility``, ``sideways_scrolling``: what a screen reader is told about each control,
  and whether the notebook fits a narrow window without sideways scrolling.
* ``press_latency``, ``held_key``, ``drag``: timings as a learner feels them, measured in the
  page (for ``make bench``; tests assert function, not time). Key press to changed pixels is
  the time from the ``keydown`` event to the first animation frame after the new picture
  (a new ``src`` on the ``<img>``) has decoded.

Nothing here sleeps for a fixed time to "let things happen": every wait polls a condition in
the page with a deadline.
"""

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
RESULTS = []  # ExplorerResult of every control checked, for the summary at the end

CHROMIUM = "/usr/bin/chromium"
# The machine's network is closed: without the background-networking flags Chromium keeps
# trying (and failing) to reach its update and sync services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# The two front ends: name -> (what to call it, URL of a notebook relative to the server).
FRONT_ENDS = {
    "lab": ("JupyterLab 4", "/lab/tree/{name}?reset"),
    "notebook7": ("Notebook 7", "/notebooks/{name}"),
}

# How check_control moves a slider in each front end. Notebook 7 runs its keyboard shortcuts
# before the page's own key handlers (JupyterLab runs them after), so in Notebook 7.6 an
# arrow key on a focused slider moves the notebook's cursor to the next heading instead of
# the slider (see test_arrow_keys_move_a_slider_in_notebook7); there the check clicks.
SLIDER_INPUT = {"lab": "keys", "notebook7": "mouse"}

# How two pictures of a figure are compared (see JS_DIFF_PIXELS): a pixel counts only if it
# is more than DELTA away (0-255) from the other picture here and at all 8 neighbours, and
# pictures count as different when more than TOLERANCE of their pixels count. The explorers
# keep their layout fixed, so moving a control and back gives the same picture; antialiasing
# of a marker snapped one pixel over is all the slack needed, while the smallest real move
# (one slider step) changes far more than 0.02 % of the pixels.
DELTA = 64
TOLERANCE = 0.0002

# User settings for the throwaway server. Windowing off: JupyterLab 4 may otherwise detach
# cells that are scrolled out of view, and explorers further down would not be in the page.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none"},
}


class ExplorerBroken(AssertionError):
    """An explorer did not respond to its control as a learner would expect."""


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A Jupyter server for tests: loopback only, own token, own config, stopped by stop().

    It serves both front ends from one process: JupyterLab at ``/lab`` and Notebook 7 at
    ``/notebooks`` (the ``notebook`` package is a server extension of the same server), each
    exposing its application as ``window.jupyterapp``.
    """

    def __init__(self, root, state_dir, token):
        self.root = Path(root)
        self.state_dir = Path(state_dir)
        self.token = token
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.state_dir / "jupyterlab.log"
        self.process = None

    def start(self, timeout=90):
        settings = self.state_dir / "settings"
        for relative, values in LAB_SETTINGS.items():
            path = settings / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ)
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.state_dir / "config"),
            "JUPYTER_RUNTIME_DIR": str(self.state_dir / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.state_dir / "workspaces"),
            "IPYTHONDIR": str(self.state_dir / "ipython"),
        })
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.expose_app_in_browser=True",
            "--JupyterNotebookApp.expose_app_in_browser=True",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n"
                                   + self.log_tail())
            try:
                self.api("GET", "/api/status")
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout}s:\n" + self.log_tail())

    def api(self, method, path):
        """Call the server's REST API with the token; return the decoded JSON (or None)."""
        request = urllib.request.Request(self.url + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self):
        """Stop every kernel the pages started, so notebooks do not pile up in memory."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, lines=40):
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()


def copy_notebooks(source, target):
    """Copy the course's notebooks folder (without checkpoints) into target."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
                    dirs_exist_ok=True)


def notebooks_with_explorers(folder=NOTEBOOKS):
    """Names of the notebooks in folder whose code builds an explorer (``..._explorer(``)."""
    names = []
    for path in sorted(Path(folder).glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        if any(cell.get("cell_type") == "code" and "_explorer(" in "".join(cell.get("source", ""))
               for cell in cells):
            names.append(path.name)
    return names


# ---------------------------------------------------------------------------
# JavaScript run inside the page. `panel()` is the notebook that is open; both front ends
# expose the same application object and command registry.
# ---------------------------------------------------------------------------

JS_PRELUDE = """
const panel = () => window.jupyterapp && window.jupyterapp.shell.currentWidget;
const kernelOf = () => { const p = panel(); return p && p.sessionContext &&
    p.sessionContext.session && p.sessionContext.session.kernel; };
"""

JS_READY = JS_PRELUDE + """
() => { const p = panel(); const k = kernelOf();
  return Boolean(p && p.content && p.context && p.context.isReady && k &&
                 k.connectionStatus === 'connected' && k.status === 'idle'); }
"""

# Record when the kernel last sent or received anything: "quiet" means idle and silent.
JS_WATCH_KERNEL = JS_PRELUDE + """
() => { const k = kernelOf();
  if (window.__uitestKernel === k) return;
  window.__uitestKernel = k; window.__uitestLast = performance.now();
  k.anyMessage.connect(() => { window.__uitestLast = performance.now(); }); }
"""

JS_QUIET = JS_PRELUDE + """
(quietMs) => { const k = kernelOf();
  return Boolean(k && k.status === 'idle' && performance.now() - window.__uitestLast > quietMs); }
"""

JS_RUN_ALL = JS_PRELUDE + """
async (timeoutMs) => {
  const run = window.jupyterapp.commands.execute('notebook:run-all-cells');
  const timeout = new Promise(resolve => setTimeout(() => resolve('timeout'), timeoutMs));
  const result = await Promise.race([run, timeout]);
  return result === 'timeout' ? 'timeout' : 'done';
}
"""

# Run code in the notebook's kernel (not in a cell) and return what it printed.
JS_KERNEL_RUN = JS_PRELUDE + """
async (code) => { const future = kernelOf().requestExecute({code, store_history: false,
                                                            silent: false});
  let out = '';
  future.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += `ERROR ${msg.content.ename}: ${msg.content.evalue}`;
  };
  await future.done;
  return out; }
"""

# Outputs as the notebook model holds them: errors and stderr per cell.
JS_OUTPUT_PROBLEMS = JS_PRELUDE + """
() => { const problems = [];
  panel().content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code' || !cell.model.sharedModel.getSource().trim()) return;
    const count = cell.model.executionCount;
    if (count === null) problems.push(`cell ${index}: was not executed`);
    for (const out of cell.model.outputs.toJSON()) {
      if (out.output_type === 'error')
        problems.push(`cell ${index}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === 'stream' && out.name === 'stderr') {
        const text = Array.isArray(out.text) ? out.text.join('') : out.text;
        problems.push(`cell ${index}: wrote to stderr: ${text.slice(0, 300)}`);
      }
    }
  });
  return problems; }
"""

# Every widget output has rendered (a widget view, or an error message in its place).
JS_WIDGETS_SETTLED = """
(mime) => { const outs = document.querySelectorAll(
    `.jp-NotebookPanel .jp-OutputArea-output[data-mime-type="${mime}"]`);
  return Array.from(outs).every(o => o.querySelector('.jupyter-widgets') ||
      /Error displaying widget/.test(o.textContent)); }
"""

JS_PAGE_PROBLEMS = """
() => { const problems = [];
  document.querySelectorAll('.jp-NotebookPanel .jp-Cell').forEach((cell, index) => {
    const area = cell.querySelector('.jp-OutputArea');
    const text = area ? area.textContent : '';
    const m = text.match(/Error displaying widget[^\\n]{0,80}/);
    if (m) problems.push(`cell ${index}: ${m[0]}`);
    cell.querySelectorAll('.jp-OutputArea-output img').forEach(img => {
      if (!img.complete || img.naturalWidth === 0)
        problems.push(`cell ${index}: image did not load`);
    });
  });
  return problems; }
"""

# Explorer pictures that have not loaded, or are one flat colour (nothing drawn), by cell.
JS_BLANK_FIGURES = """
async () => { const blank = [];
  const cells = Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-Cell'));
  for (const [index, cell] of cells.entries()) {
    for (const img of cell.querySelectorAll('img.course-explorer-figure')) {
      try { await img.decode(); } catch (e) { blank.push(index); continue; }
      if (!img.naturalWidth) { blank.push(index); continue; }
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let same = true;
      for (let i = 4; i < d.length; i += 4) {
        if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2]) { same = false; break; }
      }
      if (same) blank.push(index);
    }
  }
  return blank; }
"""

# Mark each explorer and its parts with data-uitest-* attributes so Playwright locators can
# find them; return what each holds. A control is a slider (a keyboard handle), radio
# buttons, or something else (reported, not moved).
JS_MARK_EXPLORERS = """
() => { const found = []; let k = 0;
  const suffix = (el, prefix) => { const c = Array.from(el.classList).find(
      c => c.startsWith(prefix)); return c ? c.slice(prefix.length) : ''; };
  document.querySelectorAll('.jp-NotebookPanel .jp-Cell').forEach((cell, index) => {
    cell.querySelectorAll('.course-explorer').forEach(box => {
      box.setAttribute('data-uitest-explorer', String(k));
      const img = box.querySelector('img.course-explorer-figure');
      const readout = box.querySelector('.course-explorer-readout');
      if (img) img.setAttribute('data-uitest-figure', String(k));
      if (readout) readout.setAttribute('data-uitest-readout', String(k));
      const controls = Array.from(box.querySelectorAll('.course-explorer-control')).map((c, j) => {
        const id = `${k}-${j}`;
        c.setAttribute('data-uitest-control', id);
        const handle = c.querySelector('.noUi-handle, .ui-slider-handle');
        const radios = c.querySelectorAll('input[type="radio"]');
        const value = c.querySelector('.widget-readout');
        const label = c.querySelector('.widget-label');
        if (handle) handle.setAttribute('data-uitest-handle', id);
        if (value) value.setAttribute('data-uitest-value', id);
        return {id, key: suffix(c, 'course-explorer-control-'),
                kind: handle ? 'slider' : (radios.length ? 'radio' : 'other'),
                classes: c.className,
                label: label ? label.textContent.trim() : '', options: radios.length}; });
      found.push({index: k, cell: index, name: suffix(box, 'course-explorer-'), controls,
                  hasFigure: Boolean(img), hasReadout: Boolean(readout),
                  width: box.scrollWidth, column: box.parentElement.clientWidth});
      k += 1;
    });
  });
  return found; }
"""

# The explorer's picture as pixels: store a baseline under a name, or compare with one.
JS_PICTURE = """
const picture = async (k) => {
  const img = document.querySelector(`[data-uitest-figure="${k}"]`);
  for (let attempt = 0; ; attempt++) {
    try { await img.decode(); break; } catch (e) { if (attempt > 20) throw e; }
    await new Promise(r => setTimeout(r, 50));
  }
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
  return ctx.getImageData(0, 0, c.width, c.height); };
"""

JS_STORE_PIXELS = JS_PICTURE + """
async ([k, name]) => { window.__uitestPixels = window.__uitestPixels || {};
  window.__uitestPixels[name] = await picture(k); }
"""

# Compare the picture with a stored one. `differ`: pixels not exactly equal. `unmatched`:
# pixels whose colour differs by more than `delta` (0-255, any channel) from the other picture
# at the same place AND at each of its 8 neighbours, checked both ways. Sub-pixel shifts of
# the same drawing (antialiasing, a marker snapped one pixel over) leave nothing unmatched;
# a line or point drawn somewhere else does.
JS_DIFF_PIXELS = JS_PICTURE + """
async ([k, name, delta]) => {
  const A = window.__uitestPixels[name];
  const B = await picture(k);
  const W = A.width, H = A.height, pixels = W * H;
  if (B.width !== W || B.height !== H)
    return {size: true, pixels, differ: pixels, unmatched: pixels, maxDelta: 255};
  const a = A.data, b = B.data;
  const dist = (x, i, y, j) => Math.max(Math.abs(x[i] - y[j]), Math.abs(x[i+1] - y[j+1]),
                                        Math.abs(x[i+2] - y[j+2]), Math.abs(x[i+3] - y[j+3]));
  const near = (x, y, px, py) => {
    const i = 4 * (py * W + px);
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const qx = px + dx, qy = py + dy;
      if (qx < 0 || qy < 0 || qx >= W || qy >= H) continue;
      if (dist(x, i, y, 4 * (qy * W + qx)) <= delta) return true;
    }
    return false; };
  let differ = 0, unmatched = 0, maxDelta = 0;
  for (let py = 0; py < H; py++) for (let px = 0; px < W; px++) {
    const i = 4 * (py * W + px), d = dist(a, i, b, i);
    if (d === 0) continue;
    differ += 1; maxDelta = Math.max(maxDelta, d);
    if (d > delta && !(near(a, b, px, py) && near(b, a, px, py))) unmatched += 1;
  }
  return {size: false, pixels, differ, unmatched, maxDelta}; }
"""

JS_SLIDER_STATE = """
(id) => { const h = document.querySelector(`[data-uitest-handle="${id}"]`);
  return {now: Number(h.getAttribute('aria-valuenow')),
          min: Number(h.getAttribute('aria-valuemin')),
          max: Number(h.getAttribute('aria-valuemax')), text: h.getAttribute('aria-valuetext')}; }
"""

# The picture as shown: natural size, CSS size, the device pixel ratio.
JS_FIGURE_SIZE = """
(k) => { const img = document.querySelector(`[data-uitest-figure="${k}"]`);
  const box = img.getBoundingClientRect();
  return {natural: img.naturalWidth, css: box.width, ratio: window.devicePixelRatio}; }
"""

# Sideways scrolling: the page or the notebook's own scroll area wider than the window, and
# what sticks out (the cell and the widest element, code editors aside: their long lines
# scroll inside the editor, as in any code editor), and explorers wider than their output.
JS_SIDEWAYS = """
() => { const found = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1)
    found.push(`the page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window`);
  const notebook = document.querySelector('.jp-NotebookPanel .jp-Notebook');
  const scrollers = [notebook, notebook && notebook.querySelector('.jp-WindowedPanel-outer')];
  for (const scroller of scrollers) {
    if (!scroller || scroller.scrollWidth <= scroller.clientWidth + 1) continue;
    const edge = scroller.getBoundingClientRect().left + scroller.clientWidth;
    let worst = null, right = edge;
    scroller.querySelectorAll('*').forEach(el => {
      if (el.closest('.cm-scroller') || el.closest('.cm-editor')) return;
      const r = el.getBoundingClientRect().right;
      if (r > right + 1) { right = r; worst = el; }
    });
    const cell = worst && worst.closest('.jp-Cell');
    const index = cell ? Array.from(cell.parentElement.children).indexOf(cell) : -1;
    found.push(`the notebook scrolls sideways: ${scroller.scrollWidth} px of content in ` +
               `${scroller.clientWidth} px` + (worst ? `; widest: cell ${index}, ` +
               `<${worst.tagName.toLowerCase()} class="${worst.className}"> ` +
               `${Math.round(right - edge)} px too wide` : ''));
    break;
  }
  document.querySelectorAll('.jp-NotebookPanel .course-explorer').forEach(box => {
    const out = box.closest('.jp-OutputArea-output') || box.parentElement;
    const right = box.getBoundingClientRect().right, edge = out.getBoundingClientRect().right;
    if (right > edge + 1) found.push(`explorer ${box.getAttribute('data-uitest-explorer')} ` +
                                     `sticks out of its output by ${Math.round(right - edge)} px`);
  });
  return found; }
"""

# Timestamps of what a learner does and sees, recorded in the page (performance.now, ms):
# key downs/ups, pointer down/moves/up, and every new picture: when its src changed and when
# the first animation frame after its decode ran (`shown`; null if a newer picture replaced
# it before it decoded).
JS_ARM = """
(k) => { const img = document.querySelector(`[data-uitest-figure="${k}"]`);
  const readout = document.querySelector(`[data-uitest-readout="${k}"]`);
  if (window.__uitestDisarm) window.__uitestDisarm();
  const rec = window.__uitestRec = {down: [], up: [], pointer: [], frames: [], readouts: [],
                                    pending: 0, origin: performance.timeOrigin};
  const listeners = [
    ['keydown', e => rec.down.push(performance.now())],
    ['keyup', e => rec.up.push(performance.now())],
    ['pointerdown', e => rec.pointer.push(['down', performance.now()])],
    ['pointermove', e => { if (e.buttons) rec.pointer.push(['move', performance.now()]); }],
    ['pointerup', e => rec.pointer.push(['up', performance.now()])],
  ];
  listeners.forEach(([type, f]) => document.addEventListener(type, f, true));
  const pictures = new MutationObserver(() => {
    const frame = {src: performance.now(), shown: null};
    rec.frames.push(frame); rec.pending += 1;
    img.decode()
      .then(() => new Promise(r => requestAnimationFrame(() => r())))
      .then(() => { frame.shown = performance.now(); })
      .catch(() => {})
      .finally(() => { rec.pending -= 1; });
  });
  pictures.observe(img, {attributes: true, attributeFilter: ['src']});
  const texts = new MutationObserver(() => rec.readouts.push(performance.now()));
  texts.observe(readout, {subtree: true, childList: true, characterData: true});
  window.__uitestDisarm = () => { pictures.disconnect(); texts.disconnect();
    listeners.forEach(([type, f]) => document.removeEventListener(type, f, true));
    window.__uitestDisarm = null; }; }
"""

JS_RECORD = "() => window.__uitestRec"

# In the kernel: log every move of every explorer's controls with the explorer's own
# timings of it (update, render, encode) and the wall-clock time (ms) it ended, read back by
# KERNEL_LOG_READ. Registered after
# the explorer's own observer, so it runs after the refresh it times.
KERNEL_LOG_INSTALL = """
import gc as _uitest_gc
import time as _uitest_time
from helpers.explorer import Explorer as _UitestExplorer
_uitest_log = []
for _e in [o for o in _uitest_gc.get_objects() if isinstance(o, _UitestExplorer) and not o.closed]:
    for _key, _control in _e.controls.items():
        _control.observe(lambda change, e=_e, key=_key: _uitest_log.append(
            [e.name, key, repr(change["new"]), dict(e.timings),
            1000 * _uitest_time.time()]), names="value")
print(len(_uitest_log))
"""

# In the kernel: (explorer CSS name, control key, widget class) of every live explorer.
KERNEL_CONTROL_KINDS = """
import gc as _uitest_gc
import json as _uitest_json
from helpers.explorer import CSS_CLASS as _uitest_css, Explorer as _UitestExplorer
_uitest_kinds = []
for _e in [o for o in _uitest_gc.get_objects() if isinstance(o, _UitestExplorer) and not o.closed]:
    _slug = [c for c in _e.widget._dom_classes if c.startswith(_uitest_css + "-")]
    for _key, _control in _e.controls.items():
        _uitest_kinds.append([_slug[0][len(_uitest_css) + 1:] if _slug else "", _key,
                              type(_control).__name__])
print(_uitest_json.dumps(_uitest_kinds))
"""

KERNEL_LOG_READ = """
import json as _uitest_json
print(_uitest_json.dumps(_uitest_log)); _uitest_log.clear()
"""

NUMBER = re.compile(r"[-+\u2212]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+\u2212]?\d+)?")


def numbers_in(text):
    """Every number written in text, as floats (accepts the typographic minus sign)."""
    return [float(m.replace("\u2212", "-")) for m in NUMBER.findall(text)]


def shows_value(readout, value_text):
    """True when the readout shows the slider's value, to the precision the slider prints."""
    if value_text and value_text in readout:
        return True
    try:
        value = numbers_in(value_text)[0]
    except IndexError:
        return False
    mantissa = value_text.lower().split("e")[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    scale = abs(value) if "e" in value_text.lower() and value else 1.0
    tolerance = 0.5 * 10 ** -decimals * scale + 1e-12
    return any(abs(n - value) <= tolerance for n in numbers_in(readout))


@dataclass
class ExplorerResult:
    """What happened when one control of an explorer was moved and moved back."""
    front_end: str
    notebook: str
    index: int
    cell: int
    explorer: str
    control: str
    key: str
    presses: int
    width: int = 0
    column: int = 0
    value_before: str = ""
    value_moved: str = ""
    readout_before: str = ""
    readout_moved: str = ""
    moved_diff: dict = field(default_factory=dict)
    back_diff: dict = field(default_factory=dict)
    screenshots: list = field(default_factory=list)


@dataclass
class Motion:
    """One held key or drag: how often the picture changed and how it settled."""
    how: str                    # "held key" or "drag"
    events: int                 # key downs (auto-repeat included) or pointer moves
    seconds: float              # from the first key down / pointer down to the release
    frames: int                 # pictures shown between the first event and the release
    interval_ms: float          # median time between two pictures shown, from the first event
                                # to the last picture (the motion as the learner sees it)
    settle_ms: float            # release to the last picture shown (0 if shown before)
    after_release: int          # pictures shown after the release
    renders: int                # refreshes the kernel ran for this control in the motion
    values: int                 # distinct values the kernel received for it
    moved: str                  # the slider's value before -> after, as the page shows it
    final_ok: bool              # the readout shows the slider's final value
    final_value: str = ""

    @property
    def fps(self):
        """Pictures a second while the picture keeps changing (1000 / median interval)."""
        return 1000.0 / self.interval_ms if self.interval_ms > 0 else float("nan")


def quantiles(samples):
    """(median, 95th percentile) of a list of numbers (nan, nan when empty)."""
    if not samples:
        return float("nan"), float("nan")
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


class NotebookPage:
    """One notebook open in a Playwright page, in JupyterLab 4 or Notebook 7."""

    def __init__(self, page, server, name, timeouts, front_end="lab"):
        if front_end not in FRONT_ENDS:
            raise ValueError(f"front_end must be one of {sorted(FRONT_ENDS)}; got {front_end!r}")
        self.page = page
        self.server = server
        self.name = name
        self.front_end = front_end
        self.timeouts = timeouts
        self.timings = {}  # phase -> seconds, for the summary
        self._clock = time.monotonic()
        # A healthy run logs no errors in the browser console; widgets that fail to set
        # their state do ("Error setting state: ..."), even when the page looks fine.
        self.console_errors = []
        page.on("console", lambda message: self.console_errors.append(message.text[:300])
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)[:300]))

    @property
    def label(self):
        return f"{self.name} in {FRONT_ENDS[self.front_end][0]}"

    def lap(self, phase):
        now = time.monotonic()
        self.timings[phase] = self.timings.get(phase, 0.0) + now - self._clock
        self._clock = now

    # -- waiting ---------------------------------------------------------------

    def wait_for(self, script, arg=None, timeout=None, what="condition"):
        try:
            self.page.wait_for_function(script, arg=arg, polling=50,
                                        timeout=(timeout or self.timeouts["default"]) * 1000)
        except Exception as error:  # Playwright's TimeoutError
            if "Timeout" in type(error).__name__ or "Timeout" in str(error):
                raise AssertionError(f"{self.label}: timed out waiting for {what}") from None
            raise

    def wait_quiet(self, timeout=None, quiet_ms=None):
        """Wait until the kernel is idle and nothing has gone to or from it for a moment."""
        self.wait_for(JS_QUIET, self.timeouts["quiet_ms"] if quiet_ms is None else quiet_ms,
                      timeout, "the kernel to go quiet")

    # -- opening and running -----------------------------------------------------

    def open(self):
        path = FRONT_ENDS[self.front_end][1].format(name=self.name)
        separator = "&" if "?" in path else "?"
        self.page.goto(f"{self.server.url}{path}{separator}token={self.server.token}",
                       wait_until="domcontentloaded")
        self.wait_for(JS_PRELUDE + "() => Boolean(panel() && panel().content)",
                      timeout=self.timeouts["open"], what="the notebook to show")
        self.lap("load page")
        self.wait_for(JS_READY, timeout=self.timeouts["open"], what="the notebook's kernel")
        self.page.evaluate(JS_WATCH_KERNEL)
        # Give the notebook the window's width, as a learner who closes the file browser.
        self.set_file_browser(False)
        self.close_notifications()
        self.lap("kernel")

    def set_file_browser(self, shown):
        """Open or close JupyterLab's left side bar (Notebook 7 has none beside a notebook)."""
        if self.front_end == "lab":
            self.page.evaluate("(shown) => shown ? window.jupyterapp.commands.execute("
                               "'filebrowser:activate') : window.jupyterapp.shell.collapseLeft()",
                               shown)

    def close_notifications(self):
        """Dismiss toasts such as the news question, which can cover the page."""
        for button in self.page.locator(".Toastify__toast .jp-toast-button, "
                                        ".Toastify__close-button").all():
            text = (button.text_content() or "").strip().lower()
            if button.is_visible() and text in ("", "no", "dismiss", "close", "×"):
                button.click()

    def run_all(self):
        """Run every cell as the Run menu does; return problems found in the outputs."""
        result = self.page.evaluate(JS_RUN_ALL, self.timeouts["run"] * 1000)
        if result == "timeout":
            raise AssertionError(f"{self.label}: cells still running after "
                                 f"{self.timeouts['run']}s")
        self.wait_quiet(timeout=self.timeouts["run"])
        self.wait_for(JS_WIDGETS_SETTLED, WIDGET_MIME, what="widgets to render")
        self.close_notifications()
        problems = self.page.evaluate(JS_OUTPUT_PROBLEMS)
        problems += self.page.evaluate(JS_PAGE_PROBLEMS)
        problems += self.blank_figures()
        problems += [f"browser console: {text}" for text in self.console_errors]
        self.lap("run all")
        return problems

    def blank_figures(self):
        """Explorer pictures that did not load or show nothing, as problem strings."""
        deadline = time.monotonic() + self.timeouts["render"]
        while True:
            blank = self.page.evaluate(JS_BLANK_FIGURES)
            if not blank or time.monotonic() > deadline:
                return [f"cell {i}: explorer picture did not load or is blank" for i in blank]
            self.page.wait_for_timeout(200)

    def explorers(self):
        return self.page.evaluate(JS_MARK_EXPLORERS)

    def kernel_run(self, code):
        """Run code in the notebook's kernel (outside any cell); return what it printed."""
        out = self.page.evaluate(JS_KERNEL_RUN, code)
        if out.startswith("ERROR"):
            raise RuntimeError(f"{self.label}: kernel code failed: {out}")
        return out

    # -- one control of one explorer -------------------------------------------------

    def text(self, selector):
        return (self.page.locator(selector).inner_text() or "").strip()

    def settle_figure(self, k):
        """Wait for quiet, then until two reads of the picture agree (the last one shown)."""
        self.wait_quiet()
        self.page.evaluate(JS_STORE_PIXELS, [k, "settle"])
        deadline = time.monotonic() + self.timeouts["default"]
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
            if self.page.evaluate(JS_DIFF_PIXELS, [k, "settle", 0])["differ"] == 0:
                return
            self.page.evaluate(JS_STORE_PIXELS, [k, "settle"])
            self.wait_quiet()
        raise AssertionError(f"{self.label}: explorer {k} picture kept changing")

    def slider_keys(self, control_id):
        """(key towards the farther end, key back) for a slider."""
        state = self.page.evaluate(JS_SLIDER_STATE, control_id)
        if state["max"] - state["now"] >= state["now"] - state["min"]:
            return "ArrowRight", "ArrowLeft"
        return "ArrowLeft", "ArrowRight"

    def press(self, k, control_id, key, times):
        """Press key `times` times on the slider, as fast as a person tapping, then wait.

        Each press sends the new value to the kernel and re-runs the callback (ipywidgets
        merges values that arrive while the kernel is busy); we wait for the last one.
        Returns how many presses moved the handle (a press at the end of the track does not).
        """
        handle = self.page.locator(f'[data-uitest-handle="{control_id}"]')
        handle.focus()
        moved = 0
        for _ in range(times):
            before = handle.get_attribute("aria-valuenow")
            handle.press(key)
            moved += handle.get_attribute("aria-valuenow") != before
        self.settle_figure(k)
        return moved

    def track_fraction(self, control_id):
        """Where the slider's handle sits along its track, 0 (left end) to 1 (right end)."""
        track = self.page.locator(f'[data-uitest-control="{control_id}"] .slider').first
        handle = self.page.locator(f'[data-uitest-handle="{control_id}"]')
        span, box = track.bounding_box(), handle.bounding_box()
        return (box["x"] + box["width"] / 2 - span["x"]) / span["width"]

    def click_track(self, k, control_id, fraction):
        """Click a slider's track at `fraction` of its width (the handle jumps there); wait."""
        track = self.page.locator(f'[data-uitest-control="{control_id}"] .slider').first
        track.scroll_into_view_if_needed()
        box = track.bounding_box()
        # Inside the track by a pixel: a handle at an end sits on the track's very edge.
        x = box["x"] + min(max(fraction * box["width"], 1.0), box["width"] - 1.0)
        self.page.mouse.click(x, box["y"] + box["height"] / 2)
        self.settle_figure(k)

    def choose_radio(self, k, control_id, option):
        """Select radio button `option` (0-based) with the keyboard: focus it, press Space."""
        radio = self.page.locator(f'[data-uitest-control="{control_id}"] input[type="radio"]')
        radio.nth(option).focus()
        radio.nth(option).press("Space")
        self.settle_figure(k)

    def checked_radio(self, control_id):
        return self.page.evaluate(
            "(id) => Array.from(document.querySelectorAll(`[data-uitest-control=\"${id}\"] "
            "input[type=\"radio\"]`)).findIndex(r => r.checked)", control_id)

    def radio_label(self, control_id, option):
        return self.page.evaluate(
            "([id, i]) => document.querySelectorAll(`[data-uitest-control=\"${id}\"] "
            "input[type=\"radio\"]`)[i].parentElement.textContent.trim()", [control_id, option])

    def check_control(self, explorer, shots_dir, control=0, presses=3, tolerance=TOLERANCE):
        """Move one control of the explorer and back with the keyboard; raise ExplorerBroken."""
        k = explorer["index"]
        info = explorer["controls"][control]
        control_id = info["id"]
        label = (f"{self.label}: explorer {k} (cell {explorer['cell']}, "
                 f"control {info['label'] or info['key']!r})")
        if info["kind"] == "other":
            raise ExplorerBroken(f"{label}: not a slider or radio buttons; the check cannot "
                                 "move it")
        if not explorer["hasFigure"]:
            raise ExplorerBroken(f"{label}: no picture (img.course-explorer-figure)")
        if not explorer["hasReadout"]:
            raise ExplorerBroken(f"{label}: no readout line under the figure")
        box = self.page.locator(f'[data-uitest-explorer="{k}"]')
        box.scroll_into_view_if_needed()
        self.settle_figure(k)
        if info["kind"] == "slider" and SLIDER_INPUT[self.front_end] == "mouse":
            # Click the track a third of its width towards the farther end, then click where
            # the handle was: the handle snaps back to the same step.
            start = self.track_fraction(control_id)
            value_of = lambda: self.text(f'[data-uitest-value="{control_id}"]')  # noqa: E731
            move = lambda: self.click_track(  # noqa: E731
                k, control_id, start + (1 / 3 if start < 0.5 else -1 / 3))
            undo = lambda: self.click_track(k, control_id, start)  # noqa: E731
            key, presses = "a click on the track", 1
            what, back_what = key, "a click where the handle was"
        elif info["kind"] == "slider":
            key, back = self.slider_keys(control_id)
            value_of = lambda: self.text(f'[data-uitest-value="{control_id}"]')  # noqa: E731
            moved = {"presses": presses}

            def move():
                moved["presses"] = self.press(k, control_id, key, presses)

            # Go back as many steps as the handle really moved: near an end, fewer than pressed.
            undo = lambda: self.press(k, control_id, back, moved["presses"])  # noqa: E731
            what, back_what = f"{presses} x {key}", f"as many x {back}"
        else:
            first = self.checked_radio(control_id)
            other = (first + 1) % info["options"]
            key, presses = f"Space on option {other}", 1
            value_of = lambda: self.radio_label(control_id, max(self.checked_radio(  # noqa: E731
                control_id), 0))
            move = lambda: self.choose_radio(k, control_id, other)  # noqa: E731
            undo = lambda: self.choose_radio(k, control_id, first)  # noqa: E731
            what, back_what = key, f"Space on option {first}"
        result = ExplorerResult(self.front_end, self.name, k, explorer["cell"], explorer["name"],
                                info["label"] or info["key"], key, presses,
                                explorer["width"], explorer["column"])
        stem = f"{self.front_end}-{Path(self.name).stem}-explorer{k}-{info['key'] or control}"

        def shot(tag):
            if shots_dir is None:
                return
            path = Path(shots_dir) / f"{stem}-{tag}.png"
            box.screenshot(path=str(path))
            result.screenshots.append(str(path))

        readout_selector = f'[data-uitest-readout="{k}"]'
        result.value_before = value_of()
        result.readout_before = self.text(readout_selector)
        self.page.evaluate(JS_STORE_PIXELS, [k, "before"])
        shot("1-before")

        errors_before = len(self.console_errors)
        move()
        result.value_moved = value_of()
        result.readout_moved = self.text(readout_selector)
        result.moved_diff = self.page.evaluate(JS_DIFF_PIXELS, [k, "before", DELTA])
        allowed = tolerance * result.moved_diff["pixels"]
        shot("2-moved")
        if len(self.console_errors) > errors_before:
            raise ExplorerBroken(f"{label}: browser console error after moving the control: "
                                 f"{self.console_errors[errors_before]}")
        if result.value_moved == result.value_before:
            raise ExplorerBroken(f"{label}: {what} did not move the control "
                                 f"(value stayed {result.value_before})")
        if result.moved_diff["unmatched"] <= allowed:
            raise ExplorerBroken(f"{label}: moving the control from {result.value_before} to "
                                 f"{result.value_moved} did not change the figure "
                                 f"({result.moved_diff['unmatched']} pixels changed)")
        if result.readout_moved == result.readout_before:
            raise ExplorerBroken(f"{label}: moving the control to {result.value_moved} did "
                                 f"not change the readout ({result.readout_before!r})")
        if info["kind"] == "slider" and not shows_value(result.readout_moved, result.value_moved):
            raise ExplorerBroken(f"{label}: the readout {result.readout_moved!r} does not show "
                                 f"the slider's new value {result.value_moved}")

        undo()
        result.back_diff = self.page.evaluate(JS_DIFF_PIXELS, [k, "before", DELTA])
        shot("3-back")
        value_back = value_of()
        readout_back = self.text(readout_selector)
        if value_back != result.value_before:
            raise ExplorerBroken(f"{label}: {back_what} left the control at {value_back}, "
                                 f"not {result.value_before}")
        if result.back_diff["unmatched"] > allowed:
            raise ExplorerBroken(
                f"{label}: after moving back to {value_back} the figure differs from its first "
                f"picture in {result.back_diff['unmatched']} of {result.back_diff['pixels']} "
                f"pixels (allowed {allowed:.0f})")
        self.lap("explorers")
        if readout_back != result.readout_before:
            raise ExplorerBroken(f"{label}: after moving back the readout is {readout_back!r}, "
                                 f"not {result.readout_before!r}")
        return result

    # -- what a screen reader is told, what fits the window ---------------------------

    def accessibility(self, explorer):
        """For each control: its accessible name(s) and what a screen reader announces.

        Returns a list of dicts: key, kind, label (the visible description), names (the
        accessible name Chromium computes for each focusable part: the slider handle, or
        each radio button), valuenow / valuetext (aria, sliders), shown (the value printed
        beside the slider), selection (a SelectionSlider: it announces its position).
        """
        # The page does not say which widget class a slider is; the kernel does.
        kinds = {(slug, key): kind for slug, key, kind in json.loads(
            self.kernel_run(KERNEL_CONTROL_KINDS))}
        self.wait_quiet(quiet_ms=50)
        out = []
        for info in explorer["controls"]:
            control = self.page.locator(f'[data-uitest-control="{info["id"]}"]')
            entry = {"key": info["key"], "kind": info["kind"], "label": info["label"]}
            if info["kind"] == "slider":
                handle = self.page.locator(f'[data-uitest-handle="{info["id"]}"]')
                entry["names"] = [accessible_name(handle.aria_snapshot())]
                state = self.page.evaluate(JS_SLIDER_STATE, info["id"])
                entry.update(valuenow=state["now"], valuetext=state["text"],
                             shown=self.text(f'[data-uitest-value="{info["id"]}"]'),
                             selection=kinds.get((explorer["name"], info["key"]))
                             == "SelectionSlider")
            elif info["kind"] == "radio":
                radios = control.locator('input[type="radio"]')
                entry["names"] = [accessible_name(radios.nth(i).aria_snapshot())
                                  for i in range(radios.count())]
            else:
                entry["names"] = [accessible_name(control.aria_snapshot())]
            out.append(entry)
        return out

    def sideways_scrolling(self):
        """Every place the notebook scrolls sideways or an explorer sticks out (strings)."""
        return self.page.evaluate(JS_SIDEWAYS)

    def figure_size(self, k):
        return self.page.evaluate(JS_FIGURE_SIZE, k)

    def set_device_scale(self, scale, width=1280, height=1000):
        """Emulate a screen with `scale` device pixels per CSS pixel (Chrome DevTools)."""
        # The override lasts as long as the DevTools session that set it: keep the session.
        if getattr(self, "_devtools", None) is None:
            self._devtools = self.page.context.new_cdp_session(self.page)
        self._devtools.send("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": scale,
                             "mobile": False})
        self.page.wait_for_function("(s) => window.devicePixelRatio === s", arg=scale)

    # -- timings as felt (for make bench) ------------------------------------------

    def install_kernel_log(self):
        """Log every explorer refresh in the kernel with its timings (see kernel_log)."""
        self.kernel_run(KERNEL_LOG_INSTALL)
        self.wait_quiet()

    def kernel_log(self):
        """[(explorer name, control key, value repr, {update, render, encode} s)], cleared."""
        out = self.kernel_run(KERNEL_LOG_READ)
        self.wait_quiet(quiet_ms=50)
        return [tuple(entry) for entry in json.loads(out)]

    def _record(self):
        return self.page.evaluate(JS_RECORD)

    def _wait_pictures(self, k, count, timeout):
        """Wait until `count` new pictures have been recorded and none is still decoding."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rec = self._record()
            if len(rec["frames"]) >= count and rec["pending"] == 0:
                return rec
            self.page.wait_for_timeout(5)
        return self._record()

    def press_latency(self, explorer, control, presses=20, timeout=5.0):
        """Key press to changed pixels, in ms, for `presses` single presses of one slider.

        Each press starts from a quiet kernel; the slider walks towards its farther end and
        turns at an end. Returns (samples in ms, readout ms, kernel log entries).
        """
        k, info = explorer["index"], explorer["controls"][control]
        if info["kind"] != "slider":
            raise ValueError(f"control {control} of explorer {k} is not a slider")
        handle = self.page.locator(f'[data-uitest-handle="{info["id"]}"]')
        handle.scroll_into_view_if_needed()
        self.kernel_log()                       # start with an empty log
        samples, readouts = [], []
        key = None
        for _ in range(presses):
            state = self.page.evaluate(JS_SLIDER_STATE, info["id"])
            if key is None or (key == "ArrowRight" and state["now"] >= state["max"]) or (
                    key == "ArrowLeft" and state["now"] <= state["min"]):
                key = self.slider_keys(info["id"])[0]
            self.wait_quiet(quiet_ms=30)
            self.page.evaluate(JS_ARM, k)
            handle.press(key)
            rec = self._wait_pictures(k, 1, timeout)
            shown = [f["shown"] for f in rec["frames"] if f["shown"] is not None]
            if rec["down"] and shown:
                samples.append(shown[-1] - rec["down"][0])
            if rec["down"] and rec["readouts"]:
                readouts.append(rec["readouts"][0] - rec["down"][0])
        self.page.evaluate("() => window.__uitestDisarm && window.__uitestDisarm()")
        self.wait_quiet(quiet_ms=50)
        return samples, readouts, self.kernel_log()

    def _motion(self, k, info, how, start_event, release, events, value_before):
        """Wait for the motion's last picture; summarise it as a Motion."""
        self.wait_quiet(quiet_ms=300)
        rec = self._wait_pictures(k, 0, 5.0)
        shown = [f["shown"] for f in rec["frames"] if f["shown"] is not None]
        during = [t for t in shown if start_event <= t <= release]
        moving = [t for t in shown if t >= start_event]     # the picture still catching up
        intervals = [b - a for a, b in zip(moving, moving[1:])]
        after = [t for t in shown if t > release]
        log = self.kernel_log()
        final_value = self.text(f'[data-uitest-value="{info["id"]}"]')
        readout = self.text(f'[data-uitest-readout="{k}"]')
        mine = [entry for entry in log if entry[1] == info["key"]]
        self.page.evaluate("() => window.__uitestDisarm && window.__uitestDisarm()")
        return Motion(how, events, (release - start_event) / 1000, len(during),
                      statistics.median(intervals) if intervals else float("nan"),
                      max(0.0, shown[-1] - release) if shown else float("nan"), len(after),
                      len(mine), len({entry[2] for entry in mine}),
                      f"{value_before} -> {final_value}", shows_value(readout, final_value),
                      final_value)

    def held_key(self, explorer, control, seconds=1.5, rate=30.0):
        """Hold ArrowRight on one slider from its left end (auto-repeat at `rate` a second);
        return a Motion. The key is released after `seconds`, or at the slider's right end.
        """
        k, info = explorer["index"], explorer["controls"][control]
        handle = self.page.locator(f'[data-uitest-handle="{info["id"]}"]')
        handle.scroll_into_view_if_needed()
        handle.focus()
        handle.press("Home")                     # start at the left end: the longest run
        self.wait_quiet(quiet_ms=100)
        end = self.page.evaluate(JS_SLIDER_STATE, info["id"])["max"]
        value_before = self.text(f'[data-uitest-value="{info["id"]}"]')
        self.kernel_log()
        self.page.evaluate(JS_ARM, k)
        start = time.perf_counter()
        for i in range(max(1, int(seconds * rate))):   # a held key: one key down, repeats
            self.page.keyboard.down("ArrowRight")
            if self.page.evaluate(JS_SLIDER_STATE, info["id"])["now"] >= end:
                break
            delay = start + (i + 1) / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        self.page.keyboard.up("ArrowRight")
        rec = self._record()
        return self._motion(k, info, "held key", rec["down"][0], rec["up"][-1], len(rec["down"]),
                            value_before)

    def drag(self, explorer, control, seconds=1.5, rate=60.0):
        """Drag one slider's handle to the far end of its track with the mouse; return a Motion."""
        k, info = explorer["index"], explorer["controls"][control]
        handle = self.page.locator(f'[data-uitest-handle="{info["id"]}"]')
        track = self.page.locator(f'[data-uitest-control="{info["id"]}"] .slider')
        handle.scroll_into_view_if_needed()
        h, t = handle.bounding_box(), track.first.bounding_box()
        x0, y = h["x"] + h["width"] / 2, h["y"] + h["height"] / 2
        x1 = t["x"] + t["width"] - 1 if (t["x"] + t["width"]) - x0 >= x0 - t["x"] else t["x"] + 1
        value_before = self.text(f'[data-uitest-value="{info["id"]}"]')
        self.wait_quiet(quiet_ms=100)
        self.kernel_log()
        self.page.evaluate(JS_ARM, k)
        count = max(1, int(seconds * rate))
        self.page.mouse.move(x0, y)
        self.page.mouse.down()
        start = time.perf_counter()
        for i in range(1, count + 1):
            self.page.mouse.move(x0 + (x1 - x0) * i / count, y)
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        self.page.mouse.up()
        rec = self._record()
        downs = [t for kind, t in rec["pointer"] if kind == "down"]
        ups = [t for kind, t in rec["pointer"] if kind == "up"]
        moves = sum(1 for kind, _ in rec["pointer"] if kind == "move")
        return self._motion(k, info, "drag", downs[0], ups[-1], moves, value_before)


def accessible_name(snapshot):
    """The accessible name in a Playwright aria snapshot line ('- slider "name"' -> name)."""
    first = (snapshot or "").strip().splitlines()[0] if snapshot else ""
    match = re.match(r'-\s*[\w-]+\s+"((?:[^"\\]|\\.)*)"', first)
    return match.group(1) if match else ""
