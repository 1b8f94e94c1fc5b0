"""Softmax regression (more than two classes), written the way notebook 12 writes the math.

Conventions, extending those of ``helpers.logistic``:

* ``X`` is an (m, n) array: m examples, n features.
* ``y`` is an (m,) array of integer labels 0, 1, ..., K−1.
* ``W`` is an (n, K) weight matrix (one column per class) and ``b`` a (K,) bias vector.
* The model is  P = softmax(Z)  with  Z = X·W + b, one row of K probabilities per example.

With K = 2 this is binary logistic regression in disguise: σ(z) = softmax([0, z])[1].

Only numpy is used. Arguments are checked with ``helpers.validation``, as in
``helpers.logistic``: a bad one raises a ValueError or TypeError that names it.
"""

import numpy as np

from helpers import logistic, validation

# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


def softmax(Z):
    """Return softmax(Z) along the last axis: each row becomes K probabilities summing to 1.

    softmax(z)_k = e^(z_k) / Σ_j e^(z_j).  Adding the same number to every z_k of a row
    changes nothing, so we first subtract the row's largest value: every exponent is then
    ≤ 0 and e^(·) cannot overflow, and the largest term is e^0 = 1, so the sum is ≥ 1.
    Z may be one row (K,) or a matrix (m, K). A score more than about 1.8e308 below
    its row's largest gives e^(−∞) = 0, which is the right answer to the last digit.
    """
    return _softmax(_check_scores(Z))


def log_softmax(Z):
    """Return log softmax(Z) = Z − logsumexp(Z), stable for any finite Z (row-wise).

    When a row's scores span more than the largest float (about 1.8e308), a
    log-probability is below −1.8e308 and cannot be represented: that raises.
    """
    Z = _check_scores(Z)
    with np.errstate(over="ignore"):
        result = Z - _logsumexp(Z)
    if not np.all(np.isfinite(result)):
        raise ValueError("Z's scores in one row span more than the largest 64-bit float (about "
                         "1.8e308), so a log-probability is below −1.8e308 and cannot be "
                         "represented; expected scores of a sensible size")
    return result


def one_hot(y, num_classes):
    """Return the (m, K) matrix Y with Y[i, k] = 1 where y_i = k and 0 elsewhere."""
    num_classes = _check_num_classes(num_classes)
    y = validation.class_labels(y, num_classes)
    Y = np.zeros((y.size, num_classes))
    Y[np.arange(y.size), y] = 1.0
    return Y


