"""course.explorers: the arithmetic behind the sliders (against hand-worked examples, scipy and
numpy), the figure it draws, and the widget itself, driven without a browser."""

import subprocess
import sys

import ipywidgets as widgets
import numpy as np
import pytest
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.settings import GRADING_VARIABLE
from course import explorers
from course.conv_arithmetic import TAP_RGB
from course.explorers import conv_explorer, explorer_state

# ------------------------------------------------------------------------ references


def dilated_ones_free(weights: np.ndarray, dilation: int) -> np.ndarray:
    """A square kernel with ``dilation - 1`` zeros between its taps (numpy slicing)."""
    k = weights.shape[0]
    out = np.zeros((dilation * (k - 1) + 1,) * 2)
    out[::dilation, ::dilation] = weights
    return out


def scipy_output(image, weights, padding, stride, dilation):
    """Pad, correlate with the dilated kernel ('valid'), keep every stride-th value."""
    padded = np.pad(image, padding)
    full = scipy.signal.correlate2d(padded, dilated_ones_free(weights, dilation), mode="valid")
    return full[::stride, ::stride]


def fits(n, k, padding, dilation):
    """Whether any window fits, by numpy: sliding_window_view refuses a window too large."""
    try:
        sliding_window_view(np.zeros(n + 2 * padding), dilation * (k - 1) + 1)
    except ValueError:
        return False
    return True


def settings_in_slider_ranges(count=120, seed=0):
    rng = np.random.default_rng(seed)  # fixed seed: the same cases every run
    for _ in range(count):
        n = int(rng.integers(1, 12))
        yield (n, *(int(v) for v in rng.integers([1, 0, 1, 1], [8, 4, 5, 5])))


# ---------------------------------------------------------------- explorer_state


@pytest.mark.parametrize(
    ("setting", "shape"),
    [
        ((7, 3, 0, 1, 1), (5, 5)),  # 7 - 3 + 1
        ((5, 3, 1, 2, 1), (3, 3)),  # Dumoulin & Visin: (5 + 2 - 2 - 1) // 2 + 1
        ((8, 3, 0, 2, 1), (3, 3)),  # lesson 7's figure: windows at 0, 2, 4
        ((7, 3, 0, 1, 2), (3, 3)),  # a 5-pixel span fits 3 times in 7
        ((224, 7, 3, 2, 1), (112, 112)),  # ResNet's first layer
        ((6, 4, 0, 3, 1), (1, 1)),  # (6 - 4) // 3 + 1: the second window sticks out
        ((7, 3, 0, 1, 4), (0, 0)),  # a 9-pixel span in 7 pixels: nothing fits
        ((7, 3, 1, 1, 4), (1, 1)),  # ... until one ring of padding makes room
    ],
)
def test_output_shape_by_hand(setting, shape):
    assert explorer_state(*setting).output_shape == shape


@pytest.mark.parametrize("setting", list(settings_in_slider_ranges()))
def test_output_shape_is_the_shape_scipy_produces(setting):
    n, k, padding, stride, dilation = setting
    state = explorer_state(n, k, padding, stride, dilation)
    if not fits(n, k, padding, dilation):
        assert state.empty and state.output_shape == (0, 0)
        assert state.position is None and state.taps == () and state.field is None
        return
    image = np.random.default_rng(1).random((n, n))
    assert state.output_shape == scipy_output(image, np.ones((k, k)), *setting[2:]).shape


@pytest.mark.parametrize("setting", [s for s in settings_in_slider_ranges(60, seed=3)])
def test_taps_are_what_scipy_multiplies_for_the_last_output(setting):
    """Weighting the pixels under the taps, in order, gives scipy's last output value."""
    n, k, padding, stride, dilation = setting
    state = explorer_state(*setting)
    if state.empty:
        return
    rng = np.random.default_rng(2)  # random values: no sum matches by chance
    image, weights = rng.normal(size=(n, n)), rng.normal(size=(k, k))
    padded = np.pad(image, padding)
    under_taps = sum(padded[tap] * w for tap, w in zip(state.taps, weights.flat))
    expected = scipy_output(image, weights, padding, stride, dilation)[-1, -1]
    assert np.isclose(under_taps, expected)
    top, left, height, width = state.field
    assert state.taps[0] == (top, left)  # the window's corners are taps
    assert state.taps[-1] == (top + height - 1, left + width - 1)
    assert height == width == dilation * (k - 1) + 1


def unread_by_scipy(n, k, padding, stride, dilation):
    """Image rows no window reads: count, per padded pixel, the taps that read it."""
    span = dilation * (k - 1) + 1
    starts = np.zeros((n + 2 * padding - span + 1,) * 2)
    starts[::stride, ::stride] = 1  # where windows start
    coverage = scipy.signal.convolve2d(starts, dilated_ones_free(np.ones((k, k)), dilation))
    image_part = coverage[padding : padding + n, padding : padding + n]
    return tuple(int(i) for i in np.flatnonzero(image_part.sum(axis=1) == 0))


def test_unread_pixels_by_hand():
    assert explorer_state(8, 3, stride=2).unread == (7,)  # lesson 7: pixel 7 is never read
    assert explorer_state(7, 3, stride=2, dilation=2).unread == (1, 3, 5)  # taps on even pixels
    assert explorer_state(7, 3).unread == ()


