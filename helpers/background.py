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

Images that move (probability shading, decision regions) are the slowest live
artists: matplotlib resamples an image's data to the screen's pixels in two passes
of its own C resampler (the data, then its mask) and colour-maps the result, about
20 ms for a 650 × 600 px panel at 2× dpi. ``resample_with_numpy(image)`` computes the
same picture with numpy (nearest or bilinear, one pass over rows, one over columns)
in 3-4 ms; it leaves every other kind of image to matplotlib.

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
  which is how this module tells a layout pass from a real draw;
* ``AxesImage.draw`` gets its pixels from ``self.make_image(renderer, magnification)``
  (through the instance), which returns (RGBA uint8 rows from the bottom, x, y of the
  lower left corner, transform): for an image on a linear axes, the image's extent in
  pixels clipped to the axes and rounded to whole pixels, each pixel the data sampled
  at its centre (nearest, or bilinear between cell centres, edges extended), normed,
  colour-mapped and its alpha multiplied by the image's alpha; before matplotlib 3.10
  (no ``get_interpolation_stage``) the stage is the image's ``_interpolation_stage``.
"""

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.colors import NoNorm, Normalize
from matplotlib.image import AxesImage
from matplotlib.transforms import Bbox


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


# ---------------------------------------------------------------------------
# Images resampled with numpy
# ---------------------------------------------------------------------------

def resample_with_numpy(image):
    """Let numpy resample ``image`` (an AxesImage) to the screen's pixels when it is drawn.

    Only where the result is matplotlib's own: 2-D data on linear axes, clipped to them,
    "nearest" or "bilinear" interpolation of the data (not of its colours), a scalar
    alpha, a norm with its limits set; and only once the first picture made this way
    has matched matplotlib's. Anything else (and vector output) is left to matplotlib,
    image by image and draw by draw. ``image.make_image.agrees`` tells whether numpy
    is in use (None: not drawn yet); ``del image.make_image`` undoes it.
    """
    if not isinstance(image, AxesImage):
        raise TypeError(f"image must be a matplotlib AxesImage; got {type(image).__name__}")
    image.make_image = _NumpyImage(image)


class _NumpyImage:
    """An image's ``make_image`` computed with numpy, with matplotlib's as the fallback.

    The arrays as large as the picture are kept from one draw to the next: fresh memory
    of that size costs more (page faults) than the arithmetic done in it.
    """

    def __init__(self, image):
        self.image = image
        self.fallback = type(image).make_image
        self.scratch = {}
        self.agrees = None      # numpy's first picture matched matplotlib's (None: not tried)

    def __call__(self, renderer, magnification=1.0, unsampled=False):
        made = None if unsampled or self.agrees is False else self.make(magnification)
        if made is None:
            return self.fallback(self.image, renderer, magnification, unsampled)
        if self.agrees is None:
            # Once: compare with matplotlib's own picture. Where matplotlib places or
            # samples images differently (before 3.10 it stretched them to whole pixels
            # instead of rounding their corners), numpy steps aside for good.
            expected = self.fallback(self.image, renderer, magnification, unsampled)
            self.agrees = _same_picture(made, expected)
            if not self.agrees:
                return expected
        return made

    def buffer(self, name, shape, dtype):
        """A scratch array of this shape and dtype, kept under ``name`` between draws."""
        array = self.scratch.get(name)
        if array is None or array.shape != shape or array.dtype != dtype:
            array = self.scratch[name] = np.empty(shape, dtype)
        return array

    def make(self, magnification):
        """What ``AxesImage.make_image`` returns; None where this does not apply."""
        image = self.image
        data = image.get_array()
        interpolation = image.get_interpolation()
        alpha = image.get_alpha()
        transform = image.get_transform()
        if (data is None or data.ndim != 2 or data.size == 0 or not image.get_clip_on()
                or interpolation not in ("nearest", "bilinear")
                or np.ndim(alpha) != 0 or isinstance(image.norm, NoNorm)
                or not image.norm.scaled() or not transform.is_affine):
            return None
        matrix = transform.get_affine().get_matrix()
        if matrix[0, 1] or matrix[1, 0]:                      # rotated or sheared
            return None
        left, right, bottom, top = image.get_extent()
        (x_left, y_bottom), (x_right, y_top) = transform.transform([[left, bottom],
                                                                    [right, top]])
        rows, cols = data.shape
        cell_x = (x_right - x_left) * magnification / cols     # pixels per data cell
        cell_y = (y_top - y_bottom) * magnification / rows
        bilinear = interpolation == "bilinear"
        stage = _interpolation_stage(image)
        if bilinear and (stage == "rgba"
                         or stage != "data" and min(abs(cell_x), abs(cell_y)) < 3):
            return None                   # matplotlib would interpolate colours: leave it
        # The pixels the image covers: its extent clipped, rounded as matplotlib rounds them.
        clip = image.get_clip_box() or image.axes.bbox
        clipped = Bbox.intersection(
            Bbox.from_extents(min(x_left, x_right), min(y_bottom, y_top),
                              max(x_left, x_right), max(y_bottom, y_top)), clip)
        if clipped is None:
            return None
        x0_f, y0_f, x1_f, y1_f = clipped.extents * magnification
        x0, y0 = np.floor(x0_f + 0.5), np.ceil(y0_f - 0.5 - 1e-8)
        x1, y1 = np.floor(x1_f + 0.5 + 1e-8), np.ceil(y1_f - 0.5)
        width, height = int(x1 - x0), int(y1 - y0)
        if width <= 0 or height <= 0:
            return None
        # Agg counts rows from the top: a centre on a line between cells goes to the cell
        # on its left, or above it.
        row_at = _samples(height, y_bottom * magnification - y0, cell_y, rows, bilinear, 1e-7)
        col_at = _samples(width, x_left * magnification - x0, cell_x, cols, bilinear, -1e-7)
        resampled = self.resample(data, image.origin == "upper", row_at, col_at)
        rgba = self.colour(resampled, alpha)
        return rgba, x0 / magnification, y0 / magnification, None

    def resample(self, data, upside_down, row_at, col_at):
        """The data at each pixel's centre (float32; NaN where it is bad or masked)."""
        values = np.ma.getdata(data).astype(np.float32)
        mask = np.ma.getmaskarray(data)
        if mask.any():
            values[mask] = np.nan             # bad data: the colour map's "bad" colour
        if upside_down:
            values = values[::-1]
        height, width = row_at[0].size, col_at[0].size
        out = self.buffer("resampled", (height, width), np.float32)
        if row_at[1] is None:                                   # nearest
            np.take(values[row_at[0]], col_at[0], axis=1, out=out)
            return out
        (r0, r1, fr), (c0, c1, fc) = row_at, col_at
        fr, fc = fr.astype(np.float32)[:, None], fc.astype(np.float32)
        by_row = values[r0] * (1 - fr) + values[r1] * fr
        lower = self.buffer("lower", (height, width), np.float32)
        np.take(by_row, c0, axis=1, out=lower)
        np.take(by_row, c1, axis=1, out=out)
        out -= lower
        out *= fc
        out += lower
        return out

    def colour(self, values, alpha):
        """RGBA bytes of the values through the image's norm and colour map, times alpha."""
        image = self.image
        norm, cmap = image.norm, image.cmap
        if type(norm) is not Normalize:                        # any other norm: matplotlib's
            rgba = image.to_rgba(norm(values.astype(float)), bytes=True, norm=False)
            if alpha is not None:
                rgba[..., 3] = rgba[..., 3].astype(np.float32) * np.float32(alpha)
            return rgba
        # What Colormap.__call__ does, into buffers kept between draws: the value times N
        # picks one of N colours (exactly N: the last); below, above and NaN: the map's
        # "under", "over" and "bad" colours. Its table, as bytes: under, the N, over, bad.
        count = cmap.N
        table = np.vstack([cmap(-1, bytes=True), cmap(np.arange(count), bytes=True),
                           cmap(count, bytes=True), cmap(np.nan, bytes=True)])
        if alpha is not None:
            table[:, 3] = table[:, 3].astype(np.float32) * np.float32(alpha)
        values -= norm.vmin
        values *= count / (norm.vmax - norm.vmin)
        top = self.buffer("top", values.shape, bool)
        np.equal(values, count, out=top)
        values[top] = count - 1
        np.clip(values, -1, count, out=values)
        np.floor(values, out=values)
        values += 1
        np.nan_to_num(values, copy=False, nan=count + 2)
        index = self.buffer("index", values.shape, np.intp)
        index[...] = values
        rgba = self.buffer("rgba", (*values.shape, 4), np.uint8)
        return np.take(table, index, axis=0, out=rgba)


