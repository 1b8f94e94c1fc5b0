"""helpers.background: the cached draw shows what a full draw shows, and the matplotlib
internals it relies on (listed in its module docstring) still behave that way.

Run against the installed matplotlib; the course's lowest allowed version (3.8) and the
newest release were both checked when the module was written.
"""

import io

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.background import StaticBackground, resample_with_numpy


def scene():
    """A figure with every kind of stack the cache must handle.

    Left: a filled contour (static) under a moving image, with points and a legend above
    it (static layers over a live artist). Right: a moving line under a static legend and
    a text, plus a moving title.
    """
    figure = Figure(figsize=(6, 3), dpi=80, layout="constrained")
    FigureCanvasAgg(figure)
    left, right = figure.subplots(ncols=2)
    grid = np.linspace(0, 1, 30)
    left.contourf(grid, grid, np.add.outer(grid, grid), levels=8)
    image = left.imshow(np.zeros((8, 8)), extent=(0, 1, 0, 1), vmin=0, vmax=1, alpha=0.5,
                        zorder=2)
    left.scatter([0.2, 0.8], [0.3, 0.7], s=60, color="k", zorder=3, label="points")
    left.legend(loc="upper left")
    x = np.linspace(0, 1, 50)
    (line,) = right.plot(x, x, label="moving line")
    right.text(0.5, 0.1, "static text", zorder=5)
    right.legend(loc="upper right")
    right.set_ylim(-1, 2)
    title = right.set_title("step 0")
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    cache = StaticBackground(figure, [image, line, title])

    def move(step):
        image.set_data(np.random.default_rng(step).random((8, 8)))
        line.set_ydata(np.sin(3 * x + step))
        title.set_text(f"step {step}")

    return figure, cache, move


def pixels(figure):
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def full_draw(figure, cache):
    cache.enabled = False
    try:
        return pixels(figure)
    finally:
        cache.enabled = True


def differing(a, b):
    return float(np.mean(np.abs(a[..., :3].astype(int) - b[..., :3].astype(int)).max(-1) > 8))


def test_cached_draw_equals_full_draw():
    figure, cache, move = scene()
    pixels(figure)
    for step in range(1, 6):
        move(step)
        assert differing(pixels(figure), full_draw(figure, cache)) < 2e-5, step


def test_static_artists_are_not_redrawn_once_cached(monkeypatch):
    figure, cache, move = scene()
    static = figure.axes[0].collections[-1]          # the points above the moving image
    calls = []
    kind = type(static)
    draw = kind.draw

    def counted(self, renderer):
        if self is static:
            calls.append(1)
        return draw(self, renderer)

    monkeypatch.setattr(kind, "draw", counted)
    pixels(figure)
    cached = len(calls)
    move(1)
    pixels(figure)
    assert cached >= 1 and len(calls) == cached, "the points were drawn again"


def test_missing_dynamic_artist_is_caught_by_the_comparison():
    """What test_explorers relies on: an undeclared moving artist makes the pictures differ."""
    figure, cache, move = scene()
    legend_line = figure.axes[1].get_legend()
    pixels(figure)
    legend_line.set_loc("lower left")                # a change the cache was not told about
    assert differing(pixels(figure), full_draw(figure, cache)) > 1e-3


def test_new_limits_rebuild_the_cache():
    figure, cache, move = scene()
    pixels(figure)
    figure.axes[1].set_ylim(-3, 3)
    assert differing(pixels(figure), full_draw(figure, cache)) < 2e-5


def test_layout_passes_and_savefig_are_left_alone():
    figure, cache, move = scene()
    before = pixels(figure)
    figure.draw_without_rendering()                  # a layout pass: must not be cached
    assert differing(pixels(figure), before) < 2e-5
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=40)     # another renderer: drawn in full
    assert buffer.getvalue().startswith(b"\x89PNG")
    move(2)
    assert differing(pixels(figure), full_draw(figure, cache)) < 2e-5


# --- the internals, one by one ---------------------------------------------------------

def test_agg_draws_images_one_by_one():
    figure = Figure()
    canvas = FigureCanvasAgg(figure)
    assert canvas.get_renderer().option_image_nocomposite()


