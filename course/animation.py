"""Lesson 1's animation: the kernel's window slides over a small image while the output fills in.

:func:`sliding_window_animation` draws three panels (the image with the window, the kernel,
the output so far), one frame per output position, and returns the animation as HTML and
JavaScript (``FuncAnimation.to_jshtml``): the frames are embedded PNGs with a small player,
so the animation still plays without a running kernel: in a saved notebook (once trusted, as
Jupyter runs scripts only in trusted outputs) and on nbviewer. Keep the image small: a 7×7
image and a 3×3 kernel give 25 frames and about 0.25 MB of HTML.

The output values come from ``scipy.signal.correlate2d(..., mode="valid")`` (through the
lesson-1 reference), never from a learner's code. Under the grader the function checks its
arguments and returns ``None`` without drawing.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import PIL.Image
from IPython.display import HTML
from matplotlib.animation import FuncAnimation
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from autograder.reference.l01_convolution import correlate2d
from autograder.settings import is_grading
from course.illustrations import _number_grid
from course.plots import SIGNED_CMAP, is_signed

MAX_FRAMES = 64  # a notebook should stay light: 64 frames are about 0.55 MB of HTML
PALETTE_COLORS = 128
WINDOW_COLOR = "C1"  # orange, as in show_sliding_window
UNFILLED = "0.92"  # output cells not computed yet


class _FrameCanvas(FigureCanvasAgg):
    """Agg, with three economies for embedded frames.

    - It draws only when a frame is saved: ``FuncAnimation`` also asks for an idle draw after
      every frame, which would double the rendering time.
    - It draws the still parts once (every artist but those in ``moving``), then per frame
      only the moving artists over a copy of that background: blitting, as interactive
      backends do it.
    - It writes PNGs with a palette of ``PALETTE_COLORS`` colours: flat diagram colours
      survive, and a frame is about three times smaller than in full colour.
    """

    def __init__(self, figure, moving=()):
        super().__init__(figure)
        self.moving = list(moving)
        self._background = None

    def draw_idle(self, *args, **kwargs):
        pass

    def print_png(self, filename_or_obj, **kwargs):
        key = (self.figure.dpi, tuple(self.figure.bbox.size))
        if self._background is None or self._background[0] != key:
            visible = [artist.get_visible() for artist in self.moving]
            for artist in self.moving:
                artist.set_visible(False)
            FigureCanvasAgg.draw(self)
            self._background = (key, self.copy_from_bbox(self.figure.bbox))
            for artist, shown in zip(self.moving, visible):
                artist.set_visible(shown)
        else:
            self.restore_region(self._background[1])
        for artist in self.moving:
            self.figure.draw_artist(artist)
        pixels = np.asarray(self.buffer_rgba())[..., :3]
        frame = PIL.Image.fromarray(pixels).quantize(
            PALETTE_COLORS, method=PIL.Image.Quantize.FASTOCTREE, dither=PIL.Image.Dither.NONE
        )
        frame.save(filename_or_obj, format="png")


def _value_text(value: float) -> str:
    return f"{value:g}" if value == round(value) else f"{value:.2f}"


def _output_limits(output: np.ndarray) -> tuple[str, float, float]:
    """Colormap and limits for the whole output: diverging and centred on 0 when signed."""
    low, high = float(output.min()), float(output.max())
    if low < 0 < high:
        limit = max(-low, high)
        return SIGNED_CMAP, -limit, limit
    if low == high:  # a flat output: any non-empty range draws it
        return "viridis", low - 1.0, high + 1.0
    return "viridis", low, high


def sliding_window_animation(
    image, kernel, *, interval: int = 700, dpi: int = 72, loop: bool = False
) -> HTML | None:
    """Animate valid cross-correlation: one frame per output position, the output filling in.

    Parameters
    ----------
    image : array_like, shape (H, W)
        A small image: (H - kh + 1) * (W - kw + 1) frames, at most ``MAX_FRAMES``.
    kernel : array_like, shape (kh, kw), with kh <= H and kw <= W
    interval : int
        Milliseconds between frames.
    dpi : int
        Resolution of the embedded frames; the HTML grows with its square.
    loop : bool
        Start the player in loop mode instead of stopping at the last frame.

    Returns
    -------
    IPython.display.HTML or None
        The animation with its player (display it, or make it a cell's last expression);
        ``None`` under the grader, which draws nothing.
    """
    output = correlate2d(image, kernel)  # validates both arrays; scipy computes the values
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    frames = output.size
    if frames > MAX_FRAMES:
        raise ValueError(
            f"the output has {output.shape[0]}×{output.shape[1]} = {frames} positions; "
            f"an animation may have at most {MAX_FRAMES} frames: use a smaller image"
        )
    if is_grading():
        return None
    figure, draw_frame = _sliding_window_figure(image, kernel, output, dpi)
    animation = FuncAnimation(
        figure, draw_frame, frames=frames, interval=interval, blit=False, cache_frame_data=False
    )
    return HTML(animation.to_jshtml(default_mode="loop" if loop else "once"))


def _sliding_window_figure(image, kernel, output, dpi: int = 72):
    """The figure and its ``draw_frame(step)``, which shows output position ``step`` (row-major)."""
    kh, kw = kernel.shape
    out_h, out_w = output.shape
    # A Figure made without pyplot: Jupyter's inline backend does not also show it as a still.
    figure = Figure(figsize=(0.36 * (image.shape[1] + kw + out_w) + 2.6, 3.1), dpi=dpi)
    axes = figure.subplots(
        1, 3, gridspec_kw={"width_ratios": [image.shape[1], kw + 1.6, out_w + 1.6]}
    )
    _number_grid(
        axes[0],
        image,
        f"image {image.shape[0]}×{image.shape[1]}: the window",
        SIGNED_CMAP if is_signed(image) else "Greys",
    )
    _number_grid(axes[1], kernel, f"kernel {kh}×{kw}", SIGNED_CMAP)  # with its colour bar
    window = Rectangle((-0.5, -0.5), kw, kh, fill=False, lw=3, edgecolor=WINDOW_COLOR)
    axes[0].add_patch(window)

    cmap, vmin, vmax = _output_limits(output)
    filled = np.full(output.shape, np.nan)
    colours = matplotlib.colormaps[cmap].with_extremes(bad=UNFILLED)
    shown = axes[2].imshow(np.ma.masked_invalid(filled), cmap=colours, vmin=vmin, vmax=vmax)
    figure.colorbar(shown, ax=axes[2], fraction=0.046, pad=0.04)
    axes[2].set_title(f"output {out_h}×{out_w}, filling in")
    for ax in axes:  # tick labels cost more to draw than everything else together
        ax.set_xticks([])
        ax.set_yticks([])
    texts = {
        (row, col): axes[2].text(col, row, "", ha="center", va="center", fontsize=10)
        for row in range(out_h)
        for col in range(out_w)
    }
    current = Rectangle((-0.5, -0.5), 1, 1, fill=False, lw=3, edgecolor=WINDOW_COLOR)
    axes[2].add_patch(current)
    caption = figure.suptitle("output[0, 0] =", fontsize=11)
    figure.tight_layout()
    figure.set_layout_engine(None)  # laid out once: no layout pass before every frame
    _FrameCanvas(figure, moving=[shown, window, current, caption, *texts.values()])

    def draw_frame(step: int):
        row, col = divmod(step, out_w)
        window.set_xy((col - 0.5, row - 0.5))
        current.set_xy((col - 0.5, row - 0.5))
        filled.flat[: step + 1] = output.flat[: step + 1]
        filled.flat[step + 1 :] = np.nan
        shown.set_data(np.ma.masked_invalid(filled))
        for (r, c), text in texts.items():
            done = r * out_w + c <= step
            value = output[r, c]
            text.set_text(_value_text(value) if done else "")
            if cmap == SIGNED_CMAP:  # dark at both ends
                dark = abs(value - (vmin + vmax) / 2) > 0.3 * (vmax - vmin)
            else:  # viridis: dark at the low end
                dark = value < vmin + 0.6 * (vmax - vmin)
            text.set_color("white" if dark else "black")
        caption.set_text(
            f"step {step + 1} of {output.size}: output[{row}, {col}] = "
            f"sum of (window × kernel) = {_value_text(output[row, col])}"
        )
        return [window, current, shown, caption, *texts.values()]

    return figure, draw_frame
