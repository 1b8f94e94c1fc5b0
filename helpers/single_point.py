"""The single-point example of notebook 04: one example, one weight, one bias.

The model is f = σ(z) with z = w·x + b, for a single example (x, y). Each epoch
records the cross-entropy loss, y, f, w and b (the columns the example prints,
in its order), then takes one step with learning rate α and rounds w and b to
3 decimals:

    gradient descent (sign = −1):  w ← w − α·x·(f − y),   b ← b − α·(f − y)
    flipped sign     (sign = +1):  w ← w + α·x·(f − y),   b ← b + α·(f − y)

The flipped sign is gradient *ascent* on the loss. ``single_point_run`` returns
the rows; ``format_run`` and ``format_side_by_side`` turn them into text.

The example comes from the Data Science Stack Exchange question "Gradient descent
implementation of logistic regression", which writes a for the weight, z for the
prediction and lr for the learning rate; here they are w, f and α (``alpha``).
"""

from typing import NamedTuple

import numpy as np

from helpers import validation
from helpers.logistic import sigmoid

DESCENT = -1  # the correct update: subtract the gradient
ASCENT = +1   # the flipped sign: add it

RATE_NAME = "alpha (the learning rate)"


class Row(NamedTuple):
    """One epoch of the single-point run, recorded before the update."""

    epoch: int
    loss: float
    y: int
    f: float
    w: float
    b: float


def point_loss(w, b, x, y):
    """Return the cross-entropy loss −[y log f + (1 − y) log(1 − f)] with f = σ(w·x + b).

    Computed from z = w·x + b as log(1 + e^(−z)) or log(1 + e^z), so it stays
    finite even when f rounds to 0 or 1.
    """
    w, b, x = _check_numbers(w=w, b=b, x=x)
    z = _score(w, b, x)
    return float(_check_label(y) * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))


def single_point_step(w, b, x, y, alpha, sign=DESCENT):
    """Return (w, b) after one update (not rounded); sign −1 is descent, +1 the flipped sign."""
    w, b, x = _check_numbers(w=w, b=b, x=x)
    alpha = validation.positive_number(alpha, RATE_NAME)
    return _step(w, b, x, _check_label(y), alpha, _check_sign(sign))


def _step(w, b, x, y, alpha, sign):
    """One update, for checked arguments; raises if w or b leaves the range of floats."""
    f = float(sigmoid(_score(w, b, x)))
    with np.errstate(over="ignore", invalid="ignore"):
        w, b = np.float64(w) + sign * alpha * x * (f - y), np.float64(b) + sign * alpha * (f - y)
    if not (np.isfinite(w) and np.isfinite(b)):
        raise ValueError(f"the update overflowed: alpha = {alpha:g} times x = {x:g} takes w or b "
                         "past the largest 64-bit float (about 1.8e308); expected values of a "
                         "sensible size")
    return float(w), float(b)


