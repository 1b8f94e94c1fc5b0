"""The machinery every exercise checker is built on (helpers.checks)."""

import math

import numpy as np

from helpers import checks


def test_call_records_value_error_and_warnings_without_raising():
    assert checks.call(lambda x: x + 1, 1).value == 2
    failed = checks.call(lambda: 1 / 0)
    assert isinstance(failed.error, ZeroDivisionError) and failed.value is None
    overflowed = checks.call(lambda z: 1 / (1 + np.exp(-z)), np.array([-1000.0]))
    assert any("overflow" in message for message in overflowed.warnings)


def test_call_sees_numpy_warnings_even_when_the_notebook_silenced_them():
    with np.errstate(all="ignore"):
        result = checks.call(lambda: np.log(np.array([0.0])))
    assert any("divide by zero" in message for message in result.warnings)


def test_call_protects_the_arguments():
    data = np.array([1.0, 2.0])

    def vandal(a):
        a[:] = 0
        return a

    checks.call(vandal, data)
    np.testing.assert_array_equal(data, [1.0, 2.0])


def test_not_attempted_means_none_or_not_implemented():
    assert checks.call(lambda: None).not_attempted
    def stub():
        raise NotImplementedError
    assert checks.call(stub).not_attempted
    assert not checks.call(lambda: 0).not_attempted
    assert not checks.call(lambda: math.sqrt(-1)).not_attempted


def test_matches_checks_shape_and_values():
    assert checks.matches([1.0, 2.0], np.array([1.0, 2.0 + 1e-12]))
    assert not checks.matches([[1.0], [2.0]], np.array([1.0, 2.0]))
    assert not checks.matches("text", np.array([1.0]))
    assert not checks.matches([1.0, 2.1], np.array([1.0, 2.0]))


def test_report_prints_one_verdict_and_never_raises(capsys):
    def diagnose_demo(function):
        value = checks.call(function, 2).value
        if value is None:
            return checks.not_attempted("demo")
        return checks.passed("demo") if value == 4 else checks.wrong("demo", f"got {value}")

    check_demo = checks.report(diagnose_demo)
    assert check_demo.__name__ == "check_demo"
    assert check_demo(lambda x: x * 2) is None
    assert "all checks passed" in capsys.readouterr().out
    check_demo(lambda x: None)
    assert "not attempted yet" in capsys.readouterr().out
    check_demo(lambda x: x + 3)
    assert "got 5" in capsys.readouterr().out

    def broken_diagnosis(function):
        raise RuntimeError("bug in the checker")

    checks.report(broken_diagnosis)(lambda: None)
    assert "the check itself failed" in capsys.readouterr().out
