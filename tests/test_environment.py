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
    for needed in ["numpy", "matplotlib", "ipywidgets", "jupyterlab", "nbval", "pytest",
                   "scikit-learn"]:
        assert needed in names


def test_no_ipympl_anywhere():
    """The explorers need only core widgets (issue 13): ipympl is not a dependency."""
    assert "ipympl" not in pyproject_requirements()
    assert "ipympl" not in conda_requirements()
    for path in (ROOT / "helpers").glob("*.py"):
        assert "ipympl" not in path.read_text(encoding="utf-8"), path.name


def test_pip_check_passes():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_jupyterlab_lists_the_widget_manager_as_enabled():
    """Ask the real `jupyter labextension list`, as a person would."""
    result = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                            capture_output=True, text=True, check=False, timeout=120)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    for extension in environment.EXTENSIONS:
        assert re.search(rf"^\s+{re.escape(extension)}\s+v\S+\s+enabled\s+OK", listing,
                         re.MULTILINE), listing
    # and the start-here notebook's own reading agrees with it
    enabled = environment.enabled_extensions()
    for extension in environment.EXTENSIONS:
        assert re.search(rf"{re.escape(extension)}\s+v{re.escape(enabled[extension])}\s",
                         listing), (extension, enabled[extension])


def test_start_here_checks_pass_in_this_environment(capsys):
    assert environment.all_ok()
    assert environment.report() is None          # a cell ending with it shows only the report
    out = capsys.readouterr().out
    assert "All set" in out and "✗" not in out
    assert "ipywidgets" in out and "@jupyter-widgets/jupyterlab-manager" in out


MANAGER = "@jupyter-widgets/jupyterlab-manager"


def fake_versions(monkeypatch, **versions):
    """Make metadata.version report these versions (None: not installed)."""
    def version(name):
        if versions.get(name, "0") is None:
            raise environment.metadata.PackageNotFoundError(name)
        return versions.get(name, "4.6.0")
    monkeypatch.setattr(environment.metadata, "version", version)


@pytest.mark.parametrize("ipywidgets_version, ok", [("7.7.1", True), ("8.1.9", True),
                                                    ("7.6.5", False), ("9.0.0", False)])
def test_ipywidgets_7_7_and_8_are_accepted(monkeypatch, ipywidgets_version, ok):
    fake_versions(monkeypatch, ipywidgets=ipywidgets_version, jupyterlab="4.6.6")
    rows = {package: (row_ok, advice) for package, _, row_ok, advice in
            environment.check_versions()}
    assert rows["ipywidgets"][0] is ok
    if not ok:
        assert ">=7.7,<9.0" in rows["ipywidgets"][1] and "make lab" in rows["ipywidgets"][1]


def test_broken_install_is_reported_with_the_fix(monkeypatch, capsys):
    """The bug of issue 14: report() said "All set" even when a check failed."""
    fake_versions(monkeypatch, ipywidgets="7.6.0", jupyterlab=None)
    monkeypatch.setattr(environment, "enabled_extensions", lambda: {MANAGER: "5.0.16"})
    assert not environment.all_ok(front_end=True)
    environment.report(front_end=True)
    out = capsys.readouterr().out
    assert "All set" not in out and "Something needs fixing" in out
    assert "✗ jupyterlab   -        not installed: run make lab" in out
    assert "✗ ipywidgets   7.6.0    need >=7.7,<9.0" in out
    assert f"✓ {MANAGER}" in out


def test_missing_extension_alone_fails_the_report(monkeypatch, capsys):
    fake_versions(monkeypatch, ipywidgets="8.1.9", jupyterlab="4.6.6")
    monkeypatch.setattr(environment, "enabled_extensions", lambda: {"other": "1.0.0"})
    assert not environment.all_ok(front_end=True)
    environment.report(front_end=True)
    out = capsys.readouterr().out
    assert f"✗ {MANAGER}" in out and "jupyterlab_widgets is not installed" in out
    assert "Something needs fixing" in out and "All set" not in out


@pytest.mark.parametrize("enabled, words", [
    (None, "JupyterLab is not installed here"),
    ({MANAGER: "3.1.0"}, "built for an older JupyterLab"),
    ({}, "missing: jupyterlab_widgets"),
])
def test_extension_problems_name_the_fix(monkeypatch, enabled, words):
    monkeypatch.setattr(environment, "enabled_extensions", lambda: enabled)
    ((extension, ok, advice),) = environment.check_extensions()
    assert extension == MANAGER and not ok and words in advice and "make lab" in advice


def test_colab_checks_only_the_kernel_side(monkeypatch, capsys):
    fake_versions(monkeypatch, ipywidgets="7.7.1", jupyterlab=None)
    monkeypatch.setitem(sys.modules, "google.colab", object())
    assert environment.in_colab() and environment.all_ok()
    environment.report()
    out = capsys.readouterr().out
    assert "All set" in out and "jupyterlab " not in out and "Colab" in out


@pytest.mark.parametrize("text, expected", [("8.1.9", (8, 1, 9)), ("0.10.0rc1", (0, 10, 0)),
                                            ("4.6", (4, 6))])
def test_version_tuple(text, expected):
    assert environment._version_tuple(text) == expected
