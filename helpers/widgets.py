"""The course's explorers, in course order: a figure with sliders that answers at once.

Each function builds one ``helpers.explorer.Explorer`` (see that module for how they
work and how tests drive them). Everything a slider can show is computed when the
explorer is built; a slider move only changes existing artists and re-renders. In a
notebook the last line of a cell shows it::

    from helpers import widgets

    explorer = widgets.cost_surface_explorer()
    explorer

Names and number formats follow the notation table in CONTRIBUTING.md: the slider
"learning rate α" and the readout "α = 0.1", "iteration 300", "J = 0.1234",
"w = [0.123, -0.456], b = 0.789", "λ = 0.01", "tol = 1e-04". Colours come from
``helpers.plots.PALETTE`` and every colour is named in a legend or a colour bar.
"""

import contourpy
import numpy as np
from matplotlib import colors

from helpers import (data, features, geometry, logistic, metrics, model_selection, newton,
                     plots, softmax)
from helpers import single_point as sp
from helpers.explorer import (
    WARNING_STYLE,
    CostPanel,
    Explorer,
    choice_buttons,
    choice_slider,
    cost_behaviour,
    cost_rises,
    explorer_figure,
    float_slider,
    int_slider,
)

PALETTE = plots.PALETTE


def _status_title(ax, history, alpha, k):
    """Set the axes title to "α = …, iteration k", or "diverged at …" in vermillion."""
    if history.diverged:
        ax.set_title(f"α = {alpha:g}: diverged at iteration {history.iterations + 1}",
                     color=PALETTE["vermillion"], fontweight="bold")
    else:
        ax.set_title(f"α = {alpha:g}, iteration {k}", color=PALETTE["black"],
                     fontweight="normal")


def _run_story(history, k, iteration):
    """The readout's second part: what the cost did over the whole run, or why it stopped."""
    if history.diverged:
        stopped = f"The run stopped after {history.iterations} updates"
        shown = f", so the numbers are those after update {k}" if k < iteration else ""
        return (f"{stopped}{shown}.<br><span style='{WARNING_STYLE}'>⚠ {history.message}"
                "</span>")
    return f"Over the {history.iterations} updates {cost_behaviour(history.cost)}."


# ---------------------------------------------------------------------------
# 00 start here
# ---------------------------------------------------------------------------

def sigmoid_point_explorer():
    """Move z with a slider; a point travels along σ(z) and the readout shows σ(z)."""
    figure, ax = explorer_figure(5.5, 3.0)
    z_grid = np.linspace(-8, 8, 401)
    plots.sigmoid_curve(z_grid, logistic.sigmoid(z_grid), ax=ax, label="σ(z)")
    guide = ax.axvline(0.0, color=plots.CURRENT_COLOR, linewidth=1, linestyle=":")
    point = plots.current_marker(ax, label="the point (z, σ(z))", size=9)
    ax.legend(loc="upper left", fontsize="small")

    def update(z):
        f = float(logistic.sigmoid(z))
        point.set_data([z], [f])
        guide.set_xdata([z, z])
        return f"z = {z:.1f}: σ(z) = {f:.4f}"

    slider = float_slider("z", 0.0, -8.0, 8.0, 0.5, readout_format=".1f")
    return Explorer("a point on the sigmoid", figure, {"z": slider}, update,
                    dynamic=[point, guide], name="sigmoid_point")


# ---------------------------------------------------------------------------
# 01 the sigmoid
# ---------------------------------------------------------------------------

def sigmoid_wb_explorer(w=1.0, b=0.0):
    """Sliders over w and b of f = σ(w·x + b): the curve, and where it crosses 0.5.

    The grey curve is σ(x) (w = 1, b = 0) for comparison. The orange point marks
    x = −b/w, where w·x + b = 0 and f = 0.5; with w = 0 there is no such point and f
    is the constant σ(b) (0.5 everywhere when b = 0, and the readout says so). The
    legend sits below the axes, clear of the curve for every w.
    """
    figure, ax = explorer_figure(6.0, 3.6)
    x = np.linspace(-6, 6, 401)
    ax.plot(x, logistic.sigmoid(x), color=plots.REFERENCE_GREY, linewidth=3, linestyle=":",
            label="σ(x): w = 1, b = 0")
    curve = plots.sigmoid_curve(x, logistic.sigmoid(w * x + b), ax=ax, label="f = σ(w·x + b)")
    middle = ax.axvline(0.0, color=plots.CURRENT_COLOR, linewidth=1, linestyle=":")
    point = plots.current_marker(ax, label="f = 0.5 at x = −b/w", size=7)
    ax.set_xlabel("x")
    ax.set_ylabel("f = σ(w·x + b)")
    ax.set_xlim(x[0], x[-1])
    figure.legend(loc="outside lower center", ncols=3, fontsize="small")

    def update(w, b):
        curve.set_ydata(logistic.sigmoid(w * x + b))
        if w == 0:
            middle.set_visible(False)
            point.set_data([], [])
            everywhere = " (f = 0.5 everywhere)" if b == 0 else ""
            return (f"w = 0.000, b = {b:.3f}: f = σ(b) = {float(logistic.sigmoid(b)):.4f} "
                    f"for every x; there is no x where f crosses 0.5{everywhere}")
        x0 = -b / w if b != 0 else 0.0  # not −0.000
        inside = bool(x[0] <= x0 <= x[-1])
        middle.set_xdata([x0, x0])
        middle.set_visible(inside)
        point.set_data([x0], [0.5])
        where = "" if inside else " (off the plot)"
        rising = "rises" if w > 0 else "falls"
        return (f"w = {w:.3f}, b = {b:.3f}: f = 0.5 at x = −b/w = {x0:.3f}{where}; "
                f"f {rising} through it with slope w/4 = {w / 4:.3f}")

    controls = {"w": float_slider("w", w, -4.0, 4.0, 0.1, readout_format=".3f"),
                "b": float_slider("b", b, -6.0, 6.0, 0.25, readout_format=".3f")}
    return Explorer("σ(w·x + b)", figure, controls, update, dynamic=[curve, middle, point],
                    name="sigmoid_wb")


