"""Notebook 11's exercise: count_polynomial_features(degree). The solution and a catalogue."""

import numpy as np
import pytest
from learner import (assert_hints_hide_the_solution, assert_named_mistakes,
                     assert_never_passes, assert_standard_outcomes)

from helpers.checks import engine
from helpers.checks import nb11_nonlinear_boundaries as exercises
from helpers.features import polynomial_features, polynomial_names

EXERCISE = exercises.count_polynomial_features


@pytest.mark.parametrize("degree", range(1, 11))
def test_solution_counts_the_columns_polynomial_features_makes(degree):
    X = np.random.default_rng(degree).normal(size=(4, 2))
    assert EXERCISE.answer(degree) == polynomial_features(X, degree).shape[1]
    assert EXERCISE.answer(degree) == len(polynomial_names(degree))
    assert EXERCISE.answer(degree) == (degree + 1) * (degree + 2) // 2 - 1


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(lambda d: np.int64((d + 1) * (d + 2) // 2 - 1)).status == \
        engine.PASSED


NAMED = {
    "constant term": [lambda d: (d + 1) * (d + 2) // 2],
    "only the monomials of total degree exactly d": [lambda d: d + 1],
    "pure powers": [lambda d: 2 * d],
    "a square of exponents": [lambda d: (d + 1) ** 2 - 1],
    "one monomial short in every degree": [lambda d: sum(range(1, d + 1))],
    "degree d itself is left out": [lambda d: sum(k + 1 for k in range(1, d))],
    "use // for whole-number division": [lambda d: (d + 1) * (d + 2) / 2 - 1],
    "True/False": [lambda d: True],
    "asks helpers' `polynomial_features`": [
        lambda d: polynomial_features(np.zeros((1, 2)), d).shape[1],
        lambda d: len(polynomial_features([[1.0, 2.0]], d)[0])],
    "asks helpers' `polynomial_names`": [lambda d: len(polynomial_names(d))],
}

# The counts the notebook shows or a learner could collect for degrees 1 to 8.
TABLE = {d: (d + 1) * (d + 2) // 2 - 1 for d in range(1, 9)}

NEVER_PASS = [
    lambda d: d ** 2,                       # agrees at d = 1 and 2 only
    lambda d: d ** 2 + 1,                   # agrees at d = 1 and 2 only
    lambda d: 2 ** (d + 1) - 2,
    lambda d: 5,
    lambda d: str((d + 1) * (d + 2) // 2 - 1),
    lambda d: TABLE[d],                                        # a lookup table of 1 to 8
    lambda d: TABLE.get(d, 0),
    lambda d: TABLE.get(d, (d + 1) * (d + 2) // 2),            # right only up to 8
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_count_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_d_squared_plus_one_is_not_called_the_constant_term():
    """It matches at degrees 1 and 2 and is one too many at 3: no named mistake fits."""
    verdict = EXERCISE.diagnose(lambda d: d ** 2 + 1)
    assert verdict.status == engine.WRONG and "constant" not in verdict.message
    assert "for degree 3 the answer is 9; got 10" in verdict.message


def test_a_wrong_count_is_not_told_the_whole_table():
    verdict = EXERCISE.diagnose(lambda d: TABLE.get(d, 0))
    assert verdict.status == engine.WRONG
    assert "for degree 15 the answer is 135; got 0" in verdict.message
    assert "44" not in verdict.message and "[" not in verdict.message


def test_the_check_reaches_degrees_beyond_the_notebook():
    assert {15, 30} <= set(exercises.DEGREES) and max(exercises.DEGREES) > 8


def test_no_hint_or_verdict_shows_the_solution_code():
    assert_hints_hide_the_solution(EXERCISE, [EXERCISE.diagnose(function).message
                                    for functions in NAMED.values() for function in functions])
