"""Lesson 10 references: grey conversion, Sobel gradient magnitude, edge mask.

Conventions (stated in the lesson and in the learners' docstrings):

- ``to_gray``: a 2-D image is returned as float64, values unchanged; RGB and RGBA use
  scikit-image's luminance weights (``skimage.color.rgb2gray``: 0.2125 R + 0.7154 G +
  0.0721 B) on the colour channels as given. The alpha channel is ignored (dropped), not
  blended: ``skimage.color.rgba2rgb`` would blend with a white background instead.
  Integer images are converted to float without rescaling (uint8 stays in 0..255).
- ``sobel_magnitude``: ``np.hypot`` of the two responses of
  ``scipy.signal.convolve2d(image, SOBEL_X / SOBEL_Y, mode='same', boundary='symm')``.
- ``edge_mask``: ``magnitude > threshold * magnitude.max()``, a boolean array, with
  ``0 <= threshold < 1``; a flat image (maximum 0) has no edge pixels.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal
import skimage.color

from autograder import validate

# Slide 10's kernels. SOBEL_X responds to changes from left to right, SOBEL_Y from top to
# bottom; SOBEL_Y is SOBEL_X transposed.
SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float64)
SOBEL_Y = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=np.float64)

# Luminance weights of skimage.color.rgb2gray (ITU-R BT.709 primaries).
RGB2GRAY_WEIGHTS = (0.2125, 0.7154, 0.0721)

SHAPE_RULE = "grey (H, W), RGB (H, W, 3) or RGBA (H, W, 4)"


def to_gray(image) -> np.ndarray:
    """Grey image as float64: 2-D as is, RGB/RGBA by rgb2gray on the colour channels."""
    shape = np.shape(image)
    if len(shape) not in (2, 3) or (len(shape) == 3 and shape[-1] not in (3, 4)):
        raise ValueError(f"image must be {SHAPE_RULE}, got shape {shape}")
    image = validate.as_array(image, "image", (2, 3))
    if image.ndim == 2:
        return image.copy()
    return skimage.color.rgb2gray(image[..., :3])


def _grey_2d(image) -> np.ndarray:
    shape = np.shape(image)
    if len(shape) == 3:
        raise ValueError(
            f"image must be 2-D (grey), got shape {shape}; convert a colour image with "
            "to_gray first"
        )
    return validate.as_array(image, "image", 2)


def sobel_components(image) -> tuple[np.ndarray, np.ndarray]:
    """The two Sobel responses (x: left to right, y: top to bottom), each of the image's shape."""
    image = _grey_2d(image)
    convolve = scipy.signal.convolve2d
    return (
        convolve(image, SOBEL_X, mode="same", boundary="symm"),
        convolve(image, SOBEL_Y, mode="same", boundary="symm"),
    )


def sobel_magnitude(image) -> np.ndarray:
    """Gradient magnitude: hypot of the two Sobel responses ('same' size, 'symm' border)."""
    return np.hypot(*sobel_components(image))


def check_threshold(threshold) -> float:
    """Return the relative threshold as a float in [0, 1), or raise a clear error."""
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        raise TypeError(f"threshold must be a number, got {type(threshold).__name__}")
    if not 0 <= threshold < 1:
        raise ValueError(
            f"threshold is a fraction of the largest magnitude, 0 <= threshold < 1, got {threshold}"
        )
    return float(threshold)


def edge_mask(magnitude, threshold) -> np.ndarray:
    """Boolean mask: True where magnitude > threshold * magnitude.max()."""
    magnitude = validate.as_array(magnitude, "magnitude", 2)
    if magnitude.min() < 0:
        raise ValueError(
            "magnitude must be non-negative (a gradient magnitude), "
            f"found a value of {magnitude.min():.3g}"
        )
    threshold = check_threshold(threshold)
    return magnitude > threshold * magnitude.max()
