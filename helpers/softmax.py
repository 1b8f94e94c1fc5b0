"""Softmax regression (more than two classes), written the way notebook 12 writes the math.

Conventions, extending those of ``helpers.logistic``:

* ``X`` is an (m, n) array: m examples, n features.
* ``y`` is an (m,) array of integer labels 0, 1, ..., K−1.
* ``W`` is an (n, K) weight matrix (one column per class) and ``b`` a (K,) bias vector.
* The model is  P = softmax(Z)  with  Z = X·W + b, one row of K probabilities per example.

With K = 2 this is binary logistic regression in disguise: σ(z) = softmax([0, z])[1].

Only numpy is used. Functions check their inputs and raise ``ValueError`` with a
message saying what was expected, like ``helpers.logistic``.
"""

import numpy as np

from helpers import logistic
from helpers.logistic import (
    DIVERGENCE_FACTOR,
    History,
    _as_finite_array,
    _check_finite_X,
    _check_iterations,
    _check_positive,
)

# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


def softmax(Z):
    """Return softmax(Z) along the last axis: each row becomes K probabilities summing to 1.

    softmax(z)_k = e^(z_k) / Σ_j e^(z_j).  Adding the same number to every z_k of a row
    changes nothing, so we first subtract the row's largest value: every exponent is then
    ≤ 0 and e^(·) cannot overflow, and the largest term is e^0 = 1, so the sum is ≥ 1.
    Z may be one row (K,) or a matrix (m, K).
    """
    Z = _as_finite_array(Z, "Z")
    if Z.ndim not in (1, 2) or Z.shape[-1] == 0:
        raise ValueError(f"Z must be a row of K scores (K,) or a matrix (m, K); got shape {Z.shape}")
    shifted = Z - Z.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


def log_softmax(Z):
    """Return log softmax(Z) = Z − logsumexp(Z), stable for any finite Z (row-wise)."""
    Z = _as_finite_array(Z, "Z")
    if Z.ndim not in (1, 2) or Z.shape[-1] == 0:
        raise ValueError(f"Z must be a row of K scores (K,) or a matrix (m, K); got shape {Z.shape}")
    return Z - _logsumexp(Z)


def one_hot(y, num_classes):
    """Return the (m, K) matrix Y with Y[i, k] = 1 where y_i = k and 0 elsewhere."""
    num_classes = _check_num_classes(num_classes)
    y = _check_labels(y, num_classes)
    Y = np.zeros((y.size, num_classes))
    Y[np.arange(y.size), y] = 1.0
    return Y


def predict_proba(X, W, b):
    """Return the (m, K) matrix of class probabilities softmax(X·W + b)."""
    X, W, b = _check_model(X, W, b)
    return softmax(_checked_scores(X, W, b))


def predict(X, W, b):
    """Return the predicted class of every row of X: the column with the largest score."""
    X, W, b = _check_model(X, W, b)
    return np.argmax(_checked_scores(X, W, b), axis=1)


# ---------------------------------------------------------------------------
# The cost and its gradient
# ---------------------------------------------------------------------------


def cost(X, y, W, b):
    """Return the mean cross-entropy J(W, b) = −(1/m) Σ_i log P[i, y_i].

    −log P[i, k] = logsumexp(Z_i) − Z[i, k], so J stays finite even when a
    probability rounds to 0. With K = 2 this is the binary cross-entropy.
    """
    X, y, W, b = _check_data(X, y, W, b)
    return _cost_from_scores(_checked_scores(X, W, b), y)


def gradient(X, y, W, b):
    """Return (∂J/∂W, ∂J/∂b): an (n, K) matrix and a (K,) vector.

    ∂J/∂W = (1/m) Xᵀ (P − Y),   ∂J/∂b = (1/m) Σ_i (P_i − Y_i),
    where Y is the one-hot matrix of the labels: the same shape as the binary
    gradient, with the error f − y replaced by a row of K errors.
    """
    X, y, W, b = _check_data(X, y, W, b)
    Z = _checked_scores(X, W, b)
    return _gradient_from_scores(X, y, Z)


# ---------------------------------------------------------------------------
# Gradient descent
# ---------------------------------------------------------------------------


