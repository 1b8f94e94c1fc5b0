"""Drawing for the course: each function takes an optional ``ax``, draws, and
returns the artists it made so an explorer can update them in place.

Plotting never computes the model: callers pass in what to draw (probabilities,
costs, paths), computed with ``helpers.logistic``. Geometry that plots and explorers
share (grids, the boundary segment, contour levels) lives in ``helpers.geometry``.

Colours come from one colour-blind-safe palette, Okabe and Ito's, and are passed to each
call; nothing here changes matplotlib's global style. Every distinction made by colour is
also made by a marker or a line style, so a figure reads in grey as well.
"""

import numpy as np
from matplotlib import colormaps
from matplotlib import pyplot as plt

from helpers import geometry

# Okabe & Ito, "Color Universal Design" (2008): eight colours that stay distinct for the
# common forms of colour blindness. Grey ("0.6") is used beside them for references.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
REFERENCE_GREY = "0.6"

# The two classes, in every figure of the course: colour and marker both differ.
CLASS_COLORS = (PALETTE["blue"], PALETTE["vermillion"])
CLASS_MARKERS = ("o", "X")
# What a slider points at (the current iteration, the current λ): orange, edged in black.
CURRENT_COLOR = PALETTE["orange"]


def _axes(ax):
    """Return ax, or the current pyplot axes when ax is None."""
    return plt.gca() if ax is None else ax


def sigmoid_curve(z, f, ax=None, **line_kw):
    """Draw the curve f = σ(z) with the levels f = 0.5 and z = 0 marked; return the line."""
    ax = _axes(ax)
    (line,) = ax.plot(z, f, **{"color": PALETTE["blue"], "linewidth": 2, **line_kw})
    ax.axhline(0.5, color=REFERENCE_GREY, linewidth=0.8, linestyle="--")
    ax.axvline(0.0, color=REFERENCE_GREY, linewidth=0.8, linestyle="--")
    ax.set_xlabel("z")
    ax.set_ylabel("σ(z)")
    ax.set_ylim(-0.05, 1.05)
    return line


# ---------------------------------------------------------------------------
# 01-03: the sigmoid, cross-entropy, the gradient
# ---------------------------------------------------------------------------

def slope_curve(z, slope, ax=None, **line_kw):
    """Draw a derivative such as σ'(z) as a dashed line labelled "σ'(z)"; return the line."""
    ax = _axes(ax)
    (line,) = ax.plot(z, slope, **{"color": PALETTE["vermillion"], "linestyle": "--",
                                    "linewidth": 1.8,
                                    "label": "σ'(z)", **line_kw})
    return line


def loss_branches(f, loss_if_1, loss_if_0, ax=None):
    """Draw the two branches of the cross-entropy against the prediction f; return both lines.

    ``loss_if_1`` is −log f (the loss when the label is 1) and ``loss_if_0`` is
    −log(1 − f) (the loss when the label is 0), computed by the caller.
    """
    ax = _axes(ax)
    (line_1,) = ax.plot(f, loss_if_1, color=CLASS_COLORS[1], linewidth=2,
                        label="y = 1:  −log f")
    (line_0,) = ax.plot(f, loss_if_0, color=CLASS_COLORS[0], linewidth=2, linestyle="--",
                        label="y = 0:  −log(1 − f)")
    ax.set_xlabel("prediction f = σ(z)")
    ax.set_ylabel("loss of one example")
    ax.set_xlim(0, 1)
    ax.legend(loc="upper center")
    return line_1, line_0


