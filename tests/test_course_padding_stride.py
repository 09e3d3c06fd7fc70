"""course.padding_stride: the index map behind the padding figure, and every figure drawing."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course import padding_stride as figures  # noqa: E402


@pytest.mark.parametrize("mode", ["edge", "reflect", "symmetric", "wrap"])
def test_source_index_copies_what_numpy_pad_copies(mode):
    for n in range(1, 7):
        row = np.arange(n) * 10 + 1
        for before, after in [(0, 0), (1, 2), (3, 0), (9, 14)]:
            index = figures.padding_source_index(n, before, after, mode)
            assert np.array_equal(row[index], np.pad(row, (before, after), mode=mode))


def test_source_index_marks_constant_cells():
    assert figures.padding_source_index(3, 2, 1, "constant").tolist() == [-1, -1, 0, 1, 2, -1]


@pytest.mark.parametrize(
    ("args", "message"),
    [((3, 1, 1, "mirror"), "mode must be one of"), ((0, 1, 1, "wrap"), "n >= 1")],
)
def test_source_index_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        figures.padding_source_index(*args)


@pytest.fixture
def grading(monkeypatch):
    """Figures are drawn and "shown" (a no-op here), then closed."""
    monkeypatch.delenv("AUTOGRADER_GRADING", raising=False)
    monkeypatch.setattr(plt, "show", lambda: None)
    plt.close("all")
    yield
    plt.close("all")


def test_nothing_is_drawn_under_the_grader(monkeypatch):
    monkeypatch.setenv("AUTOGRADER_GRADING", "1")
    plt.close("all")
    figures.show_padding_modes("abc", pad=4)
    figures.show_stride_positions(8, 3, 2, padding=1)
    assert plt.get_fignums() == []


def test_every_figure_draws_with_titles(grading, monkeypatch):
    titles = []
    real_finish = figures.finish_figure

    def spy(fig, rect=None):
        titles.extend(ax.get_title() for ax in fig.axes if ax.get_visible())
        real_finish(fig, rect)

    monkeypatch.setattr(figures, "finish_figure", spy)
    figures.show_padding_modes("abc", pad=4)
    figures.show_true_size(
        np.ones((4, 4)),
        np.pad(np.ones((4, 4)), 1),
        np.array([[-1.0, 2.0]]),
        titles=["a", "b", "c"],
        outlines=[None, (1, 1, 4, 4), None],
        frame=(4, 4),
    )
    figures.show_same_alignment((2, 3), (4, 4))
    figures.show_stride_positions(8, 3, 2, padding=1)
    figures.show_strided_subsample(np.arange(30.0).reshape(5, 6), (2, 3))
    assert "a" in titles and "b" in titles
    assert any("scipy.signal.correlate2d" in t for t in titles)
    assert any("4 outputs" in t for t in titles)  # (8 + 2 - 3) // 2 + 1 = 4
    assert any("stride (2, 3): 3×2" in t for t in titles)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: figures.show_true_size(np.ones((2, 2)), titles=[]), "titles"),
        (lambda: figures.show_true_size(np.ones(3), titles=["x"]), "2-D"),
        (lambda: figures.show_stride_positions(3, 5, 1), "does not fit"),
        (lambda: figures.show_stride_positions(5, 3, 0), "stride"),
        (lambda: figures.show_strided_subsample(np.ones((3, 3)), (0, 1)), "strides >= 1"),
        (lambda: figures.show_padding_modes("", 2), "at least one label"),
        (lambda: figures.show_same_alignment((0, 2), (3, 3)), "positive"),
    ],
)
def test_figures_reject_bad_arguments(grading, call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_transposed_stamps_sum_to_numpy_s_convolution_of_the_spread_input():
    """Independent of the stamping loop: put the inputs `stride` apart with zeros between
    them and convolve with the kernel (np.convolve)."""
    rng = np.random.default_rng(7)
    for stride in (1, 2, 3):
        values, kernel = rng.normal(size=4), rng.normal(size=3)
        spread = np.zeros((len(values) - 1) * stride + 1)
        spread[::stride] = values
        rows = figures.transposed_stamps(values, kernel, stride)
        assert np.allclose(rows[-1], np.convolve(spread, kernel))
        assert np.sum(~np.isnan(rows[:-1])) == values.size * kernel.size


def test_transposed_stamps_figure_shows_the_lessons_numbers(grading, monkeypatch):
    titles = []
    real_finish = figures.finish_figure

    def spy(fig, rect=None):
        titles.extend(ax.get_title() for ax in fig.axes)
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert texts[-7:] == ["1", "1", "3", "2", "5", "3", "3"]  # the sum row
        real_finish(fig, rect)

    monkeypatch.setattr(figures, "finish_figure", spy)
    figures.show_transposed_stamps([1, 2, 3], [1, 1, 1], stride=2, padding=1)
    assert titles == [
        "3 inputs, k = 3, stride 2: (n - 1)·s + k = 7 pixels;\n"
        "padding 1 cut from each end leaves 5 (orange)"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([], [1.0], 1), "non-empty"),
        (([1.0], [1.0], 0), "stride >= 1"),
        (([1.0], [1.0, 1.0], 1, 1), "cuts away"),
    ],
)
def test_transposed_stamps_reject_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        figures.transposed_stamps(*args)


def test_true_size_keeps_one_pixel_size_when_only_some_panels_have_a_colour_bar(fresh_figures):
    import figure_audit

    image = np.random.default_rng(6).random((10, 10))
    signed = image[1:-1, 1:-1] - 0.5  # an 8×8 map: drawn with a colour bar, the image without
    figures.show_true_size(image, signed, titles=["image", "map"], frame=(10, 10))
    figure = fresh_figures[0]
    figure.canvas.draw()
    panels = [ax for ax in figure.axes if ax.get_images() and not hasattr(ax, "_colorbar")]
    widths = [ax.get_position().width for ax in panels]
    assert widths == pytest.approx([widths[0]] * 2)
    assert figure_audit.scale_problems(figure) == []
    assert [ax.get_visible() for ax in figure.axes if hasattr(ax, "_colorbar")] == [False, True]
