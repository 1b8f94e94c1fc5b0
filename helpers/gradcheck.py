"""Finite differences: check a derivative by nudging the input a little each way.

The central difference  (g(x + h) − g(x − h)) / (2h)  approximates g'(x) with an
error that shrinks like h², so with h around 1e-5 it agrees with an exact
derivative to about 1e-9 for the smooth functions of this course.

* ``slope(g, x)``: g is applied elementwise (like σ); returns g'(x) elementwise.
* ``partials(J, x)``: J maps a vector to one number (like the cost as a
  function of w); returns the vector of partial derivatives ∂J/∂x_j.
"""

import numpy as np


def _check_step(h):
    """Return h as a float if it is a small positive number, else raise."""
    try:
        h = float(h)
    except (TypeError, ValueError):
        raise ValueError(f"h must be a small positive number such as 1e-5; got {h!r}") from None
    if not (np.isfinite(h) and 0 < h < 1):
        raise ValueError(f"h must be a small positive number such as 1e-5; got {h!r}")
    return h


def _check_point(x):
    """Return x as a finite float array, else raise."""
    try:
        x = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"x must contain numbers; got {x!r}") from None
    if not np.all(np.isfinite(x)):
        raise ValueError("x contains NaN or infinite values; expected finite numbers")
    return x


def slope(g, x, h=1e-5):
    """Return the central difference (g(x + h) − g(x − h)) / 2h, elementwise in x."""
    if not callable(g):
        raise ValueError(f"g must be a function applied elementwise; got {g!r}")
    x, h = _check_point(x), _check_step(h)
    return (np.asarray(g(x + h), dtype=float) - np.asarray(g(x - h), dtype=float)) / (2 * h)


def partials(J, x, h=1e-5):
    """Return ∂J/∂x_j for every j by central differences; J maps an array like x to a number.

    The result has the shape of x. Each coordinate is nudged on its own, so
    this costs 2 evaluations of J per coordinate.
    """
    if not callable(J):
        raise ValueError(f"J must be a function returning one number; got {J!r}")
    x, h = _check_point(x), _check_step(h)
    result = np.empty(x.shape)
    for j in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[j] += h
        down[j] -= h
        result[j] = (float(J(up)) - float(J(down))) / (2 * h)
    return result
