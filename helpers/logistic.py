"""Binary logistic regression, written the way the notebooks write the math.

Conventions used everywhere in the course:

* ``X`` is an (m, n) array: m examples, n features.
* ``y`` is an (m,) array of labels, each 0 or 1.
* ``w`` is an (n,) weight vector and ``b`` a scalar bias.
* The model is  f = σ(z)  with  z = X·w + b.

Only numpy is used, so a learner can read every line. Every function checks its
arguments with ``helpers.validation``: a bad one raises a ValueError (or, for the
wrong kind of thing such as a string or None, a TypeError) that names it and says
what was expected. No warning escapes for any finite input.
"""

import math
from dataclasses import dataclass

import numpy as np

from helpers import validation


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------

def sigmoid(z):
    """Return σ(z) = 1 / (1 + e^(−z)), elementwise, without overflow.

    e^(−z) overflows for large negative z, so we only ever take e^(−|z|),
    which lies in (0, 1]:  for z ≥ 0, σ(z) = 1 / (1 + e^(−z));
    for z < 0, σ(z) = e^z / (1 + e^z).  Both are the same function.
    """
    return _sigmoid(validation.finite_array(z, "z"))


def predict_proba(X, w, b):
    """Return P(y = 1 | x) = σ(X·w + b) for every row of X, shape (m,)."""
    X, w, b = validation.linear_model(X, w, b)
    return _sigmoid(_checked_linear(X, w, b))


def predict(X, w, b, threshold=0.5):
    """Return the predicted label (0 or 1) of every row of X: 1 where f ≥ threshold."""
    threshold = validation.open_unit_number(threshold, "threshold")
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
    X, y, w, b = validation.labelled_data(X, y, w, b)
    lambda_ = _check_penalty(lambda_)
    z = _checked_linear(X, w, b)
    return _total_cost(z, y, w, lambda_)


def gradient(X, y, w, b, lambda_=0.0):
    """Return (∂J/∂w, ∂J/∂b) as a pair: an (n,) array and a float.

    ∂J/∂w = (1/m) Xᵀ (f − y),   ∂J/∂b = (1/m) Σ (f − y).

    With ``lambda_`` > 0, ∂J/∂w gains the penalty's term (λ/m) w.

    For large X the sums run over blocks of rows (``_gradient_by_blocks``):
    the same numbers, computed while each block of X is still in the CPU cache.
    Since |f − y| < 1, each entry of ∂J/∂w is at most the largest |x_ij|, so it
    is always representable; it is computed without overflow even when X holds
    numbers near the largest float.
    """
    X, y, w, b = validation.labelled_data(X, y, w, b)
    lambda_ = _check_penalty(lambda_)
    dj_dw, dj_db = _gradient_by_blocks(X, y, w, b)
    if lambda_:
        dj_dw += _penalty_gradient(w, lambda_, X.shape[0])
    return dj_dw, dj_db


def gradient_loop(X, y, w, b):
    """Return the same gradient as ``gradient``, one example at a time.

    This is the per-example loop from the lab: slow, but each line is one
    term of the sum. Notebook 03 compares it with the vectorised form.
    """
    X, y, w, b = validation.labelled_data(X, y, w, b)
    if _sums_could_overflow(X, w, b):   # numbers near 1e308 (or NaN): the vectorised
        return gradient(X, y, w, b)     # version handles them, with the same errors
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
# Means that cannot overflow (used by the cost and gradient here and in helpers.softmax)
# ---------------------------------------------------------------------------

def mean_over_last_axis(values):
    """The mean of finite values over the last axis, never overflowing.

    The mean of finite numbers always fits in a float, but their sum may not (two
    losses of 1e308). Then the values are halved and divided by their count before
    they are added, so that no partial sum can overflow, and the result is kept within
    the values' own range, which rounding could otherwise leave by one unit.
    """
    with np.errstate(over="ignore"):
        return _mean_over_last_axis(values)