# ---------------------------------------------------------------------------
# 04 debugging a single point
# ---------------------------------------------------------------------------

SINGLE_POINT_RATES = tuple(np.round(np.arange(0.1, 3.0001, 0.1), 1).tolist())


def prediction_text(f):
    """f as the readout shows it, "0.8808", or "below 0.0001" / "above 0.9999" at the ends."""
    if f < 0.00005:
        return "below 0.0001"
    if f >= 0.99995:
        return "above 0.9999"
    return f"{f:.4f}"


def single_point_explorer():
    """The single-point run for any learning rate α, with the minus sign or the flipped one.

    Left: the loss per epoch (log scale); right: the prediction f per epoch. The
    notebook's first run (α = 1, minus sign) stays as a grey dotted reference. Descent
    is drawn in blue with dots and a solid line, the flipped sign in vermillion with
    crosses and a dashed line. Runs for every slider position and both signs are
    computed when the explorer is built.
    """
    runs = {(alpha, sign): sp.single_point_run(alpha=alpha, sign=sign)
            for alpha in SINGLE_POINT_RATES for sign in (sp.DESCENT, sp.ASCENT)}
    reference = sp.single_point_run()
    epochs = [row.epoch for row in reference]

    figure, (ax_loss, ax_f) = explorer_figure(8.5, 3.8, ncols=2)
    styles = {
        sp.DESCENT: {"color": PALETTE["blue"], "marker": "o", "linestyle": "-",
                     "label": "minus sign: w ← w − α·x·(f − y) (descent)"},
        sp.ASCENT: {"color": PALETTE["vermillion"], "marker": "X", "linestyle": "--",
                    "label": "plus sign: w ← w + α·x·(f − y) (ascent)"},
    }
    ax_loss.plot(epochs, [r.loss for r in reference], color=plots.REFERENCE_GREY,
                 linestyle=":", linewidth=2, label="reference: α = 1, minus sign")
    ax_f.plot(epochs, [r.f for r in reference], color=plots.REFERENCE_GREY, linestyle=":",
              linewidth=2)
    lines = {}
    for sign, style in styles.items():
        (loss_line,) = ax_loss.plot([], [], linewidth=2, **style)
        (f_line,) = ax_f.plot([], [], linewidth=2, **{**style, "label": None})
        lines[sign] = (loss_line, f_line)
    ax_loss.set(yscale="log", ylim=(5e-3, 100), xlabel="epoch", ylabel="loss (log scale)",
                title="loss per epoch")
    ax_f.set(ylim=(-0.03, 1.03), xlabel="epoch", ylabel="f = σ(w·x + b)",
             title="prediction f per epoch (label y = 1)")
    ax_f.axhline(1.0, color="0.8", linewidth=0.8)
    figure.legend(loc="outside lower center", ncols=2, fontsize="small")
    warning = ax_loss.text(0.03, 0.95, "", transform=ax_loss.transAxes, ha="left", va="top",
                           color=PALETTE["vermillion"], fontsize=10, fontweight="bold")

    def update(alpha, sign):
        rows = runs[(round(alpha, 1), sign)]
        for line_sign, (loss_line, f_line) in lines.items():
            shown = line_sign == sign
            loss_line.set_data(epochs if shown else [], [r.loss for r in rows] if shown else [])
            f_line.set_data(epochs if shown else [], [r.f for r in rows] if shown else [])
        losses = np.array([r.loss for r in rows])
        first, last = rows[0], rows[-1]
        text = (f"α = {alpha:g}: loss {first.loss:.4f} → {last.loss:.4f}, "
                f"f {prediction_text(first.f)} → {prediction_text(last.f)} over {len(rows)} "
                "epochs.")
        if sign == sp.ASCENT:
            warning.set_text("loss rising: gradient ascent")
            every = "at every epoch" if np.all(np.diff(losses) > 0) else "overall"
            return (f"{text}<br><span style='{WARNING_STYLE}'>⚠ The loss rises {every} and f "
                    "falls, away from the label 1: adding the gradient climbs the loss "
                    "(gradient ascent).</span>")
        warning.set_text("")
        every = "at every epoch" if np.all(np.diff(losses) < 0) else "overall"
        return f"{text} The loss falls {every} and f rises, towards the label 1."

    controls = {
        "alpha": float_slider("learning rate α", 1.0, SINGLE_POINT_RATES[0],
                              SINGLE_POINT_RATES[-1], 0.1, readout_format=".1f"),
        "sign": choice_buttons("update", [("w ← w − α·x·(f − y)", sp.DESCENT),
                                          ("w ← w + α·x·(f − y)", sp.ASCENT)], sp.DESCENT),
    }
    dynamic = [line for pair in lines.values() for line in pair] + [warning]
    return Explorer("the single-point run: learning rate and sign", figure, controls, update,
                    dynamic=dynamic, name="single_point")


# ---------------------------------------------------------------------------
# 05 the cost surface
# ---------------------------------------------------------------------------

