"""Extra tools for notebooks 09-11: the cost over a grid of two weights, the curvature of
the cost (its Hessian), and Newton's method for precomputing regularised fits.

Numpy only. Inputs are checked as in ``helpers.logistic`` (ValueError saying what was
expected).
"""

import numpy as np

from helpers import logistic


def weight_cost_grid(X, y, w1_values, w2_values, b, lambda_=0.0):
    """Return J(w1, w2, b) at every pair of a grid of the two weights, with b held fixed.

    X must have two columns. Entry [i, j] is ``cost(X, y, [w1_values[j], w2_values[i]], b)``:
    rows follow w2 and columns follow w1, as ``np.meshgrid(w1_values, w2_values)`` lays
    them out, so the result goes straight to ``contour(w1_values, w2_values, J)``.
    Computed by broadcasting: z has shape (len(w2_values), len(w1_values), m).
    """
    X, y, _, b = logistic._check_data(X, y, np.zeros(np.shape(X)[-1] if np.ndim(X) == 2 else 1), b)
    if X.shape[1] != 2:
        raise ValueError(f"weight_cost_grid needs exactly two features: X must have shape "
                         f"(m, 2); got shape {X.shape}")
    logistic._check_finite_X(X)
    lambda_ = logistic._check_penalty(lambda_)
    w1 = _grid_axis(w1_values, "w1_values")
    w2 = _grid_axis(w2_values, "w2_values")
    with np.errstate(over="ignore", invalid="ignore"):
        z = w1[None, :, None] * X[:, 0] + w2[:, None, None] * X[:, 1] + b
    if not np.all(np.isfinite(z)):
        raise ValueError("w·x + b overflowed on the grid: expected values of a sensible size")
    J = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z), axis=-1)
    m = X.shape[0]
    return J + lambda_ / (2 * m) * (w1[None, :] ** 2 + w2[:, None] ** 2)


def hessian(X, w, b, lambda_=0.0):
    """Return the (n + 1) × (n + 1) matrix of second derivatives of J at (w, b).

    The parameters are ordered (b, w1, ..., wn). With X̃ = [1, X] (a column of ones for
    b) and s_i = f_i (1 − f_i), the Hessian is  X̃ᵀ diag(s) X̃ / m,  plus λ/m on the
    diagonal entries of the weights when lambda_ > 0.
    """
    X, w, b = logistic._check_model(X, w, b)
    lambda_ = logistic._check_penalty(lambda_)
    f = logistic.sigmoid(logistic._checked_linear(X, w, b))
    X1 = np.column_stack([np.ones(X.shape[0]), X])
    H = (X1 * (f * (1 - f))[:, None]).T @ X1 / X.shape[0]
    H[1:, 1:] += lambda_ / X.shape[0] * np.eye(X.shape[1])
    return H


def hessian_bound(X):
    """Return X̃ᵀ X̃ / (4m) with X̃ = [1, X]: the Hessian can never exceed it.

    f (1 − f) is at most 1/4 (at f = 0.5), so every curvature of J is at most the
    matching one of this matrix; its largest eigenvalue L bounds them all, and gradient
    descent with a learning rate below 2 / L cannot overshoot.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be a 2-D array of shape (m, n) with m ≥ 1; got shape {X.shape}")
    logistic._check_finite_X(X)
    X1 = np.column_stack([np.ones(X.shape[0]), X])
    return X1.T @ X1 / (4 * X.shape[0])


def _grid_axis(values, name):
    """Return values as a non-empty 1-D array of finite numbers, else raise."""
    values = logistic._as_finite_array(values, name)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of numbers; got shape {values.shape}")
    return values


def newton_fit(X, y, lambda_, max_iters=100, tol=1e-10):
    """Return (w, b) minimising the regularised cost J, found by Newton's method.

    Each step solves  H · step = ∇J  (H from ``hessian``) and moves by the step, halved
    until the cost goes down. It needs lambda_ > 0: without a penalty, separable data has
    no minimum (the weights grow for ever). It stops when every gradient entry is below
    ``tol``; it raises ValueError if that has not happened after ``max_iters`` steps.
    Used to precompute the minimum for many slider positions at once: it lands on the
    same point as gradient descent would after very many steps.
    """
    X, y, _, _ = logistic._check_data(X, y, np.zeros(np.shape(X)[-1] if np.ndim(X) == 2 else 1), 0)
    logistic._check_finite_X(X)
    lambda_ = logistic._check_penalty(lambda_)
    if lambda_ == 0:
        raise ValueError("newton_fit needs lambda_ > 0: without a penalty the minimum may "
                         "not exist; use gradient_descent instead")
    max_iters = logistic._check_iterations(max_iters)
    theta = np.zeros(X.shape[1] + 1)  # (b, w1, ..., wn), the order hessian() uses

    def total_cost(theta):
        return logistic.cost(X, y, theta[1:], theta[0], lambda_)

    for _ in range(max_iters):
        dj_dw, dj_db = logistic.gradient(X, y, theta[1:], theta[0], lambda_)
        g = np.concatenate([[dj_db], dj_dw])
        if np.max(np.abs(g)) < tol:
            return theta[1:].copy(), float(theta[0])
        step = np.linalg.solve(hessian(X, theta[1:], theta[0], lambda_), g)
        current, scale = total_cost(theta), 1.0
        while total_cost(theta - scale * step) > current and scale > 1e-10:
            scale /= 2
        theta = theta - scale * step
    raise ValueError(f"Newton's method did not reach |∇J| < {tol:g} in {max_iters} steps")
