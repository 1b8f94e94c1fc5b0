"""The explorer framework: a figure drawn by matplotlib's Agg renderer, shown as a PNG in a
core ipywidgets ``Image``, with sliders that update it in place.

An ``Explorer`` owns a matplotlib ``Figure`` on an Agg canvas, a dict of controls, a readout
and an image. Moving a control runs one callback that

1. calls the explorer's ``update(**values)``, which changes artists that already exist
   (``line.set_data``, ``image.set_data``, ...) and returns the readout text;
2. renders the figure (only what moved: ``helpers.background`` replays the rest as pixels);
3. encodes the pixels as PNG (``encode_png``: a small writer over numpy and zlib);
4. sets ``image.value`` and ``readout.value``, so the picture and the numbers arrive together.

Nothing here needs a front end beyond core ipywidgets, so an explorer works wherever
widgets do (JupyterLab, Notebook 7, VS Code, Colab's ipywidgets 7.7). Where no kernel runs
(GitHub, nbviewer, an HTML export) the output still shows a picture: the mime bundle
carries ``image/png`` of the default settings, and the saved widget state holds the image.

The figure is rendered at ``RENDER_SCALE`` (2) pixels per CSS pixel, so it stays sharp on
high-DPI screens, and shown with CSS width 100 % and max-width its own width, so it shrinks
with a narrow notebook column instead of scrolling sideways.

Driving an explorer without a browser (tests, benchmarks)::

    explorer = widgets.cost_surface_explorer()
    explorer.controls["alpha"].value = 3.0    # runs the update, renders, encodes
    explorer.image.value                      # the PNG bytes the page shows
    explorer.readout.value                    # the readout text
    explorer.pixels()                         # the RGBA pixels of the last render

Building an explorer closes the last one built under the same name, so re-running a
notebook cell releases the explorer it replaces (its widgets and its figure).
"""

import base64
import io
import struct
import time
import zlib

import ipywidgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from helpers import plots
from helpers.background import StaticBackground, resample_with_numpy

# A figure inch is this many CSS pixels on the page (matplotlib's default dpi).
CSS_DPI = 100
# Rendered pixels per CSS pixel: 2 keeps the picture sharp on high-DPI screens.
RENDER_SCALE = 2
# zlib level for the pictures a slider move sends: fast.
LIVE_COMPRESSION = 1

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# CSS classes on the page, for browser checks: the whole explorer, its figure, its
# readout and each control (plus one class naming the explorer and one per control name).
CSS_CLASS = "course-explorer"

WARNING_STYLE = f"color:{plots.PALETTE['vermillion']};font-weight:bold"


# ---------------------------------------------------------------------------
# PNG
# ---------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Rows handed to zlib at a time by encode_png: a band that stays in the CPU's cache.
_PNG_BAND_BYTES = 1 << 18


def _png_chunk(kind, data):
    """One PNG chunk: length, type, data, CRC of type and data."""
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _check_rgba(rgba):
    """Return rgba as an array; refuse anything but an (height, width, 4) uint8 picture."""
    pixels = np.asarray(rgba)
    if pixels.ndim != 3 or pixels.shape[2] != 4 or pixels.dtype != np.uint8:
        raise ValueError(f"rgba must be an (height, width, 4) uint8 array; got "
                         f"{pixels.dtype} {pixels.shape}")
    return pixels


