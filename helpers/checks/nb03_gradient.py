"""Notebook 03, the gradient: ``compute_gradient(X, y, w, b) -> (dj_dw, dj_db)``.

``gradient_pair`` reads a learner's (dj_dw, dj_db); notebook 10's checker uses it too.
"""

import numpy as np

from helpers import gradcheck, logistic, sigmoid
from helpers.checks.engine import (Exercise, Finished, array, call, crash_description, matches,
                                   mistake, number, pair, passed, returned, wrong)
from helpers.checks.nb02_cross_entropy import cost_case

NOTEBOOK = "03_gradient"

TRANSPOSED = ("the product is transposed: X @ (f − y) instead of X.T @ (f − y). X is (m, n) "
              "and f − y is (m,), so only Xᵀ(f − y) gives one number per weight, "
              "∂J/∂w_j = (1/m) Σ_i (f_i − y_i) x_ij.")


def gradient_pair(value, where, expected_dw):
    """(dj_dw, dj_db) as (float array shaped like expected_dw, float); else end the check.

    Names the two slips of shape: the pair in the wrong order, and dj_dw as a column.
    """
    dw, db = pair(value, where)
    one_number = isinstance(dw, float | int | np.generic) or (isinstance(dw, np.ndarray)
                                                             and dw.ndim == 0)
    if one_number and isinstance(db, np.ndarray) and db.ndim >= 1:
        raise Finished(mistake("the pair is in the wrong order: it returned (dj_db, dj_dw). "
                               "Return the weights' gradient first: `return dj_dw, dj_db`."))
    n = expected_dw.size
    if isinstance(dw, np.ndarray) and dw.shape in {(n, 1), (1, n)}:
        raise Finished(mistake(f"dj_dw has shape {dw.shape}; return a flat array of shape "
                               f"({n},), like w (e.g. dj_dw.ravel(), or keep f − y flat)."))
    return array(dw, where, shape=expected_dw.shape, part="dj_dw"), number(db, where,
                                                                          part="dj_db")


def gradient_cases():
    """(non-square, square) seeded problems: X (7, 2) and X (3, 3), with y, w, b."""
    rng = np.random.default_rng(5)
    square = (rng.normal(size=(3, 3)), np.array([0, 1, 1]), np.array([0.5, -0.7, 0.9]), -0.2)
    return cost_case(), square


def is_shape_error(error):
    """True for numpy's complaint that a matrix product's shapes do not line up."""
    text = str(error)
    return isinstance(error, ValueError) and ("mismatch in its core dimension" in text
                                              or "not aligned" in text)


def describe_part(factor, part, m):
    """What is wrong with one part of the gradient that is `factor` times the right one."""
    return {-1: f"{part} has the sign flipped: (y − f) instead of f − y",
            m: f"the 1/m is missing from {part} (a sum instead of a mean)",
            -m: f"{part} has the sign flipped and the 1/m is missing"}[factor]


def diagnose_factors(dw, db, dw_ref, db_ref, m):
    """A gradient whose parts are ±1 or ±m times the right ones: name the slip, or None."""
    factors = (1, -1, m, -m)
    fw = next((k for k in factors if matches(dw, k * dw_ref)), None)
    fb = next((k for k in factors if matches(db, k * db_ref)), None)
    if fw is None or fb is None or fw == fb == 1:
        return None
    if fw == fb:
        both = {-1: "the sign is flipped in both parts: that is −∂J, computed with (y − f). "
                    "The error is f − y (prediction minus label); gradient descent then "
                    "subtracts the gradient.",
                m: f"the numbers are {m} times too large: the 1/m is missing. The cost is a "
                   "mean, so its gradient is one too: divide the sums by m.",
                -m: "the sign is flipped (y − f instead of f − y) and the 1/m is missing."}
        return both[fw]
    wrong_parts = [describe_part(k, part, m) for k, part in ((fw, "dj_dw"), (fb, "dj_db"))
                   if k != 1]
    return "; ".join(wrong_parts) + ". ∂J/∂w = (1/m) Xᵀ(f − y) and ∂J/∂b = mean(f − y)."


def diagnose_gradient(function):
    """Check a learner's compute_gradient(X, y, w, b) -> (dj_dw, dj_db)."""
    (X, y, w, b), (Xs, ys, ws, bs) = gradient_cases()
    m, n = X.shape
    where = f"compute_gradient(X, y, w, b) with X of shape {X.shape}"
    square_where = f"compute_gradient(X, y, w, b) with a square X of shape {Xs.shape}"
    result = call(function, X, y, w, b)
    square = call(function, Xs, ys, ws, bs)
    if transposed_on_square(square, Xs, ys, ws, bs):
        return mistake(TRANSPOSED)
    if is_shape_error(result.error):
        return mistake(f"{TRANSPOSED} (With X of shape {X.shape} numpy refused: "
                       f"{crash_description(result.error)}.)")
    value = returned(result, where)
    dw_ref, db_ref = logistic.gradient(X, y, w, b)
    first = value[0] if isinstance(value, tuple | list) and len(value) == 2 else None
    if isinstance(first, np.ndarray) and first.shape == (m,):
        return mistake(f"dj_dw has shape ({m},), one number per example; it needs one per "
                       f"weight, shape ({n},). Sum over the examples: Xᵀ(f − y) / m, or "
                       "np.mean(..., axis=0).")
    dw, db = gradient_pair(value, where, dw_ref)
    return (diagnose_values(dw, db, X, y, w, b)
            or diagnose_square(square, square_where, Xs, ys, ws, bs)
            or diagnose_slope(dw, db, X, y, w, b))


