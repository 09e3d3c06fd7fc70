"""course.edges: lesson 10's comparison figure, its titles and scale; no drawing while grading."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from autograder.settings import GRADING_VARIABLE  # noqa: E402
from course.edges import show_scale_comparison  # noqa: E402

# Every test here draws: each gets fresh figures and a recording plt.show (conftest).
pytestmark = pytest.mark.usefixtures("fresh_figures")


def test_two_titled_maps_with_colour_bars_and_a_scatter_on_the_slope(fresh_figures):
    second = np.array([[0.0, 1.0, 2.0], [0.5, 0.0, 3.0]])
    first = 4 * second
    show_scale_comparison(first, second, titles=("ours", "theirs"), slope=4, slope_label="x4")
    figure = fresh_figures[0]
    titles = [ax.get_title() for ax in figure.axes]
    assert titles[:3] == ["ours", "theirs", "each pixel: one value against the other"]
    assert len(figure.axes) == 5  # three panels and two colour bars
    scatter, line = figure.axes[2].lines
    x, y = scatter.get_data()
    assert len(x) == 4  # the two pixels that are 0 in both maps are left out
    assert np.allclose(y, 4 * x)
    assert np.allclose(line.get_ydata(), 4 * line.get_xdata())
    assert figure.axes[0].images[0].get_cmap().name == "magma"


@pytest.mark.parametrize(
    ("first", "second", "titles", "message"),
    [
        (np.ones((2, 2)), np.ones((2, 3)), ("a", "b"), "same shape"),
        (np.ones(4), np.ones(4), ("a", "b"), "2-D"),
        (np.ones((2, 2)), np.ones((2, 2)), ("a",), "two titles"),
    ],
)
def test_bad_arguments_are_refused(first, second, titles, message):
    with pytest.raises(ValueError, match=message):
        show_scale_comparison(first, second, titles=titles, slope=1, slope_label="1")


def test_nothing_is_drawn_while_grading(monkeypatch, fresh_figures):
    monkeypatch.setenv(GRADING_VARIABLE, "1")
    show_scale_comparison(np.ones((2, 2)), np.ones((2, 2)), ("a", "b"), 1, "1")
    assert fresh_figures == [] and plt.get_fignums() == []
    with pytest.raises(ValueError):  # the arguments are still checked
        show_scale_comparison(np.ones((2, 2)), np.ones((3, 2)), ("a", "b"), 1, "1")
