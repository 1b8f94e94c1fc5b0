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
from helpers.background import StaticBackground


class Explorer:
    """A figure, its controls and a readout, wired so controls update the figure.

    ``update(**values)`` receives the current value of every control by name,
    changes existing artists, and returns the readout text (HTML allowed).

    ``dynamic`` lists every artist the update changes (an Axes stands for all
    of its contents). With it, the figure is laid out once and its unchanging
    parts are drawn once and replayed as pixels (``helpers.background``), so a
    slider move redraws only what moved.
    """

    def __init__(self, title, figure, controls, update, dynamic=None):
        self.title = title
        self.figure = figure
        self.controls = dict(controls)
        self.readout = ipywidgets.HTML(layout=ipywidgets.Layout(min_height="1.6em"))
        self._update = update
        self.background = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()
        if dynamic is not None:
            # Lay out once, then keep that layout. Not canvas.draw(): before the canvas is on
            # a page, ipympl would keep that picture as its first image without the "data:"
            # prefix, and JupyterLab would show a blank figure.
            figure.draw_without_rendering()
            figure.set_layout_engine("none")
            self.background = StaticBackground(figure, dynamic)

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
        controls = ipywidgets.HBox(list(self.controls.values()),
                                   layout=ipywidgets.Layout(flex_flow="row wrap"))
        rows = [controls, self.figure.canvas, self.readout]
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
    return Explorer("a point on the sigmoid", figure, {"z": slider}, update,
                    dynamic=[point, guide])


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
            return (f"w = 0, b = {b:+.2f}: f = σ({b:+.2f}) = {float(logistic.sigmoid(b)):.3f} "
                    "for every x; there is no x where f crosses 0.5")
        x0 = -b / w if b != 0 else 0.0  # avoid printing −0.00
        middle.set_xdata([x0, x0])
        middle.set_visible(bool(x[0] <= x0 <= x[-1]))
        point.set_data([x0], [0.5])
        where = "" if x[0] <= x0 <= x[-1] else " (off the plot)"
        rising = "rises" if w > 0 else "falls"
        return (f"w = {w:+.2f}, b = {b:+.2f}: f = 0.5 at x = −b/w = {x0:+.2f}{where}; "
                f"f {rising} through it with slope w/4 = {w / 4:+.2f}")

    controls = {"w": float_slider("w", w, -4.0, 4.0, 0.1),
                "b": float_slider("b", b, -6.0, 6.0, 0.25)}
    return Explorer("σ(w·x + b)", figure, controls, update, dynamic=[curve, middle, point])


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
                    {"iteration": slider}, update, dynamic=[image, marker])


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

    figure, (ax_cost, ax_data) = interactive_figure(8.4, 3.4, ncols=2)
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
    return Explorer("the stopping tolerance", figure, {"tol": slider}, update,
                    dynamic=[done, stop_line, boundary, title])


# ---------------------------------------------------------------------------
# 04 debugging a single point
# ---------------------------------------------------------------------------

WARNING_STYLE = "color:#b00020;font-weight:bold"


