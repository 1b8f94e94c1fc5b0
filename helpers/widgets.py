"""Interactive explorers: an ipympl figure plus sliders that update it in place.

Every explorer is an ``Explorer``: it owns a matplotlib ``Figure`` drawn on an
ipympl canvas, a dict of controls, and a readout line. Moving a control calls
one ``update`` function that changes the data of artists that already exist
(``line.set_ydata``, ``image.set_data``, ...) and redraws the canvas. Nothing
is re-plotted from scratch, and anything that does not depend on a control is
computed once, when the explorer is built.

In a notebook the last line of a cell shows it::

    explorer = widgets.sigmoid_point_explorer()
    explorer

Tests and benchmarks drive it without a browser::

    explorer.controls["z"].value = 3.0    # runs the update
    explorer.figure.canvas.draw()
"""

import ipywidgets
import numpy as np
from matplotlib.figure import Figure

from helpers import logistic, plots


class Explorer:
    """A figure, its controls and a readout, wired so controls update the figure.

    ``update(**values)`` receives the current value of every control by name,
    changes existing artists, and returns the readout text (HTML allowed).
    """

    def __init__(self, title, figure, controls, update):
        self.title = title
        self.figure = figure
        self.controls = dict(controls)
        self.readout = ipywidgets.HTML(layout=ipywidgets.Layout(min_height="1.6em"))
        self._update = update
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    def values(self):
        """Return the current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self):
        """Run the update with the current control values and redraw."""
        self.readout.value = self._update(**self.values()) or ""
        self.figure.canvas.draw_idle()

    def _on_change(self, change):
        self.refresh()

    @property
    def widget(self):
        """The controls, the figure and the readout stacked in one box."""
        rows = [ipywidgets.HBox(list(self.controls.values())), self.figure.canvas, self.readout]
        return ipywidgets.VBox([row for row in rows if isinstance(row, ipywidgets.Widget)])

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"Explorer: {self.title}"
        return bundle


def interactive_figure(width=6.4, height=3.6, **subplot_kw):
    """Return (figure, axes) drawn on an ipympl canvas that is not shown yet.

    The figure is built without pyplot, so making it changes no global state
    and it only appears where an Explorer places it.
    """
    from ipympl.backend_nbagg import Canvas, FigureManager

    figure = Figure(figsize=(width, height), layout="constrained")
    canvas = Canvas(figure)
    FigureManager(canvas, 0)
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    axes = figure.subplots(**subplot_kw)
    return figure, axes


def float_slider(description, value, low, high, step, readout_format=".2f"):
    """A labelled float slider; its callback fires on every step of a drag or key press."""
    return ipywidgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=readout_format, continuous_update=True,
        style={"description_width": "initial"},
    )


# ---------------------------------------------------------------------------
# 00 start here
# ---------------------------------------------------------------------------

def sigmoid_point_explorer():
    """Move z with a slider; a point travels along σ(z) and the readout shows σ(z)."""
    figure, ax = interactive_figure(5.5, 3.0)
    z_grid = np.linspace(-8, 8, 401)
    plots.sigmoid_curve(z_grid, logistic.sigmoid(z_grid), ax=ax)
    (point,) = ax.plot([], [], "o", color="tab:red", markersize=9, zorder=3)
    guide = ax.axvline(0.0, color="tab:red", linewidth=0.8, linestyle=":")

    def update(z):
        f = float(logistic.sigmoid(z))
        point.set_data([z], [f])
        guide.set_xdata([z, z])
        return f"z = {z:+.2f} &nbsp;&nbsp; σ(z) = {f:.4f}"

    slider = float_slider("z", 0.0, -8.0, 8.0, 0.5)
    return Explorer("a point on the sigmoid", figure, {"z": slider}, update)


# ---------------------------------------------------------------------------
# 01-03: the sigmoid
# ---------------------------------------------------------------------------

def sigmoid_wb_explorer(w=1.0, b=0.0):
    """Sliders over w and b of f = σ(w·x + b): the curve, and where it crosses 0.5.

    The grey curve is σ(x) (w = 1, b = 0) for comparison. The red dotted line
    marks x = −b/w, where w·x + b = 0 and f = 0.5; with w = 0 there is no such
    point and f is the constant σ(b).
    """
    figure, ax = interactive_figure(6.0, 3.4)
    x = np.linspace(-6, 6, 401)
    ax.plot(x, logistic.sigmoid(x), color="0.75", linewidth=1.5, label="σ(x): w = 1, b = 0")
    curve = plots.sigmoid_curve(x, logistic.sigmoid(w * x + b), ax=ax, label="σ(w·x + b)")
    middle = ax.axvline(0.0, color="tab:red", linewidth=1, linestyle=":")
    (point,) = ax.plot([], [], "o", color="tab:red", markersize=7, zorder=3)
    ax.set_xlabel("x")
    ax.set_ylabel("f = σ(w·x + b)")
    ax.set_xlim(x[0], x[-1])
    ax.legend(loc="upper left", fontsize=8)

    def update(w, b):
        curve.set_ydata(logistic.sigmoid(w * x + b))
        if w == 0:
            middle.set_visible(False)
            point.set_data([], [])
            return (f"w = 0: f = σ({b:+.2f}) = {float(logistic.sigmoid(b)):.3f} for every x; "
                    "there is no x where f crosses 0.5")
        x0 = -b / w if b != 0 else 0.0  # avoid printing −0.00
        middle.set_xdata([x0, x0])
        middle.set_visible(bool(x[0] <= x0 <= x[-1]))
        point.set_data([x0], [0.5])
        where = "" if x[0] <= x0 <= x[-1] else " (off the plot)"
        rising = "rises" if w > 0 else "falls"
        return (f"f = 0.5 at x = −b/w = {x0:+.2f}{where}; f {rising} through it with slope "
                f"w/4 = {w / 4:+.2f}")

    controls = {"w": float_slider("w", w, -4.0, 4.0, 0.1),
                "b": float_slider("b", b, -6.0, 6.0, 0.25)}
    return Explorer("σ(w·x + b)", figure, controls, update)


# ---------------------------------------------------------------------------
# 12 softmax
# ---------------------------------------------------------------------------

def label_grid(X, padding=0.75, size=160):
    """Return (x1, x2, points): grid axes covering X's 2-D range and the (size², 2) grid points."""
    X = np.asarray(X, dtype=float)
    low, high = X.min(axis=0) - padding, X.max(axis=0) + padding
    x1, x2 = np.linspace(low[0], high[0], size), np.linspace(low[1], high[1], size)
    g1, g2 = np.meshgrid(x1, x2)
    return x1, x2, np.column_stack([g1.ravel(), g2.ravel()])