def mean_feature_error(X, error):
    """(1/m) Xᵀ·error for errors between −1 and 1 (f − y, or P − Y), never overflowing.

    Entry j is the mean over the examples of x_ij times an error of size at most 1,
    so it is never larger than the largest |x_ij| and always fits in a float. When
    the plain sum overflows, X is halved and the errors divided by m first, so that
    no partial sum can overflow; the result is kept within that bound.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return _mean_feature_error(X, error)


def _mean_over_last_axis(values):
    """``mean_over_last_axis`` for a caller that already ignores overflow (np.errstate)."""
    count = values.shape[-1]
    mean = values.sum(axis=-1) / count   # the mean (np.mean is slow on short arrays)
    if np.isfinite(mean).all() or not np.isfinite(values).all():
        return mean
    half = (values / 2 / count).sum(axis=-1)
    return np.clip(half, values.min(axis=-1) / 2, values.max(axis=-1) / 2) * 2


def _mean_feature_error(X, error):
    """``mean_feature_error`` for a caller that already ignores overflow (np.errstate)."""
    m = X.shape[0]
    result = (X.T @ error) / m
    if np.isfinite(result).all():
        return result
    half = (X / 2).T @ (error / m)
    bound = np.max(np.abs(X), axis=0) / 2
    bound = bound if half.ndim == 1 else bound[:, None]
    return np.clip(half, -bound, bound) * 2


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
      * "diverged"  – stopped early because the weights provably grow without bound
        (see ``gradient_descent`` for when that can happen, and ``message``).
    ``helpers.newton`` adds "ill-conditioned" (see ``newton_method``).

    ``rises`` counts the updates at which the cost went up (by more than rounding):
    a sign that the learning rate overshoots.
    """

    cost: np.ndarray
    w: np.ndarray
    b: np.ndarray
    status: str
    message: str
    rises: int = 0

    @property
    def iterations(self):
        """Number of updates that were made."""
        return len(self.cost) - 1

    @property
    def diverged(self):
        """True when the run stopped because the weights grow without bound."""
        return self.status == "diverged"


# A rise of the cost counts (History.rises) when it exceeds this fraction of the
# cost: far above the rounding of a mean of losses (about 1e-16 of it), far below
# any rise a learning rate causes.
ROUNDING_RISE = 1e-12

# The recorder first makes room for this many updates, then doubles as needed, so
# a huge num_iters with tol costs only the memory of the updates actually made.
FIRST_CHUNK = 1024


class Recorder:
    """The cost and parameters after every update of a run, in arrays that grow.

    Shared by every gradient-descent loop of the course (here and in
    ``helpers.softmax``), so all of them record and report in the same way.
    """

    def __init__(self, w, b, start_cost, num_iters):
        capacity = min(num_iters + 1, FIRST_CHUNK)
        self.limit = num_iters + 1
        self.ws = np.empty((capacity, *np.shape(w)))
        self.bs = np.empty((capacity, *np.shape(b)))
        self.costs = np.empty(capacity)
        self.k, self.rises = 0, 0
        self.ws[0], self.bs[0], self.costs[0] = w, b, start_cost

    def add(self, w, b, cost):
        """Record the state after one more update."""
        k = self.k + 1
        if k == len(self.costs):
            self._grow()
        self.ws[k], self.bs[k], self.costs[k] = w, b, cost
        if cost - self.costs[k - 1] > ROUNDING_RISE * abs(self.costs[k - 1]):
            self.rises += 1
        self.k = k

    def change(self):
        """|J_k − J_(k−1)|: how much the last update changed the cost."""
        return abs(self.costs[self.k - 1] - self.costs[self.k])

    def history(self, status, message):
        """The History of the updates recorded so far."""
        end = self.k + 1
        return History(cost=self.costs[:end].copy(), w=self.ws[:end].copy(),
                       b=self.bs[:end].copy(), status=status, message=message,
                       rises=self.rises)

    def finish(self, status, alpha, tol=None):
        """The History of a run that ended "finished" or "converged", with its message."""
        k, final = self.k, self.costs[self.k]
        if status == "converged":
            message = (f"Converged after {_count(k, 'iteration')}: the cost changed by less "
                       f"than tol = {tol:.0e}; final cost {final:.4g}")
        else:
            message = f"Finished {_count(k, 'iteration')}; final cost {final:.4g}"
        return self.history(status, message + self.rises_note(alpha) + ".")

    def rises_note(self, alpha):
        """'; the cost rose at r of the k updates (...)' when it rose, else ''."""
        if not self.rises:
            return ""
        return (f"; the cost rose at {self.rises} of the {_count(self.k, 'update')} "
                f"(α = {alpha:g} overshoots)")

    def _grow(self):
        capacity = min(2 * len(self.costs), self.limit)
        for name in ("ws", "bs", "costs"):
            old = getattr(self, name)
            new = np.empty((capacity, *old.shape[1:]))
            new[:len(old)] = old
            setattr(self, name, new)


