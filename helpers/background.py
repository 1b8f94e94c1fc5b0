"""Fast redraws for explorers: draw what never changes once, then replay its pixels.

A slider usually moves a few artists (a line, a point, an image, a label) on a
figure whose axes, ticks, contours, legends and data points stay put. Drawing
all of it again on every move is what makes a figure feel slow.
``StaticBackground`` cuts each axes' stack of artists (in z-order) into runs:

* everything below the lowest changing artist, and every axis (ticks and tick
  labels, outside the plotting area), is the *background*, cached as pixels;
* each run of changing artists is drawn *live* on every draw;
* each run of unchanging artists above a changing one (data points over a
  moving image, a legend over a moving line) is cached as a transparent
  *layer* and laid back in its place in the stack.

A full ``canvas.draw()`` then costs one copy of the background, the live
artists and a few small image blends, and shows exactly what a normal draw
shows. The caches are rebuilt whenever they could be stale: a new canvas size
(a high-DPI screen, say), moved axes or new axis limits. Drawing to any other
renderer (``savefig``, layout passes) is left completely alone.

The one rule for an explorer: every artist its update changes must be listed
as dynamic. ``tests/test_explorers.py`` checks this for every explorer by
comparing cached draws with full ones at every control position.

Matplotlib internals this relies on (public methods used in ways matplotlib does
not document as a contract); ``tests/test_background.py`` checks each of them,
and passes on matplotlib 3.8 (the lowest the course allows) and 3.11.2 (the newest
release when this was written):

* ``Figure.draw`` draws ``figure.get_children()`` sorted by z-order, so an artist
  added with ``Figure.add_artist`` at z-order -1e9 draws first;
* figures and axes call each child's ``draw`` through the instance, so a draw
  method set on one artist (``artist.draw = ...``, undone with ``del artist.draw``)
  replaces the class's for that artist only;
* ``Axes.get_children()`` lists what ``Axes.draw`` draws, apart from the axes
  patch and the ``Axis`` objects (ticks and tick labels);
* the Agg renderer draws each image on its own (``option_image_nocomposite()`` is
  True), so a replaced ``draw`` of an ``AxesImage`` is honoured;
* ``FigureCanvasAgg.renderer`` is the renderer of the canvas's last draw, and
  ``RendererAgg`` has ``copy_from_bbox``/``restore_region`` (pixel save and
  restore), ``clear``, ``buffer_rgba`` and ``draw_image(gc, x, y, rgba)`` with y
  counted from the bottom and the rows of ``rgba`` from the bottom;
* ``Figure.draw_without_rendering`` reuses the canvas's renderer with its drawing
  methods replaced by no-ops set on the instance (``"draw_path" in vars(renderer)``),
  which is how this module tells a layout pass from a real draw.
"""

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis


def _draw_nothing(renderer):
    """Stand-in draw method for artists kept out of one pass."""


