"""Notebook 10, regularisation: ``regularised_cost(X, y, w, b, lambda_)``, then
``regularised_gradient(X, y, w, b, lambda_)``.

Both exercises may use helpers' plain ``cost`` and ``gradient``; handing them ``lambda_``
would let the helper do the exercise, so the checks watch for that (``watched``).
"""

import numpy as np

from helpers import logistic
from helpers.checks.engine import (Exercise, array, call, matches, mistake, number, passed,
                                   returned, watched, wrong)
from helpers.checks.nb03_gradient import gradient_pair
from helpers.logistic import cost, gradient

NOTEBOOK = "10_regularisation"


def penalty_cases():
    """Small random problems (X, y, w, b, λ) for both exercises: λ > 0, b ≠ 0, m ≠ n, m ≠ 2;
    the last has n = 1."""
    rng = np.random.default_rng(100)
    cases = []
    for m, n, lam in ((6, 2, 1.0), (9, 3, 0.3), (5, 1, 4.0)):
        X = rng.normal(size=(m, n))
        y = (rng.uniform(size=m) < 0.5).astype(float)
        y[:2] = (0, 1)
        cases.append((X, y, rng.normal(size=n), float(rng.normal()), lam))
    return cases


def penalised_call(calls):
    """True when one of the recorded ``calls`` passed a penalty ``lambda_`` other than 0."""
    for _, arguments in calls:
        try:
            if np.any(np.asarray(arguments.get("lambda_", 0.0), dtype=float) != 0):
                return True
        except (TypeError, ValueError):   # not a number at all: the helper refused it
            continue
    return False


def single_precision(value):
    """True for a float32 (or float16) number or array: about 7 (or 3) significant digits."""
    return isinstance(value, (np.floating, np.ndarray)) and value.dtype in (np.float32,
                                                                           np.float16)


# ---------------------------------------------------------------------------
# The regularised cost
# ---------------------------------------------------------------------------

def penalty_variants(X, y, w, b, lam):
    """{name: what a version of the cost returns} on one problem: the right one first."""
    m, n = X.shape
    J = logistic.cost(X, y, w, b)
    squares = float(np.sum(w ** 2))
    return {
        "right": J + lam / (2 * m) * squares,
        "b penalised": J + lam / (2 * m) * (squares + b ** 2),
        "lambda over m": J + lam / m * squares,
        "no penalty": J,
        "no 1/m": J + lam / 2 * squares,
        "divided by 2 times m": J + lam / 2 * m * squares,
        "over n": J + lam / (2 * n) * squares,
        "mean of squares": J + lam / (2 * m) * squares / n,
        "sum of losses": m * J + lam / (2 * m) * squares,
        "m times the cost": m * J + lam / 2 * squares,
        "minus": J - lam / (2 * m) * squares,
        "absolute values": J + lam / (2 * m) * float(np.sum(np.abs(w))),
        "absolute values over m": J + lam / m * float(np.sum(np.abs(w))),
        "square of the sum": J + lam / (2 * m) * float(np.sum(w)) ** 2,
        "norm not squared": J + lam / (2 * m) * float(np.sqrt(squares)),
    }