def encode_png(rgba, level=LIVE_COMPRESSION):
    """Encode an (height, width, 4) uint8 RGBA picture as PNG bytes of its RGB channels.

    The alpha channel is dropped (an explorer's figure is opaque). Every row is stored
    unfiltered (PNG filter type 0) in one zlib stream at ``level``. Measured on this
    course's figures at 2× dpi (1720 × 760 px): about 7.5 ms, where PIL's writer at its
    level 1 takes 30 ms for files of the same size; a Sub or Up filter or zlib's RLE
    strategy makes the files larger and saves no time.
    """
    pixels = _check_rgba(rgba)
    height, width = pixels.shape[:2]
    # The rows go to zlib a band at a time through one small buffer: copying the whole
    # picture at once costs more in fresh memory than zlib takes. Each colour channel is
    # copied on its own: numpy copies a 3-byte pixel at a time far more slowly.
    band = max(1, min(height, _PNG_BAND_BYTES // (1 + 3 * width)))
    buffer = np.zeros((band, 1 + 3 * width), dtype=np.uint8)   # byte 0 of a row: filter 0
    rgb = buffer[:, 1:].reshape(band, width, 3)
    stream = zlib.compressobj(level)
    parts = []
    for top in range(0, height, band):
        rows = min(band, height - top)
        for channel in range(3):
            rgb[:rows, :, channel] = pixels[top:top + rows, :, channel]
        parts.append(stream.compress(buffer[:rows]))
    parts.append(stream.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)   # 8-bit RGB
    return (_PNG_SIGNATURE + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", b"".join(parts)) + _png_chunk(b"IEND", b""))


def encode_stored_png(rgba):
    """Encode a picture the notebook file keeps (the first picture, the static copy) small.

    Reduced to 256 colours (octree, no dithering) and compressed hard: about 2.5
    times smaller than ``encode_png``, slower (30-140 ms), and indistinguishable on
    these figures, which hold few colours.
    """
    pixels = _check_rgba(rgba)
    picture = Image.fromarray(np.ascontiguousarray(pixels[..., :3]))
    buffer = io.BytesIO()
    picture.quantize(256, method=Image.Quantize.FASTOCTREE).save(buffer, format="png",
                                                                  optimize=True)
    return buffer.getvalue()


def half_size(rgba):
    """Return the picture at half its width and height, each pixel the mean of a 2×2 block."""
    pixels = np.asarray(rgba)
    height, width = pixels.shape[0] // 2 * 2, pixels.shape[1] // 2 * 2
    blocks = pixels[:height, :width].reshape(height // 2, 2, width // 2, 2, -1)
    return ((blocks.sum(axis=(1, 3), dtype=np.uint16) + 2) // 4).astype(np.uint8)


# ---------------------------------------------------------------------------
# Figures and controls
# ---------------------------------------------------------------------------

def explorer_figure(width=6.4, height=3.6, **subplot_kw):
    """Return (figure, axes): a figure of width × height inches on an Agg canvas.

    No pyplot: making it changes no global state, and it only appears where an
    Explorer shows it. It is rendered at RENDER_SCALE × CSS_DPI dots per inch and shown
    ``width × CSS_DPI`` CSS pixels wide at most. ``subplot_kw`` goes to
    ``Figure.subplots`` (``ncols``, ``width_ratios``, ...).
    """
    figure = Figure(figsize=(width, height), dpi=CSS_DPI * RENDER_SCALE, layout="constrained",
                    facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.subplots(**subplot_kw)
    return figure, axes


def _full_width():
    """Layout for a control: the whole width of the explorer, so every step is easy to hit."""
    return ipywidgets.Layout(width="100%")


def float_slider(description, value, low, high, step, readout_format=".2f"):
    """A slider over low, low + step, ..., high; its value is the number itself.

    Screen readers announce the value (ipywidgets 8). The callback runs on every step
    of a drag or key press.
    """
    return ipywidgets.FloatSlider(value=value, min=low, max=high, step=step,
                                  description=description, readout_format=readout_format,
                                  continuous_update=True, layout=_full_width())


def int_slider(description, value, low, high, step=1):
    """An integer slider over low, low + step, ..., high; its value is the number itself."""
    return ipywidgets.IntSlider(value=value, min=low, max=high, step=step,
                                description=description, continuous_update=True,
                                layout=_full_width())


def choice_slider(description, options, value, label="{:g}"):
    """A slider over a fixed list of values (learning rates, λ, iteration stops).

    Each position shows its value formatted with ``label``. Use it where the values
    are not evenly spaced; a screen reader announces the position's index, not its
    value, so the explorer's readout must name the value.
    """
    options = list(options)
    if value not in options:
        raise ValueError(f"value {value!r} is not one of the options {options}")
    return ipywidgets.SelectionSlider(options=[(label.format(v), v) for v in options],
                                      value=value, description=description,
                                      continuous_update=True, layout=_full_width())


def choice_buttons(description, options, value):
    """Radio buttons for a few named choices; ``options`` is a list of (label, value).

    Radio buttons are native form controls: a screen reader announces each label and
    which one is chosen.
    """
    return ipywidgets.RadioButtons(options=list(options), value=value,
                                   description=description, layout=_full_width())


# ---------------------------------------------------------------------------
# The explorer
# ---------------------------------------------------------------------------

# name -> the explorer built last under that name (see Explorer.__init__).
_live = {}


class Explorer:
    """A figure, its controls, a readout and the image that shows the figure.

    ``update(**values)`` receives the current value of every control by name,
    changes existing artists, and returns the readout text (HTML allowed).

    ``dynamic`` lists every artist the update changes (an Axes stands for all of its
    contents). The figure is then laid out once, its unchanging parts are drawn once
    and replayed as pixels (``helpers.background``), and a slider move redraws only
    what moved. With ``dynamic=None`` every render draws the whole figure.

    ``name`` (default: the title) keys the explorer: building one closes the last one
    built under the same name.

    Attributes: ``controls`` (name -> widget), ``readout`` (HTML), ``image`` (Image
    holding the PNG), ``widget`` (the box shown on the page), ``figure``,
    ``background`` (the pixel cache, or None), ``timings`` (seconds spent by the last
    refresh in update, render and encode), ``closed``.
    """

    def __init__(self, title, figure, controls, update, dynamic=None, name=None):
        self.title = title
        self.name = name or title
        self.figure = figure
        self.controls = dict(controls)
        self._update = update
        self.timings = {}
        self.closed = False
        if to_rgba(figure.get_facecolor())[3] != 1:
            raise ValueError("the figure must be opaque: its PNG has no alpha channel")
        width_px = round(figure.get_figwidth() * CSS_DPI)
        self.readout = ipywidgets.HTML(layout=ipywidgets.Layout(width="100%",
                                                                min_height="1.6em"))
        self.image = ipywidgets.Image(format="png", layout=ipywidgets.Layout(
            width="100%", max_width=f"{width_px}px", height="auto"))
        self._controls_box = ipywidgets.VBox(list(self.controls.values()),
                                             layout=ipywidgets.Layout(width="100%"))
        self.widget = ipywidgets.VBox(
            [self._controls_box, self.image, self.readout],
            layout=ipywidgets.Layout(width="100%", max_width=f"{width_px}px"))
        self._label_parts()
        self._align_descriptions()

        # Lay out once with the default settings shown (titles and labels the update sets
        # get their room), then keep that layout, so the cached background stays valid.
        update(**self.values())
        figure.draw_without_rendering()
        figure.set_layout_engine("none")
        self.background = StaticBackground(figure, dynamic) if dynamic is not None else None
        for ax in figure.axes:
            for image in ax.images:
                resample_with_numpy(image)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh(stored=True)
        self.default_png = encode_stored_png(half_size(self._rgba()))

        previous = _live.get(self.name)
        if previous is not None and previous is not self:
            previous.close()
        _live[self.name] = self

    # -- what the page shows ------------------------------------------------------------

    def _label_parts(self):
        """CSS classes a browser check can find: the explorer, its figure, readout, controls."""
        slug = "".join(c if c.isalnum() else "-" for c in self.name.lower()).strip("-")
        self.widget.add_class(CSS_CLASS)
        self.widget.add_class(f"{CSS_CLASS}-{slug}")
        self.image.add_class(f"{CSS_CLASS}-figure")
        self.readout.add_class(f"{CSS_CLASS}-readout")
        for key, control in self.controls.items():
            control.add_class(f"{CSS_CLASS}-control")
            control.add_class(f"{CSS_CLASS}-control-{key}")

    def _align_descriptions(self):
        """Give every control's label the width of the longest, so none is clipped."""
        longest = max((len(c.description) for c in self.controls.values()), default=0)
        for control in self.controls.values():
            control.style.description_width = f"{0.6 * longest + 1:.1f}em"

    def values(self):
        """Return the current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self, stored=False):
        """Run the update with the current control values, render, encode, and show.

        ``stored=True`` encodes small rather than fast (``encode_stored_png``): for the
        first picture, the one the notebook file keeps in its widget state.
        """
        start = time.perf_counter()
        text = self._update(**self.values()) or ""
        updated = time.perf_counter()
        rgba = self._render()
        rendered = time.perf_counter()
        png = encode_stored_png(rgba) if stored else encode_png(rgba)
        encoded = time.perf_counter()
        self.image.value = png
        self.readout.value = text
        self.timings = {"update": updated - start, "render": rendered - updated,
                        "encode": encoded - rendered}

    def _on_change(self, change):
        self.refresh()

    # -- pixels -------------------------------------------------------------------------

    def _render(self):
        """Draw the figure on its canvas; return the canvas's RGBA buffer (not a copy)."""
        canvas = self.figure.canvas
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())

    def _rgba(self):
        return np.asarray(self.figure.canvas.buffer_rgba())

    def pixels(self):
        """Render the figure now and return a copy of its RGBA pixels."""
        return self._render().copy()

    # -- display and release ------------------------------------------------------------

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The live widget, and a PNG of the default settings for pages with no kernel."""
        if self.closed:
            return {"text/plain": f"Explorer: {self.title} (closed: run its cell again)"}
        return {
            WIDGET_VIEW: {"version_major": 2, "version_minor": 0,
                          "model_id": self.widget.model_id},
            "image/png": base64.b64encode(self.default_png).decode("ascii"),
            "text/plain": f"Explorer: {self.title}",
        }

    def close(self):
        """Close every widget of the explorer and let go of its figure and its data."""
        if self.closed:
            return
        for control in self.controls.values():
            control.unobserve(self._on_change, names="value")
        for widget in [*self.controls.values(), self.image, self.readout,
                       self._controls_box, self.widget]:
            for part in (getattr(widget, "style", None), widget.layout, widget):
                if part is not None:
                    part.close()
        self.figure.clear()
        self.figure = self.background = self._update = None
        self.closed = True
        if _live.get(self.name) is self:
            del _live[self.name]


# ---------------------------------------------------------------------------
# Shared panels and readout phrases
# ---------------------------------------------------------------------------

def cost_rises(cost):
    """Return the update numbers k (1-based) at which the cost rose: cost[k] > cost[k − 1].

    A rise smaller than 1e-12 of the cost is rounding, not a rise, and is left out.
    """
    cost = np.asarray(cost, dtype=float)
    steps = np.diff(cost)
    return np.flatnonzero(steps > 1e-12 * np.maximum(np.abs(cost[:-1]), 1.0)) + 1


def cost_behaviour(cost, minimum=None):
    """Say in words what the cost did over a whole run (entry k: after k updates).

    The phrase follows a mention of the number of updates ("Over the 300 updates ..."):

    * it fell at every update;
    * it *spikes and recovers*: it rose at some early updates, then fell below its start;
    * it *oscillates*: it still rises at some updates in the last tenth of the run;
    * with ``minimum`` (the lowest cost there is, when there is one) and the cost still
      more than half the way from it at the end: it *stalls* when the second half of the
      run gained less than a tenth of what the first half gained, and otherwise it falls
      *slowly* (steadily, but the steps are small).
    """
    cost = np.asarray(cost, dtype=float)
    updates = cost.size - 1
    if updates < 1:
        return "no updates were made"
    rises = cost_rises(cost)
    if rises.size == 0:
        if minimum is not None and cost[-1] - minimum > 0.5 * (cost[0] - minimum):
            middle = cost[updates // 2]
            if middle - cost[-1] < 0.1 * (cost[0] - middle):
                return (f"the cost fell at every update but stalls far above the minimum "
                        f"J = {minimum:.4g}")
            return (f"the cost fell at every update, but slowly: it is still far above the "
                    f"minimum J = {minimum:.4g}")
        return "the cost fell at every update"
    count = f"{rises.size} of them"
    if rises[-1] > updates - max(1, updates // 10):
        ends = " and ends above its start" if cost[-1] > cost[0] else ""
        return (f"the cost rose at {count}, up to the end: it oscillates{ends}")
    peak = int(np.argmax(cost))
    if cost[-1] < cost[0]:
        return (f"the cost rose at {count} (to J = {cost[peak]:.4g} after update {peak}), "
                f"then fell below its start: it spikes and recovers")
    return f"the cost rose at {count} and ends above its start"


class CostPanel:
    """The cost-per-iteration panel of explorers 05 and 06.

    A log-scale cost curve over a symlog iteration axis (so the first updates are as
    wide as the last thousands), the updates where the cost rose marked with triangles,
    the current iteration marked, and a cursor at the slider's iteration.
    """

    def __init__(self, ax, num_iters, cost_limits, legend_at="lower left"):
        self.ax = ax
        self.curve = plots.cost_curve([], ax=ax, log=True, label="cost J")
        (self.rises,) = ax.plot([], [], linestyle="none", marker="^", markersize=6,
                                color=plots.PALETTE["vermillion"], label="an update where J rose")
        self.marker = plots.current_marker(ax, label="current iteration")
        self.cursor = ax.axvline(num_iters, color="0.5", linewidth=0.8, zorder=1)
        ax.set_xscale("symlog", linthresh=1)
        ax.set_xlim(0, num_iters * 1.3)
        ax.set_ylim(*cost_limits)
        ax.legend(loc=legend_at, fontsize="small")
        ax.set_title("cost per iteration")

    @property
    def artists(self):
        """The artists ``show`` changes (for the explorer's ``dynamic`` list)."""
        return [self.curve, self.rises, self.marker, self.cursor]

    def show(self, history, k, iteration):
        """Draw the run's costs, its rises, the point after k updates and the cursor."""
        cost = history.cost
        self.curve.set_data(np.arange(cost.size), cost)
        rises = cost_rises(cost)
        self.rises.set_data(rises, cost[rises])
        self.marker.set_data([k], [cost[k]])
        self.cursor.set_xdata([iteration, iteration])