def single_point_explorer():
    """The single-point run for any learning rate, with the correct or the flipped sign.

    Left: the loss per epoch (log scale); right: the prediction z per epoch. The
    source's run (lr = 1, correct sign) stays as a grey reference. Runs for every
    slider position and both signs are computed once, when the explorer is built.
    """
    from helpers import single_point as sp

    rates = np.round(np.arange(0.1, 3.0001, 0.1), 1)
    runs = {(float(lr), sign): sp.single_point_run(lr=float(lr), sign=sign)
            for lr in rates for sign in (sp.DESCENT, sp.ASCENT)}
    reference = sp.single_point_run()
    epochs = [row.epoch for row in reference]

    figure, (ax_loss, ax_z) = interactive_figure(8.5, 3.4, ncols=2)
    ax_loss.plot(epochs, [r.loss for r in reference], color="0.6", linestyle="--",
                 label="source run (lr = 1, correct sign)")
    ax_z.plot(epochs, [r.z for r in reference], color="0.6", linestyle="--")
    (loss_line,) = ax_loss.plot([], [], "o-", linewidth=2)
    (z_line,) = ax_z.plot([], [], "o-", linewidth=2)
    ax_loss.set(yscale="log", ylim=(5e-3, 100), xlabel="epoch", ylabel="loss (log scale)",
                title="loss per epoch")
    ax_z.set(ylim=(-0.03, 1.03), xlabel="epoch", ylabel="z = σ(a·x + b)",
             title="prediction z per epoch (target y = 1)")
    ax_z.axhline(1.0, color="0.8", linewidth=0.8)
    ax_loss.legend(loc="lower left", fontsize="small")
    warning = ax_loss.text(0.03, 0.95, "", transform=ax_loss.transAxes, ha="left", va="top",
                           color="#b00020", fontsize=10, fontweight="bold")

    def update(lr, sign):
        rows = runs[(round(lr, 1), sign)]
        color = "tab:green" if sign == sp.DESCENT else "tab:red"
        loss_line.set_data(epochs, [r.loss for r in rows])
        z_line.set_data(epochs, [r.z for r in rows])
        loss_line.set_color(color)
        z_line.set_color(color)
        first, last = rows[0], rows[-1]
        text = (f"lr = {lr:.1f}: loss {first.loss:.4f} → {last.loss:.4f}, "
                f"z {first.z:.4f} → {last.z:.4f} over {len(rows)} epochs")
        if sign == sp.ASCENT:
            warning.set_text("loss rising: gradient ascent")
            return (f"{text}<br><span style='{WARNING_STYLE}'>⚠ Diverging: the loss rises "
                    "every epoch and z falls towards 0. Adding the gradient climbs the loss "
                    "(gradient ascent).</span>")
        warning.set_text("")
        return f"{text}. The loss falls every epoch and z rises towards 1."

    controls = {
        "lr": float_slider("learning rate", 1.0, 0.1, 3.0, 0.1, readout_format=".1f"),
        "sign": ipywidgets.ToggleButtons(
            options=[("a ← a − lr·x·(z − y)", sp.DESCENT), ("a ← a + lr·x·(z − y)", sp.ASCENT)],
            value=sp.DESCENT, description="update", style={"description_width": "initial"}),
    }
    return Explorer("the single-point run: learning rate and sign", figure, controls, update,
                    dynamic=[loss_line, z_line, warning])


def divergence_banner(ax, x, y):
    """A hidden red label at (x, y) in axes coordinates, shown when a run diverges."""
    banner = ax.text(x, y, "", transform=ax.transAxes, ha="center", va="center",
                     color="#b00020", fontsize=11, fontweight="bold", zorder=5,
                     bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "#b00020"})
    banner.set_visible(False)
    return banner


def cost_panel(ax, num_iters, legend_at):
    """The cost-per-iteration panel of explorers 05 and 06: an empty log-scale cost curve,
    a marker for the current iteration, a cursor, and the divergence limit; returns
    (curve, marker, cursor) for the update to move."""
    curve = plots.cost_curve([], ax=ax, log=True)
    (marker,) = ax.plot([], [], "o", color="tab:red", markersize=8, zorder=3)
    cursor = ax.axvline(num_iters, color="0.5", linewidth=0.8)
    ax.axhline(logistic.DIVERGENCE_FACTOR * np.log(2), color="#b00020", linewidth=0.8,
               linestyle=":", label="divergence limit")
    ax.legend(loc=legend_at, fontsize="small")
    ax.set_title("cost per iteration")
    return curve, marker, cursor


# ---------------------------------------------------------------------------
# 05 the cost surface
# ---------------------------------------------------------------------------

COST_SURFACE_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 6.0, 10.0, 20.0)
COST_SURFACE_ITERATIONS = 300


def cost_surface_grid(size=160):
    """Return (w_values, b_values, J): the tumour data's cost over the grid notebook 05 draws."""
    from helpers import data

    X, y = data.load("tumour")
    w_values = np.linspace(-2.0, 12.0, size)
    b_values = np.linspace(-22.0, 4.0, size)
    return w_values, b_values, logistic.cost_grid(X, y, w_values, b_values)


