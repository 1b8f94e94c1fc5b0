"""The picture an explorer sends: the PNG writers, the 1× static copy, the Image widget.

No ipympl: an explorer renders with Agg and sends PNG bytes in a core ``ipywidgets.Image``,
so the picture must be a valid PNG of exactly the rendered pixels from the moment the
explorer is built (before any front end has seen it), and its static copy must be the same
picture at half the size.
"""

import base64
import io

import ipywidgets
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from matplotlib.backends.backend_agg import FigureCanvasAgg

from helpers import explorer, widgets


def decode(png):
    picture = Image.open(io.BytesIO(png))
    picture.load()
    return np.asarray(picture.convert("RGB"))


def random_picture(height=37, width=53, seed=0):
    rgba = np.random.default_rng(seed).integers(0, 256, size=(height, width, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    return rgba


def test_encode_png_is_lossless():
    rgba = random_picture()
    assert np.array_equal(decode(explorer.encode_png(rgba)), rgba[..., :3])


def test_encode_png_of_a_non_contiguous_view():
    rgba = random_picture(40, 60)[::2, 1::3]
    assert np.array_equal(decode(explorer.encode_png(rgba)), rgba[..., :3])


@pytest.mark.parametrize("bad", [np.zeros((4, 4, 3), np.uint8), np.zeros((4, 4, 4), float),
                                 np.zeros((4, 4), np.uint8)])
def test_encoders_reject_what_is_not_rgba(bad):
    for encode in (explorer.encode_png, explorer.encode_stored_png):
        with pytest.raises(ValueError, match="rgba must be an"):
            encode(bad)


def test_stored_png_is_close_and_small():
    built = widgets.decision_boundary_explorer()
    rgba = built.pixels()
    stored, live = explorer.encode_stored_png(rgba), explorer.encode_png(rgba)
    error = np.abs(decode(stored).astype(int) - rgba[..., :3]).max(axis=-1)
    assert np.mean(error > 24) < 1e-3
    assert len(stored) < 0.6 * len(live)


def test_half_size_averages_two_by_two_blocks():
    rgba = np.zeros((4, 6, 4), dtype=np.uint8)
    rgba[:2, :2] = [[[0, 0, 0, 255], [255, 255, 255, 255]], [[255, 0, 0, 255], [1, 0, 0, 255]]]
    small = explorer.half_size(rgba)
    assert small.shape == (2, 3, 4)
    np.testing.assert_array_equal(small[0, 0], [128, 64, 64, 255])   # means, rounded
    assert explorer.half_size(np.zeros((5, 7, 4), np.uint8)).shape == (2, 3, 4)


@pytest.mark.parametrize("name", ["sigmoid_point_explorer", "cost_surface_explorer"])
def test_the_picture_is_there_before_any_front_end(name):
    built = getattr(widgets, name)()
    assert isinstance(built.image, ipywidgets.Image) and built.image.format == "png"
    rendered = built.pixels()[..., :3]
    shown = decode(built.image.value)
    assert shown.shape == rendered.shape
    assert np.mean(np.abs(shown.astype(int) - rendered).max(axis=-1) > 24) < 1e-3
    static = decode(base64.b64decode(built._repr_mimebundle_()["image/png"]))
    assert static.shape[:2] == (rendered.shape[0] // 2, rendered.shape[1] // 2)


def test_a_slider_move_sends_the_exact_pixels():
    built = widgets.sigmoid_point_explorer()
    built.controls["z"].value = 4.0
    assert np.array_equal(decode(built.image.value), built._rgba()[..., :3])
    assert set(built.timings) == {"update", "render", "encode"}


def test_a_transparent_figure_is_refused():
    figure = Figure(facecolor="none")
    FigureCanvasAgg(figure)
    figure.subplots()
    with pytest.raises(ValueError, match="opaque"):
        explorer.Explorer("see-through", figure, {}, lambda: "")


def test_explorer_without_dynamic_artists_draws_in_full():
    figure, ax = explorer.explorer_figure(3, 2)
    (line,) = ax.plot([0, 1], [0, 1])

    def update(a):
        line.set_ydata([0, a])
        return f"a = {a:.2f}"

    built = explorer.Explorer("plain", figure, {"a": explorer.float_slider("a", 1, 0, 2, 0.5)},
                              update)
    assert built.background is None
    before = built.image.value
    built.controls["a"].value = 2.0
    assert built.image.value != before and built.readout.value == "a = 2.00"
