"""Notebook 08's exercise: sklearn_C(lambda_, m). The solution and a mistake catalogue."""

from fractions import Fraction

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes
from sklearn.linear_model import LogisticRegression

from helpers import data, gradient_descent
from helpers.checks import engine
from helpers.checks import nb08_vs_sklearn as exercises

EXERCISE = exercises.sklearn_C


@pytest.mark.parametrize("lambda_", [1.0, 10.0])
def test_solution_makes_sklearn_fit_our_penalised_model(lambda_):
    X, y = data.many_points()
    w, b, _ = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, 0.5, 3000, lambda_=lambda_)
    model = LogisticRegression(C=EXERCISE.answer(lambda_, len(y)), tol=1e-10,
                               max_iter=10_000).fit(X, y)
    assert np.max(np.abs(model.coef_[0] - w)) < 1e-4
    assert abs(model.intercept_[0] - b) < 1e-4


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    for answer in (lambda lam, m: 1 / lam, lambda lam, m: np.float64(1) / lam,
                   lambda lam, m: Fraction(1) / Fraction(lam), lambda lam, m: np.array(1 / lam)):
        assert EXERCISE.diagnose(answer).status == engine.PASSED


NAMED = {
    "inverse": [lambda lam, m: lam],
    "m cancels": [lambda lam, m: m / lam, lambda lam, m: 1 / (m * lam), lambda lam, m: lam / m],
    "factor of 2": [lambda lam, m: 1 / (2 * lam), lambda lam, m: 2 / lam],
    "// is whole-number division": [lambda lam, m: 1 // lam],
    "needs C > 0": [lambda lam, m: -1 / lam],
    "text ('0.5')": [lambda lam, m: str(1 / lam)],
    "a list": [lambda lam, m: [1 / lam]],
    "where one number is asked for": [lambda lam, m: np.array([1 / lam])],
}

NEVER_PASS = [
    lambda lam, m: 1 / lam ** 2,
    lambda lam, m: 1.0,
    lambda lam, m: 1 / lam + 1e-3,
    lambda lam, m: 1 / lam if m > 50 else 2 / lam,
    lambda lam, m: np.exp(-lam),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_C_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
