"""Diagrams for lesson 8 (dilated convolution): where a dilated kernel's taps land, and how
stacked dilated layers widen the receptive field while the number of weights stays the same.

Both figures are rendering-only: under the grader (``AUTOGRADER_GRADING=1``) they return at
once, since a picture cannot change a grade.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from autograder.reference import l08_dilation
from autograder.reference.arithmetic import dilated_span
from autograder.settings import is_grading
from course.plots import finish_figure

TAP_COLOR = "C0"  # blue: a weight of the kernel
FIELD_COLOR = "C1"  # orange: the receptive field


def dilated_extent(kernel_size: int, dilation: int) -> int:
    """Pixels spanned by ``kernel_size`` taps placed ``dilation`` apart: d * (k - 1) + 1."""
    _check_positive(kernel_size, "kernel_size")
    _check_positive(dilation, "dilation")
    return dilated_span(kernel_size, dilation)


def receptive_field(kernel_size: int, dilations: Sequence[int]) -> int:
    """Receptive field, in pixels per side, of stacked stride-1 layers: 1 + sum of d * (k - 1).

    One layer of a 3x3 kernel with dilation 4 sees 9 pixels per side; three layers with
    dilations 1, 2 and 4 see 1 + 2 * (1 + 2 + 4) = 15.
    """
    if len(dilations) == 0:
        raise ValueError("dilations must name at least one layer")
    for d in dilations:
        dilated_extent(kernel_size, d)  # the same clear errors as the taps figure
    return l08_dilation.receptive_field([(kernel_size, 1, d) for d in dilations])


def _check_positive(value, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be an integer of at least 1, got {value!r}")


def show_dilated_taps(kernel_size: int = 3, dilations: Sequence[int] = (1, 2, 4)) -> None:
    """Draw one k x k kernel at several dilations on the same pixel grid.

    The taps (blue, numbered) are the kernel's weights; the orange box is the receptive
    field, d * (k - 1) + 1 pixels per side. The number of weights stays k * k.
    """
    extents = [dilated_extent(kernel_size, d) for d in dilations]
    if is_grading():
        return
    grid = max(extents) + 2
    fig, axes = plt.subplots(1, len(dilations), figsize=(3.3 * len(dilations), 3.7), squeeze=False)
    for ax, d, extent in zip(axes.flat, dilations, extents):
        start = (grid - extent) // 2
        ax.imshow(np.zeros((grid, grid)), cmap="Greys", vmin=0, vmax=1)
        ax.set_xticks(np.arange(-0.5, grid), minor=True)
        ax.set_yticks(np.arange(-0.5, grid), minor=True)
        ax.grid(which="minor", color="0.8", linewidth=0.8)
        ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
        corner = (start - 0.5, start - 0.5)
        ax.add_patch(Rectangle(corner, extent, extent, color=FIELD_COLOR, alpha=0.2, lw=0))
        ax.add_patch(Rectangle(corner, extent, extent, fill=False, edgecolor=FIELD_COLOR, lw=2.5))
        number = 1
        for m in range(kernel_size):
            for n in range(kernel_size):
                row, col = start + m * d, start + n * d
                ax.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, color=TAP_COLOR))
                ax.text(col, row, str(number), ha="center", va="center", color="white", fontsize=8)
                number += 1
        ax.set_title(
            f"dilation {d}: {kernel_size * kernel_size} weights\n"
            f"receptive field {extent}×{extent} pixels"
        )
        ax.set_xlabel("blue: the weights   orange: the pixels they see", fontsize=9)
    finish_figure(fig)


def _stack_panel(ax, kernel_size: int, dilations: Sequence[int], width: int) -> int:
    """One panel: layers bottom (input) to top (output), lines from the top unit to its inputs."""
    layers = len(dilations)
    centre = width // 2
    half = (kernel_size - 1) // 2
    used = [{centre}]  # units of the top layer that matter, going down the stack
    for d in reversed(dilations):
        below = {u + d * (t - half) for u in used[-1] for t in range(kernel_size)}
        used.append(below)
    used.reverse()  # used[0] is the input row, used[layers] the output unit
    xs = np.arange(width)
    for level in range(layers + 1):
        ax.scatter(xs, np.full(width, level), s=18, color="0.82", zorder=1)
        ax.scatter(
            sorted(used[level]),
            np.full(len(used[level]), level),
            s=42,
            color=FIELD_COLOR if level == 0 else TAP_COLOR,
            zorder=3,
        )
    for level in range(1, layers + 1):
        d = dilations[level - 1]
        for u in used[level]:
            for t in range(kernel_size):
                ax.plot([u, u + d * (t - half)], [level, level - 1], color=TAP_COLOR, lw=0.9)
    ax.set_yticks(range(layers + 1))
    ax.set_yticklabels(
        ["input"] + [f"layer {i + 1} (d={d})" for i, d in enumerate(dilations)], fontsize=9
    )
    ax.set_xticks([])
    ax.set_xlim(-1, width)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    field = receptive_field(kernel_size, dilations)
    ax.set_title(
        f"dilations {', '.join(str(d) for d in dilations)}: receptive field {field} pixels per side"
    )
    return field


def show_dilation_stack(kernel_size: int = 3, dilations: Sequence[int] = (1, 2, 4)) -> None:
    """Compare stacked ordinary layers with stacked dilated layers, along one image row.

    Both stacks have the same number of weights; the orange input pixels are the receptive
    field of the one output unit at the top.
    """
    plain = (1,) * len(dilations)
    width = receptive_field(kernel_size, dilations) + 4
    if is_grading():
        return
    fig, axes = plt.subplots(2, 1, figsize=(9, 5.4), sharex=True)
    _stack_panel(axes[0], kernel_size, plain, width)
    _stack_panel(axes[1], kernel_size, tuple(dilations), width)
    layers, k = len(dilations), kernel_size
    fig.suptitle(
        f"{layers} stacked {k}×{k} layers, seen along one image row: both stacks have "
        f"{layers}×{k}×{k} = {layers * k * k} weights"
    )
    finish_figure(fig)


def show_receptive_growth(fields: dict[str, Sequence[int]]) -> None:
    """Plot the receptive field after each layer, one line per network design.

    ``fields`` maps a design's name to its receptive fields after layer 1, 2, ...: numbers
    the lesson computes with the learner's ``receptive_field``.
    """
    if not fields:
        raise ValueError("fields must name at least one design")
    for name, values in fields.items():
        if len(values) == 0 or any(int(v) != v or v < 1 for v in values):
            raise ValueError(f"{name!r}: receptive fields are whole numbers >= 1, got {values!r}")
    if is_grading():
        return
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for index, (name, values) in enumerate(fields.items()):
        depth = np.arange(1, len(values) + 1)
        ax.plot(depth, values, marker="o", color=f"C{index}", label=f"{name}: {values[-1]}")
    ax.set_xlabel("layers")
    ax.set_ylabel("receptive field (pixels per side)")
    ax.set_xticks(np.arange(1, max(len(v) for v in fields.values()) + 1))
    ax.grid(alpha=0.3)
    ax.legend(title="design: field after the last layer", fontsize=9)
    ax.set_title("How fast the receptive field grows, layer by layer")
    finish_figure(fig)
