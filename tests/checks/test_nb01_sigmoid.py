"""Notebook 01's exercise: my_sigmoid. The solution, and a catalogue of learner mistakes."""

import math

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes

from helpers import sigmoid
from helpers.checks import engine
from helpers.checks import nb01_sigmoid as exercises

EXERCISE = exercises.sigmoid


def test_solution_matches_helpers_on_random_and_extreme_inputs():
    z = np.concatenate([np.random.default_rng(0).normal(scale=10, size=500),
                        [-1e4, -1000.0, -745.0, -720.0, -30.0, 0.0, 30.0, 710.0, 1e4]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_allclose(EXERCISE.answer(z), sigmoid(z), rtol=1e-12, atol=0)
        assert float(EXERCISE.answer(-3.0)) == pytest.approx(float(sigmoid(-3.0)), rel=1e-15)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(sigmoid).status == engine.PASSED


# --- the catalogue ---------------------------------------------------------

def naive(z):
    return 1 / (1 + np.exp(-z))


def naive_silenced(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


def stable_pieces(z):
    """e^(−|z|) and the two stable branches, for building variants."""
    small = np.exp(-np.abs(z))
    return 1 / (1 + small), small / (1 + small)


def where_both_naive(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def scalar_math_stable(z):
    z = float(z)
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def loop_of_numbers(z):
    """A number, or a loop over the entries of an array: a 2-D array's entries are rows."""
    if np.ndim(z) == 0:
        return scalar_math_stable(z)
    return np.array([scalar_math_stable(v) for v in z])


def loop_with_if(z):
    """The stable form with an if per entry: `v >= 0` on a row has no single truth value."""
    z = np.asarray(z, dtype=float)
    if z.ndim == 0:
        return sigmoid(z)
    out = np.empty(len(z))
    for i, v in enumerate(z):
        out[i] = 1 / (1 + np.exp(-v)) if v >= 0 else np.exp(v) / (1 + np.exp(v))
    return out


def flattening_loop(z):
    """Loops over np.ravel(z): right values, but a 2-D input comes back flat."""
    if np.ndim(z) == 0:
        return scalar_math_stable(z)
    return np.array([scalar_math_stable(v) for v in np.ravel(z)])


def arrays_only(z):
    out = z.astype(float)
    positive, negative = stable_pieces(z)
    out[...] = np.where(z >= 0, positive, negative)
    return out


def integer_result(z):
    out = np.zeros_like(z)
    positive, negative = stable_pieces(np.asarray(z, dtype=float))
    out[...] = np.where(z >= 0, positive, negative)
    return out


def in_place(z):
    z = np.asarray(z, dtype=float)      # the same array when z is already float
    positive, negative = stable_pieces(z)
    z[...] = np.where(z >= 0, positive, negative)
    return z


def swapped_branches(z):
    positive, negative = stable_pieces(np.asarray(z, dtype=float))
    return np.where(np.asarray(z) >= 0, negative, positive)


def one_minus(z):
    z = np.asarray(z, dtype=float)
    positive = 1 / (1 + np.exp(-np.abs(z)))
    return np.where(z >= 0, positive, 1 - positive)


NAMED = {
    "1/(1 + e^(−z)) needs e^710, which overflows to inf (numpy warns": [naive],
    "Whether the 0 comes from e^710 overflowing to inf with numpy's warning switched off":
        [naive_silenced, lambda z: np.where(np.asarray(z) < -700, 0.0, sigmoid(z))],
    "e^z / (1 + e^z) needs e^710, which overflows, and inf/inf is nan":
        [lambda z: np.exp(z) / (1 + np.exp(z))],
    "math.exp(1000) raises OverflowError": [lambda z: 1 / (1 + math.exp(-z))],
    "it works on single numbers but not on a numpy array": [scalar_math_stable],
    "np.where(condition, a, b) computes both a and b for every z": [where_both_naive],
    "it returns σ(−z) = 1 − σ(z)": [lambda z: 1 / (1 + np.exp(z)), swapped_branches],
    "returned a list": [lambda z: list(np.atleast_1d(sigmoid(z)))],
    "it works on arrays but not on a plain number": [arrays_only],
    "A loop `for v in z` visits the rows of a 2-D array": [loop_of_numbers, loop_with_if],
    "an array of shape (6,) where shape (2, 3) is asked for": [flattening_loop],
    "it returned whole numbers": [integer_result],
    "it clips z": [lambda z: naive(np.clip(z, -500, 500))],
    "digits were lost by subtracting two numbers close to 1":
        [one_minus, lambda z: 0.5 * (1 + np.tanh(np.asarray(z) / 2))],
    "changed its argument `z` in place": [in_place],
    "returned text": [lambda z: "0.5"],
    "returned complex numbers": [lambda z: sigmoid(z) + 0j],
    "returned True/False values": [lambda z: np.asarray(z) > 0],
    "returned an array of shape (1,) where one number is asked for":
        [lambda z: np.atleast_1d(sigmoid(z))],
}

NEVER_PASS = [
    np.tanh,
    lambda z: sigmoid(z).astype(np.float32),               # too few digits
    lambda z: np.round(sigmoid(z), 6),
    lambda z: sigmoid(2 * z),
    lambda z: sigmoid(z)[::-1] if np.ndim(z) else sigmoid(z),
    lambda z: np.clip(sigmoid(z), 1e-300, 1.0),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_sigmoid_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_the_two_d_case_is_checked_after_numbers_and_one_d_arrays():
    """A loop that handles numbers and 1-D arrays passes every other case, so only the 2-D
    case can catch it; np.vectorize over the same scalar function works for any shape."""
    assert sigmoid(exercises.TABLE).shape == (2, 3)
    assert loop_of_numbers(exercises.EXTREME).shape == exercises.EXTREME.shape
    np.testing.assert_allclose(loop_of_numbers(exercises.EXTREME), sigmoid(exercises.EXTREME),
                               rtol=1e-12)
    with pytest.raises(TypeError):
        loop_of_numbers(exercises.TABLE)
    assert EXERCISE.diagnose(np.vectorize(scalar_math_stable)).status == engine.PASSED


def test_the_first_hint_nudges_and_the_second_gives_the_recipe():
    first, second = EXERCISE.hints
    assert "e^(−|z|)" not in first and "np.exp" not in first
    assert "np.exp(-np.abs(z))" in second


def test_silencing_the_warnings_on_a_correct_np_where_is_accepted():
    """Both branches of np.where are exact where they are chosen: quiet and right is right."""
    def quiet_where(z):
        with np.errstate(over="ignore", invalid="ignore"):
            return where_both_naive(np.asarray(z, dtype=float))

    assert EXERCISE.diagnose(quiet_where).status == engine.PASSED
