"""Notebook 02's exercise: compute_cost. The solution, and a catalogue of learner mistakes."""

import numpy as np
import pytest
from learner import (assert_named_mistakes, assert_never_passes, assert_standard_outcomes,
                     random_problem)

from helpers import cost, sigmoid
from helpers.checks import engine
from helpers.checks import nb02_cross_entropy as exercises

EXERCISE = exercises.cost


@pytest.mark.parametrize("seed,scale", [(1, 1.0), (2, 0.1), (3, 100.0), (4, 1000.0)])
def test_solution_matches_helpers_on_random_and_extreme_inputs(seed, scale):
    X, y, w, b = random_problem(seed, scale=scale)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        value = EXERCISE.answer(X, y, w, b)
    assert np.isfinite(value)
    assert value == pytest.approx(cost(X, y, w, b), rel=1e-12)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(cost).status == engine.PASSED


def test_the_saturated_case_costs_forty_per_confident_mistake():
    X, y, w, b = exercises.saturated_case()
    losses = [40.0, 40.0, np.log1p(np.exp(-2.0)), np.log1p(np.exp(-1.0))]
    assert cost(X, y, w, b) == pytest.approx(np.mean(losses), rel=1e-12)


def test_the_far_case_costs_eight_hundred_per_confident_mistake():
    X, y, w, b = exercises.far_case()
    losses = [800.0, 800.0, np.log1p(np.exp(-2.0)), np.log1p(np.exp(-1.0))]
    assert cost(X, y, w, b) == pytest.approx(np.mean(losses), rel=1e-12)
    with np.errstate(over="ignore"):        # the naive form overflows there, and only there
        assert np.log(1 + np.exp(800.0)) == np.inf
    assert np.log(1 + np.exp(40.0)) == pytest.approx(40.0, rel=1e-15)


# --- the catalogue ---------------------------------------------------------

def through_f(sign=-1.0, reduce=np.mean, log=np.log, column=False, branches="both"):
    """The textbook formula through f = σ(z), with one slip switched on."""
    def compute_cost(X, y, w, b):
        f = sigmoid(X @ (w.reshape(-1, 1) if column else w) + b)
        one, zero = y * log(f), (1 - y) * log(1 - f)
        terms = {"both": one + zero, "swapped": (1 - y) * log(f) + y * log(1 - f),
                 "one": one, "zero": zero}[branches]
        return sign * reduce(terms)
    return compute_cost


def clipped(X, y, w, b):
    f = np.clip(sigmoid(X @ w + b), 1e-15, 1 - 1e-15)
    return -np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))


def log_of_one_plus_exp(X, y, w, b):
    """From z, but log(1 + e^z) through np.exp: exact at z = ±40, inf at z = ±800."""
    z = X @ w + b
    return np.mean(y * np.log(1 + np.exp(-z)) + (1 - y) * np.log(1 + np.exp(z)))


def log1p_of_exp(X, y, w, b):
    z = X @ w + b
    return np.mean(y * np.log1p(np.exp(-z)) + (1 - y) * np.log1p(np.exp(z)))


def shrinks_w(X, y, w, b):
    J = cost(X, y, w, b)
    w *= 0.5
    return J


NAMED = {
    "the minus sign is missing": [through_f(sign=1.0)],
    "the sum of the losses instead of their mean": [through_f(reduce=np.sum)],
    "the minus sign is missing and it sums": [through_f(sign=1.0, reduce=np.sum)],
    "it divides the sum of the losses by n = 2": [
        lambda X, y, w, b: through_f(reduce=np.sum)(X, y, w, b) / X.shape[1]],
    "log base 2 (np.log2)": [through_f(log=np.log2)],
    "log base 10": [through_f(log=np.log10)],
    "it sums the losses and uses log base 2": [through_f(reduce=np.sum, log=np.log2)],
    "the two branches are swapped": [through_f(branches="swapped")],
    "only the y = 1 branch": [through_f(branches="one")],
    "only the y = 0 branch": [through_f(branches="zero")],
    "that is the squared error": [lambda X, y, w, b: np.mean((sigmoid(X @ w + b) - y) ** 2)],
    "b is missing": [lambda X, y, w, b: cost(X, y, w, 0.0)],
    "whose mean is not J": [through_f(column=True)],
    "then a sum / m": [lambda X, y, w, b: through_f(column=True)(X, y, w, b) * X.shape[0]],
    "it returned an (7, 7) array": [
        lambda X, y, w, b: -(y * np.log(sigmoid(X @ w.reshape(-1, 1) + b)))],
    "it returned 7 numbers, one loss per example": [through_f(reduce=lambda v: v)],
    "not the score z itself": [
        lambda X, y, w, b: -np.mean(y * np.log(X @ w + b) + (1 - y) * np.log(1 - (X @ w + b)))],
    "σ(40) rounds to exactly 1, so log(1 − f) = log 0 = −∞": [through_f()],
    "Keeping f away from 0 and 1": [clipped],
    "e^800 overflows to inf before the log can bring it back":
        [log_of_one_plus_exp, log1p_of_exp],
    "returned an array of shape (1,) where one number is asked for": [
        lambda X, y, w, b: np.atleast_1d(cost(X, y, w, b))],
    "changed its argument `w` in place": [shrinks_w],
}

NEVER_PASS = [
    lambda X, y, w, b: 0.5,
    lambda X, y, w, b: cost(X, y, w, b) + 1e-6,
    lambda X, y, w, b: np.float32(cost(X, y, w, b)),
    lambda X, y, w, b: cost(X, 1 - y, w, b),
    lambda X, y, w, b: cost(X, y, -w, -b),
    lambda X, y, w, b: np.median(y * np.logaddexp(0, -(X @ w + b))
                                 + (1 - y) * np.logaddexp(0, X @ w + b)),
    lambda X, y, w, b: cost(X[:-1], y[:-1], w, b),                  # off by one example
    lambda X, y, w, b: -np.mean(y * np.log(sigmoid(X @ w + b) + 1e-9)
                                + (1 - y) * np.log(1 - sigmoid(X @ w + b) + 1e-9)),
    lambda X, y, w, b: str(cost(X, y, w, b)),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_cost_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
