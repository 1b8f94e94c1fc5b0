"""Drive JupyterLab in a real browser the way a learner does, and say plainly what went wrong.

The pieces, used by ``conftest.py`` and ``test_browser.py``:

* ``LabServer``: a throwaway JupyterLab server on a free loopback port, serving a temporary
  folder, with its own token and its own settings (news off, every cell kept in the page).
* ``NotebookPage``: one notebook opened in a Playwright page with ``?reset``. It runs all
  cells, waits for the kernel to go quiet, collects problems (error outputs, stderr, "Error
  displaying widget", blank ipympl canvases, broken images) and finds the explorers: cell
  outputs holding an ipympl canvas and at least one slider.
* ``check_explorer``: focuses one slider of an explorer, presses an arrow key a few times
  (each press re-runs the callback in the kernel; we wait for quiet after each), checks that
  the canvas pixels and the readout changed and that the readout shows the slider's new value,
  presses the other arrow as many times, and checks the figure and readout came back. It saves
  before/moved/back screenshots and raises ``ExplorerBroken`` saying which check failed.

Nothing here sleeps for a fixed time to "let things happen": every wait polls a condition in
the page with a deadline.
"""

import json
import os
import re
import shutil
import socket
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
RESULTS = []  # ExplorerResult of every explorer checked, for the summary at the end

CHROMIUM = "/usr/bin/chromium"
# The machine's network is closed: without the background-networking flags Chromium keeps
# trying (and failing) to reach its update and sync services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# How two pictures of a figure are compared (see JS_DIFF_PIXELS): a pixel counts only if it
# is more than DELTA away (0-255) from the other picture here and at all 8 neighbours, and
# pictures count as different when more than TOLERANCE of their pixels count. Measured on the
# course's explorers (a control moved 3 steps and back): matplotlib's constrained layout
# re-runs on every draw and can leave the axes a fraction of a pixel off (up to 26,000 pixels
# not exactly equal after the round trip, at most 7 counted = 0.002%), while the smallest
# real move counted 269 pixels (0.09%). 0.02% sits between.
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
    """An explorer did not respond to its slider as a learner would expect."""


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server for tests: loopback only, own token, own config, stopped by stop()."""

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


# ---------------------------------------------------------------------------
# JavaScript run inside the page. `panel()` is the notebook that is open.
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
    const text = cell.querySelector('.jp-OutputArea') ?
        cell.querySelector('.jp-OutputArea').textContent : '';
    const m = text.match(/Error displaying widget[^\\n]{0,80}/);
    if (m) problems.push(`cell ${index}: ${m[0]}`);
    cell.querySelectorAll('.jp-OutputArea-output img').forEach(img => {
      if (!img.complete || img.naturalWidth === 0) problems.push(`cell ${index}: image did not load`);
    });
  });
  return problems; }
"""

# The figure's own canvas (ipympl stacks a second, transparent one on top for rubber bands).
JS_CANVASES = """
() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel .jupyter-matplotlib-canvas-div')).map(div => div.querySelector('canvas'))
"""

JS_BLANK_CANVASES = """
() => { const blank = [];
  document.querySelectorAll('.jp-NotebookPanel .jp-Cell').forEach((cell, index) => {
    cell.querySelectorAll('.jupyter-matplotlib-canvas-div').forEach(div => {
      const c = div.querySelector('canvas');
      if (!c || c.width === 0 || c.height === 0) { blank.push(index); return; }
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let same = true;
      for (let i = 4; i < d.length; i += 4) {
        if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2] || d[i+3] !== d[3]) {
          same = false; break; }
      }
      if (same) blank.push(index);
    });
  });
  return blank; }
"""

# Mark each explorer (an output holding an ipympl canvas and a slider) and its parts with
# data-uitest-* attributes so Playwright locators can find them; return where they are.
JS_MARK_EXPLORERS = """
() => { const found = []; let k = 0;
  document.querySelectorAll('.jp-NotebookPanel .jp-Cell').forEach((cell, index) => {
    cell.querySelectorAll('.jp-OutputArea-output').forEach(out => {
      const div = out.querySelector('.jupyter-matplotlib-canvas-div');
      const sliders = Array.from(out.querySelectorAll('.widget-slider'));
      if (!div || !sliders.length) return;
      const after = Array.from(out.querySelectorAll('.widget-html')).filter(h =>
          div.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
      out.setAttribute('data-uitest-explorer', String(k));
      div.querySelector('canvas').setAttribute('data-uitest-canvas', String(k));
      let hasHandles = true;
      const labels = sliders.map((slider, j) => {
        const handle = slider.querySelector('.noUi-handle');
        const value = slider.querySelector('.widget-readout');
        const label = slider.querySelector('.widget-label');
        if (handle) handle.setAttribute('data-uitest-handle', `${k}-${j}`); else hasHandles = false;
        if (value) value.setAttribute('data-uitest-value', `${k}-${j}`);
        return label ? label.textContent.trim() : `slider ${j}`; });
      if (after.length) after[after.length - 1].setAttribute('data-uitest-readout', String(k));
      found.push({index: k, cell: index, sliders: labels,
                  width: out.scrollWidth, column: out.clientWidth,
                  hasHandles, hasReadout: after.length > 0});
      k += 1;
    });
  });
  return found; }
"""

