"""Notebook 14, Newton's method: ``hessian_w(X, w, b)``, the Hessian of J for the weights.

``newton.hessian`` computes the whole Hessian, bias included; its weights' block would do
the exercise, so the check watches for a call of it (``watched``).
"""

import numpy as np

from helpers import logistic, newton
from helpers.checks.engine import (Exercise, array, call, matches, mistake, passed, returned,
                                   watched, wrong)

NOTEBOOK = "14_newton"


def hessian_case():
    """A seeded problem with more examples than weights: X (12, 3), w, b."""
    rng = np.random.default_rng(14)
    X = rng.normal(size=(12, 3))
    return X, np.array([0.5, -1.0, 0.25]), 0.3


def reference_hessian(X, w, b):
    """The w-block of helpers.newton.hessian: (1/m) Xᵀ diag(f(1 − f)) X."""
    n = X.shape[1]
    return newton.hessian(X, w, b)[:n, :n]


def known_hessians(X, w, b):
    """What each known mistake returns, with its message."""
    m, n = X.shape
    H = reference_hessian(X, w, b)
    f = logistic.sigmoid(X @ w + b)
    return [
        ("the sign is flipped. The cost is convex, so its Hessian has positive entries on the "
         "diagonal: s = f(1 − f) ≥ 0, no minus sign.", -H),
        ("the result is m times too large: divide by m, the number of examples, as the cost "
         "is a mean.", m * H),
        (f"it divides by n = {n}, the number of weights; the mean is over the m = {m} "
         "examples: X.shape[0].", m * H / n),
        ("the weights are f, but the derivative of σ is σ(1 − σ): weigh each example by "
         "s = f(1 − f).",
         (X.T * f) @ X / m),
        ("each example must be weighted by s_i = f_i(1 − f_i). Without it you get Xᵀ X / m, "
         "the Hessian of the squared error of a linear model, not of the logistic cost.",
         X.T @ X / m),
    ]


HELPER_CALLED = ("it calls `newton.hessian`, which computes the whole Hessian itself: the "
                 "helper did the exercise. Build the matrix from its parts instead: "
                 "f = σ(X·w + b) from `logistic.sigmoid`, each example's weight "
                 "s_i = f_i(1 − f_i), then (1/m) Xᵀ diag(s) X.")


def diagnose_hessian(function):
    """Check hessian_w(X, w, b) = (1/m) Xᵀ diag(f(1 − f)) X, the (n, n) Hessian for w."""
    X, w, b = hessian_case()
    m, n = X.shape
    where = f"hessian_w(X, w, b) with X of shape {X.shape}"
    calls = []
    result = call(watched(function, [newton.hessian], calls), X, w, b)
    if isinstance(result.error, ValueError) and any(
            word in str(result.error) for word in ("mismatch", "not aligned", "broadcast")):
        return mistake("the matrix shapes do not line up. Read the product from the shapes: "
                       "Xᵀ is (n, m), diag(s) is (m, m) and X is (m, n), so only the order "
                       "Xᵀ · diag(s) · X multiplies, and it gives (n, n).")
    value = returned(result, where)
    if calls:
        return mistake(HELPER_CALLED)
    if isinstance(value, np.ndarray) and value.shape == (m, m):
        return mistake(f"the result has shape ({m}, {m}), one entry per pair of examples. Put "
                       "Xᵀ on the left: Xᵀ diag(s) X is (n, n), one entry per pair of weights.")
    got = array(value, where, shape=(n, n))
    expected = reference_hessian(X, w, b)
    if matches(got, expected):
        return passed("Symmetric, positive definite, and equal to (1/m) Xᵀ diag(f(1 − f)) X.")
    for message, candidate in known_hessians(X, w, b):
        if matches(got, candidate):
            return mistake(message)
    return wrong(f"the first row should be {np.round(expected[0], 4).tolist()}; got "
                 f"{np.round(got[0], 4).tolist()}.")


def solution_hessian_w(X, w, b):
    """Return (1/m) Xᵀ diag(f(1 − f)) X, the Hessian of J with respect to w."""
    f = logistic.sigmoid(X @ w + b)
    s = f * (1 - f)                      # how uncertain each prediction is
    return (X.T * s) @ X / X.shape[0]    # Xᵀ diag(s) X / m


hessian_w = Exercise(
    NOTEBOOK, "hessian_w", diagnose_hessian,
    hints=[
        "Each example contributes s_i · x_i x_iᵀ, with s_i = f_i(1 − f_i) and f = σ(X·w + b); "
        "the Hessian is the mean of these (n, n) matrices over the m examples.",
        "Compute f with `logistic.sigmoid` and the weights s = f(1 − f), one per example. "
        "The sum of s_i · x_i x_iᵀ is one matrix product: Xᵀ, with each of its m columns "
        "multiplied by its s_i, times X. numpy's broadcasting multiplies the columns of an "
        "(n, m) array by an array of m numbers in one step, so the m × m diagonal need not "
        "be built. Then divide by m.",
    ],
    solution=solution_hessian_w,
)