def softmax_explorer(alpha=0.5, num_iters=600, step=10):
    """Slide through a softmax gradient-descent run on the three blobs: the decision
    regions move on the left, the cost falls on the right.

    The run and the predicted-class grid at every slider position are computed once.
    """
    from helpers import data, softmax

    X, y = data.load_multiclass("three_blobs")
    K = int(y.max()) + 1
    W0, b0 = np.zeros((X.shape[1], K)), np.zeros(K)
    _, _, history = softmax.gradient_descent(X, y, W0, b0, alpha, num_iters)
    stops = np.arange(0, history.iterations + 1, step)
    x1, x2, points = label_grid(X)
    grids = [softmax.predict(points, history.w[k], history.b[k]).reshape(x2.size, x1.size)
             for k in stops]
    accuracies = [float(np.mean(softmax.predict(X, history.w[k], history.b[k]) == y))
                  for k in stops]

    figure, (ax_regions, ax_cost) = interactive_figure(8.5, 3.6, ncols=2,
                                                       width_ratios=[1.1, 1])
    image = plots.decision_regions(x1, x2, grids[0], K, ax=ax_regions)
    plots.class_points(X, y, ax=ax_regions)
    ax_regions.legend(loc="upper left", fontsize="small")
    ax_regions.set_title("predicted class")
    plots.cost_curve(history.cost, ax=ax_cost)
    (marker,) = ax_cost.plot([], [], "o", color="tab:red", markersize=8, zorder=3)
    ax_cost.set_title("cost J (mean cross-entropy)")

    def update(iteration):
        i = int(np.searchsorted(stops, iteration))
        i = min(i, len(stops) - 1)
        k = stops[i]
        image.set_data(grids[i])
        marker.set_data([k], [history.cost[k]])
        return (f"iteration {k}: cost {history.cost[k]:.4f}, "
                f"training accuracy {accuracies[i]:.3f}")

    slider = ipywidgets.IntSlider(value=0, min=0, max=int(stops[-1]), step=step,
                                  description="iterations", continuous_update=True,
                                  style={"description_width": "initial"})
    return Explorer("softmax decision regions during gradient descent", figure,
                    {"iteration": slider}, update)


