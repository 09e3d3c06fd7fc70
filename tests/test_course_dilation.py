"""Lesson 8's diagrams: the receptive-field arithmetic behind them, what they draw, and that
they draw nothing while grading."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.signal  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from autograder.reference.l08_dilation import dilate_kernel  # noqa: E402
from autograder.settings import GRADING_VARIABLE  # noqa: E402
from course import dilation  # noqa: E402

# Every test here draws: each gets fresh figures and a recording plt.show (conftest).
pytestmark = pytest.mark.usefixtures("fresh_figures")


@pytest.mark.parametrize(
    ("k", "dilations", "expected"),
    [(3, [1], 3), (3, [2], 5), (3, [4], 9), (3, [1, 1, 1], 7), (3, [1, 2, 4], 15), (5, [2], 9)],
)
def test_receptive_field_by_hand(k, dilations, expected):
    assert dilation.receptive_field(k, dilations) == expected


@pytest.mark.parametrize("dilations", [[1, 1, 1], [1, 2, 4], [2, 3], [4]])
def test_receptive_field_is_the_support_of_the_stacked_kernels(dilations):
    # Stacked stride-1 layers equal one layer whose kernel is the (full) convolution of the
    # dilated kernels; with all-positive weights its side is the receptive field.
    combined = np.ones((1, 1))
    for d in dilations:
        combined = scipy.signal.convolve2d(combined, dilate_kernel(np.ones((3, 3)), d))
    rows = np.flatnonzero(combined.any(axis=1))
    assert rows[-1] - rows[0] + 1 == dilation.receptive_field(3, dilations)


@pytest.mark.parametrize(
    "call",
    [
        lambda: dilation.dilated_extent(3, 0),
        lambda: dilation.dilated_extent(0, 2),
        lambda: dilation.dilated_extent(3, 1.5),
        lambda: dilation.receptive_field(3, []),
    ],
)
def test_bad_arguments_are_refused_clearly(call):
    with pytest.raises(ValueError, match="must"):
        call()


def test_taps_figure_has_one_titled_panel_per_dilation(fresh_figures):
    dilation.show_dilated_taps(3, (1, 2, 4))
    (figure,) = fresh_figures
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == [
        "dilation 1: 9 weights\nreceptive field 3×3 pixels",
        "dilation 2: 9 weights\nreceptive field 5×5 pixels",
        "dilation 4: 9 weights\nreceptive field 9×9 pixels",
    ]
    for ax, extent in zip(figure.axes, (3, 5, 9)):
        squares = [p for p in ax.patches if isinstance(p, Rectangle)]
        taps = [p for p in squares if p.get_width() == 1 and p.get_fill()]
        assert len(taps) == 9  # the number of weights never changes
        assert max(p.get_width() for p in squares) == extent  # the receptive-field box


def test_stack_figure_marks_the_receptive_field(fresh_figures):
    dilation.show_dilation_stack(3, (1, 2, 4))
    (figure,) = fresh_figures
    plain, dilated = figure.axes
    assert "receptive field 7 pixels" in plain.get_title()
    assert "receptive field 15 pixels" in dilated.get_title()
    assert "27 weights" in figure.get_suptitle()
    for ax, field in ((plain, 7), (dilated, 15)):
        # Each layer has a grey row of units and a highlighted row; the input row is
        # highlighted in orange at exactly the receptive field's pixels.
        highlighted_input = ax.collections[1]
        assert len(highlighted_input.get_offsets()) == field


def test_nothing_is_drawn_while_grading(monkeypatch, fresh_figures):
    monkeypatch.setenv(GRADING_VARIABLE, "1")
    dilation.show_dilated_taps()
    dilation.show_dilation_stack()
    assert fresh_figures == [] and plt.get_fignums() == []


def test_importing_changes_no_global_state():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams);"
        "import course.dilation;"
        "assert dict(matplotlib.rcParams) == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_growth_figure_draws_one_line_per_design(fresh_figures):
    dilation.show_receptive_growth({"plain": [3, 5, 7], "dilated": [3, 7, 15]})
    (figure,) = fresh_figures
    (ax,) = figure.axes
    assert ax.get_title() and [list(line.get_ydata()) for line in ax.lines] == [
        [3, 5, 7],
        [3, 7, 15],
    ]


@pytest.mark.parametrize("fields", [{}, {"a": []}, {"a": [3, 0]}, {"a": [2.5]}])
def test_growth_figure_refuses_what_is_not_a_field(fields, monkeypatch):
    monkeypatch.setenv(GRADING_VARIABLE, "1")  # refused before anything is drawn
    with pytest.raises(ValueError):
        dilation.show_receptive_growth(fields)
