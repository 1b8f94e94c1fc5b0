"""Notebook 02, cross-entropy: ``compute_cost(X, y, w, b)``, the mean cross-entropy J."""

import numpy as np

from helpers import logistic
from helpers.checks.engine import (Exercise, array, call, matches, mistake, number, passed,
                                   returned, wrong)

NOTEBOOK = "02_cross_entropy"


def cost_case():
    """A small seeded problem: X (7, 2), y, w, b."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 2))
    y = np.array([0, 1, 1, 0, 1, 0, 1])
    return X, y, np.array([0.8, -1.3]), 0.4


def saturated_case():
    """Two confidently wrong predictions (z = 40 with y = 0, z = −40 with y = 1): each costs 40."""
    X = np.array([[40.0], [-40.0], [2.0], [-1.0]])
    return X, np.array([0, 1, 1, 0]), np.array([1.0]), 0.0


def known_costs(X, y, w, b):
    """What each known mistake returns on one problem, with its message."""
    m, n = X.shape
    J = logistic.cost(X, y, w, b)
    f = logistic.sigmoid(X @ w + b)
    log_f, log_1f = np.log(f), np.log(1 - f)
    broadcast = -(y.mean() * log_f.mean() + (1 - y.mean()) * log_1f.mean())
    return [
        (-J, "it returns −J: the minus sign is missing. The log of a probability is ≤ 0, so "
             "J = −mean(y·log f + (1 − y)·log(1 − f)) needs the minus to be a cost ≥ 0 that "
             "falls as the fit improves."),
        (m * J, f"it returns {m}·J: the sum of the losses instead of their mean. Divide by m "
                "(or use np.mean) so J does not grow with the number of examples."),
        (-m * J, "it returns −m·J: the minus sign is missing and it sums instead of taking the "
                 "mean. Use −np.mean(...)."),
        (m * J / n, f"it divides the sum of the losses by n = {n}, the number of features; "
                    f"the mean is over the m = {m} examples: X.shape[0]."),
        (J / np.log(2), "it returns J / ln 2: log base 2 (np.log2). The course uses the "
                        "natural log np.log; base 2 only rescales J by 1/ln 2 ≈ 1.44, but "
                        "then your numbers will not match."),
        (J / np.log(10), "it returns J / ln 10: log base 10 (np.log10). Use the natural log "
                         "np.log."),
        (m * J / np.log(2), "it sums the losses and uses log base 2. Use the mean and np.log."),
        (-np.mean((1 - y) * log_f + y * log_1f),
         "the two branches are swapped: an example with y = 1 must pay −log f (small when f "
         "is near 1), one with y = 0 pays −log(1 − f)."),
        (-np.mean(y * log_f), "only the y = 1 branch is there: add (1 − y)·log(1 − f), the "
                              "loss of the examples with y = 0."),
        (-np.mean((1 - y) * log_1f), "only the y = 0 branch is there: add y·log f, the loss "
                                     "of the examples with y = 1."),
        (np.mean((f - y) ** 2), "that is the squared error mean((f − y)²). The cost here is "
                                "the cross-entropy, −mean(y·log f + (1 − y)·log(1 − f))."),
        (logistic.cost(X, y, w, 0.0), "b is missing: the scores are z = X·w + b."),
        (broadcast, "the (m, 1)-versus-(m,) broadcasting slip: f (or y) is a column of shape "
                    "(m, 1) and the other is flat (m,), so y·log f became an (m, m) table "
                    "whose mean is not J. Keep z, f and y all of shape (m,)."),
        (m * broadcast, "the (m, 1)-versus-(m,) broadcasting slip, then a sum / m: y·log f "
                        "became an (m, m) table. Keep z, f and y all of shape (m,)."),
    ]


def diagnose_cost(function):
    """Check a learner's compute_cost(X, y, w, b) against the mean cross-entropy."""
    X, y, w, b = cost_case()
    m = X.shape[0]
    where = f"compute_cost(X, y, w, b) with X of shape {X.shape}"
    result = call(function, X, y, w, b)
    value = returned(result, where)
    if isinstance(value, np.ndarray) and value.shape == (m, m):
        return mistake(f"it returned an ({m}, {m}) array: an (m, 1) column met the (m,) labels "
                       "and numpy broadcast them into a square. Keep z, f and y all of shape "
                       "(m,) (use X @ w with w of shape (n,)).")
    if isinstance(value, np.ndarray) and value.size == m and value.ndim >= 1:
        array(value, where)
        return mistake(f"it returned {m} numbers, one loss per example. J is their mean: "
                       "wrap the losses in np.mean(...).")
    got = number(value, where)
    J = logistic.cost(X, y, w, b)
    if not matches(got, J, rtol=1e-9, atol=1e-12):
        for candidate, message in known_costs(X, y, w, b):
            if matches(got, candidate, rtol=1e-9, atol=1e-12):
                return mistake(message)
        if np.isnan(got) and any("invalid value" in text and "log" in text
                                 for text in result.warnings):
            return mistake("it returned nan after a log of a negative number: the log needs "
                           "the probability f = σ(z), between 0 and 1, not the score z itself.")
        return wrong(f"on a {X.shape} problem it returned {got!r}; expected J = {J!r}.")
    return diagnose_saturated(function, J)


