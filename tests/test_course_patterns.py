"""Synthetic test images: the zone plate never aliases on its own."""

import numpy as np
import pytest

from course.patterns import zone_plate


def energy_near_the_sampling_limit(image: np.ndarray, above: float = 0.6) -> float:
    """The share of an image's spectral energy (mean removed, Hann-windowed) at frequencies
    above ``above`` × the Nyquist frequency along either axis: where a pattern sampled too
    coarsely puts its energy, folded back, and a well-sampled one puts none."""
    image = image - image.mean()
    window = np.outer(np.hanning(image.shape[0]), np.hanning(image.shape[1]))
    spectrum = np.abs(np.fft.fft2(image * window)) ** 2
    rows = np.abs(np.fft.fftfreq(image.shape[0]))[:, None] / 0.5  # 1 = Nyquist
    columns = np.abs(np.fft.fftfreq(image.shape[1]))[None, :] / 0.5
    return float(spectrum[np.maximum(rows, columns) > above].sum() / spectrum.sum())


def test_zone_plate_stays_clear_of_the_sampling_limit():
    rings = zone_plate(64, finest_period=4)
    assert rings.shape == (128, 128) and 0 <= rings.min() and rings.max() <= 1
    assert energy_near_the_sampling_limit(rings) < 1e-5


def test_the_old_rings_reach_the_sampling_limit():
    # Lesson 2's first rings, cos(pi r² / 128) on 128×128, reach 2 pixels per period at the
    # edges and alias beyond: the test above would have caught them.
    y, x = np.mgrid[-64:64, -64:64]
    old = 0.5 + 0.5 * np.cos(np.pi * (x**2 + y**2) / 128)
    assert energy_near_the_sampling_limit(old) > 1e-2


def test_zone_plate_refuses_periods_that_alias_in_the_corners():
    with pytest.raises(ValueError, match="at least 2√2"):
        zone_plate(64, finest_period=2.5)
