"""A headless guard for a failure only a browser shows (found by tests/ui).

If an explorer draws its ipympl canvas (``figure.canvas.draw()``) before the canvas is
displayed, ipympl stores the picture in the widget's ``_data_url`` as bare base64, without
the ``data:image/png;base64,`` prefix. JupyterLab then cannot load that image: the figure
stays blank (0 x 0) and the browser requests the base64 text as a page. Lay figures out with
``figure.draw_without_rendering()`` instead (as ``widgets.Explorer`` does).
"""

import inspect

import pytest

from helpers import widgets

EXPLORERS = sorted(name for name, obj in vars(widgets).items()
                   if name.endswith("_explorer") and inspect.isfunction(obj))


@pytest.mark.parametrize("name", EXPLORERS)
def test_canvas_image_state_is_loadable(name):
    canvas = getattr(widgets, name)().figure.canvas
    url = canvas._data_url
    assert url is None or str(url).startswith("data:image/png;base64,"), (
        f"{name}: its canvas was drawn before display; ipympl stored {str(url)[:20]!r}..., "
        "which JupyterLab cannot show (use figure.draw_without_rendering())")


def test_the_guard_catches_a_canvas_drawn_before_display():
    explorer = widgets.sigmoid_point_explorer()
    explorer.figure.canvas.draw()
    assert not str(explorer.figure.canvas._data_url).startswith("data:")
