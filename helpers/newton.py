"""The curvature of the logistic cost, and Newton's method (notebooks 09, 10, 11 and 14).

Gradient descent uses the slope only. Newton's method also uses the curvature. With
θ = (w, b) and the augmented matrix X̃ = [X, 1] (a column of ones for b, so b comes last):

    gradient  g = (1/m) X̃ᵀ (f − y)
    Hessian   H = (1/m) X̃ᵀ diag(f (1 − f)) X̃
    step      θ ← θ − H⁻¹ g

With an L2 penalty λ (as in ``helpers.logistic``), g gains (λ/m) w and H gains (λ/m) on
the diagonal entries of w (not of b).

Because f (1 − f) is at most 1/4, H never exceeds X̃ᵀ X̃ / (4m) (``hessian_bound``), whose
largest eigenvalue L gives gradient descent its largest safe learning rate, 2 / L.

Numpy only; bad input raises ValueError saying what was expected, as in ``helpers.logistic``.
"""

import numpy as np

from helpers import logistic
from helpers.logistic import History


def hessian(X, w, b, lambda_=0.0):
    """Return the (n+1, n+1) Hessian of J with respect to (w, b), bias last.

    H = (1/m) X̃ᵀ diag(f(1 − f)) X̃ with X̃ = [X, 1], plus (λ/m) on w's diagonal.
    It does not depend on the labels y.
    """
    f = logistic.predict_proba(X, w, b)            # checks X, w and b
    lambda_ = logistic._check_penalty(lambda_)
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    X1 = _with_ones(X)
    s = f * (1 - f)                                 # how uncertain each prediction is
    H = (X1.T * s) @ X1 / m                         # X̃ᵀ diag(s) X̃ without the m × m diagonal
    H[np.arange(n), np.arange(n)] += lambda_ / m
    return H


def hessian_bound(X):
    """Return X̃ᵀ X̃ / (4m) with X̃ = [X, 1] (bias last): the Hessian never exceeds it.

    f (1 − f) is at most 1/4 (at f = 0.5, which is where w = 0 and b = 0 puts every
    prediction), so every curvature of the unpenalised J is at most the matching one of this
    matrix. Its largest eigenvalue L bounds them all: gradient descent with a learning rate
    below 2 / L cannot overshoot.
    """
    X = logistic._check_matrix(X)
    logistic._check_finite_X(X)
    X1 = _with_ones(X)
    return X1.T @ X1 / (4 * X.shape[0])


def newton_method(X, y, w, b, num_iters=50, tol=1e-10, lambda_=0.0):
    """Run Newton's method from (w, b); return (w, b, history) like ``gradient_descent``.

    Each step solves H·δ = g and moves θ ← θ − δ, to the bottom of the local quadratic.
    Far from the minimum that jump can overshoot, so δ is halved until the cost goes down
    (near the minimum the full step is always taken). The run stops with status:

    * "converged" when a step changes the cost by less than ``tol`` (None: never);
    * "diverged" when there is no minimum to find: without a penalty, once every example
      is on the right side of the boundary, the classes are separable and the cost keeps
      falling as the weights grow for ever; or when H cannot be solved (singular);
    * "finished" after ``num_iters`` steps otherwise.

    history.message says which, and why. An L2 penalty, lambda_ > 0, always gives a minimum.
    """
    start_cost = logistic.cost(X, y, w, b, lambda_)   # checks X, y, w, b and lambda_
    num_iters = logistic._check_iterations(num_iters)
    if tol is not None:
        tol = logistic._check_positive(tol, "tol")
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b, lambda_ = np.array(w, dtype=float), float(b), float(lambda_)

    def total_cost(w, b):
        return logistic.cost(X, y, w, b, lambda_)

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
        dj_dw, dj_db = logistic.gradient(X, y, w, b, lambda_)
        step = _solve(hessian(X, w, b, lambda_), np.append(dj_dw, dj_db))
        if step is None:
            status = "diverged"
            message = (f"Stopped before Newton step {k}: the Hessian is singular, so the Newton "
                       "step cannot be computed (a feature may be constant or a copy of "
                       "another). Add an L2 penalty, lambda_ > 0.")
            break
        scale = 1.0                                 # halve the step while it overshoots
        while total_cost(w - scale * step[:-1], b - scale * step[-1]) > costs[-1] \
                and scale > 1e-10:
            scale /= 2
        w, b = w - scale * step[:-1], float(b - scale * step[-1])
        ws.append(w)
        bs.append(b)
        costs.append(total_cost(w, b))
        if tol is not None and abs(costs[-2] - costs[-1]) < tol:
            status = "converged"
            message = (f"Converged after {k} Newton steps: the cost changed by less than "
                       f"tol={tol:g}; final cost {costs[-1]:.6g}.")
            break
    if status == "finished":
        message = f"Finished {num_iters} Newton steps; final cost {costs[-1]:.6g}."
    history = History(cost=np.array(costs), w=np.array(ws), b=np.array(bs),
                      status=status, message=message)
    return w.copy(), b, history


def _with_ones(X):
    """X̃ = [X, 1]: X with a column of ones appended, for the bias."""
    return np.column_stack([X, np.ones(X.shape[0])])


def _separates(X, y, w, b):
    """True when the boundary w·x + b = 0 puts every example strictly on its own side."""
    z = X @ w + b
    return bool(np.all(np.where(y == 1, z > 0, z < 0)))


def _solve(H, g):
    """δ with H·δ = g, or None when H is singular or the result is not finite."""
    try:
        step = np.linalg.solve(H, g)
    except np.linalg.LinAlgError:
        return None
    return step if np.all(np.isfinite(step)) else None