COST_SURFACE_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 20.0)
COST_SURFACE_ITERATIONS = 300
# The iterations whose point on the path gets a dot, as in notebook 05's figures: dots at
# every update would merge into a thick black strip where the steps are short.
COST_SURFACE_MARKED = (0, 1, 2, 3, 4, 6, 10, 30, 100, 300)


def cost_surface_explorer(rates=COST_SURFACE_RATES, num_iters=COST_SURFACE_ITERATIONS):
    """Gradient descent on the tumour data's cost surface, for a chosen learning rate α.

    Left: log-spaced filled contours of J(w, b) (drawn once) with the path from (0, 0)
    up to the chosen iteration; right: the cost per iteration, the updates where it
    rose marked. Every learning rate's run is computed when the explorer is built;
    the iteration slider only indexes into it.
    """
    X, y = data.load("tumour")
    runs = {rate: logistic.gradient_descent(X, y, np.zeros(1), 0.0, rate, num_iters)[2]
            for rate in rates}
    w_values = np.linspace(-2.0, 22.0, 200)     # the grid of notebook 05
    b_values = np.linspace(-30.0, 4.0, 200)
    J = logistic.cost_grid(X, y, w_values, b_values)

    figure, (ax_surface, ax_cost) = explorer_figure(8.6, 3.8, ncols=2, width_ratios=[1.2, 1])
    figure.get_layout_engine().set(wspace=0.08)
    filled = plots.cost_contours(w_values, b_values, J, ax=ax_surface)
    figure.colorbar(filled, ax=ax_surface, label="J (log scale)", format="%.2g", pad=0.02)
    path = plots.descent_path([], [], ax=ax_surface, label="descent path", markersize=4)
    point = plots.current_marker(ax_surface, label="current iteration")
    ax_surface.plot([0], [0], "s", color="white", markeredgecolor=PALETTE["black"], zorder=4,
                    label="start (0, 0)")
    ax_surface.set_xlim(w_values[0], w_values[-1])
    ax_surface.set_ylim(b_values[0], b_values[-1])
    # A grey legend box, so the white path shows in it.
    ax_surface.legend(loc="lower left", fontsize="small", facecolor="0.8", framealpha=0.9)
    panel = CostPanel(ax_cost, num_iters, cost_limits=(1e-3, 40))

    def update(alpha, iteration):
        history = runs[alpha]
        k = min(iteration, history.iterations)
        path.set_data(history.w[:k + 1, 0], history.b[:k + 1])
        path.set_markevery([i for i in COST_SURFACE_MARKED if i <= k])
        point.set_data([history.w[k, 0]], [history.b[k]])
        panel.show(history, k, iteration)
        _status_title(ax_surface, history, alpha, k)
        return (f"α = {alpha:g}, iteration {iteration}: w = {history.w[k, 0]:.3f}, "
                f"b = {history.b[k]:.3f}, J = {history.cost[k]:.4g}. "
                + _run_story(history, k, iteration))

    stops = geometry.iteration_stops(num_iters)
    controls = {
        "alpha": choice_slider("learning rate α", rates, 1.0),
        "iteration": choice_slider("iteration", stops, stops[-1], label="{:d}"),
    }
    return Explorer("gradient descent on the cost surface", figure, controls, update,
                    dynamic=[path, point, ax_surface.title, *panel.artists],
                    name="cost_surface")


# ---------------------------------------------------------------------------
# 06 the decision-boundary lab
# ---------------------------------------------------------------------------

BOUNDARY_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BOUNDARY_ITERATIONS = 10_000
# The iteration slider stops at every iteration up to this one (at α = 3 and 10 the first
# updates swing back and forth, one by one), then at log-spaced iterations.
BOUNDARY_EVERY_ITERATION_TO = 20


def decision_boundary_explorer(rates=BOUNDARY_RATES, num_iters=BOUNDARY_ITERATIONS):
    """The lab's run on the six points: move through iterations and change the learning rate α.

    Left: P(y = 1) shaded over the plane with the boundary w·x + b = 0; right: the
    cost per iteration (log scale), the updates where it rose marked. Every learning
    rate's run is computed when the explorer is built (about 0.2 s each); the
    iteration slider only indexes into the stored history. It stops at every iteration
    up to BOUNDARY_EVERY_ITERATION_TO, then at ``geometry.iteration_stops``.
    """
    X, y = data.load("six_points")
    runs = {rate: logistic.gradient_descent(X, y, np.zeros(2), 0.0, rate, num_iters)[2]
            for rate in rates}
    x1 = np.linspace(0.0, 4.0, 161)
    x2 = np.linspace(0.0, 3.5, 141)
    points = geometry.grid_points(x1, x2)

    figure, (ax_plane, ax_cost) = explorer_figure(8.6, 3.8, ncols=2, width_ratios=[1.15, 1])
    figure.get_layout_engine().set(wspace=0.08)
    image = plots.probability_image(x1, x2, np.full((x2.size, x1.size), 0.5), ax=ax_plane)
    figure.colorbar(image, ax=ax_plane, label="P(y = 1)", pad=0.02)
    plots.data_points(X, y, ax=ax_plane)
    (boundary,) = ax_plane.plot([], [], color=PALETTE["black"], linewidth=2,
                                label="w·x + b = 0")
    ax_plane.set_xlim(x1[0], x1[-1])
    ax_plane.set_ylim(x2[0], x2[-1])
    ax_plane.legend(loc="upper right", fontsize="small")
    panel = CostPanel(ax_cost, num_iters, cost_limits=(1e-4, 20))

    def update(alpha, iteration):
        history = runs[alpha]
        k = min(iteration, history.iterations)
        w, b = history.w[k], history.b[k]
        image.set_data(logistic.predict_proba(points, w, b).reshape(x2.size, x1.size))
        boundary.set_data(*geometry.boundary_segment(w, b, (x1[0], x1[-1]), (x2[0], x2[-1])))
        panel.show(history, k, iteration)
        _status_title(ax_plane, history, alpha, k)
        text = (f"α = {alpha:g}, iteration {iteration}: w = [{w[0]:.3f}, {w[1]:.3f}], "
                f"b = {b:.3f}, J = {history.cost[k]:.4g}")
        if not w.any():
            text += " (w = 0: every point gets P = 0.5, so there is no boundary yet)"
        return f"{text}. " + _run_story(history, k, iteration)

    first = range(min(BOUNDARY_EVERY_ITERATION_TO, num_iters) + 1)
    stops = sorted(set(first).union(geometry.iteration_stops(num_iters)))
    controls = {
        "alpha": choice_slider("learning rate α", rates, 0.1),
        "iteration": choice_slider("iteration", stops, stops[-1], label="{:d}"),
    }
    return Explorer("the decision boundary during gradient descent", figure, controls, update,
                    dynamic=[image, boundary, ax_plane.title, *panel.artists],
                    name="decision_boundary")


