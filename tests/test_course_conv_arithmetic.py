"""course.conv_arithmetic: the lesson-15 diagram puts the taps where conv2d reads."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from autograder.reference.l15_capstone import conv2d  # noqa: E402
from course import conv_arithmetic  # noqa: E402


@pytest.fixture
def drawn(monkeypatch):
    figures = []
    monkeypatch.setattr(conv_arithmetic, "finish_figure", figures.append)
    yield figures
    for figure in figures:
        plt.close(figure)


def test_tap_positions_by_hand():
    # 2x2 kernel, output (1, 1), stride 2, dilation 3: rows 2 and 5, columns 2 and 5.
    taps = conv_arithmetic.tap_positions((2, 2), (1, 1), stride=2, dilation=3)
    assert taps == [(2, 2), (2, 5), (5, 2), (5, 5)]


def test_taps_are_the_pixels_that_make_the_output():
    """With a kernel of ones, conv2d adds exactly the pixels under the drawn taps."""
    settings = {"stride": (2, 1), "padding": (1, 2), "dilation": (1, 3)}
    kernel_shape, position = (2, 3), (2, 1)
    image = np.random.default_rng(0).normal(size=(7, 9))  # random: no sum matches by chance
    padded = np.pad(image, ((1, 1), (2, 2)))
    taps = conv_arithmetic.tap_positions(kernel_shape, position, **settings)
    assert len(set(taps)) == 6
    under_taps = sum(padded[row, col] for row, col in taps)
    assert np.isclose(conv2d(image, np.ones(kernel_shape), **settings)[position], under_taps)


def test_diagram_draws_the_padded_input_and_the_output(drawn):
    settings = [{}, {"stride": 2, "padding": 1}, {"dilation": (2, 1)}]
    conv_arithmetic.show_conv_arithmetic((6, 7), (3, 3), settings, position=(1, 1))
    figure = drawn[0]
    top_axes, bottom_axes = figure.axes[:3], figure.axes[3:]
    for ax_top, ax_bottom, setting in zip(top_axes, bottom_axes, settings):
        padding = setting.get("padding", 0)
        cells = ax_top.images[0].get_array()
        assert cells.shape[:2] == (6 + 2 * padding, 7 + 2 * padding)
        blue = np.all(np.isclose(cells, conv_arithmetic.TAP_RGB), axis=-1)
        assert blue.sum() == 9
        expected = conv2d(np.zeros((6, 7)), np.zeros((3, 3)), **setting).shape
        assert ax_bottom.images[0].get_array().shape[:2] == expected
        assert ax_top.get_title() and ax_bottom.get_title() == f"output {expected[0]}×{expected[1]}"


@pytest.mark.parametrize(
    ("settings", "position", "message"),
    [
        ([{"dilation": 4}], (0, 0), "empty output"),
        ([{"stride": 3}], (2, 0), "outside the output"),
        ([], (0, 0), "at least one setting"),
    ],
)
def test_diagram_refuses_impossible_requests(drawn, settings, position, message):
    with pytest.raises(ValueError, match=message):
        conv_arithmetic.show_conv_arithmetic((5, 5), (3, 3), settings, position)
