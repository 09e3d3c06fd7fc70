"""The one copy of the convolution arithmetic the course needs in several places.

Dumoulin & Visin, *A guide to convolution arithmetic for deep learning* (arXiv:1603.07285):
``k`` taps placed ``d`` apart span ``d (k - 1) + 1`` pixels, and a kernel sliding with stride
``s`` over ``n`` pixels padded by ``p`` on each side has
``floor((n + 2p - d (k - 1) - 1) / s) + 1`` positions. A dilated kernel holds the weights
``d`` apart with zeros between them.

Lessons 7, 8 and 15 (references), the explorers and the figures of ``course`` import these;
no other module writes the formulas out again (``tests/test_arithmetic.py`` looks for copies).
These functions do no validation: their callers check their arguments first.
"""

from __future__ import annotations

import numpy as np


def dilated_span(k: int, dilation: int) -> int:
    """Pixels spanned by ``k`` taps placed ``dilation`` apart: ``d (k - 1) + 1``."""
    return dilation * (k - 1) + 1


def output_size(n: int, k: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """``floor((n + 2p - d (k - 1) - 1) / s) + 1`` positions (below 1 when none fits)."""
    return (n + 2 * padding - dilated_span(k, dilation)) // stride + 1


def dilate_kernel(kernel, dilation: tuple[int, int]) -> np.ndarray:
    """The 2-D ``kernel`` with ``dh - 1`` zero rows and ``dw - 1`` zero columns between its
    taps, ``dilation = (dh, dw)``: ``result[m * dh, n * dw] == kernel[m, n]``."""
    kernel = np.asarray(kernel, dtype=float)
    dh, dw = dilation
    kh, kw = kernel.shape
    dilated = np.zeros((dilated_span(kh, dh), dilated_span(kw, dw)))
    dilated[::dh, ::dw] = kernel
    return dilated
