"""Lesson 4 references: the vertical-edge feature map and the signs at a bar's two edges."""

from __future__ import annotations

import numpy as np
import scipy.signal

from autograder import validate

# Right column minus left column, on three rows: positive where brightness rises to the right.
VERTICAL_EDGE = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], dtype=float)


def vertical_edge_map(image) -> np.ndarray:
    """Valid cross-correlation of ``image`` with ``VERTICAL_EDGE``: shape (H - 2, W - 2)."""
    image, kernel = validate.image_and_kernel(image, VERTICAL_EDGE)
    return scipy.signal.correlate2d(image, kernel, mode="valid")


def _sign_word(value: float) -> str:
    return "positive" if value > 0 else "negative"


def edge_response_signs(image) -> tuple[str, str]:
    """("positive"/"negative", ...): the feature map's sign at the bar's left and right edges.

    The image must hold one vertical bar on a plain background, with at least two
    background columns on each side, so that both edges appear in the valid feature map.
    The first and last non-zero responses along a row are the left and right edges.
    """
    feature_map = vertical_edge_map(image)
    responses = feature_map[feature_map.shape[0] // 2]
    nonzero = np.flatnonzero(np.abs(responses) > 1e-12)
    if nonzero.size == 0:
        raise ValueError("the image has no vertical edge inside the valid feature map")
    return _sign_word(responses[nonzero[0]]), _sign_word(responses[nonzero[-1]])