def gradient_descent(X, y, w, b, alpha, num_iters, tol=None, lambda_=0.0):
    """Run batch gradient descent from (w, b); return (w, b, history).

    Each step:  w ← w − α ∂J/∂w,   b ← b − α ∂J/∂b.

    ``lambda_`` (optional): strength of the L2 penalty, as in ``cost``.

    ``tol`` (optional): stop as soon as one update changes the cost by less
    than ``tol``; the history's status is then "converged". The history grows
    as the run goes, so a huge ``num_iters`` with ``tol`` costs only the memory
    of the updates made (n + 2 numbers each).

    What a too-large learning rate does. The error f − y of every example lies
    between −1 and 1, so ∂J/∂w without the penalty is never longer than G, the
    mean length of a row of X: each update moves w by at most α·G and b by at
    most α. A too-large α makes the cost spike and recover, oscillate, or stall;
    it cannot make the parameters explode, so without a penalty a run never
    "diverges". ``history.message`` says how many updates raised the cost.

    With a penalty the update is  w ← c·w − α ∂J_data/∂w  with c = 1 − αλ/m.
    When αλ/m > 2, |c| > 1, and once ‖w‖ passes R = αG / (αλ/m − 2) every update
    gives ‖w‖ − R ≥ |c| (‖w‖ − R): ‖w‖, and the cost with it, grow geometrically
    for ever. That is the one criterion for "diverged": the run stops there, with
    the last parameters whose cost is finite. It is a proof, so it never stops a
    run that would converge. With αλ/m < 2 the weights stay bounded, and at exactly 2
    they grow at most linearly.

    Raises ValueError for bad arguments, for a starting point whose cost cannot
    be computed (as ``cost`` does), and when the numbers leave the range of
    64-bit floats (a learning rate or data near 1e308).
    """
    X, y, w, b = validation.labelled_data(X, y, w, b)
    validation.require_finite_rows(X)  # one full scan of X, paid once per run
    alpha = validation.positive_number(alpha, "alpha (the learning rate)")
    num_iters = validation.whole_number(num_iters, "num_iters")
    if tol is not None:
        tol = validation.positive_number(tol, "tol")
    lambda_ = _check_penalty(lambda_)
    m = X.shape[0]
    runaway = _runaway_radius(X, alpha, lambda_)

    z = _checked_linear(X, w, b)  # kept between steps: each step reads X twice, not three times
    record = Recorder(w, b, _total_cost(z, y, w, lambda_), num_iters)
    with np.errstate(over="ignore", invalid="ignore"):   # an overflow shows in the cost
        for k in range(1, num_iters + 1):
            error = _sigmoid(z) - y
            dj_dw, dj_db = _mean_feature_error(X, error), float(error.sum() / m)
            if lambda_:
                dj_dw = dj_dw + _penalty_gradient(w, lambda_, m)
            w, b = w - alpha * dj_dw, b - alpha * dj_db
            if runaway is not None and _length(w) > runaway:
                return _diverged(X, y, w, b, record, alpha, lambda_, runaway)
            z = _linear(X, w, b)
            J = float(_mean_over_last_axis(_losses(z, y)))
            if not math.isfinite(J):       # w, b or z left the range of floats
                raise _overflow_error(w, b, dj_dw, dj_db, k, alpha)
            record.add(w, b, _total_cost(z, y, w, lambda_, J) if lambda_ else J)
            if tol is not None and record.change() < tol:
                return w.copy(), float(b), record.finish("converged", alpha, tol)
    return w.copy(), float(b), record.finish("finished", alpha)


