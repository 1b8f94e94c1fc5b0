"""Notebook 04's exercise: fix update(a, b, x, y, lr). The solution and a mistake catalogue."""

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes

from helpers import single_point as sp
from helpers.checks import engine
from helpers.checks import nb04_single_point as exercises

EXERCISE = exercises.update


def sigmoid_scalar(s):
    return 1 / (1 + np.exp(-s))


def make(a_rule, b_rule):
    """An update from two rules, each given (a, b, x, y, lr, z)."""
    def update(a, b, x, y, lr):
        z = sigmoid_scalar(a * x + b)
        return a_rule(a, b, x, y, lr, z), b_rule(a, b, x, y, lr, z)
    return update


GOOD_A = lambda a, b, x, y, lr, z: a - lr * x * (z - y)  # noqa: E731
GOOD_B = lambda a, b, x, y, lr, z: b - lr * (z - y)  # noqa: E731
PLUS_A = lambda a, b, x, y, lr, z: a + lr * x * (z - y)  # noqa: E731
PLUS_B = lambda a, b, x, y, lr, z: b + lr * (z - y)  # noqa: E731


def test_solution_agrees_with_the_single_point_run():
    for case in exercises.UPDATE_CASES:
        assert EXERCISE.answer(*case) == pytest.approx(sp.single_point_step(*case), rel=1e-14)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(make(GOOD_A, GOOD_B)).status == engine.PASSED
    assert EXERCISE.diagnose(sp.single_point_step).status == engine.PASSED
    assert EXERCISE.diagnose(lambda *case: np.array(sp.single_point_step(*case))).status == \
        engine.PASSED


def test_the_buggy_code_in_the_notebook_is_the_flipped_sign():
    verdict = EXERCISE.diagnose(make(PLUS_A, PLUS_B))
    assert verdict.message.startswith("you add the gradient instead of subtracting")


def roles_swapped_in_z(a, b, x, y, lr):
    z = sigmoid_scalar(b * x + a)
    return a - lr * x * (z - y), b - lr * (z - y)


NAMED = {
    "add the gradient instead of subtracting": [make(PLUS_A, PLUS_B)],
    "a's update adds": [make(PLUS_A, GOOD_B)],
    "b's update adds": [make(GOOD_A, PLUS_B)],
    "missing the factor x": [make(lambda a, b, x, y, lr, z: a - lr * (z - y), GOOD_B)],
    "factor x it should not have": [make(GOOD_A, lambda a, b, x, y, lr, z: b - lr * x * (z - y))],
    "not scaled by the learning rate": [make(lambda a, b, x, y, lr, z: a - x * (z - y),
                                             lambda a, b, x, y, lr, z: b - (z - y))],
    "use the score": [lambda a, b, x, y, lr: (a - lr * x * (a * x + b - y),
                                              b - lr * (a * x + b - y))],
    "the prediction uses b·x + a": [roles_swapped_in_z],
    "return the step": [make(lambda a, b, x, y, lr, z: -lr * x * (z - y),
                             lambda a, b, x, y, lr, z: -lr * (z - y))],
    "wrong order": [lambda a, b, x, y, lr: sp.single_point_step(a, b, x, y, lr)[::-1]],
    "you round the new a and b": [
        lambda a, b, x, y, lr: tuple(round(v, 3) for v in sp.single_point_step(a, b, x, y, lr))],
    "returned 3 items": [lambda a, b, x, y, lr: (*sp.single_point_step(a, b, x, y, lr), lr)],
    "returned, as the new a, text": [lambda a, b, x, y, lr: (str(a), b)],
}

NEVER_PASS = [
    lambda a, b, x, y, lr: (a, b),
    lambda a, b, x, y, lr: a,
    make(lambda a, b, x, y, lr, z: a - lr * x * (z - y) ** 2, GOOD_B),
    make(lambda a, b, x, y, lr, z: a - lr * (z - y) / x, GOOD_B),
    make(GOOD_A, lambda a, b, x, y, lr, z: b - lr * (z - y) * z * (1 - z)),  # squared error
    lambda a, b, x, y, lr: sp.single_point_step(a, b, x, y, lr / 2),
    lambda a, b, x, y, lr: sp.single_point_step(a, b, x, 1 - y, lr),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_update_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
