"""Lesson 6 references: padding an image (numpy.pad) and 'same' cross-correlation (scipy).

Both are thin, validated wrappers: ``pad_image`` calls ``numpy.pad`` and
``correlate2d_same`` calls ``scipy.signal.correlate2d(..., mode="same")``, so a learner's
padding or centring bug can never be shared by the reference.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal

from autograder import validate

MODES = ("constant", "edge", "reflect", "symmetric", "wrap")
BOUNDARIES = ("fill", "symm", "wrap")
# What each scipy boundary adds around the image, in numpy.pad's words.
BOUNDARY_TO_MODE = {"fill": "constant", "symm": "symmetric", "wrap": "wrap"}


def pad_widths(pad) -> tuple[tuple[int, int], tuple[int, int]]:
    """Return ``pad`` as ``((top, bottom), (left, right))``, every width an int >= 0.

    ``pad`` is one int (the same width on all four sides) or ``((top, bottom), (left, right))``.

    Raises
    ------
    TypeError
        If a width is not an integer (``1.5``, ``"2"``, ``True``).
    ValueError
        If a width is negative, or ``pad`` is not an int or a pair of pairs.
    """
    expected = f"pad must be an int or ((top, bottom), (left, right)), got {pad!r}"
    if isinstance(pad, numbers.Integral) and not isinstance(pad, bool):
        widths = ((pad, pad), (pad, pad))
    elif isinstance(pad, (str, bytes, bool, numbers.Number)):
        raise TypeError(expected)
    else:
        try:
            widths = tuple(tuple(pair) for pair in pad)
        except TypeError:
            raise ValueError(expected) from None
        if len(widths) != 2 or any(len(pair) != 2 for pair in widths):
            raise ValueError(expected)
        for width in (w for pair in widths for w in pair):
            if isinstance(width, bool) or not isinstance(width, numbers.Integral):
                raise TypeError(f"pad widths must be integers, got {pad!r}")
    for width in (w for pair in widths for w in pair):
        if width < 0:
            raise ValueError(f"pad widths must be at least 0, got {pad!r}")
    (top, bottom), (left, right) = widths
    return (int(top), int(bottom)), (int(left), int(right))


def choice(value, name: str, allowed: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise a ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        listed = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value


def real_number(value, name: str) -> float:
    """Return ``value`` as a finite float, or raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def pad_image(image, pad, mode: str = "constant", value=0) -> np.ndarray:
    """Pad a 2-D image on all four sides, exactly as ``numpy.pad`` does.

    Parameters
    ----------
    image : array_like, shape (H, W)
    pad : int or ((top, bottom), (left, right))
        Widths of the border, each >= 0. A width may exceed the image's side: the
        pattern then repeats, as in ``numpy.pad``.
    mode : {'constant', 'edge', 'reflect', 'symmetric', 'wrap'}
    value : float
        The border's value for ``mode='constant'``; ignored by the other modes.

    Returns
    -------
    numpy.ndarray of float, shape (H + top + bottom, W + left + right)
    """
    image = validate.as_array(image, "image", 2)
    widths = pad_widths(pad)
    mode = choice(mode, "mode", MODES)
    value = real_number(value, "value")
    if mode == "constant":
        return np.pad(image, widths, mode="constant", constant_values=value)
    return np.pad(image, widths, mode=mode)


def same_pad_widths(kernel_shape: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The border that ``scipy.signal.correlate2d(mode='same')`` adds for a kernel shape.

    ``(kh - 1) // 2`` rows on top and ``kh // 2`` at the bottom (likewise columns): for an
    even side the extra row or column goes at the bottom or right.
    """
    kh, kw = kernel_shape
    return ((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2)


def correlate2d_same(image, kernel, boundary: str = "fill", fillvalue=0) -> np.ndarray:
    """'same' cross-correlation: ``scipy.signal.correlate2d(..., mode='same')``.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kh, kw), any size
    boundary : {'fill', 'symm', 'wrap'}
        How the image is extended: by ``fillvalue``, by mirroring with the edge pixel
        repeated (numpy.pad's 'symmetric'), or by wrapping around.
    fillvalue : float
        The border's value for ``boundary='fill'``.

    Returns
    -------
    numpy.ndarray of float, shape (H, W)
    """
    image = validate.as_array(image, "image", 2)
    kernel = validate.as_array(kernel, "kernel", 2)
    boundary = choice(boundary, "boundary", BOUNDARIES)
    fillvalue = real_number(fillvalue, "fillvalue")
    return scipy.signal.correlate2d(
        image, kernel, mode="same", boundary=boundary, fillvalue=fillvalue
    )