# What each known version of the cost means, and how to fix it.
COST_MISTAKES = {
    "b penalised": "b is penalised too: the penalty is (λ/2m)·Σ w_j², over the weights only. "
                   "b only places the boundary; leave it out of the sum.",
    "lambda over m": "the penalty is twice what it should be: λ/m where the cost has λ/(2m).",
    "no penalty": "there is no penalty: that is the plain cost J. Add (λ/2m)·Σ w_j², with "
                  "m = X.shape[0].",
    "no 1/m": "the penalty is missing its 1/m: it is λ/(2m)·Σ w_j², so it weighs as much as "
              "one example's loss whatever the size of the data set.",
    "divided by 2 times m": "`lambda_ / 2 * m` multiplies by m: Python reads it as "
                            "(λ/2)·m. Put brackets around the 2m.",
    "over n": "the penalty is divided by the number of features n = w.size; the 1/(2m) uses "
              "m, the number of examples: X.shape[0].",
    "mean of squares": "np.mean(w ** 2) divides by the number of weights as well; the penalty "
                       "is λ/(2m) times the sum of the squares.",
    "sum of losses": "the data part is the sum of the losses; J is their mean (1/m)·Σ loss.",
    "m times the cost": "that is m times J_λ: the sum of the losses plus (λ/2)·Σ w_j² (the "
                        "form scikit-learn writes with C = 1/λ). The course's cost divides "
                        "both parts by m: mean loss + (λ/2m)·Σ w_j².",
    "minus": "the penalty is subtracted. It is a price for large weights, so it is added: "
             "J + (λ/2m)·Σ w_j².",
    "absolute values": "that is Σ|w_j|, the L1 penalty. The L2 penalty squares the weights.",
    "absolute values over m": "that is (λ/m)·Σ|w_j|, an L1 penalty. The L2 penalty is "
                              "(λ/2m)·Σ w_j², with squares.",
    "square of the sum": "that squares the sum of the weights, (Σ w_j)²; the penalty sums the "
                         "squares, Σ w_j².",
    "norm not squared": "that is the length ‖w‖ = √(Σ w_j²); the penalty uses its square, "
                        "Σ w_j², without the square root.",
}

COST_BUILT_IN = ("it hands `lambda_` to helpers' `cost`, which then adds the penalty "
                 "itself: the helper did the exercise. Call `cost(X, y, w, b)` without "
                 "lambda_ and add (λ/2m)·Σ w_j² yourself.")
COST_TWICE = ("the penalty is twice what it should be: `cost(X, y, w, b, lambda_)` already "
              "adds it, and then you added it again. Call `cost` without lambda_.")


def diagnose_regularised_cost(function):
    """Check ``regularised_cost(X, y, w, b, lambda_) -> J_λ`` on three problems, then name
    the usual slips with the penalty term. helpers' ``cost`` with a penalty does not count."""
    calls = []
    function = watched(function, [logistic.cost], calls)
    got, single = [], False
    for X, y, w, b, lam in penalty_cases():
        m = X.shape[0]
        where = f"regularised_cost(X, y, w, b, lambda_={lam}) with X of shape {X.shape}"
        value = returned(call(function, X, y, w, b, lam), where)
        if isinstance(value, np.ndarray) and value.ndim >= 1 and value.size == m:
            array(value, where)
            return mistake(f"it returned {m} numbers, one per example. J_λ is one number: "
                           "the mean of the losses, plus the penalty once.")
        single = single or single_precision(value)
        got.append(number(value, where))
    variants = [penalty_variants(*case) for case in penalty_cases()]

    def fits(name, rtol=1e-9):
        return all(matches(value, variant[name], rtol=rtol, atol=1e-12)
                   for value, variant in zip(got, variants))

    built_in = penalised_call(calls)
    if fits("right"):
        return mistake(COST_BUILT_IN) if built_in else passed(
            f"J + (λ/2m)·Σw² on {len(got)} problems, b left out.")
    if single and fits("right", rtol=1e-6):
        return mistake("it returned a float32, a single-precision number (about 7 "
                       "significant digits), which rounds J_λ after about 7 digits. Return a "
                       "float64, numpy's default: leave out the conversion to float32.")
    if built_in and fits("lambda over m"):
        return mistake(COST_TWICE)
    for name, message in COST_MISTAKES.items():
        if fits(name):
            return mistake(message)
    for value, variant, (X, _, _, _, lam) in zip(got, variants, penalty_cases()):
        if not matches(value, variant["right"], rtol=1e-9, atol=1e-12):
            return wrong(f"with λ = {lam} on a {X.shape} problem, J_λ should be "
                         f"{variant['right']:.10g}; got {value:.10g}.")
    raise AssertionError("no case failed, yet the answers were not all right")


def solution_regularised_cost(X, y, w, b, lambda_):
    """Return J_λ = J + (λ/2m)·Σ w_j²: the mean cross-entropy plus the L2 penalty."""
    m = X.shape[0]
    return cost(X, y, w, b) + lambda_ / (2 * m) * np.sum(w ** 2)


