"""Checks for the start-here notebook: are the right versions and front-end
extensions installed, and if not, what exactly to run to fix it."""

import json
import re
import sys
from pathlib import Path
from importlib import metadata

# package -> (lowest version that works, the version below which it is too old to use)
REQUIREMENTS = {
    "jupyterlab": ("4.0", "5.0"),
    "ipywidgets": ("8.0", "9.0"),
    "ipympl": ("0.9.4", "1.0"),
}
# JupyterLab front-end extensions the explorers need, and the package that ships each.
EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": "ipywidgets",
    "jupyter-matplotlib": "ipympl",
}
FIX = 'make lab   (or: python -m pip install -e . in the course folder, then restart JupyterLab)'


def _version_tuple(text):
    """'8.1.9' -> (8, 1, 9); a suffix such as 'rc1' is ignored: '0.10.0rc1' -> (0, 10, 0)."""
    leading = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(part) for part in leading.group(0).split(".")) if leading else ()


def check_versions():
    """Return a list of (package, installed version or None, ok, advice)."""
    rows = []
    for package, (low, high) in REQUIREMENTS.items():
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
    """Return the set of JupyterLab front-end extensions installed and not disabled.

    Reads what ``jupyter labextension list`` reads: each
    ``labextensions/<name>/package.json`` on Jupyter's data path, minus the
    ``disabledExtensions`` of every ``labconfig/page_config.json``. Returns
    None when Jupyter itself is not installed.
    """
    try:
        from jupyter_core.paths import jupyter_config_path, jupyter_path
    except ImportError:
        return None
    installed = set()
    for folder in map(Path, jupyter_path("labextensions")):
        for package_json in [*folder.glob("*/package.json"), *folder.glob("@*/*/package.json")]:
            try:
                installed.add(json.loads(package_json.read_text(encoding="utf-8"))["name"])
            except (OSError, ValueError, KeyError):
                continue
    disabled = set()
    for folder in map(Path, jupyter_config_path()):
        page_config = folder / "labconfig" / "page_config.json"
        if page_config.is_file():
            listed = json.loads(page_config.read_text(encoding="utf-8")).get("disabledExtensions", {})
            disabled |= {name for name in listed if not isinstance(listed, dict) or listed[name]}
    return installed - disabled


def check_extensions(enabled=None):
    """Return a list of (extension, ok, advice) for the extensions the course needs."""
    enabled = enabled_extensions() if enabled is None else enabled
    rows = []
    for extension, package in EXTENSIONS.items():
        if enabled is None:
            rows.append((extension, False, f"JupyterLab is not installed here: run {FIX}"))
        elif extension in enabled:
            rows.append((extension, True, "enabled"))
        else:
            rows.append((extension, False,
                         f"missing: {package} is not installed in the Python that runs "
                         f"JupyterLab; run {FIX}"))
    return rows


def all_ok():
    """Return True when every version and extension check passes."""
    return (all(ok for _, _, ok, _ in check_versions())
            and all(ok for _, ok, _ in check_extensions()))


def report():
    """Print one line per check and a closing verdict."""
    lines = [f"Python {sys.version.split()[0]}"]
    everything_ok = True
    for package, installed, ok, advice in check_versions():
        everything_ok &= ok
        lines.append(f"  {'✓' if ok else '✗'} {package:<12} {installed or '-':<8} {advice}")
    for extension, ok, advice in check_extensions():
        everything_ok &= ok
        lines.append(f"  {'✓' if ok else '✗'} {extension:<37} {advice}")
    lines.append("All set: the sliders below should move the figure." if all_ok
                 else "Something needs fixing: follow the advice above, then restart the kernel.")
    print("\n".join(lines))
