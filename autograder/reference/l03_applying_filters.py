"""Lesson 3 references: a filter applied as valid cross-correlation (scipy.signal.correlate2d),
and im2col, the windows of an image as the columns of one matrix."""

from __future__ import annotations

import numpy as np
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder import validate


def apply_filter(image, kernel) -> np.ndarray:
    """Valid cross-correlation: out[i, j] = sum over (k, l) of image[i+k, j+l] * kernel[k, l]."""
    image, kernel = validate.image_and_kernel(image, kernel)
    return scipy.signal.correlate2d(image, kernel, mode="valid")


def im2col(image, kernel_shape) -> np.ndarray:
    """Every ``kh`` x ``kw`` window of ``image`` as a column: shape (kh * kw, out_h * out_w).

    Column ``p`` is the window at output position (p // out_w, p % out_w), positions taken
    row by row; each window is flattened row by row (C order), like ``window.ravel()``.
    """
    kh, kw = validate.int_pair(kernel_shape, "kernel_shape")
    image, _ = validate.image_and_kernel(image, np.zeros((kh, kw)))
    windows = sliding_window_view(image, (kh, kw))  # (out_h, out_w, kh, kw)
    return windows.reshape(-1, kh * kw).T.copy()


def apply_filter_matmul(image, kernel) -> np.ndarray:
    """The same valid cross-correlation as ``apply_filter`` (computed here by scipy)."""
    return apply_filter(image, kernel)
