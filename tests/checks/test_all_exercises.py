"""Every exercise of the course, tested the same way: the classes of learner answers that no
checker may get wrong, whatever the exercise.

* the registry: each nbNN module belongs to a notebook, which checks each of its exercises;
* the solution passes, also as the learner reads it (``.solution()``'s code, run);
* odd return values and crashes at any call never break a checker ("the check itself
  failed" is for bugs in the checker only), and never pass;
* an answer that differs from the right one at any single call, by more than rounding,
  never passes;
* a call that never returns, calls sys.exit(), returns None after returning values, or
  changes its arguments in place gets its own verdict, at whichever call it happens.

New exercises are picked up by themselves (``engine.course_exercises``).
"""

import copy
import json
import os
import re
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers.checks import engine

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = engine.course_exercises()
FUNCTIONS = [e for e in EXERCISES if not e.value]
# Derandomised, so a run is repeatable; CHECKS_EXAMPLES=1000 searches harder (minutes).
SETTINGS = settings(max_examples=int(os.environ.get("CHECKS_EXAMPLES", 30)), deadline=None,
                    derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


def label(exercise):
    return f"{exercise.notebook}.{exercise.name}"


def module_of(exercise):
    return sys.modules[exercise.diagnose_answer.__module__]


def attribute_of(exercise):
    """The name the exercise has in its module: `exercises.<this>.check(...)`."""
    return next(name for name, value in vars(module_of(exercise)).items() if value is exercise)


# ---------------------------------------------------------------------------
# the registry and the solutions
# ---------------------------------------------------------------------------

def test_every_module_belongs_to_a_notebook_in_course_order():
    notebooks = sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))
    assert [e.notebook for e in EXERCISES] == sorted(e.notebook for e in EXERCISES)
    for exercise in EXERCISES:
        assert exercise.notebook in notebooks, exercise
        assert module_of(exercise).__name__ == f"helpers.checks.nb{exercise.notebook}"
    keys = [(e.notebook, e.name) for e in EXERCISES]
    assert len(keys) == len(set(keys)), "two exercises of one notebook share a name"


@pytest.mark.parametrize("exercise", EXERCISES, ids=label)
def test_its_notebook_imports_the_module_and_checks_the_exercise(exercise):
    cells = json.loads((ROOT / "notebooks" / f"{exercise.notebook}.ipynb").read_text("utf-8"))
    code = "\n".join("".join(c["source"]) for c in cells["cells"] if c["cell_type"] == "code")
    module = module_of(exercise).__name__.rsplit(".", 1)[1]
    assert f"from helpers.checks import {module} as exercises" in code
    assert re.search(rf"^exercises\.{attribute_of(exercise)}\.check\({exercise.name}\)$", code,
                     re.M), f"no exercises.{attribute_of(exercise)}.check({exercise.name})"
    for request in ("hint()", "hint(2)" if len(exercise.hints) > 1 else "hint()", "solution()"):
        assert f"# exercises.{attribute_of(exercise)}.{request}" in code


@pytest.mark.parametrize("exercise", EXERCISES, ids=label)
def test_the_solution_passes_also_as_the_learner_reads_it(exercise):
    assert exercise.diagnose(exercise.answer).status == engine.PASSED
    if exercise.value:
        namespace = {}
    else:
        namespace = dict(vars(module_of(exercise)))  # what the notebook imports, and more
    exec(exercise.solution_source(), namespace)
    assert exercise.diagnose(namespace[exercise.name]).status == engine.PASSED


@pytest.mark.parametrize("exercise", FUNCTIONS, ids=label)
def test_the_names_the_solution_uses_are_imported_in_its_notebook(exercise):
    """`.solution()` shows code to paste into the notebook: its globals must exist there."""
    cells = json.loads((ROOT / "notebooks" / f"{exercise.notebook}.ipynb").read_text("utf-8"))
    code = "\n".join("".join(c["source"]) for c in cells["cells"] if c["cell_type"] == "code")
    namespace = {}
    for line in code.splitlines():
        if re.match(r"(import|from) \S+", line) and not line.startswith("from helpers.checks"):
            exec(line, namespace)
    # A function the learner writes in the notebook (the capstone's pieces) exists there too.
    defined = set(re.findall(r"^def (\w+)\(", code, re.M))
    used = set(exercise.answer.__code__.co_names) & set(vars(module_of(exercise)))
    missing = {name for name in used
               if name not in namespace and name not in defined and name != "__builtins__"}
    assert not missing, f"{exercise.notebook} does not import {missing}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=label)
