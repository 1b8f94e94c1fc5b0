"""Headless tests of every explorer in helpers.widgets.

Each public ``*_explorer`` function is built with its defaults; every control is moved to
its minimum, middle and maximum (every option for toggles and dropdowns). After each move
the canvas is drawn and its pixels must differ from before, and nothing may warn (pytest
turns warnings into errors for this whole suite).
"""

import inspect

import ipywidgets
import numpy as np
import pytest

from helpers import widgets

EXPLORERS = sorted(name for name, obj in vars(widgets).items()
                   if name.endswith("_explorer") and inspect.isfunction(obj))


def pixels(explorer):
    """Draw the explorer's figure and return a copy of its RGBA pixels."""
    canvas = explorer.figure.canvas
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def targets(control):
    """The values to try for a control: min, middle, max, or every option."""
    if isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider,
                            ipywidgets.FloatLogSlider)):
        if isinstance(control, ipywidgets.FloatLogSlider):
            low, high = control.min, control.max  # exponents
            middle = round((low + high) / 2 / control.step) * control.step
            return [control.base ** e for e in (low, middle, high)]
        middle = control.min + round((control.max - control.min) / 2 / control.step) * control.step
        if isinstance(control, ipywidgets.IntSlider):
            middle = int(middle)
        return [control.min, middle, control.max]
    if isinstance(control, ipywidgets.SelectionSlider):
        options = list(control.options)
        return [options[0], options[len(options) // 2], options[-1]]
    if isinstance(control, (ipywidgets.ToggleButtons, ipywidgets.Dropdown,
                            ipywidgets.RadioButtons)):
        return [value for _, value in control._options_labels_values()] \
            if hasattr(control, "_options_labels_values") else list(control.options)
    if isinstance(control, (ipywidgets.Checkbox, ipywidgets.ToggleButton)):
        return [not control.value, control.value]
    raise AssertionError(f"no test targets for control type {type(control).__name__}")


def option_values(control):
    """The values a selection control can take (options may be labels or (label, value))."""
    return [option[1] if isinstance(option, tuple) else option for option in control.options]


def test_there_are_explorers():
    assert "sigmoid_point_explorer" in EXPLORERS


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_control_changes_the_figure(name):
    explorer = getattr(widgets, name)()
    assert explorer.controls, f"{name} has no controls"
    for control_name, control in explorer.controls.items():
        values = (option_values(control) if isinstance(
            control, (ipywidgets.ToggleButtons, ipywidgets.Dropdown, ipywidgets.RadioButtons))
            else targets(control))
        for value in values:
            if control.value == value:
                continue
            before = pixels(explorer)
            control.value = value
            after = pixels(explorer)
            assert not np.array_equal(before, after), (
                f"{name}: setting {control_name} to {value!r} did not change the figure")
            assert isinstance(explorer.readout.value, str)


@pytest.mark.parametrize("name", EXPLORERS)
def test_explorer_is_displayable(name):
    explorer = getattr(widgets, name)()
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Explorer: ")
    assert "application/vnd.jupyter.widget-view+json" in bundle


@pytest.mark.parametrize("name", EXPLORERS)
def test_update_changes_artists_not_figure_structure(name):
    """Moving a control must not add or remove axes or artists: updates happen in place."""
    explorer = getattr(widgets, name)()

    def structure():
        return [(type(ax).__name__, len(ax.lines), len(ax.collections), len(ax.images),
                 len(ax.patches), len(ax.texts)) for ax in explorer.figure.axes]

    start = structure()
    for control in explorer.controls.values():
        values = (option_values(control) if isinstance(
            control, (ipywidgets.ToggleButtons, ipywidgets.Dropdown, ipywidgets.RadioButtons))
            else targets(control))
        for value in values:
            control.value = value
            assert structure() == start, f"{name}: moving a control rebuilt part of the figure"


def test_sigmoid_point_readout_follows_slider():
    explorer = widgets.sigmoid_point_explorer()
    explorer.controls["z"].value = 2.0
    assert "0.8808" in explorer.readout.value
    explorer.controls["z"].value = -8.0
    assert "0.0003" in explorer.readout.value


def differing_fraction(a, b, threshold=40):
    """Fraction of pixels whose RGB differs by more than threshold in some channel."""
    delta = np.abs(a[..., :3].astype(int) - b[..., :3].astype(int)).max(axis=-1)
    return float(np.mean(delta > threshold))


@pytest.mark.parametrize("name", EXPLORERS)
def test_cached_background_draws_the_same_picture(name):
    """The fast path (background replayed, live artists on top) must show what a full
    draw shows, for every control position: this is what proves an explorer declared
    every artist its update changes."""
    explorer = getattr(widgets, name)()
    if explorer.background is None:
        pytest.skip(f"{name} draws in full every time (no dynamic artists declared)")
    pixels(explorer)  # first draw fills the cache
    for control_name, control in explorer.controls.items():
        values = (option_values(control) if isinstance(
            control, (ipywidgets.ToggleButtons, ipywidgets.Dropdown, ipywidgets.RadioButtons))
            else targets(control))
        for value in values:
            control.value = value
            fast = pixels(explorer)
            explorer.background.enabled = False
            full = pixels(explorer)
            explorer.background.enabled = True
            assert differing_fraction(fast, full, threshold=8) < 2e-5, (
                f"{name}: with {control_name}={value!r} the cached picture differs from a full "
                "draw; an artist the update changes is missing from `dynamic`")
