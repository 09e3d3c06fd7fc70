"""Synthetic test images whose every detail is known (lesson 2)."""

from __future__ import annotations

import numpy as np

from autograder import validate


def zone_plate(radius: int = 64, finest_period: float = 4.0) -> np.ndarray:
    """Concentric rings that get finer outwards: a ``2 radius`` square image in [0, 1].

    ``0.5 + 0.5 cos(pi (x² + y²) / c)``: the rings' period across a row or a column is
    ``c / |x|`` pixels, widest at the centre and ``finest_period`` at the image's edges
    (``c = finest_period · radius``). A period of at least 4 pixels keeps the pattern well
    above the 2-pixel limit of sampling (Nyquist), so the rings never alias on their own:
    every ring that a filter makes come back is the filter's doing. (Radially, in the
    corners, the finest period is ``finest_period / √2``, still above 2 pixels.)
    """
    radius = validate.positive_int(radius, "radius")
    if not finest_period >= 2 * np.sqrt(2):
        raise ValueError(
            f"finest_period must be at least 2√2 ≈ 2.83 pixels, or the corners alias; "
            f"got {finest_period}"
        )
    y, x = np.mgrid[-radius:radius, -radius:radius]
    return 0.5 + 0.5 * np.cos(np.pi * (x**2 + y**2) / (finest_period * radius))
