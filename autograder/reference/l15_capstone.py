"""Lesson 15 reference: general 2-D cross-correlation with stride, zero padding and dilation.

Built from library calls only, in the order of Dumoulin & Visin (arXiv:1603.07285):
zero-pad the image (``np.pad``), spread the kernel's taps apart (dilation), take the valid
cross-correlation (``scipy.signal.correlate2d``), then keep every ``stride``-th output.
Each of ``stride``, ``padding`` and ``dilation`` is an int (both axes) or a pair
``(rows, columns)``. The arithmetic (span, output size, dilated kernel) is the course's one
copy in ``autograder.reference.arithmetic``.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal

from autograder import validate
from autograder.reference import arithmetic

# The smallest value each setting may take.
SETTINGS = {"stride": 1, "padding": 0, "dilation": 1}


def setting_pair(value, name: str) -> tuple[int, int]:
    """``stride``, ``padding`` or ``dilation`` as a pair of ints ``(rows, columns)``.

    ``TypeError`` when it is not an int or a sequence of ints; ``ValueError`` when a
    sequence does not hold exactly two values or a value is too small.
    """
    minimum = SETTINGS[name]
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
    if not isinstance(value, numbers.Integral):
        try:
            count = len(value)
        except TypeError:
            raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}") from None
        if count != 2:
            raise ValueError(
                f"{name} must be an int or a pair (rows, columns), got {count} values: {value!r}"
            )
    return validate.int_pair(value, name, minimum=minimum)


# Span of a dilated kernel, d (k - 1) + 1, and Dumoulin & Visin's output size
# floor((n + 2p - d (k - 1) - 1) / s) + 1 (may be < 1: empty).
effective_kernel_size = arithmetic.dilated_span
output_size = arithmetic.output_size


def conv2d_arguments(image, kernel, stride=1, padding=0, dilation=1):
    """Validate every argument of ``conv2d``; return them normalised, with the output shape."""
    image = validate.as_array(image, "image", 2)
    kernel = validate.as_array(kernel, "kernel", 2)
    stride = setting_pair(stride, "stride")
    padding = setting_pair(padding, "padding")
    dilation = setting_pair(dilation, "dilation")
    shape = tuple(
        output_size(n, k, s, p, d)
        for n, k, s, p, d in zip(image.shape, kernel.shape, stride, padding, dilation)
    )
    for axis, size in enumerate(shape):
        if size < 1:
            n, k = image.shape[axis], kernel.shape[axis]
            p, d = padding[axis], dilation[axis]
            raise ValueError(
                f"the output would be empty along axis {axis} ({('rows', 'columns')[axis]}): "
                f"the dilated kernel spans {effective_kernel_size(k, d)} but the padded image "
                f"has only {n + 2 * p} "
                f"(n + 2p - d(k - 1) - 1 = {n + 2 * p - effective_kernel_size(k, d)} < 0)"
            )
    return image, kernel, stride, padding, dilation, shape


# Insert d - 1 zeros between neighbouring taps in each axis; ``dilation`` is a pair.
dilate_kernel = arithmetic.dilate_kernel


def conv2d(image, kernel, stride=1, padding=0, dilation=1) -> np.ndarray:
    """Deep-learning "conv": out[i, j] = sum over m, n of P[i s + m d, j s + n d] K[m, n].

    ``P`` is the zero-padded image. Output shape per axis:
    ``floor((n + 2p - d (k - 1) - 1) / s) + 1``.
    """
    image, kernel, stride, padding, dilation, shape = conv2d_arguments(
        image, kernel, stride, padding, dilation
    )
    padded = np.pad(image, ((padding[0], padding[0]), (padding[1], padding[1])))
    full = scipy.signal.correlate2d(padded, dilate_kernel(kernel, dilation), mode="valid")
    result = full[:: stride[0], :: stride[1]]
    assert result.shape == shape, (result.shape, shape)  # the formula and the library agree
    return result
