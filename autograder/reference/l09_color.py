"""Lesson 9 references: per-channel cross-correlation of colour images, and safe uint8 output.

Colour images are channels-last, ``(H, W, 3)`` in R, G, B order (PIL, matplotlib,
scikit-image). Each channel is filtered on its own; the channels are never mixed.
"""

from __future__ import annotations

import numpy as np
import scipy.signal

from autograder import validate


def rgb_image(image, name: str = "image") -> np.ndarray:
    """Return a colour image ``(H, W, 3)`` as floats, or raise a ``ValueError`` saying why."""
    array = validate.as_array(image, name, (2, 3, 4))
    if array.ndim == 3 and array.shape[2] == 3:
        return array
    shape = array.shape
    if array.ndim == 2:
        hint = "this looks like a grey image; correlate it with a 2-D function instead"
    elif array.ndim == 3 and shape[0] == 3:
        hint = "this looks channels-first (3, H, W); move the channels last with np.moveaxis"
    elif array.ndim == 3 and shape[2] == 4:
        hint = "this looks like RGBA; drop the alpha channel with image[:, :, :3]"
    else:
        hint = "expected rows, columns and 3 colour channels"
    raise ValueError(f"{name} must have shape (H, W, 3), got shape {shape}: {hint}")


def correlate_color(image, kernel) -> np.ndarray:
    """Valid cross-correlation of each colour channel with the same 2-D kernel.

    ``out[i, j, c] = sum over (m, n) of image[i + m, j + n, c] * kernel[m, n]``, with shape
    ``(H - kh + 1, W - kw + 1, 3)``. A kernel of depth 1 never mixes the channels, so one
    call to ``scipy.signal.correlate`` does all three.
    """
    image = rgb_image(image)
    kernel = validate.as_array(kernel, "kernel", 2)
    validate.image_and_kernel(image[:, :, 0], kernel)  # the kernel must fit in each channel
    return scipy.signal.correlate(image, kernel[:, :, np.newaxis], mode="valid", method="direct")


def to_uint8(image) -> np.ndarray:
    """Clip to [0, 255], round to the nearest integer (``np.rint``), and cast to ``uint8``.

    The input is on the 0-255 scale, of any real dtype and any shape from 1-D to 3-D.
    """
    array = validate.as_array(image, "image", (1, 2, 3))
    return np.rint(np.clip(array, 0, 255)).astype(np.uint8)