def _runaway_radius(X, alpha, lambda_):
    """R = αG / (αλ/m − 2) when αλ/m > 2 (see ``gradient_descent``), else None.

    G, the mean length of a row of X, bounds ‖∂J/∂w‖ without the penalty.
    """
    m = X.shape[0]
    shrink = alpha * lambda_ / m
    if shrink <= 2:
        return None
    top = np.max(np.abs(X), initial=0.0)
    if top == 0:
        return 0.0
    mean_row_length = top * float(np.mean(np.sqrt(np.sum((X / top) ** 2, axis=1))))
    with np.errstate(over="ignore"):       # inf: no finite ‖w‖ proves divergence
        return float(alpha * mean_row_length / (shrink - 2))


def _length(w):
    """‖w‖, computed with w scaled by its largest entry (inf only if ‖w‖ is beyond floats)."""
    top = np.max(np.abs(w)) if w.size else 0.0
    with np.errstate(over="ignore"):
        return float(top * np.sqrt(np.sum((w / top) ** 2))) if top else 0.0


def _diverged(X, y, w, b, record, alpha, lambda_, runaway):
    """Stop a run whose ‖w‖ has passed the runaway radius; keep w if its cost is finite."""
    m, k = X.shape[0], record.k + 1
    with np.errstate(over="ignore", invalid="ignore"):
        z = _linear(X, w, b)
    if np.all(np.isfinite(z)):
        try:
            record.add(w, b, _total_cost(z, y, w, lambda_))
        except ValueError:
            pass                       # its cost is beyond the largest float: keep the last
    shrink = alpha * lambda_ / m
    message = (f"Diverged at iteration {k}: with α = {alpha:g} and λ = {lambda_:g}, "
               f"αλ/m = {shrink:.3g} > 2, so each update multiplies w by 1 − αλ/m = "
               f"{1 - shrink:.3g}; ‖w‖ = {_length(w):.3g} has passed "
               f"{runaway:.3g}, beyond which it can only grow. The cost went from "
               f"{record.costs[0]:.4g} to {record.costs[record.k]:.4g}. "
               f"Take α below 2m/λ = {2 * m / lambda_:.3g}.")
    w_kept, b_kept = record.ws[record.k], record.bs[record.k]
    return w_kept.copy(), float(b_kept), record.history("diverged", message)


def _count(k, noun):
    """'1 iteration', '300 iterations'."""
    return f"{k} {noun}" if k == 1 else f"{k} {noun}s"


# ---------------------------------------------------------------------------
# Stochastic and mini-batch gradient descent (notebook 15)
# ---------------------------------------------------------------------------

RECORD_CHOICES = ("epoch", "update")


