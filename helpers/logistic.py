"""Binary logistic regression, written the way the notebooks write the math.

Conventions used everywhere in the course:

* ``X`` is an (m, n) array: m examples, n features.
* ``y`` is an (m,) array of labels, each 0 or 1.
* ``w`` is an (n,) weight vector and ``b`` a scalar bias.
* The model is  f = σ(z)  with  z = X·w + b.

Only numpy is used, so a learner can read every line. Functions check their
inputs and raise ``ValueError`` with a message saying what was expected.
"""

from dataclasses import dataclass

import numpy as np


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------

def sigmoid(z):
    """Return σ(z) = 1 / (1 + e^(−z)), elementwise, without overflow.

    e^(−z) overflows for large negative z, so we only ever take e^(−|z|),
    which lies in (0, 1]:  for z ≥ 0, σ(z) = 1 / (1 + e^(−z));
    for z < 0, σ(z) = e^z / (1 + e^z).  Both are the same function.
    """
    return _sigmoid(_as_finite_array(z, "z"))


def predict_proba(X, w, b):
    """Return P(y = 1 | x) = σ(X·w + b) for every row of X, shape (m,)."""
    X, w, b = _check_model(X, w, b)
    return sigmoid(_checked_linear(X, w, b))


def predict(X, w, b, threshold=0.5):
    """Return the predicted label (0 or 1) of every row of X: 1 where f ≥ threshold."""
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must lie strictly between 0 and 1; got {threshold!r}")
    return (predict_proba(X, w, b) >= threshold).astype(int)


# ---------------------------------------------------------------------------
# The cost and its gradient
# ---------------------------------------------------------------------------

def cost(X, y, w, b, lambda_=0.0):
    """Return the mean binary cross-entropy J(w, b).

    J = −(1/m) Σ [ y log f + (1 − y) log(1 − f) ],  f = σ(z).

    With ``lambda_`` > 0 the L2 penalty (λ / 2m) Σ w_j² is added (b is not penalised).

    We use −log σ(z) = log(1 + e^(−z)) and −log(1 − σ(z)) = log(1 + e^z),
    computed by ``np.logaddexp(0, ·)``, so J stays finite even when f
    rounds to exactly 0 or 1.
    """
    X, y, w, b = _check_data(X, y, w, b)
    lambda_ = _check_penalty(lambda_)
    z = _checked_linear(X, w, b)
    return _cost_from_z(z, y) + _penalty(w, lambda_, X.shape[0])


def gradient(X, y, w, b, lambda_=0.0):
    """Return (∂J/∂w, ∂J/∂b) as a pair: an (n,) array and a float.

    ∂J/∂w = (1/m) Xᵀ (f − y),   ∂J/∂b = (1/m) Σ (f − y).

    With ``lambda_`` > 0, ∂J/∂w gains the penalty's term (λ/m) w.

    For large X the sums run over blocks of rows (``_gradient_by_blocks``):
    the same numbers, computed while each block of X is still in the CPU cache.
    """
    X, y, w, b = _check_data(X, y, w, b)
    lambda_ = _check_penalty(lambda_)
    dj_dw, dj_db = _gradient_by_blocks(X, y, w, b)
    _check_finite_result(X, dj_dw)
    if lambda_:
        dj_dw += (lambda_ / X.shape[0]) * w
    return dj_dw, dj_db


def gradient_loop(X, y, w, b):
    """Return the same gradient as ``gradient``, one example at a time.

    This is the per-example loop from the lab: slow, but each line is one
    term of the sum. Notebook 03 compares it with the vectorised form.
    """
    X, y, w, b = _check_data(X, y, w, b)
    m, n = X.shape
    dj_dw = np.zeros(n)
    dj_db = 0.0
    for i in range(m):
        error = sigmoid(X[i] @ w + b) - y[i]
        for j in range(n):
            dj_dw[j] += error * X[i, j]
        dj_db += error
    return dj_dw / m, float(dj_db / m)


# ---------------------------------------------------------------------------
# Gradient descent
# ---------------------------------------------------------------------------

@dataclass
class History:
    """What happened during a gradient-descent run.

    Entry k of ``cost``, ``w`` and ``b`` is the state after k updates, so
    entry 0 is the starting point and entry ``iterations`` the end.

    ``status`` is one of:
      * "finished"  – all requested iterations ran;
      * "converged" – stopped early because the cost changed by less than tol;
      * "diverged"  – stopped early because the cost blew up (see ``message``).
    """

    cost: np.ndarray
    w: np.ndarray
    b: np.ndarray
    status: str
    message: str

    @property
    def iterations(self):
        """Number of updates that were made."""
        return len(self.cost) - 1

    @property
    def diverged(self):
        """True when the run stopped because the cost blew up."""
        return self.status == "diverged"


