"""Notebook 10, regularisation: ``regularised_gradient(X, y, w, b, lambda_)``."""

import numpy as np

from helpers import logistic
from helpers.checks.engine import Exercise, call, matches, mistake, passed, returned, wrong
from helpers.checks.nb03_gradient import gradient_pair
from helpers.logistic import gradient

NOTEBOOK = "10_regularisation"


def regularised_gradient_cases():
    """Small random problems (X, y, w, b, λ), with λ > 0 and b ≠ 0; the last has n = 1."""
    rng = np.random.default_rng(100)
    cases = []
    for m, n, lam in ((6, 2, 1.0), (9, 3, 0.3), (5, 1, 4.0)):
        X = rng.normal(size=(m, n))
        y = (rng.uniform(size=m) < 0.5).astype(float)
        y[:2] = (0, 1)
        cases.append((X, y, rng.normal(size=n), float(rng.normal()), lam))
    return cases


# What a known mistake adds to the plain gradient: (message, added to dj_dw, added to dj_db).
KNOWN_PENALTIES = [
    ("you penalised b as well. The penalty (λ/2m)Σw² has no b in it, so ∂J/∂b is the same "
     "as without regularisation.",
     lambda lam, m, w, b: lam / m * w, lambda lam, m, w, b: lam / m * b),
    ("dj_dw has no penalty term: add (λ/m)·w, the derivative of (λ/2m)Σw².",
     lambda lam, m, w, b: 0 * w, lambda lam, m, w, b: 0.0),
    ("the penalty term is half what it should be. The derivative of (λ/2m)·w_j² is "
     "(λ/m)·w_j: the 2 cancels.",
     lambda lam, m, w, b: lam / (2 * m) * w, lambda lam, m, w, b: 0.0),
    ("the penalty term is missing its 1/m: it is (λ/m)·w.",
     lambda lam, m, w, b: lam * w, lambda lam, m, w, b: 0.0),
    ("the penalty term has the wrong sign. The penalty raises the cost as w grows, so its "
     "gradient (λ/m)·w is added.",
     lambda lam, m, w, b: -lam / m * w, lambda lam, m, w, b: 0.0),
    ("you added (λ/m)·w², the penalty's own shape. Its derivative is what the gradient "
     "needs: d/dw_j of (λ/2m)·w_j² is (λ/m)·w_j.",
     lambda lam, m, w, b: lam / m * w ** 2, lambda lam, m, w, b: 0.0),
    ("you added (λ/m)·Σw, one number for every weight. Each weight has its own penalty "
     "term: (λ/m)·w_j, i.e. (λ/m) * w.",
     lambda lam, m, w, b: lam / m * np.sum(w) + 0 * w, lambda lam, m, w, b: 0.0),
]


def diagnose_regularised_gradient(function):
    """Check ``regularised_gradient(X, y, w, b, lambda_) -> (dj_dw, dj_db)`` against
    ``logistic.gradient(..., lambda_)`` and the usual slips with the penalty term."""
    cases = regularised_gradient_cases()
    answers = []
    for X, y, w, b, lam in cases:
        where = f"regularised_gradient(X, y, w, b, lambda_={lam}) with X of shape {X.shape}"
        answers.append(gradient_pair(returned(call(function, X, y, w, b, lam), where), where,
                                     logistic.gradient(X, y, w, b, lam)[0]))

    def fits(extra_w, extra_b):
        """True when every answer is the plain gradient plus these additions."""
        for (got_w, got_b), (X, y, w, b, lam) in zip(answers, cases):
            plain_w, plain_b = logistic.gradient(X, y, w, b)
            m = X.shape[0]
            if not (matches(got_w, plain_w + extra_w(lam, m, w, b))
                    and matches(got_b, plain_b + extra_b(lam, m, w, b))):
                return False
        return True

    if fits(lambda lam, m, w, b: lam / m * w, lambda lam, m, w, b: 0.0):
        return passed(f"It matches logistic.gradient(..., lambda_) on {len(cases)} problems.")
    for message, extra_w, extra_b in KNOWN_PENALTIES:
        if fits(extra_w, extra_b):
            return mistake(message)
    for (got_w, got_b), (X, y, w, b, lam) in zip(answers, cases):
        dj_dw, dj_db = logistic.gradient(X, y, w, b, lam)
        if not (matches(got_w, dj_dw) and matches(got_b, dj_db)):
            return wrong(f"with λ = {lam} on a {X.shape} problem, dj_dw should be "
                         f"{np.round(dj_dw, 4).tolist()} and dj_db {dj_db:.4f}; got "
                         f"{np.round(got_w, 4).tolist()} and {got_b:.4f}.")
    raise AssertionError("no case failed, yet the answers were not all right")


def solution_regularised_gradient(X, y, w, b, lambda_):
    """Return (dJ_λ/dw, dJ_λ/db): the plain gradient plus the penalty's (λ/m)·w."""
    dj_dw, dj_db = gradient(X, y, w, b)
    m = X.shape[0]
    return dj_dw + (lambda_ / m) * w, dj_db


regularised_gradient = Exercise(
    NOTEBOOK, "regularised_gradient", diagnose_regularised_gradient,
    hints=[
        "J_λ is the plain cost plus (λ/2m)Σw². The gradient of a sum is the sum of the "
        "gradients: take the plain one from `gradient(X, y, w, b)` and add the penalty's. "
        "Does the penalty depend on b?",
        "∂/∂w_j of (λ/2m)·w_j² is (λ/m)·w_j, so add `(lambda_ / m) * w` to dj_dw, with "
        "m = X.shape[0], and leave dj_db as it is.",
    ],
    solution=solution_regularised_gradient,
)