def cost_slice(w, costs, ax=None, xlabel="w", ylabel="cost", mark="min", **line_kw):
    """Draw a cost (or any curve) against one parameter; mark a point. Return (line, marker).

    ``mark`` is "min" (the lowest point), "max" (the highest) or None (no marker,
    and the returned marker is None).
    """
    if mark not in ("min", "max", None):
        raise ValueError(f"mark must be 'min', 'max' or None; got {mark!r}")
    ax = _axes(ax)
    w, costs = np.asarray(w, dtype=float), np.asarray(costs, dtype=float)
    if w.shape != costs.shape or w.ndim != 1:
        raise ValueError(f"w and costs must be 1-D arrays of the same length; "
                         f"got shapes {w.shape} and {costs.shape}")
    (line,) = ax.plot(w, costs, **{"color": PALETTE["blue"], "linewidth": 2, **line_kw})
    marker = None
    if mark is not None:
        k = int(np.argmin(costs) if mark == "min" else np.argmax(costs))
        (marker,) = ax.plot([w[k]], [costs[k]], "o", color=line.get_color(), markersize=7)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return line, marker


def tangent_line(x0, y0, slope, half_width=1.0, ax=None, **line_kw):
    """Draw the straight line through (x0, y0) with the given slope, x0 ± half_width.

    Returns (line, point): the tangent and a dot at (x0, y0).
    """
    ax = _axes(ax)
    x = np.array([x0 - half_width, x0 + half_width])
    (line,) = ax.plot(x, y0 + slope * (x - x0), **{"color": PALETTE["vermillion"],
                                                  "linewidth": 1.5, "linestyle": "--",
                                                  **line_kw})
    (point,) = ax.plot([x0], [y0], "o", color=line.get_color(), markersize=6)
    return line, point


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
    """Draw the cost per iteration (black unless ``color`` is given); return the line."""
    ax = _axes(ax)
    (line,) = ax.plot(np.arange(len(costs)), costs, **{"color": PALETTE["black"], **line_kw})
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    if log:
        ax.set_yscale("log")
    return line


def current_marker(ax=None, label=None, size=8):
    """An empty marker for "where the slider is" (an orange dot edged in black); return it."""
    ax = _axes(ax)
    (marker,) = ax.plot([], [], linestyle="none", marker="o", markersize=size,
                        color=CURRENT_COLOR, markeredgecolor=PALETTE["black"], zorder=4,
                        label=label)
    return marker


# ---------------------------------------------------------------------------
# 12 softmax: more than two classes
# ---------------------------------------------------------------------------

# Colours and markers for classes 0, 1, 2, ...; the first two match CLASS_COLORS.
MULTICLASS_COLORS = (PALETTE["blue"], PALETTE["vermillion"], PALETTE["bluish green"],
                     PALETTE["reddish purple"], PALETTE["orange"])
MULTICLASS_MARKERS = ("o", "X", "s", "D", "^")


def class_points(X, y, ax=None, size=40, names=None):
    """Scatter 2-D data with one colour and marker per class 0..K−1; return the collections.

    ``names`` (optional) labels the classes in the legend; the default is "class k".
    """
    ax = _axes(ax)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    artists = []
    for k in np.unique(y):
        rows = y == k
        label = names[k] if names is not None else f"class {k}"
        artists.append(ax.scatter(
            X[rows, 0], X[rows, 1], s=size, c=MULTICLASS_COLORS[k % len(MULTICLASS_COLORS)],
            marker=MULTICLASS_MARKERS[k % len(MULTICLASS_MARKERS)], edgecolors="k",
            linewidths=0.5, label=label, zorder=3,
        ))
    return artists


def decision_regions(x1, x2, labels, num_classes, ax=None, alpha=0.25):
    """Shade the predicted class over a grid; return the AxesImage.

    ``x1`` (columns) and ``x2`` (rows) are the 1-D grid coordinates and ``labels`` the
    (len(x2), len(x1)) array of predicted classes, computed by the caller. The colour
    scale is fixed to 0..num_classes−1, so an explorer can swap labels with set_data.
    """
    from matplotlib.colors import ListedColormap

    ax = _axes(ax)
    colors = ListedColormap(MULTICLASS_COLORS[:num_classes])
    image = ax.imshow(labels, origin="lower", extent=(x1[0], x1[-1], x2[0], x2[-1]),
                      cmap=colors, vmin=-0.5, vmax=num_classes - 0.5, alpha=alpha,
                      interpolation="nearest", aspect="auto", zorder=1)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return image


