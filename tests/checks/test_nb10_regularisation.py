"""Notebook 10's exercise: regularised_gradient. The solution and a mistake catalogue."""

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes

from helpers import gradcheck, logistic
from helpers.checks import engine
from helpers.checks import nb10_regularisation as exercises

EXERCISE = exercises.regularised_gradient


@pytest.mark.parametrize("seed", range(3))
def test_solution_is_the_slope_of_the_regularised_cost(seed):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(20, 3)), rng.integers(0, 2, size=20)
    w, b, lam = rng.normal(size=3), float(rng.normal()), 0.7
    dj_dw, dj_db = EXERCISE.answer(X, y, w, b, lam)
    numeric = gradcheck.partials(lambda v: logistic.cost(X, y, v[:3], v[3], lam), [*w, b])
    np.testing.assert_allclose([*dj_dw, dj_db], numeric, atol=1e-8)
    expected_w, expected_b = logistic.gradient(X, y, w, b, lam)
    np.testing.assert_allclose(dj_dw, expected_w, rtol=1e-12)
    assert dj_db == pytest.approx(expected_b, rel=1e-12)


def penalised(extra_w=lambda lam, m, w: lam / m * w, extra_b=lambda lam, m, b: 0.0):
    def regularised_gradient(X, y, w, b, lam):
        dj_dw, dj_db = logistic.gradient(X, y, w, b)
        m = X.shape[0]
        return dj_dw + extra_w(lam, m, w), dj_db + extra_b(lam, m, b)
    return regularised_gradient


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(penalised()).status == engine.PASSED
    assert EXERCISE.diagnose(logistic.gradient).status == engine.PASSED
    assert EXERCISE.diagnose(lambda *args: list(logistic.gradient(*args))).status == \
        engine.PASSED


def changes_w(X, y, w, b, lam):
    result = logistic.gradient(X, y, w, b, lam)
    w *= 1 - lam / len(y)
    return result


NAMED = {
    "b as well": [penalised(extra_b=lambda lam, m, b: lam / m * b)],
    "no penalty": [penalised(extra_w=lambda lam, m, w: 0 * w),
                   lambda X, y, w, b, lam: logistic.gradient(X, y, w, b)],
    "half what it should be": [penalised(extra_w=lambda lam, m, w: lam / (2 * m) * w)],
    "missing its 1/m": [penalised(extra_w=lambda lam, m, w: lam * w)],
    "wrong sign": [penalised(extra_w=lambda lam, m, w: -lam / m * w)],
    "the penalty's own shape": [penalised(extra_w=lambda lam, m, w: lam / m * w ** 2)],
    "one number for every weight": [penalised(extra_w=lambda lam, m, w: lam / m * np.sum(w))],
    "the pair is in the wrong order": [lambda *args: logistic.gradient(*args)[::-1]],
    "changed its argument `w` in place": [changes_w],
}

NEVER_PASS = [
    penalised(extra_w=lambda lam, m, w: 2 * lam / m * w),
    penalised(extra_w=lambda lam, m, w: lam / m * np.sign(w)),              # L1
    penalised(extra_w=lambda lam, m, w: lam / m * w, extra_b=lambda lam, m, b: -1e-3),
    penalised(extra_w=lambda lam, m, w: lam / (m - 1) * w),
    lambda X, y, w, b, lam: (np.zeros_like(w), 0.0),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_gradient_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
