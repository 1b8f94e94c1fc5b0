"""Fixtures for the real-browser check: a Jupyter server per front end, one Chromium.

Each front end (JupyterLab 4, Notebook 7) gets its own server, serving its own temporary copy
of notebooks/ (so running cells never touches the repository), on a free 127.0.0.1 port with
a random token, stopped at the end. Each test opens notebooks in fresh pages and shuts
their kernels down afterwards.
"""

import secrets
import time
from pathlib import Path

import pytest

import browser_lab

NOTEBOOKS = browser_lab.NOTEBOOKS
SCREENSHOTS = browser_lab.SCREENSHOTS

# Seconds (quiet_ms in milliseconds). Generous: the machine is small and may be shared.
TIMEOUTS = {"default": 30, "open": 120, "run": 600, "render": 30, "quiet_ms": 250}

RESULTS = browser_lab.RESULTS
TIMINGS = []        # (front end, notebook, {phase: seconds}) of every notebook opened
ACCESSIBILITY = []  # (front end, notebook, explorer, [control]) from NotebookPage.accessibility
_START = time.monotonic()


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """servers(front end) -> (LabServer, root folder): one server per front end, started on
    first use and stopped at the end. Apart, because what one front end leaves on the server
    (JupyterLab's workspace and file-browser state, notebooks it saved) makes the other log
    errors on load ("Command 'filebrowser:open-path' not registered" in Notebook 7)."""
    if not Path(browser_lab.CHROMIUM).exists():
        pytest.fail(f"{browser_lab.CHROMIUM} not found: install Debian's chromium "
                    "(apt-get install -y chromium); see README.md, 'Browser check'")
    started = {}

    def get(front_end):
        if front_end not in started:
            root = tmp_path_factory.mktemp(f"{front_end}-root")
            browser_lab.copy_notebooks(NOTEBOOKS, root)
            server = browser_lab.LabServer(root, tmp_path_factory.mktemp(f"{front_end}-state"),
                                           secrets.token_hex(16))
            server.start()
            started[front_end] = (server, root)
        return started[front_end]

    yield get
    for server, _ in started.values():
        server.stop()


@pytest.fixture(scope="session")
def lab_root(servers):
    """The folder JupyterLab's server serves (a copy of notebooks/)."""
    return servers("lab")[1]


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    if not Path(browser_lab.CHROMIUM).exists():
        pytest.fail(f"{browser_lab.CHROMIUM} not found: install Debian's chromium "
                    "(apt-get install -y chromium); see README.md, 'Browser check'")
    chromium = playwright_driver.chromium.launch(executable_path=browser_lab.CHROMIUM,
                                                 headless=True, args=browser_lab.CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def screenshots():
    """The folder for explorer screenshots, emptied of the last run's pictures."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@pytest.fixture(scope="session")
def browser_contexts(browser):
    """One browser context per front end, kept for the session, so each front end's scripts
    come from the browser cache and neither sees what the other stored in the page."""
    contexts = {}

    def get(front_end):
        if front_end not in contexts:
            contexts[front_end] = browser.new_context(viewport={"width": 1280, "height": 1000})
        return contexts[front_end]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def accessibility_log():
    return ACCESSIBILITY


@pytest.fixture
def open_notebook(browser_contexts, servers):
    """open_notebook(path relative to the server root, front end) -> NotebookPage, ready."""
    pages = []

    def open_(name, front_end="lab", **timeouts):
        page = browser_lab.NotebookPage(browser_contexts(front_end).new_page(),
                                        servers(front_end)[0], name, {**TIMEOUTS, **timeouts},
                                        front_end)
        pages.append(page)
        page.open()
        return page

    yield open_
    for page in pages:
        page.page.close()
        page.server.shutdown_kernels()
    TIMINGS.extend((page.front_end, page.name, page.timings) for page in pages)


def pytest_terminal_summary(terminalreporter):
    if not RESULTS and not TIMINGS:
        return
    write = terminalreporter.write_line
    write("")
    write(f"browser check: {len(RESULTS)} explorer control(s) moved and moved back, "
          f"{time.monotonic() - _START:.1f}s since the browser tests were loaded")
    for r in RESULTS:
        write(f"  {browser_lab.FRONT_ENDS[r.front_end][0]}: {r.notebook} explorer {r.index} "
              f"({r.explorer}, cell {r.cell}): {r.control} {r.value_before} -> {r.value_moved} "
              f"({r.presses} x {r.key}); picture changed in {r.moved_diff['unmatched']} px, "
              f"back differs in {r.back_diff['unmatched']} px of {r.back_diff['pixels']}")
    if ACCESSIBILITY:
        write("what a screen reader is told (accessible name; aria-valuenow / valuetext; "
              "the value shown):")
        seen = set()
        for front_end, name, explorer, controls in ACCESSIBILITY:
            for c in controls:
                if (explorer, c["key"]) in seen:
                    continue
                seen.add((explorer, c["key"]))
                names = " | ".join(repr(n) if n else "(none)" for n in c["names"])
                told = (f"; now {c['valuenow']!r}, text {c['valuetext']!r}; shows "
                        f"{c['shown']!r}" + (" (position of a SelectionSlider)"
                                             if c.get("selection") else "")
                        if c["kind"] == "slider" else "")
                write(f"  {explorer} {c['kind']} {c['label']!r}: name {names}{told}")
    for front_end, name, timings in TIMINGS:
        write(f"  {browser_lab.FRONT_ENDS[front_end][0]}: {name}: " + ", ".join(
            f"{phase} {seconds:.1f}s" for phase, seconds in timings.items()))
    write(f"browser check screenshots: {SCREENSHOTS}")
