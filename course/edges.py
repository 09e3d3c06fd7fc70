"""Figures for lesson 10: one gradient magnitude against another, pixel by pixel.

Follows ``course.plots``: every panel has a title, magnitudes (never negative) use a
sequential colour map with a colour bar, and nothing is drawn under the grader.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from autograder.settings import is_grading
from course.plots import draw_image, finish_figure


def show_scale_comparison(
    first,
    second,
    titles: tuple[str, str],
    slope: float,
    slope_label: str,
    cmap: str = "magma",
) -> None:
    """Two same-shaped maps side by side, then a scatter plot of ``first`` against ``second``.

    Only pixels where either map is non-zero are plotted; the dashed line is
    ``first = slope * second``, labelled ``slope_label``. If every point lies on it, the two
    maps differ by that factor and nothing else.
    """
    first = np.asarray(first, dtype=float)
    second = np.asarray(second, dtype=float)
    if first.ndim != 2 or first.shape != second.shape or first.size == 0:
        raise ValueError(
            f"the maps must be 2-D with the same shape, got {first.shape} and {second.shape}"
        )
    if len(titles) != 2:
        raise ValueError(f"give two titles, got {len(titles)}")
    if is_grading():
        return
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
    draw_image(axes[0], first, titles[0], cmap=cmap, colorbar=True)
    draw_image(axes[1], second, titles[1], cmap=cmap, colorbar=True)
    shown = (first > 1e-12) | (second > 1e-12)
    axes[2].plot(second[shown], first[shown], ".", markersize=2, alpha=0.3, label="pixels")
    line = np.array([0.0, float(second.max()) or 1.0])
    axes[2].plot(line, slope * line, "k--", linewidth=1, label=slope_label)
    axes[2].set(xlabel=titles[1], ylabel=titles[0], title="each pixel: one value against the other")
    axes[2].legend(loc="upper left")
    finish_figure(fig)