def test_a_draw_set_on_one_artist_replaces_the_class_draw():
    figure = Figure(figsize=(2, 2), dpi=50)
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    ax.set_axis_off()
    (line,) = ax.plot([0, 1], [0, 1], linewidth=8, color="k")
    drawn = pixels(figure)
    line.draw = lambda renderer: None
    assert (pixels(figure)[..., :3] == 255).all(), "the replaced draw was not used"
    del line.draw
    assert np.array_equal(pixels(figure), drawn)


def test_layout_pass_replaces_drawing_methods_on_the_renderer_instance():
    figure = Figure()
    canvas = FigureCanvasAgg(figure)
    seen = []
    figure.add_artist(Probe(seen))
    figure.draw_without_rendering()
    canvas.draw()
    assert seen == [True, False]                     # True: "draw_path" set on the instance
    assert seen and canvas.renderer is not None


class Probe(StaticBackground.__mro__[1]):            # a bare Artist
    def __init__(self, seen):
        super().__init__()
        self.seen = seen

    def draw(self, renderer):
        self.seen.append("draw_path" in vars(renderer))


def test_background_artist_draws_first():
    figure, cache, _ = scene()
    order = sorted(figure.get_children(), key=lambda a: a.get_zorder())
    assert order[0] is figure.patch or order[0] is cache
    assert cache.get_zorder() < min(a.get_zorder() for a in figure.get_children()
                                    if a is not cache)


def test_copy_and_restore_region_round_trip():
    figure = Figure(figsize=(2, 2), dpi=50)
    canvas = FigureCanvasAgg(figure)
    ax = figure.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    canvas.draw()
    renderer = canvas.renderer
    saved = renderer.copy_from_bbox(figure.bbox)
    before = np.asarray(renderer.buffer_rgba()).copy()
    renderer.clear()
    renderer.restore_region(saved)
    assert np.array_equal(np.asarray(renderer.buffer_rgba()), before)


@pytest.mark.parametrize("flip", [False, True])
def test_draw_image_counts_rows_from_the_bottom(flip):
    figure = Figure(figsize=(1, 1), dpi=20)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.renderer
    renderer.clear()
    patch = np.zeros((2, 3, 4), dtype=np.uint8)
    patch[0] = (255, 0, 0, 255)                      # row 0 red, row 1 blue
    patch[1] = (0, 0, 255, 255)
    gc = renderer.new_gc()
    renderer.draw_image(gc, 5, 5, patch[::-1] if flip else patch)
    gc.restore()
    buffer = np.asarray(renderer.buffer_rgba())
    height = buffer.shape[0]
    bottom, top = buffer[height - 1 - 5, 5], buffer[height - 1 - 6, 5]
    drawn = patch[::-1] if flip else patch
    assert np.array_equal(bottom, drawn[0, 0]) and np.array_equal(top, drawn[1, 0])


# --- images resampled with numpy -------------------------------------------------------

def image_scene(interpolation="bilinear", origin="lower", extent=(0, 4, 0, 3), limits=None,
                stage=None, alpha=0.45, bad=False, shape=(30, 40), dpi=100):
    """An axes with one image of smooth data (some of it NaN when ``bad``); ``stage``
    None is matplotlib's default ("data" up to 3.9, "auto" since 3.10)."""
    figure = Figure(figsize=(4, 3), dpi=dpi)
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    data = 0.5 + 0.5 * np.sin(rows / 5.0) * np.cos(cols / 7.0)
    if bad:
        data[rows == cols] = np.nan
    image = ax.imshow(data, origin=origin, extent=extent, cmap="RdBu_r", vmin=0, vmax=1,
                      alpha=alpha, interpolation=interpolation, aspect="auto")
    if stage is not None:
        image.set_interpolation_stage(stage)
    if limits:
        ax.set_xlim(limits[:2])
        ax.set_ylim(limits[2:])
    figure.canvas.draw()
    return figure, image


# From matplotlib 3.10 an image's corners are rounded to whole pixels, as numpy does here;
# before, matplotlib stretched the image instead and numpy steps aside (checked below).
NUMPY_MATCHES_MATPLOTLIB = tuple(map(int, matplotlib.__version__.split(".")[:2])) >= (3, 10)