def cost_surface_explorer(rates=COST_SURFACE_RATES, num_iters=COST_SURFACE_ITERATIONS):
    """Gradient descent on the tumour data's cost surface, for a chosen learning rate.

    Left: log-spaced filled contours of J(w, b) (drawn once) with the path from
    (0, 0) up to the chosen iteration; right: the cost per iteration with the
    current point marked. Every learning rate's run is computed when the explorer
    is built; the iteration slider only indexes into it.
    """
    from helpers import data

    X, y = data.load("tumour")
    runs = {rate: logistic.gradient_descent(X, y, np.zeros(1), 0.0, rate, num_iters)[2]
            for rate in rates}
    w_values, b_values, J = cost_surface_grid()

    figure, (ax_surface, ax_cost) = interactive_figure(8.4, 3.5, ncols=2,
                                                       width_ratios=[1.15, 1])
    figure.get_layout_engine().set(wspace=0.08)
    filled = plots.cost_contours(w_values, b_values, J, ax=ax_surface)
    figure.colorbar(filled, ax=ax_surface, label="J (log scale)", format="%.2g")
    path = plots.descent_path([], [], ax=ax_surface)
    (point,) = ax_surface.plot([], [], "o", color="tab:red", markersize=8, zorder=4)
    ax_surface.plot([0], [0], "s", color="white", markeredgecolor="k", zorder=4)
    ax_surface.set_xlim(w_values[0], w_values[-1])
    ax_surface.set_ylim(b_values[0], b_values[-1])
    ax_surface.set_title("J(w, b) and the descent path from (0, 0)")
    banner = divergence_banner(ax_surface, 0.62, 0.14)

    ax_cost.set_xlim(-0.02 * num_iters, 1.02 * num_iters)
    ax_cost.set_ylim(3e-3, 30)
    curve, marker, cursor = cost_panel(ax_cost, num_iters, legend_at="upper right")

    def update(rate, iteration):
        history = runs[rate]
        k = min(iteration, history.iterations)
        path.set_data(history.w[:k + 1, 0], history.b[:k + 1])
        point.set_data([history.w[k, 0]], [history.b[k]])
        curve.set_data(np.arange(history.iterations + 1), history.cost)
        marker.set_data([k], [history.cost[k]])
        cursor.set_xdata([iteration, iteration])
        text = (f"alpha = {rate:g}, iteration {k}: w = {history.w[k, 0]:.3f}, "
                f"b = {history.b[k]:.3f}, J = {history.cost[k]:.4f}")
        if history.diverged:
            banner.set_text(f"alpha = {rate:g}: diverged\nat iteration {history.iterations + 1}")
            banner.set_visible(True)
            shown = "" if k == iteration else f" (the run stopped at iteration {k})"
            return (f"{text}{shown}<br><span style='{WARNING_STYLE}'>⚠ {history.message}"
                    "</span>")
        banner.set_visible(False)
        return text

    controls = {
        "rate": ipywidgets.SelectionSlider(options=list(rates), value=1.0,
                                           description="learning rate",
                                           continuous_update=True,
                                           style={"description_width": "initial"}),
        "iteration": ipywidgets.IntSlider(value=num_iters, min=0, max=num_iters, step=1,
                                          description="iteration", continuous_update=True,
                                          style={"description_width": "initial"}),
    }
    return Explorer("gradient descent on the cost surface", figure, controls, update,
                    dynamic=[path, point, banner, curve, marker, cursor])


# ---------------------------------------------------------------------------
# 06 the decision-boundary lab
# ---------------------------------------------------------------------------

BOUNDARY_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BOUNDARY_ITERATIONS = 10_000


def boundary_xy(w, b, x1_limits, x2_limits):
    """Return (x1, x2): two points of the line w1·x1 + w2·x2 + b = 0 spanning the box.

    The line is parametrised along whichever axis it is less steep against, so a
    near-vertical boundary is drawn as well as a flat one. With w = 0 there is no
    boundary and both arrays are empty.
    """
    w1, w2 = np.asarray(w, dtype=float)
    if w1 == 0 and w2 == 0:
        return np.array([]), np.array([])
    if abs(w2) >= abs(w1):
        x1 = np.asarray(x1_limits, dtype=float)
        return x1, -(w1 * x1 + b) / w2
    x2 = np.asarray(x2_limits, dtype=float)
    return -(w2 * x2 + b) / w1, x2


