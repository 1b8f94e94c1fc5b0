"""The curvature of the logistic cost, and Newton's method (notebooks 09, 10, 11 and 14).

Gradient descent uses the slope only. Newton's method also uses the curvature. With
θ = (w, b) and the augmented matrix X̃ = [X, 1] (a column of ones for b, so b comes last):

    gradient  g = (1/m) X̃ᵀ (f − y)
    Hessian   H = (1/m) X̃ᵀ diag(f (1 − f)) X̃
    step      θ ← θ − H⁻¹ g

With an L2 penalty λ (as in ``helpers.logistic``), g gains (λ/m) w and H gains (λ/m) on
the diagonal entries of w (not of b).

Because f (1 − f) is at most 1/4, H never exceeds X̃ᵀ X̃ / (4m) (``hessian_bound``). Its
largest eigenvalue L bounds every curvature of J: gradient descent lowers the cost at
every step when the learning rate is below 2 / L, and above 1 / L a step can already
overshoot the bottom along the most curved direction.

Numpy only; arguments are checked with ``helpers.validation``, as in ``helpers.logistic``.
"""

import numpy as np

from helpers import logistic, validation
from helpers.logistic import History

# Newton's method stops when the Hessian's condition number (largest / smallest singular
# value) passes this: the step along the flattest direction then has at most about four
# correct digits (1e12 × 2.2e-16 ≈ 2e-4), and with a larger condition number the weights
# along it are set by rounding noise. The course's problems stay below 1e7.
MAX_CONDITION = 1e12


def hessian(X, w, b, lambda_=0.0):
    """Return the (n+1, n+1) Hessian of J with respect to (w, b), bias last.

    H = (1/m) X̃ᵀ diag(f(1 − f)) X̃ with X̃ = [X, 1], plus (λ/m) on w's diagonal.
    It does not depend on the labels y.
    """
    X, w, b = validation.linear_model(X, w, b)
    lambda_ = validation.non_negative_number(lambda_, "lambda_ (the L2 penalty)")
    f = logistic.predict_proba(X, w, b)             # also checks X for NaN and overflow
    m, n = X.shape
    s = f * (1 - f)                                 # how uncertain each prediction is
    H = _weighted_gram(_with_ones(X), s, m)         # X̃ᵀ diag(s) X̃ / m
    with np.errstate(over="ignore"):
        H[np.arange(n), np.arange(n)] += lambda_ / m
    return _finite_matrix_result(H, "the Hessian")


def hessian_bound(X):
    """Return X̃ᵀ X̃ / (4m) with X̃ = [X, 1] (bias last): the Hessian never exceeds it.

    f (1 − f) is at most 1/4 (at f = 0.5, which is where w = 0 and b = 0 puts every
    prediction), so every curvature of the unpenalised J is at most the matching one of
    this matrix, and its largest eigenvalue L bounds them all: J is "L-smooth".

    What that means for the learning rate α of gradient descent. Along a direction of
    curvature L a step of size α changes the distance to the bottom by the factor 1 − αL:
    * α ≤ 1/L: the step lands short of the bottom or on it (no overshoot);
    * 1/L < α < 2/L: the step already overshoots, landing on the far side, but closer
      than it started, so the cost still falls (and, J being L-smooth, it falls at every
      step for any α below 2/L);
    * α ≥ 2/L: the step lands at least as far away on the other side: along that
      direction the cost stops falling.
    The curvature equals L only where the predictions are near 0.5; elsewhere it is
    smaller, so these limits are where overshooting can start, not where it must.
    """
    X = validation.finite_matrix(X)
    return _finite_matrix_result(_weighted_gram(_with_ones(X), None, 4 * X.shape[0]),
                                 "the Hessian bound")


