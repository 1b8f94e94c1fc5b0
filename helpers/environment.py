"""Checks for the start-here notebook: are the right versions and the widget front end
installed, and if not, what exactly to run to fix it.

The explorers need only core ipywidgets: in the kernel, ipywidgets 7.7 or 8; in JupyterLab 4
or Notebook 7, the widget manager extension (``@jupyter-widgets/jupyterlab-manager`` 5.x,
shipped by ``jupyterlab_widgets`` 3, which ipywidgets 8 installs). Colab and VS Code bring
their own widget front end, so there only the kernel side is checked.
"""

import json
import re
import sys
from importlib import metadata
from pathlib import Path

# package -> (lowest version that works, the version from which it is too new)
REQUIREMENTS = {
    "jupyterlab": ("4.0", "5.0"),
    "ipywidgets": ("7.7", "9.0"),
}
# Front-end extensions the explorers need -> (the package that ships it, its lowest version
# built for JupyterLab 4 and Notebook 7).
EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": ("jupyterlab_widgets", "5.0"),
}
# Packages only a JupyterLab or Notebook front end needs.
FRONT_END_PACKAGES = {"jupyterlab"}
FIX = 'make lab   (or: python -m pip install -e . in the course folder, then restart JupyterLab)'


def _version_tuple(text):
    """'8.1.9' -> (8, 1, 9); a suffix such as 'rc1' is ignored: '0.10.0rc1' -> (0, 10, 0)."""
    leading = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(part) for part in leading.group(0).split(".")) if leading else ()


def in_colab():
    """True inside Google Colab, whose own front end shows widgets (no JupyterLab there)."""
    return "google.colab" in sys.modules


def check_versions(front_end=True):
    """Return a list of (package, installed version or None, ok, advice).

    With ``front_end=False`` (Colab, VS Code) the JupyterLab packages are left out.
    """
    rows = []
    for package, (low, high) in REQUIREMENTS.items():
        if not front_end and package in FRONT_END_PACKAGES:
            continue
        try:
            installed = metadata.version(package)
        except metadata.PackageNotFoundError:
            rows.append((package, None, False, f"not installed: run {FIX}"))
            continue
        ok = _version_tuple(low) <= _version_tuple(installed) < _version_tuple(high)
        advice = "ok" if ok else f"need >={low},<{high}: run {FIX}"
        rows.append((package, installed, ok, advice))
    return rows


def enabled_extensions():
    """Return {name: version} of the JupyterLab front-end extensions installed and enabled.

    Reads what ``jupyter labextension list`` reads: each
    ``labextensions/<name>/package.json`` on Jupyter's data path, minus the
    ``disabledExtensions`` of every ``labconfig/page_config.json``. Returns None when
    Jupyter itself is not installed.
    """
    try:
        from jupyter_core.paths import jupyter_config_path, jupyter_path
    except ImportError:
        return None
    installed = {}
    for folder in map(Path, jupyter_path("labextensions")):
        for package_json in [*folder.glob("*/package.json"), *folder.glob("@*/*/package.json")]:
            try:
                package = json.loads(package_json.read_text(encoding="utf-8"))
                installed.setdefault(package["name"], str(package.get("version", "")))
            except (OSError, ValueError, KeyError):
                continue
    disabled = set()
    for folder in map(Path, jupyter_config_path()):
        page_config = folder / "labconfig" / "page_config.json"
        if page_config.is_file():
            listed = json.loads(page_config.read_text(encoding="utf-8")).get("disabledExtensions", {})
            disabled |= {name for name in listed if not isinstance(listed, dict) or listed[name]}
    return {name: version for name, version in installed.items() if name not in disabled}


def check_extensions(enabled=None):
    """Return a list of (extension, ok, advice) for the extensions the course needs.

    ``enabled`` maps extension names to versions (default: ``enabled_extensions()``).
    """
    enabled = enabled_extensions() if enabled is None else enabled
    rows = []
    for extension, (package, low) in EXTENSIONS.items():
        if enabled is None:
            rows.append((extension, False, f"JupyterLab is not installed here: run {FIX}"))
        elif extension not in enabled:
            rows.append((extension, False,
                         f"missing: {package} is not installed in the Python that runs "
                         f"JupyterLab; run {FIX}"))
        elif _version_tuple(enabled[extension]) < _version_tuple(low):
            rows.append((extension, False,
                         f"version {enabled[extension]} is built for an older JupyterLab; "
                         f"need {package} that brings >={low}: run {FIX}"))
        else:
            rows.append((extension, True, "enabled"))
    return rows


def all_ok(front_end=None):
    """Return True when every version check and (in JupyterLab) every extension check passes."""
    front_end = not in_colab() if front_end is None else front_end
    checks = [ok for _, _, ok, _ in check_versions(front_end)]
    if front_end:
        checks += [ok for _, ok, _ in check_extensions()]
    return all(checks)


def report(front_end=None):
    """Print one line per check and a closing verdict that says what to do.

    ``front_end`` (default: True unless running in Colab) includes the JupyterLab checks.
    Returns nothing, so that a notebook cell ending with it shows only the report.
    """
    front_end = not in_colab() if front_end is None else front_end
    lines = [f"Python {sys.version.split()[0]}"]
    everything_ok = True
    for package, installed, ok, advice in check_versions(front_end):
        everything_ok &= ok
        lines.append(f"  {'✓' if ok else '✗'} {package:<12} {installed or '-':<8} {advice}")
    if front_end:
        for extension, ok, advice in check_extensions():
            everything_ok &= ok
            lines.append(f"  {'✓' if ok else '✗'} {extension:<37} {advice}")
    else:
        lines.append("  (Colab shows widgets with its own front end: nothing more to check)")
    if everything_ok:
        lines.append("All set: the sliders below should move the figure.")
    else:
        lines.append("Something needs fixing: run the command after each ✗ above, then "
                     "restart JupyterLab and this notebook's kernel.")
    print("\n".join(lines))
