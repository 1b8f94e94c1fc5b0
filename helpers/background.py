"""Fast redraws for explorers: draw what never changes once, then replay its pixels.

A slider usually moves a few artists (a line, a point, an image, a label) on a
figure whose axes, ticks, contours and data points stay put. Drawing all of it
again on every move is what makes a figure feel slow. ``StaticBackground``
splits each draw of the canvas in two:

* the *background*: everything except the artists the controls change, drawn
  once and kept as pixels;
* the *live* artists: the ones the controls change, plus anything stacked above
  them in the same axes (so a moving image never covers the data points), drawn
  on top of the background on every draw.

A full ``canvas.draw()`` then costs one copy of the background plus the live
artists. The background is drawn again by itself whenever it could have
changed: a new canvas size (for example a high-DPI screen), moved axes, or new
axis limits. Drawing to any other renderer (``savefig``, layout passes) is left
completely alone.

The one rule for an explorer: every artist its update function changes must be
listed as dynamic. ``tests/test_explorers.py`` checks this for every explorer by
comparing cached draws with full ones.
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
        self._mode = "full"   # "full": draw normally; "static"/"live": the two halves
        for child in figure.get_children():
            if child is not figure.patch:
                child.draw = self._split(child, child.draw)
        figure.add_artist(self)

    def invalidate(self):
        """Forget the cached background; the next draw renders it again."""
        self._pixels = None

    # -- drawing -------------------------------------------------------------------

    def draw(self, renderer):
        """Restore the cached background, or draw it and cache it; then go live."""
        self._mode = "full"
        if not (self.enabled and self._is_canvas_renderer(renderer)):
            return
        key = self._layout_key(renderer)
        if self._pixels is None or key != self._key:
            self._mode = "static"
            try:
                for child in self._target.get_children():
                    if child is not self and child is not self._target.patch:
                        child.draw(renderer)
            finally:
                self._mode = "full"
            self._pixels = renderer.copy_from_bbox(self._target.bbox)
            self._key = key
        else:
            renderer.restore_region(self._pixels)
        self._mode = "live"

    def _is_canvas_renderer(self, renderer):
        """True for the canvas's own renderer with drawing switched on.

        ``Figure.draw_without_rendering`` reuses that renderer with its draw
        methods replaced by no-ops (set on the instance): never cache that.
        """
        canvas_renderer = getattr(self._target.canvas, "renderer", None)
        return renderer is canvas_renderer and "draw_path" not in vars(renderer)

    def _layout_key(self, renderer):
        """What the background depends on: canvas size, axes positions and limits."""
        key = [renderer.width, renderer.height]
        for ax in self._target.axes:
            key.extend(np.round(ax.bbox.bounds, 3))
            key.extend(np.round(ax.viewLim.bounds, 12))
        return tuple(key)

    def _split(self, child, draw):
        """Wrap a top-level artist's draw so each pass draws only its own share."""
        def split_draw(renderer):
            if self._mode == "full":
                return draw(renderer)
            whole_is_live = child in self.dynamic
            if not isinstance(child, Axes):
                if whole_is_live == (self._mode == "live"):
                    draw(renderer)
                return None
            if whole_is_live:
                return draw(renderer) if self._mode == "live" else None
            live = self._live_children(child)
            if self._mode == "live":
                for artist in live:
                    artist.draw(renderer)
                return None
            for artist in live:
                artist.draw = _draw_nothing
            try:
                return draw(renderer)
            finally:
                for artist in live:
                    del artist.draw
        return split_draw

    def _live_children(self, ax):
        """The axes' dynamic artists and everything above the lowest of them.

        Axis objects (ticks, tick labels) stay in the background: they sit
        outside the plotting area, and drawing them is the slow part.
        """
        children = sorted((a for a in ax.get_children() if a is not ax.patch),
                          key=lambda a: a.get_zorder())
        dynamic = [a for a in children if a in self.dynamic]
        if not dynamic:
            return []
        lowest = min(a.get_zorder() for a in dynamic)
        return [a for a in children
                if a in dynamic or (a.get_zorder() >= lowest and not isinstance(a, Axis))]
