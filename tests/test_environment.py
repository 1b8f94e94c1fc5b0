"""The environment files agree, the installed environment is consistent, and the
start-here checks give the right verdicts."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers import environment

ROOT = Path(__file__).resolve().parent.parent


def requirement_name(spec):
    """'ipywidgets>=8,<9' -> 'ipywidgets' (lower case, '_' as '-')."""
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {requirement_name(spec): spec.replace(" ", "") for spec in project["dependencies"]}


def conda_requirements():
    """The package lines of environment.yml's dependencies (a tiny YAML subset)."""
    lines = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("dependencies:")
    specs = [line.strip()[2:] for line in lines[start + 1:] if line.strip().startswith("- ")]
    return {requirement_name(spec): spec.replace(" ", "") for spec in specs
            if requirement_name(spec) not in {"python", "pip"}}


def test_pyproject_and_environment_yml_list_the_same_packages_and_bounds():
    assert pyproject_requirements() == conda_requirements()


def test_course_packages_are_declared():
    names = set(pyproject_requirements())
    for needed in ["numpy", "matplotlib", "ipywidgets", "ipympl", "jupyterlab", "nbval",
                   "pytest", "scikit-learn"]:
        assert needed in names


def test_pip_check_passes():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_jupyterlab_lists_the_widget_and_matplotlib_extensions_as_enabled():
    """Ask the real `jupyter labextension list`, as a person would."""
    result = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                            capture_output=True, text=True, check=False, timeout=120)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    for extension in environment.EXTENSIONS:
        assert re.search(rf"^\s+{re.escape(extension)}\s+v\S+\s+enabled\s+OK", listing,
                         re.MULTILINE), listing
    # and the start-here notebook's own reading agrees with it
    assert set(environment.EXTENSIONS) <= environment.enabled_extensions()


def test_start_here_checks_pass_in_this_environment(capsys):
    assert environment.all_ok()
    environment.report()
    out = capsys.readouterr().out
    assert "All set" in out and "✗" not in out


def test_missing_extension_is_reported_with_the_fix():
    rows = dict((name, (ok, advice)) for name, ok, advice in
                environment.check_extensions(enabled={"@jupyter-widgets/jupyterlab-manager"}))
    assert rows["@jupyter-widgets/jupyterlab-manager"][0]
    ok, advice = rows["jupyter-matplotlib"]
    assert not ok and "ipympl" in advice and "make lab" in advice


def test_old_version_is_reported_with_the_fix(monkeypatch):
    monkeypatch.setattr(environment.metadata, "version",
                        lambda name: "7.8.5" if name == "ipywidgets" else "4.6.0")
    rows = {package: (ok, advice) for package, _, ok, advice in environment.check_versions()}
    ok, advice = rows["ipywidgets"]
    assert not ok and ">=8.0,<9.0" in advice and "make lab" in advice
    assert rows["jupyterlab"][0]


@pytest.mark.parametrize("text, expected", [("8.1.9", (8, 1, 9)), ("0.10.0rc1", (0, 10, 0)),
                                            ("4.6", (4, 6))])
def test_version_tuple(text, expected):
    assert environment._version_tuple(text) == expected
