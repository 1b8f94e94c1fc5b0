"""Checks on the notebooks as stored: what nbval compares against and learners read."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MACHINE_PATH = re.compile(r"(/root/|/home/\w+|/Users/\w+|/tmp/|/work/|[A-Z]:\\\\|site-packages)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [cell for cell in notebook["cells"]
            if cell["cell_type"] == "code" and "".join(cell["source"]).strip()]


def output_text(output):
    if "text" in output:
        return "".join(output["text"])
    data = output.get("data", {})
    return "".join("".join(value) if isinstance(value, list) else str(value)
                   for key, value in data.items() if key.startswith("text/"))


def test_notebooks_exist_and_are_numbered():
    assert NOTEBOOKS, "no notebooks found"
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name
    numbers = [int(path.name[:2]) for path in NOTEBOOKS]
    assert numbers == list(range(len(numbers))), f"gaps in the numbering: {numbers}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_with_outputs_in_execution_order(path):
    counts = [cell.get("execution_count") for cell in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; re-run it with `make execute`")
    assert any(cell.get("outputs") for cell in code_cells(load(path))), "no outputs stored"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_errors_stderr_or_machine_paths(path):
    for index, cell in enumerate(code_cells(load(path)), start=1):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"code cell {index} stores an error"
            assert not (output["output_type"] == "stream" and output.get("name") == "stderr"), (
                f"code cell {index} wrote to stderr: {output_text(output)[:200]}")
            hit = MACHINE_PATH.search(output_text(output))
            assert not hit, f"code cell {index} shows a path of this machine: {hit.group(0)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_source_follows_the_course_rules(path):
    for index, cell in enumerate(code_cells(load(path)), start=1):
        source = "".join(cell["source"])
        last_line = source.rstrip().splitlines()[-1]
        assert not (last_line.rstrip().endswith(";") and not last_line.startswith(" ")), (
            f"code cell {index} ends with ';': nbval does not honour it (see CONTRIBUTING.md)")
        assert not re.search(r"^\s*from\s+\S+\s+import\s+\*", source, re.MULTILINE), \
            f"code cell {index} uses import *"
        assert "sys.path" not in source, f"code cell {index} edits sys.path"
        assert "%matplotlib widget" not in source and "%matplotlib ipympl" not in source, \
            f"code cell {index} switches pyplot to ipympl; explorers make their own canvas"
        assert not re.search(r"np\.random\.(seed|rand|randn|randint|random|normal|uniform|choice)\(",
                             source), f"code cell {index} draws from numpy's global generator"
        assert not re.search(r"default_rng\(\s*\)", source), \
            f"code cell {index} makes an unseeded generator"
        assert not re.search(r"\binteract(ive)?\(", source), \
            f"code cell {index} uses interact, which nbval cannot compare"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00")],
                         ids=lambda p: p.name)
def test_lesson_structure(path):
    """Objectives, a summary, self-checks, and a checked exercise."""
    notebook = load(path)
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"]
                         if c["cell_type"] == "markdown")
    code = "\n".join("".join(c["source"]) for c in code_cells(notebook))
    assert re.search(r"^#+ .*Summary", markdown, re.MULTILINE), "no Summary section"
    assert "quiz.question(" in code, "no self-check questions"
    assert re.search(r"^exercises\.\w+\.check\(\w+\)$", code, re.MULTILINE), \
        "no checked exercise"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_answers_only_on_request(path):
    """No solution cell, no function defined twice, hints and solutions commented out, and
    no stored output that shows an answer (CONTRIBUTING: answers on request)."""
    notebook = load(path)
    defined = {}
    for index, cell in enumerate(code_cells(notebook), start=1):
        assert "solution" not in cell["metadata"].get("tags", []), \
            f"code cell {index} is a solution cell: solutions open through .solution()"
        source = "".join(cell["source"])
        for name in re.findall(r"^def (\w+)\(", source, re.MULTILINE):
            assert name not in defined, (f"code cell {index} defines {name}() again (first in "
                                         f"cell {defined[name]}): Run All would overwrite it")
            defined[name] = index
        for line in source.splitlines():
            if re.search(r"\.(hint|solution)\(", line):
                assert line.lstrip().startswith("#"), \
                    f"code cell {index} runs `{line.strip()}`: keep it commented out"
        for output in cell.get("outputs", []):
            text = output_text(output)
            assert "all checks passed" not in text, \
                f"code cell {index} stores a passed check, so its answer is in the notebook"
            assert "**Solution**" not in text, f"code cell {index} stores a solution"


def test_start_here_map_and_readme_list_every_notebook():
    names = {path.name for path in NOTEBOOKS}
    start = "\n".join("".join(c["source"]) for c in load(ROOT / "notebooks" / "00_start_here.ipynb")
                      ["cells"] if c["cell_type"] == "markdown")
    linked = set(re.findall(r"\((\d\d_[a-z0-9_]+\.ipynb)\)", start))
    assert linked == names, f"map in 00 lists {sorted(linked ^ names)} wrongly"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"notebooks/(\d\d_[a-z0-9_]+\.ipynb)", readme))
    assert listed == names, f"README lists {sorted(listed ^ names)} wrongly"