# ---------------------------------------------------------------------------
# 07 overlap and stopping
# ---------------------------------------------------------------------------

STOPPING_TOLERANCES = (1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2)


def stopping_explorer(dataset="clusters_overlapping", alpha=0.1, num_iters=3000, seed=0):
    """Slide the tolerance of the stopping rule; see where the run stops and its boundary.

    One run of ``num_iters`` updates from random weights in [0, 1) is made once; for each
    tolerance the stop is the first update whose cost change is below it, exactly the rule
    of ``gradient_descent(..., tol=...)``. The readout gives the stop, the cost and the
    training accuracy there, and the accuracy after every update ran.
    """
    X, y = data.load(dataset)
    start = np.random.default_rng(seed).random(X.shape[1] + 1)
    _, _, history = logistic.gradient_descent(X, y, start[:-1], start[-1], alpha, num_iters)
    changes = np.abs(np.diff(history.cost))
    accuracies = np.array([metrics.accuracy(y, logistic.predict(X, history.w[k], history.b[k]))
                           for k in range(history.iterations + 1)])

    figure, (ax_cost, ax_data) = explorer_figure(8.4, 3.6, ncols=2)
    plots.cost_curve(history.cost, ax=ax_cost, color=plots.REFERENCE_GREY, linewidth=1.5,
                     linestyle=":", label="the full run")
    (done,) = ax_cost.plot([], [], color=PALETTE["blue"], linewidth=3,
                           label="until the stop")
    stop_line = ax_cost.axvline(0, color=PALETTE["vermillion"], linestyle="--", linewidth=1.2,
                                label="the stop")
    # Above the axes: the stop line crosses every place inside them for some tol.
    ax_cost.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize="small",
                   frameon=False)
    plots.data_points(X, y, ax=ax_data, size=25)
    x1_limits = (X[:, 0].min() - 0.5, X[:, 0].max() + 0.5)
    # Room above the points for the legend, where the boundary never passes.
    x2_limits = (X[:, 1].min() - 0.5, X[:, 1].max() + 1.8)
    ax_data.set_xlim(x1_limits)
    ax_data.set_ylim(x2_limits)
    (boundary,) = ax_data.plot([], [], color=PALETTE["black"], linewidth=2,
                               label="boundary at the stop")
    ax_data.legend(loc="upper right", fontsize="small", ncol=3)
    title = ax_data.set_title(" ")
    ax_data.set_xlabel("x1")
    ax_data.set_ylabel("x2")

    def update(tol):
        small = np.nonzero(changes < tol)[0]
        k = int(small[0]) + 1 if small.size else history.iterations
        done.set_data(np.arange(k + 1), history.cost[:k + 1])
        stop_line.set_xdata([k, k])
        boundary.set_data(*geometry.boundary_segment(history.w[k], history.b[k], x1_limits,
                                                     x2_limits))
        title.set_text(f"boundary after {k} updates")
        verdict = (f"the rule stops the run after {k} updates" if small.size
                   else f"no change below tol, so all {k} updates ran")
        return (f"tol = {tol:.0e}: {verdict}; J = {history.cost[k]:.4g}, training accuracy "
                f"{accuracies[k]:.1%} (after all {history.iterations} updates: "
                f"{accuracies[-1]:.1%})")

    slider = choice_slider("tol", STOPPING_TOLERANCES, 1e-4, label="{:.0e}")
    return Explorer("the stopping tolerance", figure, {"tol": slider}, update,
                    dynamic=[done, stop_line, boundary, title], name="stopping")


# ---------------------------------------------------------------------------
# 09 feature scaling
# ---------------------------------------------------------------------------

SCALING_RATES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
                 30.0, 100.0)


