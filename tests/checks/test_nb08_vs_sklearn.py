"""Notebook 08's exercise: sklearn_fit(X, y). The solution and a mistake catalogue."""

import numpy as np
import pytest
from learner import (assert_named_mistakes, assert_never_passes, assert_standard_outcomes,
                     assert_verdict, stub)
from sklearn.linear_model import LogisticRegression

from helpers import data, gradient_descent
from helpers.checks import engine
from helpers.checks import nb08_vs_sklearn as exercises
from helpers.newton import newton_method

EXERCISE = exercises.sklearn_fit


def test_solution_reaches_the_minimum_on_the_notebooks_data():
    X, y = data.many_points()
    w, b = EXERCISE.answer(X, y)
    # The minimum by Newton's method, and by a long run of our gradient descent.
    w_min, b_min, _ = newton_method(X, y, np.zeros(5), 0.0)
    w_gd, b_gd, _ = gradient_descent(X, y, np.zeros(5), 0.0, 0.5, 30_000)
    for w_ref, b_ref in ((w_min, b_min), (w_gd, b_gd)):
        assert np.max(np.abs(np.r_[w - w_ref, b - b_ref])) < 1e-5
    assert w.shape == (5,) and np.ndim(b) == 0


def test_the_checkers_cases_are_not_the_notebooks_data():
    notebook_X, _ = data.many_points()
    for X, y, w, b in exercises.fit_cases().values():
        assert X.shape != notebook_X.shape
        assert 0.4 < np.mean(y) < 0.6 and w.shape == (X.shape[1],)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)


@pytest.mark.parametrize("settings", [
    {"C": 10**12, "tol": 1e-6},                               # tight enough
    {"C": np.inf, "tol": 1e-10},                              # no penalty at all
    {"C": 10**12, "tol": 1e-10, "solver": "liblinear"},       # b penalised, but C is huge
    {"C": 10**12, "tol": 1e-10, "solver": "newton-cg"},
])
def test_other_right_settings_pass(settings):
    def sklearn_fit(X, y):
        model = LogisticRegression(max_iter=1000, **settings).fit(X, y)
        return model.coef_[0], model.intercept_[0]
    assert_verdict(EXERCISE, sklearn_fit, engine.PASSED)


def test_passes_says_whether_the_check_passes_and_prints_nothing(capsys):
    assert EXERCISE.passes(EXERCISE.answer) is True
    assert EXERCISE.passes(stub) is False
    assert EXERCISE.passes(fitted()) is False
    assert capsys.readouterr().out == ""


def fitted(shape=lambda model: (model.coef_[0], model.intercept_[0]), **settings):
    """A learner's sklearn_fit: LogisticRegression with these settings, result shaped so."""
    def sklearn_fit(X, y):
        return shape(LogisticRegression(**settings).fit(X, y))
    return sklearn_fit


TIGHT = {"C": 10**12, "tol": 1e-10, "max_iter": 1000}


def notebooks_data(X, y):
    return EXERCISE.answer(*data.many_points())


NAMED = {
    "penalty is still on": [fitted(), fitted(tol=1e-10), fitted(C=0.1, tol=1e-10)],
    "close to the minimum of J but not at it": [
        fitted(C=10**12), fitted(C=100, tol=1e-10, max_iter=1000),
        lambda X, y: gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, 0.5, 1000)[:2]],
    "fit_intercept=False": [fitted(fit_intercept=False, **TIGHT)],
    "returned (b, w)": [fitted(lambda model: (model.intercept_[0], model.coef_[0]), **TIGHT),
                        fitted(lambda model: (model.intercept_, model.coef_[0]), **TIGHT)],
    "not the notebook's": [notebooks_data],
    "a column or row where a flat array is expected": [
        fitted(lambda model: (model.coef_, model.intercept_[0]), **TIGHT)],
    "take the single number out": [fitted(lambda model: (model.coef_[0], model.intercept_),
                                          **TIGHT)],
    "expected a pair": [fitted(lambda model: model, **TIGHT),
                        fitted(lambda model: model.coef_[0], **TIGHT)],
}

NEVER_PASS = [
    fitted(lambda model: (model.coef_[0], -model.intercept_[0]), **TIGHT),
    fitted(lambda model: (-model.coef_[0], model.intercept_[0]), **TIGHT),
    fitted(lambda model: (model.coef_[0] / 2, model.intercept_[0]), **TIGHT),
    fitted(lambda model: (model.coef_[0], 0.5 * model.intercept_[0] + 1e-3), **TIGHT),
    lambda X, y: (np.zeros(X.shape[1]), 0.0),
    lambda X, y: (np.linalg.lstsq(np.c_[X, np.ones(len(y))], y, rcond=None)[0][:-1], 0.0),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_fit_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_no_hint_or_message_shows_the_solutions_code():
    """Hints and verdicts name the mistake and the settings to change; only .solution()
    shows the code (and, of the hints, only it the exact tol)."""
    lines = [line.strip() for line in EXERCISE.solution_source().splitlines()[1:]
             if line.strip() and not line.strip().startswith('"""')]
    texts = list(EXERCISE.hints) + [EXERCISE.diagnose(function).message
                                    for functions in NAMED.values() for function in functions]
    assert not any("1e-10" in hint for hint in EXERCISE.hints)
    for text in texts:
        for line in lines:
            assert line not in text, (line, text)
