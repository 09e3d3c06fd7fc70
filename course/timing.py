"""Time functions on inputs of growing size and plot the result (lesson 3: loops vs vectorized).

``compare_speed`` times each function on each input (best of a few calls), prints a short
summary for the largest input and draws time against image size on log-log axes. A slow
function can be limited to small inputs (``max_pixels``); its time on the larger ones is then
estimated, assuming the time grows in proportion to the number of pixels, and drawn dashed.

Timing is a demonstration that cannot change a grade, so under the grader
(``autograder.settings.is_grading()``) nothing is timed: ``compare_speed`` prints a note and
returns ``None`` at once.

``loop_correlate2d`` is lesson 1's explicit double loop, kept here as the slow baseline.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from autograder.settings import is_grading
from course.plots import finish_figure

GRADING_NOTE = "Timing skipped: the grader is running, and a timing cannot change a grade."

# Okabe–Ito colours (safe for colour-blind readers), with a different marker per line.
_STYLES = [("#0072B2", "o"), ("#D55E00", "s"), ("#009E73", "^"), ("#CC79A7", "D")]

Timings = dict[str, list[tuple[int, float]]]


def loop_correlate2d(image, kernel) -> np.ndarray:
    """Valid cross-correlation with two Python loops over the output (lesson 1's version)."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    output = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(output.shape[0]):
        for j in range(output.shape[1]):
            output[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return output


def best_time(func: Callable, args: tuple, repeat: int = 3) -> float:
    """Seconds taken by the fastest of ``repeat`` calls ``func(*args)``.

    The fastest call is the one least disturbed by other programs on the machine.
    """
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def benchmark(
    functions: Mapping[str, Callable],
    inputs: Sequence[tuple],
    max_pixels: Mapping[str, int] | None = None,
    repeat: int = 3,
) -> Timings:
    """Time every function on every input: ``{name: [(pixels, seconds), ...]}``.

    ``inputs`` are argument tuples whose first item is the image; ``max_pixels[name]`` skips
    inputs with more pixels for that function. A function that raises NotImplementedError
    (an exercise not done yet) is skipped with a note.
    """
    if not functions:
        raise ValueError("give at least one function to time")
    if not inputs:
        raise ValueError("give at least one input to time the functions on")
    for name, func in functions.items():
        if not callable(func):
            raise TypeError(f"{name} must be a function, got {type(func).__name__}")
    max_pixels = dict(max_pixels or {})
    unknown = sorted(set(max_pixels) - set(functions))
    if unknown:
        raise ValueError(f"max_pixels names unknown functions: {', '.join(unknown)}")
    inputs = sorted(inputs, key=lambda args: np.size(args[0]))
    results: Timings = {}
    for name, func in functions.items():
        points = []
        for args in inputs:
            pixels = int(np.size(args[0]))
            if pixels > max_pixels.get(name, pixels):
                continue
            try:
                points.append((pixels, best_time(func, args, repeat)))
            except NotImplementedError:
                print(f"{name} is not implemented yet: it is left out of the timing")
                points = []
                break
        if points:
            results[name] = points
    return results


def estimate_seconds(points: Sequence[tuple[int, float]], pixels: int) -> float:
    """Estimate the time for ``pixels`` from the last measured point, in proportion to pixels."""
    last_pixels, last_seconds = points[-1]
    return last_seconds * pixels / last_pixels


def summary(results: Timings, pixels: int) -> str:
    """One line per function: its time for an input of ``pixels`` pixels, measured or estimated."""
    times = {}
    for name, points in results.items():
        measured = dict(points)
        if pixels in measured:
            times[name] = (measured[pixels], "measured")
        else:
            times[name] = (estimate_seconds(points, pixels), "estimated from smaller inputs")
    fastest = min(seconds for seconds, _ in times.values())
    lines = [f"time for one call on {pixels} pixels:"]
    width = max(20, *(len(name) for name in times))
    for name, (seconds, how) in times.items():
        lines.append(
            f"  {name:<{width}} {_format_seconds(seconds):>9}  "
            f"({_format_ratio(seconds / fastest)} the fastest; {how})"
        )
    return "\n".join(lines)


def _format_ratio(ratio: float) -> str:
    return f"{ratio:.1f}×" if ratio < 10 else f"{ratio:,.0f}×"


def _format_seconds(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def plot_timings(
    results: Timings,
    sizes: Mapping[int, str] | None = None,
    title: str = "Time per call against image size",
) -> None:
    """Draw seconds per call against pixels on log-log axes, estimates dashed.

    ``sizes`` maps a pixel count to a tick label such as ``"64×64"``.
    """
    if not results:
        raise ValueError("nothing to plot: no function was timed")
    largest = max(pixels for points in results.values() for pixels, _ in points)
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for (name, points), (colour, marker) in zip(results.items(), _STYLES * 2):
        pixels, seconds = zip(*points)
        ax.plot(pixels, seconds, marker=marker, color=colour, label=name)
        if pixels[-1] < largest:
            estimate = estimate_seconds(points, largest)
            ax.plot(
                [pixels[-1], largest],
                [seconds[-1], estimate],
                linestyle="--",
                marker=marker,
                markevery=[1],
                markerfacecolor="white",
                color=colour,
                label=f"{name} (estimated)",
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    if sizes:
        ax.set_xticks(list(sizes), labels=list(sizes.values()))
        ax.minorticks_off()
    ax.set_xlabel("image size (pixels, log scale)")
    ax.set_ylabel("seconds per call (log scale)")
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    finish_figure(fig)


def compare_speed(
    functions: Mapping[str, Callable],
    inputs: Sequence[tuple],
    max_pixels: Mapping[str, int] | None = None,
    repeat: int = 3,
    title: str = "Time per call against image size",
) -> Timings | None:
    """Time, summarise and plot; under the grader, print a note and return None at once."""
    if is_grading():
        print(GRADING_NOTE)
        return None
    results = benchmark(functions, inputs, max_pixels=max_pixels, repeat=repeat)
    if not results:
        print("Nothing was timed: no function is implemented yet.")
        return results
    largest = max(int(np.size(args[0])) for args in inputs)
    sizes = {int(np.size(args[0])): "×".join(map(str, np.shape(args[0]))) for args in inputs}
    print(summary(results, largest))
    plot_timings(results, sizes=sizes, title=title)
    return results
