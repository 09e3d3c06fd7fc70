"""Diagrams for lessons 6 and 7: borders, 'same' centring, and where strided windows sit.

- :func:`padding_source_index`: which pixel of a row each padded position copies, per mode;
- :func:`show_padding_modes`: that index map drawn for a short row, one line per mode;
- :func:`show_true_size`: images drawn on one common pixel scale, so a smaller output looks
  smaller (``show_images`` stretches every panel to the same size);
- :func:`show_same_alignment`: where an even kernel sits for 'same' output, under
  scipy.signal.correlate2d's rule and under scipy.ndimage's;
- :func:`show_stride_positions`: the windows of a strided convolution along one axis,
  with the one that no longer fits;
- :func:`show_strided_subsample`: a strided output as every s-th value of the stride-1 one;
- :func:`transposed_stamps` and :func:`show_transposed_stamps`: a transposed convolution as
  stamps of the kernel, ``stride`` apart, their sum, and the padding cut from its ends.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

from course.plots import SIGNED_CMAP, finish_figure, skip_while_grading

MODES = ("constant", "edge", "reflect", "symmetric", "wrap")
PAD_RGB = (0.85, 0.85, 0.85)
ORANGE = "#e8710a"
BLUE = "#1f5fa8"


def padding_source_index(n: int, before: int, after: int, mode: str) -> np.ndarray:
    """For each position of a padded axis, the index of the original pixel it copies.

    Positions run from ``-before`` to ``n + after - 1``; 'constant' returns -1 where the
    new value is the constant. The rules repeat for borders wider than the axis, exactly
    as ``numpy.pad`` does.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if n < 1 or before < 0 or after < 0:
        raise ValueError(f"need n >= 1 and widths >= 0, got n={n}, {before}, {after}")
    i = np.arange(-before, n + after)
    if mode == "constant":
        return np.where((i >= 0) & (i < n), i, -1)
    if mode == "edge":
        return np.clip(i, 0, n - 1)
    if mode == "wrap":
        return i % n
    if mode == "symmetric":
        folded = i % (2 * n)
        return np.where(folded < n, folded, 2 * n - 1 - folded)
    if n == 1:  # 'reflect' on a single pixel can only repeat it
        return np.zeros_like(i)
    folded = i % (2 * n - 2)
    return np.where(folded < n, folded, 2 * n - 2 - folded)


@skip_while_grading
def show_padding_modes(labels: str = "abcd", pad: int = 6, constant: str = "0") -> None:
    """Draw a row of pixels ``labels`` padded by ``pad`` on both sides, in every mode.

    Each cell shows the letter of the pixel it copies; the original pixels are framed in
    black, the padding is shaded, and cells copying the same pixel share a colour.
    """
    n = len(labels)
    if n < 1 or pad < 0:
        raise ValueError(f"need at least one label and pad >= 0, got {labels!r}, {pad}")
    colours = plt.get_cmap("Set2")(np.arange(n) % 8)
    fig, axes = plt.subplots(len(MODES), 1, figsize=(0.42 * (n + 2 * pad) + 1.6, 4.6))
    for ax, mode in zip(axes, MODES):
        source = padding_source_index(n, pad, pad, mode)
        for x, s in enumerate(source):
            inside = pad <= x < pad + n
            face = colours[s] if s >= 0 else (0.9, 0.9, 0.9, 1)
            ax.add_patch(
                Rectangle(
                    (x, 0),
                    1,
                    1,
                    facecolor=face,
                    edgecolor="black" if inside else "white",
                    lw=1.8 if inside else 1,
                    alpha=1.0 if inside else 0.55,
                )
            )
            ax.text(
                x + 0.5,
                0.5,
                labels[s] if s >= 0 else constant,
                ha="center",
                va="center",
                fontsize=11,
                fontweight="bold" if inside else "normal",
            )
        ax.set_xlim(0, n + 2 * pad)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_ylabel(mode, rotation=0, ha="right", va="center", fontsize=11)
    axes[0].set_title(f"a row '{labels}' (framed) padded by {pad} on each side, in each mode")
    finish_figure(fig)


def _image_panel(ax, image, x0, y0, signed, cmap):
    height, width = image.shape
    extent = (x0 - 0.5, x0 + width - 0.5, y0 + height - 0.5, y0 - 0.5)
    if signed:
        limit = float(np.abs(image).max()) or 1.0
        return ax.imshow(image, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit, extent=extent)
    return ax.imshow(image, cmap=cmap, extent=extent, vmin=min(0.0, image.min()))


