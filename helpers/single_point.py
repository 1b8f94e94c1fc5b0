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
    s = a * x + b
    return float(y * np.logaddexp(0, -s) + (1 - y) * np.logaddexp(0, s))


def single_point_step(a, b, x, y, lr, sign=DESCENT):
    """Return (a, b) after one update (not rounded); sign −1 is descent, +1 the flipped sign."""
    z = float(sigmoid(a * x + b))
    return a + sign * lr * x * (z - y), b + sign * lr * (z - y)


def single_point_run(x=1.0, y=1, a=1.0, b=1.0, lr=1.0, epochs=10, sign=DESCENT, decimals=3):
    """Run the single-point example and return one ``Row`` per epoch.

    Defaults are the source's: x = 1, y = 1, a = 1, b = 1, lr = 1.0, 10 epochs,
    a and b rounded to 3 decimals after every update (``decimals=None`` keeps
    them unrounded). ``sign`` is −1 (``DESCENT``) or +1 (``ASCENT``).
    """
    x, a, b, lr = _check_run(x, y, a, b, lr, epochs, sign, decimals)
    rows = []
    for epoch in range(1, epochs + 1):
        z = float(sigmoid(a * x + b))
        rows.append(Row(epoch, point_loss(a, b, x, y), int(y), z, a, b))
        a, b = single_point_step(a, b, x, y, lr, sign)
        if decimals is not None:
            a, b = round(a, decimals), round(b, decimals)
    return rows


def format_run(rows):
    """Return the rows as text, one line per epoch: loss, y, z, a, b."""
    lines = [f"{'epoch':>5}  {'loss':>9}  {'y':>1}  {'z':>8}  {'a':>7}  {'b':>7}"]
    lines += [f"{r.epoch:>5}  {r.loss:>9.6f}  {r.y:>1}  {r.z:>8.6f}  {r.a:>7.3f}  {r.b:>7.3f}"
              for r in rows]
    return "\n".join(lines)


def format_side_by_side(descent, ascent):
    """Return a table with the loss and z of two runs side by side, one line per epoch."""
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
    numbers = {}
    for name, value in (("x", x), ("a", a), ("b", b), ("lr", lr)):
        try:
            numbers[name] = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a finite number; got {value!r}") from None
        if not np.isfinite(numbers[name]):
            raise ValueError(f"{name} must be a finite number; got {value!r}")
    if numbers["lr"] <= 0:
        raise ValueError(f"lr (the learning rate) must be a positive number; got {lr!r}")
    if y not in (0, 1) or isinstance(y, bool):
        raise ValueError(f"y must be the label 0 or 1; got {y!r}")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs must be a whole number of at least 1; got {epochs!r}")
    if sign not in (DESCENT, ASCENT) or isinstance(sign, bool):
        raise ValueError(f"sign must be -1 (gradient descent) or +1 (the flipped sign); "
                         f"got {sign!r}")
    if decimals is not None and (isinstance(decimals, bool)
                                 or not isinstance(decimals, (int, np.integer)) or decimals < 0):
        raise ValueError(f"decimals must be None or a whole number ≥ 0; got {decimals!r}")
    return numbers["x"], numbers["a"], numbers["b"], numbers["lr"]