# ---------------------------------------------------------------------------
# The regularised gradient
# ---------------------------------------------------------------------------


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
     "term: (λ/m)·w_j, an array shaped like w.",
     lambda lam, m, w, b: lam / m * np.sum(w) + 0 * w, lambda lam, m, w, b: 0.0),
]


GRADIENT_BUILT_IN = ("it hands `lambda_` to helpers' `gradient`, which then adds the "
                     "penalty's term itself: the helper did the exercise. Call "
                     "`gradient(X, y, w, b)` without lambda_ and add the penalty's term "
                     "yourself.")
GRADIENT_TWICE = ("the penalty's term is counted twice: `gradient(X, y, w, b, lambda_)` "
                  "already adds (λ/m)·w, and then you added it again. Call `gradient` "
                  "without lambda_.")


def digits(values):
    """An array written with 8 significant digits, for messages."""
    return "[" + ", ".join(f"{v:.8g}" for v in np.ravel(values)) + "]"


def diagnose_regularised_gradient(function):
    """Check ``regularised_gradient(X, y, w, b, lambda_) -> (dj_dw, dj_db)`` against
    ``logistic.gradient(..., lambda_)`` and the usual slips with the penalty term.
    helpers' ``gradient`` with a penalty does not count."""
    cases = penalty_cases()
    answers, calls = [], []
    function = watched(function, [logistic.gradient], calls)
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

    built_in = penalised_call(calls)
    if fits(lambda lam, m, w, b: lam / m * w, lambda lam, m, w, b: 0.0):
        return mistake(GRADIENT_BUILT_IN) if built_in else passed(
            f"It matches the plain gradient plus (λ/m)·w on {len(cases)} problems.")
    if built_in and fits(lambda lam, m, w, b: 2 * lam / m * w, lambda lam, m, w, b: 0.0):
        return mistake(GRADIENT_TWICE)
    for message, extra_w, extra_b in KNOWN_PENALTIES:
        if fits(extra_w, extra_b):
            return mistake(message)
    for (got_w, got_b), (X, y, w, b, lam) in zip(answers, cases):
        dj_dw, dj_db = logistic.gradient(X, y, w, b, lam)
        if not (matches(got_w, dj_dw) and matches(got_b, dj_db)):
            return wrong(f"with λ = {lam} on a {X.shape} problem, dj_dw should be "
                         f"{digits(dj_dw)} and dj_db {dj_db:.8g}; got {digits(got_w)} and "
                         f"{got_b:.8g}.")
    raise AssertionError("no case failed, yet the answers were not all right")


def solution_regularised_gradient(X, y, w, b, lambda_):
    """Return (dJ_λ/dw, dJ_λ/db): the plain gradient plus the penalty's (λ/m)·w."""
    dj_dw, dj_db = gradient(X, y, w, b)
    m = X.shape[0]
    return dj_dw + (lambda_ / m) * w, dj_db


regularised_cost = Exercise(
    NOTEBOOK, "regularised_cost", diagnose_regularised_cost,
    hints=[
        "J_λ is the plain cost plus a penalty: `cost(X, y, w, b)` gives the mean "
        "cross-entropy; add (λ/2m) times the sum of the squared weights. Which parameters "
        "does the penalty contain, and what is m?",
        "m is the number of examples, the number of rows of X, and Σⱼ wⱼ² adds up the "
        "squares of the entries of w (numpy squares every entry of an array at once). In "
        "Python, `/` and `*` work from left to right, so λ/(2m) needs brackets around the "
        "2m. b stays out of the penalty.",
    ],
    solution=solution_regularised_cost,
)

regularised_gradient = Exercise(
    NOTEBOOK, "regularised_gradient", diagnose_regularised_gradient,
    hints=[
        "J_λ is the plain cost plus (λ/2m)Σw². The gradient of a sum is the sum of the "
        "gradients: take the plain one from `gradient(X, y, w, b)` and add the penalty's. "
        "Does the penalty depend on b?",
        "Differentiate (λ/2m)·w_j² with respect to w_j: the 2 of the square cancels the 2 "
        "of 2m. That gives one term per weight, an array shaped like w, to add to dj_dw "
        "(m is the number of rows of X). b is not in the penalty: what does that leave "
        "for dj_db?",
    ],
    solution=solution_regularised_gradient,
)
