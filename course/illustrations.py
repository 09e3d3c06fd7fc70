"""Explanatory diagrams: small grids of numbers where a student can follow every step."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from autograder.settings import is_grading
from course.plots import KERNEL_LABEL, SIGNED_CMAP, finish_figure


def _number_grid(
    ax, values: np.ndarray, title: str, cmap: str, highlight=None, color="C1", colorbar=True
):
    """A grid of numbers on pale colours. With the diverging ``SIGNED_CMAP`` (a kernel) the
    limits are always symmetric, so that 0 is white and only negative weights are blue, and
    the panel gets a colour bar (unless ``colorbar=False``: the caller draws its own); other
    colormaps run from 0 (or the minimum) to the maximum."""
    values = np.asarray(values, dtype=float)
    limit = float(np.abs(values).max()) or 1.0
    diverging = cmap == SIGNED_CMAP
    vmin = -limit if diverging or values.min() < 0 else 0.0
    # Pale colours keep every number readable.
    shown = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=limit, alpha=0.35)
    if diverging:
        ax.set_label(KERNEL_LABEL)
        if colorbar:
            ax.figure.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    for (row, col), value in np.ndenumerate(values):
        text = f"{int(value)}" if value == round(value) else f"{value:.2g}"
        ax.text(col, row, text, ha="center", va="center", fontsize=10)
    if highlight is not None:
        (top, left), (height, width) = highlight
        ax.add_patch(
            Rectangle((left - 0.5, top - 0.5), width, height, fill=False, lw=3, edgecolor=color)
        )
    ax.set_title(title)
    ax.set_xticks(range(values.shape[1]))
    ax.set_yticks(range(values.shape[0]))
    ax.tick_params(length=0, labelsize=8)


def show_sliding_window(image, kernel, position: tuple[int, int]) -> None:
    """Show one step of valid cross-correlation: the window, the kernel and the output cell.

    ``position`` is the output index (i, j); the window is image[i:i+kh, j:j+kw].
    """
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    i, j = position
    out_shape = (image.shape[0] - kh + 1, image.shape[1] - kw + 1)
    if not (0 <= i < out_shape[0] and 0 <= j < out_shape[1]):
        raise ValueError(f"position {position} is outside the output of shape {out_shape}")
    if is_grading():
        return
    output = np.full(out_shape, np.nan)
    window = image[i : i + kh, j : j + kw]
    output[i, j] = np.sum(window * kernel)
    products = " + ".join(
        f"{a:g}·{b:g}" if b >= 0 else f"{a:g}·({b:g})" for a, b in zip(window.flat, kernel.flat)
    )

    # One cell size for the three grids (the kernel is as large as the window it covers, the
    # output smaller than the image by the kernel's size), the shorter grids hung from the top.
    rows = image.shape[0]
    cell = min(0.5, 2.8 / rows)
    columns = [image.shape[1], kw, out_shape[1]]
    room = 1.6  # cells beside the kernel for its colour bar
    fig, axes = plt.subplots(
        1,
        3,
        figsize=(cell * (sum(columns) + room) + 3.2, cell * rows + 1.6),
        gridspec_kw={"width_ratios": [columns[0], kw + room, columns[2]]},
        layout="constrained",
    )
    _number_grid(axes[0], image, "image: the window", "Greys", ((i, j), (kh, kw)))
    _number_grid(axes[1], kernel, "kernel", SIGNED_CMAP, colorbar=False)  # an inset, below
    shown = np.where(np.isnan(output), 0.0, np.abs(output[i, j]) or 1.0)
    _number_grid(axes[2], shown, f"output[{i}, {j}]", "Oranges", ((i, j), (1, 1)))
    for ax, grid in zip(axes, (image, kernel, shown)):
        height, width = grid.shape
        ax.set_xlim(-0.5, width - 0.5)
        ax.set_ylim(rows - 0.5, -0.5)
        ax.xaxis.tick_top()
        for spine in ax.spines.values():  # frame the grid itself, not the blank below it
            spine.set_visible(False)
        ax.add_patch(Rectangle((-0.5, -0.5), width, height, fill=False, lw=1, edgecolor="black"))
    # The kernel's colour bar runs beside its rows, outside its cells (an inset, which takes
    # no room from the grid, so that its cells keep the common size).
    bar = axes[1].inset_axes([1.0 + 0.25 / kw, 1.0 - kh / rows, 0.3 / kw, kh / rows])
    fig.colorbar(axes[1].images[0], cax=bar)
    bar.tick_params(labelsize=8)
    axes[2].texts[i * out_shape[1] + j].set_text(f"{output[i, j]:g}")
    for (row, col), value in np.ndenumerate(output):
        if np.isnan(value):
            axes[2].texts[row * out_shape[1] + col].set_text("?")
    fig.suptitle(f"output[{i}, {j}] = {products} = {output[i, j]:g}", fontsize=10)
    finish_figure(fig)