class StaticBackground(Artist):
    """Installs itself at the bottom of ``figure`` and caches its unchanging pixels.

    ``dynamic`` lists the artists the controls change. An Axes in the list is
    drawn live as a whole; any other artist is drawn live inside its axes.
    """

    def __init__(self, figure, dynamic):
        super().__init__()
        self.set_zorder(-1e9)
        self._target = figure
        self.dynamic = list(dynamic)
        self.enabled = True
        self._pixels = None
        self._key = None
        self._plans = {}      # axes -> its live pass: artists and cached layers, in order
        self._mode = "full"   # "full": draw normally; "background" or "live": one share
        for child in figure.get_children():
            if child is not figure.patch:
                child.draw = self._split(child, child.draw)
        figure.add_artist(self)

    def invalidate(self):
        """Forget the cached pixels; the next draw renders them again."""
        self._pixels = None

    # -- the draw of the whole figure --------------------------------------------------

    def draw(self, renderer):
        """Restore the cached background (rendering it first if needed); then go live."""
        self._mode = "full"
        if not (self.enabled and self._is_canvas_renderer(renderer)):
            return
        key = self._layout_key(renderer)
        if self._pixels is None or key != self._key:
            self._cache(renderer)
            self._key = key
        else:
            renderer.restore_region(self._pixels)
        self._mode = "live"

    def _cache(self, renderer):
        """Render the background and every static layer; leave the background showing."""
        self._mode = "background"
        try:
            for child in self._target.get_children():
                if child is not self and child is not self._target.patch:
                    child.draw(renderer)
        finally:
            self._mode = "full"
        self._pixels = renderer.copy_from_bbox(self._target.bbox)
        self._plans = {}
        for ax in self._target.axes:
            if ax in self.dynamic:
                continue
            plan = []
            for live, run in self._runs(ax):
                plan.extend(run) if live else plan.append(self._layer(renderer, run))
            self._plans[ax] = plan
        renderer.restore_region(self._pixels)

    def _layer(self, renderer, artists):
        """Draw artists alone on a clear canvas; return (x, y, RGBA) of the pixels they cover."""
        renderer.clear()
        for artist in artists:
            artist.draw(renderer)
        pixels = np.asarray(renderer.buffer_rgba())
        rows = np.flatnonzero(pixels[..., 3].any(axis=1))
        cols = np.flatnonzero(pixels[..., 3].any(axis=0))
        if rows.size == 0:
            return (0, 0, pixels[:0, :0].copy())
        top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        return (int(left), int(pixels.shape[0] - bottom), pixels[top:bottom, left:right].copy())

    def _draw_layer(self, renderer, layer):
        """Blend a cached layer back in at its place."""
        x0, y0, pixels = layer
        if pixels.size:
            gc = renderer.new_gc()
            renderer.draw_image(gc, x0, y0, pixels[::-1])
            gc.restore()

    def _is_canvas_renderer(self, renderer):
        """True for the canvas's own renderer with drawing switched on.

        ``Figure.draw_without_rendering`` reuses that renderer with its draw
        methods replaced by no-ops (set on the instance): never cache that.
        """
        canvas_renderer = getattr(self._target.canvas, "renderer", None)
        return renderer is canvas_renderer and "draw_path" not in vars(renderer)

    def _layout_key(self, renderer):
        """What the caches depend on: canvas size, axes positions and limits."""
        key = [renderer.width, renderer.height]
        for ax in self._target.axes:
            key.extend(np.round(ax.bbox.bounds, 3))
            key.extend(np.round(ax.viewLim.bounds, 12))
        return tuple(key)

    # -- each top-level artist draws only its share ---------------------------------

    def _split(self, child, draw):
        """Wrap a top-level artist's draw so each pass draws only its own share."""
        def split_draw(renderer):
            if self._mode == "full":
                return draw(renderer)
            whole_is_live = child in self.dynamic
            if whole_is_live or not isinstance(child, Axes):
                if whole_is_live == (self._mode == "live"):
                    draw(renderer)
                return None
            if self._mode == "live":
                for item in self._plans.get(child, ()):
                    if isinstance(item, tuple):
                        self._draw_layer(renderer, item)
                    else:
                        item.draw(renderer)
                return None
            above = [artist for _, run in self._runs(child) for artist in run]
            for artist in above:
                artist.draw = _draw_nothing
            try:
                return draw(renderer)
            finally:
                for artist in above:
                    del artist.draw
        return split_draw

    def _runs(self, ax):
        """The axes' artists from its lowest dynamic one up, as (is_live, [artists]) runs.

        Axis objects (ticks, tick labels) are left out: they stay in the
        background, since they sit outside the plotting area.
        """
        children = sorted((a for a in ax.get_children()
                           if a is not ax.patch and not isinstance(a, Axis)),
                          key=lambda a: a.get_zorder())
        live = [a in self.dynamic for a in children]
        if True not in live:
            return []
        runs = []
        for artist, is_live in zip(children[live.index(True):], live[live.index(True):]):
            if runs and runs[-1][0] == is_live:
                runs[-1][1].append(artist)
            else:
                runs.append((is_live, [artist]))
        return runs
