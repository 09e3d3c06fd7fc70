"""Lesson 2 references: the slide's kernels, box and Gaussian blurs, a kernel on a flat region.

Thin, validated wrappers over numpy/scipy: the Gaussian comes from
``scipy.signal.windows.gaussian`` (tests/test_l02_filters.py shows that it agrees with
``scipy.ndimage.gaussian_filter`` applied to an impulse), the flat-region response from
``scipy.signal.correlate2d`` on a constant image.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal

from autograder import validate

# Slide 2's kernels. Their sums decide what they do to a flat region: 0, 1 and 1.
EDGE_DETECT = np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], dtype=float)
SHARPEN = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float)
BLUR = np.full((3, 3), 1 / 9)


def odd_size(size) -> int:
    """Return ``size`` as an odd int >= 1, or raise a clear error (a kernel needs a centre)."""
    size = validate.positive_int(size, "size")
    if size % 2 == 0:
        raise ValueError(f"size must be odd so that the kernel has a centre pixel, got {size}")
    return size


def positive_sigma(sigma) -> float:
    """Return ``sigma`` as a float > 0, or raise a clear error."""
    if isinstance(sigma, bool) or not isinstance(sigma, numbers.Real):
        raise TypeError(f"sigma must be a number, got {type(sigma).__name__}")
    sigma = float(sigma)
    if not np.isfinite(sigma) or sigma <= 0:
        raise ValueError(f"sigma must be a positive number, got {sigma}")
    return sigma


def box_kernel(size) -> np.ndarray:
    """A ``size`` x ``size`` kernel of equal weights 1 / size**2 (they sum to 1)."""
    size = validate.positive_int(size, "size")
    return np.full((size, size), 1.0 / size**2)


def gaussian_kernel(size, sigma) -> np.ndarray:
    """An odd ``size`` x ``size`` Gaussian kernel that sums to 1.

    The outer product of the 1-D Gaussian sampled at -(size//2) .. size//2,
    exp(-x**2 / (2 * sigma**2)), normalised to sum 1.
    """
    size = odd_size(size)
    sigma = positive_sigma(sigma)
    samples = scipy.signal.windows.gaussian(size, std=sigma)
    samples = samples / samples.sum()
    return np.outer(samples, samples)


def flat_response(kernel, value) -> float:
    """The value of every output pixel when every pixel of the image equals ``value``."""
    kernel = validate.as_array(kernel, "kernel", 2)
    value = float(validate.as_array(value, "value", 0))
    flat = np.full(kernel.shape, value)
    return float(scipy.signal.correlate2d(flat, kernel, mode="valid")[0, 0])


def separable_filter(image, column, row) -> np.ndarray:
    """Valid cross-correlation of ``image`` with the kernel ``np.outer(column, row)``.

    Computed here with the 2-D kernel, independently of the two 1-D passes the lesson asks
    for: shape (H - len(column) + 1, W - len(row) + 1).
    """
    column = validate.as_array(column, "column", 1)
    row = validate.as_array(row, "row", 1)
    image, kernel = validate.image_and_kernel(image, np.outer(column, row))
    return scipy.signal.correlate2d(image, kernel, mode="valid")


def multiplication_counts(height, width, size) -> tuple[int, int]:
    """Multiplications of a valid ``size`` x ``size`` filter on a ``height`` x ``width`` image:
    (with the 2-D kernel, as two 1-D passes).

    The 2-D kernel costs size**2 products for each of the (H - k + 1)(W - k + 1) outputs.
    The first pass filters every row of the image with the 1-D row kernel: H (W - k + 1)
    values of k products each; the second filters every column of that with the column
    kernel: (H - k + 1)(W - k + 1) values of k products each.
    """
    height = validate.positive_int(height, "height")
    width = validate.positive_int(width, "width")
    size = validate.positive_int(size, "size")
    if size > min(height, width):
        raise ValueError(
            f"a kernel of size {size} does not fit in a {height}x{width} image; "
            "a 'valid' output would be empty"
        )
    out_h, out_w = height - size + 1, width - size + 1
    return out_h * out_w * size**2, height * out_w * size + out_h * out_w * size
