"""Notebook 14's exercise: hessian_w(X, w, b). The solution and a mistake catalogue."""

import numpy as np
from learner import (assert_hints_hide_the_solution, assert_named_mistakes, assert_never_passes,
                     assert_standard_outcomes)

from helpers import gradcheck, logistic, newton
from helpers.checks import engine
from helpers.checks import nb14_newton as exercises

EXERCISE = exercises.hessian_w


def test_solution_is_the_w_block_of_the_helper_and_the_slope_of_the_gradient():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(80, 3)), rng.integers(0, 2, size=80)
    w, b = np.array([0.2, -0.5, 1.0]), 0.1
    H = EXERCISE.answer(X, w, b)
    np.testing.assert_allclose(H, newton.hessian(X, w, b)[:3, :3], rtol=1e-12)
    for j in range(3):
        column = gradcheck.partials(lambda v, j=j: logistic.gradient(X, y, v, b)[0][j], w)
        np.testing.assert_allclose(H[j], column, atol=1e-8)


def diag_form(X, w, b):
    f = logistic.sigmoid(X @ w + b)
    return X.T @ np.diag(f * (1 - f)) @ X / len(X)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(diag_form).status == engine.PASSED


NAMED = {
    "sign is flipped": [lambda X, w, b: -diag_form(X, w, b)],
    "divide by m": [lambda X, w, b: diag_form(X, w, b) * len(X)],
    "it divides by n = 3": [lambda X, w, b: diag_form(X, w, b) * len(X) / X.shape[1]],
    "σ(1 − σ)": [lambda X, w, b: X.T @ np.diag(logistic.sigmoid(X @ w + b)) @ X / len(X)],
    "weighted by s_i": [lambda X, w, b: X.T @ X / len(X)],
    "Put Xᵀ on the left": [lambda X, w, b: X @ np.diag(np.ones(3)) @ X.T],
    "shapes do not line up": [lambda X, w, b: X @ np.diag(np.ones(len(X))) @ X.T],
    "shape (3,) where shape (3, 3)": [lambda X, w, b: np.ones(3)],
    "a list": [lambda X, w, b: diag_form(X, w, b).tolist()],
    "it calls `newton.hessian`": [lambda X, w, b: newton.hessian(X, w, b)[:-1, :-1],
                                  lambda X, w, b: newton.hessian(X, w, b)[:3, :3],
                                  lambda X, w, b: newton.hessian(X, w, b)],
}

NEVER_PASS = [
    lambda X, w, b: np.eye(3),
    lambda X, w, b: diag_form(X, w, b).T[::-1],
    lambda X, w, b: diag_form(X, w, 0.0),
    lambda X, w, b: diag_form(X, w, b) + 1e-4 * np.eye(3),
    lambda X, w, b: newton.hessian(X, w, b),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_hessian_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_hints_and_messages_do_not_give_the_solution_away():
    messages = [EXERCISE.diagnose(function).message
                for functions in NAMED.values() for function in functions]
    assert_hints_hide_the_solution(EXERCISE, messages)
    for text in (*EXERCISE.hints, *messages):
        assert "X.T @ np.diag(s) @ X" not in text and "(X.T * s) @ X" not in text, text