# ---------------------------------------------------------------------------
# 07 overlap and stopping
# ---------------------------------------------------------------------------

def stopping_explorer(dataset="clusters_overlapping", alpha=0.1, num_iters=3000, seed=0):
    """Slide the tolerance of the stopping rule; see where the run stops and its boundary.

    One run of ``num_iters`` updates from random weights in [0, 1) is made once; for each
    tolerance the stop is the first update whose cost change is below it, exactly the rule of
    ``gradient_descent(..., tol=...)``.
    """
    from helpers import data, metrics

    X, y = data.load(dataset)
    start = np.random.default_rng(seed).random(X.shape[1] + 1)
    _, _, history = logistic.gradient_descent(X, y, start[:-1], start[-1], alpha, num_iters)
    changes = np.abs(np.diff(history.cost))
    accuracies = np.array([metrics.accuracy(y, logistic.predict(X, history.w[k], history.b[k]))
                           for k in range(history.iterations + 1)])

    figure, (ax_cost, ax_data) = interactive_figure(9.0, 3.6, ncols=2)
    plots.cost_curve(history.cost, ax=ax_cost, color="0.55", label="full run")
    (done,) = ax_cost.plot([], [], color="tab:green", linewidth=2.5, label="run until the stop")
    stop_line = ax_cost.axvline(0, color="tab:red", linestyle="--", linewidth=1)
    ax_cost.legend(loc="upper right")
    ax_cost.set_title("cost per iteration")
    plots.data_points(X, y, ax=ax_data, size=25)
    x1_limits = (X[:, 0].min() - 0.5, X[:, 0].max() + 0.5)
    ax_data.set_xlim(x1_limits)
    ax_data.set_ylim(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
    boundary = plots.boundary_line(history.w[0], history.b[0], x1_limits, ax=ax_data)
    title = ax_data.set_title(" ")
    ax_data.set_xlabel("x1")
    ax_data.set_ylabel("x2")
    x1 = np.array(x1_limits)

    def update(tol):
        small = np.nonzero(changes < tol)[0]
        k = int(small[0]) + 1 if small.size else history.iterations
        done.set_data(np.arange(k + 1), history.cost[:k + 1])
        stop_line.set_xdata([k, k])
        w, b = history.w[k], history.b[k]
        boundary.set_data(x1, -(w[0] * x1 + b) / w[1])
        title.set_text(f"boundary after {k} updates")
        verdict = (f"converged after {k} updates" if small.size
                   else f"no change below tol, so all {k} updates ran")
        return (f"tol = {tol:.0e}: {verdict}; cost {history.cost[k]:.3f}, "
                f"training accuracy {accuracies[k]:.1%}")

    slider = ipywidgets.FloatLogSlider(value=1e-4, base=10, min=-6, max=-2, step=0.25,
                                       description="tol", readout_format=".0e",
                                       continuous_update=True)
    return Explorer("the stopping tolerance", figure, {"tol": slider}, update)
