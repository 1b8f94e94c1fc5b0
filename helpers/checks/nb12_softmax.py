"""Notebook 12, more than two classes: ``stable_softmax(Z)``, row-wise and without overflow."""

import numpy as np

from helpers import softmax as sm
from helpers.checks.engine import (Exercise, Finished, array, call, matches, mistake, passed,
                                   returned, wrong)

NOTEBOOK = "12_softmax"

SMALL = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 0.5, 2.0], [3.0, -2.0, 0.0]])
INTEGERS = np.array([[1, 2, 3], [0, 0, 0], [2, -1, 4]])
HUGE = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0]])
SPREAD = np.array([[0.0, 1000.0, -1000.0], [500.0, -500.0, 0.0]])
# Both rows near −1000: one maximum for the whole array (−999) is fine here, a shift by the
# largest |z| (+1000 or more) is not.
NEGATIVE = np.array([[-1000.0, -999.0, -1001.0], [-1003.0, -1002.0, -1004.0]])

OVERFLOW = ("with scores around ±1000 the result is not finite (or numpy warns): e^1000 "
            "overflows to inf and inf/inf is NaN. Subtract each row's maximum before taking "
            "e^(·): it does not change the result, and every exponent becomes ≤ 0.")


def show(Z):
    """How a test input appears in messages."""
    return f"stable_softmax(np.array({Z.tolist()}))"


def row_difference(got, Z):
    """'for the row … expected …, got …' for the first row of Z that came out wrong."""
    want = sm.softmax(Z)
    i = next(i for i in range(len(Z)) if not matches(got[i], want[i]))
    return (f"for the row of scores {Z[i].tolist()} expected {np.round(want[i], 4).tolist()}, "
            f"got {np.round(got[i], 4).tolist()}.")


def known_softmaxes(Z):
    """What each known mistake returns for Z, with its message."""
    exps = np.exp(Z)
    return [
        ("each column sums to 1 instead of each row. The K scores of one example are a row "
         "of Z: use axis=1 (or axis=-1) for the max and the sum.",
         exps / exps.sum(axis=0, keepdims=True)),
        ("the whole array sums to 1. Each example needs its own normalisation: divide by the "
         "sum of its row, sum(axis=1, keepdims=True).", exps / exps.sum()),
        ("the rows do not sum to 1: after taking the exponentials, divide each row by its sum.",
         exps),
        ("the rows do not sum to 1: after taking the exponentials, divide each row by its sum.",
         np.exp(Z - Z.max(axis=1, keepdims=True))),
        ("the rows do not sum to 1: after taking the exponentials, divide each row by its sum.",
         np.exp(Z - Z.max())),
        ("the maximum is taken down each column (axis=0), so every row is shifted by a "
         "different amount in each column, which changes the result. Take each row's own "
         "maximum: Z.max(axis=1, keepdims=True).",
         np.exp(Z - Z.max(axis=0)) / np.exp(Z - Z.max(axis=0)).sum(axis=1, keepdims=True)),
        ("these are log-probabilities, log softmax(Z): take e^(·) of the shifted scores and "
         "divide by the row sums, not their logarithm.", sm.log_softmax(Z)),
    ]


def diagnose_softmax(function):
    """Check softmax(Z) for an (m, K) matrix: rows of probabilities, no overflow."""
    first = call(function, SMALL)
    if first.error is not None and "broadcast" in str(first.error):
        return mistake("the shapes did not line up (\"could not be broadcast\"). "
                       "Z.max(axis=1) and .sum(axis=1) return one number per row with shape "
                       "(m,); keep them as a column with keepdims=True so they line up with "
                       "the rows of Z.")
    got = array(returned(first, show(SMALL)), show(SMALL), shape=SMALL.shape)
    if not matches(got, sm.softmax(SMALL)):
        for message, candidate in known_softmaxes(SMALL):
            if matches(got, candidate):
                return mistake(message)
        return wrong(row_difference(got, SMALL))
    diagnose_integers(function)
    return diagnose_large_scores(function)


