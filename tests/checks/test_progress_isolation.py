"""Test runs never write into the learner's progress file: `make execute` and the nbval run
(through the root conftest.py) give each notebook's kernel a temporary file of its own."""

import importlib.util
import os
from pathlib import Path
from types import SimpleNamespace

import nbformat

from helpers.checks import engine

ROOT = Path(__file__).resolve().parents[2]
LEARNERS_FILE = ROOT / "notebooks" / engine.PROGRESS_NAME


def load_script(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unit_tests_record_progress_in_a_temporary_file():
    path = Path(os.environ[engine.PROGRESS_VARIABLE])
    assert path.parent.name.startswith("course-progress-") and path != LEARNERS_FILE


def test_each_notebook_of_an_nbval_run_gets_a_file_of_its_own(request, monkeypatch):
    [conftest] = [plugin for plugin in request.config.pluginmanager.get_plugins()
                  if getattr(plugin, "__file__", None) == str(ROOT / "conftest.py")]
    monkeypatch.setenv(engine.PROGRESS_VARIABLE, "unchanged")
    conftest.pytest_runtest_setup(SimpleNamespace(path=ROOT / "tests" / "test_x.py"))
    assert os.environ[engine.PROGRESS_VARIABLE] == "unchanged"
    conftest.pytest_runtest_setup(SimpleNamespace(path=ROOT / "notebooks" / "00_start_here.ipynb"))
    path = Path(os.environ[engine.PROGRESS_VARIABLE])
    assert path.name == "00_start_here.json" and path.parent.name.startswith("course-progress-")


def test_make_execute_gives_the_kernel_a_temporary_file(tmp_path, monkeypatch):
    """A kernel inherits the environment of the process that starts it: check it does."""
    monkeypatch.delenv(engine.PROGRESS_VARIABLE)
    before = LEARNERS_FILE.stat().st_mtime_ns if LEARNERS_FILE.exists() else None
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import os\n"
        "from helpers.checks import nb11_nonlinear_boundaries as exercises\n"
        "exercises.count_polynomial_features.check(lambda d: d + 1)\n"
        "print(os.environ['COURSE_PROGRESS_FILE'])"))
    path = tmp_path / "probe.ipynb"
    nbformat.write(notebook, path)
    load_script(ROOT / "tests" / "execute_notebooks.py", "execute_notebooks").execute(path)
    lines = nbformat.read(path, as_version=4).cells[0].outputs[0]["text"].splitlines()
    assert lines[0].startswith("✗ count_polynomial_features:") and len(lines) == 2
    assert Path(lines[1]).name == "progress.json" and Path(lines[1]) != LEARNERS_FILE
    assert not Path(lines[1]).exists()                      # removed with its folder
    after = LEARNERS_FILE.stat().st_mtime_ns if LEARNERS_FILE.exists() else None
    assert after == before