def scaling_explorer(alpha=1e-3, rates=SCALING_RATES, num_iters=300):
    """One learning-rate slider, two runs of gradient descent on the flats data: unscaled
    (left) and standardised (right), each path drawn on the grey contours of its own cost
    J(w1, w2) at b = 0, and both cost curves (third panel, log scale) against the
    minimum of the cost. The readout says for each run what its cost did: fell at every
    update, stalls far above the minimum, spikes and recovers, or oscillates.

    Every learning rate's two runs are computed when the explorer is built.
    """
    X, y = data.load("flats")
    scaled = features.Standardizer().fit_transform(X)
    # The lowest cost there is (the same with and without scaling): Newton's method.
    minimum = float(newton.newton_method(scaled, y, np.zeros(2), 0.0)[2].cost[-1])
    setups = {"unscaled": (X, (-0.01, 0.03), (-3.0, 6.0), "w1 (size)"),
              "standardised": (scaled, (-1.5, 4.0), (-1.5, 4.0), "w1 (size, standardised)")}
    styles = {"unscaled": {"color": PALETTE["vermillion"], "linestyle": "-", "marker": "."},
              "standardised": {"color": PALETTE["blue"], "linestyle": "--", "marker": "."}}
    runs = {rate: {name: logistic.gradient_descent(setup[0], y, np.zeros(2), 0.0, rate,
                                                   num_iters)[2]
                   for name, setup in setups.items()}
            for rate in rates}

    figure, axes = explorer_figure(8.6, 3.4, ncols=3)
    paths, curves = {}, {}
    for ax, (name, (data_X, w1_range, w2_range, w1_label)) in zip(axes, setups.items()):
        w1, w2 = np.linspace(*w1_range, 120), np.linspace(*w2_range, 120)
        J = logistic.weight_cost_grid(data_X, y, w1, w2, 0.0)
        ax.contour(w1, w2, J, levels=geometry.log_levels(J, 18, lift=1e-3),
                   colors=plots.REFERENCE_GREY, linewidths=0.8)
        ax.plot([0], [0], "s", color=PALETTE["black"], markersize=5)
        (paths[name],) = ax.plot([], [], markersize=4, linewidth=1, **styles[name])
        ax.set_xlim(w1_range)
        ax.set_ylim(w2_range)
        ax.set_xlabel(w1_label)
        ax.set_ylabel("w2 (ratio)")
        ax.set_title(f"{name}: path from ■ (0, 0)", fontsize=9)
    ax_cost = axes[2]
    for name in setups:
        (curves[name],) = ax_cost.plot([], [], linewidth=1.5, label=name,
                                       **{**styles[name], "marker": None})
    ax_cost.axhline(minimum, color=plots.REFERENCE_GREY, linewidth=1, linestyle=":",
                    label=f"minimum J = {minimum:.3f}")
    top = 3.0
    ax_cost.set(xlim=(0, num_iters), ylim=(0.35, top), yscale="log", xlabel="iteration",
                ylabel="cost J (log scale)")
    ax_cost.set_yticks([0.4, 0.5, 0.7, 1, 2, 3], ["0.4", "0.5", "0.7", "1", "2", "3"])
    ax_cost.minorticks_off()
    ax_cost.legend(loc="upper left", fontsize=7)
    ax_cost.set_title("cost per iteration", fontsize=9)

    def update(alpha):
        lines = [f"α = {alpha:g}"]
        for name, history in runs[alpha].items():
            paths[name].set_data(history.w[:, 0], history.w[:, 1])
            curves[name].set_data(np.arange(history.iterations + 1), history.cost)
            peak = history.cost.max()
            above = f" (its highest, J = {peak:.3g}, is above the chart)" if peak > top else ""
            line = (f"<b>{name}</b>: J = {history.cost[-1]:.4g} after {history.iterations} "
                    f"updates{above}")
            if history.diverged:
                line += f". <span style='{WARNING_STYLE}'>⚠ {history.message}</span>"
            else:
                line += f"; {cost_behaviour(history.cost, minimum)}."
            lines.append(line)
        return "<br>".join(lines)

    slider = choice_slider("learning rate α", rates, alpha)
    return Explorer("learning rate with and without scaling", figure, {"alpha": slider},
                    update, dynamic=[*paths.values(), *curves.values()], name="scaling")


# ---------------------------------------------------------------------------
# 10 regularisation
# ---------------------------------------------------------------------------

