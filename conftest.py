"""Settings for every pytest run of the course, the unit tests and the nbval runs alike.

Each exercise check records the learner's latest verdict in a progress file
(``helpers.checks.engine.progress_file``). A test run must never write into the
learner's own file, and the outputs stored in the notebooks must not depend on what is in
it. So every run points ``COURSE_PROGRESS_FILE`` into a temporary folder, with a fresh
file for each notebook: nbval starts a notebook's kernel when its first cell is set up,
and the kernel inherits this process's environment at that moment.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers.checks.engine import PROGRESS_VARIABLE

_folder = Path(tempfile.mkdtemp(prefix="course-progress-"))


def pytest_configure(config):
    os.environ[PROGRESS_VARIABLE] = str(_folder / "unit-tests.json")


def pytest_unconfigure(config):
    shutil.rmtree(_folder, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a notebook's kernel starts, give that notebook a progress file of its own."""
    path = Path(str(item.path))
    if path.suffix == ".ipynb":
        os.environ[PROGRESS_VARIABLE] = str(_folder / f"{path.stem}.json")