def gradient_descent(X, y, W, b, alpha, num_iters, tol=None):
    """Run batch gradient descent from (W, b); return (W, b, history).

    Each step:  W ← W − α ∂J/∂W,   b ← b − α ∂J/∂b.

    ``history`` is a ``helpers.logistic.History``: entry k of ``cost``, ``w``
    (shape (n, K) each) and ``b`` (shape (K,) each) is the state after k updates.
    ``tol`` and divergence work as in ``helpers.logistic.gradient_descent``: a
    run whose cost becomes non-finite or grows past DIVERGENCE_FACTOR × max(starting
    cost, log K) stops, keeps the last finite parameters and says so in
    ``history.message``.
    """
    X, y, W, b = _check_data(X, y, W, b)
    _check_finite_X(X)
    alpha = _check_positive(alpha, "alpha (the learning rate)")
    num_iters = _check_iterations(num_iters)
    if tol is not None:
        tol = _check_positive(tol, "tol")
    n, K = W.shape

    def total_cost(W, b):
        return _cost_from_scores(X @ W + b, y)

    Ws = np.empty((num_iters + 1, n, K))
    bs = np.empty((num_iters + 1, K))
    costs = np.empty(num_iters + 1)
    Ws[0], bs[0], costs[0] = W, b, total_cost(W, b)
    limit = DIVERGENCE_FACTOR * max(costs[0], np.log(K))
    status = "finished"

    k = 0
    for k in range(1, num_iters + 1):
        dj_dW, dj_db = _gradient_from_scores(X, y, X @ W + b)
        new_W, new_b = W - alpha * dj_dW, b - alpha * dj_db
        with np.errstate(over="ignore", invalid="ignore"):
            new_cost = total_cost(new_W, new_b)
        if not np.isfinite(new_cost) or new_cost > limit:
            status, k = "diverged", k - 1
            break
        W, b = new_W, new_b
        Ws[k], bs[k], costs[k] = W, b, new_cost
        if tol is not None and abs(costs[k - 1] - costs[k]) < tol:
            status = "converged"
            break
    history = logistic.finish_history(costs, Ws, bs, k, status, alpha, tol,
                                      rejected_cost=new_cost if status == "diverged" else None)
    return W.copy(), b.copy(), history


# ---------------------------------------------------------------------------
# One-vs-rest: K separate binary models
# ---------------------------------------------------------------------------


def one_vs_rest(X, y, alpha, num_iters, num_classes=None):
    """Fit one binary logistic model per class ("class k" vs "every other class").

    Each model is trained from zeros by ``helpers.logistic.gradient_descent`` on
    the labels (y == k). Returns (W, b, histories): column k of the (n, K) matrix W
    and entry k of the (K,) vector b are model k's weights and bias, and histories
    is the list of the K binary histories. ``num_classes`` defaults to max(y) + 1.
    """
    X = logistic._check_matrix(X)
    if num_classes is None:
        labels = _check_labels(y, None)
        num_classes = int(labels.max()) + 1 if labels.size else 0
    num_classes = _check_num_classes(num_classes)
    y = _check_labels(y, num_classes)
    if y.size != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.size} labels; "
                         "expected one label per row of X")
    n = X.shape[1]
    W, b, histories = np.zeros((n, num_classes)), np.zeros(num_classes), []
    for k in range(num_classes):
        w_k, b_k, history = logistic.gradient_descent(
            X, (y == k).astype(int), np.zeros(n), 0.0, alpha, num_iters)
        W[:, k], b[k] = w_k, b_k
        histories.append(history)
    return W, b, histories


def one_vs_rest_proba(X, W, b):
    """Return the (m, K) matrix of the K binary probabilities σ(X·w_k + b_k).

    Unlike softmax, a row need not sum to 1: each model answers its own question.
    """
    X, W, b = _check_model(X, W, b)
    return logistic.sigmoid(_checked_scores(X, W, b))


def one_vs_rest_predict(X, W, b):
    """Return, for every row of X, the class whose binary model is the most confident."""
    return np.argmax(one_vs_rest_proba(X, W, b), axis=1)


