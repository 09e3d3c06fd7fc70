"""Interactive explorers for lessons 6–8: move sliders for the kernel size, padding, stride and
dilation and watch the receptive field and the output shape change.

- :func:`explorer_state` is the arithmetic behind the picture, a plain function: the output
  size (``floor((n + 2p - d(k - 1) - 1) / s) + 1``, from the same helpers as lesson 15's
  diagrams), the receptive field and taps of one output position, and the image pixels that
  no window ever reads;
- :func:`explorer_figure` draws a state: the padded input with that receptive field, and the
  output grid;
- :func:`conv_explorer` puts four ``IntSlider`` widgets (``kernel``, ``padding``, ``stride``,
  ``dilation``) over an ``HTML`` line that starts ``output shape: (H, W)`` and an ``Image`` of
  the figure; both follow every slider.

The figure is rendered to PNG bytes in the kernel, so the explorer works in any front end that
shows widgets, and tests can move a slider without a browser. Under the grader
:func:`conv_explorer` checks its arguments and returns ``None``: a widget cannot change a grade.
"""

from __future__ import annotations

import io
import numbers
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from autograder.reference.l15_capstone import effective_kernel_size, output_size
from autograder.settings import is_grading
from course.conv_arithmetic import (
    CHOSEN_RGB,
    IMAGE_RGB,
    OUTPUT_RGB,
    PADDING_RGB,
    TAP_RGB,
    _grid,
    tap_positions,
)

SLIDERS = ("kernel", "padding", "stride", "dilation")
LEAST = {"n": 1, "kernel": 1, "padding": 0, "stride": 1, "dilation": 1}
UNREAD_RGB = (0.98, 0.80, 0.80)  # pale red: an image pixel that no window reads


def _setting(value, name: str) -> int:
    least = LEAST[name]
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < least:
        raise ValueError(f"{name} must be an integer of at least {least}, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class ExplorerState:
    """One setting of the explorer, for a square ``n × n`` input and ``kernel × kernel`` kernel.

    Coordinates (``taps``, ``field``) are rows and columns of the *padded* input; ``unread``
    holds indices of the *image* (0 to n - 1), the same for rows and columns.
    """

    n: int
    kernel: int
    padding: int
    stride: int
    dilation: int
    span: int  # pixels covered by one window along an axis: d (k - 1) + 1
    size: int  # outputs along an axis, 0 when the window does not fit
    position: tuple[int, int] | None  # the output whose receptive field is drawn (the last)
    taps: tuple[tuple[int, int], ...]  # the kernel's taps for that output
    field: tuple[int, int, int, int] | None  # (top, left, height, width) of its window
    unread: tuple[int, ...]  # image rows (and columns) that no window reads

    @property
    def padded(self) -> int:
        return self.n + 2 * self.padding

    @property
    def output_shape(self) -> tuple[int, int]:
        return (self.size, self.size)

    @property
    def empty(self) -> bool:
        return self.size == 0

    def formula(self) -> str:
        """The output-size formula with this state's numbers in it."""
        n, k, p, s, d = self.n, self.kernel, self.padding, self.stride, self.dilation
        top = self.padded - self.span
        raw = output_size(n, k, s, p, d)
        top, raw = str(top).replace("-", "−"), str(raw).replace("-", "−")  # minus signs
        return f"⌊({n} + 2·{p} − {d}·({k} − 1) − 1) / {s}⌋ + 1 = ⌊{top} / {s}⌋ + 1 = {raw}"

    def lines(self) -> list[str]:
        """What the explorer says about this state, one sentence a line (plain text)."""
        if self.empty:
            return [
                "no output: the window does not fit.",
                f"The kernel spans {self.dilation}·({self.kernel} − 1) + 1 = {self.span} "
                f"pixels, but the padded input has only {self.n} + 2·{self.padding} = "
                f"{self.padded}; the formula gives {self.formula()}.",
                "Make the kernel or the dilation smaller, or add padding.",
            ]
        lines = [
            f"output shape: {self.output_shape}",
            f"per side: {self.formula()}",
            f"Orange: the receptive field of output {self.position}, {self.span}×{self.span} "
            f"pixels; blue: the {self.kernel * self.kernel} pixels its weights multiply.",
        ]
        if self.unread:
            which = ", ".join(str(i) for i in self.unread)
            lines.append(f"Image rows and columns {which} (red) are never read by any window.")
        return lines


def explorer_state(n: int, kernel: int, padding: int = 0, stride: int = 1, dilation: int = 1):
    """The output size, one receptive field and the unread pixels of a square convolution.

    Parameters
    ----------
    n : int
        Side of the input, at least 1.
    kernel : int
        Side of the kernel, at least 1.
    padding : int
        Zeros added on each side, at least 0.
    stride, dilation : int
        Step between windows and spacing of the taps, each at least 1.

    Returns
    -------
    ExplorerState
        ``size`` is ``floor((n + 2 padding - dilation (kernel - 1) - 1) / stride) + 1``, or
        0 when the (dilated) kernel is larger than the padded input; the receptive field is
        that of the last output position ``(size - 1, size - 1)``.
    """
    n, kernel = _setting(n, "n"), _setting(kernel, "kernel")
    padding, stride = _setting(padding, "padding"), _setting(stride, "stride")
    dilation = _setting(dilation, "dilation")
    span = effective_kernel_size(kernel, dilation)
    size = max(output_size(n, kernel, stride, padding, dilation), 0)
    if size == 0:
        return ExplorerState(n, kernel, padding, stride, dilation, span, 0, None, (), None, ())
    position = (size - 1, size - 1)
    taps = tuple(tap_positions((kernel, kernel), position, stride, padding, dilation))
    field = (position[0] * stride, position[1] * stride, span, span)
    # Rows read by some window: the taps of every output in one column of the output.
    read = {
        row
        for i in range(size)
        for row, _ in tap_positions((kernel, 1), (i, 0), stride, padding, dilation)
    }
    unread = tuple(i for i in range(n) if i + padding not in read)
    return ExplorerState(
        n, kernel, padding, stride, dilation, span, size, position, taps, field, unread
    )


def _place(ax, side: int, room: int) -> None:
    """Leave room for ``room`` cells around a grid of ``side``: centred across, at the top
    (just under the panel's title)."""
    middle, half = (side - 1) / 2, room / 2 + 0.1
    ax.set_xlim(middle - half, middle + half)
    ax.set_ylim(room - 0.4, -0.6)


def explorer_figure(state: ExplorerState, room: int | None = None, dpi: int = 80) -> Figure:
    """Draw ``state``: the padded input with one receptive field, and the output grid.

    ``room`` is the number of cells each panel leaves space for (default: the padded input),
    so that the cells keep their size while the sliders move.
    """
    padded = state.padded
    room = max(room or padded, padded)
    figure = Figure(figsize=(2 * 0.27 * room + 1.0, 0.27 * room + 1.2), dpi=dpi)
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2)
    p, n = state.padding, state.n
    cells = np.empty((padded, padded, 3))
    cells[:] = PADDING_RGB
    cells[p : p + n, p : p + n] = IMAGE_RGB
    for i in state.unread:
        cells[p + i, p : p + n] = UNREAD_RGB
        cells[p : p + n, p + i] = UNREAD_RGB
    for row, col in state.taps:
        cells[row, col] = TAP_RGB
    title = f"input {n}×{n}" + (f" + padding {p} = {padded}×{padded}" if p else "")
    _grid(left, cells, title, (room, room))
    _place(left, padded, room)
    # The window of the drawn output; when nothing fits, the window at (0, 0) sticking out.
    top, left_col, height, width = state.field or (0, 0, state.span, state.span)
    left.add_patch(
        Rectangle(
            (left_col - 0.5, top - 0.5),
            width,
            height,
            fill=False,
            lw=3,
            ls="-" if state.field else "--",
            edgecolor=CHOSEN_RGB,
        )
    )
    if state.empty:
        right.axis("off")
        right.set_title(f"no output: a window spans {state.span} > {padded} pixels", fontsize=10)
    else:
        output = np.empty((state.size, state.size, 3))
        output[:] = OUTPUT_RGB
        output[state.position] = CHOSEN_RGB
        _grid(right, output, f"output {state.size}×{state.size}", (room, room))
        _place(right, state.size, room)
    figure.suptitle(
        f"kernel {state.kernel}×{state.kernel}, padding {p}, stride {state.stride}, "
        f"dilation {state.dilation}",
        fontsize=11,
    )
    figure.tight_layout()
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _html(state: ExplorerState) -> str:
    first, *rest = state.lines()
    return "<br>".join([f"<b>{first}</b>", *rest])