def minibatch_gradient_descent(X, y, w, b, alpha, epochs, batch_size, seed=0, decay=None,
                               lambda_=0.0, average=False, record="epoch"):
    """Run mini-batch gradient descent from (w, b); return (w, b, history).

    An **epoch** is one pass over the m examples. At its start the rows are shuffled
    with ``order = rng.permutation(m)``, where ``rng = np.random.default_rng(seed)`` is
    made once per run; then the shuffled rows are cut into batches of ``batch_size``
    rows, B (the last one is shorter when B does not divide m), and each batch makes
    one update with the gradient of that batch alone:

        ∂J/∂w ≈ (1/|batch|) X_batchᵀ (f_batch − y_batch) + (λ/m) w,
        ∂J/∂b ≈ (1/|batch|) Σ (f_batch − y_batch),

    which is the full gradient ``gradient(X, y, w, b, lambda_)`` on average over the
    batches. B = 1 is stochastic gradient descent, B = m batch gradient descent
    (``gradient_descent``): ⌈m/B⌉ updates per epoch.

    ``decay`` (optional): τ > 0, in updates. Update k (counting from 0) then takes the step
    α_k = α / (1 + k/τ) instead of the constant α.

    ``average``: if True, return and record the mean of the parameters after every
    update so far, w̄_k = (1/k) Σ_{j=1..k} w_j (and b̄_k likewise), instead of the last ones.

    ``record``: "epoch" (default) or "update". Entry k of ``history.cost``, ``history.w``
    and ``history.b`` is the state after k epochs, or after k updates; entry 0 is the
    start. ``history.iterations`` is therefore the number of epochs, or of updates. The
    cost recorded is J(w, b) on the whole of X, with the penalty.

    Checked like ``gradient_descent``; also: ``epochs`` a whole number ≥ 1, ``batch_size``
    a whole number from 1 to m, ``seed`` a whole number ≥ 0, ``average`` True or False.
    With the penalty, α·λ/m must be below 2: otherwise each update multiplies w by
    1 − αλ/m, of size at least 1, and w cannot settle. Raises ValueError when the
    numbers leave the range of 64-bit floats, as ``gradient_descent`` does.
    """
    X, y, w, b = validation.labelled_data(X, y, w, b)
    validation.require_finite_rows(X)
    m = X.shape[0]
    alpha = validation.positive_number(alpha, "alpha (the learning rate)")
    epochs = validation.whole_number(epochs, "epochs")
    batch_size = validation.whole_number(batch_size, "batch_size", maximum=m)
    seed = validation.whole_number(seed, "seed", minimum=0)
    if decay is not None:
        decay = validation.positive_number(decay, "decay (τ, in updates)")
    lambda_ = _check_penalty(lambda_)
    _check_shrink(alpha, lambda_, m)
    if not isinstance(average, (bool, np.bool_)):
        raise validation.ArgumentTypeError(f"average must be True or False; got "
                                           f"{validation.describe(average)}")
    if not (isinstance(record, str) and record in RECORD_CHOICES):
        raise ValueError(f"record must be 'epoch' or 'update'; got {validation.describe(record)}")

    per_epoch = -(-m // batch_size)                          # ⌈m / B⌉ updates per epoch
    start_cost = _total_cost(_checked_linear(X, w, b), y, w, lambda_)
    recorder = Recorder(w, b, start_cost, epochs * (per_epoch if record == "update" else 1))
    run = _MinibatchRun(X, y, w, b, alpha, decay, lambda_, average)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(m)
        X_shuffled, y_shuffled = X[order], y[order]
        for first in range(0, m, batch_size):
            rows = slice(first, first + batch_size)
            run.step(X_shuffled[rows], y_shuffled[rows])
            if record == "update":
                recorder.add(*run.recorded())
        if record == "epoch":
            recorder.add(*run.recorded())
    w, b, J = run.recorded()
    step = "constant α" if decay is None else f"α_k = α/(1 + k/τ), τ = {decay:g}"
    rose = (f"; the cost rose at {recorder.rises} of the {_count(recorder.k, record)}"
            if recorder.rises else "")
    message = (f"Finished {_count(epochs, 'epoch')} of {_count(per_epoch, 'update')} each "
               f"(batch size B = {batch_size}, α = {alpha:g}, {step}"
               f"{', averaged' if average else ''}); final cost {J:.4g}{rose}.")
    return w.copy(), float(b), recorder.history("finished", message)


def _check_shrink(alpha, lambda_, m):
    """Refuse α·λ/m ≥ 2: every update would multiply w by 1 − αλ/m, of size ≥ 1."""
    shrink = alpha * lambda_ / m
    if shrink >= 2:
        raise ValueError(f"alpha·lambda_/m must be below 2; got {alpha:g}·{lambda_:g}/{m} = "
                         f"{shrink:.3g}, so each update multiplies w by 1 − αλ/m = "
                         f"{1 - shrink:.3g} and w cannot settle. Expected alpha below "
                         f"2m/λ = {2 * m / lambda_:.3g}")


class _MinibatchRun:
    """The state of a mini-batch run: the parameters, the update count, their running mean."""

    def __init__(self, X, y, w, b, alpha, decay, lambda_, average):
        self.X, self.y, self.m = X, y, X.shape[0]
        self.w, self.b, self.k = w, b, 0
        self.alpha, self.decay, self.lambda_ = alpha, decay, lambda_
        self.average = average
        self.w_mean, self.b_mean = w, b
        self.dj_dw, self.dj_db = np.zeros_like(w), 0.0     # the last update's gradient

    def step(self, X_batch, y_batch):
        """One update with the gradient of one batch: w ← w − α_k ∂J_batch/∂w, b likewise."""
        alpha_k = self.alpha if self.decay is None else self.alpha / (1 + self.k / self.decay)
        # An overflow (only for numbers near 1e308) shows as inf or NaN in ``recorded``.
        with np.errstate(over="ignore", invalid="ignore"):
            error = _sigmoid(_linear(X_batch, self.w, self.b)) - y_batch
            self.dj_dw = (X_batch.T @ error) / error.size
            self.dj_db = float(error.sum() / error.size)
            if self.lambda_:
                self.dj_dw = self.dj_dw + (self.lambda_ / self.m) * self.w
            self.w = self.w - alpha_k * self.dj_dw
            self.b = self.b - alpha_k * self.dj_db
            self.k += 1
            if self.average:        # w̄_k = w̄_(k−1) + (w_k − w̄_(k−1)) / k
                self.w_mean = self.w_mean + (self.w - self.w_mean) / self.k
                self.b_mean = self.b_mean + (self.b - self.b_mean) / self.k

    def recorded(self):
        """(w, b, J) of what the run reports: the last parameters, or their mean.

        Raises ValueError (as ``gradient_descent`` does) if they left the range of floats.
        """
        w, b = (self.w_mean, self.b_mean) if self.average else (self.w, self.b)
        with np.errstate(over="ignore", invalid="ignore"):
            z = _linear(self.X, w, b)
        if not np.all(np.isfinite(z)):
            raise _overflow_error(self.w, self.b, self.dj_dw, self.dj_db, self.k, self.alpha)
        return w, b, _total_cost(z, self.y, w, self.lambda_)


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
    X = validation.finite_matrix(X)
    y = validation.binary_labels(y)
    validation.same_length(X.shape[0], y)
    if X.shape[1] != 1:
        raise ValueError(f"cost_grid needs exactly one feature: X must have shape (m, 1); "
                         f"got shape {X.shape}")
    w_values = _check_grid_axis(w_values, "w_values")
    b_values = _check_grid_axis(b_values, "b_values")
    with np.errstate(over="ignore", invalid="ignore"):
        z = w_values[None, :, None] * X[:, 0] + b_values[:, None, None]
    if not np.all(np.isfinite(z)):
        raise ValueError("w·x + b overflowed on the grid: the values of X, w_values or b_values "
                         "are too large (around 1e308); expected values of a sensible size")
    return mean_over_last_axis(_losses(z, y))


def weight_cost_grid(X, y, w1_values, w2_values, b, lambda_=0.0):
    """Return J(w1, w2, b) for two features at every pair of a grid of the two weights, b fixed.

    Shape (len(w2_values), len(w1_values)): entry [i, j] is
    ``cost(X, y, [w1_values[j], w2_values[i]], b, lambda_)``, rows following w2 and columns
    w1 as ``np.meshgrid(w1_values, w2_values)`` lays them out, so the result goes straight to
    ``contour(w1_values, w2_values, J)``. Computed by broadcasting, like ``cost_grid``.
    """
    X = validation.finite_matrix(X)
    y = validation.binary_labels(y)
    validation.same_length(X.shape[0], y)
    b = validation.finite_number(b, "b")
    if X.shape[1] != 2:
        raise ValueError(f"weight_cost_grid needs exactly two features: X must have shape "
                         f"(m, 2); got shape {X.shape}")
    lambda_ = _check_penalty(lambda_)
    w1 = _check_grid_axis(w1_values, "w1_values")
    w2 = _check_grid_axis(w2_values, "w2_values")
    with np.errstate(over="ignore", invalid="ignore"):
        z = w1[None, :, None] * X[:, 0] + w2[:, None, None] * X[:, 1] + b
    if not np.all(np.isfinite(z)):
        raise ValueError("w·x + b overflowed on the grid: the values of X, w1_values, "
                         "w2_values or b are too large; expected values of a sensible size")
    J = mean_over_last_axis(_losses(z, y))
    if not lambda_:
        return J
    with np.errstate(over="ignore"):
        penalty = lambda_ / (2 * X.shape[0]) * (w1[None, :] ** 2 + w2[:, None] ** 2)
    if not np.all(np.isfinite(penalty + J)):
        raise ValueError("the L2 penalty (λ/2m)·(w1² + w2²) overflowed on the grid: lambda_ or "
                         "the weights are too large; expected values of a sensible size")
    return J + penalty


def _check_grid_axis(values, name):
    """Return values as a 1-D float array of finite numbers with at least one entry."""
    values = validation.finite_array(values, name)
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


def _losses(z, y):
    """The loss of every example from its logit z: −log σ(z) if y = 1, −log(1 − σ(z)) if 0."""
    return y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)


