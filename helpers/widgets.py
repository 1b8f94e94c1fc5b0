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