REGULARISATION_LAMBDAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def regularisation_explorer(lambdas=REGULARISATION_LAMBDAS):
    """A λ slider over fixed values moves the decision boundary on the six-point data.

    The minimum of the regularised cost is precomputed for every λ (Newton's method lands
    on the point gradient descent approaches), so moving the slider only swaps arrays.
    Left: P(y = 1) shading and the boundary; right: ‖w‖ for every λ, the current one marked.
    """
    X, y = data.load("six_points")
    lambdas = tuple(float(v) for v in lambdas)
    fits = [newton.penalised_minimum(X, y, lam) for lam in lambdas]
    x1 = np.linspace(0, 3.5, 140)
    x2 = np.linspace(0, 3.0, 120)
    points = geometry.grid_points(x1, x2)
    probabilities = [logistic.predict_proba(points, w, b).reshape(x2.size, x1.size)
                     for w, b in fits]
    norms = [float(np.linalg.norm(w)) for w, _ in fits]

    figure, (ax, ax_norm) = explorer_figure(8.4, 3.6, ncols=2, width_ratios=[1.2, 1])
    image = plots.probability_image(x1, x2, probabilities[0], ax=ax)
    plots.data_points(X, y, ax=ax)
    (boundary,) = ax.plot([], [], color=PALETTE["black"], linewidth=2,
                          label="boundary f = 0.5")
    ax.set_xlim(x1[0], x1[-1])
    ax.set_ylim(x2[0], x2[-1])
    ax.legend(loc="upper right", fontsize=8)
    figure.colorbar(image, ax=ax, label="P(y = 1)")
    positions = np.arange(len(lambdas))
    ax_norm.plot(positions, norms, "o-", color=plots.REFERENCE_GREY, label="‖w‖ for each λ")
    marker = plots.current_marker(ax_norm, label="the current λ", size=11)
    ax_norm.set_xticks(positions, [f"{lam:g}" for lam in lambdas], fontsize=8, rotation=45)
    ax_norm.set_xlabel("λ")
    ax_norm.set_ylabel("‖w‖ at the minimum")
    ax_norm.set_ylim(0, max(norms) * 1.1)
    ax_norm.legend(loc="upper right", fontsize=8)

    def update(lambda_):
        k = lambdas.index(lambda_)
        w, b = fits[k]
        image.set_data(probabilities[k])
        boundary.set_data(*geometry.boundary_segment(w, b, (x1[0], x1[-1]), (x2[0], x2[-1])))
        marker.set_data([k], [norms[k]])
        return (f"λ = {lambda_:g} (scikit-learn's C = 1/λ = {1 / lambda_:g}): "
                f"w = [{w[0]:.3f}, {w[1]:.3f}], b = {b:.3f}, ‖w‖ = {norms[k]:.3f}")

    slider = choice_slider("λ", lambdas, lambdas[len(lambdas) // 2])
    return Explorer("L2 penalty and the boundary", figure, {"lambda_": slider}, update,
                    dynamic=[image, boundary, marker], name="regularisation")


# ---------------------------------------------------------------------------
# 11 non-linear boundaries
# ---------------------------------------------------------------------------

POLYNOMIAL_DEGREES = tuple(range(1, 9))
POLYNOMIAL_LAMBDAS = (0.0001, 0.001, 0.01, 0.1, 1.0, 10.0)
# k-fold cross-validation on the 50 training points: 5 folds of 10, shuffled with seed 0.
POLYNOMIAL_FOLDS = 5
POLYNOMIAL_SEED = 0


def polynomial_fits(degrees=POLYNOMIAL_DEGREES, lambdas=POLYNOMIAL_LAMBDAS, grid_size=100,
                    limit=3.0, k=POLYNOMIAL_FOLDS, seed=POLYNOMIAL_SEED):
    """Fit the ring's 50 training points for every (degree, λ); return what the explorer shows.

    Features: ``polynomial_features`` of the training points, standardised with their
    statistics; each fit is the minimum of the regularised cost (``penalised_minimum``).
    Per (degree, λ): the fit on all training points (its P(y = 1) image over a grid, the
    boundary path as a (p, 2) array with NaN rows between pieces, ‖w‖, training accuracy
    and cost) and its k-fold cross-validation (mean validation accuracy and cost). The
    test points are not used: they are for the one final report.
    Returns {"x": the grid coordinates, "fits": {(degree, λ): {...}}}.
    """
    X, y = data.load("ring_train")
    folds = model_selection.kfold_indices(len(y), k, seed)
    x = np.linspace(-limit, limit, grid_size)
    grid = geometry.grid_points(x, x)
    result = {"x": x, "fits": {}}
    for degree in degrees:
        mapped = features.polynomial_features(X, degree)
        scaler = features.Standardizer().fit(mapped)
        train = scaler.transform(mapped)
        on_grid = scaler.transform(features.polynomial_features(grid, degree))
        for lam in lambdas:
            w, b = newton.penalised_minimum(train, y, lam)
            proba = logistic.predict_proba(on_grid, w, b).reshape(grid_size, grid_size)
            pieces = contourpy.contour_generator(x, x, proba).lines(0.5)
            path = np.vstack([np.vstack([piece, [np.nan, np.nan]]) for piece in pieces]) \
                if pieces else np.empty((0, 2))
            train_accuracy, train_cost = model_selection.scores(train, y, w, b)
            valid_accuracy, valid_cost = model_selection.cross_validate(mapped, y, lam, folds)
            result["fits"][degree, lam] = {
                "proba": proba, "path": path, "norm": float(np.linalg.norm(w)),
                "train": train_accuracy, "train_cost": train_cost,
                "validation": valid_accuracy, "validation_cost": valid_cost,
            }
    return result


def polynomial_explorer(degree=8, lambda_=0.0001):
    """Degree and λ sliders for a polynomial boundary on the ring's training points.

    Left: P(y = 1) as an image, the boundary f = 0.5 and the 50 training points. Right:
    the training cost and the 5-fold cross-validation cost against the degree for the
    current λ (log scale), the current degree marked. Every (degree, λ) is fitted, and
    cross-validated, when the explorer is built, so the sliders only swap arrays. The
    held-out test points are not shown: this is where the degree and λ are chosen.
    """
    degrees = POLYNOMIAL_DEGREES
    table = polynomial_fits(degrees, POLYNOMIAL_LAMBDAS)
    x, fits = table["x"], table["fits"]
    X, y = data.load("ring_train")

    figure, (ax, ax_cost) = explorer_figure(8.6, 4.0, ncols=2, width_ratios=[1.25, 1])
    image = plots.probability_image(x, x, fits[degree, lambda_]["proba"], ax=ax)
    figure.colorbar(image, ax=ax, label="P(y = 1)", pad=0.02)
    plots.data_points(X, y, ax=ax, labels=("train y = 0", "train y = 1"), size=40)
    (boundary,) = ax.plot([], [], color=PALETTE["black"], linewidth=2,
                          label="boundary f = 0.5")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(x[0], x[-1])
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    (train_line,) = ax_cost.plot(degrees, np.ones(len(degrees)), "o-", color=PALETTE["blue"],
                                 label="training cost")
    (valid_line,) = ax_cost.plot(degrees, np.ones(len(degrees)), "s--",
                                 color=PALETTE["vermillion"], label="5-fold validation cost")
    (marker,) = ax_cost.plot([], [], "o", markersize=14, color=PALETTE["black"],
                             markerfacecolor="none", markeredgewidth=2, label="current degree")
    costs = [fit[key] for fit in fits.values() for key in ("train_cost", "validation_cost")]
    ax_cost.set(yscale="log", ylim=(min(costs) / 1.3, max(costs) * 1.3), xlabel="degree",
                ylabel="cost J (log scale)")
    ax_cost.set_xticks(degrees)
    ax_cost.legend(loc="lower left", fontsize=8)
    title = ax_cost.set_title("", fontsize=10)
    figure.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=3,
                  fontsize="small")

    def update(degree, lambda_):
        fit = fits[degree, lambda_]
        image.set_data(fit["proba"])
        boundary.set_data(fit["path"][:, 0], fit["path"][:, 1])
        train_line.set_ydata([fits[d, lambda_]["train_cost"] for d in degrees])
        valid_line.set_ydata([fits[d, lambda_]["validation_cost"] for d in degrees])
        marker.set_data([degree], [fit["validation_cost"]])
        title.set_text(f"cost against degree, λ = {lambda_:g}")
        count = (degree + 1) * (degree + 2) // 2 - 1
        return (f"degree {degree} ({count} features), λ = {lambda_:g}, ‖w‖ = "
                f"{fit['norm']:.3g}<br>training: accuracy {fit['train']:.1%}, "
                f"J = {fit['train_cost']:.4g}<br>5-fold validation: accuracy "
                f"{fit['validation']:.1%}, J = {fit['validation_cost']:.4g}")

    controls = {
        "degree": int_slider("degree", degree, degrees[0], degrees[-1]),
        "lambda_": choice_slider("λ", POLYNOMIAL_LAMBDAS, lambda_),
    }
    return Explorer("polynomial degree and penalty", figure, controls, update,
                    dynamic=[image, boundary, train_line, valid_line, marker, title],
                    name="polynomial")


# ---------------------------------------------------------------------------
# 12 softmax
# ---------------------------------------------------------------------------

def _region_borders(labels):
    """1 where a grid cell's predicted class differs from its right or upper neighbour's,
    else NaN (transparent): the borders between the shaded regions, as an image."""
    border = np.zeros(labels.shape, dtype=bool)
    border[:, :-1] |= labels[:, :-1] != labels[:, 1:]
    border[:-1, :] |= labels[:-1, :] != labels[1:, :]
    return np.where(border, 1.0, np.nan)


def softmax_explorer(alpha=0.5, num_iters=600, step=10):
    """Slide through a softmax gradient-descent run on the three blobs: the decision
    regions move on the left, the cost falls on the right.

    The regions are shaded in the class colours and outlined in black, so they read
    without colour too; the points carry a marker per class. The run, the predicted-class
    grid and its borders at every slider position are computed once.
    """
    X, y = data.load_multiclass("three_blobs")
    K = int(y.max()) + 1
    W0, b0 = np.zeros((X.shape[1], K)), np.zeros(K)
    _, _, history = softmax.gradient_descent(X, y, W0, b0, alpha, num_iters)
    stops = np.arange(0, history.iterations + 1, step)
    x1, x2, points = geometry.grid_around(X)
    grids = [softmax.predict(points, history.w[k], history.b[k]).reshape(x2.size, x1.size)
             for k in stops]
    borders = [_region_borders(grid) for grid in grids]
    accuracies = [float(np.mean(softmax.predict(X, history.w[k], history.b[k]) == y))
                  for k in stops]

    figure, (ax_regions, ax_cost) = explorer_figure(8.5, 4.0, ncols=2, width_ratios=[1.1, 1])
    image = plots.decision_regions(x1, x2, grids[-1], K, ax=ax_regions)
    outline = ax_regions.imshow(borders[-1], origin="lower", extent=image.get_extent(),
                                cmap=colors.ListedColormap([PALETTE["black"]]), vmin=0, vmax=1,
                                interpolation="nearest", aspect="auto", zorder=2)
    plots.class_points(X, y, ax=ax_regions)
    # Above the axes, in one row: inside them it would hide points of class 2.
    ax_regions.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=K,
                      fontsize="small", title="true class (shading: predicted class)",
                      title_fontsize="small", frameon=False)
    plots.cost_curve(history.cost, ax=ax_cost, label="cost J")
    marker = plots.current_marker(ax_cost, label="current iteration")
    ax_cost.legend(loc="upper right", fontsize="small")
    ax_cost.set_title("cost J (mean cross-entropy)")

    def update(iteration):
        i = min(iteration // step, len(stops) - 1)
        k = int(stops[i])
        image.set_data(grids[i])
        outline.set_data(borders[i])
        marker.set_data([k], [history.cost[k]])
        return (f"iteration {k}: J = {history.cost[k]:.4g}, "
                f"training accuracy {accuracies[i]:.1%}")

    slider = int_slider("iteration", int(stops[-1]), 0, int(stops[-1]), step)
    return Explorer("softmax decision regions during gradient descent", figure,
                    {"iteration": slider}, update, dynamic=[image, outline, marker],
                    name="softmax")


# ---------------------------------------------------------------------------
# 15 mini-batch descent
# ---------------------------------------------------------------------------

MINIBATCH_SIZES = (1, 4, 16, 64, 200)
MINIBATCH_RATES = (0.1, 0.3, 1.0, 3.0)
MINIBATCH_EPOCHS = 10
MINIBATCH_DECAY = 100            # τ, in updates
MINIBATCH_LIMITS = (-0.5, 6.5)   # the w1 and w2 axes of the path panel


def minibatch_explorer(sizes=MINIBATCH_SIZES, rates=MINIBATCH_RATES, epochs=MINIBATCH_EPOCHS,
                       decay=MINIBATCH_DECAY):
    """Mini-batch descent on the overlapping clusters (standardised): batch size B, learning
    rate α and a decaying step on or off.

    Left: the path of (w1, w2), one point per update, from (0, 0) over the contours of
    J(w1, w2) with b at its best value; right: J − J* after each epoch (log scale), with
    the whole set as one batch at the same α for comparison (grey). J* is the minimum of
    the cost, found by Newton's method. Every run (seed 0) is computed when the explorer
    is built; the controls only pick one.
    """
    X, y = data.load("clusters_overlapping")
    X = features.Standardizer().fit_transform(X)
    m = X.shape[0]
    w_best, b_best, best = newton.newton_method(X, y, np.zeros(2), 0.0)
    J_best = float(best.cost[-1])
    runs = {(size, rate, decayed): logistic.minibatch_gradient_descent(
                X, y, np.zeros(2), 0.0, rate, epochs, size, decay=decay if decayed else None,
                record="update")[2]
            for size in sizes for rate in rates for decayed in (False, True)}

    figure, (ax_path, ax_cost) = explorer_figure(8.6, 4.0, ncols=2, width_ratios=[1, 1.1])
    grid = np.linspace(*MINIBATCH_LIMITS, 120)
    J = logistic.weight_cost_grid(X, y, grid, grid, b_best)
    ax_path.contour(grid, grid, J, levels=geometry.log_levels(J, 16, lift=1e-3),
                    cmap="viridis", linewidths=0.8)
    (path,) = ax_path.plot([], [], color=PALETTE["blue"], linewidth=0.8, marker=".",
                           markersize=2, label="(w1, w2) after each update")
    ax_path.plot([0], [0], "s", color=PALETTE["black"], markersize=6, label="start (0, 0)")
    ax_path.plot([w_best[0]], [w_best[1]], "*", color=PALETTE["vermillion"], markersize=13,
                 markeredgecolor=PALETTE["black"], zorder=5, label="minimum of J")
    end = plots.current_marker(ax_path, label="after the last update")
    ax_path.set(xlim=MINIBATCH_LIMITS, ylim=MINIBATCH_LIMITS, xlabel="w1", ylabel="w2")
    ax_path.set_aspect("equal")
    ax_path.set_title(f"the path (contours of J at b = {b_best:.2f})", fontsize=9)

    epoch_numbers = np.arange(epochs + 1)
    (whole,) = ax_cost.plot([], [], color=plots.REFERENCE_GREY, linestyle="--", marker="s",
                            markersize=4, label=f"whole set (B = {m}), same α")
    (curve,) = ax_cost.plot([], [], color=PALETTE["blue"], marker="o", markersize=4,
                            label="the chosen B")
    ax_cost.set(yscale="log", xlim=(-0.3, epochs + 0.3), ylim=(1e-6, 1), xlabel="epoch",
                ylabel="J − J* (log scale)")
    ax_cost.set_title("distance to the minimum cost after each epoch", fontsize=9)
    ax_cost.legend(loc="lower left", fontsize="small")
    figure.legend(*ax_path.get_legend_handles_labels(), loc="outside lower center", ncols=4,
                  fontsize="small")

    def per_epoch(history, size):
        """J − J* after each epoch, from a history that has one entry per update."""
        gap = history.cost[::-(-m // size)] - J_best
        return np.maximum(gap, 1e-12)      # J* itself is rounded: keep the log scale finite

    def update(batch_size, alpha, decayed):
        history = runs[batch_size, alpha, decayed]
        updates = -(-m // batch_size)
        path.set_data(history.w[:, 0], history.w[:, 1])
        end.set_data([history.w[-1, 0]], [history.w[-1, 1]])
        gaps = per_epoch(history, batch_size)
        curve.set_data(epoch_numbers, gaps)
        whole.set_data(epoch_numbers, per_epoch(runs[m, alpha, decayed], m))
        step = f"α_k = α/(1 + k/τ), τ = {decay:g}" if decayed else "constant α"
        w, b = history.w[-1], history.b[-1]
        plural = "s" if updates > 1 else ""
        return (f"B = {batch_size}, α = {alpha:g}, {step}: {updates} update{plural} per epoch. "
                f"After epoch {epochs}: w = [{w[0]:.3f}, {w[1]:.3f}], b = {b:.3f}, "
                f"J = {history.cost[-1]:.4g} (minimum J* = {J_best:.4g}), "
                f"J − J* = {gaps[-1]:.1e}. {last_epochs_words(gaps)}")

    def last_epochs_words(gaps, count=5):
        """How J − J* moved over the last `count` epochs: its range, and how often it rose."""
        last = gaps[-count:]
        rises = cost_rises(gaps[-count - 1:]).size
        moved = ("fell at every one of them" if rises == 0
                 else f"rose at {rises} of them" if rises < count else "rose at every one of them")
        return (f"Over the last {count} epochs J − J* stayed between {last.min():.1e} and "
                f"{last.max():.1e} and {moved}.")

    controls = {
        "batch_size": choice_slider("batch size B", sizes, sizes[0], label="{:d}"),
        "alpha": choice_slider("learning rate α", rates, 1.0),
        "decayed": choice_buttons("step", [("constant α", False),
                                           (f"decaying α/(1 + k/τ), τ = {decay:g}", True)],
                                  False),
    }
    return Explorer("mini-batch descent: batch size, learning rate and decay", figure,
                    controls, update, dynamic=[path, end, curve, whole], name="minibatch")