# Canvas pixels: store a baseline under a name, or compare the canvas with a stored one.
JS_STORE_PIXELS = """
([k, name]) => { const c = document.querySelector(`[data-uitest-canvas="${k}"]`);
  window.__uitestPixels = window.__uitestPixels || {};
  window.__uitestPixels[name] = c.getContext('2d').getImageData(0, 0, c.width, c.height); }
"""

# Compare the canvas with a stored picture. `differ`: pixels not exactly equal. `unmatched`:
# pixels whose colour differs by more than `delta` (0-255, any channel) from the other picture
# at the same place AND at each of its 8 neighbours, checked both ways. Sub-pixel shifts of
# the same drawing (antialiasing, a marker snapped one pixel over) leave nothing unmatched;
# a line or point drawn somewhere else does.
JS_DIFF_PIXELS = """
([k, name, delta]) => { const c = document.querySelector(`[data-uitest-canvas="${k}"]`);
  const A = window.__uitestPixels[name];
  const B = c.getContext('2d').getImageData(0, 0, c.width, c.height);
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
  return {now: Number(h.getAttribute('aria-valuenow')), min: Number(h.getAttribute('aria-valuemin')),
          max: Number(h.getAttribute('aria-valuemax'))}; }
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
    """What happened when one explorer's slider was moved and moved back."""
    notebook: str
    index: int
    cell: int
    slider: str
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


