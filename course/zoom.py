"""A magnifying glass for feature maps: crops drawn pixel by pixel (lesson 15).

A one-pixel detail of a 256×256 map, a false edge along the border for instance, is thinner
than a screen pixel when the whole map fills a 3-inch panel, and the axes frame is drawn right
on top of it. :func:`show_zoomed` draws the same crop of several maps large enough that each
pixel is a visible square, with no frame, a margin around the crop, and a dashed line where
the crop meets the edge of the image, so a border column sits in plain view.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from course.plots import SIGNED_CMAP, finish_figure, is_signed, skip_while_grading

MARGIN = 1.0  # empty space around the crop, in pixels of the crop


def crop(image, rows: tuple[int, int], cols: tuple[int, int]) -> np.ndarray:
    """``image[rows[0]:rows[1], cols[0]:cols[1]]``, refusing a crop outside the image."""
    image = np.asarray(image)
    (top, bottom), (left, right) = rows, cols
    if not (0 <= top < bottom <= image.shape[0] and 0 <= left < right <= image.shape[1]):
        raise ValueError(
            f"the crop rows {rows}, columns {cols} is not inside the {image.shape[:2]} image"
        )
    return image[top:bottom, left:right]


@skip_while_grading
def show_zoomed(
    images: Sequence,
    titles: Sequence[str],
    rows: tuple[int, int],
    cols: tuple[int, int],
    suptitle: str,
    pixel_inches: float = 0.14,
) -> None:
    """Draw the crop ``rows`` × ``cols`` of each image, each pixel ``pixel_inches`` wide.

    Signed maps get ``RdBu_r`` with limits symmetric about 0 (those of the crop), other maps
    ``gray``; each panel has its colour bar. Where the crop touches an edge of the image, a
    dashed line marks that edge.
    """
    if len(images) != len(titles):
        raise ValueError(f"got {len(images)} images but {len(titles)} titles")
    crops = [crop(image, rows, cols) for image in images]
    height, width = crops[0].shape[:2]
    panel_w = (width + 2 * MARGIN) * pixel_inches
    panel_h = (height + 2 * MARGIN) * pixel_inches
    fig, axes = plt.subplots(
        1, len(crops), figsize=(len(crops) * (panel_w + 1.3), panel_h + 0.9), squeeze=False
    )
    for ax, image, part, title in zip(axes.flat, images, crops, titles):
        if is_signed(part):
            limit = float(np.abs(part).max())
            shown = ax.imshow(part, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit)
        else:
            shown = ax.imshow(part, cmap="gray", vmin=0.0, vmax=max(float(part.max()), 1e-12))
        shown.set_interpolation("nearest")
        fig.colorbar(shown, ax=ax, fraction=0.06, pad=0.03)
        edges = {
            "left": cols[0] == 0,
            "right": cols[1] == np.shape(image)[1],
            "top": rows[0] == 0,
            "bottom": rows[1] == np.shape(image)[0],
        }
        for side, touches in edges.items():
            if not touches:
                continue
            if side in ("left", "right"):
                x = -0.5 if side == "left" else width - 0.5
                ax.axvline(x, color="0.35", linestyle="--", linewidth=1)
            else:
                y = -0.5 if side == "top" else height - 0.5
                ax.axhline(y, color="0.35", linestyle="--", linewidth=1)
        ax.set_xlim(-0.5 - MARGIN, width - 0.5 + MARGIN)
        ax.set_ylim(height - 0.5 + MARGIN, -0.5 - MARGIN)
        ax.set_frame_on(False)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=10)
    fig.suptitle(suptitle)
    finish_figure(fig)
