"""Notebook 01, the sigmoid: ``my_sigmoid(z)``, right and quiet for |z| up to 1000."""

import numpy as np

from helpers import logistic
from helpers.checks.engine import (Exercise, Finished, array, call, crash_description,
                                   first_difference, matches, mistake, number, passed, returned,
                                   wrong)

NOTEBOOK = "01_sigmoid"

# Ordinary scores; then integers; then plain Python numbers; then |z| up to 1000, where
# σ(−720) ≈ 1.9e−313 is still a (tiny) number but e^720 overflows to inf.
ORDINARY = np.array([-6.0, -2.0, -0.5, 0.0, 0.5, 1.0, 4.0])
INTEGERS = np.arange(-3, 4)
PLAIN_NUMBERS = (-3.0, 0, 2.5)
EXTREME = np.array([-1000.0, -720.0, -710.0, -30.0, 0.0, 30.0, 710.0, 720.0, 1000.0])
EXACT = {"rtol": 1e-9, "atol": 0.0}   # relative: σ(−720) must be right, not merely ≈ 0

SIGN = ("it returns σ(−z) = 1 − σ(z): σ(0) is 0.5 but σ(4) comes out near 0. Either the sign "
        "in the exponent is flipped (σ(z) = 1 / (1 + e^(−z)), with a minus) or the two cases "
        "are swapped (for z ≥ 0 use 1 / (1 + e^(−z))).")
ARRAYS_ONLY = ("it works on arrays but not on a plain number: {crash}. A number has no "
               "shape, no indexing and no .copy(). Start with z = np.asarray(z, dtype=float), "
               "which makes a number a 0-d array and leaves an array as it is.")
NUMBERS_ONLY = ("it works on single numbers but not on a numpy array ({crash}). Use np.exp "
                "instead of math.exp, so σ applies to every element.")
MATH_OVERFLOW = ("math.exp(1000) raises OverflowError, so σ(−1000) crashes (e^(−z) is huge "
                 "for large negative z). Use np.exp, which also works on arrays, and the "
                 "stable form, which only ever computes e^(−|z|).")
INTEGER_RESULT = ("for the integers z = np.arange(-3, 4) it returned whole numbers ({got}): "
                  "the result took z's integer type, e.g. from np.zeros_like(z) or "
                  "np.empty_like(z), and every value was cut down to 0 or 1. Start with "
                  "z = np.asarray(z, dtype=float), or create the result with dtype=float.")
CLIPPED = ("it clips z (like np.clip(z, −500, 500)): σ(−720) and σ(−1000) come out equal to "
           "σ at the clipping point, {got:.3g}, instead of {want:.3g}. Clipping hides the "
           "overflow by changing the answer; compute with e^(−|z|), which cannot overflow.")
CANCELLED = ("for z = −30 it returned {got!r} where σ(−30) = {want!r}: digits were lost by "
             "subtracting two numbers close to 1, as in 1 − σ(30) or 0.5·(1 + tanh(z/2)). "
             "For z < 0 use e^z / (1 + e^z) = e^(−|z|) / (1 + e^(−|z|)), which has no "
             "subtraction.")
STABLE_FORM = ("Compute with e^(−|z|) only: 1/(1 + e^(−|z|)) for z ≥ 0 and "
               "e^(−|z|)/(1 + e^(−|z|)) for z < 0.")
RAISED_OVERFLOW = ("right for ordinary z, but for |z| up to 1000 it raised {crash}: e^1000 is "
                   "too large for a float. " + STABLE_FORM)
OVERFLOW_NEGATIVE = ("right for ordinary z, but for z = {z:g} it returned 0 where σ(z) ≈ "
                     "{want:.3g}: 1/(1 + e^(−z)) needs e^{zz:g}, which overflows to inf "
                     "(numpy warns 'overflow encountered in exp'). " + STABLE_FORM)
ZEROED = ("for z = {z:g} it returned 0 where σ(z) ≈ {want:.3g}, a tiny number a float can "
          "hold. Whether the 0 comes from e^{zz:g} overflowing to inf with numpy's warning "
          "switched off, or from setting small values to 0, the answer is wrong. "
          + STABLE_FORM)
OVERFLOW_POSITIVE = ("right for ordinary z, but for z = {z:g} it returned {got!r} instead of "
                     "1.0: e^z / (1 + e^z) needs e^{z:g}, which overflows, and inf/inf is nan. "
                     "Compute with e^(−|z|) only, which is at most 1 for every z.")
STILL_WARNS = ("the values are right, but numpy warns for |z| up to 1000 ('{warning}'). "
               "np.where(condition, a, b) computes both a and b for every z before it picks, "
               "so the branch meant for z ≥ 0 still runs at z = −1000. Compute e^(−|z|) once: "
               "it is at most 1 for every z, so neither branch can overflow.")


def show(z):
    """How a test input appears in messages."""
    return f"my_sigmoid(np.array({z.tolist()}))"


def diagnose_sigmoid(function):
    """Check a learner's sigmoid(z) on ordinary values, integers, plain numbers, |z| ≤ 1000."""
    first = call(function, ORDINARY)
    if isinstance(first.error, TypeError):
        diagnose_numbers_only(function, first.error)
    value = array(returned(first, show(ORDINARY)), show(ORDINARY), shape=ORDINARY.shape)
    if not matches(value, logistic.sigmoid(ORDINARY), **EXACT):
        if matches(value, logistic.sigmoid(-ORDINARY), **EXACT):
            return mistake(SIGN)
        return wrong(difference(value, logistic.sigmoid(ORDINARY), ORDINARY))
    diagnose_integers(function)
    diagnose_plain_numbers(function)
    return diagnose_extremes(function)


