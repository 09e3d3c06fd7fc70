"""Lesson 1 references: valid 2-D cross-correlation and convolution (scipy.signal)."""

from __future__ import annotations

import numpy as np
import scipy.signal

from autograder import validate


def correlate2d(image, kernel) -> np.ndarray:
    """Valid cross-correlation: out[i, j] = sum over (m, n) of image[i+m, j+n] * kernel[m, n]."""
    image, kernel = validate.image_and_kernel(image, kernel)
    return scipy.signal.correlate2d(image, kernel, mode="valid")


def convolve2d(image, kernel) -> np.ndarray:
    """Valid convolution: cross-correlation with the kernel flipped in both axes."""
    image, kernel = validate.image_and_kernel(image, kernel)
    return scipy.signal.convolve2d(image, kernel, mode="valid")
