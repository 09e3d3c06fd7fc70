"""Lesson 11 references: Laws' texture energy, texture signatures, nearest-signature classifier.

Conventions (stated in the lesson and in the learners' docstrings):

- ``texture_energy``: the filter response is *convolution*, as on slide 11,
  ``scipy.signal.convolve2d(image, kernel, mode='same', boundary='symm')``; the energy is
  ``scipy.ndimage.uniform_filter(abs(response), size=window, mode='reflect')``, the mean of
  the absolute response over a ``window`` x ``window`` square centred on each pixel.
  (scipy.ndimage's 'reflect' mirrors the image like scipy.signal's 'symm'.) Kernel sides and
  the window must be odd, so that every window is centred on its pixel.
- ``texture_signature``: for each mask of ``course.texture.SIGNATURE_MASKS``, the mean over
  the whole image of ``abs(convolve2d(image, mask, mode='same', boundary='symm'))``.
- ``classify_patch``: the name in ``references`` whose signature is nearest (Euclidean
  distance) to the patch's; on a tie, the first such name in the dict's order.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np
import scipy.ndimage
import scipy.signal

from autograder import validate
from course.texture import SIGNATURE_MASKS, laws_masks

MIN_SIDE = 5  # a patch must hold at least one whole 5x5 Laws mask


def check_window(window) -> int:
    """Return ``window`` as an odd int >= 1, or raise a clear error."""
    if isinstance(window, bool) or not isinstance(window, numbers.Integral):
        raise TypeError(f"window must be an odd integer, got {type(window).__name__}")
    if window < 1 or window % 2 == 0:
        raise ValueError(
            f"window must be an odd integer >= 1 (a square centred on each pixel), got {window}"
        )
    return int(window)


def image_and_odd_kernel(image, kernel) -> tuple[np.ndarray, np.ndarray]:
    """Validate a 2-D image and a 2-D kernel with odd sides that fits inside it."""
    image = validate.as_array(image, "image", 2)
    kernel = validate.as_array(kernel, "kernel", 2)
    if kernel.shape[0] % 2 == 0 or kernel.shape[1] % 2 == 0:
        raise ValueError(
            f"kernel sides must be odd so that it is centred on each pixel, got shape "
            f"{kernel.shape}"
        )
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError(
            f"kernel of shape {kernel.shape} is larger than the image of shape {image.shape}"
        )
    return image, kernel


def texture_energy(image, kernel, window: int = 15) -> np.ndarray:
    """Laws' texture energy: local mean of |convolve2d(image, kernel, 'same', 'symm')|."""
    image, kernel = image_and_odd_kernel(image, kernel)
    window = check_window(window)
    response = scipy.signal.convolve2d(image, kernel, mode="same", boundary="symm")
    return scipy.ndimage.uniform_filter(np.abs(response), size=window, mode="reflect")


def patch_image(image, name: str) -> np.ndarray:
    """Validate a texture patch: 2-D, finite, each side at least ``MIN_SIDE``."""
    image = validate.as_array(image, name, 2)
    if min(image.shape) < MIN_SIDE:
        raise ValueError(
            f"{name} must be at least {MIN_SIDE}x{MIN_SIDE} (the size of a Laws mask), "
            f"got shape {image.shape}"
        )
    return image


def texture_signature(image, masks=SIGNATURE_MASKS) -> np.ndarray:
    """Mean absolute response of each Laws mask over the whole image, shape (len(masks),)."""
    image = patch_image(image, "image")
    return np.array(
        [
            np.mean(np.abs(scipy.signal.convolve2d(image, mask, mode="same", boundary="symm")))
            for mask in laws_masks(masks).values()
        ]
    )


def check_references(references) -> dict[str, np.ndarray]:
    """Validate ``references``: a dict of at least two ``name -> 2-D image`` entries."""
    if not isinstance(references, Mapping):
        raise TypeError(
            f"references must be a dict mapping texture names to images, "
            f"got {type(references).__name__}"
        )
    if len(references) < 2:
        raise ValueError(
            f"references must hold at least two textures to choose from, got {len(references)}"
        )
    checked = {}
    for name, image in references.items():
        if not isinstance(name, str):
            raise TypeError(f"texture names must be strings, got {name!r}")
        checked[name] = patch_image(image, f"references[{name!r}]")
    return checked


def signature_distances(patch, references) -> dict[str, float]:
    """Euclidean distance from the patch's signature to each reference's signature."""
    patch = patch_image(patch, "patch")
    references = check_references(references)
    signature = texture_signature(patch)
    return {
        name: float(np.linalg.norm(signature - texture_signature(image)))
        for name, image in references.items()
    }


def classify_patch(patch, references) -> str:
    """The name of the reference texture whose signature is nearest to the patch's."""
    distances = signature_distances(patch, references)
    return min(distances, key=distances.get)  # min keeps the first name on a tie
