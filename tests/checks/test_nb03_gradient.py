"""Notebook 03's exercise: compute_gradient. The solution, and a catalogue of learner mistakes."""

import numpy as np
import pytest
from learner import (assert_named_mistakes, assert_never_passes, assert_standard_outcomes,
                     random_problem)

from helpers import gradcheck, gradient, logistic, sigmoid
from helpers.checks import engine
from helpers.checks import nb03_gradient as exercises

EXERCISE = exercises.gradient


@pytest.mark.parametrize("seed,scale", [(1, 1.0), (2, 0.1), (3, 100.0), (4, 1000.0)])
def test_solution_matches_helpers_on_random_and_extreme_inputs(seed, scale):
    X, y, w, b = random_problem(seed, scale=scale)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        dj_dw, dj_db = EXERCISE.answer(X, y, w, b)
    expected_w, expected_b = gradient(X, y, w, b)
    assert np.shape(dj_dw) == expected_w.shape
    np.testing.assert_allclose(dj_dw, expected_w, rtol=1e-12, atol=1e-15)
    assert float(dj_db) == pytest.approx(expected_b, rel=1e-12, abs=1e-15)


def test_solution_and_loop_reproduce_the_course_reference_gradient():
    """COURSE.md: on the six points at w = [2, 3], b = 1."""
    from helpers import data

    X, y = data.load("six_points")
    for function in (EXERCISE.answer, logistic.gradient_loop):
        dj_dw, dj_db = function(X, y, np.array([2.0, 3.0]), 1.0)
        np.testing.assert_allclose(dj_dw, [0.498333393278696, 0.49883942983996693], rtol=1e-14)
        assert dj_db == pytest.approx(0.49861806546328574, rel=1e-14)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(gradient).status == engine.PASSED
    assert EXERCISE.diagnose(logistic.gradient_loop).status == engine.PASSED


def test_the_finite_difference_check_is_what_decides_a_pass(monkeypatch):
    """If the slope of the cost disagreed with the answer, the checker must not pass it."""
    monkeypatch.setattr(gradcheck, "partials", lambda J, x, h=1e-5: np.asarray(x) * 0 + 9.0)
    assert EXERCISE.diagnose(gradient).status == engine.WRONG


# --- the catalogue ---------------------------------------------------------

def variant(sign=1.0, divide=True, transposed=False, column=False, db_sign=1.0,
            db_divide=True, divide_by_n=False, score=False):
    """The vectorised gradient with one or more slips switched on."""
    def compute_gradient(X, y, w, b):
        m, n = X.shape
        z = X @ w + b
        error = sign * ((z if score else sigmoid(z)) - y)
        scale = n if divide_by_n else (m if divide else 1)
        dj_dw = (X @ error if transposed else X.T @ error) / scale
        dj_db = db_sign * error.sum() / (scale if db_divide else 1)
        return (dj_dw.reshape(-1, 1) if column else dj_dw), dj_db
    return compute_gradient


def transposed_or_odd(X, y, w, b):
    """Only the non-square case is answered, with numpy's shape error."""
    if X.shape[0] == X.shape[1]:
        raise KeyError("square")
    return variant(transposed=True)(X, y, w, b)


def loop_off_by_one(X, y, w, b):
    m = X.shape[0]
    dj_dw, dj_db = np.zeros_like(w), 0.0
    for i in range(m - 1):
        error = sigmoid(X[i] @ w + b) - y[i]
        dj_dw, dj_db = dj_dw + error * X[i], dj_db + error
    return dj_dw / m, dj_db / m


def changes_w(X, y, w, b):
    result = gradient(X, y, w, b)
    w -= 0.1 * result[0]
    return result


NAMED = {
    "the sign is flipped in both parts": [variant(sign=-1.0)],
    "the 1/m is missing. The cost is a mean": [variant(divide=False, db_divide=False)],
    "the sign is flipped (y − f instead of f − y) and the 1/m is missing":
        [variant(sign=-1.0, divide=False, db_divide=False)],
    "dj_db has the sign flipped": [variant(db_sign=-1.0)],
    "the 1/m is missing from dj_db": [variant(db_divide=False)],
    "the product is transposed": [variant(transposed=True)],
    "numpy refused": [transposed_or_odd],
    "dj_dw has shape (2, 1)": [variant(column=True)],
    "the pair is in the wrong order: it returned (dj_db, dj_dw)":
        [lambda X, y, w, b: gradient(X, y, w, b)[::-1]],
    "dj_dw has shape (7,), one number per example": [
        lambda X, y, w, b: (X[:, 0] * (sigmoid(X @ w + b) - y), 0.0)],
    "it uses the score z = X·w + b": [variant(score=True)],
    "b is missing from the scores": [lambda X, y, w, b: gradient(X, y, w, 0.0)],
    "it divides by n = 2": [variant(divide_by_n=True)],
    "returned, as dj_dw, a list": [lambda X, y, w, b: (list(gradient(X, y, w, b)[0]), 0.0)],
    "returned 3 items": [lambda X, y, w, b: (*gradient(X, y, w, b), 0.0)],
    "changed its argument `w` in place": [changes_w],
    "returned, as dj_db, an array of shape (1,)": [
        lambda X, y, w, b: (gradient(X, y, w, b)[0], np.atleast_1d(gradient(X, y, w, b)[1]))],
}

NEVER_PASS = [
    lambda X, y, w, b: (np.zeros(len(w)), 0.0),
    lambda X, y, w, b: np.zeros(2),
    lambda X, y, w, b: (gradient(X, y, w, b)[0] + 1 if X.shape[0] == X.shape[1]
                        else gradient(X, y, w, b)[0], gradient(X, y, w, b)[1]),
    lambda X, y, w, b: (gradient(X, y, w, b)[0][::-1], gradient(X, y, w, b)[1]),
    lambda X, y, w, b: (gradient(X, 1 - y, w, b)[0], gradient(X, y, w, b)[1]),
    lambda X, y, w, b: (gradient(X, y, w, b)[0], float(np.mean(y))),
    loop_off_by_one,
    lambda X, y, w, b: (np.round(gradient(X, y, w, b)[0], 3), gradient(X, y, w, b)[1]),
    lambda X, y, w, b: (gradient(X, y, w, b)[0].astype(np.float16), gradient(X, y, w, b)[1]),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_gradient_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_a_list_for_the_pair_is_accepted_here_as_everywhere():
    """One conversion rule: a pair may be a tuple or a list (notebook 10 agrees)."""
    assert EXERCISE.diagnose(lambda X, y, w, b: list(gradient(X, y, w, b))).status == \
        engine.PASSED