def _same_picture(made, expected):
    """True when two make_image results have the same place and size, and the pictures
    differ in at most 1 pixel in 1000 (bilinear band edges that round the other way)."""
    (pixels, x, y, _), (want, want_x, want_y, _) = made, expected
    if want is None or (x, y) != (want_x, want_y) or pixels.shape != want.shape:
        return False
    error = np.abs(pixels.astype(np.int16) - want.astype(np.int16)).max(axis=-1)
    return bool(np.mean(error > 8) < 1e-3)


def _interpolation_stage(image):
    """"data", "rgba" or "auto"; matplotlib before 3.10 has no getter, only the attribute."""
    getter = getattr(image, "get_interpolation_stage", None)
    return getter() if getter is not None else image._interpolation_stage


def _samples(count, start, cell, cells, bilinear, nudge=0.0):
    """Where the centres of ``count`` pixels fall in a row of ``cells`` data cells.

    The data starts ``start`` pixels after the first pixel's edge, and each cell is
    ``cell`` pixels wide (negative: the data runs backwards). Returns (cell index, None,
    None) for nearest, or (lower index, upper index, weight of the upper) for bilinear
    between cell centres, with the edge cells extended. ``nudge`` (a tiny fraction of a
    pixel) moves each centre off the line between two cells the way Agg breaks such ties.
    """
    position = (np.arange(count) + 0.5 + nudge - start) / cell
    if not bilinear:
        return np.clip(np.floor(position), 0, cells - 1).astype(np.intp), None, None
    position -= 0.5
    lower = np.floor(position)
    weight = position - lower
    lower = lower.astype(np.intp)
    return np.clip(lower, 0, cells - 1), np.clip(lower + 1, 0, cells - 1), weight