def diagnose_numbers_only(function, error):
    """A TypeError on an array: math.exp? End the check if the function works on numbers."""
    for z in ORDINARY:
        result = call(function, float(z))
        try:
            if not matches(number(returned(result, ""), ""), logistic.sigmoid(z), **EXACT):
                return
        except Finished:
            return
    if isinstance(call(function, -1000.0).error, OverflowError):
        raise Finished(mistake(MATH_OVERFLOW))
    raise Finished(mistake(NUMBERS_ONLY.format(crash=crash_description(error))))


def diagnose_integers(function):
    """An integer array must give the same σ as floats (no integer result array)."""
    where = "my_sigmoid(np.arange(-3, 4))"
    value = returned(call(function, INTEGERS), where)
    expected = logistic.sigmoid(INTEGERS)
    got = array(value, where, shape=INTEGERS.shape)
    if not matches(got, expected, **EXACT):
        if np.all(got == np.round(got)):
            raise Finished(mistake(INTEGER_RESULT.format(got=got.astype(int).tolist())))
        raise Finished(wrong(difference(got, expected, INTEGERS)))


def diagnose_plain_numbers(function):
    """σ of a Python float or int must be one number."""
    for z in PLAIN_NUMBERS:
        where = f"my_sigmoid({z!r})"
        result = call(function, z)
        if result.error is not None and not (result.returned_nothing
                                             or isinstance(result.error, SystemExit)):
            raise Finished(mistake(ARRAYS_ONLY.format(
                crash=f"{where} raised {crash_description(result.error)}")))
        got = number(returned(result, where), where)
        if not matches(got, logistic.sigmoid(z), **EXACT):
            raise Finished(wrong(f"{where} returned {got!r}; expected "
                                 f"{float(logistic.sigmoid(z))!r}."))


def diagnose_extremes(function):
    """|z| up to 1000: exact values (overflow shows in them) and no warning."""
    where = "my_sigmoid(z) for z from −1000 to 1000"
    result = call(function, EXTREME)
    if isinstance(result.error, OverflowError | FloatingPointError):
        return mistake(RAISED_OVERFLOW.format(crash=crash_description(result.error)))
    got = array(returned(result, where), where, shape=EXTREME.shape)
    want = logistic.sigmoid(EXTREME)
    warned = [message for message in result.warnings if "underflow" not in message]
    if matches(got, want, **EXACT):
        if warned:
            return mistake(STILL_WARNS.format(warning=warned[0]))
        return passed("It is right for numbers and arrays, and exact and quiet for |z| up "
                      "to 1000.")
    return diagnose_extreme_mistakes(got, want, warned)


def diagnose_extreme_mistakes(got, want, warned):
    """Name what went wrong for large |z|: clipping, cancellation, overflow on either side."""
    below = EXTREME <= -710
    if np.all(got[below] == got[below][0]) and got[below][0] > want[below].max():
        return mistake(CLIPPED.format(got=got[below][0], want=want[1]))
    minus_30 = int(np.flatnonzero(EXTREME == -30.0)[0])
    if not matches(got[minus_30], want[minus_30], **EXACT) and \
            abs(got[minus_30] - want[minus_30]) < 1e-14:
        return mistake(CANCELLED.format(got=float(got[minus_30]), want=float(want[minus_30])))
    zeroed = np.flatnonzero(below & (got == 0) & (want > 0))
    if zeroed.size:
        z = EXTREME[zeroed[-1]]
        message = OVERFLOW_NEGATIVE if any("overflow" in m for m in warned) else ZEROED
        return mistake(message.format(z=z, want=want[zeroed[-1]], zz=-z))
    above = np.flatnonzero((EXTREME >= 710) & ~np.isclose(got, want, **EXACT))
    if above.size:
        return mistake(OVERFLOW_POSITIVE.format(z=EXTREME[above[0]], got=float(got[above[0]])))
    return wrong(difference(got, want, EXTREME))


def difference(got, want, inputs):
    """'at z = … it returned …, expected …' for the first wrong entry."""
    i, value, expected = first_difference(got, want, **EXACT)
    return f"at z = {np.ravel(inputs)[i]:g} it returned {value!r}, expected {expected!r}."


def solution_sigmoid(z):
    """Return σ(z) = 1 / (1 + e^(−z)), elementwise, without overflow."""
    z = np.asarray(z, dtype=float)
    small = np.exp(-np.abs(z))  # e^(−|z|) is in (0, 1]: it cannot overflow
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


sigmoid = Exercise(
    NOTEBOOK, "my_sigmoid", diagnose_sigmoid,
    hints=[
        "1 / (1 + e^(−z)) overflows when −z is large: e^1000 is inf. But e^(−|z|) is never "
        "larger than 1, and σ can be written with it on both sides of 0: for z ≥ 0, "
        "σ(z) = 1 / (1 + e^(−z)); for z < 0, multiply top and bottom by e^z to get "
        "σ(z) = e^z / (1 + e^z).",
        "Begin with `z = np.asarray(z, dtype=float)`, so that a plain number and an integer "
        "array work too. Compute `small = np.exp(-np.abs(z))` once: it is e^(−|z|), between "
        "0 and 1 for every z. Then σ(z) is 1 / (1 + small) where z ≥ 0 and small / (1 + small) "
        "where z < 0; `np.where(condition, a, b)` picks between two arrays element by "
        "element. It computes both a and b for every z, which is safe here because neither "
        "contains a large exponential.",
    ],
    solution=solution_sigmoid,
)
