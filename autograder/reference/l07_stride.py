"""Lesson 7 references: convolution arithmetic and strided cross-correlation.

"Conv" here means cross-correlation, as in PyTorch and in Dumoulin & Visin, *A guide to
convolution arithmetic for deep learning* (arXiv:1603.07285).

``conv_output_size`` is the shared helper for every lesson that needs an output size
(lessons 8 and 15 import it): keep its signature
``conv_output_size(n, k, stride=1, padding=0, dilation=1)``.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal

from autograder import validate
from autograder.reference.arithmetic import dilated_span


def _non_negative_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be at least 0, got {value}")
    return int(value)


def conv_output_size(n, k, stride=1, padding=0, dilation=1) -> int:
    """Number of positions of a kernel along one axis (the arithmetic of Dumoulin & Visin).

    ``floor((n + 2 * padding - dilation * (k - 1) - 1) / stride) + 1``, for an input of
    size ``n`` padded with ``padding`` zeros on both sides and a kernel of size ``k`` whose
    taps are ``dilation`` apart (so it spans ``dilation * (k - 1) + 1`` pixels).

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If ``n``, ``k``, ``stride`` or ``dilation`` is below 1, ``padding`` is negative, or
        the (dilated) kernel is larger than the padded input.
    """
    n = validate.positive_int(n, "n")
    k = validate.positive_int(k, "k")
    stride = validate.positive_int(stride, "stride")
    padding = _non_negative_int(padding, "padding")
    dilation = validate.positive_int(dilation, "dilation")
    span = dilated_span(k, dilation)
    padded = n + 2 * padding
    if span > padded:
        raise ValueError(
            f"the kernel spans {span} pixels (k={k}, dilation={dilation}) but the padded "
            f"input has only {padded} (n={n}, padding={padding}); the output would be empty"
        )
    # Count the window starts 0, stride, 2 * stride, ... whose window ends inside the input
    # (a count, not the closed formula, so the two can be checked against each other).
    return len(range(0, padded - span + 1, stride))


def strided_conv2d(image, kernel, stride) -> np.ndarray:
    """Strided 'valid' cross-correlation: the stride-1 output, keeping every stride-th value.

    ``stride`` is an int or ``(sh, sw)``: ``sh`` steps down the rows, ``sw`` across the
    columns. ``output[i, j] = sum(image[i*sh : i*sh + kh, j*sw : j*sw + kw] * kernel)``; the
    output has shape ``(conv_output_size(H, kh, sh), conv_output_size(W, kw, sw))``.

    Raises
    ------
    ValueError
        If a stride is below 1, the image or kernel is not 2-D, or the kernel is larger
        than the image.
    """
    image, kernel = validate.image_and_kernel(image, kernel)
    if not isinstance(stride, numbers.Integral) and np.ndim(stride) != 1:
        raise TypeError(f"stride must be an int or a pair of ints, got {stride!r}")
    sh, sw = validate.int_pair(stride, "stride")
    return scipy.signal.correlate2d(image, kernel, mode="valid")[::sh, ::sw]


def transposed_conv_output_size(n, k, stride=1, padding=0, output_padding=0) -> int:
    """Output size of a transposed convolution along one axis (PyTorch's ``ConvTranspose``).

    Built from its definition rather than from the closed formula
    ``(n - 1) * stride - 2 * padding + k + output_padding`` (Dumoulin & Visin, section 4):
    input value ``i`` stamps the kernel onto output pixels ``i * stride + m``, ``m < k``;
    ``padding`` pixels are then cut from each end (the padding of the convolution it undoes)
    and ``output_padding`` pixels added at the end, to choose among the input sizes that the
    forward convolution's floor maps to the same ``n``.

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If ``n``, ``k`` or ``stride`` is below 1, ``padding`` or ``output_padding`` is
        negative, ``output_padding`` is not smaller than ``stride``, or the output would be
        empty.
    """
    n = validate.positive_int(n, "n")
    k = validate.positive_int(k, "k")
    stride = validate.positive_int(stride, "stride")
    padding = _non_negative_int(padding, "padding")
    output_padding = _non_negative_int(output_padding, "output_padding")
    if output_padding >= stride:
        raise ValueError(
            f"output_padding must be smaller than the stride, got {output_padding} "
            f"with stride {stride}"
        )
    stamped = np.add.outer(np.arange(n) * stride, np.arange(k))  # every pixel a stamp reaches
    size = int(stamped.max()) + 1 - 2 * padding + output_padding
    if size < 1:
        raise ValueError(
            f"padding {padding} cuts away the whole output of {int(stamped.max()) + 1} pixels"
        )
    return size
