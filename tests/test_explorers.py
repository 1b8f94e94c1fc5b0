"""Headless tests of every explorer in helpers.widgets.

Each public ``*_explorer`` function is built with its defaults. Every control is set to its
minimum, middle and maximum (every option for buttons): the picture the page shows
(``explorer.image.value``) and the readout must change, the figure's structure must not, and
nothing may warn (pytest turns warnings into errors for this whole suite). The cached
(fast) draw must show what a full draw shows at every position. Then: the mime bundle
carries a picture, the figure fits the notebook column, sliders are easy to hit, names and
formats follow the notation table, colours follow the palette and are named in legends,
what the readout says about a run is true, and re-running a cell releases the old explorer.
"""

import base64
import gc
import inspect
import io
import re
import weakref

import ipywidgets
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from PIL import Image

from helpers import data, explorer, geometry, logistic, metrics, newton, plots, widgets
from helpers import single_point as sp
from helpers.features import Standardizer

EXPLORERS = [name for name, obj in vars(widgets).items()
             if name.endswith("_explorer") and inspect.isfunction(obj)]
SLIDERS = (ipywidgets.IntSlider, ipywidgets.FloatSlider, ipywidgets.FloatLogSlider,
           ipywidgets.SelectionSlider)
CHOICES = (ipywidgets.ToggleButtons, ipywidgets.Dropdown, ipywidgets.RadioButtons)


def option_values(control):
    """The values a selection control can take (options may be labels or (label, value))."""
    return [option[1] if isinstance(option, tuple) else option for option in control.options]