def iteration_stops(num_iters, count=40):
    """Return about ``count`` iteration numbers from 0 to num_iters, spaced evenly in log."""
    stops = np.unique(np.round(np.geomspace(1, num_iters, count)).astype(int))
    return [0] + stops.tolist()


def decision_boundary_explorer(rates=BOUNDARY_RATES, num_iters=BOUNDARY_ITERATIONS):
    """The lab's run on the six points: move through iterations and change the learning rate.

    Left: P(y = 1) shaded over the plane with the boundary w·x + b = 0; right: the
    cost per iteration (log scale) with the current iteration marked. Each
    learning rate's run is computed the first time it is chosen and kept; the
    iteration slider only indexes into the stored history.
    """
    from helpers import data

    X, y = data.load("six_points")
    runs = {}

    def run(rate):
        if rate not in runs:
            runs[rate] = logistic.gradient_descent(X, y, np.zeros(2), 0.0, rate, num_iters)[2]
        return runs[rate]

    x1 = np.linspace(0.0, 4.0, 161)
    x2 = np.linspace(0.0, 3.5, 141)
    g1, g2 = np.meshgrid(x1, x2)

    figure, (ax_plane, ax_cost) = interactive_figure(8.4, 3.5, ncols=2,
                                                     width_ratios=[1.1, 1])
    figure.get_layout_engine().set(wspace=0.08)
    image = plots.probability_image(x1, x2, np.full(g1.shape, 0.5), ax=ax_plane)
    figure.colorbar(image, ax=ax_plane, label="P(y = 1)")
    plots.data_points(X, y, ax=ax_plane)
    (boundary,) = ax_plane.plot([], [], color="k", linewidth=2, label="w·x + b = 0")
    ax_plane.set_xlim(x1[0], x1[-1])
    ax_plane.set_ylim(x2[0], x2[-1])
    ax_plane.legend(loc="upper right", fontsize="small")
    banner = divergence_banner(ax_plane, 0.5, 0.12)

    ax_cost.set_xscale("symlog", linthresh=1)
    ax_cost.set_xlim(0, num_iters * 1.3)
    ax_cost.set_ylim(3e-4, 20)
    curve, marker, cursor = cost_panel(ax_cost, num_iters, legend_at="lower left")

    def update(rate, iteration):
        history = run(rate)
        k = min(iteration, history.iterations)
        w, b = history.w[k], history.b[k]
        image.set_data(logistic.sigmoid(w[0] * g1 + w[1] * g2 + b))
        boundary.set_data(*boundary_xy(w, b, (x1[0], x1[-1]), (x2[0], x2[-1])))
        curve.set_data(np.arange(history.iterations + 1), history.cost)
        marker.set_data([k], [history.cost[k]])
        cursor.set_xdata([iteration, iteration])
        ax_plane.set_title(f"alpha = {rate:g}, iteration {k}")
        text = (f"alpha = {rate:g}, iteration {k}: w = [{w[0]:.3f}, {w[1]:.3f}], "
                f"b = {b:.3f}, J = {history.cost[k]:.5f}")
        if not w.any():
            text += " (w = 0: every point gets P = 0.5, so there is no boundary yet)"
        if history.diverged:
            banner.set_text(f"diverged at iteration {history.iterations + 1}")
            banner.set_visible(True)
            if k < iteration:
                text += f" (the run stopped at iteration {k})"
            return f"{text}<br><span style='{WARNING_STYLE}'>⚠ {history.message}</span>"
        banner.set_visible(False)
        return text

    stops = iteration_stops(num_iters)
    controls = {
        "rate": ipywidgets.SelectionSlider(options=list(rates), value=0.1,
                                           description="learning rate",
                                           continuous_update=True,
                                           style={"description_width": "initial"}),
        "iteration": ipywidgets.SelectionSlider(options=stops, value=stops[-1],
                                                description="iteration",
                                                continuous_update=True,
                                                style={"description_width": "initial"}),
    }
    return Explorer("the decision boundary during gradient descent", figure, controls, update,
                    dynamic=[image, boundary, banner, curve, marker, cursor, ax_plane.title])


# ---------------------------------------------------------------------------
# 09 feature scaling, 10 regularisation, 11 non-linear boundaries
# ---------------------------------------------------------------------------