@skip_while_grading
def show_true_size(
    *images,
    titles: Sequence[str],
    outlines: Sequence | None = None,
    frame: tuple[int, int] | None = None,
    signed: bool | Sequence[bool] | None = None,
    cmap: str = "gray",
    colorbar: bool | None = None,
    size: float = 3.2,
) -> None:
    """Show 2-D arrays side by side at one common scale: one pixel is the same size in all.

    ``outlines`` gives, per image, ``None`` or a ``(top, left, height, width)`` box to draw
    (e.g. where the original image sits inside a padded one). ``frame`` draws a dashed
    ``(height, width)`` box, centred, in every panel (e.g. the input's size). Signed arrays
    (or ``signed=True``) get ``RdBu_r`` centred on 0 and a colour bar.
    """
    images = [np.asarray(image, dtype=float) for image in images]
    if len(titles) != len(images):
        raise ValueError(f"got {len(images)} images but {len(titles)} titles")
    if any(image.ndim != 2 for image in images):
        raise ValueError("show_true_size draws 2-D arrays only")
    outlines = list(outlines) if outlines is not None else [None] * len(images)
    flags = signed if isinstance(signed, (list, tuple)) else [signed] * len(images)
    if len(outlines) != len(images) or len(flags) != len(images):
        raise ValueError("give one outline and one signed flag per image")
    tallest = max([image.shape[0] for image in images] + ([frame[0]] if frame else []))
    widest = max([image.shape[1] for image in images] + ([frame[1]] if frame else []))
    signs = [
        bool(image.min() < 0 < image.max()) if flag is None else flag
        for image, flag in zip(images, flags)
    ]
    bars = [bool(colorbar or (colorbar is None and is_signed)) for is_signed in signs]
    fig, axes = plt.subplots(1, len(images), figsize=(size * len(images), size), squeeze=False)
    for ax, image, title, box, is_signed, bar in zip(
        axes.flat, images, titles, outlines, signs, bars
    ):
        x0, y0 = (widest - image.shape[1]) / 2, (tallest - image.shape[0]) / 2
        mappable = _image_panel(ax, image, x0, y0, is_signed, cmap)
        if box is not None:
            top, left, height, width = box
            ax.add_patch(
                Rectangle(
                    (x0 + left - 0.5, y0 + top - 0.5),
                    width,
                    height,
                    fill=False,
                    lw=2,
                    edgecolor=ORANGE,
                )
            )
        if frame is not None:
            ax.add_patch(
                Rectangle(
                    ((widest - frame[1]) / 2 - 0.5, (tallest - frame[0]) / 2 - 0.5),
                    frame[1],
                    frame[0],
                    fill=False,
                    lw=1.2,
                    ls="--",
                    edgecolor=BLUE,
                )
            )
        ax.set_xlim(-1, widest)
        ax.set_ylim(tallest, -1)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title)
        if any(bars):
            # A colour bar takes room from its panel: a panel without one gets an invisible
            # one, so that every panel keeps the same pixel size.
            bar_axes = fig.colorbar(mappable, ax=ax, fraction=0.046, pad=0.04).ax
            bar_axes.set_visible(bar)
    finish_figure(fig)


def _cells(ax, shape, colours, texts=None, fontsize=9):
    """A grid of coloured cells (one image, white grid lines) with optional text in each."""
    rows, cols = shape
    rgb = np.array([[to_rgb(colour) for colour in row] for row in colours])
    ax.imshow(rgb, extent=(0, cols, rows, 0), interpolation="nearest")
    for x in range(1, cols):
        ax.axvline(x, color="white", lw=1)
    for y in range(1, rows):
        ax.axhline(y, color="white", lw=1)
    if texts is not None:
        for r in range(rows):
            for c in range(cols):
                if texts[r][c]:
                    ax.text(
                        c + 0.5, r + 0.5, texts[r][c], ha="center", va="center", fontsize=fontsize
                    )
    ax.set_xlim(-0.15, cols + 0.15)
    ax.set_ylim(rows + 0.15, -0.15)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


