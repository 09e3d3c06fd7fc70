"""Figures for the lessons: before/after panels, kernels with their numbers, map grids.

Conventions (DESIGN.md): every panel has a title; signed maps use a diverging colormap
centred on 0 (``RdBu_r``) with a colour bar; other maps use ``gray`` or ``viridis``; never
``jet``. Each ``show_*`` function draws one figure and shows it, and returns nothing.

Under the grader (``AUTOGRADER_GRADING=1``) a ``show_*`` function checks its arguments and
returns without drawing: a picture cannot change a grade, and drawing was most of a lesson's
grading time.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

from autograder.settings import is_grading

SIGNED_CMAP = "RdBu_r"
# The label (``Axes.set_label``) of every axes that shows a kernel's weights, so that a test
# can find kernel panels and require their colour bar (tests/figure_audit.py).
KERNEL_LABEL = "kernel"


def finish_figure(fig, rect=None) -> None:
    """Lay the figure out and show it (close it instead under the grader).

    ``rect`` leaves room, in figure coordinates (left, bottom, right, top), for a caption.
    """
    if fig.get_layout_engine() is None:  # a figure made with its own layout keeps it
        fig.tight_layout(rect=rect)
    if is_grading():
        plt.close(fig)
    else:
        plt.show()


def skip_while_grading(draw: Callable) -> Callable:
    """Decorate a helper that only draws: under the grader it returns at once."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        if is_grading():
            return None
        return draw(*args, **kwargs)

    return wrapper


def is_signed(image: np.ndarray) -> bool:
    """True when an array holds both negative and positive values (a signed feature map)."""
    image = np.asarray(image)
    return image.ndim == 2 and bool(image.min() < 0 < image.max())


def draw_image(
    ax,
    image,
    title: str,
    cmap: str | None = None,
    colorbar: bool | None = None,
    signed: bool | None = None,
):
    """Draw one panel: colour images as they are, signed maps with a centred diverging map.

    ``signed=None`` decides from the values; ``True`` forces the diverging map (useful for a
    response that happens to be one-signed in this image).
    """
    image = np.asarray(image)
    signed = is_signed(image) if signed is None else signed
    if image.ndim == 3:
        ax.imshow(np.clip(image, 0, 1) if image.dtype.kind == "f" else image)
        mappable = None
    elif cmap is None and signed:
        limit = float(np.abs(image).max())
        mappable = ax.imshow(image, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit)
    else:
        mappable = ax.imshow(image, cmap=cmap or "gray")
    if colorbar is None:
        colorbar = mappable is not None and (cmap is not None or signed)
    if colorbar and mappable is not None:
        ax.figure.colorbar(mappable, ax=ax, fraction=0.046, pad=0.04)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])