def transposed_on_square(square, Xs, ys, ws, bs):
    """True when, on a square X, dj_dw is X @ (f − y) / m: numbers instead of an error."""
    try:
        dw = array(pair(returned(square, ""), "")[0], "", shape=ws.shape)
    except Finished:
        return False
    return matches(dw, Xs @ (sigmoid(Xs @ ws + bs) - ys) / Xs.shape[0])


def diagnose_values(dw, db, X, y, w, b):
    """The verdict when (dw, db) is not the gradient on (X, y, w, b); None when it is."""
    m, n = X.shape
    dw_ref, db_ref = logistic.gradient(X, y, w, b)
    if matches(dw, dw_ref) and matches(db, db_ref):
        return None
    slip = diagnose_factors(dw, db, dw_ref, db_ref, m)
    if slip:
        return mistake(slip)
    z = X @ w + b
    if matches(dw, X.T @ (z - y) / m) and matches(db, np.mean(z - y)):
        return mistake("it uses the score z = X·w + b where the prediction f = σ(z) belongs: "
                       "the error is f − y, with f = sigmoid(X @ w + b).")
    no_b_w, no_b_b = logistic.gradient(X, y, w, 0.0)
    if matches(dw, no_b_w) and matches(db, no_b_b):
        return mistake("b is missing from the scores: f = σ(X·w + b).")
    if matches(dw, dw_ref * m / n) and matches(db, db_ref * m / n):
        return mistake(f"it divides by n = {n}, the number of features; the mean is over "
                       f"the m = {m} examples: X.shape[0].")
    if not matches(dw, dw_ref):
        return wrong(f"dj_dw = {np.round(dw, 6).tolist()}, expected "
                     f"{np.round(dw_ref, 6).tolist()}.")
    return wrong(f"dj_dw is right but dj_db = {db!r}, expected {float(db_ref)!r}; ∂J/∂b is "
                 "the mean of f − y.")


def diagnose_square(square, where, Xs, ys, ws, bs):
    """The verdict on the square case; None when it is right."""
    dw_ref, db_ref = logistic.gradient(Xs, ys, ws, bs)
    dw, db = gradient_pair(returned(square, where), where, dw_ref)
    if matches(dw, dw_ref) and matches(db, db_ref):
        return None
    return wrong(f"it is right for X of shape (7, 2) but not for a square X of shape "
                 f"{Xs.shape}: dj_dw = {np.round(dw, 6).tolist()}, expected "
                 f"{np.round(dw_ref, 6).tolist()}.")


def diagnose_slope(dw, db, X, y, w, b):
    """Finally compare with the slope of the cost itself, found by nudging each parameter."""
    numeric_w = gradcheck.partials(lambda v: logistic.cost(X, y, v, b), w)
    numeric_b = float(gradcheck.partials(lambda v: logistic.cost(X, y, w, v[0]), [b])[0])
    gap = max(np.max(np.abs(dw - numeric_w)), abs(db - numeric_b))
    if gap > 1e-6:
        return wrong(f"it differs from a finite-difference estimate of the cost's slope by "
                     f"{gap:.2g}.")
    return passed("It also agrees with a finite-difference check of the cost to 1e-6.")


def solution_gradient(X, y, w, b):
    """Return (∂J/∂w, ∂J/∂b) for logistic regression with the cross-entropy cost."""
    m = X.shape[0]
    error = sigmoid(X @ w + b) - y   # f − y, shape (m,)
    dj_dw = X.T @ error / m          # shape (n,)
    dj_db = np.mean(error)
    return dj_dw, dj_db


gradient = Exercise(
    NOTEBOOK, "compute_gradient", diagnose_gradient,
    hints=[
        "Compute the error of every example at once, `error = sigmoid(X @ w + b) - y` "
        "(shape (m,)). ∂J/∂b is its mean. ∂J/∂w_j is the mean of error_i · x_ij over the "
        "examples: a matrix product with X does all j at once.",
        "X is (m, n) and error is (m,), so `X.T @ error` is (n,), one sum per weight; divide "
        "it by m. Return the pair in this order: `return dj_dw, dj_db`.",
    ],
    solution=solution_gradient,
)