@pytest.mark.parametrize("setting", [s for s in settings_in_slider_ranges(60, seed=5)])
def test_unread_pixels_agree_with_scipy(setting):
    state = explorer_state(*setting)
    if not state.empty:
        assert state.unread == unread_by_scipy(*setting)


@pytest.mark.parametrize(
    "arguments",
    [(0, 3), (7, 0), (7, 3, -1), (7, 3, 0, 0), (7, 3, 0, 1, 0), (7, 3, 0, 1.5), (7, True)],
)
def test_bad_settings_are_refused_clearly(arguments):
    with pytest.raises(ValueError, match="must be an integer of at least"):
        explorer_state(*arguments)


def test_text_names_the_shape_or_says_nothing_fits():
    lines = explorer_state(8, 3, stride=2).lines()
    assert lines[0] == "output shape: (3, 3)"
    assert "⌊5 / 2⌋ + 1 = 3" in lines[1]
    assert any("7 (red) are never read" in line for line in lines)
    empty = " ".join(explorer_state(7, 3, dilation=4).lines())
    assert empty.startswith("no output") and "output shape: (" not in empty
    assert "spans 4·(3 − 1) + 1 = 9 pixels" in empty and "only 7 + 2·0 = 7" in empty


# ---------------------------------------------------------------------------- figure


def colours_in(ax):
    return ax.images[0].get_array()


def test_figure_draws_the_padded_input_taps_and_output():
    state = explorer_state(7, 3, padding=1, stride=2, dilation=2)
    figure = explorers.explorer_figure(state, room=13)
    left, right = figure.axes
    cells = colours_in(left)
    assert cells.shape[:2] == (9, 9)
    blue = np.all(np.isclose(cells, TAP_RGB), axis=-1)
    assert sorted(zip(*np.nonzero(blue))) == sorted(state.taps) and blue.sum() == 9
    assert colours_in(right).shape[:2] == (3, 3)
    assert left.get_title() == "input 7×7 + padding 1 = 9×9"
    assert right.get_title() == "output 3×3"
    (field,) = left.patches
    assert (field.get_width(), field.get_height()) == (5, 5)


def test_figure_for_an_empty_output_says_so():
    figure = explorers.explorer_figure(explorer_state(7, 3, dilation=4))
    left, right = figure.axes
    assert len(right.images) == 0 and "no output" in right.get_title()
    assert left.patches[0].get_linestyle() == "--"  # the window that does not fit


# ---------------------------------------------------------------------------- widget


def parts(box):
    sliders = {c.description: c for c in box.children if isinstance(c, widgets.IntSlider)}
    (text,) = [c for c in box.children if isinstance(c, widgets.HTML)]
    (picture,) = [c for c in box.children if isinstance(c, widgets.Image)]
    return sliders, text, picture


@pytest.fixture
def not_grading(monkeypatch):
    monkeypatch.delenv(GRADING_VARIABLE, raising=False)


def test_widget_has_the_four_sliders_text_and_picture(not_grading):
    box = conv_explorer()
    assert isinstance(box, widgets.Box)
    sliders, text, picture = parts(box)
    assert list(sliders) == ["kernel", "padding", "stride", "dilation"]
    assert [s.value for s in sliders.values()] == [3, 0, 1, 1]
    assert "output shape: (5, 5)" in text.value
    assert bytes(picture.value).startswith(b"\x89PNG")


def test_moving_a_slider_updates_text_and_picture(not_grading):
    sliders, text, picture = parts(conv_explorer())
    before = picture.value
    sliders["stride"].value = 2
    assert "output shape: (3, 3)" in text.value  # (7 - 3) // 2 + 1
    assert picture.value != before
    sliders["padding"].value = 1
    assert "output shape: (4, 4)" in text.value  # (7 + 2 - 3) // 2 + 1
    sliders["stride"].value = 1
    sliders["kernel"].value = 5
    assert "output shape: (5, 5)" in text.value  # 7 + 2 - 5 + 1


def test_a_setting_with_no_output_shows_a_message_not_an_error(not_grading):
    sliders, text, picture = parts(conv_explorer())
    sliders["dilation"].value = 4  # span 9 > 7
    assert "no output" in text.value and "output shape: (" not in text.value
    sliders["padding"].value = 1  # 9 pixels now: one window
    assert "output shape: (1, 1)" in text.value


def test_start_values_and_ranges_can_be_chosen(not_grading):
    sliders, text, _ = parts(conv_explorer(n=8, stride=2, max_stride=6))
    assert sliders["stride"].value == 2 and sliders["stride"].max == 6
    assert "output shape: (3, 3)" in text.value
    with pytest.raises(ValueError, match="below the start value"):
        conv_explorer(dilation=3, max_dilation=2)


def test_under_the_grader_nothing_is_built(monkeypatch):
    monkeypatch.setenv(GRADING_VARIABLE, "1")
    assert conv_explorer() is None
    with pytest.raises(ValueError, match="kernel must be"):
        conv_explorer(kernel=0)  # arguments are still checked


def test_importing_changes_no_global_state():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams);"
        "import course.explorers, course.animation;"
        "assert dict(matplotlib.rcParams) == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