def targets(control):
    """The values to try for a control: min, middle, max, or every option of a button set."""
    if isinstance(control, ipywidgets.FloatLogSlider):
        middle = round((control.min + control.max) / 2 / control.step) * control.step
        return [control.base ** e for e in (control.min, middle, control.max)]
    if isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider)):
        middle = control.min + round((control.max - control.min) / 2 / control.step) * control.step
        if isinstance(control, ipywidgets.IntSlider):
            middle = int(middle)
        return [control.min, middle, control.max]
    if isinstance(control, ipywidgets.SelectionSlider):
        options = option_values(control)
        return [options[0], options[len(options) // 2], options[-1]]
    if isinstance(control, CHOICES):
        return option_values(control)
    raise AssertionError(f"no test targets for control type {type(control).__name__}")


def positions(control):
    """How many values a slider offers."""
    if isinstance(control, ipywidgets.SelectionSlider):
        return len(control.options)
    return int(round((control.max - control.min) / control.step)) + 1


def structure(figure):
    return [(len(ax.lines), len(ax.collections), len(ax.images), len(ax.patches), len(ax.texts))
            for ax in figure.axes]


def decode(png):
    picture = Image.open(io.BytesIO(png))
    picture.load()
    return picture


def build(name):
    """A new explorer with its defaults."""
    return getattr(widgets, name)()


_shared = {}


def shared(name):
    """An explorer of this kind built earlier in this process, if still open (tests that
    only need some explorer, not its default settings, share one: building is slow)."""
    built = _shared.get(name)
    if built is None or built.closed:
        built = _shared[name] = build(name)
    return built


def test_the_explorers_are_found_in_course_order():
    assert EXPLORERS[:2] == ["sigmoid_point_explorer", "sigmoid_wb_explorer"]
    assert len(EXPLORERS) == 11
    assert EXPLORERS[-1] == "minibatch_explorer"


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_control_changes_the_picture_and_the_readout(name):
    built = build(name)
    assert built.controls, f"{name} has no controls"
    start = structure(built.figure)
    for control_name, control in built.controls.items():
        for value in targets(control):
            if control.value == value:
                continue
            picture, readout = built.image.value, built.readout.value
            control.value = value
            assert built.image.value != picture, (
                f"{name}: setting {control_name} to {value!r} did not change the picture")
            assert built.readout.value != readout, (
                f"{name}: setting {control_name} to {value!r} did not change the readout")
            assert structure(built.figure) == start, (
                f"{name}: moving {control_name} added or removed artists; update them in place")
    width, height = built.figure.canvas.get_width_height()
    assert decode(built.image.value).size == (width, height)


@pytest.mark.parametrize("name", EXPLORERS)
def test_cached_draw_equals_full_draw_at_every_position(name):
    """The fast path (background replayed, live artists on top) must show what a full draw
    shows: this is what proves an explorer declared every artist its update changes."""
    built = shared(name)
    assert built.background is not None, f"{name} declares no dynamic artists"
    for control_name, control in built.controls.items():
        for value in targets(control):
            control.value = value
            fast = built.pixels()
            built.background.enabled = False
            full = built.pixels()
            built.background.enabled = True
            delta = np.abs(fast[..., :3].astype(int) - full[..., :3].astype(int)).max(axis=-1)
            assert np.mean(delta > 8) < 2e-5, (
                f"{name}: with {control_name}={value!r} the cached picture differs from a full "
                "draw; an artist the update changes is missing from `dynamic`")


IMAGE_EXPLORERS = ["decision_boundary_explorer", "regularisation_explorer",
                   "polynomial_explorer", "softmax_explorer"]


@pytest.mark.parametrize("name", IMAGE_EXPLORERS)
def test_images_resampled_with_numpy_look_as_matplotlib_draws_them(name):
    """The explorer's images are resampled by numpy (helpers.background): the picture must
    be the one matplotlib's own resampling makes, at every position."""
    built = shared(name)
    images = [image for ax in built.figure.axes for image in ax.images]
    assert images and all("make_image" in vars(image) for image in images), (
        f"{name}: its images are not resampled with numpy")
    for control_name, control in built.controls.items():
        for value in targets(control):
            control.value = value
            built.background.enabled = False
            fast = built.pixels()
            replaced = [image.__dict__.pop("make_image") for image in images]
            try:
                matplotlib_own = built.pixels()
            finally:
                for image, make_image in zip(images, replaced):
                    image.make_image = make_image
                built.background.enabled = True
            delta = np.abs(fast[..., :3].astype(int) - matplotlib_own[..., :3].astype(int))
            assert np.mean(delta.max(axis=-1) > 8) < 1e-3, (
                f"{name}: with {control_name}={value!r} numpy's resampling differs from "
                "matplotlib's")


def test_the_image_explorers_are_all_listed():
    with_images = [name for name in EXPLORERS
                   if any(ax.images for ax in shared(name).figure.axes)]
    assert with_images == IMAGE_EXPLORERS


@pytest.mark.parametrize("name", EXPLORERS)
def test_mime_bundle_has_the_widget_and_a_picture(name):
    built = shared(name)
    bundle = built._repr_mimebundle_()
    assert bundle["text/plain"] == f"Explorer: {built.title}"
    assert bundle[explorer.WIDGET_VIEW]["model_id"] == built.widget.model_id
    picture = decode(base64.b64decode(bundle["image/png"]))
    width, height = built.figure.canvas.get_width_height()
    assert picture.size == (width // 2, height // 2)     # the static copy is at 1× dpi
    # it is the default settings, also after the sliders moved
    for control in built.controls.values():
        control.value = targets(control)[0]
    assert built._repr_mimebundle_()["image/png"] == bundle["image/png"]


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_figure_fits_the_column_and_is_sharp(name):
    built = shared(name)
    css_width = round(built.figure.get_figwidth() * explorer.CSS_DPI)
    layout = built.image.layout
    assert (layout.width, layout.max_width, layout.height) == ("100%", f"{css_width}px", "auto")
    assert built.widget.layout.max_width == f"{css_width}px"
    assert built.figure.canvas.get_width_height()[0] == 2 * css_width     # 2× for HiDPI
    for control in built.controls.values():
        assert control.layout.width == "100%"
    classes = {"course-explorer": built.widget, "course-explorer-figure": built.image,
               "course-explorer-readout": built.readout}
    for css_class, part in classes.items():
        assert css_class in part._dom_classes


@pytest.mark.parametrize("name", EXPLORERS)
def test_sliders_are_easy_to_hit_and_name_their_values(name):
    """At most 100 positions (6 px each on a 600 px slider), and a SelectionSlider only where
    the values are not evenly spaced: its screen-reader value is the index, so wherever the
    values are even a slider whose value is the number itself is used."""
    built = shared(name)
    for control_name, control in built.controls.items():
        if not isinstance(control, SLIDERS):
            continue
        assert positions(control) <= 100, f"{name}: {control_name} has too many positions"
        assert not isinstance(control, ipywidgets.FloatLogSlider), (
            f"{name}: a FloatLogSlider announces its exponent; use round values")
        if isinstance(control, ipywidgets.SelectionSlider):
            steps = np.diff(np.asarray(option_values(control), dtype=float))
            assert not np.allclose(steps, steps[0]), (
                f"{name}: {control_name} has even steps; use an Int/FloatSlider")


# ---------------------------------------------------------------------------
# One name and one format per quantity (CONTRIBUTING.md, notation table)
# ---------------------------------------------------------------------------

NOTATION = {  # control name -> (slider label, readout text for a value)
    "alpha": ("learning rate α", lambda v: f"α = {v:g}"),
    "lambda_": ("λ", lambda v: f"λ = {v:g}"),
    "tol": ("tol", lambda v: f"tol = {v:.0e}"),
    "iteration": ("iteration", lambda v: f"iteration {v}"),
    "w": ("w", lambda v: f"w = {v:.3f}"),
    "b": ("b", lambda v: f"b = {v:.3f}"),
    "batch_size": ("batch size B", lambda v: f"B = {v}"),
}


@pytest.mark.parametrize("name", EXPLORERS)
def test_notation_on_sliders_and_readouts(name):
    built = shared(name)
    for control_name, control in built.controls.items():
        if control_name not in NOTATION:
            continue
        label, readout = NOTATION[control_name]
        assert control.description == label, f"{name}: {control_name} is labelled {label!r}"
        values = option_values(control) if isinstance(control, ipywidgets.SelectionSlider) \
            else targets(control)
        for value in values:
            control.value = value
            assert readout(value) in built.readout.value, (
                f"{name}: {control_name} = {value!r} is not written {readout(value)!r}")
            if isinstance(control, ipywidgets.SelectionSlider):
                shown = dict((v, k) for k, v in control.options)[value]
                assert readout(value).endswith(shown), f"{name}: slider shows {shown!r}"


# ---------------------------------------------------------------------------
# Colours: one palette, every colour in a legend, never colour alone
# ---------------------------------------------------------------------------

PALETTE = {to_hex(c) for c in plots.PALETTE.values()}


def is_neutral(color):
    r, g, b, _ = to_rgba(color)
    return abs(r - g) < 0.02 and abs(g - b) < 0.02        # black, white and greys


def artist_colors(artist):
    if isinstance(artist, Line2D):
        if len(artist.get_xdata()) == 0 or not artist.get_visible():
            return set()
        colors = {artist.get_color(), artist.get_markerfacecolor()}
        return {to_hex(c) for c in colors if c != "none" and to_rgba(c)[3] > 0}
    if isinstance(artist, PathCollection):
        return {to_hex(c) for c in artist.get_facecolors()}
    return set()


def legends(figure):
    return [legend for legend in [ax.get_legend() for ax in figure.axes] + list(figure.legends)
            if isinstance(legend, Legend)]


def legend_entries(figure):
    return [handle for legend in legends(figure) for handle in legend.legend_handles]


def style(handle):
    """What tells a legend entry apart without colour: marker shape and line style."""
    if isinstance(handle, Line2D):
        linestyle = handle.get_linestyle() if handle.get_linewidth() > 0 else "None"
        return ("line", str(handle.get_marker()), linestyle)
    path = handle.get_paths()[0]
    return ("points", tuple(np.round(path.vertices, 2).ravel()))


def check_colours(built):
    """Every colour of a line or a set of points is from the palette and in a legend."""
    named = {color for handle in legend_entries(built.figure) for color in artist_colors(handle)}
    for ax in built.figure.axes:
        for artist in [*ax.lines, *ax.collections]:
            for color in artist_colors(artist):
                if is_neutral(color):
                    continue
                assert color in PALETTE, f"{built.name}: colour {color} is not in plots.PALETTE"
                assert color in named, f"{built.name}: colour {color} is in no legend"


@pytest.mark.parametrize("name", EXPLORERS)
def test_colours_come_from_the_palette_and_are_named(name):
    check_colours(shared(name))


@pytest.mark.parametrize("name", EXPLORERS)
def test_no_distinction_by_colour_alone(name):
    """Within a legend, entries of different colours also differ in marker or line style."""
    for legend in legends(shared(name).figure):
        entries = [(artist_colors(h) or {"none"}, style(h)) for h in legend.legend_handles]
        for i, (colors_a, style_a) in enumerate(entries):
            for colors_b, style_b in entries[i + 1:]:
                if colors_a != colors_b:
                    assert style_a != style_b, (
                        f"{name}: two legend entries differ only by colour: {style_a}")


def test_the_colour_check_can_fail():
    built = build("sigmoid_point_explorer")
    ax = built.figure.axes[0]
    (line,) = ax.plot([0, 1], [0, 1], color="tab:green")
    with pytest.raises(AssertionError, match="not in plots.PALETTE"):
        check_colours(built)
    line.set_color(plots.PALETTE["bluish green"])
    with pytest.raises(AssertionError, match="in no legend"):
        check_colours(built)


# ---------------------------------------------------------------------------
# Re-running a cell releases the explorer it replaces
# ---------------------------------------------------------------------------

def test_building_again_closes_the_previous_explorer():
    first = widgets.sigmoid_point_explorer()
    figure = weakref.ref(first.figure)
    parts = [first.widget, first.image, first.readout, *first.controls.values()]
    second = widgets.sigmoid_point_explorer()
    assert first.closed and not second.closed
    assert all(part.comm is None for part in parts), "a widget of the old explorer is open"
    assert first._repr_mimebundle_() == {
        "text/plain": "Explorer: a point on the sigmoid (closed: run its cell again)"}
    gc.collect()
    assert figure() is None, "the old figure is still referenced"
    second.controls["z"].value = 3.0           # the new one still works
    assert "0.9526" in second.readout.value
    other = widgets.sigmoid_wb_explorer()      # another kind leaves it alone
    assert not second.closed and not other.closed


def test_a_closed_explorer_ignores_its_old_controls():
    first = widgets.sigmoid_point_explorer()
    slider = first.controls["z"]
    first.close()
    slider.value = 2.0                          # no callback into a released figure
    assert first.figure is None and first.closed


# ---------------------------------------------------------------------------
# What the readouts say
# ---------------------------------------------------------------------------

def test_sigmoid_point_readout_follows_slider():
    built = widgets.sigmoid_point_explorer()
    built.controls["z"].value = 2.0
    assert "σ(z) = 0.8808" in built.readout.value
    built.controls["z"].value = -8.0
    assert "σ(z) = 0.0003" in built.readout.value


def test_sigmoid_wb_readout_gives_the_crossing_point():
    built = widgets.sigmoid_wb_explorer()
    built.controls["w"].value = 2.0
    built.controls["b"].value = -3.0
    assert "x = −b/w = 1.500" in built.readout.value and "slope w/4 = 0.500" in built.readout.value
    built.controls["w"].value = 0.0
    assert "no x where f crosses 0.5" in built.readout.value


def test_single_point_readout_and_the_flipped_sign():
    built = widgets.single_point_explorer()
    assert "α = 1: loss 0.1269 → 0.0387" in built.readout.value
    assert "falls at every epoch" in built.readout.value
    picture = built.image.value
    built.controls["sign"].value = sp.ASCENT
    assert built.image.value != picture
    assert "rises at every epoch" in built.readout.value
    assert "α = 1: loss 0.1269 → 6.5674" in built.readout.value
    assert any("gradient ascent" in t.get_text() for t in built.figure.axes[0].texts)
    built.controls["alpha"].value = 0.5
    ascent_loss = built.figure.axes[0].lines[2]         # the source's run, descent, ascent
    expected = [row.loss for row in sp.single_point_run(alpha=0.5, sign=sp.ASCENT)]
    np.testing.assert_allclose(ascent_loss.get_ydata(), expected)
    assert len(built.figure.axes[0].lines[1].get_xdata()) == 0     # descent hidden


def test_cost_surface_readout_matches_gradient_descent():
    X, y = data.load("tumour")
    w, b, history = logistic.gradient_descent(X, y, np.zeros(1), 0.0, 1.0, 300)
    built = widgets.cost_surface_explorer()
    assert built.values() == {"alpha": 1.0, "iteration": 300}
    assert f"w = {w[0]:.3f}, b = {b:.3f}, J = {history.cost[-1]:.4g}" in built.readout.value
    built.controls["iteration"].value = 0
    assert "iteration 0: w = 0.000, b = 0.000, J = 0.6931" in built.readout.value


def test_decision_boundary_ends_at_the_lab_result():
    built = widgets.decision_boundary_explorer()
    assert built.values() == {"alpha": 0.1, "iteration": 10_000}
    assert "w = [5.281, 5.078], b = -14.222" in built.readout.value
    built.controls["iteration"].value = 0
    assert "no boundary yet" in built.readout.value
    boundary = built.figure.axes[0].lines[0]
    assert len(boundary.get_xdata()) == 0


def test_decision_boundary_readouts_say_what_notebook_06_answers():
    """The numbers of 06's "Ask yourself" answers are those the explorer shows."""
    built = shared("decision_boundary_explorer")
    built.controls["alpha"].value = 0.1
    built.controls["iteration"].value = 143
    assert "iteration 143: w = [0.741, 0.470], b = -1.348" in built.readout.value
    built.controls["iteration"].value = 10_000
    assert "w = [5.281, 5.078], b = -14.222, J = 0.01712" in built.readout.value
    built.controls["alpha"].value = 3.0
    assert "J = 0.000565." in built.readout.value
    assert "rose at 14 of them (to J = 1.932 after update 3)" in built.readout.value
    built.controls["alpha"].value = 10.0
    assert "J = 0.0001679." in built.readout.value
    assert "(to J = 7.614 after update 10), then fell below its start: it spikes and " \
           "recovers" in built.readout.value
    for alpha in widgets.BOUNDARY_RATES:
        built.controls["alpha"].value = alpha
        assert "diverged" not in built.figure.axes[0].get_title()


def test_stopping_explorer_stops_where_gradient_descent_stops():
    """Notebook 07's explorer: at every tolerance the stop, the cost and the accuracy in the
    readout are those of gradient_descent(..., tol=tol) from the same random start."""
    X, y = data.load("clusters_overlapping")
    start = np.random.default_rng(0).random(3)
    built = widgets.stopping_explorer()
    for tol in widgets.STOPPING_TOLERANCES:
        built.controls["tol"].value = tol
        w, b, history = logistic.gradient_descent(X, y, start[:2], start[2], 0.1, 3000, tol=tol)
        accuracy = metrics.accuracy(y, logistic.predict(X, w, b))
        stopped = history.status == "converged"
        told = (f"the rule stops the run after {history.iterations} updates" if stopped
                else "no change below tol, so all 3000 updates ran")
        assert f"tol = {tol:.0e}: {told}; J = {history.cost[-1]:.4g}" in built.readout.value
        assert f"training accuracy {accuracy:.1%}" in built.readout.value
        assert built.figure.axes[1].get_title() == f"boundary after {history.iterations} updates"


def test_stopping_explorer_gives_the_numbers_notebook_07_answers_with():
    built = widgets.stopping_explorer()
    told = {}
    for tol in widgets.STOPPING_TOLERANCES:
        built.controls["tol"].value = tol
        told[tol] = built.readout.value
    assert "after 6 updates; J = 0.5656, training accuracy 58.5%" in told[1e-2]
    assert "after 109 updates; J = 0.3644, training accuracy 87.0%" in told[1e-3]
    assert "after 557 updates; J = 0.222, training accuracy 92.5%" in told[1e-4]
    assert "after 1830 updates; J = 0.1803, training accuracy 93.0%" in told[1e-5]
    for tol in (3e-6, 1e-6):
        assert "all 3000 updates ran; J = 0.1736, training accuracy 93.0%" in told[tol]
    assert all("(after all 3000 updates: 93.0%)" in text for text in told.values())


def stories(name, rates, runs):
    """(rate, history, readout, title) for every learning rate of explorer 05 or 06."""
    built = shared(name)
    result = []
    for rate in rates:
        built.controls["alpha"].value = rate
        result.append((rate, runs(rate), built.readout.value,
                       built.figure.axes[0].get_title()))
    return result


@pytest.mark.parametrize("name, dataset, rates, num_iters", [
    ("cost_surface_explorer", "tumour", widgets.COST_SURFACE_RATES, 300),
    ("decision_boundary_explorer", "six_points", widgets.BOUNDARY_RATES, 10_000),
])
def test_large_learning_rates_are_shown_truthfully(name, dataset, rates, num_iters):
    """A banner only when the run really diverged; the words for what the cost did are
    those of the run itself ("spikes and recovers" only where it rose and recovered)."""
    X, y = data.load(dataset)

    def run(rate):
        return logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, rate, num_iters)[2]

    told = stories(name, rates, run)
    for rate, history, readout, title in told:
        assert ("diverged" in title) == history.diverged, (rate, title)
        assert ("⚠" in readout) == history.diverged, (rate, readout)
        rises = explorer.cost_rises(history.cost)
        if not history.diverged:
            assert explorer.cost_behaviour(history.cost) in readout
            assert ("spikes and recovers" in readout) == (
                rises.size > 0 and history.cost[-1] < history.cost[0]
                and "oscillates" not in readout)
        if rises.size == 0 and not history.diverged:
            assert "rose" not in readout
    assert any("spikes and recovers" in readout for _, _, readout, _ in told), \
        "no learning rate shows a run whose cost rose and recovered"


def test_scaling_explorer_tells_each_run_truthfully():
    X, y = data.load("flats")
    scaled = Standardizer().fit_transform(X)
    minimum = newton.newton_method(scaled, y, np.zeros(2), 0.0)[2].cost[-1]
    built = widgets.scaling_explorer()
    assert built.values() == {"alpha": 1e-3}
    for alpha in widgets.SCALING_RATES:
        built.controls["alpha"].value = alpha
        parts = built.readout.value.split("<br>")
        for part, features in zip(parts[1:], (X, scaled)):
            history = logistic.gradient_descent(features, y, np.zeros(2), 0.0, alpha, 300)[2]
            if history.diverged:
                assert "⚠" in part
            else:
                assert explorer.cost_behaviour(history.cost, minimum) in part
    built.controls["alpha"].value = 1e-3
    unscaled, standardised = built.readout.value.split("<br>")[1:]
    assert "oscillates" in unscaled and "slowly" in standardised
    built.controls["alpha"].value = 3e-4
    assert "stalls far above the minimum J = 0.4009" in built.readout.value.split("<br>")[1]
    built.controls["alpha"].value = 1.0
    standardised = built.readout.value.split("<br>")[2]
    assert "J = 0.4009 after 300 updates; the cost fell at every update." in standardised


def test_regularisation_norm_falls_with_lambda():
    built = widgets.regularisation_explorer()
    norms = []
    for lambda_ in widgets.REGULARISATION_LAMBDAS:
        built.controls["lambda_"].value = lambda_
        norms.append(float(built.readout.value.split("‖w‖ = ")[1]))
        assert f"C = 1/λ = {1 / lambda_:g}" in built.readout.value
    assert np.all(np.diff(norms) < 0)


def test_regularisation_default_shows_the_band_and_the_boundary():
    built = widgets.regularisation_explorer()
    assert built.values() == {"lambda_": 0.1}
    w, b = newton.penalised_minimum(*data.load("six_points"), 0.1)
    assert f"w = [{w[0]:.3f}, {w[1]:.3f}], b = {b:.3f}" in built.readout.value


def test_polynomial_explorer_starts_over_fitted_and_tells_each_fit_truthfully():
    built = widgets.polynomial_explorer()
    assert built.values() == {"degree": 8, "lambda_": 0.0001}
    fits = widgets.polynomial_fits(grid_size=2)["fits"]
    start = fits[8, 0.0001]
    assert start["validation_cost"] > 100 * start["train_cost"]     # over-fitting, at once
    for (degree, lambda_), fit in fits.items():
        built.controls["degree"].value = degree
        built.controls["lambda_"].value = lambda_
        readout = built.readout.value
        assert f"training: accuracy {fit['train']:.1%}, J = {fit['train_cost']:.4g}" in readout
        assert (f"5-fold validation: accuracy {fit['validation']:.1%}, "
                f"J = {fit['validation_cost']:.4g}") in readout


def test_polynomial_explorer_shows_no_test_point():
    """It is where the degree and λ are chosen, so the test set stays out of it."""
    built = shared("polynomial_explorer")
    X_test, _ = data.load("ring_test")
    X, _ = data.load("ring_train")
    shown = [collection.get_offsets() for ax in built.figure.axes for collection in ax.collections
             if isinstance(collection, PathCollection)]
    assert sum(len(points) for points in shown) == len(X)
    for points in shown:
        assert not any(np.all(np.isclose(point, X_test), axis=1).any() for point in points)
    labels = [text.get_text() for legend in legends(built.figure) for text in legend.get_texts()]
    assert not any("test" in label or "held" in label for label in labels)


def test_softmax_explorer_starts_at_the_end_of_the_run():
    built = widgets.softmax_explorer()
    assert built.values() == {"iteration": 600}
    built.controls["iteration"].value = 0
    assert "iteration 0: J = 1.099" in built.readout.value     # log 3: every class equal
    assert "training accuracy 33.3%" in built.readout.value    # every point is class 0


def softmax_border_direction(W, b, j, k):
    """The direction, in degrees, of the normal of the border between classes j and k."""
    normal = W[:, j] - W[:, k]
    return np.degrees(np.arctan2(normal[1], normal[0]))


def test_softmax_answer_to_ask_yourself():
    """Notebook 12's answer: the 1|2 border settles within a few dozen iterations, the 0|2
    border still turns by more than 50° between iterations 10 and 600; the accuracy is
    93.3 % (168 of 180) first at iteration 60 and at every stop from 110 to 600, while the
    cost falls from 0.239 to 0.167."""
    from helpers import softmax

    X, y = data.load_multiclass("three_blobs")
    _, _, history = softmax.gradient_descent(X, y, np.zeros((2, 3)), np.zeros(3), 0.5, 600)
    turn = {pair: abs(softmax_border_direction(history.w[600], history.b[600], *pair)
                      - softmax_border_direction(history.w[10], history.b[10], *pair))
            for pair in [(1, 2), (0, 2)]}
    assert turn[(1, 2)] < 2 and turn[(0, 2)] > 50
    built = shared("softmax_explorer")
    readouts = {}
    for k in range(0, 601, 10):
        built.controls["iteration"].value = k
        readouts[k] = built.readout.value
    first = min(k for k, text in readouts.items() if "accuracy 93.3%" in text)
    assert first == 60
    assert all("accuracy 93.3%" in readouts[k] for k in range(110, 601, 10))
    assert "J = 0.2385" in readouts[110] and "J = 0.1672" in readouts[600]


def test_softmax_regions_are_outlined_and_the_legend_hides_no_point():
    """The regions read without colour (black borders between them), class 2 and the cost
    curve differ by marker and line style as well as colour, and the legend sits above
    the axes, where it covers none of the points."""
    built = widgets.softmax_explorer()
    ax_regions, ax_cost = built.figure.axes
    regions, outline = ax_regions.images
    def border_cells():
        return int(np.sum(np.isfinite(np.ma.filled(outline.get_array(), np.nan))))

    assert border_cells() > 0                        # borders at the end ...
    built.controls["iteration"].value = 0
    assert border_cells() == 0                       # ... none when every point is class 0
    class_2 = [h for h in legend_entries(built.figure) if h.get_label() == "class 2"][0]
    cost = [h for h in legend_entries(built.figure) if h.get_label() == "cost J"][0]
    assert style(class_2) != style(cost)
    assert artist_colors(class_2) != artist_colors(cost)
    built.figure.canvas.draw()
    box = ax_regions.get_legend().get_window_extent()
    for collection in ax_regions.collections:
        for x, y in ax_regions.transData.transform(collection.get_offsets()):
            assert not box.contains(x, y)


def minibatch_run(batch_size, alpha, decayed):
    """The run explorer 15 shows for these settings, computed here from the helpers."""
    X, y = data.load("clusters_overlapping")
    X = Standardizer().fit_transform(X)
    decay = widgets.MINIBATCH_DECAY if decayed else None
    return X, y, logistic.minibatch_gradient_descent(
        X, y, np.zeros(2), 0.0, alpha, widgets.MINIBATCH_EPOCHS, batch_size, decay=decay,
        record="update")[2]


def test_minibatch_readout_and_lines_are_the_helper_s_run():
    built = shared("minibatch_explorer")
    for batch_size, alpha, decayed in ((16, 0.3, False), (1, 3.0, True), (200, 1.0, False)):
        built.controls["batch_size"].value = batch_size
        built.controls["alpha"].value = alpha
        built.controls["decayed"].value = decayed
        X, y, history = minibatch_run(batch_size, alpha, decayed)
        w, b = history.w[-1], history.b[-1]
        assert (f"w = [{w[0]:.3f}, {w[1]:.3f}], b = {b:.3f}, J = {history.cost[-1]:.4g}"
                in built.readout.value)
        updates = -(-len(y) // batch_size)
        assert f"{updates} update{'s' if updates > 1 else ''} per epoch" in built.readout.value
        path, curve = built.figure.axes[0].lines[0], built.figure.axes[1].lines[1]
        np.testing.assert_array_equal(path.get_xdata(), history.w[:, 0])
        assert len(curve.get_ydata()) == widgets.MINIBATCH_EPOCHS + 1
        minimum = newton.newton_method(X, y, np.zeros(2), 0.0)[2].cost[-1]
        np.testing.assert_allclose(curve.get_ydata(), history.cost[::updates] - minimum,
                                   rtol=1e-9, atol=1e-12)


def last_epochs(built, batch_size, alpha, decayed):
    """(lowest, highest) J − J* over the last five epochs the explorer shows."""
    built.controls["batch_size"].value = batch_size
    built.controls["alpha"].value = alpha
    built.controls["decayed"].value = decayed
    gaps = built.figure.axes[1].lines[1].get_ydata()[-5:]
    return gaps.min(), gaps.max()


def test_minibatch_readout_says_how_the_last_epochs_went():
    """The readout gives J − J* at the end, its range over the last five epochs and how often
    it rose there, all read off the curve it draws."""
    built = shared("minibatch_explorer")
    for batch_size, decayed in ((4, False), (16, False), (1, True)):
        low, high = last_epochs(built, batch_size, 1.0, decayed)
        gaps = built.figure.axes[1].lines[1].get_ydata()
        rises = int(np.sum(np.diff(gaps[-6:]) > 0))
        moved = "fell at every one of them" if rises == 0 else f"rose at {rises} of them"
        assert (f"J − J* = {gaps[-1]:.1e}. Over the last 5 epochs J − J* stayed between "
                f"{low:.1e} and {high:.1e} and {moved}.") in built.readout.value


def minibatch_gaps(batch_size, decayed, seed):
    """J − J* after each epoch at α = 1, as the explorer would show it with another seed."""
    X, y = data.load("clusters_overlapping")
    X = Standardizer().fit_transform(X)
    minimum = newton.newton_method(X, y, np.zeros(2), 0.0)[2].cost[-1]
    history = logistic.minibatch_gradient_descent(
        X, y, np.zeros(2), 0.0, 1.0, widgets.MINIBATCH_EPOCHS, batch_size, seed=seed,
        decay=widgets.MINIBATCH_DECAY if decayed else None)[2]
    return history.cost - minimum


def test_minibatch_answer_to_the_notebook_question():
    """Notebook 15's answer, seed 0 as the explorer shows it: at α = 1, B = 1 with a constant
    step keeps jumping around; the decay settles it; B = 200 and 64 are still on their way;
    B = 4 and 16 get closest, B = 16 falling at every one of the last five epochs and B = 4
    jumping; a decay costs B = 16 and helps B = 4."""
    built = shared("minibatch_explorer")
    last_epochs(built, 1, 1.0, False)
    assert "stayed between 4.2e-03 and 7.6e-02" in built.readout.value     # "0.004 and 0.08"
    last_epochs(built, 1, 1.0, True)
    assert "stayed between 5.4e-05 and 1.1e-04" in built.readout.value     # "5e-5 and 1.1e-4"
    finals = {}
    for size in widgets.MINIBATCH_SIZES:
        last_epochs(built, size, 1.0, False)
        finals[size] = built.figure.axes[1].lines[1].get_ydata()[-1]
    assert f"{finals[200]:.2f}" == "0.06" and f"{finals[64]:.2f}" == "0.01"
    assert sorted(finals, key=finals.get)[:2] == [4, 16]
    last_epochs(built, 16, 1.0, False)
    assert "between 1.1e-03 and 3.7e-03 and fell at every one of them" in built.readout.value
    last_epochs(built, 4, 1.0, False)
    assert "between 3.0e-05 and 5.6e-03 and rose at 3 of them" in built.readout.value
    assert "50 updates per epoch" in built.readout.value
    last_epochs(built, 16, 1.0, True)
    assert "13 updates per epoch" in built.readout.value
    assert "J − J* = 3.3e-03." in built.readout.value                      # against 1.1e-3
    assert 1 + 10 * 13 / widgets.MINIBATCH_DECAY == pytest.approx(2.3)     # "the step is α/2.3"
    last_epochs(built, 4, 1.0, True)
    assert "J − J* = 3.9e-04." in built.readout.value and "fell at every one" in built.readout.value


def test_minibatch_answer_holds_for_other_seeds():
    """"with seeds 1 to 4 instead of 0, B = 4 ends between 8e-4 and 3.3e-3, B = 16 between
    9e-4 and 1.9e-3"; for seeds 0 to 4 the closest batch size is B = 4 or B = 16 (both occur),
    the decay makes B = 16 end further away and B = 4 end below 5e-4."""
    ends = {seed: {size: minibatch_gaps(size, False, seed)[-1] for size in widgets.MINIBATCH_SIZES}
            for seed in range(5)}
    four = [ends[seed][4] for seed in (1, 2, 3, 4)]
    sixteen = [ends[seed][16] for seed in (1, 2, 3, 4)]
    assert (f"{min(four):.0e}", f"{max(four):.1e}") == ("8e-04", "3.3e-03")
    assert (f"{min(sixteen):.0e}", f"{max(sixteen):.1e}") == ("9e-04", "1.9e-03")
    closest = {min(ends[seed], key=ends[seed].get) for seed in range(5)}
    assert closest == {4, 16}
    for seed in range(5):
        assert minibatch_gaps(16, True, seed)[-1] > 1.5 * ends[seed][16]
        assert minibatch_gaps(4, True, seed)[-1] < 5e-4


# ---------------------------------------------------------------------------
# The readout's words for a cost history
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("cost, minimum, phrase", [
    ([0.7, 0.5, 0.4, 0.35], None, "the cost fell at every update"),
    ([0.7, 3.0, 0.4, 2.0, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03, 0.02, 0.01], None,
     "the cost rose at 2 of them (to J = 3 after update 1), then fell below its start: "
     "it spikes and recovers"),
    ([0.7, 0.9, 0.8, 1.0, 0.8, 1.1, 0.9, 1.2, 1.0, 1.3, 1.1, 1.4], None,
     "the cost rose at 6 of them, up to the end: it oscillates and ends above its start"),
    ([0.7, 0.6, 0.599, 0.5989, 0.5988], 0.2, "stalls far above the minimum J = 0.2"),
    ([0.7, 0.69, 0.68, 0.67, 0.66], 0.2, "but slowly: it is still far above the minimum"),
    ([0.7, 0.4, 0.25, 0.21, 0.2001], 0.2, "the cost fell at every update"),
    ([0.7, 0.5, 0.5 + 1e-16, 0.4], None, "the cost fell at every update"),   # rounding
    ([0.7, 0.9, 1.0, 0.95, 0.94, 0.93, 0.92, 0.91, 0.9, 0.89, 0.88, 0.87], None,
     "the cost rose at 2 of them and ends above its start"),
    ([0.7], None, "no updates were made"),
])
def test_cost_behaviour_words(cost, minimum, phrase):
    said = explorer.cost_behaviour(np.array(cost), minimum)
    assert phrase in said
    if phrase == "the cost fell at every update":
        assert said == phrase


def test_cost_rises_ignores_rounding():
    assert explorer.cost_rises([1.0, 0.5, 0.5 + 1e-17, 0.6, 0.4]).tolist() == [3]


# ---------------------------------------------------------------------------
# The shared geometry is what the explorers draw
# ---------------------------------------------------------------------------

def test_boundary_drawn_is_geometry_s_segment():
    built = shared("decision_boundary_explorer")
    built.controls["alpha"].value = 0.1
    X, y = data.load("six_points")
    k = geometry.iteration_stops(10_000)[20]
    built.controls["iteration"].value = k
    w, b, _ = logistic.gradient_descent(X, y, np.zeros(2), 0.0, 0.1, k)
    line = built.figure.axes[0].lines[0]
    expected = geometry.boundary_segment(w, b, (0.0, 4.0), (0.0, 3.5))
    np.testing.assert_allclose(line.get_xdata(), expected[0])
    np.testing.assert_allclose(line.get_ydata(), expected[1])


def test_readout_values_use_notation_not_code_names():
    for name in EXPLORERS:
        readout = build(name).readout.value
        assert not re.search(r"\b(alpha|lambda_?|lr)\s*=", readout), (name, readout)
