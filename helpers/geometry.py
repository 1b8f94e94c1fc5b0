"""Geometry shared by the plots and the explorers, in numpy only.

Nothing here computes the model: these are the grids, lines, slider stops and
contour levels that drawing needs, each in one place.

* ``grid_points`` and ``grid_around``: the points of a grid, to evaluate a model
  on and show as an image;
* ``boundary_segment``: the decision boundary w1·x1 + w2·x2 + b = 0 as a
  segment across a box, for any w (vertical, horizontal or absent);
* ``iteration_stops``: iteration numbers spaced evenly in log, for a slider;
* ``log_levels``: contour levels spaced evenly in log.
"""

import numpy as np

from helpers import validation


def _finite_vector(value, name, shape=None):
    """Return value as a float array of finite numbers, of ``shape`` when given."""
    array = validation.finite_array(value, name)
    if shape is not None and array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}; got {array.shape}")
    return array


def _limits(value, name):
    """Return (low, high) as floats with low < high, or raise naming the argument."""
    low, high = _finite_vector(value, name, shape=(2,))
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high; got ({low:g}, {high:g})")
    return low, high


# ---------------------------------------------------------------------------
# Grids
# ---------------------------------------------------------------------------

def grid_points(x1, x2):
    """Return the (len(x1)·len(x2), 2) points of the grid with columns x1 and rows x2.

    The points go row by row, so a value computed per point reshapes to the
    (len(x2), len(x1)) image that ``imshow(origin="lower")`` and ``contour`` expect:
    ``values.reshape(len(x2), len(x1))``.
    """
    x1 = _finite_vector(x1, "x1")
    x2 = _finite_vector(x2, "x2")
    if x1.ndim != 1 or x2.ndim != 1 or x1.size == 0 or x2.size == 0:
        raise ValueError(f"x1 and x2 must be non-empty 1-D arrays; got shapes "
                         f"{x1.shape} and {x2.shape}")
    g1, g2 = np.meshgrid(x1, x2)
    return np.column_stack([g1.ravel(), g2.ravel()])


def grid_around(X, padding=0.75, size=160):
    """Return (x1, x2, points): a size × size grid covering the 2-D data X plus padding.

    ``x1`` and ``x2`` are the grid's 1-D coordinates and ``points`` its
    (size², 2) points, in the order of ``grid_points``.
    """
    X = _finite_vector(X, "X")
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be an (m, 2) array with m >= 1; got shape {X.shape}")
    padding = validation.finite_number(padding, "padding")
    if padding < 0:
        raise ValueError(f"padding must be >= 0; got {padding:g}")
    size = validation.whole_number(size, "size", minimum=2)
    low, high = X.min(axis=0) - padding, X.max(axis=0) + padding
    x1, x2 = np.linspace(low[0], high[0], size), np.linspace(low[1], high[1], size)
    return x1, x2, grid_points(x1, x2)


# ---------------------------------------------------------------------------
# The decision boundary
# ---------------------------------------------------------------------------

def boundary_segment(w, b, x1_limits, x2_limits):
    """Return (x1, x2): the two end points of the line w1·x1 + w2·x2 + b = 0 in a box.

    The line is laid along the axis it is less steep against: when |w2| >= |w1| it
    spans ``x1_limits`` (x2 = −(w1·x1 + b) / w2), otherwise it spans ``x2_limits``
    (x1 = −(w2·x2 + b) / w1). So a vertical boundary (w2 = 0) is the line
    x1 = −b / w1 and a horizontal one (w1 = 0) is x2 = −b / w2, with no division by
    zero. With w = 0 every point gets the same score b: there is no boundary, and
    both arrays are empty. Drawing clips the segment to the axes.
    """
    w1, w2 = _finite_vector(w, "w", shape=(2,))
    b = validation.finite_number(b, "b")
    x1_limits = np.array(_limits(x1_limits, "x1_limits"))
    x2_limits = np.array(_limits(x2_limits, "x2_limits"))
    if w1 == 0 and w2 == 0:
        return np.array([]), np.array([])
    with np.errstate(over="ignore"):   # a huge intercept only leaves the box: clipped
        if abs(w2) >= abs(w1):
            return x1_limits, -(w1 * x1_limits + b) / w2
        return -(w2 * x2_limits + b) / w1, x2_limits


# ---------------------------------------------------------------------------
# Sliders and contours
# ---------------------------------------------------------------------------

def iteration_stops(num_iters, count=40):
    """Return about ``count`` iteration numbers from 0 to num_iters, spaced evenly in log.

    Every number from 0 up to where the log spacing exceeds 1 is kept, so the
    first updates, which change the most, each get a stop.
    """
    num_iters = validation.whole_number(num_iters, "num_iters")
    count = validation.whole_number(count, "count", minimum=2)
    stops = np.unique(np.round(np.geomspace(1, int(num_iters), int(count))).astype(int))
    return [0] + stops.tolist()


def log_levels(values, count, lift=0.0):
    """Return ``count`` contour levels spaced evenly in log from the smallest value to the largest.

    ``lift`` in [0, 1) starts the levels that fraction of the range above the
    smallest value, so a line contour does not trace the single lowest grid point.
    The values must be positive (a cost is).
    """
    values = _finite_vector(values, "values")
    if values.size == 0:
        raise ValueError("values must not be empty")
    count = validation.whole_number(count, "count", minimum=2)
    lift = validation.finite_number(lift, "lift")
    if not 0 <= lift < 1:
        raise ValueError(f"lift must be in [0, 1); got {lift:g}")
    low, high = float(values.min()), float(values.max())
    if low <= 0:
        raise ValueError(f"values must be positive for log-spaced levels; the smallest is {low:g}")
    if low == high:
        raise ValueError(f"values are all {low:g}: there is nothing to draw contours between")
    return np.geomspace(low + lift * (high - low), high, count)
