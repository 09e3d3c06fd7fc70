"""Lesson 13 references: 1-D convolution and moving averages (numpy).

``convolve1d`` is ``np.convolve`` itself, with its exact conventions: when the kernel is
longer than the signal, np.convolve swaps the two, so 'same' has the length of the LONGER
input and 'valid' has max(N, M) - min(N, M) + 1 samples.
"""

from __future__ import annotations

import numpy as np

from autograder import validate

MODES = ("full", "same", "valid")


def check_mode(mode) -> str:
    """Return ``mode`` if it is one of 'full', 'same', 'valid', else raise ValueError."""
    if not isinstance(mode, str) or mode not in MODES:
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    return mode


def convolve1d(signal, kernel, mode="full") -> np.ndarray:
    """1-D convolution, exactly ``np.convolve(signal, kernel, mode)``.

    full: N + M - 1 samples; same: max(N, M) samples, the centre of 'full' starting at
    index (min(N, M) - 1) // 2; valid: max(N, M) - min(N, M) + 1 samples.
    """
    signal = validate.as_array(signal, "signal", 1)
    kernel = validate.as_array(kernel, "kernel", 1)
    return np.convolve(signal, kernel, mode=check_mode(mode))


def signal_and_window(signal, window) -> tuple[np.ndarray, int]:
    """Validate a 1-D signal and a window length between 1 and len(signal)."""
    signal = validate.as_array(signal, "signal", 1)
    window = validate.positive_int(window, "window")
    if window > signal.size:
        raise ValueError(f"window ({window}) is longer than the signal ({signal.size} samples)")
    return signal, window


def moving_average(signal, window) -> np.ndarray:
    """Slide 13's smoothing: ``np.convolve(signal, np.ones(window) / window, mode='same')``.

    Output i averages signal[i - window // 2 : i + (window - 1) // 2 + 1]; samples outside
    the signal count as zeros, so the ends are biased toward 0.
    """
    signal, window = signal_and_window(signal, window)
    return np.convolve(signal, np.ones(window) / window, mode="same")


def moving_average_unbiased(signal, window) -> np.ndarray:
    """The same windows as :func:`moving_average`, averaged over the samples that exist.

    Normalised convolution: the 'same'-mode sums divided by the number of real samples in
    each window (np.convolve of a signal of ones), so no zeros are averaged in.
    """
    signal, window = signal_and_window(signal, window)
    box = np.ones(window)
    sums = np.convolve(signal, box, mode="same")
    counts = np.convolve(np.ones(signal.size), box, mode="same")
    return sums / counts


def fft_convolve(signal, kernel) -> np.ndarray:
    """The full linear convolution, ``np.convolve(signal, kernel, 'full')`` (N + M - 1
    samples), which the convolution theorem computes as
    ``irfft(rfft(signal, L) * rfft(kernel, L), L)`` with ``L = N + M - 1``."""
    signal = validate.as_array(signal, "signal", 1)
    kernel = validate.as_array(kernel, "kernel", 1)
    return np.convolve(signal, kernel, mode="full")


def circular_convolve(signal, kernel, length: int) -> np.ndarray:
    """Circular convolution of period ``length``: out[n] = sum_k x[(n - k) mod L] h[k], both
    zero-padded (or cut) to ``length`` samples; what a DFT product computes without padding."""
    signal = np.asarray(signal, dtype=float)[:length]
    kernel = np.asarray(kernel, dtype=float)[:length]
    out = np.zeros(length)
    for k, tap in enumerate(kernel):
        out += tap * np.roll(np.pad(signal, (0, length - signal.size)), k)
    return out
