"""Lesson 5 references: a stack of feature maps, one valid cross-correlation per kernel."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.signal

from autograder import validate


def as_kernel_stack(kernels) -> np.ndarray:
    """Return ``kernels`` (a sequence of 2-D kernels, or an (n, kh, kw) array) as one array.

    Raises ``ValueError`` for no kernels or kernels of different shapes, ``TypeError`` for
    non-numeric ones, with a message saying which kernel is wrong.
    """
    if isinstance(kernels, np.ndarray) and kernels.ndim == 3:
        return validate.as_array(kernels, "kernels", 3)
    if not isinstance(kernels, (Sequence, np.ndarray)) or isinstance(kernels, (str, bytes)):
        raise TypeError(
            f"kernels must be a list of 2-D kernels or an array of shape (n, kh, kw), "
            f"got {type(kernels).__name__}"
        )
    if len(kernels) == 0:
        raise ValueError("kernels must hold at least one kernel, got none")
    stack = [validate.as_array(kernel, f"kernels[{k}]", 2) for k, kernel in enumerate(kernels)]
    for k, kernel in enumerate(stack[1:], start=1):
        if kernel.shape != stack[0].shape:
            raise ValueError(
                "all kernels must have the same shape, got "
                f"{stack[0].shape} (kernels[0]) and {kernel.shape} (kernels[{k}])"
            )
    return np.stack(stack)


def feature_maps(image, kernels) -> np.ndarray:
    """One valid cross-correlation per kernel, stacked: shape (n, H - kh + 1, W - kw + 1)."""
    stack = as_kernel_stack(kernels)
    image, _ = validate.image_and_kernel(image, stack[0])
    return np.stack([scipy.signal.correlate2d(image, kernel, mode="valid") for kernel in stack])
