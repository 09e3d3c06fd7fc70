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
# The true signal looks the same in every figure of a lesson, whatever else is drawn.
TRUTH_STYLE = {"color": "black", "linestyle": "--", "lw": 1.6}


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
    truth: str | None = None,
) -> None:
    """Plot curves against ``t``; the first one (the raw signal) as light dots.

    With ``ends=k`` two more panels zoom on the first and the last ``k`` samples, where
    smoothing with zero padding goes wrong. The curve labelled ``truth`` is drawn the same way
    in every figure (black, dashed: ``TRUTH_STYLE``), so the truth never changes colour between
    figures; the other curves take ``COLORS`` in order.
    """
    if truth is not None and truth not in curves:
        raise ValueError(f"truth {truth!r} is not one of the curves {list(curves)}")
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
        colors = iter(COLORS * len(curves))
        for index, (label, values) in enumerate(curves.items()):
            values = np.asarray(values, dtype=float)
            if label == truth:
                ax.plot(t[part], values[part], label=label, **TRUTH_STYLE)
            elif index == 0:
                ax.plot(t[part], values[part], ".", ms=2.5, color="0.55", label=label)
            else:
                ax.plot(t[part], values[part], color=next(colors), lw=2, label=label)
        ax.set_title(name if len(panels) > 1 else title)
        ax.set_xlabel(xlabel)
        ax.grid(alpha=0.3)
    axes.flat[0].set_ylabel(ylabel)
    axes.flat[0].legend(fontsize=8, loc="best")
    if len(panels) > 1:
        fig.suptitle(title)
    finish_figure(fig)


def frequency_response(kernel, n: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """Frequencies 0..0.5 (cycles per sample) and the gain of a symmetric kernel at each.

    The kernel's DFT, with the delay of its centre taken out (a factor e^{i pi f (M - 1)}), so
    that for a symmetric kernel the gain is a real number, negative where the kernel flips a
    wave's sign. Raises ValueError for a kernel that is not symmetric.
    """
    kernel = np.asarray(kernel, dtype=float)
    if kernel.ndim != 1 or kernel.size == 0 or not np.allclose(kernel, kernel[::-1]):
        raise ValueError("frequency_response needs a non-empty, symmetric 1-D kernel")
    frequencies = np.arange(n // 2 + 1) / n
    centre = (kernel.size - 1) / 2  # the kernel's centre, in samples: undo its delay
    spectrum = np.fft.rfft(kernel, n) * np.exp(2j * np.pi * frequencies * centre)
    return frequencies, spectrum.real


@skip_while_grading
def show_frequency_responses(
    kernels: Mapping[str, np.ndarray], title: str, marks: Mapping[str, float] | None = None
) -> None:
    """One panel: the gain of each (symmetric) kernel against the frequency, with a line at 0
    and dashed vertical lines at the ``marks`` (label: frequency in cycles per sample)."""
    responses = {label: frequency_response(kernel) for label, kernel in kernels.items()}
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    for (label, (frequencies, gain)), color in zip(responses.items(), COLORS):
        ax.plot(frequencies, gain, color=color, lw=2, label=label)
    ax.axhline(0, color="0.3", lw=0.8)
    for index, (label, frequency) in enumerate((marks or {}).items()):
        ax.axvline(frequency, color="0.45", linestyle="--", lw=1)
        ax.annotate(
            label,
            (frequency, 1.0 - 0.12 * index),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=8,
            va="top",
        )
    ax.set_xlim(0, 0.5)
    ax.set_xlabel("frequency (cycles per sample; 0.5 = the finest possible wave)")
    ax.set_ylabel("gain (negative: sign flipped)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    finish_figure(fig)