# A run counts as diverged when the cost grows past this many times the
# larger of its starting value and log 2 (the cost of predicting 0.5).
DIVERGENCE_FACTOR = 10.0


def gradient_descent(X, y, w, b, alpha, num_iters, tol=None, lambda_=0.0):
    """Run batch gradient descent from (w, b); return (w, b, history).

    Each step:  w ← w − α ∂J/∂w,   b ← b − α ∂J/∂b.

    ``lambda_`` (optional): strength of the L2 penalty, as in ``cost``.

    ``tol`` (optional): stop as soon as one update changes the cost by less
    than ``tol``; the history's status is then "converged".

    Divergence never raises: if the cost becomes non-finite or grows past
    ``DIVERGENCE_FACTOR`` × max(starting cost, log 2), the run stops, the
    returned (w, b) are the last parameters whose cost was still finite, and
    ``history.status == "diverged"`` with ``history.message`` saying where
    and why. A notebook can simply ``print(history.message)``.
    """
    X, y, w, b = _check_data(X, y, w, b)
    _check_finite_X(X)  # one full scan of X, paid once per run
    alpha = _check_positive(alpha, "alpha (the learning rate)")
    num_iters = _check_iterations(num_iters)
    if tol is not None:
        tol = _check_positive(tol, "tol")
    lambda_ = _check_penalty(lambda_)
    m = X.shape[0]

    def penalty(w):
        return _penalty(w, lambda_, m)

    ws = np.empty((num_iters + 1, w.size))
    bs = np.empty(num_iters + 1)
    costs = np.empty(num_iters + 1)
    z = _linear(X, w, b)  # kept between steps: each step reads X twice, not three times
    ws[0], bs[0], costs[0] = w, b, _cost_from_z(z, y) + penalty(w)
    limit = DIVERGENCE_FACTOR * max(costs[0], np.log(2))
    status = "finished"

    k = 0
    for k in range(1, num_iters + 1):
        dj_dw, dj_db = _gradient_from_z(X, y, z)
        if lambda_:
            dj_dw = dj_dw + (lambda_ / m) * w
        new_w, new_b = w - alpha * dj_dw, b - alpha * dj_db
        with np.errstate(over="ignore", invalid="ignore"):
            new_z = _linear(X, new_w, new_b)
            new_cost = _cost_from_z(new_z, y) + penalty(new_w)
        if not np.isfinite(new_cost) or new_cost > limit:
            status, k = "diverged", k - 1
            break
        w, b, z = new_w, new_b, new_z
        ws[k], bs[k], costs[k] = w, b, new_cost
        if tol is not None and abs(costs[k - 1] - costs[k]) < tol:
            status = "converged"
            break
    history = finish_history(costs, ws, bs, k, status, alpha, tol,
                             rejected_cost=new_cost if status == "diverged" else None)
    return w.copy(), float(b), history


def finish_history(costs, ws, bs, k, status, alpha, tol=None, rejected_cost=None):
    """Return the History of a run that made k updates and ended with ``status``.

    Shared by every gradient-descent loop of the course (here and in
    ``helpers.softmax``), so all of them report their end in the same words.
    ``rejected_cost`` is the cost of the step that was refused when diverging.
    """
    if status == "diverged":
        message = (f"Diverged at iteration {k + 1}: the cost rose from {costs[0]:.4g} "
                   f"to {rejected_cost:.4g}. The learning rate alpha={alpha:g} is too large; "
                   f"try a smaller one.")
    elif status == "converged":
        message = (f"Converged after {k} iterations: the cost changed by less than "
                   f"tol={tol:g}; final cost {costs[k]:.6g}.")
    else:
        message = f"Finished {k} iterations; final cost {costs[k]:.6g}."
    return History(cost=costs[:k + 1].copy(), w=ws[:k + 1].copy(), b=bs[:k + 1].copy(),
                   status=status, message=message)


# ---------------------------------------------------------------------------
# Cost surfaces (notebooks 05 and 09)
# ---------------------------------------------------------------------------

