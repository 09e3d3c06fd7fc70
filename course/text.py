"""Figures for lesson 14 (convolution on text): one-hot matrices and responses along a text.

- ``show_one_hot(text, matrix)``: the ``(L, 27)`` one-hot matrix, characters down the side,
  a-z and "other" across the top;
- ``show_text_responses(text, responses, titles)``: each filter's response as bars under the
  characters of the text, the strongest windows highlighted;
- ``show_pooled(values, row_labels, column_labels)``: a small table of max-over-time values.

Each function draws one figure and shows it (under the grader it is closed instead), like
``course.plots``.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from course.plots import finish_figure, skip_while_grading

COLUMN_LABELS = [*string.ascii_lowercase, "other"]
SPACE = "␣"  # a visible space for tick labels
BAR_COLOR = "C0"
PEAK_COLOR = "C1"


def char_label(char: str) -> str:
    """A character as a tick label: spaces and line breaks made visible."""
    return {" ": SPACE, "\n": "↵", "\t": "⇥"}.get(char, char)


@skip_while_grading
def show_one_hot(text: str, matrix, title: str | None = None) -> None:
    """Draw a one-hot text matrix: one row per character, one column per symbol."""
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim != 2 or matrix.shape[1] != len(COLUMN_LABELS):
        raise ValueError(f"matrix must have shape (L, 27), got {matrix.shape}")
    if len(matrix) == 0:
        raise ValueError("the matrix has no rows to show")
    rows = [char_label(c) for c in text[: len(matrix)]]
    rows += ["(pad)"] * (len(matrix) - len(rows))
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(matrix) + 1.4))
    mappable = ax.imshow(matrix, cmap="Greys", vmin=0, vmax=max(1.0, matrix.max()), aspect="auto")
    ax.set_xticks(range(len(COLUMN_LABELS)), COLUMN_LABELS, fontsize=8)
    ax.set_yticks(range(len(matrix)), rows, fontsize=9)
    ax.set_xticks(np.arange(-0.5, len(COLUMN_LABELS)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(matrix)), minor=True)
    ax.grid(which="minor", color="0.85", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    ax.xaxis.tick_top()
    ax.set_xlabel("column: the letter a-z, or 'other'")
    ax.set_ylabel("row: one character of the text")
    ax.set_title(title or f"one-hot matrix of {text!r}, shape {matrix.shape}")
    fig.colorbar(mappable, ax=ax, fraction=0.03, pad=0.02)
    finish_figure(fig)


@skip_while_grading
def show_text_responses(
    text: str,
    responses,
    titles: Sequence[str],
    suptitle: str | None = None,
    ylabel: str = "response",
) -> None:
    """Bars of each filter's response under the characters of ``text``.

    ``responses`` has shape ``(L - k + 1, F)`` (one column per filter, as ``char_conv1d``
    returns) or ``(L - k + 1,)`` for one filter. The bar at position ``t`` belongs to the
    window that starts at character ``t``; the bars that reach the filter's maximum are
    drawn in orange.
    """
    responses = np.asarray(responses, dtype=float)
    if responses.ndim == 1:
        responses = responses[:, None]
    if responses.ndim != 2:
        raise ValueError(f"responses must have shape (T, F), got {responses.shape}")
    steps, filters = responses.shape
    if not 1 <= steps <= len(text):
        raise ValueError(f"{steps} window positions do not fit a text of {len(text)} characters")
    if len(titles) != filters:
        raise ValueError(f"got {filters} filters but {len(titles)} titles")
    width = max(6.0, 0.28 * len(text) + 1.5)
    fig, axes = plt.subplots(
        filters, 1, figsize=(width, 2.3 * filters + 0.4), squeeze=False, sharex=True
    )
    positions = np.arange(steps)
    for ax, column, title in zip(axes[:, 0], responses.T, titles):
        peak = column.max()
        colors = [PEAK_COLOR if np.isclose(v, peak) else BAR_COLOR for v in column]
        ax.bar(positions, column, color=colors, width=0.8)
        ax.axhline(0, color="0.4", linewidth=0.8)
        ax.set_xlim(-0.6, len(text) - 0.4)
        ax.set_title(title)
        ax.set_ylabel(ylabel)
        ax.set_xticks(range(len(text)), [char_label(c) for c in text], fontsize=9)
        ax.tick_params(axis="x", labelbottom=True)
    axes[-1, 0].set_xlabel("character of the text where the window starts")
    if suptitle:
        fig.suptitle(suptitle)
    finish_figure(fig)


@skip_while_grading
def show_pooled(
    values,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    title: str = "max over time: one number per filter",
) -> None:
    """A table of pooled values: one row per text, one column per filter, numbers written in."""
    values = np.asarray(values, dtype=float)
    if values.shape != (len(row_labels), len(column_labels)):
        raise ValueError(
            f"values of shape {values.shape} do not match {len(row_labels)} rows and "
            f"{len(column_labels)} columns"
        )
    fig, ax = plt.subplots(figsize=(1.3 * len(column_labels) + 4.5, 0.55 * len(row_labels) + 1.4))
    mappable = ax.imshow(values, cmap="viridis", aspect="auto")
    middle = (values.min() + values.max()) / 2
    for (row, col), value in np.ndenumerate(values):
        color = "black" if value > middle else "white"
        ax.text(col, row, f"{value:g}", ha="center", va="center", color=color)
    ax.set_xticks(range(len(column_labels)), [repr(label) for label in column_labels])
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xlabel("filter (the 3-gram it detects)")
    ax.set_title(title)
    fig.colorbar(mappable, ax=ax, fraction=0.046, pad=0.04)
    finish_figure(fig)