def accuracy(y_true, y_pred):
    """Return the fraction of predictions equal to the true labels."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.ndim != 1 or y_true.size == 0:
        raise ValueError(f"y_true and y_pred must be 1-D arrays of the same non-zero length; "
                         f"got shapes {y_true.shape} and {y_pred.shape}")
    return float(np.mean(y_true == y_pred))


# ---------------------------------------------------------------------------
# Unchecked building blocks (inputs already validated)
# ---------------------------------------------------------------------------


def _logsumexp(Z):
    """log Σ_k e^(Z_k) along the last axis, kept as a column: max + log Σ e^(Z − max)."""
    top = Z.max(axis=-1, keepdims=True)
    return top + np.log(np.exp(Z - top).sum(axis=-1, keepdims=True))


def _cost_from_scores(Z, y):
    """Mean cross-entropy from the scores Z (m, K) and integer labels y."""
    rows = np.arange(y.size)
    return float(np.mean(_logsumexp(Z)[:, 0] - Z[rows, y]))


def _gradient_from_scores(X, y, Z):
    """(1/m) Xᵀ(P − Y) and the mean of P − Y, from the scores Z."""
    m = X.shape[0]
    error = softmax(Z)
    error[np.arange(m), y] -= 1.0          # P − Y without building Y
    return (X.T @ error) / m, error.sum(axis=0) / m


# ---------------------------------------------------------------------------
# Input checks: every message says what was wrong and what was expected
# ---------------------------------------------------------------------------


def _check_model(X, W, b):
    """Validate X (m, n), W (n, K) with K ≥ 2 and b (K,); return them as floats."""
    X = logistic._check_matrix(X)
    W = _as_finite_array(W, "W")
    n = X.shape[1]
    if W.ndim != 2 or W.shape[0] != n:
        raise ValueError(f"W must have shape ({n}, K): one row per column of X and one column "
                         f"per class; got shape {W.shape}")
    K = _check_num_classes(W.shape[1], "W's number of columns (classes)")
    b = _as_finite_array(b, "b")
    if b.shape != (K,):
        raise ValueError(f"b must have shape ({K},), one bias per class (column of W); "
                         f"got shape {b.shape}")
    return X, W, b


def _check_data(X, y, W, b):
    """Validate X, y, W, b together; return them with y as an int array."""
    X, W, b = _check_model(X, W, b)
    y = _check_labels(y, W.shape[1])
    m = X.shape[0]
    if y.shape[0] != m:
        raise ValueError(f"X has {m} rows but y has {y.shape[0]} labels; "
                         "expected one label per row of X")
    return X, y, W, b


def _check_num_classes(K, name="num_classes"):
    """Return K as an int if it is a whole number ≥ 2, else raise."""
    if isinstance(K, bool) or not isinstance(K, (int, np.integer)) or K < 2:
        raise ValueError(f"{name} must be a whole number of at least 2; got {K!r}")
    return int(K)


def _check_labels(y, num_classes):
    """Return y as a 1-D int array of labels in 0..K−1 (any K ≥ 1 when num_classes is None)."""
    try:
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("y must be an array of integer class labels 0, 1, ..., K−1") from None
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D with one label per example; got shape {y.shape}. "
                         "A column vector can be flattened with y.ravel().")
    valid = np.isfinite(y) & (y == np.round(y)) & (y >= 0)
    if num_classes is not None:
        valid &= y < num_classes
    if not np.all(valid):
        shown = np.unique(y[~valid])[:5]
        expected = (f"0..{num_classes - 1} (K = {num_classes} classes)"
                    if num_classes is not None else "0, 1, ..., K−1")
        raise ValueError(f"y must contain only the integer labels {expected}; got {shown}")
    return y.astype(int)


def _checked_scores(X, W, b):
    """Z = X·W + b, raising if it is not finite (X holds NaN/inf, or an overflow)."""
    with np.errstate(invalid="ignore", over="ignore"):
        Z = X @ W + b
    if not np.all(np.isfinite(Z)):
        _check_finite_X(X)
        raise ValueError("X·W + b overflowed: the values of X, W or b are too large "
                         "(around 1e308); expected values of a sensible size")
    return Z