@skip_while_grading
def show_same_alignment(
    kernel_shape: tuple[int, int] = (4, 4), image_shape: tuple[int, int] = (5, 6)
) -> None:
    """Where the kernel sits for output pixel (0, 0) of a 'same' cross-correlation.

    Left: scipy.signal.correlate2d, which pads ``(kh - 1) // 2`` rows above and ``kh // 2``
    below (columns likewise). Right: scipy.ndimage.correlate (and scipy.signal.correlate),
    which put the extra row and column on the other side. The star marks the kernel tap
    that lies on the output pixel.
    """
    kh, kw = kernel_shape
    height, width = image_shape
    if min(kh, kw, height, width) < 1:
        raise ValueError(f"shapes must be positive, got {kernel_shape} and {image_shape}")
    rules = {
        "scipy.signal.correlate2d": (((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2)),
        "scipy.ndimage.correlate": ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2)),
    }
    fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.6))
    for ax, (name, ((top, bottom), (left, right))) in zip(axes, rules.items()):
        rows, cols = height + top + bottom, width + left + right
        colours = [
            [
                (1, 1, 1) if top <= r < top + height and left <= c < left + width else PAD_RGB
                for c in range(cols)
            ]
            for r in range(rows)
        ]
        texts = [["" for _ in range(cols)] for _ in range(rows)]
        texts[top][left] = "★"
        _cells(ax, (rows, cols), colours, texts, fontsize=14)
        ax.add_patch(
            Rectangle((left, top), width, height, fill=False, lw=1.5, edgecolor="black", zorder=3)
        )
        for m in range(1, kh):  # the kernel's taps, as a dotted grid inside its window
            ax.plot([0, kw], [m, m], ls=":", color=ORANGE, lw=1.2, zorder=3)
        for n in range(1, kw):
            ax.plot([n, n], [0, kh], ls=":", color=ORANGE, lw=1.2, zorder=3)
        ax.add_patch(Rectangle((0, 0), kw, kh, fill=False, lw=3, edgecolor=ORANGE, zorder=4))
        ax.set_title(
            f"{name}: {top} row(s) above, {bottom} below,\n{left} column(s) left, {right} right; "
            f"★ under tap ({top}, {left})",
            fontsize=10,
        )
    fig.text(
        0.5,
        0.02,
        f"A {kh}×{kw} kernel (orange) computing output pixel (0, 0) ★ of a {height}×{width} "
        "image (black frame); grey cells are padding",
        ha="center",
        fontsize=10,
    )
    finish_figure(fig, rect=(0, 0.06, 1, 1))