def cost_grid(X, y, w_values, b_values):
    """Return J(w, b) for one feature at every pair of a grid, shape (len(b_values), len(w_values)).

    Entry [i, j] is ``cost(X, y, [w_values[j]], b_values[i])``: rows follow b and
    columns follow w, as ``np.meshgrid(w_values, b_values)`` lays them out, so the
    result can go straight to ``contourf(W, B, J)``. Computed by broadcasting:
    z has shape (len(b_values), len(w_values), m) and the mean runs over the last axis.
    """
    n = np.shape(X)[1] if np.ndim(X) == 2 else 1  # a stand-in w so _check_data can run
    X, y, _, _ = _check_data(X, y, np.zeros(n), 0.0)
    if X.shape[1] != 1:
        raise ValueError(f"cost_grid needs exactly one feature: X must have shape (m, 1); "
                         f"got shape {X.shape}")
    _check_finite_X(X)
    w_values = _check_grid_axis(w_values, "w_values")
    b_values = _check_grid_axis(b_values, "b_values")
    with np.errstate(over="ignore", invalid="ignore"):
        z = w_values[None, :, None] * X[:, 0] + b_values[:, None, None]
    if not np.all(np.isfinite(z)):
        raise ValueError("w·x + b overflowed on the grid: the values of X, w_values or b_values "
                         "are too large (around 1e308); expected values of a sensible size")
    return np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z), axis=-1)


def weight_cost_grid(X, y, w1_values, w2_values, b, lambda_=0.0):
    """Return J(w1, w2, b) for two features at every pair of a grid of the two weights, b fixed.

    Shape (len(w2_values), len(w1_values)): entry [i, j] is
    ``cost(X, y, [w1_values[j], w2_values[i]], b, lambda_)``, rows following w2 and columns
    w1 as ``np.meshgrid(w1_values, w2_values)`` lays them out, so the result goes straight to
    ``contour(w1_values, w2_values, J)``. Computed by broadcasting, like ``cost_grid``.
    """
    n = np.shape(X)[1] if np.ndim(X) == 2 else 1  # a stand-in w so _check_data can run
    X, y, _, b = _check_data(X, y, np.zeros(n), b)
    if X.shape[1] != 2:
        raise ValueError(f"weight_cost_grid needs exactly two features: X must have shape "
                         f"(m, 2); got shape {X.shape}")
    _check_finite_X(X)
    lambda_ = _check_penalty(lambda_)
    w1 = _check_grid_axis(w1_values, "w1_values")
    w2 = _check_grid_axis(w2_values, "w2_values")
    with np.errstate(over="ignore", invalid="ignore"):
        z = w1[None, :, None] * X[:, 0] + w2[:, None, None] * X[:, 1] + b
    if not np.all(np.isfinite(z)):
        raise ValueError("w·x + b overflowed on the grid: the values of X, w1_values, "
                         "w2_values or b are too large; expected values of a sensible size")
    J = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z), axis=-1)
    return J + lambda_ / (2 * X.shape[0]) * (w1[None, :] ** 2 + w2[:, None] ** 2)


def _check_grid_axis(values, name):
    """Return values as a 1-D float array of finite numbers with at least one entry."""
    values = _as_finite_array(values, name)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of numbers; "
                         f"got shape {values.shape}")
    return values


# ---------------------------------------------------------------------------
# Unchecked building blocks (inputs already validated)
# ---------------------------------------------------------------------------

def _sigmoid(z):
    """σ(z) for a float array z already known to be finite (see ``sigmoid``).

    With e = e^(−|z|):  σ(|z|) = 1 / (1 + e), and for z < 0,
    σ(z) = e / (1 + e) = e · σ(|z|).
    """
    e = np.exp(-np.abs(z))
    s = 1 / (1 + e)
    return np.where(z >= 0, s, e * s)


def _linear(X, w, b):
    """z = X·w + b."""
    return X @ w + b


def _cost_from_z(z, y):
    """Mean cross-entropy from the logits z, stable for any finite z."""
    losses = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    return float(losses.sum() / losses.size)  # the mean (np.mean is slow on short arrays)


def _penalty(w, lambda_, m):
    """The L2 penalty (λ / 2m) Σ w_j²; zero when λ is zero."""
    return float(lambda_ / (2 * m) * (w @ w)) if lambda_ else 0.0


# Rows per block in ``_gradient_by_blocks``: a block of X (8192 × n floats) stays in
# the CPU cache between its two products, and is small enough that BLAS does not
# start threads for it.
ROWS_PER_BLOCK = 8192


def _gradient_by_blocks(X, y, w, b):
    """The gradient as a sum over blocks of rows: Xᵀ(f − y) = Σ_blocks X_blockᵀ (f − y)_block.

    Each block is read from memory once, for z, and is still in the cache when
    it is read again for X_blockᵀ(f − y)_block; no array of length m is made.
    """
    m, n = X.shape
    sum_dw, sum_db = np.zeros(n), 0.0
    for start in range(0, m, ROWS_PER_BLOCK):
        rows = slice(start, start + ROWS_PER_BLOCK)
        with np.errstate(invalid="ignore", over="ignore"):
            z = _linear(X[rows], w, b)
        if not np.all(np.isfinite(z)):
            _check_finite_result(X, z)
        error = _sigmoid(z) - y[rows]
        sum_dw += X[rows].T @ error
        sum_db += error.sum()
    return sum_dw / m, float(sum_db / m)


