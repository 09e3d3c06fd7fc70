"""course.timing: timing is skipped under the grader, measured otherwise, estimates are honest."""

import time

import matplotlib.pyplot as plt
import numpy as np
import pytest
import scipy.signal

from autograder.settings import GRADING_VARIABLE
from course import timing


@pytest.fixture
def not_grading(monkeypatch):
    monkeypatch.delenv(GRADING_VARIABLE, raising=False)
    monkeypatch.setattr(plt, "show", lambda *a, **k: None)  # keep the figure to inspect it


def inputs(*sides):
    return [(np.zeros((side, side)),) for side in sides]


def test_grading_returns_at_once_without_calling_anything(monkeypatch, capsys):
    monkeypatch.setenv(GRADING_VARIABLE, "1")
    calls = []

    def slow(image):
        calls.append(image.shape)
        time.sleep(1)

    start = time.perf_counter()
    assert timing.compare_speed({"slow": slow}, inputs(4, 8)) is None
    assert time.perf_counter() - start < 0.1
    assert calls == []
    assert timing.GRADING_NOTE in capsys.readouterr().out


def test_best_time_measures_the_call():
    seconds = timing.best_time(time.sleep, (0.01,), repeat=2)
    assert 0.009 <= seconds < 0.5
    with pytest.raises(ValueError, match="repeat must be at least 1"):
        timing.best_time(time.sleep, (0,), repeat=0)


def test_benchmark_respects_max_pixels_and_skips_unfinished_exercises(not_grading, capsys):
    seen = []

    def record(image):
        seen.append(image.size)

    def stub(image):
        raise NotImplementedError()

    results = timing.benchmark(
        {"record": record, "stub": stub}, inputs(8, 2, 4), max_pixels={"record": 16}, repeat=1
    )
    assert [pixels for pixels, _ in results["record"]] == [4, 16]  # sorted, 64 skipped
    assert sorted(set(seen)) == [4, 16]
    assert "stub" not in results
    assert "stub is not implemented yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("functions", "given", "error", "message"),
    [
        ({}, inputs(2), ValueError, "at least one function"),
        ({"f": len}, [], ValueError, "at least one input"),
        ({"f": 3}, inputs(2), TypeError, "f must be a function"),
    ],
)
def test_benchmark_rejects_bad_input(functions, given, error, message):
    with pytest.raises(error, match=message):
        timing.benchmark(functions, given)


def test_benchmark_rejects_limits_for_unknown_functions():
    with pytest.raises(ValueError, match="unknown functions: g"):
        timing.benchmark({"f": len}, inputs(2), max_pixels={"g": 4})


def test_estimate_is_proportional_to_pixels():
    assert timing.estimate_seconds([(100, 0.5), (400, 2.0)], 1600) == pytest.approx(8.0)


def test_summary_marks_estimates_and_ratios():
    results = {
        "loops": [(100, 0.01)],
        "fast": [(100, 1e-5), (400, 4e-5)],
        "scipy": [(400, 6e-5)],
    }
    loops, fast, scipy_line = timing.summary(results, 400).splitlines()[1:]
    assert "40.0 ms" in loops and "1,000×" in loops and "estimated" in loops
    assert "40 µs" in fast and "(1.0×" in fast and "measured" in fast
    assert "60 µs" in scipy_line and "(1.5×" in scipy_line


def test_compare_speed_times_plots_and_prints(not_grading, capsys):
    image = np.random.default_rng(0).uniform(size=(64, 64))
    kernel = np.ones((3, 3)) / 9
    crops = [(image[:side, :side], kernel) for side in (8, 16, 64)]
    results = timing.compare_speed(
        {"loops": timing.loop_correlate2d, "scipy": scipy.signal.correlate2d},
        crops,
        max_pixels={"loops": 16 * 16},
        repeat=1,
    )
    assert [p for p, _ in results["loops"]] == [64, 256]
    assert [p for p, _ in results["scipy"]] == [64, 256, 4096]
    printed = capsys.readouterr().out
    assert "time for one call on 4096 pixels" in printed and "estimated" in printed
    fig = plt.gcf()
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xscale() == "log" and ax.get_yscale() == "log"
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["loops", "loops (estimated)", "scipy"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["8×8", "16×16", "64×64"]
    plt.close("all")


def test_plot_refuses_empty_results():
    with pytest.raises(ValueError, match="nothing to plot"):
        timing.plot_timings({})


def test_loop_baseline_is_valid_cross_correlation():
    image = np.arange(20.0).reshape(4, 5)
    kernel = np.array([[1.0, 2.0], [0.0, -1.0]])
    assert np.allclose(
        timing.loop_correlate2d(image, kernel), scipy.signal.correlate2d(image, kernel, "valid")
    )
    assert timing.loop_correlate2d(np.full((3, 3), 200, np.uint8), np.ones((2, 2))).max() == 800


def test_summary_aligns_long_names():
    results = {"a name longer than twenty": [(400, 0.5)], "short": [(400, 0.01)]}
    lines = timing.summary(results, 400).splitlines()[1:]
    assert [line.index(" ms ") for line in lines] == [lines[0].index(" ms ")] * 2  # one column