def test_hints_and_solution_show_without_error(exercise, capsys):
    for level in range(1, len(exercise.hints) + 1):
        exercise.hint(level)
    exercise.solution()
    out = capsys.readouterr().out
    assert all(hint in out for hint in exercise.hints) and "```python" in out


# ---------------------------------------------------------------------------
# learner functions that misbehave at one call
# ---------------------------------------------------------------------------

class BrokenEverything:
    """An object whose special methods raise."""

    def __len__(self):
        raise RuntimeError("broken")

    def __iter__(self):
        raise RuntimeError("broken")

    def __float__(self):
        raise RuntimeError("broken")

    def __eq__(self, other):
        raise RuntimeError("broken")

    __hash__ = object.__hash__

    def __array__(self, *args, **kwargs):
        raise RuntimeError("broken")


class FloatWithBrokenFloat(float):
    def __repr__(self):
        return "FloatWithBrokenFloat(...)"

    def __float__(self):
        raise RuntimeError("broken")


class IntWithBrokenInt(int):
    def __repr__(self):
        return "IntWithBrokenInt(...)"

    def __int__(self):
        raise RuntimeError("broken")

    __index__ = __int__


class TupleWithBrokenLen(tuple):
    def __repr__(self):
        return "TupleWithBrokenLen(...)"

    def __len__(self):
        raise RuntimeError("broken")

    def __iter__(self):
        raise RuntimeError("broken")


ODD_OBJECTS = [object(), BrokenEverything(), FloatWithBrokenFloat(0.5), IntWithBrokenInt(6),
               TupleWithBrokenLen((1.0, 2.0)), (x for x in [1.0, 2.0]), print, Ellipsis,
               np.ma.array([1.0, 2.0]), np.array([1.0, 2.0]).view(np.recarray),
               np.zeros((2, 0)), np.array([1.0, np.nan]), np.array(np.inf), np.float16(0.5),
               np.array([1, 2], dtype=np.uint8), np.array(["a", "b"]), 10 ** 400,
               Decimal("NaN"), Fraction(1, 3), range(2), {"a": 1.0}, {1.0, 2.0}, b"ab"]

leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.complex_numbers(),
    st.text(max_size=4), st.sampled_from(ODD_OBJECTS),
    hnp.arrays(st.sampled_from([np.float64, np.int64, np.bool_, np.complex128, np.float32]),
               hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=13)),
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=4)).map(
        lambda a: a.astype(object)),
)
ODD_VALUES = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner), st.tuples(inner, inner, inner),
    st.dictionaries(st.text(max_size=2), inner, max_size=2)), max_leaves=6)

EXCEPTIONS = st.sampled_from([ValueError, TypeError, IndexError, KeyError, ZeroDivisionError,
                              AttributeError, RecursionError, MemoryError, OverflowError,
                              FloatingPointError, NotImplementedError, AssertionError,
                              StopIteration, RuntimeError, SystemExit, GeneratorExit])


def calls_of(exercise):
    """The arguments of each call the checker makes to a right answer."""
    calls = []

    def recording(*args):
        calls.append(copy.deepcopy(args))
        return exercise.answer(*args)

    assert exercise.diagnose(recording).status == engine.PASSED
    return calls


ARGUMENTS = {label(e): calls_of(e) for e in FUNCTIONS}
CALLS = {key: len(calls) for key, calls in ARGUMENTS.items()}


def misbehaving_at(exercise, k, misbehave):
    """The solution, except that call number k does `misbehave(args)` instead."""
    calls = []

    def learner(*args):
        calls.append(args)
        if len(calls) - 1 == k:
            return misbehave(args)
        return exercise.answer(*args)

    return learner


def draw_call(data, exercise):
    """Which of the checker's calls misbehaves."""
    return data.draw(st.integers(0, CALLS[label(exercise)] - 1), label="call")


def assert_learner_verdict(verdict, allowed=(engine.NOT_ATTEMPTED, engine.MISTAKE,
                                             engine.WRONG, engine.PASSED)):
    assert verdict.status != engine.CHECKER_FAILED, verdict.message
    assert verdict.status in allowed, verdict


