"""course.text: the lesson-14 figures draw what they claim, and refuse mismatched input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from autograder.reference.l14_text import char_conv1d, text_to_matrix  # noqa: E402
from course import text  # noqa: E402


@pytest.fixture
def drawn(monkeypatch):
    """Capture the figure each helper finishes, instead of showing it."""
    figures = []
    monkeypatch.setattr(text, "finish_figure", figures.append)
    yield figures
    for figure in figures:
        plt.close(figure)


def tick_labels(ax, axis="x"):
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [label.get_text() for label in ticks]


def test_one_hot_rows_are_labelled_with_the_characters(drawn):
    text.show_one_hot("Hi !", text_to_matrix("Hi !", max_length=6))
    ax = drawn[0].axes[0]
    assert tick_labels(ax, "y") == ["H", "i", "␣", "!", "(pad)", "(pad)"]
    assert tick_labels(ax, "x") == [*"abcdefghijklmnopqrstuvwxyz", "other"]
    assert ax.get_title() and np.array_equal(ax.images[0].get_array(), text_to_matrix("Hi !", 6))


@pytest.mark.parametrize("matrix", [np.zeros((3, 26)), np.zeros(27), np.zeros((0, 27))])
def test_one_hot_refuses_a_matrix_of_the_wrong_shape(drawn, matrix):
    with pytest.raises(ValueError):
        text.show_one_hot("abc", matrix)


def test_responses_are_bars_under_the_characters_with_peaks_highlighted(drawn):
    sentence = "the cat at the mat"
    kernels = np.stack([text_to_matrix("the"), text_to_matrix("at ")])
    responses = char_conv1d(text_to_matrix(sentence), kernels)
    text.show_text_responses(sentence, responses, titles=["the", "at"])
    axes = drawn[0].axes
    assert len(axes) == 2
    for ax, column, title in zip(axes, responses.T, ["the", "at"]):
        bars = ax.patches
        assert len(bars) == len(sentence) - 2
        assert [bar.get_height() for bar in bars] == column.tolist()
        peaks = [i for i, bar in enumerate(bars) if bar.get_facecolor() == to_rgba(text.PEAK_COLOR)]
        assert peaks == np.flatnonzero(column == column.max()).tolist()
        assert tick_labels(ax) == [text.char_label(c) for c in sentence]
        assert ax.get_title() == title


def test_one_filter_may_be_a_1d_response(drawn):
    text.show_text_responses("abcd", np.array([1.0, 2.0, 0.0]), titles=["one filter"])
    assert len(drawn[0].axes) == 1


@pytest.mark.parametrize(
    ("responses", "titles"),
    [(np.zeros((5, 1)), ["too many positions"]), (np.zeros((3, 2)), ["one title only"])],
)
def test_responses_refuse_mismatches(drawn, responses, titles):
    with pytest.raises(ValueError):
        text.show_text_responses("abcd", responses, titles)


def test_pooled_table_writes_every_value(drawn):
    values = np.array([[3.0, 1.0], [2.0, 3.0], [0.0, 2.0]])
    text.show_pooled(values, ["a", "b", "c"], ["the", "ing"])
    ax = drawn[0].axes[0]
    assert [t.get_text() for t in ax.texts] == ["3", "1", "2", "3", "0", "2"]
    assert tick_labels(ax, "y") == ["a", "b", "c"]
    with pytest.raises(ValueError, match="do not match"):
        text.show_pooled(values, ["a", "b"], ["the", "ing"])


def test_figures_are_closed_under_the_grader(monkeypatch):
    monkeypatch.setenv("AUTOGRADER_GRADING", "1")
    before = set(plt.get_fignums())
    text.show_one_hot("ab", text_to_matrix("ab"))
    text.show_text_responses("abc", np.ones(2), ["x"])
    assert set(plt.get_fignums()) == before
