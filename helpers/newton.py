"""Newton's method for the logistic-regression cost, for notebook 14.

Gradient descent uses the slope only. Newton's method also uses the curvature:
with θ = (w, b) and the augmented matrix X̃ = [X, 1] (a column of ones for b),

    gradient  g = (1/m) X̃ᵀ (f − y)
    Hessian   H = (1/m) X̃ᵀ diag(f (1 − f)) X̃
    step      θ ← θ − H⁻¹ g

With an L2 penalty λ (as in ``helpers.logistic``), g gains (λ/m) w and H gains
(λ/m) on the diagonal entries of w (not of b).

Numpy only; inputs are checked as in ``helpers.logistic``.
"""

import numpy as np

from helpers import logistic
from helpers.logistic import (
    History,
    _check_data,
    _check_finite_X,
    _check_iterations,
    _check_model,
    _check_penalty,
    _check_positive,
    _checked_linear,
)


def hessian(X, w, b, lambda_=0.0):
    """Return the (n+1, n+1) Hessian of J with respect to (w, b), bias last.

    H = (1/m) X̃ᵀ diag(f(1 − f)) X̃ with X̃ = [X, 1], plus (λ/m) on w's diagonal.
    It does not depend on the labels y.
    """
    X, w, b = _check_model(X, w, b)
    lambda_ = _check_penalty(lambda_)
    f = logistic.sigmoid(_checked_linear(X, w, b))
    return _hessian(X, f, lambda_)


def newton_method(X, y, w, b, num_iters=50, tol=1e-10, lambda_=0.0):
    """Run Newton's method from (w, b); return (w, b, history) like gradient_descent.

    Each step solves H·δ = g and moves θ ← θ − δ. It stops ("converged") when a
    step changes the cost by less than ``tol``. If H cannot be solved (it becomes
    singular when the classes can be separated and f saturates to 0 or 1) or the
    cost stops being finite, the run stops with status "diverged" and says why;
    an L2 penalty (lambda_ > 0) keeps H invertible.
    """
    X, y, w, b = _check_data(X, y, w, b)
    _check_finite_X(X)
    num_iters = _check_iterations(num_iters)
    if tol is not None:
        tol = _check_positive(tol, "tol")
    lambda_ = _check_penalty(lambda_)
    m, n = X.shape
    X1 = np.column_stack([X, np.ones(m)])

    def total_cost(theta):
        z = X1 @ theta
        return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
                     + lambda_ / (2 * m) * (theta[:n] @ theta[:n]))

    theta = np.append(w, b)
    thetas, costs = [theta.copy()], [total_cost(theta)]
    status, message = "finished", ""
    for k in range(1, num_iters + 1):
        f = logistic.sigmoid(X1 @ theta)
        g = X1.T @ (f - y) / m
        g[:n] += lambda_ / m * theta[:n]
        H = _hessian(X, f, lambda_)
        try:
            step = np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            step = None
        new_cost = None
        if step is not None and np.all(np.isfinite(step)):
            with np.errstate(over="ignore", invalid="ignore"):
                new_cost = total_cost(theta - step)
        if new_cost is None or not np.isfinite(new_cost):
            status = "diverged"
            message = (f"Stopped at iteration {k}: the Newton step could not be computed "
                       "because the Hessian is (nearly) singular. The predictions saturated at "
                       "0 or 1, which happens when the classes can be separated and the "
                       "weights grow without bound. Add an L2 penalty, lambda_ > 0.")
            break
        theta = theta - step
        thetas.append(theta.copy())
        costs.append(new_cost)
        if tol is not None and abs(costs[-2] - costs[-1]) < tol:
            status = "converged"
            message = (f"Converged after {k} Newton steps: the cost changed by less than "
                       f"tol={tol:g}; final cost {costs[-1]:.6g}.")
            break
    if status == "finished":
        message = f"Finished {num_iters} Newton steps; final cost {costs[-1]:.6g}."
    thetas = np.array(thetas)
    history = History(cost=np.array(costs), w=thetas[:, :n], b=thetas[:, n],
                      status=status, message=message)
    return theta[:n].copy(), float(theta[n]), history


def _hessian(X, f, lambda_):
    """(1/m) X̃ᵀ diag(f(1 − f)) X̃ plus the penalty, from the probabilities f."""
    m, n = X.shape
    X1 = np.column_stack([X, np.ones(m)])
    s = f * (1 - f)
    H = (X1.T * s) @ X1 / m          # X̃ᵀ diag(s) X̃ without building the m×m diagonal
    H[np.arange(n), np.arange(n)] += lambda_ / m
    return H
