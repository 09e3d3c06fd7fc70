"""Figures for 1-D signals (lesson 13): stem plots, np.convolve's modes, smoothing curves.

Same conventions as ``course.plots``: every panel has a title, colour-blind-safe colours,
and under the grader (``AUTOGRADER_GRADING=1``) figures are closed instead of shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from course.plots import finish_figure, skip_while_grading

# Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


@skip_while_grading
def show_stems(
    signals: Sequence, titles: Sequence[str], suptitle: str | None = None, size: float = 3.4
) -> None:
    """Show 1-D arrays side by side as stem plots (one panel each), indexed by sample."""
    if len(titles) != len(signals):
        raise ValueError(f"got {len(signals)} signals but {len(titles)} titles")
    fig, axes = plt.subplots(1, len(signals), figsize=(size * len(signals), 2.8), squeeze=False)
    for ax, values, title, color in zip(axes.flat, signals, titles, COLORS * len(signals)):
        values = np.asarray(values, dtype=float)
        if values.ndim != 1:
            raise ValueError(f"each signal must be 1-D, got shape {values.shape}")
        ax.stem(np.arange(values.size), values, linefmt=color, markerfmt="o", basefmt="k-")
        ax.set_title(title)
        ax.set_xlabel("sample index")
        ax.set_xticks(np.arange(values.size))
        ax.tick_params(labelsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    finish_figure(fig)


def mode_slices(n: int, m: int) -> dict[str, slice]:
    """Where np.convolve's three modes sit inside the 'full' output, for lengths n and m."""
    if n < 1 or m < 1:
        raise ValueError(f"lengths must be at least 1, got {n} and {m}")
    short, long = min(n, m), max(n, m)
    start = (short - 1) // 2
    return {
        "full": slice(0, n + m - 1),
        "same": slice(start, start + long),
        "valid": slice(short - 1, long),
    }


@skip_while_grading
def show_convolution_modes(signal, kernel) -> None:
    """Show np.convolve's 'full' output and the slices that 'same' and 'valid' keep."""
    signal = np.asarray(signal, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if signal.ndim != 1 or kernel.ndim != 1:
        raise ValueError("signal and kernel must be 1-D")
    full = np.convolve(signal, kernel, mode="full")
    slices = mode_slices(signal.size, kernel.size)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.45 * full.size + 2), 3.6))
    ax.stem(np.arange(full.size), full, linefmt=COLORS[0], markerfmt="o", basefmt="k-")
    low = min(full.min(), 0.0)
    height = max(full.max(), 0.0) - low or 1.0
    for row, (mode, color) in enumerate(
        (("full", COLORS[0]), ("same", COLORS[1]), ("valid", COLORS[2]))
    ):
        part = slices[mode]
        y = low - (0.18 + 0.14 * row) * height
        ax.plot([part.start - 0.35, part.stop - 0.65], [y, y], color=color, lw=6)
        ax.text(
            part.stop - 0.4,
            y,
            f" {mode}: indices {part.start}..{part.stop - 1} ({part.stop - part.start} samples)",
            va="center",
            fontsize=9,
            color=color,
        )
    ax.set_ylim(low - 0.62 * height, low + 1.12 * height)
    ax.set_xlim(-0.8, full.size + 5.5)
    ax.set_xticks(np.arange(full.size))
    ax.set_xlabel("index in the 'full' output")
    ax.set_title(
        f"np.convolve: signal of {signal.size} samples, kernel of {kernel.size}; "
        "'same' and 'valid' are slices of 'full'",
        fontsize=10,
    )
    finish_figure(fig)


@skip_while_grading
def show_signals(
    t,
    curves: Mapping[str, np.ndarray],
    title: str,
    ends: int | None = None,
    xlabel: str = "time",
    ylabel: str = "amplitude",
) -> None:
    """Plot curves against ``t``; the first one (the raw signal) as light dots.

    With ``ends=k`` two more panels zoom on the first and the last ``k`` samples, where
    smoothing with zero padding goes wrong.
    """
    t = np.asarray(t, dtype=float)
    for label, values in curves.items():
        if np.shape(values) != t.shape:
            raise ValueError(f"curve {label!r} has shape {np.shape(values)}, t has {t.shape}")
    if ends is not None and not 1 <= ends <= t.size:
        raise ValueError(f"ends must be between 1 and {t.size}, got {ends}")
    panels = [("whole signal", slice(None))]
    if ends is not None:
        panels += [
            (f"first {ends} samples", slice(0, ends)),
            (f"last {ends} samples", slice(-ends, None)),
        ]
    widths = [2.2] + [1] * (len(panels) - 1)
    fig, axes = plt.subplots(
        1,
        len(panels),
        figsize=(4.4 * sum(widths) ** 0.8 + 2, 3.8),
        squeeze=False,
        gridspec_kw={"width_ratios": widths},
    )
    for ax, (name, part) in zip(axes.flat, panels):
        for index, (label, values) in enumerate(curves.items()):
            values = np.asarray(values, dtype=float)
            if index == 0:
                ax.plot(t[part], values[part], ".", ms=2.5, color="0.55", label=label)
            else:
                color = COLORS[(index - 1) % len(COLORS)]
                ax.plot(t[part], values[part], color=color, lw=2, label=label)
        ax.set_title(name if len(panels) > 1 else title)
        ax.set_xlabel(xlabel)
        ax.grid(alpha=0.3)
    axes.flat[0].set_ylabel(ylabel)
    axes.flat[0].legend(fontsize=8, loc="best")
    if len(panels) > 1:
        fig.suptitle(title)
    finish_figure(fig)