# ---------------------------------------------------------------------------
# 07 overlap and stopping, 08 vs scikit-learn
# ---------------------------------------------------------------------------

def confusion_matrix(counts, ax=None, class_names=("0", "1"), cmap="Blues"):
    """Draw a 2×2 confusion matrix as labelled squares with the count in each.

    ``counts[i, j]`` is the number of examples of true class i predicted as
    class j (see ``helpers.metrics.confusion_counts``). Returns (image, texts).
    """
    ax = _axes(ax)
    counts = np.asarray(counts)
    if counts.shape != (2, 2):
        raise ValueError(f"counts must be a 2×2 array; got shape {counts.shape}")
    image = ax.imshow(counts, cmap=cmap, vmin=0, vmax=max(int(counts.max()), 1))
    names = (("true negative", "false positive"), ("false negative", "true positive"))
    texts = []
    for i in range(2):
        for j in range(2):
            dark = counts[i, j] > 0.6 * counts.max()
            texts.append(ax.text(j, i, f"{counts[i, j]}\n{names[i][j]}", ha="center",
                                 va="center", fontsize=11,
                                 color="white" if dark else "black"))
    ax.set_xticks([0, 1], [f"predicted {name}" for name in class_names])
    ax.set_yticks([0, 1], [f"true {name}" for name in class_names])
    ax.tick_params(length=0)
    return image, texts


def boundary_line(w, b, x1_limits, ax=None, x2_limits=None, **line_kw):
    """Draw the 2-D decision boundary w1·x1 + w2·x2 + b = 0 across the box; return the line.

    The box is ``x1_limits`` × ``x2_limits`` (default: the axes' current y-limits);
    ``geometry.boundary_segment`` finds the segment, so a vertical boundary (w2 = 0) is
    drawn too. With w = 0 there is no boundary and the line is left empty.
    """
    ax = _axes(ax)
    x2_limits = ax.get_ylim() if x2_limits is None else x2_limits
    x1, x2 = geometry.boundary_segment(w, b, x1_limits, x2_limits)
    (line,) = ax.plot(x1, x2, **{"color": PALETTE["black"], "linewidth": 2, **line_kw})
    return line


def probability_agreement(p_x, p_y, ax=None, x_label="ours", y_label="theirs"):
    """Scatter two models' probabilities for the same examples against the diagonal.

    Points on the dashed diagonal are examples where both give the same probability.
    Returns (points, diagonal).
    """
    ax = _axes(ax)
    p_x, p_y = np.asarray(p_x, dtype=float), np.asarray(p_y, dtype=float)
    if p_x.shape != p_y.shape:
        raise ValueError(f"p_x and p_y must have the same shape; got {p_x.shape} and {p_y.shape}")
    low = min(p_x.min(), p_y.min())
    high = max(p_x.max(), p_y.max())
    pad = 0.05 * (high - low or 1.0)
    limits = (low - pad, high + pad)
    (diagonal,) = ax.plot(limits, limits, color="0.2", linestyle="--", linewidth=1,
                          label="same probability", zorder=3)
    points = ax.scatter(p_x, p_y, s=14, alpha=0.6, color=PALETTE["reddish purple"],
                        edgecolors="none", label="one example")
    ax.set_xlim(limits)
    ax.set_ylim(limits)
    ax.set_aspect("equal")
    ax.set_xlabel(f"P(y = 1), {x_label}")
    ax.set_ylabel(f"P(y = 1), {y_label}")
    return points, diagonal


# ---------------------------------------------------------------------------
# 05 the cost surface, 06 the decision-boundary lab
# ---------------------------------------------------------------------------

