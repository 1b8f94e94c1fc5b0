"""Notebook 06's exercise: boundary_x2(x1, w, b). The solution and a mistake catalogue."""

import numpy as np
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes

from helpers import geometry
from helpers.checks import engine
from helpers.checks import nb06_decision_boundary as exercises

EXERCISE = exercises.boundary_x2


def test_solution_puts_points_on_the_boundary_the_lab_draws():
    w, b = np.array([5.28, 5.08]), -14.22
    x1 = np.linspace(0, 4, 9)
    np.testing.assert_allclose(w[0] * x1 + w[1] * EXERCISE.answer(x1, w, b) + b, 0, atol=1e-12)
    line_x1, line_x2 = geometry.boundary_segment(w, b, (0, 4), (0, 3.5))
    np.testing.assert_allclose(EXERCISE.answer(line_x1, w, b), line_x2, rtol=1e-12)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(lambda x1, w, b: -(w[0] * x1 + b) / w[1]).status == engine.PASSED


NAMED = {
    "minus sign is missing": [lambda x1, w, b: (w[0] * x1 + b) / w[1]],
    "only w1·x1 is negated": [lambda x1, w, b: (-w[0] * x1 + b) / w[1]],
    "b is missing": [lambda x1, w, b: -(w[0] * x1) / w[1]],
    "swapped": [lambda x1, w, b: -(w[1] * x1 + b) / w[0]],
    "did not divide": [lambda x1, w, b: -(w[0] * x1 + b)],
    "the brackets are missing": [lambda x1, w, b: -w[0] * x1 / w[1] - b],
    "one number (1.0) where an array is asked for": [lambda x1, w, b: 1.0],
    "returned a list": [lambda x1, w, b: list(-(w[0] * x1 + b) / w[1])],
    "changed its argument `x1` in place": [lambda x1, w, b: np.negative(x1, out=x1) * 0],
}

NEVER_PASS = [
    lambda x1, w, b: x1,
    lambda x1, w, b: -(w[0] * x1 + b) / w[1] + 1e-3,
    lambda x1, w, b: (-(w[0] * x1 + b) / w[1])[::-1],
    lambda x1, w, b: np.round(-(w[0] * x1 + b) / w[1], 2),
    lambda x1, w, b: -(w[0] * x1 + b) // w[1],
    lambda x1, w, b: np.abs(-(w[0] * x1 + b) / w[1]),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_boundary_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
