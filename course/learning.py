"""Figures for lesson 12's last section: a kernel learned by gradient descent.

:func:`show_learning` draws the loss against the step (log scale) and the kernel at a few
steps next to the hidden kernel it should become, all on one symmetric diverging scale with
one colour bar, each weight written in its cell.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from course.plots import SIGNED_CMAP, finish_figure, skip_while_grading


@skip_while_grading
def show_learning(losses: Sequence[float], snapshots: dict[int, np.ndarray], hidden) -> None:
    """Loss curve, then the kernel after each step in ``snapshots``, then ``hidden``."""
    losses = np.asarray(losses, dtype=float)
    hidden = np.asarray(hidden, dtype=float)
    kernels = [np.asarray(k, dtype=float) for k in snapshots.values()] + [hidden]
    titles = [f"kernel after {step} steps" for step in snapshots] + ["hidden kernel"]
    limit = max(float(np.abs(k).max()) for k in kernels) or 1.0
    fig, axes = plt.subplots(
        1, len(kernels) + 1, figsize=(3.6 + 2.3 * len(kernels), 2.9), layout="constrained"
    )
    axes[0].semilogy(np.arange(len(losses)), losses, color="C0")
    axes[0].set_xlabel("step")
    axes[0].set_ylabel("loss (mean squared error / 2)")
    axes[0].set_title("loss while learning")
    for ax, kernel, title in zip(axes[1:], kernels, titles):
        shown = ax.imshow(kernel, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit)
        for (row, col), weight in np.ndenumerate(kernel):
            dark = abs(weight) > 0.6 * limit
            text = f"{weight:.2f}".replace("-0.00", "0.00")
            ax.text(
                col,
                row,
                text,
                ha="center",
                va="center",
                fontsize=8,
                color="white" if dark else "black",
            )
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(shown, ax=list(axes[1:]), fraction=0.03, pad=0.02, label="weight")
    fig.suptitle("gradient descent recovers the hidden edge kernel")
    finish_figure(fig)