def _score(w, b, x):
    """z = w·x + b, raising a clear error when it overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.float64(w) * x + b
    if not np.isfinite(z):
        raise ValueError(f"w·x + b overflowed with w = {w:g}, x = {x:g}, b = {b:g}: the values "
                         "are too large (around 1e308); expected values of a sensible size")
    return float(z)


def single_point_run(x=1.0, y=1, w=1.0, b=1.0, alpha=1.0, epochs=10, sign=DESCENT, decimals=3):
    """Run the single-point example and return one ``Row`` per epoch.

    Defaults are the example's: x = 1, y = 1, w = 1, b = 1, α = 1.0, 10 epochs,
    w and b rounded to 3 decimals after every update (``decimals=None`` keeps
    them unrounded). ``sign`` is −1 (``DESCENT``) or +1 (``ASCENT``).
    """
    x, w, b, alpha = _check_run(x, y, w, b, alpha, epochs, sign, decimals)
    rows = []
    for epoch in range(1, epochs + 1):
        f = float(sigmoid(_score(w, b, x)))
        rows.append(Row(epoch, point_loss(w, b, x, y), int(y), f, w, b))
        w, b = _step(w, b, x, y, alpha, sign)
        if decimals is not None:
            w, b = round(w, decimals), round(b, decimals)
    return rows


def format_run(rows):
    """Return the rows as text, one line per epoch: loss, y, f, w, b."""
    rows = _check_rows(rows, "rows")
    lines = [f"{'epoch':>5}  {'loss':>9}  {'y':>1}  {'f':>8}  {'w':>7}  {'b':>7}"]
    lines += [f"{r.epoch:>5}  {r.loss:>9.6f}  {r.y:>1}  {r.f:>8.6f}  {r.w:>7.3f}  {r.b:>7.3f}"
              for r in rows]
    return "\n".join(lines)


def format_side_by_side(descent, ascent):
    """Return a table with the loss and f of two runs side by side, one line per epoch."""
    descent, ascent = _check_rows(descent, "descent"), _check_rows(ascent, "ascent")
    if len(descent) != len(ascent):
        raise ValueError(f"the two runs must have the same number of epochs; "
                         f"got {len(descent)} and {len(ascent)}")
    lines = [f"{'':>5}  {'minus: w − α·x·(f − y)':^26}  {'plus: w + α·x·(f − y)':^26}".rstrip(),
             f"{'epoch':>5}  {'loss':>12}  {'f':>12}  {'loss':>12}  {'f':>12}"]
    lines += [f"{d.epoch:>5}  {d.loss:>12.6f}  {d.f:>12.6f}  {a.loss:>12.6f}  {a.f:>12.6f}"
              for d, a in zip(descent, ascent)]
    return "\n".join(lines)


def _check_run(x, y, w, b, alpha, epochs, sign, decimals):
    """Validate the run's settings; return x, w, b, alpha as floats."""
    x, w, b = _check_numbers(x=x, w=w, b=b)
    alpha = validation.positive_number(alpha, RATE_NAME)
    _check_label(y)
    validation.whole_number(epochs, "epochs")
    _check_sign(sign)
    if decimals is not None:
        validation.whole_number(decimals, "decimals", minimum=0)
    return x, w, b, alpha


def _check_numbers(**values):
    """Each named value as a float if it is a finite number, else raise naming it."""
    return [validation.finite_number(value, name) for name, value in values.items()]


def _check_label(y):
    """y as an int if it is the label 0 or 1 (an int or float equal to 0 or 1), else raise."""
    if isinstance(y, (bool, np.bool_)) or not isinstance(y, (int, float, np.integer, np.floating)):
        raise validation.ArgumentTypeError(f"y must be the label 0 or 1; got "
                                           f"{validation.describe(y)}")
    if y not in (0, 1):
        raise ValueError(f"y must be the label 0 or 1; got {y!r}")
    return int(y)


def _check_sign(sign):
    """sign if it is −1 (gradient descent) or +1 (the flipped sign), else raise."""
    if isinstance(sign, (bool, np.bool_)) or not isinstance(sign, (int, np.integer)) \
            or sign not in (DESCENT, ASCENT):
        raise ValueError(f"sign must be -1 (gradient descent) or +1 (the flipped sign); "
                         f"got {sign!r}")
    return int(sign)


def _check_rows(rows, name):
    """rows as a list of ``Row`` (the output of ``single_point_run``), else raise."""
    if isinstance(rows, (str, bytes)) or not hasattr(rows, "__iter__"):
        raise validation.ArgumentTypeError(f"{name} must be the list of rows returned by "
                                           f"single_point_run; got {validation.describe(rows)}")
    rows = list(rows)
    if not all(isinstance(row, Row) for row in rows):
        raise validation.ArgumentTypeError(f"{name} must be the list of rows returned by "
                                           "single_point_run; it holds something else")
    return rows