def newton_method(X, y, w, b, num_iters=50, tol=1e-10, lambda_=0.0):
    """Run Newton's method from (w, b); return (w, b, history) like ``gradient_descent``.

    Each step solves H·δ = g and moves θ ← θ − δ, to the bottom of the local quadratic.
    Far from the minimum that jump can overshoot, so δ is halved until the cost goes down
    (near the minimum the full step is always taken). The run stops with status:

    * "converged" when a step changes the cost by less than ``tol`` (None: never);
    * "diverged" when there is no minimum to find: without a penalty, once every example
      is on the right side of the boundary, the classes are separable and the cost keeps
      falling as the weights grow for ever;
    * "ill-conditioned" when H is singular or nearly so (condition number above
      MAX_CONDITION): some combination of the features is (almost) constant or a copy of
      others, the cost is (almost) flat along it, and a Newton step would fit rounding
      noise; the result could not be trusted, so the run stops before that step;
    * "finished" after ``num_iters`` steps otherwise.

    history.message says which, and why. An L2 penalty, lambda_ > 0, always gives a
    minimum and a Hessian no flatter than λ/m along every weight.
    """
    start_cost = logistic.cost(X, y, w, b, lambda_)   # checks X, y, w, b and lambda_
    X, y, w, b = validation.labelled_data(X, y, w, b)
    validation.require_finite_rows(X)
    lambda_ = validation.non_negative_number(lambda_, "lambda_ (the L2 penalty)")
    num_iters = validation.whole_number(num_iters, "num_iters")
    if tol is not None:
        tol = validation.positive_number(tol, "tol")

    ws, bs, costs = [w], [b], [start_cost]
    status, message = "finished", ""
    for k in range(1, num_iters + 1):
        if lambda_ == 0 and _separates(X, y, w, b):
            status = "diverged"
            message = (f"Stopped before Newton step {k}: every training example is on the right "
                       "side of the boundary, so the classes are separable and the cost has "
                       "no minimum (scaling w and b up always lowers it; the predictions "
                       "saturate at 0 and 1 and H tends to a singular matrix). Add an L2 "
                       "penalty, lambda_ > 0.")
            break
        H = hessian(X, w, b, lambda_)
        condition = _condition_number(H)
        if condition > MAX_CONDITION:
            status = "ill-conditioned"
            message = (f"Stopped before Newton step {k}: the Hessian is singular or nearly so "
                       f"(condition number {condition:.2g}, above {MAX_CONDITION:.0e}). Some "
                       "combination of the features is (almost) constant or a copy of others, "
                       "so the cost is (almost) flat along it and a Newton step would fit "
                       "rounding noise. Remove the redundant feature, or add an L2 penalty, "
                       "lambda_ > 0.")
            break
        dj_dw, dj_db = logistic.gradient(X, y, w, b, lambda_)
        step = np.linalg.solve(H, np.append(dj_dw, dj_db))
        w_new, b_new, cost_new = _damped_step(X, y, w, b, step, costs[-1], lambda_)
        if cost_new is None:
            status = "ill-conditioned"
            message = (f"Stopped at Newton step {k}: no fraction of the step down to 1e-10 "
                       "gave a cost that can be computed; the curvature is too small for "
                       "the step to be trusted.")
            break
        w, b = w_new, b_new
        ws.append(w)
        bs.append(b)
        costs.append(cost_new)
        if tol is not None and abs(costs[-2] - costs[-1]) < tol:
            status = "converged"
            message = (f"Converged after {k} Newton steps: the cost changed by less than "
                       f"tol = {tol:.0e}; final cost {costs[-1]:.4g}.")
            break
    if status == "finished":
        message = f"Finished {num_iters} Newton steps; final cost {costs[-1]:.4g}."
    history = History(cost=np.array(costs), w=np.array(ws), b=np.array(bs),
                      status=status, message=message)
    return w.copy(), b, history


def _damped_step(X, y, w, b, step, current_cost, lambda_):
    """(w, b, cost) after the largest fraction 1, 1/2, 1/4, ... of the step that does not
    raise the cost (the last one tried, about 1e-10, if none does); cost None if no
    fraction gives a cost that can be computed."""
    scale = 1.0
    while True:
        w_new, b_new = w - scale * step[:-1], float(b - scale * step[-1])
        cost_new = _cost_or_none(X, y, w_new, b_new, lambda_)
        if (cost_new is not None and cost_new <= current_cost) or scale <= 1e-10:
            return w_new, b_new, cost_new
        scale /= 2


def _cost_or_none(X, y, w, b, lambda_):
    """The cost at (w, b), or None when it cannot be computed (X·w + b overflows)."""
    with np.errstate(over="ignore", invalid="ignore"):
        usable = np.all(np.isfinite(w)) and np.isfinite(b)
    if not usable:
        return None
    try:
        return logistic.cost(X, y, w, b, lambda_)
    except ValueError:
        return None


def _condition_number(H):
    """Largest / smallest singular value of H (inf when H is exactly singular)."""
    singular_values = np.linalg.svd(H, compute_uv=False)
    if singular_values[-1] == 0:
        return np.inf
    with np.errstate(over="ignore"):       # a ratio beyond 1.8e308 is inf: singular enough
        return singular_values[0] / singular_values[-1]


def _with_ones(X):
    """X̃ = [X, 1]: X with a column of ones appended, for the bias."""
    return np.column_stack([X, np.ones(X.shape[0])])


def _weighted_gram(X1, s, denominator):
    """X̃ᵀ diag(s) X̃ / denominator (s None: all ones), without overflow in the sums.

    When an entry overflows, the columns are first divided by powers of two (exact),
    and the scales put back at the end; an entry that is itself beyond the largest
    float stays infinite, for the caller to report.
    """
    weighted = X1.T if s is None else X1.T * s
    with np.errstate(over="ignore", invalid="ignore"):
        G = weighted @ X1 / denominator
    if np.all(np.isfinite(G)):
        return G
    _, exponent = np.frexp(np.max(np.abs(X1), axis=0))
    exponent = exponent - 1
    scaled = X1 / np.ldexp(1.0, exponent)
    weighted = scaled.T if s is None else scaled.T * s
    with np.errstate(over="ignore"):
        return np.ldexp(weighted @ scaled / denominator, exponent[:, None] + exponent[None, :])


def _finite_matrix_result(H, what):
    """H, or a clear ValueError when an entry is beyond the largest float."""
    if np.all(np.isfinite(H)):
        return H
    raise ValueError(f"{what} overflowed: products of the values of X (about 1e154 or more) "
                     "exceed the largest 64-bit float; expected features of a sensible size "
                     "(standardise them)")


def _separates(X, y, w, b):
    """True when the boundary w·x + b = 0 puts every example strictly on its own side."""
    z = X @ w + b
    return bool(np.all(np.where(y == 1, z > 0, z < 0)))


def penalised_minimum(X, y, lambda_):
    """(w, b) at the minimum of the cost with L2 penalty lambda_ > 0, by Newton's method from
    zeros: the point gradient descent approaches, in a few steps."""
    w, b, history = newton_method(X, y, np.zeros(X.shape[1]), 0.0, lambda_=lambda_)
    if history.status != "converged":
        raise ValueError(f"no minimum found for lambda_={lambda_:g}: {history.message}")
    return w, b