def _gradient_from_z(X, y, z):
    """The vectorised gradient given z = X·w + b: one more pass over X, for Xᵀ(f − y)."""
    m = X.shape[0]
    error = _sigmoid(z) - y
    return (X.T @ error) / m, float(error.sum() / m)


# ---------------------------------------------------------------------------
# Input checks: every message says what was wrong and what was expected
# ---------------------------------------------------------------------------

def _as_finite_array(value, name):
    """Return value as a float array, or raise if it is not numeric and finite."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must contain numbers; got {value!r}") from None
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values; expected finite numbers")
    return array


def _check_matrix(X):
    """Return X as a 2-D float array with at least one row, or raise.

    Used by every module of the course that takes a data matrix X.
    """
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("X must be a 2-D array of numbers, shape (m, n)") from None
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (m, n); got shape {X.shape}. "
                         "For a single feature use X.reshape(-1, 1).")
    if X.shape[0] == 0:
        raise ValueError("X must have at least one row (example), m ≥ 1; got 0 rows")
    return X


def _check_model(X, w, b):
    """Validate X (m, n), w (n,) and scalar b; return them as floats."""
    X = _check_matrix(X)
    w = _as_finite_array(w, "w")
    n = X.shape[1]
    if w.shape != (n,):
        raise ValueError(f"w must have shape ({n},) to match the {n} columns of X; "
                         f"got shape {w.shape}")
    b = _as_finite_array(b, "b")
    if b.ndim != 0:
        raise ValueError(f"b must be a single number; got an array of shape {b.shape}")
    # Checking X for NaN/inf would cost a full extra pass over X; instead
    # callers check z = X·w + b, which is non-finite exactly when X is.
    return X, w, float(b)


def _check_data(X, y, w, b):
    """Validate X, y, w, b together; return them as float arrays and a float."""
    X, w, b = _check_model(X, w, b)
    try:
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("y must be an array of the labels 0 and 1") from None
    m = X.shape[0]
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D with shape ({m},); got shape {y.shape}. "
                         "A column vector can be flattened with y.ravel().")
    if y.shape[0] != m:
        raise ValueError(f"X has {m} rows but y has {y.shape[0]} labels; "
                         "expected one label per row of X")
    bad = y[(y != 0) & (y != 1)]
    if bad.size:
        shown = np.unique(bad)[:5]
        raise ValueError(f"y must contain only the labels 0 and 1; got {shown}")
    return X, y, w, b


def _checked_linear(X, w, b):
    """z = X·w + b, raising if it is not finite.

    With finite w and b, z is non-finite when X holds NaN or inf, so checking
    z costs m comparisons instead of a full extra pass over X.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        z = _linear(X, w, b)
    _check_finite_result(X, z)
    return z


def _check_finite_result(X, result):
    """Raise a clear error if result is not finite: name X's bad rows, or overflow."""
    if np.all(np.isfinite(result)):
        return
    _check_finite_X(X)
    raise ValueError("X·w + b overflowed: the values of X, w or b are too large "
                     "(around 1e308); expected values of a sensible size")


def _check_finite_X(X):
    """Raise if X holds NaN or infinite values, naming the first bad rows."""
    bad_rows = np.unique(np.nonzero(~np.isfinite(X))[0])
    if bad_rows.size:
        more = " ..." if bad_rows.size > 5 else ""
        raise ValueError(f"X contains NaN or infinite values (rows {bad_rows[:5].tolist()}{more}); "
                         "expected finite numbers")


def _check_positive(value, name):
    """Return value as a float if it is a positive finite number, else raise."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive finite number; got {value!r}") from None
    if not (np.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a positive finite number; got {value!r}")
    return number


def _check_penalty(lambda_):
    """Return lambda_ as a float if it is a finite number ≥ 0, else raise."""
    try:
        number = float(lambda_)
    except (TypeError, ValueError):
        raise ValueError(f"lambda_ (the L2 penalty) must be a finite number ≥ 0; "
                         f"got {lambda_!r}") from None
    if not (np.isfinite(number) and number >= 0):
        raise ValueError(f"lambda_ (the L2 penalty) must be a finite number ≥ 0; got {lambda_!r}")
    return number


def _check_iterations(num_iters):
    """Return num_iters as an int if it is a whole number ≥ 1, else raise."""
    if isinstance(num_iters, bool) or not float(num_iters).is_integer() or num_iters < 1:
        raise ValueError(f"num_iters must be a whole number of at least 1; got {num_iters!r}")
    return int(num_iters)
