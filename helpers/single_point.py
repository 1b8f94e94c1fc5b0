"""The single-point example of notebook 04: one example, one weight, one bias.

The model is z = σ(a·x + b) for a single example (x, y). Each epoch records the
cross-entropy loss, y, z, a and b (in that order, as the source prints them),
then takes one step and rounds a and b to 3 decimals:

    gradient descent (sign = −1):  a ← a − lr·x·(z − y),   b ← b − lr·(z − y)
    flipped sign     (sign = +1):  a ← a + lr·x·(z − y),   b ← b + lr·(z − y)

The flipped sign is gradient *ascent* on the loss. ``single_point_run`` returns
the rows; ``format_run`` and ``format_side_by_side`` turn them into text.
"""

from typing import NamedTuple

import numpy as np

from helpers import validation
from helpers.logistic import sigmoid

DESCENT = -1  # the correct update: subtract the gradient
ASCENT = +1   # the flipped sign: add it


class Row(NamedTuple):
    """One epoch of the single-point run, recorded before the update."""

    epoch: int
    loss: float
    y: int
    z: float
    a: float
    b: float


def point_loss(a, b, x, y):
    """Return the cross-entropy loss −[y log z + (1 − y) log(1 − z)] with z = σ(a·x + b).

    Computed from the score s = a·x + b as log(1 + e^(−s)) or log(1 + e^s), so it
    stays finite even when z rounds to 0 or 1.
    """
    a, b, x = _check_numbers(a=a, b=b, x=x)
    s = _score(a, b, x)
    return float(_check_label(y) * np.logaddexp(0, -s) + (1 - y) * np.logaddexp(0, s))


def single_point_step(a, b, x, y, lr, sign=DESCENT):
    """Return (a, b) after one update (not rounded); sign −1 is descent, +1 the flipped sign."""
    a, b, x, lr = _check_numbers(a=a, b=b, x=x, lr=lr)
    return _step(a, b, x, _check_label(y), _check_rate(lr), _check_sign(sign))


def _step(a, b, x, y, lr, sign):
    """One update, for checked arguments; raises if a or b leaves the range of floats."""
    z = float(sigmoid(_score(a, b, x)))
    with np.errstate(over="ignore", invalid="ignore"):
        a, b = np.float64(a) + sign * lr * x * (z - y), np.float64(b) + sign * lr * (z - y)
    if not (np.isfinite(a) and np.isfinite(b)):
        raise ValueError(f"the update overflowed: lr = {lr:g} times x = {x:g} takes a or b past "
                         "the largest 64-bit float (about 1.8e308); expected values of a "
                         "sensible size")
    return float(a), float(b)


def _score(a, b, x):
    """s = a·x + b, raising a clear error when it overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        s = np.float64(a) * x + b
    if not np.isfinite(s):
        raise ValueError(f"a·x + b overflowed with a = {a:g}, x = {x:g}, b = {b:g}: the values "
                         "are too large (around 1e308); expected values of a sensible size")
    return float(s)


def single_point_run(x=1.0, y=1, a=1.0, b=1.0, lr=1.0, epochs=10, sign=DESCENT, decimals=3):
    """Run the single-point example and return one ``Row`` per epoch.

    Defaults are the source's: x = 1, y = 1, a = 1, b = 1, lr = 1.0, 10 epochs,
    a and b rounded to 3 decimals after every update (``decimals=None`` keeps
    them unrounded). ``sign`` is −1 (``DESCENT``) or +1 (``ASCENT``).
    """
    x, a, b, lr = _check_run(x, y, a, b, lr, epochs, sign, decimals)
    rows = []
    for epoch in range(1, epochs + 1):
        z = float(sigmoid(_score(a, b, x)))
        rows.append(Row(epoch, point_loss(a, b, x, y), int(y), z, a, b))
        a, b = _step(a, b, x, y, lr, sign)
        if decimals is not None:
            a, b = round(a, decimals), round(b, decimals)
    return rows


def format_run(rows):
    """Return the rows as text, one line per epoch: loss, y, z, a, b."""
    rows = _check_rows(rows, "rows")
    lines = [f"{'epoch':>5}  {'loss':>9}  {'y':>1}  {'z':>8}  {'a':>7}  {'b':>7}"]
    lines += [f"{r.epoch:>5}  {r.loss:>9.6f}  {r.y:>1}  {r.z:>8.6f}  {r.a:>7.3f}  {r.b:>7.3f}"
              for r in rows]
    return "\n".join(lines)


def format_side_by_side(descent, ascent):
    """Return a table with the loss and z of two runs side by side, one line per epoch."""
    descent, ascent = _check_rows(descent, "descent"), _check_rows(ascent, "ascent")
    if len(descent) != len(ascent):
        raise ValueError(f"the two runs must have the same number of epochs; "
                         f"got {len(descent)} and {len(ascent)}")
    lines = [f"{'':>5}  {'correct (a − lr·x·(z − y))':^26}  {'flipped (a + lr·x·(z − y))':^26}",
             f"{'epoch':>5}  {'loss':>12}  {'z':>12}  {'loss':>12}  {'z':>12}"]
    lines += [f"{d.epoch:>5}  {d.loss:>12.6f}  {d.z:>12.6f}  {f.loss:>12.6f}  {f.z:>12.6f}"
              for d, f in zip(descent, ascent)]
    return "\n".join(lines)


def _check_run(x, y, a, b, lr, epochs, sign, decimals):
    """Validate the run's settings; return x, a, b, lr as floats."""
    x, a, b, lr = _check_numbers(x=x, a=a, b=b, lr=lr)
    _check_label(y)
    _check_rate(lr)
    validation.whole_number(epochs, "epochs")
    _check_sign(sign)
    if decimals is not None:
        validation.whole_number(decimals, "decimals", minimum=0)
    return x, a, b, lr


def _check_numbers(**values):
    """Each named value as a float if it is a finite number, else raise naming it."""
    return [validation.finite_number(value, name) for name, value in values.items()]


def _check_rate(lr):
    """lr if it is positive, else raise (lr is already a finite float)."""
    if lr <= 0:
        raise ValueError(f"lr (the learning rate) must be a positive number; got {lr!r}")
    return lr


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