def cost_contours(w_values, b_values, J, ax=None, log=True, levels=24, cmap="viridis"):
    """Fill contours of a cost grid J (rows follow b, columns follow w); return the contour set.

    With ``log=True`` the levels are spaced evenly in log J (``geometry.log_levels``),
    which shows the floor of a long, flat valley as well as its steep walls. The colour
    map is viridis, which is colour-blind safe and reads in grey. The contour set cannot
    be updated in place: draw it once and move lines and points over it.
    """
    from matplotlib.colors import LogNorm

    ax = _axes(ax)
    J = np.asarray(J, dtype=float)
    if J.shape != (len(b_values), len(w_values)):
        raise ValueError(f"J must have shape (len(b_values), len(w_values)) = "
                         f"({len(b_values)}, {len(w_values)}); got {J.shape}")
    if log:
        bounds = geometry.log_levels(J, levels)
        filled = ax.contourf(w_values, b_values, J, levels=bounds, norm=LogNorm(), cmap=cmap)
    else:
        filled = ax.contourf(w_values, b_values, J, levels=levels, cmap=cmap)
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    return filled


def descent_path(w_path, b_path, ax=None, **line_kw):
    """Draw a gradient-descent path through (w, b) as a line with small dots; return the line.

    White with black-edged dots by default, to stand out on any colour of a contour map.
    """
    ax = _axes(ax)
    style = {"color": "white", "linewidth": 1.5, "marker": "o", "markersize": 3,
             "markeredgecolor": PALETTE["black"], "markeredgewidth": 0.5, **line_kw}
    (line,) = ax.plot(w_path, b_path, **style)
    return line


def probability_image(x1, x2, proba, ax=None, alpha=0.45, cmap="RdBu_r", bands=10):
    """Shade P(y = 1) over a grid with a fixed 0..1 colour scale; return the AxesImage.

    ``x1`` (columns) and ``x2`` (rows) are the 1-D grid coordinates and ``proba`` the
    (len(x2), len(x1)) probabilities, computed by the caller. An explorer can swap
    them with ``image.set_data``. The colours come in ``bands`` steps (0.1 wide by
    default), which read like contours of P and keep redraws quick. The default map,
    red-blue, is colour-blind safe; blue is P near 0, red P near 1, like the classes.
    The shading is pale (``alpha``) so that the class markers stand out on it.
    """
    ax = _axes(ax)
    proba = np.asarray(proba, dtype=float)
    if proba.shape != (len(x2), len(x1)):
        raise ValueError(f"proba must have shape (len(x2), len(x1)) = ({len(x2)}, {len(x1)}); "
                         f"got {proba.shape}")
    image = ax.imshow(proba, origin="lower", extent=(x1[0], x1[-1], x2[0], x2[-1]),
                      cmap=colormaps[cmap].resampled(bands), vmin=0.0, vmax=1.0, alpha=alpha,
                      aspect="auto",
                      interpolation="bilinear", zorder=1)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return image


# ---------------------------------------------------------------------------
# 13 breast cancer: odds ratios
# ---------------------------------------------------------------------------

def odds_ratio_bars(names, ratios, ax=None):
    """Draw one horizontal bar per feature from 1 to its odds ratio, on a log scale; return
    the bars. Ratios above 1 (odds rise with the feature) are vermillion and reach right
    of the line at 1, below 1 blue and hatched, reaching left. The axis is labelled at
    1, 2 and 5 times each power of ten (… 0.2, 0.5, 1, 2, 5, 10 …), so that a bar's end
    can be read on either side of 1."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax = _axes(ax)
    ratios = np.asarray(ratios, dtype=float)
    rising = ratios >= 1
    colors = np.where(rising, PALETTE["vermillion"], PALETTE["blue"])
    positions = np.arange(len(ratios))[::-1]
    bars = ax.barh(positions, ratios - 1, left=1, color=colors, edgecolor="k", linewidth=0.5)
    for bar, up in zip(bars, rising):
        bar.set_hatch("" if up else "//")
    ax.set_yticks(positions, labels=list(names))
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.axvline(1.0, color=PALETTE["black"], linewidth=0.8)
    ax.set_xlabel("odds ratio per one standard deviation (log scale)")
    return bars
