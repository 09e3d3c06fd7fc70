"""Texture kernels for lesson 11: slide 11's three kernels and Laws' 5x5 masks.

K. I. Laws (1980) built texture masks as outer products of five short 1-D vectors, each a
tiny pattern: a **L**evel (weighted average), an **E**dge, a **S**pot, a **W**ave and a
**R**ipple. The mask ``"L5E5"`` is ``np.outer(L5, E5)``: L5 down the rows (it smooths
vertically) times E5 along the columns (it finds changes from left to right), so it responds
to vertical edges. Every vector except L5 sums to 0, so every mask except ``"L5L5"`` ignores
the overall brightness of a patch and sees only its texture.

The figure helpers (``show_wide_maps``, ``show_signatures``) follow ``course.plots``: titles
on every panel, ``RdBu_r`` centred on 0 for signed maps, and nothing drawn under the grader.
Nothing here changes global state; the arrays returned are fresh copies.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from autograder.settings import is_grading
from course.plots import SIGNED_CMAP, finish_figure

LAWS_VECTORS: dict[str, tuple[int, ...]] = {
    "L5": (1, 4, 6, 4, 1),  # level: a weighted local average
    "E5": (-1, -2, 0, 2, 1),  # edge: a smoothed first derivative
    "S5": (-1, 0, 2, 0, -1),  # spot: a smoothed second derivative
    "W5": (-1, 2, 0, -2, 1),  # wave
    "R5": (1, -4, 6, -4, 1),  # ripple: the highest frequency
}

# Slide 11's kernels, as written there.
SLIDE_KERNELS: dict[str, tuple[tuple[int, ...], ...]] = {
    "edge detect": ((-1, -1, -1), (-1, 8, -1), (-1, -1, -1)),
    "texture 1": ((1, -1, 1), (-1, 0, -1), (1, -1, 1)),
    "texture 2": ((-1, 2, -1), (2, -4, 2), (-1, 2, -1)),
}

# The masks of lesson 11's texture signature: zero-sum (brightness-blind) masks that tell
# scikit-image's brick, gravel and grass apart on 64x64 patches the lesson never shows.
SIGNATURE_MASKS: tuple[str, ...] = ("E5E5", "S5S5", "R5R5", "W5W5", "L5E5", "E5L5")


def laws_mask(name: str) -> np.ndarray:
    """Return Laws' 5x5 mask ``name`` (e.g. ``"L5E5"``) as ``np.outer(first, second)``."""
    if not isinstance(name, str) or len(name) != 4:
        raise ValueError(f"a Laws mask name is two vector names such as 'L5E5', got {name!r}")
    first, second = name[:2], name[2:]
    for part in (first, second):
        if part not in LAWS_VECTORS:
            known = ", ".join(LAWS_VECTORS)
            raise ValueError(f"unknown Laws vector {part!r} in {name!r}; the vectors are {known}")
    return np.outer(LAWS_VECTORS[first], LAWS_VECTORS[second]).astype(np.float64)


def laws_masks(names=None) -> dict[str, np.ndarray]:
    """Return ``{name: mask}`` for the given names, or all 25 masks (rows L5, E5, ... first)."""
    if names is None:
        names = [a + b for a in LAWS_VECTORS for b in LAWS_VECTORS]
    return {name: laws_mask(name) for name in names}


def slide_kernels() -> dict[str, np.ndarray]:
    """Return slide 11's three texture kernels as float arrays, keyed by their slide names."""
    return {name: np.array(rows, dtype=np.float64) for name, rows in SLIDE_KERNELS.items()}


# data/material_surface.jpg holds three 256x160 bands side by side, in this order: rows 0-255
# and columns 0-159 of scikit-image's brick, gravel and grass textures (data/make_data.py).
TEXTURE_NAMES: tuple[str, ...] = ("brick", "gravel", "grass")


def material_bands() -> dict[str, np.ndarray]:
    """Return the three bands of ``material_surface.jpg`` as ``{name: (256, 160) floats}``."""
    from course.data import load_image

    image = load_image("material_surface.jpg")
    width = image.shape[1] // len(TEXTURE_NAMES)
    return {
        name: image[:, index * width : (index + 1) * width].copy()
        for index, name in enumerate(TEXTURE_NAMES)
    }


# ---------------------------------------------------------------------- figures