class NotebookPage:
    """One notebook open in JupyterLab in a Playwright page."""

    def __init__(self, page, server, name, timeouts):
        self.page = page
        self.server = server
        self.name = name
        self.timeouts = timeouts
        self.timings = {}  # phase -> seconds, for the summary
        self._clock = time.monotonic()
        # A healthy run logs no errors in the browser console; widgets that fail to set
        # their state do ("Error setting state: ..."), even when the page looks fine.
        self.console_errors = []
        page.on("console", lambda message: self.console_errors.append(message.text[:300])
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)[:300]))

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
                raise AssertionError(f"{self.name}: timed out waiting for {what}") from None
            raise

    def wait_quiet(self, timeout=None):
        """Wait until the kernel is idle and nothing has gone to or from it for a moment."""
        self.wait_for(JS_QUIET, self.timeouts["quiet_ms"], timeout, "the kernel to go quiet")

    # -- opening and running -----------------------------------------------------

    def open(self):
        url = f"{self.server.url}/lab/tree/{self.name}?reset&token={self.server.token}"
        self.page.goto(url, wait_until="domcontentloaded")
        self.wait_for(JS_PRELUDE + "() => Boolean(panel() && panel().content)",
                      timeout=self.timeouts["open"], what="JupyterLab to show the notebook")
        self.lap("load lab")
        self.wait_for(JS_READY, timeout=self.timeouts["open"], what="the notebook's kernel")
        self.page.evaluate(JS_WATCH_KERNEL)
        # Give the notebook the window's width, as a learner who closes the file browser.
        self.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        self.close_notifications()
        self.lap("kernel")

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
            raise AssertionError(f"{self.name}: cells still running after {self.timeouts['run']}s")
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
        """ipympl canvases still blank after the render deadline, as problem strings."""
        try:
            self.wait_for("() => (" + JS_BLANK_CANVASES + ")().length === 0",
                          timeout=self.timeouts["render"], what="figures to render")
        except AssertionError:
            return [f"cell {i}: interactive figure is blank (did not render)"
                    for i in self.page.evaluate(JS_BLANK_CANVASES)]
        return []

    def explorers(self):
        return self.page.evaluate(JS_MARK_EXPLORERS)

    # -- one explorer --------------------------------------------------------------

    def text(self, selector):
        return (self.page.locator(selector).inner_text() or "").strip()

    def settle_figure(self, k):
        """Wait for quiet, then until two reads of the canvas agree (the last image drawn)."""
        self.wait_quiet()
        self.page.evaluate(JS_STORE_PIXELS, [k, "settle"])
        deadline = time.monotonic() + self.timeouts["default"]
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
            if self.page.evaluate(JS_DIFF_PIXELS, [k, "settle", 0])["differ"] == 0:
                return
            self.page.evaluate(JS_STORE_PIXELS, [k, "settle"])
            self.wait_quiet()
        raise AssertionError(f"{self.name}: explorer {k} figure kept changing")

    def press(self, k, slider_id, key, times):
        """Press key `times` times on the slider, as fast as a person tapping, then wait.

        Each press sends the new value to the kernel and re-runs the callback (ipywidgets may
        merge presses that arrive while the kernel is busy); we wait for the last one.
        """
        handle = self.page.locator(f'[data-uitest-handle="{slider_id}"]')
        handle.focus()
        for _ in range(times):
            handle.press(key)
        self.settle_figure(k)

    def check_explorer(self, explorer, shots_dir, slider=0, presses=3, tolerance=TOLERANCE):
        """Move one slider of the explorer and back with the keyboard; raise ExplorerBroken."""
        k = explorer["index"]
        slider_id, name = f"{k}-{slider}", explorer["sliders"][slider]
        label = f"{self.name} explorer {k} (cell {explorer['cell']}, slider {name!r})"
        if not explorer["hasHandles"]:
            raise ExplorerBroken(f"{label}: slider has no keyboard handle")
        if not explorer["hasReadout"]:
            raise ExplorerBroken(f"{label}: no readout line under the figure")
        box = self.page.locator(f'[data-uitest-explorer="{k}"]')
        box.scroll_into_view_if_needed()
        self.settle_figure(k)
        state = self.page.evaluate(JS_SLIDER_STATE, slider_id)
        key, back = (("ArrowRight", "ArrowLeft") if state["max"] - state["now"] >=
                     state["now"] - state["min"] else ("ArrowLeft", "ArrowRight"))
        result = ExplorerResult(self.name, k, explorer["cell"], name, key, presses,
                                explorer["width"], explorer["column"])
        stem = f"{Path(self.name).stem}-explorer{k}-slider{slider}"

        def shot(tag):
            path = Path(shots_dir) / f"{stem}-{tag}.png"
            box.screenshot(path=str(path))
            result.screenshots.append(str(path))

        value_selector = f'[data-uitest-value="{slider_id}"]'
        readout_selector = f'[data-uitest-readout="{k}"]'
        result.value_before = self.text(value_selector)
        result.readout_before = self.text(readout_selector)
        self.page.evaluate(JS_STORE_PIXELS, [k, "before"])
        shot("1-before")

        errors_before = len(self.console_errors)
        self.press(k, slider_id, key, presses)
        result.value_moved = self.text(value_selector)
        result.readout_moved = self.text(readout_selector)
        result.moved_diff = self.page.evaluate(JS_DIFF_PIXELS, [k, "before", DELTA])
        allowed = tolerance * result.moved_diff["pixels"]
        shot("2-moved")
        if len(self.console_errors) > errors_before:
            raise ExplorerBroken(f"{label}: browser console error after moving the slider: "
                                 f"{self.console_errors[errors_before]}")
        if result.value_moved == result.value_before:
            raise ExplorerBroken(f"{label}: {presses} x {key} did not move the slider "
                                 f"(value stayed {result.value_before})")
        if result.moved_diff["unmatched"] <= allowed:
            raise ExplorerBroken(f"{label}: moving the slider from {result.value_before} to "
                                 f"{result.value_moved} did not change the figure "
                                 f"({result.moved_diff['unmatched']} pixels changed)")
        if result.readout_moved == result.readout_before:
            raise ExplorerBroken(f"{label}: moving the slider to {result.value_moved} did not "
                                 f"change the readout ({result.readout_before!r})")
        if not shows_value(result.readout_moved, result.value_moved):
            raise ExplorerBroken(f"{label}: the readout {result.readout_moved!r} does not show "
                                 f"the slider's new value {result.value_moved}")

        self.press(k, slider_id, back, presses)
        result.back_diff = self.page.evaluate(JS_DIFF_PIXELS, [k, "before", DELTA])
        shot("3-back")
        value_back = self.text(value_selector)
        readout_back = self.text(readout_selector)
        if value_back != result.value_before:
            raise ExplorerBroken(f"{label}: {presses} x {back} left the slider at {value_back}, "
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