def diagnose_integers(function):
    """Integer scores must give the same probabilities as floats."""
    got = array(returned(call(function, INTEGERS), show(INTEGERS)), show(INTEGERS),
                shape=INTEGERS.shape)
    if not matches(got, sm.softmax(INTEGERS)):
        if np.all(got == np.round(got)):
            raise Finished(mistake(
                f"for integer scores, {show(INTEGERS)}, it returned whole numbers: the result "
                "took Z's integer type (e.g. from np.empty_like(Z)) and every probability was "
                "cut down to 0. Start with Z = np.asarray(Z, dtype=float)."))
        raise Finished(wrong(f"for integer scores, {show(INTEGERS)}, it returned "
                             f"{np.round(got, 4).tolist()}; expected "
                             f"{np.round(sm.softmax(INTEGERS), 4).tolist()}."))


def diagnose_large_scores(function):
    """Scores near ±1000, then rows whose scores spread over 2000: exact and quiet."""
    for Z in (HUGE, SPREAD):
        result = call(function, Z)
        got = array(returned(result, show(Z)), show(Z), shape=Z.shape)
        warned = [m for m in result.warnings if "underflow" not in m]
        if matches(got, sm.softmax(Z)) and not warned:
            continue
        if np.all(np.isfinite(got)) and not warned:
            return wrong(row_difference(got, Z))
        if Z is HUGE and np.all(np.isfinite(got[0])) and not np.all(np.isfinite(got[1])):
            return shifted_too_far(function)
        if Z is SPREAD:
            return mistake(f"it handles scores near ±1000, but for {show(SPREAD)} it "
                           "overflows: subtracting the row's minimum (or its mean) still "
                           "leaves exponents up to 2000. Subtract the row's maximum: then "
                           "every exponent is ≤ 0.")
        return mistake(OVERFLOW)
    return passed("Rows sum to 1, and scores of ±1000 cause no overflow.")


ROW_TOO_LOW = ("rows of scores near −1000 come out NaN: the number subtracted from such a "
               "row lies far above its largest score, so every e^(·) underflows to 0 and the "
               "row becomes 0/0. Subtract each row's own maximum, Z.max(axis=1, "
               "keepdims=True): then that row's largest exponent is exactly 0.")


def shifted_too_far(function):
    """Scores near −1000 in one row became NaN: which number was subtracted? Two rows
    both near −1000 tell one maximum for the whole array from the largest |z|."""
    where = show(NEGATIVE)
    got = array(returned(call(function, NEGATIVE), where), where, shape=NEGATIVE.shape)
    if matches(got, sm.softmax(NEGATIVE)):
        return mistake("with scores near −1000 the result is NaN: you subtracted one "
                       "maximum for the whole array, so e^(z − max) underflows to 0 in rows "
                       "far below it and 0/0 appears (it works only while every row is near "
                       "the top one). Subtract each row's own maximum: Z.max(axis=1, "
                       "keepdims=True).")
    if not np.any(np.isfinite(got)):
        return mistake("with scores near −1000 the result is NaN: the number you subtract "
                       "is never below 0, like the largest |z| (the size of a score rather "
                       "than the score). For a row near −1000 the shifted scores then stay "
                       "near −1000 or fall to −2000, every e^(·) underflows to 0 and the row "
                       "becomes 0/0. Subtract the row's largest score itself, sign "
                       "included: Z.max(axis=1, keepdims=True), without np.abs.")
    return mistake(ROW_TOO_LOW)


def solution_softmax(Z):
    """Return the row-wise softmax of the (m, K) matrix Z, without overflow."""
    Z = np.asarray(Z, dtype=float)
    exps = np.exp(Z - Z.max(axis=1, keepdims=True))   # every exponent ≤ 0
    return exps / exps.sum(axis=1, keepdims=True)     # each row sums to 1


softmax = Exercise(
    NOTEBOOK, "stable_softmax", diagnose_softmax,
    hints=[
        "Adding the same number to every score of a row does not change its softmax. Which "
        "number, subtracted from each row, makes every exponent ≤ 0 so that e^(·) cannot "
        "overflow?",
        "Subtract each row's largest score from that row (`Z.max(axis=1, keepdims=True)` "
        "gives them as a column), take e^(·) of the result, then divide each row by its own "
        "sum, kept as a column in the same way. Start from a float array, so that integer "
        "scores work too.",
    ],
    solution=solution_softmax,
)