def show_images(
    *images,
    titles: Sequence[str],
    cmap: str | Sequence[str | None] | None = None,
    colorbar: bool | None = None,
    ncols: int | None = None,
    size: float = 3.2,
    suptitle: str | None = None,
    signed: bool | Sequence[bool] | None = None,
) -> None:
    """Show images side by side, each with its title (after scikit-image's ``imshow_all``).

    Signed 2-D arrays get ``RdBu_r`` centred on 0 and a colour bar; others ``gray`` unless
    ``cmap`` is given (one colour map, or one per image, ``None`` for the default);
    ``colorbar`` forces the colour bars on or off; ``signed`` (one flag, or one per image)
    forces the diverging map on or off.
    """
    if len(titles) != len(images):
        raise ValueError(f"got {len(images)} images but {len(titles)} titles")
    flags = signed if isinstance(signed, (list, tuple)) else [signed] * len(images)
    if len(flags) != len(images):
        raise ValueError(f"got {len(images)} images but {len(flags)} signed flags")
    cmaps = cmap if isinstance(cmap, (list, tuple)) else [cmap] * len(images)
    if len(cmaps) != len(images):
        raise ValueError(f"got {len(images)} images but {len(cmaps)} colour maps")
    if is_grading():
        return
    ncols = ncols or len(images)
    nrows = math.ceil(len(images) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for ax, image, title, flag, name in zip(axes.flat, images, titles, flags, cmaps):
        draw_image(ax, image, title, cmap=name, colorbar=colorbar, signed=flag)
    for ax in axes.flat[len(images) :]:
        ax.axis("off")
    if suptitle:
        fig.suptitle(suptitle)
    finish_figure(fig)


# Kernels with more weights per side than this are drawn without their numbers (too small).
MAX_KERNEL_SIDE_WITH_NUMBERS = 7


def show_kernels(
    kernels: Sequence,
    titles: Sequence[str],
    size: float = 2.6,
    shared_scale: bool = False,
) -> None:
    """Show kernels as coloured grids, each with a colour bar and (up to 7×7) its weights.

    Weights are drawn with the diverging ``RdBu_r`` centred on 0: red positive, blue
    negative, white 0. Each panel gets its own colour bar and limits ±(its largest weight),
    or, with ``shared_scale=True``, all panels share the limits ±(the largest weight of any)
    and one colour bar, so that their weights can be compared by colour.
    """
    if len(titles) != len(kernels):
        raise ValueError(f"got {len(kernels)} kernels but {len(titles)} titles")
    kernels = [np.asarray(kernel, dtype=float) for kernel in kernels]
    if any(kernel.ndim != 2 for kernel in kernels):
        raise ValueError("show_kernels draws 2-D kernels only")
    if is_grading():
        return
    fig, axes = plt.subplots(
        1,
        len(kernels),
        figsize=(size * len(kernels) + 0.6, size),
        squeeze=False,
        layout="constrained",
    )
    shared = max(float(np.abs(kernel).max()) for kernel in kernels) or 1.0
    for ax, kernel, title in zip(axes.flat, kernels, titles):
        limit = shared if shared_scale else float(np.abs(kernel).max()) or 1.0
        mappable = ax.imshow(kernel, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit)
        if max(kernel.shape) <= MAX_KERNEL_SIDE_WITH_NUMBERS:
            for (row, col), weight in np.ndenumerate(kernel):
                text = f"{weight:.2g}" if weight != round(weight) else f"{int(weight)}"
                dark = abs(weight) > 0.6 * limit
                ax.text(
                    col, row, text, ha="center", va="center", color="white" if dark else "black"
                )
        ax.set_label(KERNEL_LABEL)  # how the figure audit finds kernel panels
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
        if not shared_scale:
            fig.colorbar(mappable, ax=ax, fraction=0.046, pad=0.04)
    if shared_scale:
        fig.colorbar(mappable, ax=axes.ravel().tolist(), fraction=0.046, pad=0.04)
    finish_figure(fig)


def show_feature_maps(
    maps,
    titles: Sequence[str] | None = None,
    ncols: int = 4,
    size: float = 2.6,
    suptitle: str | None = None,
    shared_scale: bool = False,
) -> None:
    """Show a stack of feature maps, shape (n, H, W), as a grid with one colour bar each.

    ``shared_scale=True`` puts every map on one colour scale with a single colour bar, which
    compares the maps' strengths directly (and draws much faster for large grids).
    """
    maps = np.asarray(maps)
    if maps.ndim != 3:
        raise ValueError(f"feature maps must have shape (n, H, W), got {maps.shape}")
    titles = list(titles) if titles is not None else [f"map {i}" for i in range(len(maps))]
    if len(titles) != len(maps):
        raise ValueError(f"got {len(maps)} maps but {len(titles)} titles")
    if is_grading():
        return
    ncols = min(ncols, len(maps))
    nrows = math.ceil(len(maps) / ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(size * ncols, size * nrows),
        squeeze=False,
        layout="constrained" if shared_scale else None,
    )
    if shared_scale:
        signed = bool(maps.min() < 0 < maps.max())
        limit = float(np.abs(maps).max()) or 1.0
        cmap, vmin = (SIGNED_CMAP, -limit) if signed else ("viridis", float(maps.min()))
        for ax, feature_map, title in zip(axes.flat, maps, titles):
            mappable = ax.imshow(feature_map, cmap=cmap, vmin=vmin, vmax=limit)
            ax.set_title(title)
            ax.set_xticks([])
            ax.set_yticks([])
    else:
        for ax, feature_map, title in zip(axes.flat, maps, titles):
            draw_image(ax, feature_map, title, cmap=None if is_signed(feature_map) else "viridis")
    for ax in axes.flat[len(maps) :]:
        ax.axis("off")
    if shared_scale:
        fig.colorbar(mappable, ax=axes.ravel().tolist(), fraction=0.02, pad=0.02)
    if suptitle:
        fig.suptitle(suptitle)
    finish_figure(fig)