def _log_levels(J, count=18):
    """Contour levels spaced evenly in log J, from just above the minimum to the maximum."""
    low, high = float(J.min()), float(J.max())
    return np.geomspace(low + 1e-3 * (high - low), high, count)


def scaling_explorer(log_alpha=-1.0, num_iters=300, tol=1e-7):
    """One learning-rate slider, two runs of gradient descent on the flats data: unscaled
    (left) and standardised (right), each path drawn on the contours of its own cost
    J(w1, w2) at b = 0, and both cost curves (third panel). The readout prints each run's
    ``history.message``: converged, still going, or diverged, and says when the cost went
    up at some step (the step overshoots: the rate is above the stable limit).

    Runs are computed the first time a learning rate is visited and kept.
    """
    from helpers import data, features

    X, y = data.load("flats")
    scaled = features.Standardizer().fit_transform(X)
    figure, (ax_raw, ax_std, ax_cost) = interactive_figure(8.4, 3.2, ncols=3)
    setups = (("unscaled", X, ax_raw, (-0.01, 0.03), (-3.0, 6.0)),
              ("standardised", scaled, ax_std, (-1.5, 4.0), (-1.5, 4.0)))
    paths, curves = {}, {}
    for (name, data_X, ax, w1_range, w2_range), color in zip(setups, ("tab:red", "tab:purple")):
        w1, w2 = np.linspace(*w1_range, 120), np.linspace(*w2_range, 120)
        J = logistic.weight_cost_grid(data_X, y, w1, w2, 0.0)
        ax.contour(w1, w2, J, levels=_log_levels(J), cmap="viridis", linewidths=1)
        ax.plot([0], [0], "s", color="k", markersize=5)
        (paths[name],) = ax.plot([], [], ".-", color=color, markersize=3, linewidth=1)
        ax.set_xlim(w1_range)
        ax.set_ylim(w2_range)
        ax.set_xlabel("w1 (size)" if name == "unscaled" else "w1 (size, standardised)")
        ax.set_ylabel("w2 (ratio)")
        ax.set_title(f"{name} features", fontsize=10)
        (curves[name],) = ax_cost.plot([], [], color=color, label=name)
    ax_cost.set_xlim(0, num_iters)
    ax_cost.set_ylim(0.3, 1.6)
    ax_cost.axhline(np.log(2), color="0.6", linewidth=0.8, linestyle=":")
    ax_cost.set_xlabel("iteration")
    ax_cost.set_ylabel("cost J")
    ax_cost.legend(loc="upper right", fontsize=8)
    runs = {}

    def run(alpha):
        if alpha not in runs:
            runs[alpha] = {name: logistic.gradient_descent(data_X, y, np.zeros(2), 0.0, alpha,
                                                           num_iters, tol=tol)[2]
                           for name, data_X, *_ in setups}
        return runs[alpha]

    def update(alpha):
        lines = [f"α = {alpha:.3g}"]
        for name, history in run(alpha).items():
            paths[name].set_data(history.w[:, 0], history.w[:, 1])
            curves[name].set_data(np.arange(history.iterations + 1), history.cost)
            rose = bool(np.any(np.diff(history.cost) > 0))
            note = " The cost went up at some step: α overshoots." if rose else ""
            lines.append(f"<b>{name}</b>: {history.message}{note}")
        return "<br>".join(lines)

    slider = ipywidgets.FloatLogSlider(
        value=10 ** log_alpha, base=10, min=-5, max=2, step=0.25, description="learning rate α",
        readout_format=".2g", continuous_update=True, style={"description_width": "initial"})
    return Explorer("learning rate with and without scaling", figure, {"alpha": slider}, update,
                    dynamic=[*paths.values(), *curves.values()])


def _penalised_minimum(X, y, lambda_):
    """(w, b) at the minimum of the cost with L2 penalty lambda_ > 0, by Newton's method from
    zeros (``helpers.newton``): the point gradient descent approaches, in a few steps."""
    from helpers import newton

    w, b, history = newton.newton_method(X, y, np.zeros(X.shape[1]), 0.0, lambda_=lambda_)
    if history.status != "converged":
        raise ValueError(f"no minimum found for lambda_={lambda_:g}: {history.message}")
    return w, b