def _cost_from_z(z, y):
    """Mean cross-entropy from the logits z, stable for any finite z."""
    return float(mean_over_last_axis(_losses(z, y)))


def _sums_could_overflow(X, w, b):
    """False when no sum of ``gradient_loop`` can pass the largest float.

    Each |x_ij·w_j| is at most max|X|·max|w|, so |X[i]·w + b| ≤ n·max|X|·max|w| + |b|,
    and each |error| ≤ 1, so the sums of error·x_ij stay below m·max|X|.
    """
    m, n = X.shape
    with np.errstate(over="ignore", invalid="ignore"):
        largest_x = np.max(np.abs(X), initial=0.0)
        bound = largest_x * max(m, n * np.max(np.abs(w), initial=0.0)) + abs(b)
    return not bound < np.finfo(float).max / 2


def _total_cost(z, y, w, lambda_, data_cost=None):
    """J = mean cross-entropy + L2 penalty; raises if the sum is beyond the largest float.

    ``data_cost``: the mean cross-entropy, when the caller has it already.
    """
    if data_cost is None:
        data_cost = _cost_from_z(z, y)
    J = data_cost + _penalty(w, lambda_, z.shape[0])
    if math.isfinite(J):
        return J
    raise ValueError(f"the cost overflowed: the cross-entropy plus the L2 penalty with lambda_ = "
                     f"{lambda_:g} exceeds the largest 64-bit float (about 1.8e308); expected "
                     "a smaller lambda_ or smaller weights")