CASES = {
    "bilinear": {},
    "nearest": {"interpolation": "nearest"},
    "upper origin": {"origin": "upper"},
    "reversed extent": {"extent": (4, 0, 3, 0)},
    "clipped by the axes": {"limits": (1, 3.2, 0.5, 2.5)},
    "bad values, nearest": {"interpolation": "nearest", "bad": True},
    "no alpha": {"alpha": None},
    "data stage, coarse": {"stage": "data", "shape": (200, 300)},
    "high dpi": {"dpi": 200},
}


@pytest.mark.parametrize("case", CASES)
def test_numpy_resampling_makes_matplotlibs_picture(case):
    figure, image = image_scene(**CASES[case])
    renderer = figure.canvas.get_renderer()
    expected, x, y, _ = image.make_image(renderer)
    resample_with_numpy(image)
    made, x_made, y_made, _ = image.make_image(renderer)
    if NUMPY_MATCHES_MATPLOTLIB:
        assert image.make_image.agrees, f"{case}: numpy stepped aside"
    assert (x_made, y_made) == (x, y) and made.shape == expected.shape
    error = np.abs(made.astype(int) - expected.astype(int)).max(axis=-1)
    # Bilinear band edges may round to the neighbouring pixel: a few pixels in 10 000.
    assert np.mean(error > 8) < 1e-3, f"{case}: {np.mean(error > 8):.2%} of pixels differ"
    if image.get_interpolation() != "bilinear":
        # Nearest: the same cells, apart from a centre exactly on a line between two cells
        # far along a row, where Agg's fixed-point stepping may break the tie the other way.
        assert np.mean(error > 1) < 1e-4, f"{case}: nearest sampling differs from matplotlib's"


@pytest.mark.parametrize("case", ["bilinear", "nearest", "bad values, nearest"])
def test_numpy_resampling_draws_the_same_figure(case):
    figure, image = image_scene(**CASES[case])
    before = pixels(figure)
    resample_with_numpy(image)
    assert "make_image" in vars(image)
    assert differing(pixels(figure), before) < 1e-3
    del image.make_image
    assert np.array_equal(pixels(figure), before)


def test_numpy_resampling_leaves_colour_interpolation_to_matplotlib():
    """Bilinear between colours (stage "rgba", or upsampled less than 3 times with "auto"),
    and other interpolations, are not what numpy does here: matplotlib draws them as before."""
    cases = [{"stage": "rgba"}, {"interpolation": "none"}, {"interpolation": "hanning"}]
    default = image_scene()[1]
    if getattr(default, "get_interpolation_stage", lambda: "data")() != "data":   # 3.10 on
        cases.append({"shape": (200, 300)})
    for scene_args in cases:
        figure, image = image_scene(**scene_args)
        renderer = figure.canvas.get_renderer()
        expected = image.make_image(renderer)[0]
        resample_with_numpy(image)
        assert np.array_equal(image.make_image(renderer)[0], expected)


def test_numpy_resampling_steps_aside_where_it_would_differ():
    figure, image = image_scene()
    renderer = figure.canvas.get_renderer()
    expected = image.make_image(renderer)
    resample_with_numpy(image)
    image.make_image.make = lambda magnification: (expected[0][::-1].copy(), *expected[1:])
    made = image.make_image(renderer)                 # upside down: differs
    assert image.make_image.agrees is False
    assert np.array_equal(made[0], expected[0])
    assert np.array_equal(image.make_image(renderer)[0], expected[0])


def test_numpy_resampling_needs_an_axes_image():
    with pytest.raises(TypeError, match="AxesImage"):
        resample_with_numpy(object())


def test_images_draw_through_make_image_on_the_instance():
    """The internal resample_with_numpy relies on: AxesImage.draw calls self.make_image."""
    figure, image = image_scene()
    calls = []
    make_image = image.make_image
    image.make_image = lambda *args, **kwargs: calls.append(args) or make_image(*args, **kwargs)
    pixels(figure)
    assert calls, "AxesImage.draw did not call make_image through the instance"