REGULARISATION_LAMBDAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def regularisation_explorer(lambdas=REGULARISATION_LAMBDAS):
    """A λ slider over fixed values moves the decision boundary on the six-point data.

    The minimum of the regularised cost is precomputed for every λ (Newton's method lands
    on the point gradient descent approaches), so moving the slider only swaps arrays.
    Left: P(y = 1) shading and the boundary; right: ‖w‖ for every λ, the current one marked.
    """
    from helpers import data

    X, y = data.load("six_points")
    lambdas = tuple(float(v) for v in lambdas)
    fits = [_penalised_minimum(X, y, lam) for lam in lambdas]
    x1 = np.linspace(0, 3.5, 140)
    x2 = np.linspace(0, 3.0, 120)
    grid = np.column_stack([a.ravel() for a in np.meshgrid(x1, x2)])
    probabilities = [logistic.predict_proba(grid, w, b).reshape(x2.size, x1.size)
                     for w, b in fits]
    norms = [float(np.linalg.norm(w)) for w, _ in fits]

    figure, (ax, ax_norm) = interactive_figure(8.4, 3.5, ncols=2,
                                               gridspec_kw={"width_ratios": [1.2, 1]})
    image = plots.probability_image(x1, x2, probabilities[0], ax=ax, alpha=0.55)
    plots.data_points(X, y, ax=ax)
    (boundary,) = ax.plot([], [], color="k", linewidth=2, label="boundary f = 0.5")
    ax.set_xlim(x1[0], x1[-1])
    ax.set_ylim(x2[0], x2[-1])
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.legend(loc="upper right", fontsize=8)
    figure.colorbar(image, ax=ax, label="P(y = 1)")
    positions = np.arange(len(lambdas))
    ax_norm.plot(positions, norms, "o-", color="0.6")
    (marker,) = ax_norm.plot([], [], "o", color="tab:red", markersize=11)
    ax_norm.set_xticks(positions, [f"{lam:g}" for lam in lambdas], fontsize=8)
    ax_norm.set_xlabel("λ")
    ax_norm.set_ylabel("‖w‖ at the minimum")
    ax_norm.set_ylim(0, max(norms) * 1.1)

    def update(lam):
        k = lambdas.index(lam)
        (w1, w2), b = fits[k]
        image.set_data(probabilities[k])
        boundary.set_data(x1, -(w1 * x1 + b) / w2)
        marker.set_data([k], [norms[k]])
        return (f"λ = {lam:g} (scikit-learn's C = 1/λ = {1 / lam:g}): "
                f"w = [{w1:.3f}, {w2:.3f}], b = {b:.3f}, ‖w‖ = {norms[k]:.3f}")

    slider = ipywidgets.SelectionSlider(options=lambdas, value=lambdas[len(lambdas) // 2],
                                        description="λ", continuous_update=True)
    return Explorer("L2 penalty and the boundary", figure, {"lam": slider}, update,
                    dynamic=[image, boundary, marker])


POLYNOMIAL_LAMBDAS = (0.0001, 0.001, 0.01, 0.1, 1.0, 10.0)


def polynomial_fits(degrees=range(1, 9), lambdas=POLYNOMIAL_LAMBDAS, grid_size=100, limit=3.0):
    """Fit the ring data for every (degree, λ) and return everything the explorer shows.

    Features: ``polynomial_features`` of the training points, standardised with the
    training statistics. Each fit is the minimum of the regularised cost (``_penalised_minimum``).
    Returns a dict with the grid coordinates ``x``, and per (degree, λ): the probability
    image, the boundary path (an (k, 2) array, NaN rows between pieces), train and
    held-out accuracy and ‖w‖.
    """
    import contourpy

    from helpers import data, features

    X, y = data.load("ring_train")
    X_test, y_test = data.load("ring_test")
    x = np.linspace(-limit, limit, grid_size)
    grid = np.column_stack([a.ravel() for a in np.meshgrid(x, x)])
    result = {"x": x, "fits": {}}
    for degree in degrees:
        scaler = features.Standardizer().fit(features.polynomial_features(X, degree))
        train, test, on_grid = (scaler.transform(features.polynomial_features(A, degree))
                                for A in (X, X_test, grid))
        for lam in lambdas:
            w, b = _penalised_minimum(train, y, lam)
            proba = logistic.predict_proba(on_grid, w, b).reshape(grid_size, grid_size)
            pieces = contourpy.contour_generator(x, x, proba).lines(0.5)
            path = np.vstack([np.vstack([piece, [np.nan, np.nan]]) for piece in pieces]) \
                if pieces else np.empty((0, 2))
            result["fits"][degree, lam] = {
                "proba": proba, "path": path, "norm": float(np.linalg.norm(w)),
                "train": float(np.mean(logistic.predict(train, w, b) == y)),
                "test": float(np.mean(logistic.predict(test, w, b) == y_test)),
            }
    return result


def polynomial_explorer(degree=2, lam=0.01):
    """Degree and λ sliders for a polynomial boundary on the ring data.

    Left: P(y = 1) as an image, the boundary f = 0.5, training points (filled) and
    held-out points (faint). Right: train and held-out accuracy against the degree for the
    current λ, the current degree marked. Every (degree, λ) is fitted when the explorer is
    built, so the sliders only swap precomputed arrays.
    """
    from helpers import data

    degrees = tuple(range(1, 9))
    table = polynomial_fits(degrees, POLYNOMIAL_LAMBDAS)
    x, fits = table["x"], table["fits"]
    X, y = data.load("ring_train")
    X_test, y_test = data.load("ring_test")

    figure, (ax, ax_acc) = interactive_figure(8.4, 3.8, ncols=2,
                                              gridspec_kw={"width_ratios": [1.15, 1]})
    image = plots.probability_image(x, x, fits[degree, lam]["proba"], ax=ax, alpha=0.55)
    for label in (0, 1):
        rows = y_test == label
        ax.scatter(X_test[rows, 0], X_test[rows, 1], s=14, c=plots.CLASS_COLORS[label],
                   marker=plots.CLASS_MARKERS[label], alpha=0.3, linewidths=0)
    plots.data_points(X, y, ax=ax, labels=("train y = 0", "train y = 1"), size=45)
    (boundary,) = ax.plot([], [], color="k", linewidth=2)
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(x[0], x[-1])
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.legend(loc="upper right", fontsize=7)
    (train_line,) = ax_acc.plot(degrees, np.zeros(len(degrees)), "o-", color="tab:green",
                                label="train")
    (test_line,) = ax_acc.plot(degrees, np.zeros(len(degrees)), "s--", color="tab:gray",
                               label="held out")
    (marker,) = ax_acc.plot([], [], "o", markersize=14, markerfacecolor="none",
                            markeredgecolor="tab:red", markeredgewidth=2)
    ax_acc.set_ylim(0.45, 1.02)
    ax_acc.set_xlabel("degree")
    ax_acc.set_ylabel("accuracy")
    ax_acc.legend(loc="lower right", fontsize=8)
    title = ax_acc.set_title("", fontsize=10)

    def update(degree, lam):
        fit = fits[degree, lam]
        image.set_data(fit["proba"])
        boundary.set_data(fit["path"][:, 0], fit["path"][:, 1])
        train_line.set_ydata([fits[d, lam]["train"] for d in degrees])
        test_line.set_ydata([fits[d, lam]["test"] for d in degrees])
        marker.set_data([degree], [fit["test"]])
        title.set_text(f"λ = {lam:g}")
        count = (degree + 1) * (degree + 2) // 2 - 1
        return (f"degree {degree} ({count} features), λ = {lam:g}: train accuracy "
                f"{fit['train']:.2f}, held-out accuracy {fit['test']:.2f}, ‖w‖ = {fit['norm']:.1f}")

    controls = {
        "degree": ipywidgets.IntSlider(value=degree, min=degrees[0], max=degrees[-1],
                                       description="degree", continuous_update=True),
        "lam": ipywidgets.SelectionSlider(options=POLYNOMIAL_LAMBDAS, value=lam,
                                          description="λ", continuous_update=True),
    }
    return Explorer("polynomial degree and penalty", figure, controls, update,
                    dynamic=[image, boundary, train_line, test_line, marker, title])
