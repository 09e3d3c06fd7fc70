"""Diagrams for lesson 15: where the taps of one output value land, for any stride, zero
padding and dilation (after the figures of Dumoulin & Visin, arXiv:1603.07285).

``show_conv_arithmetic(input_shape, kernel_shape, settings)`` draws one column per setting:
on top the padded input (padding in grey, the image in white, the kernel's taps for one
output position in blue, the window's span outlined), below it the output grid with that
position in orange. Each column's title gives the setting and the output size.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from autograder.reference.l15_capstone import effective_kernel_size, output_size, setting_pair
from course.plots import finish_figure, skip_while_grading

IMAGE_RGB = (1.0, 1.0, 1.0)
PADDING_RGB = (0.82, 0.82, 0.82)
TAP_RGB = (0.23, 0.45, 0.78)  # blue: a weight of the kernel
OUTPUT_RGB = (0.97, 0.97, 0.97)
CHOSEN_RGB = (0.95, 0.55, 0.15)  # orange: the output value those taps produce


def tap_positions(kernel_shape, position, stride=1, padding=0, dilation=1) -> list[tuple]:
    """Rows and columns, in the padded input, of the taps that make output ``position``.

    Tap ``(m, n)`` of output ``(i, j)`` reads ``P[i s + m d, j s + n d]``.
    """
    (sr, sc), (dr, dc) = setting_pair(stride, "stride"), setting_pair(dilation, "dilation")
    setting_pair(padding, "padding")
    i, j = position
    kh, kw = kernel_shape
    return [(i * sr + m * dr, j * sc + n * dc) for m in range(kh) for n in range(kw)]


def _describe(settings: dict) -> str:
    parts = []
    for name in ("stride", "padding", "dilation"):
        value = settings.get(name, 0 if name == "padding" else 1)
        parts.append(f"{name} {value}")
    return ", ".join(parts)


def _grid(ax, colors: np.ndarray, title: str, limits: tuple[int, int]) -> None:
    """Draw ``colors`` (rows, cols, 3) as outlined cells; every panel has the same cell size."""
    rows, cols = colors.shape[:2]
    ax.imshow(colors, interpolation="nearest", extent=(-0.5, cols - 0.5, rows - 0.5, -0.5))
    ax.vlines(np.arange(cols + 1) - 0.5, -0.5, rows - 0.5, color="0.45", linewidth=0.7)
    ax.hlines(np.arange(rows + 1) - 0.5, -0.5, cols - 0.5, color="0.45", linewidth=0.7)
    ax.set_xlim(-0.6, limits[1] - 0.4)
    ax.set_ylim(limits[0] - 0.4, -0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=10)


@skip_while_grading
def show_conv_arithmetic(
    input_shape: tuple[int, int],
    kernel_shape: tuple[int, int],
    settings: Sequence[dict],
    position: tuple[int, int] = (0, 0),
) -> None:
    """One column per setting: the padded input with one window's taps, and the output grid.

    ``settings`` is a list of dicts with any of ``stride``, ``padding``, ``dilation`` (ints or
    pairs). ``position`` is the output index whose window is drawn; it must exist for every
    setting.
    """
    if not settings:
        raise ValueError("give at least one setting to draw")
    height, width = input_shape
    kh, kw = kernel_shape
    fig, axes = plt.subplots(
        2,
        len(settings),
        figsize=(3.2 * len(settings), 5.6),
        squeeze=False,
        gridspec_kw={"height_ratios": [1, 1]},
    )
    paddings = [setting_pair(setting.get("padding", 0), "padding") for setting in settings]
    limits = (
        height + 2 * max(p[0] for p in paddings),
        width + 2 * max(p[1] for p in paddings),
    )
    for column, setting in enumerate(settings):
        stride = setting_pair(setting.get("stride", 1), "stride")
        padding = setting_pair(setting.get("padding", 0), "padding")
        dilation = setting_pair(setting.get("dilation", 1), "dilation")
        out_shape = tuple(
            output_size(n, k, s, p, d)
            for n, k, s, p, d in zip(input_shape, kernel_shape, stride, padding, dilation)
        )
        if min(out_shape) < 1:
            raise ValueError(f"{_describe(setting)} gives an empty output {out_shape}")
        if not (0 <= position[0] < out_shape[0] and 0 <= position[1] < out_shape[1]):
            raise ValueError(f"position {position} is outside the output of shape {out_shape}")
        padded = np.empty((height + 2 * padding[0], width + 2 * padding[1], 3))
        padded[:] = PADDING_RGB
        padded[padding[0] : padding[0] + height, padding[1] : padding[1] + width] = IMAGE_RGB
        for row, col in tap_positions(kernel_shape, position, stride, padding, dilation):
            padded[row, col] = TAP_RGB
        top = axes[0, column]
        _grid(top, padded, f"{_describe(setting)}\ninput {height}×{width} + padding", limits)
        span = (effective_kernel_size(kh, dilation[0]), effective_kernel_size(kw, dilation[1]))
        corner = (position[1] * stride[1] - 0.5, position[0] * stride[0] - 0.5)
        top.add_patch(
            Rectangle(corner, span[1], span[0], fill=False, lw=3, edgecolor=CHOSEN_RGB, zorder=3)
        )
        output = np.empty((*out_shape, 3))
        output[:] = OUTPUT_RGB
        output[position] = CHOSEN_RGB
        _grid(axes[1, column], output, f"output {out_shape[0]}×{out_shape[1]}", limits)
    fig.suptitle(
        f"a {kh}×{kw} kernel: blue taps make the orange output {tuple(position)}; "
        "grey cells are zero padding",
        fontsize=11,
    )
    finish_figure(fig)