def diagnose_saturated(function, ordinary_J):
    """Confidently wrong predictions: J must stay finite and exact (no clipping of f)."""
    X, y, w, b = saturated_case()
    where = "compute_cost(X, y, w, b) with scores z = ±40"
    got = number(returned(call(function, X, y, w, b), where), where)
    J = logistic.cost(X, y, w, b)
    if matches(got, J, rtol=1e-9, atol=1e-12):
        return passed(f"J = {ordinary_J:.6f} on the test case, and it stays exact when a "
                      "prediction saturates.")
    if not np.isfinite(got):
        return mistake(f"right for ordinary predictions, but with a confidently wrong one "
                       f"(z = 40 with y = 0) it returned {got!r} where J = {J:.4f}: σ(40) "
                       "rounds to exactly 1, so log(1 − f) = log 0 = −∞. Compute each loss "
                       "from z: −log σ(z) = np.logaddexp(0, -z) and −log(1 − σ(z)) = "
                       "np.logaddexp(0, z).")
    return mistake(f"right for ordinary predictions, but with confidently wrong ones "
                   f"(z = ±40, each costing 40) it returned {got:.4f} where J = {J:.4f}. "
                   "Keeping f away from 0 and 1 (np.clip, or + ε inside the log) changes the "
                   "loss; compute each loss from z with np.logaddexp instead.")


def solution_cost(X, y, w, b):
    """Return the mean binary cross-entropy J(w, b)."""
    z = X @ w + b
    # −log σ(z) = log(1 + e^(−z)) and −log(1 − σ(z)) = log(1 + e^z): finite for every z.
    # −np.mean(y * np.log(f) + (1 - y) * np.log(1 - f)) is the same while 0 < f < 1.
    losses = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    return np.mean(losses)


cost = Exercise(
    NOTEBOOK, "compute_cost", diagnose_cost,
    hints=[
        "J = −(1/m) Σ [y log f + (1 − y) log(1 − f)] with f = σ(X·w + b): one score per "
        "example, `z = X @ w + b` of shape (m,), one loss per example, then their mean. "
        "When f rounds to exactly 1 (σ(40) does), log(1 − f) is −∞, so compute each loss "
        "from z instead of from f.",
        "−log σ(z) = log(1 + e^(−z)) is `np.logaddexp(0, -z)` and −log(1 − σ(z)) = "
        "log(1 + e^z) is `np.logaddexp(0, z)`; both stay finite for every z. An example's "
        "loss is y times the first plus (1 − y) times the second, and J is the mean of the "
        "m losses (np.mean), a single number.",
    ],
    solution=solution_cost,
)
