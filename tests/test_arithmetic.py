"""autograder/reference/arithmetic.py is the course's one copy of the convolution arithmetic
(issue 15: the span / output-size formula was coded four times, ``dilate_kernel`` twice).

Its functions are checked against numpy and scipy, and the code of the references and of
``course`` is searched for copies of the formulas written out again.
"""

import ast
from pathlib import Path

import numpy as np
import pytest
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.reference import arithmetic

ROOT = Path(__file__).resolve().parent.parent
# Where a formula must not be written out again: the references, the figures and helpers.
SEARCHED = sorted(
    [*(ROOT / "autograder" / "reference").glob("*.py"), *(ROOT / "course").glob("*.py")]
)
HOME = ROOT / "autograder" / "reference" / "arithmetic.py"


@pytest.mark.parametrize(("k", "d"), [(1, 1), (3, 1), (3, 2), (3, 4), (2, 5), (5, 3)])
def test_the_span_is_where_the_first_and_last_taps_of_a_dilated_kernel_sit(k, d):
    taps = np.arange(k) * d  # offsets m * d of the taps, counted by numpy
    assert arithmetic.dilated_span(k, d) == taps[-1] - taps[0] + 1


def test_the_output_size_counts_the_windows_numpy_finds():
    rng = np.random.default_rng(15)
    for _ in range(200):
        n, k = int(rng.integers(1, 30)), int(rng.integers(1, 6))
        stride, padding, dilation = (int(v) for v in rng.integers(1, 4, size=3))
        padding -= 1
        span = 1 + (k - 1) * dilation
        if span > n + 2 * padding:
            assert arithmetic.output_size(n, k, stride, padding, dilation) < 1
            continue
        windows = sliding_window_view(np.zeros(n + 2 * padding), span)[::stride]
        assert arithmetic.output_size(n, k, stride, padding, dilation) == len(windows)


def test_a_dilated_kernel_correlates_like_the_taps_sampled_d_apart():
    rng = np.random.default_rng(8)
    image, kernel = rng.normal(size=(12, 13)), rng.normal(size=(3, 2))
    dilated = arithmetic.dilate_kernel(kernel, (2, 3))
    assert dilated.shape == (5, 4)
    by_hand = np.array(
        [
            [np.sum(image[i : i + 5 : 2, j : j + 4 : 3] * kernel) for j in range(13 - 4 + 1)]
            for i in range(12 - 5 + 1)
        ]
    )
    assert np.allclose(scipy.signal.correlate2d(image, dilated, mode="valid"), by_hand)


def _minus_one(node) -> bool:
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Sub)
        and isinstance(node.right, ast.Constant)
        and node.right.value == 1
    )


def _copies(path: Path) -> list[str]:
    """Lines of ``path`` that write the span ``d * (k - 1)`` out (alone, in ``+ 1`` or in the
    output size), or fill a kernel with a strided assignment ``x[::a, ::b] = ...`` (building
    a dilated kernel by hand)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mult)
            and any(_minus_one(side) for side in (node.left, node.right))
            and not isinstance(node.left, (ast.List, ast.Tuple))  # [1] * (n - 1) repeats a list
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.slice, ast.Tuple)
                    and all(
                        isinstance(item, ast.Slice) and item.step is not None and item.lower is None
                        for item in target.slice.elts
                    )
                ):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_search_for_copies_finds_them():
    assert _copies(HOME)  # the one copy is found, so the search can fail


def test_no_reference_or_course_module_writes_the_arithmetic_out_again():
    copies = [line for path in SEARCHED if path != HOME for line in _copies(path)]
    assert copies == [], "import these from autograder.reference.arithmetic:\n" + "\n".join(copies)
