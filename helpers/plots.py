"""Drawing for the course: each function takes an optional ``ax``, draws, and
returns the artists it made so an explorer can update them in place.

Plotting never computes the model: callers pass in what to draw (probabilities,
costs, paths), computed with ``helpers.logistic``. Nothing here changes
matplotlib's global style.
"""

import numpy as np
from matplotlib import pyplot as plt

# Colours for the two classes, used in every figure of the course.
CLASS_COLORS = ("tab:blue", "tab:orange")
CLASS_MARKERS = ("o", "X")


def _axes(ax):
    """Return ax, or the current pyplot axes when ax is None."""
    return plt.gca() if ax is None else ax


def sigmoid_curve(z, f, ax=None, **line_kw):
    """Draw the curve f = σ(z) with the levels f = 0.5 and z = 0 marked; return the line."""
    ax = _axes(ax)
    (line,) = ax.plot(z, f, **{"color": "tab:blue", "linewidth": 2, **line_kw})
    ax.axhline(0.5, color="0.6", linewidth=0.8, linestyle="--")
    ax.axvline(0.0, color="0.6", linewidth=0.8, linestyle="--")
    ax.set_xlabel("z")
    ax.set_ylabel("σ(z)")
    ax.set_ylim(-0.05, 1.05)
    return line


def data_points(X, y, ax=None, labels=("y = 0", "y = 1"), size=60):
    """Scatter 2-D data coloured and marked by class; return the two PathCollections.

    X is (m, 2) or (m, 1)/(m,): one feature is drawn at height y.
    """
    ax = _axes(ax)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim == 1 or X.shape[1] == 1:
        X = np.column_stack([X.ravel(), y])
    artists = []
    for label in (0, 1):
        rows = y == label
        artists.append(ax.scatter(
            X[rows, 0], X[rows, 1], s=size, c=CLASS_COLORS[label],
            marker=CLASS_MARKERS[label], edgecolors="k", linewidths=0.6,
            label=labels[label], zorder=3,
        ))
    return artists


def cost_curve(costs, ax=None, log=False, **line_kw):
    """Draw the cost per iteration; return the line."""
    ax = _axes(ax)
    (line,) = ax.plot(np.arange(len(costs)), costs, **{"color": "tab:green", **line_kw})
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    if log:
        ax.set_yscale("log")
    return line
