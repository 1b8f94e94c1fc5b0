"""Notebook 12's exercise: stable_softmax(Z). The solution and a mistake catalogue."""

import numpy as np
from learner import (assert_hints_hide_the_solution, assert_named_mistakes, assert_never_passes,
                     assert_standard_outcomes)

from helpers import softmax as sm
from helpers.checks import engine
from helpers.checks import nb12_softmax as exercises

EXERCISE = exercises.softmax


def test_solution_agrees_with_the_helper_on_large_scores():
    Z = np.random.default_rng(2).normal(size=(5, 4)) * 300
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_allclose(EXERCISE.answer(Z), sm.softmax(Z), rtol=1e-12)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(sm.softmax).status == engine.PASSED


def shifted_by(shift, axis=1, keepdims=True):
    """exp(Z − shift(Z)) normalised along axis."""
    def stable_softmax(Z):
        exps = np.exp(Z - shift(Z))
        return exps / exps.sum(axis=axis, keepdims=keepdims)
    return stable_softmax


def in_place(Z):
    Z -= Z.max(axis=1, keepdims=True)
    np.exp(Z, out=Z)
    return Z / Z.sum(axis=1, keepdims=True)


NAMED = {
    "with scores around ±1000 the result is not finite": [shifted_by(lambda Z: 0)],
    "keepdims=True so they line up": [lambda Z: np.exp(Z - Z.max(axis=1))
                                      / np.exp(Z - Z.max(axis=1)).sum(axis=1)],
    "each column sums to 1": [shifted_by(lambda Z: Z.max(axis=0), axis=0)],
    "whole array sums to 1": [lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum()],
    "rows do not sum to 1": [lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)),
                             lambda Z: np.exp(Z)],
    "one maximum for the whole array": [shifted_by(lambda Z: Z.max())],
    "never below 0, like the largest |z|": [
        shifted_by(lambda Z: np.abs(Z).max(axis=1, keepdims=True)),
        shifted_by(lambda Z: np.abs(Z).max()),
        shifted_by(lambda Z: np.maximum(Z.max(axis=1, keepdims=True), 0.0))],
    "lies far above its largest score": [
        shifted_by(lambda Z: np.where(Z.max(axis=1, keepdims=True) < -1001.5,
                                      Z.max(axis=1, keepdims=True),
                                      np.abs(Z).max(axis=1, keepdims=True)))],
    "subtracting the row's minimum": [shifted_by(lambda Z: Z.min(axis=1, keepdims=True)),
                                      shifted_by(lambda Z: Z.mean(axis=1, keepdims=True))],
    "down each column (axis=0)": [shifted_by(lambda Z: Z.max(axis=0))],
    "log-probabilities": [sm.log_softmax],
    "it returned whole numbers": [lambda Z: np.zeros_like(Z) + sm.softmax(Z).astype(Z.dtype)],
    "changed its argument `Z` in place": [in_place],
    "where shape (4, 3) is asked for": [lambda Z: sm.softmax(Z).T, lambda Z: sm.softmax(Z)[0]],
}

NEVER_PASS = [
    lambda Z: Z,
    lambda Z: sm.softmax(Z)[:, ::-1],
    lambda Z: sm.softmax(2 * Z),
    lambda Z: sm.softmax(np.clip(Z, -500, 500)),
    lambda Z: np.round(sm.softmax(Z), 3),
    lambda Z: sm.softmax(Z).astype(np.float16),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_softmax_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_hints_and_messages_do_not_give_the_solution_away():
    messages = [EXERCISE.diagnose(function).message
                for functions in NAMED.values() for function in functions]
    assert_hints_hide_the_solution(EXERCISE, messages)
