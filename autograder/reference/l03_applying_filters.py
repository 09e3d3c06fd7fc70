"""Lesson 3 reference: a filter applied as valid cross-correlation (scipy.signal.correlate2d)."""

from __future__ import annotations

import numpy as np
import scipy.signal

from autograder import validate


def apply_filter(image, kernel) -> np.ndarray:
    """Valid cross-correlation: out[i, j] = sum over (k, l) of image[i+k, j+l] * kernel[k, l]."""
    image, kernel = validate.image_and_kernel(image, kernel)
    return scipy.signal.correlate2d(image, kernel, mode="valid")
