"""Notebook 10's exercises: regularised_cost and regularised_gradient. The solutions and a
mistake catalogue for each."""

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes

from helpers import gradcheck, logistic
from helpers.checks import engine
from helpers.checks import nb10_regularisation as exercises

COST = exercises.regularised_cost
EXERCISE = exercises.regularised_gradient


# --- regularised_cost -------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_cost_solution_is_the_helpers_regularised_cost(seed):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(20, 3)), rng.integers(0, 2, size=20)
    w, b, lam = rng.normal(size=3), float(rng.normal()), 0.7
    got = COST.answer(X, y, w, b, lam)
    assert got == pytest.approx(logistic.cost(X, y, w, b, lam), rel=1e-12)
    # written out from the definition: mean loss + λ/(2m)·Σw², b not in the sum
    f = 1 / (1 + np.exp(-(X @ w + b)))
    by_hand = -np.mean(y * np.log(f) + (1 - y) * np.log(1 - f)) + lam / 40 * np.sum(w ** 2)
    assert got == pytest.approx(by_hand, rel=1e-10)


def cost_with(penalty=lambda lam, m, w, b: lam / (2 * m) * np.sum(w ** 2),
              data=lambda X, y, w, b: logistic.cost(X, y, w, b)):
    def regularised_cost(X, y, w, b, lam):
        return data(X, y, w, b) + penalty(lam, X.shape[0], w, b)
    return regularised_cost


def summed_losses(X, y, w, b):
    return X.shape[0] * logistic.cost(X, y, w, b)


def test_cost_stub_crash_and_solution():
    assert_standard_outcomes(COST)
    assert COST.diagnose(cost_with()).status == engine.PASSED
    assert COST.diagnose(logistic.cost).status == engine.PASSED        # the helper with λ
    assert COST.diagnose(lambda *args: np.float64(logistic.cost(*args))).status == \
        engine.PASSED


def per_example(X, y, w, b, lam):
    z = X @ w + b
    losses = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    return losses + lam / (2 * len(y)) * np.sum(w ** 2)


COST_NAMED = {
    "b is penalised too": [cost_with(lambda lam, m, w, b: lam / (2 * m) * (np.sum(w ** 2)
                                                                        + b ** 2))],
    "twice what it should be": [cost_with(lambda lam, m, w, b: lam / m * np.sum(w ** 2)),
                                lambda X, y, w, b, lam: logistic.cost(X, y, w, b, lam)
                                + lam / (2 * len(y)) * np.sum(w ** 2)],   # added twice
    "there is no penalty": [cost_with(lambda lam, m, w, b: 0.0),
                            lambda X, y, w, b, lam: logistic.cost(X, y, w, b)],
    "missing its 1/m": [cost_with(lambda lam, m, w, b: lam / 2 * np.sum(w ** 2))],
    "Python reads it as (λ/2)·m": [cost_with(lambda lam, m, w, b: lam / 2 * m * np.sum(w ** 2))],
    "number of features": [cost_with(lambda lam, m, w, b: lam / (2 * w.size) * np.sum(w ** 2))],
    "np.mean(w ** 2)": [cost_with(lambda lam, m, w, b: lam / (2 * m) * np.mean(w ** 2))],
    "the sum of the losses": [cost_with(data=summed_losses)],
    "m times J_λ": [cost_with(lambda lam, m, w, b: lam / 2 * np.sum(w ** 2), summed_losses)],
    "subtracted": [cost_with(lambda lam, m, w, b: -lam / (2 * m) * np.sum(w ** 2))],
    "the L1 penalty": [cost_with(lambda lam, m, w, b: lam / (2 * m) * np.sum(np.abs(w)))],
    "an L1 penalty": [cost_with(lambda lam, m, w, b: lam / m * np.sum(np.abs(w)))],
    "squares the sum": [cost_with(lambda lam, m, w, b: lam / (2 * m) * np.sum(w) ** 2)],
    "the length ‖w‖": [cost_with(lambda lam, m, w, b: lam / (2 * m)
                                 * np.linalg.norm(w))],
    "one per example": [per_example],
}

COST_NEVER_PASS = [
    cost_with(lambda lam, m, w, b: lam / (2 * m - 1) * np.sum(w ** 2)),
    cost_with(lambda lam, m, w, b: lam / (2 * m) * np.sum(w ** 2) + 1e-6),
    cost_with(lambda lam, m, w, b: lam / (2 * m) * np.sum(w[:-1] ** 2)),   # a weight left out
    cost_with(lambda lam, m, w, b: lam / (2 * m) * b ** 2),                # only b
    cost_with(lambda lam, m, w, b: 1 / (2 * lam * m) * np.sum(w ** 2)),    # C where λ is meant
    cost_with(data=lambda X, y, w, b: logistic.cost(X, y, w, 0.0)),        # b forgotten in z
    cost_with(data=lambda X, y, w, b: logistic.cost(X, y, w, b) / np.log(2)),  # log base 2
    lambda X, y, w, b, lam: np.array([logistic.cost(X, y, w, b, lam)]),
    lambda X, y, w, b, lam: float(lam),
] + [function for functions in COST_NAMED.values() for function in functions]


def test_each_named_cost_mistake_gets_its_own_message():
    assert_named_mistakes(COST, COST_NAMED)


def test_no_wrong_cost_passes():
    assert_never_passes(COST, COST_NEVER_PASS)


def test_every_known_cost_mistake_is_told_apart_on_the_cases():
    """No two versions of the cost agree on all three problems, so each message is earned."""
    variants = [exercises.penalty_variants(*case) for case in exercises.penalty_cases()]
    names = list(variants[0])
    assert set(names) == {"right", *exercises.COST_MISTAKES}
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            assert any(abs(v[first] - v[second]) > 1e-6 for v in variants), (first, second)


# --- regularised_gradient ---------------------------------------------------------------


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
