"""Finite differences: check a derivative by nudging the input a little each way.

The central difference  (g(x + h) − g(x − h)) / (2h)  approximates g'(x) with an
error that shrinks like h², so with h around 1e-5 it agrees with an exact
derivative to about 1e-9 for the smooth functions of this course.

* ``slope(g, x)``: g is applied elementwise (like σ); returns g'(x) elementwise.
* ``partials(J, x)``: J maps a vector to one number (like the cost as a
  function of w); returns the vector of partial derivatives ∂J/∂x_j.
"""

import numpy as np

from helpers import validation


def slope(g, x, h=1e-5):
    """Return the central difference (g(x + h) − g(x − h)) / 2h, elementwise in x."""
    g = validation.function(g, "g", "a function applied elementwise, such as sigmoid")
    x, h = _check_point(x), _check_step(h)
    up = _values(g, x + h, "g", x.shape)
    down = _values(g, x - h, "g", x.shape)
    return _difference(up, down, h, "g")


def partials(J, x, h=1e-5):
    """Return ∂J/∂x_j for every j by central differences; J maps an array like x to a number.

    The result has the shape of x. Each coordinate is nudged on its own, so
    this costs 2 evaluations of J per coordinate.
    """
    J = validation.function(J, "J", "a function returning one number")
    x, h = _check_point(x), _check_step(h)
    result = np.empty(x.shape)
    for j in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[j] += h
        down[j] -= h
        result[j] = _difference(_values(J, up, "J", ()), _values(J, down, "J", ()), h, "J")
    return result


def _check_step(h):
    """Return h as a float if it is a small positive number, else raise."""
    h = validation.finite_number(h, "h", "a small positive number such as 1e-5")
    if not 0 < h < 1:
        raise ValueError(f"h must be a small positive number such as 1e-5; got {h!r}")
    return h


def _check_point(x):
    """Return x as a finite float array, else raise."""
    return validation.finite_array(x, "x")


def _values(function, point, name, shape):
    """function(point) as a float array of x's shape (or one number), checked."""
    returned = function(point)
    try:
        values = validation.finite_array(returned, f"the value of {name}")
    except ValueError as error:          # also the ArgumentTypeError of a string or None
        raise type(error)(f"{name} must return finite numbers: {error}") from None
    if shape == () and values.size == 1:
        return values.reshape(())        # J may return a one-element array
    if values.shape not in (shape, ()):
        raise ValueError(f"{name} must return one value per entry of x, shape {shape}; "
                         f"got shape {values.shape}")
    return values


def _difference(up, down, h, name):
    """(up − down) / 2h, or a clear error when it is beyond the largest float."""
    with np.errstate(over="ignore", invalid="ignore"):
        result = (up - down) / (2 * h)
    if not np.all(np.isfinite(result)):
        raise ValueError(f"the difference quotient of {name} overflowed: its values change by "
                         "more than the largest float allows over 2h; expected a function of "
                         "a sensible size near x")
    return result
