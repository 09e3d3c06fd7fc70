"""The 1-D signal figures of lesson 13: titles everywhere, np.convolve's modes drawn where
np.convolve puts them, clear errors, and no display while grading."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course import signals  # noqa: E402


@pytest.fixture(autouse=True)
def shown(monkeypatch):
    plt.close("all")
    figures = []
    monkeypatch.setattr(plt, "show", lambda: figures.append(plt.gcf()))
    yield figures
    plt.close("all")


@pytest.mark.parametrize("n, m", [(7, 3), (7, 4), (3, 7), (2, 4), (5, 5), (1, 1)])
def test_mode_slices_cut_np_convolve_out_of_full(n, m):
    rng = np.random.default_rng(n * 10 + m)
    a, v = rng.normal(size=n), rng.normal(size=m)
    full = np.convolve(a, v, "full")
    for mode, part in signals.mode_slices(n, m).items():
        np.testing.assert_allclose(full[part], np.convolve(a, v, mode))


def test_mode_slices_rejects_empty_lengths():
    with pytest.raises(ValueError, match="at least 1"):
        signals.mode_slices(0, 3)


def test_stems_have_a_title_per_panel(shown):
    signals.show_stems([np.arange(3.0), np.ones(4)], titles=["ramp", "ones"], suptitle="two")
    titles = [ax.get_title() for ax in shown[0].axes]
    assert titles == ["ramp", "ones"]


def test_stems_check_their_arguments():
    with pytest.raises(ValueError, match="got 2 signals but 1 titles"):
        signals.show_stems([np.ones(2), np.ones(2)], titles=["one"])
    with pytest.raises(ValueError, match="1-D"):
        signals.show_stems([np.ones((2, 2))], titles=["square"])


def test_modes_figure_labels_each_mode_with_its_length(shown):
    signals.show_convolution_modes(np.arange(1.0, 8.0), np.array([1.0, 2.0, 3.0, 4.0]))
    texts = " ".join(t.get_text() for t in shown[0].axes[0].texts)
    assert "full: indices 0..9 (10 samples)" in texts
    assert "same: indices 1..7 (7 samples)" in texts
    assert "valid: indices 3..6 (4 samples)" in texts
    assert "np.convolve" in shown[0].axes[0].get_title()


def test_signals_figure_zooms_on_both_ends(shown):
    t = np.linspace(0, 1, 50)
    signals.show_signals(t, {"raw": np.sin(t), "smooth": np.cos(t)}, title="demo", ends=10)
    axes = shown[0].axes
    assert [ax.get_title() for ax in axes] == [
        "whole signal",
        "first 10 samples",
        "last 10 samples",
    ]
    assert shown[0].texts[0].get_text() == "demo"  # the suptitle
    np.testing.assert_allclose(axes[2].lines[1].get_xdata(), t[-10:])


def test_signals_figure_without_zoom_uses_the_title(shown):
    t = np.arange(5.0)
    signals.show_signals(t, {"raw": t}, title="only one")
    assert [ax.get_title() for ax in shown[0].axes] == ["only one"]


def test_signals_figure_checks_its_arguments():
    t = np.arange(5.0)
    with pytest.raises(ValueError, match="curve 'bad' has shape"):
        signals.show_signals(t, {"bad": np.ones(4)}, title="x")
    with pytest.raises(ValueError, match="ends must be between 1 and 5"):
        signals.show_signals(t, {"raw": t}, title="x", ends=9)


def test_nothing_is_shown_while_grading(shown, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_GRADING", "1")
    signals.show_stems([np.ones(3)], titles=["one"])
    assert shown == [] and plt.get_fignums() == []


def test_the_truth_keeps_its_colour_from_figure_to_figure(shown):
    """Issue 15: "true sin(t)" was orange in one figure and green in the next, because curves
    took colours by position. The truth now has one style, wherever it is listed."""
    t = np.linspace(0, 10, 100)
    signals.show_signals(
        t,
        {"noisy": np.sin(t), "smooth": np.sin(t), "true sin(t)": np.sin(t)},
        title="one",
        truth="true sin(t)",
    )
    signals.show_signals(
        t,
        {"noisy": np.sin(t), "a": np.cos(t), "b": np.cos(t), "true sin(t)": np.sin(t)},
        title="two",
        truth="true sin(t)",
    )
    styles = []
    for figure in shown:
        (line,) = [x for x in figure.axes[0].lines if x.get_label() == "true sin(t)"]
        styles.append((matplotlib.colors.to_hex(line.get_color()), line.get_linestyle()))
    assert styles[0] == styles[1] == ("#000000", "--")
    other = [x for x in shown[1].axes[0].lines if x.get_label() == "a"][0]
    assert matplotlib.colors.to_hex(other.get_color()) == signals.COLORS[0].lower()


def test_the_lesson_draws_its_truth_the_same_way_in_every_figure():
    import nbformat

    from conftest import SOLUTIONS, lesson_notebook

    notebook = nbformat.read(lesson_notebook(SOLUTIONS, "13-signals"), as_version=4)
    calls = [c.source for c in notebook.cells if "show_signals(" in c.source]
    assert len(calls) >= 2
    assert all('truth="true sin(t)"' in source for source in calls)


def test_an_unknown_truth_is_refused():
    with pytest.raises(ValueError, match="is not one of the curves"):
        signals.show_signals(np.arange(3.0), {"raw": np.arange(3.0)}, title="x", truth="true")
