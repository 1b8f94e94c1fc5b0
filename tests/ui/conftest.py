"""Fixtures for the real-browser check: one JupyterLab server and one Chromium per session.

The server serves a temporary copy of notebooks/ (so running cells never touches the
repository), on a free 127.0.0.1 port with a random token, and is stopped at the end. Each
test opens notebooks in a fresh browser context and shuts their kernels down afterwards.
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
TIMINGS = []  # (notebook, {phase: seconds}) of every notebook opened
_START = time.monotonic()


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-root")
    browser_lab.copy_notebooks(NOTEBOOKS, root)
    return root


@pytest.fixture(scope="session")
def lab_server(lab_root, tmp_path_factory):
    if not Path(browser_lab.CHROMIUM).exists():
        pytest.fail(f"{browser_lab.CHROMIUM} not found: install Debian's chromium "
                    "(apt-get install -y chromium); see README.md, 'Browser check'")
    server = browser_lab.LabServer(lab_root, tmp_path_factory.mktemp("lab-state"),
                                   secrets.token_hex(16))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(lab_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser_lab.CHROMIUM,
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
def browser_context(browser):
    """One context for the session, so JupyterLab's scripts come from the browser cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    yield context
    context.close()


@pytest.fixture
def open_notebook(browser_context, lab_server):
    """open_notebook(path relative to the server root) -> NotebookPage, opened and ready."""
    pages = []

    def open_(name, **timeouts):
        page = browser_lab.NotebookPage(browser_context.new_page(), lab_server, name,
                                        {**TIMEOUTS, **timeouts})
        pages.append(page)
        page.open()
        return page

    yield open_
    for page in pages:
        page.page.close()
    lab_server.shutdown_kernels()
    TIMINGS.extend((page.name, page.timings) for page in pages)


def pytest_terminal_summary(terminalreporter):
    if not RESULTS and not SCREENSHOTS.exists():
        return
    write = terminalreporter.write_line
    write("")
    write(f"browser check: {len(RESULTS)} explorer(s) moved and moved back, "
          f"{time.monotonic() - _START:.1f}s since the browser tests were loaded")
    for r in RESULTS:
        write(f"  {r.notebook} explorer {r.index} (cell {r.cell}): {r.slider} "
              f"{r.value_before} -> {r.value_moved} ({r.presses} x {r.key}); figure changed in "
              f"{r.moved_diff['unmatched']} px, back differs in {r.back_diff['unmatched']} px "
              f"({r.back_diff['differ']} not exactly equal) of {r.back_diff['pixels']}")
        if r.width > r.column:
            write(f"    note: {r.width} px wide, wider than the notebook column ({r.column} px "
                  "in a 1280 px window): a learner has to scroll sideways")
    for name, timings in TIMINGS:
        write(f"  {name}: " + ", ".join(f"{phase} {seconds:.1f}s"
                                        for phase, seconds in timings.items()))
    write(f"browser check screenshots: {SCREENSHOTS}")

