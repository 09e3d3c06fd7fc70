"""Input validation shared by the reference implementations.

Each function returns the input as a float array, or raises a ``TypeError``/``ValueError``
whose message says what was expected and what arrived, e.g.
``kernel must be 2-D, got shape (3,)``.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_array(value, name: str, ndim: int | tuple[int, ...]) -> np.ndarray:
    """Return ``value`` as a float64 array with the given number of dimensions.

    Raises
    ------
    TypeError
        If ``value`` is not numeric (strings, objects, booleans are refused).
    ValueError
        If it has the wrong number of dimensions, is empty, or holds NaN/inf.
    """
    try:
        array = np.asarray(value)
    except Exception as error:  # ragged lists and other oddities
        raise TypeError(f"{name} must be a numeric array, got {type(value).__name__}") from error
    if array.dtype == bool or not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{name} must be a numeric array, got dtype {array.dtype}")
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must be real, got dtype {array.dtype}")
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if array.ndim not in allowed:
        wanted = " or ".join(f"{n}-D" for n in allowed)
        raise ValueError(f"{name} must be {wanted}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers, found NaN or inf")
    return array


def image_and_kernel(image, kernel) -> tuple[np.ndarray, np.ndarray]:
    """Validate a 2-D image and a 2-D kernel that fits inside it (for 'valid' output)."""
    image = as_array(image, "image", 2)
    kernel = as_array(kernel, "kernel", 2)
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError(
            f"kernel of shape {kernel.shape} is larger than the image of shape {image.shape}; "
            "a 'valid' output would be empty"
        )
    return image, kernel


def positive_int(value, name: str) -> int:
    """Return ``value`` as an int >= 1, or raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def int_pair(value, name: str, minimum: int = 1) -> tuple[int, int]:
    """Return an int or a pair of ints as a pair, each at least ``minimum``."""
    if isinstance(value, numbers.Integral):
        pair = (value, value)
    elif isinstance(value, (tuple, list)):
        pair = tuple(value)
    else:
        raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
    if len(pair) != 2 or not all(
        isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in pair
    ):
        raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
    if any(v < minimum for v in pair):
        raise ValueError(f"{name} must be at least {minimum} in each axis, got {value!r}")
    return int(pair[0]), int(pair[1])
