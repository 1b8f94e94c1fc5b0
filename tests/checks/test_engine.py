"""The machinery every exercise checker is built on: helpers.checks.engine."""

import json
import math
import os
import signal
import sys
import threading
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from helpers.checks import engine
from helpers.checks.engine import Exercise, Finished


@pytest.fixture
def progress_path(tmp_path, monkeypatch):
    """A progress file of this test's own."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv(engine.PROGRESS_VARIABLE, str(path))
    return path


@pytest.fixture
def short_time_limit(monkeypatch):
    monkeypatch.setattr(engine, "TIME_LIMIT", 0.2)


def doubling(function):
    """A small diagnosis: the function must double 2 and 3 (as a number)."""
    for x in (2, 3):
        got = engine.number(engine.returned(engine.call(function, x), f"f({x})"), f"f({x})")
        if got != 2 * x:
            return engine.wrong(f"f({x}) returned {got}")
    return engine.passed("It doubles.")


def solution_double(x):
    """Return twice x."""
    return 2 * x


def demo_exercise(diagnose=doubling, **options):
    return Exercise("99_demo", "double", diagnose,
                    hints=options.pop("hints", ["Think of addition.", "x + x."]),
                    solution=options.pop("solution", solution_double), **options)


# ---------------------------------------------------------------------------
# calling learner code
# ---------------------------------------------------------------------------

def test_call_records_value_error_and_warnings_without_raising():
    assert engine.call(lambda x: x + 1, 1).value == 2
    failed = engine.call(lambda: 1 / 0)
    assert isinstance(failed.error, ZeroDivisionError) and failed.value is None
    overflowed = engine.call(lambda z: 1 / (1 + np.exp(-z)), np.array([-1000.0]))
    assert any("overflow" in message for message in overflowed.warnings)


def test_call_sees_numpy_warnings_even_when_the_notebook_silenced_them():
    with np.errstate(all="ignore"):
        result = engine.call(lambda: np.log(np.array([0.0])))
    assert any("divide by zero" in message for message in result.warnings)


def test_call_protects_the_arguments_and_names_the_ones_changed_in_place():
    data, other = np.array([1.0, 2.0]), np.array([3.0])

    def vandal(first, second):
        second[:] = 0
        return first

    result = engine.call(vandal, data, other)
    np.testing.assert_array_equal(other, [3.0])
    assert result.changed == ("second",)
    assert engine.call(lambda a, b: a + b, data, other).changed == ()


def test_call_records_sys_exit_and_lets_keyboard_interrupt_through():
    assert isinstance(engine.call(lambda: sys.exit(3)).error, SystemExit)

    def pressed_stop():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        engine.call(pressed_stop)


def test_not_attempted_means_none_or_not_implemented():
    assert engine.call(lambda: None).returned_nothing

    def stub():
        raise NotImplementedError

    assert engine.call(stub).returned_nothing
    assert not engine.call(lambda: 0).returned_nothing
    assert not engine.call(lambda: math.sqrt(-1)).returned_nothing


@pytest.mark.skipif(not engine.time_limit_available(), reason="needs SIGALRM")
def test_a_call_that_never_returns_is_stopped(short_time_limit):
    def forever():
        while True:
            pass

    def stubborn():
        while True:
            try:
                while True:
                    pass
            except Exception:  # the alarm is not an Exception: this cannot swallow it
                pass

    previous = signal.getsignal(signal.SIGALRM)
    for function in (forever, stubborn, lambda: time.sleep(30)):
        start = time.monotonic()
        result = engine.call(function)
        assert result.timed_out and time.monotonic() - start < 5
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.skipif(not engine.time_limit_available(), reason="needs SIGALRM")
def test_a_call_may_be_given_its_own_time_limit(short_time_limit):
    def slow(x):
        time.sleep(0.4)
        return x

    assert engine.call(slow, 1).timed_out                       # 0.2 s, the usual limit
    longer = engine.call(slow, 1, time_limit=3 * engine.TIME_LIMIT)
    assert not longer.timed_out and longer.value == 1

    def diagnose(function):
        engine.returned(engine.call(function, 1, time_limit=0.1), "f(1)")
        return engine.passed()

    verdict = verdict_of(diagnose, slow)       # the message names the limit the call had
    assert verdict.status == engine.WRONG and "f(1) did not finish within 0.1 s" in \
        verdict.message


def test_without_sigalrm_calls_run_without_a_limit_and_the_check_says_so(progress_path,
                                                                         capsys, monkeypatch):
    monkeypatch.setattr(engine, "_noted", set())
    exercise = demo_exercise()
    outcome = {}

    def in_a_thread():
        outcome["available"] = engine.time_limit_available()
        outcome["value"] = engine.call(lambda: 5).value
        exercise.check(solution_double)

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert outcome == {"available": False, "value": 5}
    assert "cannot stop a function that runs forever" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# returned: every way of not returning a value gets its own verdict
# ---------------------------------------------------------------------------

def verdict_of(diagnose, function):
    return demo_exercise(diagnose).diagnose(function)


def test_returned_verdicts(short_time_limit):
    def forever(x):
        while True:
            pass

    cases = [
        (lambda x: None, engine.NOT_ATTEMPTED, "not attempted"),
        (forever, engine.WRONG, "f(2) did not finish within 0.2 s: is there a loop"),
        (lambda x: sys.exit(), engine.MISTAKE, "called sys.exit()"),
        (lambda x: [][x], engine.WRONG, "f(2) raised IndexError"),
        (lambda x: 4 if x == 2 else None, engine.MISTAKE,
         "f(3) returned None, although it returns a value for other inputs"),
    ]
    if not engine.time_limit_available():
        cases = cases[:1] + cases[2:]
    for function, status, phrase in cases:
        verdict = verdict_of(doubling, function)
        assert verdict.status == status and phrase in verdict.message, verdict


def test_a_crash_names_the_learners_line_and_the_parameters():
    def learner(x):
        total = x + "text"
        return total

    message = engine.crash_description(engine.call(learner, 2).error)
    assert "TypeError" in message and '`total = x + "text"`' in message
    message = engine.crash_description(engine.call(lambda: 1, 2).error)
    assert "Check the function's parameters" in message


def test_changing_an_argument_in_place_is_a_named_mistake():
    def scale(v):
        v *= 2
        return v

    def diagnose(function):
        engine.returned(engine.call(function, np.array([1.0, 2.0])), "f(v)")
        return engine.passed()

    verdict = verdict_of(diagnose, scale)
    assert verdict.status == engine.MISTAKE and "changed its argument `v` in place" in \
        verdict.message


# ---------------------------------------------------------------------------
# the conversion rule
# ---------------------------------------------------------------------------

class Weird:
    def __repr__(self):
        raise RuntimeError("broken repr")


@pytest.mark.parametrize("value, expected", [
    (3, 3.0), (2.5, 2.5), (np.float32(0.5), 0.5), (np.int64(4), 4.0), (np.array(1.5), 1.5),
    (Fraction(1, 4), 0.25), (float("nan"), None), (-0.0, 0.0),
])
def test_number_accepts_real_numbers(value, expected):
    got = engine.number(value, "f()")
    assert got == expected or (expected is None and math.isnan(got))


@pytest.mark.parametrize("value, phrase", [
    (True, "True/False"), (np.bool_(False), "True/False"), (1 + 2j, "complex"),
    (np.complex128(1), "complex"), ("0.5", "text ('0.5')"), (b"1", "text"),
    (Decimal("0.5"), "a Decimal"), (None, "None"), ([0.5], "a list"), ((0.5,), "a tuple"),
    (np.array([0.5]), "shape (1,) where one number"), (np.array([[1.0]]), "float(...)"),
    (np.ones(3), "shape (3,) where one number"), (np.array(0.5, dtype=object), "dtype object"),
    ({"a": 1}, "a dict"), (Weird(), "a Weird"), (10 ** 400, "not usable as a float"),
])
def test_number_refuses_everything_else_with_a_specific_message(value, phrase):
    with pytest.raises(Finished) as refused:
        engine.number(value, "f()")
    assert phrase in refused.value.verdict.message
    assert refused.value.verdict.status in (engine.MISTAKE, engine.WRONG)


def test_array_accepts_numpy_arrays_of_numbers_only():
    np.testing.assert_array_equal(engine.array(np.array([1, 2]), "f()", shape=(2,)), [1.0, 2.0])
    assert engine.array(np.array([1, 2]), "f()").dtype == float


@pytest.mark.parametrize("value, phrase", [
    ([1.0, 2.0], "a list ([1, 2]) where a numpy array is asked for"),
    ((1.0, 2.0), "a tuple"), (np.array([True, False]), "True/False"),
    (np.array([1j, 2]), "complex"), (np.array(["1", "2"]), "text"),
    (np.array([1, "a"], dtype=object), "dtype object"), (0.5, "one number (0.5)"),
    (np.ma.array([1.0, 2.0]), "a MaskedArray"),
    (np.array([[1.0], [2.0]]), "a column or row where a flat array is expected"),
    (np.ones(3), "shape (3,) where shape (2,) is asked for"),
])
def test_array_refuses_everything_else_with_a_specific_message(value, phrase):
    with pytest.raises(Finished) as refused:
        engine.array(value, "f()", shape=(2,))
    assert phrase in refused.value.verdict.message


def test_pair_is_whatever_unpacks_into_two():
    for value in ((1, 2), [1, 2], np.array([1.0, 2.0])):
        assert tuple(map(float, engine.pair(value, "f()"))) == (1.0, 2.0)
    for value, phrase in (((1, 2, 3), "returned 3 items"), (5.0, "expected a pair"),
                          ({1: 2, 3: 4}, "expected a pair"), ("ab", "expected a pair")):
        with pytest.raises(Finished) as refused:
            engine.pair(value, "f()")
        assert phrase in refused.value.verdict.message


def test_parts_of_a_result_are_named_in_refusals():
    with pytest.raises(Finished) as refused:
        engine.number([1.0], "g(X)", part="dj_db")
    assert refused.value.verdict.message.startswith("g(X) returned, as dj_db, a list")


def test_whole_number_wants_an_int():
    assert engine.whole_number(np.int64(6), "f()") == 6
    for value, phrase in ((6.0, "use // for whole-number division"), (True, "True/False"),
                          ("6", "text"), (6.5, "6.5, a float")):
        with pytest.raises(Finished) as refused:
            engine.whole_number(value, "f()")
        assert phrase in refused.value.verdict.message


def test_matches_checks_shape_and_values_and_never_accepts_nan():
    assert engine.matches([1.0, 2.0], np.array([1.0, 2.0 + 1e-12]))
    assert not engine.matches([[1.0], [2.0]], np.array([1.0, 2.0]))
    assert not engine.matches([1.0, 2.1], np.array([1.0, 2.0]))
    assert not engine.matches(np.nan, np.nan)


def test_describe_never_fails_and_stays_short():
    assert engine.describe(Weird()) == "a Weird"
    assert len(engine.describe(list(range(1000)))) <= 70
    assert engine.describe([np.float64(0.25), 1]) == "[0.25, 1]"


# ---------------------------------------------------------------------------
# Exercise: check, hints, solution
# ---------------------------------------------------------------------------

def test_check_prints_one_verdict_returns_nothing_and_never_raises(progress_path, capsys):
    exercise = demo_exercise()
    assert exercise.check(solution_double) is None
    assert capsys.readouterr().out == "✓ double: all checks passed. It doubles.\n"
    exercise.check(lambda x: None)
    assert capsys.readouterr().out.startswith("○ double: not attempted yet.")
    exercise.check(lambda x: x + 3)
    assert capsys.readouterr().out == "✗ double: f(2) returned 5.0\n"


def test_check_wants_the_function_itself():
    verdict = demo_exercise().diagnose(4)
    assert verdict.status == engine.MISTAKE and "without parentheses" in verdict.message


def test_a_bug_in_the_checker_is_reported_as_such(progress_path, capsys):
    def broken(function):
        raise RuntimeError("bug in the checker")

    def no_verdict(function):
        return None

    exercise = demo_exercise(broken)
    assert exercise.diagnose(solution_double).status == engine.CHECKER_FAILED
    exercise.check(solution_double)
    assert "the check itself failed (RuntimeError: bug in the checker)" in capsys.readouterr().out
    assert not progress_path.exists()
    assert demo_exercise(no_verdict).diagnose(solution_double).status == engine.CHECKER_FAILED


def test_keyboard_interrupt_in_the_learners_code_stops_the_check(progress_path):
    def pressed_stop(x):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        demo_exercise().check(pressed_stop)


def test_value_exercises_use_the_same_api(progress_path, capsys):
    def diagnose_half(value):
        return engine.passed() if engine.number(value, "my_value") == 0.5 else \
            engine.wrong("not a half")

    exercise = Exercise("99_demo", "my_value", diagnose_half, hints=["Half."], solution=0.5,
                        value=True, note="One half.")
    assert exercise.diagnose(None).status == engine.NOT_ATTEMPTED
    assert "Replace None" in exercise.diagnose(None).message
    assert exercise.diagnose("0.5").status == engine.MISTAKE
    assert exercise.diagnose(0.5).status == engine.PASSED
    assert exercise.solution_source() == "my_value = 0.5"
    exercise.solution()
    assert "my_value = 0.5" in capsys.readouterr().out


def test_hints_escalate_and_a_missing_level_says_how_many(capsys):
    exercise = demo_exercise()
    exercise.hint()
    assert "Hint 1 of 2" in capsys.readouterr().out
    exercise.hint(2)
    assert "x + x." in capsys.readouterr().out
    for level in (0, 3, "2"):
        exercise.hint(level)
        assert capsys.readouterr().out == "double has 2 hints: .hint(1) and .hint(2).\n"
    with pytest.raises(ValueError, match="one or two hints"):
        demo_exercise(hints=[])


def test_solution_shows_the_source_under_the_learners_name(capsys):
    exercise = demo_exercise()
    assert exercise.solution_source().startswith("def double(x):\n")
    exercise.solution()
    out = capsys.readouterr().out
    assert "```python\ndef double(x):" in out and "return 2 * x" in out


def test_in_a_notebook_hints_and_solutions_are_markdown(monkeypatch):
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", shown.append)
    exercise = demo_exercise()
    exercise.hint()
    exercise.solution()
    assert [type(item).__name__ for item in shown] == ["Markdown", "Markdown"]
    assert "def double(x):" in shown[1].data


# ---------------------------------------------------------------------------
# progress
# ---------------------------------------------------------------------------

def test_checks_record_the_latest_verdict_but_not_a_stub(progress_path):
    exercise = demo_exercise()
    exercise.check(lambda x: x + 3)
    assert json.loads(progress_path.read_text()) == {"99_demo": {"double": "wrong"}}
    exercise.check(solution_double)
    exercise.check(lambda x: None)
    assert json.loads(progress_path.read_text()) == {"99_demo": {"double": "passed"}}


def test_the_environment_variable_moves_the_file_and_the_default_is_next_to_the_notebooks(
        monkeypatch, tmp_path):
    monkeypatch.setenv(engine.PROGRESS_VARIABLE, str(tmp_path / "elsewhere.json"))
    assert engine.progress_file() == tmp_path / "elsewhere.json"
    monkeypatch.delenv(engine.PROGRESS_VARIABLE)
    default = engine.progress_file()
    assert default.name == ".course_progress.json" and default.parent.name == "notebooks"


def test_the_progress_file_is_git_ignored():
    root = engine.Path(engine.__file__).resolve().parents[2]
    assert ".course_progress.json" in (root / ".gitignore").read_text().split()


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"01_sigmoid": 3}', "\udcff"])
def test_a_damaged_file_is_reported_in_one_line_and_the_verdict_still_shows(
        progress_path, capsys, content):
    progress_path.write_text(content, encoding="utf-8", errors="surrogateescape")
    demo_exercise().check(solution_double)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("✓ double: all checks passed")
    assert len(lines) == 2 and lines[1].startswith("(Progress not saved:")
    assert "delete it to start afresh" in lines[1] or "cannot read" in lines[1]
    assert progress_path.read_text(encoding="utf-8", errors="surrogateescape") == content
    summary = engine.progress().summary
    assert "damaged" in summary or "cannot read" in summary


def test_an_unwritable_place_is_reported_in_one_line(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv(engine.PROGRESS_VARIABLE, str(blocked / "progress.json"))
    demo_exercise().check(solution_double)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("✓ double") and lines[1].startswith("(Progress not saved:")
    assert len(lines) == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs file permissions that bind (not root)")
def test_a_read_only_folder_is_reported_in_one_line(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    monkeypatch.setenv(engine.PROGRESS_VARIABLE, str(folder / "progress.json"))
    folder.chmod(0o500)
    try:
        demo_exercise().check(solution_double)
    finally:
        folder.chmod(0o700)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("(Progress not saved: cannot write") and len(lines) == 2
    assert list(folder.iterdir()) == []


def test_the_table_lists_every_exercise_of_the_course_in_order(progress_path):
    course = engine.course_exercises()
    assert [e.notebook for e in course] == sorted(e.notebook for e in course)
    assert len({e.notebook for e in course}) >= 14
    first, second = course[0], course[1]
    engine.record(first.notebook, first.name, engine.PASSED)
    engine.record(second.notebook, second.name, engine.MISTAKE)
    table = engine.progress()
    rows = {(notebook, name): mark for notebook, name, mark in table.rows}
    assert rows[(first.notebook, first.name)] == "✓"
    assert rows[(second.notebook, second.name)] == "✗"
    assert all(rows[(e.notebook, e.name)] == "not yet" for e in course[2:])
    assert table.summary.startswith("Your progress: 1 of ")
    text, html = repr(table), table._repr_html_()
    assert text.splitlines()[2].split() == [first.notebook, first.name, "✓"]
    assert f"<a href='{first.notebook}.ipynb'>" in html and html.count("<tr>") == len(rows) + 1


def test_deleting_the_file_resets_progress(progress_path):
    exercise = engine.course_exercises()[0]
    engine.record(exercise.notebook, exercise.name, engine.PASSED)
    assert engine.progress().summary.startswith("Your progress: 1 of")
    progress_path.unlink()
    assert engine.progress().summary.startswith("Your progress: 0 of")


def test_the_checkers_own_arithmetic_on_huge_answers_never_warns(recwarn):
    def diagnose_rounding(function):
        value = engine.number(engine.returned(engine.call(function), "f()"), "f()")
        return engine.wrong(f"got {np.round(value, 4)}")   # 1e304 * 1e4 overflows

    verdict = demo_exercise(diagnose_rounding).diagnose(lambda: 1.797e304)
    assert verdict.status == engine.WRONG and not recwarn.list


def test_the_learners_warnings_are_still_recorded_inside_a_check():
    def diagnose_warnings(function):
        result = engine.call(function, np.array([-1000.0]))
        return engine.wrong(";".join(result.warnings))

    verdict = demo_exercise(diagnose_warnings).diagnose(lambda z: np.exp(-z))
    assert "overflow encountered in exp" in verdict.message