def predict_proba(X, W, b):
    """Return the (m, K) matrix of class probabilities softmax(X·W + b)."""
    X, W, b = _check_model(X, W, b)
    return _softmax(_checked_scores(X, W, b))


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
    return _checked_cost(_checked_scores(X, W, b), y)


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
    ``tol`` works as in ``helpers.logistic.gradient_descent``, and so does a
    too-large learning rate: every entry of P − Y lies between −1 and 1, so each
    update moves W and b by a bounded amount; the cost may spike, oscillate or
    stall, and ``history.message`` says at how many updates it rose, but a run
    never "diverges". Raises ValueError if the numbers leave the range of floats.
    """
    X, y, W, b = _check_data(X, y, W, b)
    validation.require_finite_rows(X)
    alpha = validation.positive_number(alpha, "alpha (the learning rate)")
    num_iters = validation.whole_number(num_iters, "num_iters")
    if tol is not None:
        tol = validation.positive_number(tol, "tol")

    Z = _checked_scores(X, W, b)
    record = logistic.Recorder(W, b, _checked_cost(Z, y), num_iters)
    for k in range(1, num_iters + 1):
        dj_dW, dj_db = _gradient_from_scores(X, y, Z)
        with np.errstate(over="ignore", invalid="ignore"):
            W, b = W - alpha * dj_dW, b - alpha * dj_db
            Z = X @ W + b
        if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b)) and np.all(np.isfinite(Z))):
            raise ValueError(f"gradient descent overflowed at iteration {k}: the scores X·W + b "
                             f"passed the largest 64-bit float (about 1.8e308). Each update moves "
                             f"W by at most alpha times the mean length of a row of X, so "
                             f"alpha = {alpha:g} is too large for data of this scale")
        record.add(W, b, _checked_cost(Z, y))
        if tol is not None and record.change() < tol:
            return W.copy(), b.copy(), record.finish("converged", alpha, tol)
    return W.copy(), b.copy(), record.finish("finished", alpha)


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
    X = validation.matrix(X)
    if num_classes is None:
        labels = validation.class_labels(y)
        num_classes = int(labels.max()) + 1 if labels.size else 0
    num_classes = _check_num_classes(num_classes)
    y = validation.class_labels(y, num_classes)
    validation.same_length(X.shape[0], y)
    alpha = validation.positive_number(alpha, "alpha (the learning rate)")
    num_iters = validation.whole_number(num_iters, "num_iters")
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
    """Return the fraction of predictions equal to the true labels (integer classes 0..K−1)."""
    y_true = validation.class_labels(y_true, name="y_true")
    y_pred = validation.class_labels(y_pred, name="y_pred")
    if y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError(f"y_true and y_pred must be 1-D arrays of the same non-zero length; "
                         f"got shapes {y_true.shape} and {y_pred.shape}")
    return float(np.mean(y_true == y_pred))


# ---------------------------------------------------------------------------
# Unchecked building blocks (inputs already validated)
# ---------------------------------------------------------------------------


def _softmax(Z):
    """softmax along the last axis for finite Z (see ``softmax``)."""
    with np.errstate(over="ignore"):     # Z − max may pass −1.8e308: e^(−inf) = 0, exactly right
        exps = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def _logsumexp(Z):
    """log Σ_k e^(Z_k) along the last axis, kept as a column: max + log Σ e^(Z − max)."""
    top = Z.max(axis=-1, keepdims=True)
    with np.errstate(over="ignore"):     # as in _softmax; the log of a sum in [1, K] is small
        return top + np.log(np.exp(Z - top).sum(axis=-1, keepdims=True))


def _cost_from_scores(Z, y):
    """Mean cross-entropy from the scores Z (m, K) and integer labels y; inf if it overflows."""
    rows = np.arange(y.size)
    with np.errstate(over="ignore", invalid="ignore"):   # a loss beyond 1.8e308 becomes inf
        losses = _logsumexp(Z)[:, 0] - Z[rows, y]
    return float(logistic.mean_over_last_axis(losses))


def _checked_cost(Z, y):
    """``_cost_from_scores``, raising a clear error when a loss is beyond the largest float."""
    J = _cost_from_scores(Z, y)
    if not np.isfinite(J):
        raise ValueError("the cost overflowed: a score of the true class lies more than about "
                         "1.8e308 below its row's largest; expected X, W and b of a sensible size")
    return J


def _gradient_from_scores(X, y, Z):
    """(1/m) Xᵀ(P − Y) and the mean of P − Y, from the scores Z."""
    m = X.shape[0]
    error = _softmax(Z)
    error[np.arange(m), y] -= 1.0          # P − Y without building Y
    return logistic.mean_feature_error(X, error), error.sum(axis=0) / m


# ---------------------------------------------------------------------------
# Input checks: every message says what was wrong and what was expected
# ---------------------------------------------------------------------------


def _check_scores(Z):
    """Z as a finite float array of shape (K,) or (m, K) with K ≥ 1, or raise."""
    Z = validation.finite_array(Z, "Z")
    if Z.ndim not in (1, 2) or Z.shape[-1] == 0:
        raise ValueError(f"Z must be a row of K scores (K,) or a matrix (m, K); got shape {Z.shape}")
    return Z


def _check_model(X, W, b):
    """Validate X (m, n), W (n, K) with K ≥ 2 and b (K,); return them as floats."""
    X = validation.matrix(X)
    W = validation.finite_array(W, "W")
    n = X.shape[1]
    if W.ndim != 2 or W.shape[0] != n:
        raise ValueError(f"W must have shape ({n}, K): one row per column of X and one column "
                         f"per class; got shape {W.shape}")
    K = _check_num_classes(W.shape[1], "W's number of columns (classes)")
    b = validation.finite_array(b, "b")
    if b.shape != (K,):
        raise ValueError(f"b must have shape ({K},), one bias per class (column of W); "
                         f"got shape {b.shape}")
    return X, W, b


def _check_data(X, y, W, b):
    """Validate X, y, W, b together; return them with y as an int array."""
    X, W, b = _check_model(X, W, b)
    y = validation.class_labels(y, W.shape[1])
    validation.same_length(X.shape[0], y)
    return X, y, W, b


def _check_num_classes(K, name="num_classes"):
    """Return K as an int if it is a whole number ≥ 2, else raise."""
    return validation.whole_number(K, name, minimum=2)


def _checked_scores(X, W, b):
    """Z = X·W + b, raising if it is not finite (X holds NaN/inf, or an overflow)."""
    with np.errstate(invalid="ignore", over="ignore"):
        Z = X @ W + b
    if not np.all(np.isfinite(Z)):
        validation.require_finite_rows(X)
        raise ValueError("X·W + b overflowed: the values of X, W or b are too large "
                         "(around 1e308); expected values of a sensible size")
    return Z