def _penalty(w, lambda_, m):
    """The L2 penalty (λ / 2m) Σ w_j²; zero when λ is zero. Raises if it overflows."""
    if not lambda_:
        return 0.0
    with np.errstate(over="ignore"):
        penalty = lambda_ / (2 * m) * (w @ w)
    if np.isfinite(penalty):
        return float(penalty)
    root = _penalty_root(w, lambda_, m)   # Σ w_j² overflowed: is the penalty itself too large?
    if root < np.sqrt(np.finfo(float).max):
        return float(root * root)
    raise ValueError(f"the L2 penalty (λ/2m)·Σw² overflowed: lambda_ = {lambda_:g} with weights "
                     f"up to {np.max(np.abs(w)):.3g} gives more than the largest 64-bit float "
                     "(about 1.8e308); expected a smaller lambda_ or smaller weights")


def _penalty_root(w, lambda_, m):
    """√penalty = √(λ/2m) · ‖w‖, computed so that nothing overflows (inf if it would)."""
    with np.errstate(over="ignore"):
        return float(np.sqrt(lambda_ / (2 * m)) * _length(w))


def _penalty_gradient(w, lambda_, m):
    """The penalty's part of ∂J/∂w, (λ/m)·w. Raises if it overflows."""
    with np.errstate(over="ignore"):
        term = (lambda_ / m) * w
    if np.all(np.isfinite(term)):
        return term
    raise ValueError(f"the L2 penalty's gradient (λ/m)·w overflowed: lambda_ = {lambda_:g} with "
                     f"weights up to {np.max(np.abs(w)):.3g} gives more than the largest 64-bit "
                     "float (about 1.8e308); expected a smaller lambda_ or smaller weights")


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
        z = _checked_linear(X[rows], w, b, X)
        error = _sigmoid(z) - y[rows]
        with np.errstate(over="ignore", invalid="ignore"):
            sum_dw += X[rows].T @ error
        sum_db += error.sum()
    if not np.all(np.isfinite(sum_dw)):      # the sum overflowed; the mean cannot
        error = _sigmoid(_linear(X, w, b)) - y
        return mean_feature_error(X, error), float(sum_db / m)
    return sum_dw / m, float(sum_db / m)


