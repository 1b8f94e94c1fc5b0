"""helpers.plots: the palette, artists returned for in-place updates, no global style."""

import inspect

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers import plots

OKABE_ITO = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00",
             "#cc79a7"}


def test_palette_is_okabe_ito():
    assert {to_hex(c) for c in plots.PALETTE.values()} == OKABE_ITO


def test_class_styles_differ_in_colour_and_marker():
    for colors, markers in ((plots.CLASS_COLORS, plots.CLASS_MARKERS),
                            (plots.MULTICLASS_COLORS, plots.MULTICLASS_MARKERS)):
        assert len(set(colors)) == len(colors) and len(set(markers)) == len(markers)
        assert {to_hex(c) for c in colors} <= OKABE_ITO


def test_no_tableau_colours_left():
    source = inspect.getsource(plots)
    assert "tab:" not in source


def test_drawing_changes_no_global_style():
    before = dict(matplotlib.rcParams)
    ax = Figure().subplots()
    z = np.linspace(-5, 5, 11)
    plots.sigmoid_curve(z, 1 / (1 + np.exp(-z)), ax=ax)
    plots.data_points(np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1]), ax=ax)
    plots.cost_curve([0.7, 0.5], ax=ax, log=True)
    assert dict(matplotlib.rcParams) == before


def test_default_colours_come_from_the_palette():
    ax = Figure().subplots()
    z = np.linspace(-5, 5, 11)
    curve = plots.sigmoid_curve(z, 1 / (1 + np.exp(-z)), ax=ax)
    cost = plots.cost_curve([0.7, 0.5], ax=ax)
    line, marker = plots.cost_slice(z, z ** 2, ax=ax)
    for artist in (curve, cost, line, marker):
        assert to_hex(artist.get_color()) in OKABE_ITO
    one, zero = plots.loss_branches(np.array([0.2, 0.8]), np.array([1.6, 0.2]),
                                    np.array([0.2, 1.6]), ax=ax)
    assert one.get_linestyle() != zero.get_linestyle()     # not by colour alone


def test_boundary_line_uses_the_shared_segment():
    ax = Figure().subplots()
    ax.set_ylim(-1, 3)
    vertical = plots.boundary_line(np.array([2.0, 0.0]), -4.0, (-1.0, 4.0), ax=ax)
    np.testing.assert_allclose(vertical.get_xdata(), [2.0, 2.0])
    np.testing.assert_allclose(vertical.get_ydata(), [-1.0, 3.0])
    none = plots.boundary_line(np.zeros(2), 1.0, (-1.0, 4.0), ax=ax, x2_limits=(0.0, 1.0))
    assert len(none.get_xdata()) == 0


def test_current_marker_starts_empty_and_is_labelled():
    ax = Figure().subplots()
    marker = plots.current_marker(ax, label="current iteration")
    assert len(marker.get_xdata()) == 0 and marker.get_label() == "current iteration"
    assert to_hex(marker.get_markerfacecolor()) == plots.PALETTE["orange"].lower()


def test_odds_ratio_bars_differ_by_hatch_as_well():
    bars = plots.odds_ratio_bars(["a", "b"], [2.0, 0.5], ax=Figure().subplots())
    assert bars[0].get_hatch() != bars[1].get_hatch()


def test_probability_image_rejects_wrong_shape():
    with pytest.raises(ValueError, match="proba must have shape"):
        plots.probability_image([0, 1], [0, 1, 2], np.zeros((2, 2)), ax=Figure().subplots())
