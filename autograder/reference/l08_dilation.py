"""Lesson 8 references: dilated kernels and dilated (atrous) cross-correlation.

"Conv" here means cross-correlation, as in PyTorch and Dumoulin & Visin (arXiv:1603.07285).
A kernel dilated by ``d`` has its taps ``d`` apart: ``d - 1`` zeros between neighbouring taps
and none around the outside, so a side of ``k`` taps spans ``d * (k - 1) + 1`` pixels.
``dilation`` is an int, or a pair ``(dh, dw)`` for the rows and the columns.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal

from autograder import validate
from autograder.reference import arithmetic


def dilation_pair(dilation) -> tuple[int, int]:
    """Return ``dilation`` as ``(dh, dw)``, each an int >= 1, or raise a clear error."""
    if np.ndim(dilation) == 0 and not isinstance(dilation, numbers.Integral):
        # validate.int_pair would fail on tuple(1.5) with an unclear message.
        raise TypeError(f"dilation must be an int or a pair of ints, got {dilation!r}")
    return validate.int_pair(dilation, "dilation")


def dilated_extent(k: int, d: int) -> int:
    """Pixels spanned by ``k`` taps placed ``d`` apart: ``d * (k - 1) + 1``."""
    return arithmetic.dilated_span(k, d)


def output_shape(image_shape, kernel_shape, dilation) -> tuple[int, int]:
    """Valid output shape, ``(H - dh * (kh - 1), W - dw * (kw - 1))``.

    This is Dumoulin & Visin's ``o = i - (k - 1) * (d - 1) - k + 1`` (no padding, stride 1),
    computed here rather than borrowed from lesson 7.
    """
    dh, dw = dilation_pair(dilation)
    (height, width), (kh, kw) = image_shape, kernel_shape
    return height - dilated_extent(kh, dh) + 1, width - dilated_extent(kw, dw) + 1


def dilate_kernel(kernel, dilation) -> np.ndarray:
    """Insert ``dilation - 1`` zeros between neighbouring taps, in both axes.

    The result has shape ``(dh * (kh - 1) + 1, dw * (kw - 1) + 1)`` and
    ``result[m * dh, n * dw] == kernel[m, n]``; every other entry is 0.
    """
    kernel = validate.as_array(kernel, "kernel", 2)
    return arithmetic.dilate_kernel(kernel, dilation_pair(dilation))


def dilated_conv2d(image, kernel, dilation) -> np.ndarray:
    """Valid cross-correlation of ``image`` with ``kernel`` dilated by ``dilation``.

    ``out[i, j] = sum over (m, n) of image[i + dh * m, j + dw * n] * kernel[m, n]``.
    """
    image = validate.as_array(image, "image", 2)
    dilated = dilate_kernel(kernel, dilation)
    if dilated.shape[0] > image.shape[0] or dilated.shape[1] > image.shape[1]:
        kernel_shape = np.shape(kernel)
        raise ValueError(
            f"the kernel of shape {kernel_shape} dilated by {dilation!r} spans {dilated.shape}, "
            f"which is larger than the image of shape {image.shape}; "
            "a 'valid' output would be empty"
        )
    return scipy.signal.correlate2d(image, dilated, mode="valid")


def receptive_field(layers) -> int:
    """Input pixels per side that one output of a stack of conv layers depends on.

    ``layers`` lists ``(kernel_size, stride, dilation)`` for each layer, the layer that reads
    the input first. Found from the definition, not from the recurrence the lesson teaches:
    start from one output of the last layer and walk back through the layers, collecting
    every position a tap reaches (output ``i`` of a layer reads its input at
    ``i * stride + m * dilation``, ``m < kernel_size``); the field is the extent of what is
    collected in the input. With no layers an output is its own input pixel: 1.

    Raises
    ------
    TypeError
        If ``layers`` is not a list or tuple, or a value is not an integer.
    ValueError
        If a layer does not hold exactly three values, or a value is below 1.
    """
    if not isinstance(layers, (list, tuple)):
        raise TypeError(f"layers must be a list of (kernel_size, stride, dilation), got {layers!r}")
    checked = []
    for index, layer in enumerate(layers):
        if not isinstance(layer, (list, tuple)) or len(layer) != 3:
            raise ValueError(
                f"layer {index} must be (kernel_size, stride, dilation), got {layer!r}"
            )
        names = ("kernel_size", "stride", "dilation")
        checked.append(
            tuple(validate.positive_int(v, f"layer {index}'s {n}") for v, n in zip(layer, names))
        )
    reached = np.array([0])
    for kernel_size, stride, dilation in reversed(checked):
        reached = np.unique(np.add.outer(reached * stride, np.arange(kernel_size) * dilation))
    return int(reached.max() - reached.min() + 1)
