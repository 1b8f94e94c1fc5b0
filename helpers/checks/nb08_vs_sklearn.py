"""Notebook 08, checking against scikit-learn: ``sklearn_fit(X, y)``, scikit-learn's (w, b)
for our unpenalised cost, all the way to its minimum."""

import numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits   # installed with scikit-learn, which needs it

from helpers import data, newton
from helpers.checks.engine import (Exercise, Finished, array, call, mistake, number, pair,
                                   passed, returned, wrong)

NOTEBOOK = "08_vs_sklearn"

# Noise labels, like the notebook's data but other sizes and seeds: an answer that fits the
# notebook's X and y instead of its arguments cannot pass.
FIT_CASES = ((300, 3, 1), (500, 4, 2))
# How close to the minimum of J counts as "the same fit": lbfgs with tol=1e-6 is within
# about 1e-5; its default tol=1e-4 stops 3e-4 to 6e-4 away on these data.
CLOSE = 5e-5
# ‖w‖ below this share of the unpenalised ‖w‖: the default penalty (C = 1) is on.
SHRUNK = 0.97


def fit_cases():
    """{(m, n, seed): (X, y, w, b)}: each data set with the minimum of J (Newton's method)."""
    cases = {}
    for m, n, seed in FIT_CASES:
        X, y = data.many_points(m=m, n=n, seed=seed)
        w, b, _ = newton.newton_method(X, y, np.zeros(n), 0.0)
        cases[(m, n, seed)] = (X, y, w, b)
    return cases


def diagnose_sklearn_fit(function):
    """Check sklearn_fit(X, y) -> (w, b) at the minimum of our unpenalised cost."""
    for (m, n, seed), (X, y, w_min, b_min) in fit_cases().items():
        where = f"sklearn_fit(X, y) for {m} examples of {n} features"
        w, b = shaped_pair(returned(fit_on_one_thread(function, X, y), where), where, n)
        gap = max(float(np.max(np.abs(w - w_min))), abs(b - b_min))
        if gap <= CLOSE:
            continue
        if b == 0 and b_min != 0:
            return mistake(f"{where} gave b = 0: fit_intercept=False fits no b, so the line "
                           "must pass through the origin. Leave fit_intercept at its default "
                           "(True) and read b from intercept_[0].")
        if np.linalg.norm(w) < SHRUNK * np.linalg.norm(w_min):
            return mistake(f"{where} gave weights shrunk towards 0 (‖w‖ = "
                           f"{np.linalg.norm(w):.4f}, at the minimum of J "
                           f"{np.linalg.norm(w_min):.4f}): scikit-learn's penalty is still "
                           "on. It adds one unless C is huge (the answers used 10**12).")
        if gap < 0.01:
            return mistake(f"{where} is close to the minimum of J but not at it (largest "
                           f"difference {gap:.1e}). Two settings keep scikit-learn short of "
                           "it: a penalty (any C that is not huge) and its stopping rule "
                           "(lbfgs stops once every entry of its gradient is below tol, 1e-4 "
                           "by default). Make C huge and tol many orders of magnitude "
                           "smaller than its default.")
        return wrong(f"{where}: largest difference from the minimum of J is {gap:.3g} (b = "
                     f"{b:.4f} against {b_min:.4f}). Fit LogisticRegression on the X and y "
                     "given, with a huge C and a tight tol, and return its (w, b).")
    return passed(f"scikit-learn reaches the minimum of our cost J, to within {CLOSE:g}.")


def fit_on_one_thread(function, X, y):
    """call(function, X, y) with scikit-learn's thread pools held to one thread.

    A fit this small takes a few milliseconds on one thread; several threads competing for
    busy cores can take fifty times longer.
    """
    with threadpool_limits(limits=1):
        return call(function, X, y)


def shaped_pair(value, where, n):
    """(w, b) from the learner's result: w a flat array of n numbers, b one number."""
    first, second = pair(value, where)
    if numeric_array(second) and second.size == n > 1 and (
            isinstance(first, int | float | np.integer | np.floating)
            or (numeric_array(first) and first.size == 1)):
        raise Finished(mistake(f"{where} returned (b, w); the course's order is (w, b): "
                               "the weights from coef_ first, then the bias from "
                               "intercept_."))
    if numeric_array(first) and first.ndim == 1 and first.size != n:
        raise Finished(mistake(f"{where} returned {first.size} weights, but the X it was "
                               f"given has {n} columns: fit the X and y passed to the "
                               "function, not the notebook's."))
    return array(first, where, shape=(n,), part="w"), number(second, where, part="b")


def numeric_array(value):
    """True for a plain numpy array of ints or floats."""
    return type(value) is np.ndarray and value.dtype.kind in "iuf"


def solution_sklearn_fit(X, y):
    """Return (w, b) of scikit-learn's fit of our cost J: no penalty, run to the minimum."""
    model = LogisticRegression(C=10**12, tol=1e-10, max_iter=1000).fit(X, y)
    return model.coef_[0], model.intercept_[0]


sklearn_fit = Exercise(
    NOTEBOOK, "sklearn_fit", diagnose_sklearn_fit,
    hints=[
        "Two settings decide whether scikit-learn solves exactly our problem: the penalty "
        "it adds unless `C` is huge, and its stopping rule `tol`. Section 2 says what each "
        "does. Then hand back w as a flat array and b as one number: `coef_` has shape "
        "(1, n) and `intercept_` shape (1,).",
        "Keep section 2's huge `C`, so the penalty no longer matters. lbfgs stops once every "
        "entry of its gradient is below `tol`; at the default 1e-4 it stops short of the "
        "minimum (3e-3 short on this notebook's data), so make `tol` several orders of magnitude smaller (and give it enough "
        "`max_iter`). How close must it get? The checker accepts 5e-5 from the minimum.",
    ],
    solution=solution_sklearn_fit,
)