@skip_while_grading
def show_stride_positions(n: int, k: int, stride: int, padding: int = 0) -> None:
    """The windows of a size-``k`` kernel along an axis of ``n`` pixels, every ``stride``.

    Padding cells are grey. Each window is a bar below the axis; the first window that
    would stick out past the end is dashed red: it is not computed, which is why the
    output size rounds DOWN.
    """
    if min(n, k, stride) < 1 or padding < 0:
        raise ValueError(
            f"need n, k, stride >= 1 and padding >= 0, got {n}, {k}, {stride}, {padding}"
        )
    total = n + 2 * padding
    if k > total:
        raise ValueError(f"a kernel of {k} does not fit in {total} pixels")
    starts = list(range(0, total - k + 1, stride))
    overflow = starts[-1] + stride
    rows = len(starts) + 1
    fig, ax = plt.subplots(figsize=(0.45 * max(total, overflow + k) + 1.5, 0.42 * rows + 1.4))
    for x in range(total):
        inside = padding <= x < padding + n
        ax.add_patch(
            Rectangle((x, 0), 1, 1, facecolor="white" if inside else PAD_RGB, edgecolor="black")
        )
        ax.text(x + 0.5, 0.5, str(x - padding), ha="center", va="center", fontsize=8)
    for row, start in enumerate(starts, start=1):
        ax.add_patch(
            Rectangle((start, row + 0.15), k, 0.7, facecolor=BLUE, alpha=0.75, edgecolor=BLUE)
        )
        ax.text(start - 0.2, row + 0.5, f"out[{row - 1}]", ha="right", va="center", fontsize=8)
    ax.add_patch(
        Rectangle((overflow, rows + 0.15), k, 0.7, fill=False, ls="--", lw=1.5, edgecolor="#c0392b")
    )
    ax.text(
        overflow - 0.2,
        rows + 0.5,
        "does not fit",
        ha="right",
        va="center",
        fontsize=8,
        color="#c0392b",
    )
    ax.set_xlim(-3, max(total, overflow + k) + 0.5)
    ax.set_ylim(rows + 1.1, -0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    steps = (total - k) // stride
    ax.set_title(
        f"n={n}, k={k}, stride={stride}, padding={padding}: "
        f"({n} + 2·{padding} − {k}) // {stride} + 1 = {steps} + 1 = {len(starts)} outputs",
        fontsize=10,
    )
    finish_figure(fig)


@skip_while_grading
def show_strided_subsample(full: np.ndarray, stride: tuple[int, int]) -> None:
    """A stride-1 output with the values a strided output keeps framed, and the result.

    ``full`` is the stride-1 ('valid') output; ``stride`` is ``(sh, sw)``. The kept values
    are ``full[::sh, ::sw]``: the first window at (0, 0), then every stride.
    """
    full = np.asarray(full, dtype=float)
    sh, sw = stride
    if full.ndim != 2 or sh < 1 or sw < 1:
        raise ValueError(f"need a 2-D array and strides >= 1, got {full.shape} and {stride}")
    kept = full[::sh, ::sw]

    def text(value):
        return f"{value:g}" if value == round(value) else f"{value:.1f}"

    fig, axes = plt.subplots(
        1, 2, figsize=(9, 3.6), gridspec_kw={"width_ratios": [full.shape[1], kept.shape[1] + 1]}
    )
    colours = [
        [
            ("#fde0c5" if r % sh == 0 and c % sw == 0 else (0.96, 0.96, 0.96))
            for c in range(full.shape[1])
        ]
        for r in range(full.shape[0])
    ]
    _cells(axes[0], full.shape, colours, [[text(v) for v in row] for row in full])
    for r in range(0, full.shape[0], sh):
        for c in range(0, full.shape[1], sw):
            axes[0].add_patch(Rectangle((c, r), 1, 1, fill=False, lw=2, edgecolor=ORANGE, zorder=3))
    axes[0].set_title(f"stride 1: {full.shape[0]}×{full.shape[1]} outputs", fontsize=10)
    _cells(
        axes[1],
        kept.shape,
        [["#fde0c5"] * kept.shape[1] for _ in range(kept.shape[0])],
        [[text(v) for v in row] for row in kept],
    )
    axes[1].set_title(f"stride ({sh}, {sw}): {kept.shape[0]}×{kept.shape[1]}", fontsize=10)
    finish_figure(fig)


def transposed_stamps(values, kernel, stride: int, padding: int = 0) -> np.ndarray:
    """The stamps of a 1-D transposed convolution and their sum, before the padding is cut.

    Row ``i`` holds ``values[i] * kernel`` at columns ``i * stride ... i * stride + k - 1`` (NaN
    elsewhere); the last row is the sum of the stamps, ``(n - 1) * stride + k`` long.
    """
    values = np.asarray(values, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if values.ndim != 1 or kernel.ndim != 1 or values.size == 0 or kernel.size == 0:
        raise ValueError("values and kernel must be non-empty 1-D arrays")
    if stride < 1 or padding < 0:
        raise ValueError(f"need stride >= 1 and padding >= 0, got {stride} and {padding}")
    n, k = len(values), len(kernel)
    starts = np.arange(n) * stride  # stamp i starts at i * stride
    full = int(starts[-1]) + k
    if full - 2 * padding < 1:
        raise ValueError(f"padding {padding} cuts away all {full} pixels")
    rows = np.full((n + 1, full), np.nan)
    for i, (start, value) in enumerate(zip(starts, values)):
        rows[i, start : start + k] = value * kernel
    rows[n] = np.nansum(rows[:n], axis=0)
    return rows


@skip_while_grading
def show_transposed_stamps(values, kernel, stride: int, padding: int = 0) -> None:
    """Draw a 1-D transposed convolution: one row per input's stamp, then their sum, with
    the ``padding`` pixels cut from each end of the sum greyed out."""
    rows = transposed_stamps(values, kernel, stride, padding)
    n, full = rows.shape[0] - 1, rows.shape[1]
    limit = float(np.nanmax(np.abs(rows))) or 1.0
    signed = bool(np.nanmin(rows) < 0)
    fig, ax = plt.subplots(figsize=(0.62 * full + 2.6, 0.55 * (n + 1) + 1.5))
    ax.imshow(
        np.ma.masked_invalid(rows),
        cmap=SIGNED_CMAP if signed else "Oranges",
        vmin=-limit if signed else 0.0,
        vmax=limit,
        alpha=0.55,
    )
    for (row, col), value in np.ndenumerate(rows):
        if not np.isnan(value):
            ax.text(col, row, f"{value:g}", ha="center", va="center", fontsize=10)
    ax.axhline(n - 0.5, color="black", lw=1.5)
    for side in (range(padding), range(full - padding, full)):
        for col in side:
            ax.add_patch(
                Rectangle((col - 0.5, n - 0.5), 1, 1, facecolor="0.75", edgecolor="0.4", hatch="//")
            )
    ax.add_patch(
        Rectangle(
            (padding - 0.5, n - 0.5), full - 2 * padding, 1, fill=False, lw=3, edgecolor=ORANGE
        )
    )
    values = np.asarray(values, dtype=float)
    ax.set_yticks(
        range(n + 1), [f"stamp of input {i} ({v:g})" for i, v in enumerate(values)] + ["sum"]
    )
    ax.set_xticks(range(full))
    ax.set_xlabel("output pixel (before the padding is cut)")
    k = len(np.asarray(kernel))
    ax.set_title(
        f"{n} inputs, k = {k}, stride {stride}: (n - 1)·s + k = {full} pixels;\n"
        f"padding {padding} cut from each end leaves {full - 2 * padding} (orange)",
        fontsize=10,
    )
    finish_figure(fig)