@pytest.mark.parametrize("exercise", FUNCTIONS, ids=label)
@SETTINGS
@given(data=st.data())
def test_odd_return_values_at_any_call_never_break_the_checker(exercise, data):
    k = draw_call(data, exercise)
    value = data.draw(ODD_VALUES, label="value")
    verdict = exercise.diagnose(misbehaving_at(exercise, k, lambda args: value))
    assert_learner_verdict(verdict)


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.value], ids=label)
@SETTINGS
@given(value=ODD_VALUES)
def test_odd_values_never_break_a_value_checker(exercise, value):
    assert_learner_verdict(exercise.diagnose(value))


@pytest.mark.parametrize("exercise", FUNCTIONS, ids=label)
@SETTINGS
@given(data=st.data())
def test_a_crash_at_any_call_gets_a_verdict_and_never_passes(exercise, data):
    k = draw_call(data, exercise)
    error = data.draw(EXCEPTIONS, label="exception")

    def crash(args):
        raise error("boom")

    verdict = exercise.diagnose(misbehaving_at(exercise, k, crash))
    assert_learner_verdict(verdict, (engine.NOT_ATTEMPTED, engine.MISTAKE, engine.WRONG))


def nudged(value, position, size):
    """value with one number in it changed by more than any checker's tolerance."""
    if isinstance(value, tuple | list):
        items = list(value)
        index = position % len(items)
        items[index] = nudged(items[index], position // len(items), size)
        return type(value)(items)
    if isinstance(value, np.ndarray) and value.ndim > 0:
        changed = value.astype(float)
        flat = changed.reshape(-1)
        flat[position % flat.size] = nudged(flat[position % flat.size], 0, size)
        return changed
    if isinstance(value, int | np.integer):
        return value + 1
    return float(value) + size * (1 + abs(float(value)))


@pytest.mark.parametrize("exercise", FUNCTIONS, ids=label)
@SETTINGS
@given(data=st.data())
def test_an_answer_wrong_at_any_single_call_never_passes(exercise, data):
    k = draw_call(data, exercise)
    position = data.draw(st.integers(0, 10_000), label="position")
    size = data.draw(st.sampled_from([1e-4, -1e-4, 0.01, -0.3, 5.0]), label="size")
    learner = misbehaving_at(exercise, k, lambda args: nudged(exercise.answer(*args),
                                                               position, size))
    assert_learner_verdict(exercise.diagnose(learner), (engine.MISTAKE, engine.WRONG))


@pytest.mark.parametrize("exercise", FUNCTIONS, ids=label)
def test_misbehaviour_at_every_call_gets_its_own_verdict(exercise, monkeypatch):
    def forever(args):
        while True:
            pass

    def changes_an_argument(args):
        answer = exercise.answer(*copy.deepcopy(args))
        for arg in args:
            if isinstance(arg, np.ndarray):
                arg.flat[0] += 1.0
        return answer

    for k, arguments in enumerate(ARGUMENTS[label(exercise)]):
        if engine.time_limit_available():
            # A short limit for the endless call only: the right calls before it may then be
            # stopped too on a busy machine, which gives the same verdict.
            with monkeypatch.context() as short:
                short.setattr(engine, "TIME_LIMIT", 0.05)
                verdict = exercise.diagnose(misbehaving_at(exercise, k, forever))
            assert verdict.status == engine.WRONG and "did not finish" in verdict.message
        verdict = exercise.diagnose(misbehaving_at(exercise, k, lambda args: sys.exit(1)))
        assert verdict.status == engine.MISTAKE and "sys.exit()" in verdict.message
        # None at the first call is a stub, unless the checker already saw other values.
        verdict = exercise.diagnose(misbehaving_at(exercise, k, lambda args: None))
        assert verdict.status in ((engine.NOT_ATTEMPTED, engine.MISTAKE) if k == 0
                                  else (engine.MISTAKE,)), verdict
        if verdict.status == engine.MISTAKE:
            assert "None" in verdict.message
        if any(isinstance(argument, np.ndarray) for argument in arguments):
            verdict = exercise.diagnose(misbehaving_at(exercise, k, changes_an_argument))
            assert verdict.status == engine.MISTAKE and "in place" in verdict.message, verdict
