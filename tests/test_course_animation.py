"""course.animation: the sliding-window animation shows scipy's values in the right order,
follows the figure conventions, stays small as HTML, and draws nothing while grading."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
import scipy.signal
from IPython.display import HTML

from autograder.settings import GRADING_VARIABLE
from course import animation
from course.plots import SIGNED_CMAP

HAND_IMAGE = np.arange(1, 13, dtype=float).reshape(3, 4)  # a 3×4 ramp
HAND_KERNEL = np.array([[1.0, 2.0], [0.0, -1.0]])
# out[i, j] = x[i, j] + 2 x[i, j + 1] - x[i + 1, j + 1], worked out by hand:
HAND_OUTPUT = [["-1", "1", "3"], ["7", "9", "11"]]

SQUARE = np.zeros((7, 7))
SQUARE[2:5, 2:5] = 1.0  # the lesson's image: a bright square
EDGES = np.array([[-1.0, 0.0, 1.0]] * 3)


@pytest.fixture
def not_grading(monkeypatch):
    monkeypatch.delenv(GRADING_VARIABLE, raising=False)


def frame(image, kernel, step):
    """The figure after ``draw_frame(step)``, with its output panel's texts as a grid."""
    output = scipy.signal.correlate2d(image, kernel, mode="valid")
    figure, draw_frame = animation._sliding_window_figure(
        np.asarray(image, float), np.asarray(kernel, float), output
    )
    draw_frame(step)
    texts = [t.get_text() for t in figure.axes[2].texts]
    return figure, np.array(texts).reshape(output.shape).tolist()


def test_each_frame_shows_the_values_so_far_in_reading_order():
    _, texts = frame(HAND_IMAGE, HAND_KERNEL, 1)
    assert texts == [["-1", "1", ""], ["", "", ""]]
    figure, texts = frame(HAND_IMAGE, HAND_KERNEL, 5)
    assert texts == HAND_OUTPUT
    assert figure.get_suptitle().endswith("output[1, 2] = sum of (window × kernel) = 11")


def test_the_window_and_the_output_cell_move_together():
    figure, _ = frame(HAND_IMAGE, HAND_KERNEL, 4)  # output (1, 1)
    (window,) = figure.axes[0].patches
    (cell,) = figure.axes[2].patches
    assert window.get_xy() == cell.get_xy() == (0.5, 0.5)
    assert (window.get_width(), window.get_height()) == (2, 2)


def test_values_are_scipys_on_a_random_image():
    rng = np.random.default_rng(0)  # fixed seed: the same case every run
    image, kernel = rng.integers(-5, 6, (6, 5)).astype(float), rng.integers(-2, 3, (3, 2))
    _, texts = frame(image, kernel, 15)
    expected = scipy.signal.correlate2d(image, kernel, mode="valid")
    assert np.array(texts, dtype=float).tolist() == expected.tolist()


def test_signed_output_is_diverging_centred_on_zero_with_a_colour_bar():
    figure, _ = frame(SQUARE, EDGES, 24)
    shown = figure.axes[2].images[0]
    assert shown.get_cmap().name == SIGNED_CMAP and shown.get_clim() == (-3.0, 3.0)
    assert shown.colorbar is not None
    for ax in figure.axes[:3]:
        assert ax.get_title()


def test_one_signed_output_uses_a_sequential_map():
    figure, _ = frame(SQUARE, np.ones((3, 3)), 0)
    shown = figure.axes[2].images[0]
    # A 3x3 box counts square pixels: 1 in the corner windows, 9 in the middle one.
    assert shown.get_cmap().name == "viridis" and shown.get_clim() == (1.0, 9.0)


def test_the_html_holds_every_frame_and_stays_small(not_grading):
    html = animation.sliding_window_animation(SQUARE, EDGES)
    assert isinstance(html, HTML)
    frames = re.findall(r"frames\[(\d+)\] = \"data:image/png;base64,", html.data)
    assert [int(i) for i in frames] == list(range(25))
    assert len(html.data) < 500_000  # about 0.25 MB: the notebook stays light
    assert plt.get_fignums() == []  # nothing left for the inline backend to show again


def test_too_many_frames_are_refused(not_grading):
    with pytest.raises(ValueError, match="at most 64 frames"):
        animation.sliding_window_animation(np.zeros((12, 12)), np.ones((3, 3)))


def test_under_the_grader_nothing_is_drawn_but_arguments_are_checked(monkeypatch):
    monkeypatch.setenv(GRADING_VARIABLE, "1")
    assert animation.sliding_window_animation(SQUARE, EDGES) is None
    with pytest.raises(ValueError, match="larger than the image"):
        animation.sliding_window_animation(np.zeros((2, 2)), np.ones((3, 3)))