def conv_explorer(
    n: int = 7,
    kernel: int = 3,
    padding: int = 0,
    stride: int = 1,
    dilation: int = 1,
    *,
    max_kernel: int = 7,
    max_padding: int = 3,
    max_stride: int = 4,
    max_dilation: int = 4,
):
    """Sliders for kernel size, padding, stride and dilation over a square ``n × n`` input.

    The keyword arguments set each slider's start and its largest value. Returns an
    ``ipywidgets.VBox`` whose children are the four ``IntSlider``s (descriptions ``kernel``,
    ``padding``, ``stride``, ``dilation``), an ``HTML`` text starting ``output shape: (H, W)``
    (or ``no output`` when the window does not fit) and an ``Image`` of the figure; ``None``
    under the grader.
    """
    explorer_state(n, kernel, padding, stride, dilation)  # the start must be a valid setting
    start = {"kernel": kernel, "padding": padding, "stride": stride, "dilation": dilation}
    largest = {
        "kernel": max_kernel,
        "padding": max_padding,
        "stride": max_stride,
        "dilation": max_dilation,
    }
    for name in SLIDERS:
        if _setting(largest[name], name) < start[name]:
            raise ValueError(f"max_{name}={largest[name]} is below the start value {start[name]}")
    if is_grading():
        return None
    import ipywidgets as widgets  # only when a person is looking: the grader never needs it

    sliders = {
        name: widgets.IntSlider(
            value=start[name], min=LEAST[name], max=largest[name], description=name
        )
        for name in SLIDERS
    }
    text = widgets.HTML()
    picture = widgets.Image(format="png")
    room = n + 2 * max_padding

    def update(change=None) -> None:
        state = explorer_state(n, *(sliders[name].value for name in SLIDERS))
        text.value = _html(state)
        picture.value = _png(explorer_figure(state, room))

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    return widgets.VBox([*sliders.values(), text, picture])