def _colour_limits(values: np.ndarray, signed: bool, clip_percentile: float | None):
    """(vmin, vmax, extend) for one map; clipping is shown on the colour bar's ends."""
    magnitude = np.abs(values) if signed else values
    top = float(np.max(magnitude))
    extend = "neither"
    if clip_percentile is not None:
        clipped = float(np.percentile(magnitude, clip_percentile))
        if 0 < clipped < top:
            top, extend = clipped, ("both" if signed else "max")
    top = top or 1.0
    if signed:
        return -top, top, extend
    return min(0.0, float(np.min(values))), top, extend


def show_wide_maps(
    maps,
    titles,
    *,
    signed: bool | Sequence[bool] = False,
    clip_percentile: float | None = None,
    cmap: str = "viridis",
    ncols: int = 1,
    width: float = 9.0,
) -> None:
    """Show wide 2-D maps (such as the three texture bands side by side) in a grid.

    Each map gets its own colour bar. Signed maps (``signed``: one flag, or one per map) use
    ``RdBu_r`` centred on 0; others ``cmap``. With ``clip_percentile`` (e.g. 99) the colour
    scale ends at that percentile of the values (of their absolute values for signed maps),
    so that a few extreme pixels do not wash out the rest; the colour bar's pointed ends show
    that values were clipped. ``width`` is the figure's width in inches.
    """
    maps = [np.asarray(m, dtype=float) for m in maps]
    titles = list(titles)
    flags = list(signed) if isinstance(signed, (list, tuple)) else [bool(signed)] * len(maps)
    if len(titles) != len(maps) or len(flags) != len(maps):
        raise ValueError(f"got {len(maps)} maps, {len(titles)} titles, {len(flags)} signed flags")
    if not maps or any(m.ndim != 2 or m.size == 0 for m in maps):
        raise ValueError("maps must be a non-empty sequence of non-empty 2-D arrays")
    if clip_percentile is not None and not 0 < clip_percentile <= 100:
        raise ValueError(f"clip_percentile must be in (0, 100], got {clip_percentile}")
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a positive integer, got {ncols!r}")
    if is_grading():
        return
    ncols = min(ncols, len(maps))
    nrows = math.ceil(len(maps) / ncols)
    aspect = max(m.shape[0] / m.shape[1] for m in maps)
    panel_height = 0.9 * width / ncols * aspect + 0.45
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, panel_height * nrows), squeeze=False)
    for ax, values, title, flag in zip(axes.flat, maps, titles, flags):
        vmin, vmax, extend = _colour_limits(values, flag, clip_percentile)
        image = ax.imshow(values, cmap=SIGNED_CMAP if flag else cmap, vmin=vmin, vmax=vmax)
        fig.colorbar(image, ax=ax, fraction=0.025, pad=0.015, extend=extend)
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
    for ax in axes.flat[len(maps) :]:
        ax.axis("off")
    finish_figure(fig)


def show_signatures(
    signatures, mask_names, ylabel: str = "mean |response|", log_scale: bool = False
) -> None:
    """Bar chart of texture signatures: one group of bars per mask, one bar per texture.

    ``log_scale=True`` draws the bars on a logarithmic axis, where equal ratios look equal
    whatever the size of the values (lesson 11's feature scaling).
    """
    signatures = {name: np.asarray(values, dtype=float) for name, values in signatures.items()}
    mask_names = list(mask_names)
    if not signatures or any(v.shape != (len(mask_names),) for v in signatures.values()):
        raise ValueError(f"each signature must hold one value per mask ({len(mask_names)})")
    if log_scale and any((v <= 0).any() for v in signatures.values()):
        raise ValueError("a logarithmic axis needs signature values above 0")
    if is_grading():
        return
    fig, ax = plt.subplots(figsize=(9, 3.6))
    positions = np.arange(len(mask_names))
    width = 0.8 / len(signatures)
    colours = plt.get_cmap("viridis")(np.linspace(0.1, 0.85, len(signatures)))
    for index, ((name, values), colour) in enumerate(zip(signatures.items(), colours)):
        offset = (index - (len(signatures) - 1) / 2) * width
        ax.bar(positions + offset, values, width=width, label=name, color=colour)
    ax.set_xticks(positions, mask_names)
    title = "texture signatures: one bar per texture and mask"
    if log_scale:
        ax.set_yscale("log")
        title += " (logarithmic axis)"
    ax.set(ylabel=ylabel, title=title)
    ax.legend()
    finish_figure(fig)