def _overflow_error(w, b, dj_dw, dj_db, k, alpha):
    """The ValueError for a run whose update k left the range of floats: say what overflowed."""
    if np.all(np.isfinite(w)) and np.isfinite(b):
        return ValueError(f"gradient descent overflowed at iteration {k}: X·w + b passed the "
                          f"largest 64-bit float (about 1.8e308) with weights up to "
                          f"{np.max(np.abs(w), initial=0.0):.3g}. Each update moves w by at most "
                          f"alpha times the mean length of a row of X, so alpha = {alpha:g} is "
                          "too large for data of this scale")
    largest = max(np.max(np.abs(dj_dw), initial=0.0), abs(dj_db))
    return ValueError(f"gradient descent overflowed at iteration {k}: the update α·∂J/∂w with "
                      f"alpha = {alpha:g} and a gradient up to {largest:.3g} takes the "
                      "parameters past the largest 64-bit float (about 1.8e308); expected a "
                      "learning rate of a sensible size for this data")


def _checked_linear(X, w, b, whole_X=None):
    """z = X·w + b, raising a clear ValueError if it is not finite.

    With finite w and b, z is non-finite when X holds NaN or inf (named by row), or
    when X·w + b overflows. ``whole_X`` is the matrix to search for bad rows when X
    is a block of it.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        z = _linear(X, w, b)
    _check_finite_result(X if whole_X is None else whole_X, z)
    return z


def _check_finite_result(X, result):
    """Raise a clear error if result is not finite: name X's bad rows, or overflow."""
    if np.all(np.isfinite(result)):
        return
    validation.require_finite_rows(X)
    raise ValueError("X·w + b overflowed: the values of X, w or b are too large "
                     "(around 1e308); expected values of a sensible size")


def _check_penalty(lambda_):
    """Return lambda_ as a float if it is a finite number ≥ 0, else raise."""
    return validation.non_negative_number(lambda_, "lambda_ (the L2 penalty)")
