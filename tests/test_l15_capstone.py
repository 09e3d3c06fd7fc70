"""Lesson 15: the conv2d reference, and the checks' verdicts on right and wrong versions."""

import math
import re

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal

from autograder.checks import l15_capstone as checks
from autograder.feedback import run_cases
from autograder.reference import l15_capstone as ref

# ---------------------------------------------------------------- hand examples


def scipy_conv2d(image, kernel, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    """The issue's recipe, written out independently: pad, dilate, correlate, subsample."""
    padded = np.pad(np.asarray(image, float), [(p, p) for p in padding])
    kernel = np.asarray(kernel, float)
    big = np.zeros([d * (k - 1) + 1 for k, d in zip(kernel.shape, dilation)])
    big[:: dilation[0], :: dilation[1]] = kernel
    return scipy.signal.correlate2d(padded, big, "valid")[:: stride[0], :: stride[1]]


def test_hand_examples_agree_with_scipy():
    image, kernel = checks.HAND_IMAGE, checks.HAND_KERNEL
    assert np.array_equal(scipy_conv2d(image, kernel, stride=(2, 2)), checks.HAND_STRIDE)
    assert np.array_equal(
        scipy_conv2d(checks.HAND_PAD_IMAGE, [[2.0]], padding=(1, 1)), checks.HAND_PAD
    )
    assert np.array_equal(scipy_conv2d(image, kernel, dilation=(2, 2)), checks.HAND_DILATION)
    mixed = scipy_conv2d(image, kernel, (1, 2), (1, 0), (2, 1))
    assert np.array_equal(mixed, checks.HAND_MIXED)
    assert checks.HAND_MIXED_SETTINGS == {"stride": (1, 2), "padding": (1, 0), "dilation": (2, 1)}


def test_hand_examples_by_hand():
    image = checks.HAND_IMAGE  # 1..20, 4 rows of 5
    # stride 2: out[i, j] = image[2i, 2j] + 2 image[2i + 1, 2j + 1]
    assert checks.HAND_STRIDE[1, 1] == image[2, 2] + 2 * image[3, 3] == 13 + 2 * 19
    # dilation 2: out[i, j] = image[i, j] + 2 image[i + 2, j + 2]
    assert checks.HAND_DILATION[0, 0] == image[0, 0] + 2 * image[2, 2] == 1 + 2 * 13


# ---------------------------------------------------------------- reference


@pytest.mark.parametrize(
    ("n", "k", "s", "p", "d", "expected"),
    [
        (7, 3, 2, 1, 2, 3),  # worked in the lesson: k_hat = 5, floor(4 / 2) + 1
        (5, 3, 1, 0, 1, 3),  # valid
        (5, 3, 1, 1, 1, 5),  # "same"
        (5, 2, 2, 0, 1, 2),  # floor((5 - 2) / 2) + 1 = 2, not ceil = 3
        (4, 3, 1, 0, 3, None),  # span 7 > 4: no window fits
        (256, 4, 4, 0, 1, 64),
    ],
)
def test_output_size_matches_dumoulin_visin(n, k, s, p, d, expected):
    if expected is None:
        assert ref.output_size(n, k, s, p, d) < 1
    else:
        assert ref.output_size(n, k, s, p, d) == expected
        assert expected == math.floor((n + 2 * p - k - (k - 1) * (d - 1)) / s) + 1


def test_reference_matches_an_independent_computation():
    """Against scipy.ndimage.correlate on the padded image, sampled at the window centres."""
    rng = np.random.default_rng(4)
    compared = 0
    for _ in range(20):
        image = rng.normal(size=tuple(rng.integers(6, 15, size=2)))
        kernel = rng.normal(size=tuple(rng.integers(1, 4, size=2)))
        stride, padding, dilation = (
            tuple(int(v) for v in rng.integers(lo, 4, size=2)) for lo in (1, 0, 1)
        )
        expected_shape = tuple(
            ref.output_size(n, k, s, p, d)
            for n, k, s, p, d in zip(image.shape, kernel.shape, stride, padding, dilation)
        )
        if min(expected_shape) < 1:
            continue
        padded = np.pad(image, [(p, p) for p in padding])
        big = ref.dilate_kernel(kernel, dilation)
        # ndimage.correlate centres the kernel; shift with origin so index 0 is the corner.
        origin = [-(size // 2) for size in big.shape]
        full = scipy.ndimage.correlate(padded, big, mode="constant", origin=origin)
        expected = full[:: stride[0], :: stride[1]][: expected_shape[0], : expected_shape[1]]
        result = ref.conv2d(image, kernel, stride, padding, dilation)
        assert result.shape == expected_shape
        assert np.allclose(result, expected)
        compared += 1
    assert compared >= 10


def test_int_settings_equal_pairs():
    rng = np.random.default_rng(1)
    image, kernel = rng.normal(size=(9, 11)), rng.normal(size=(2, 3))
    assert np.array_equal(
        ref.conv2d(image, kernel, 2, 1, 2), ref.conv2d(image, kernel, (2, 2), (1, 1), (2, 2))
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"stride": 0}, ValueError, r"stride must be at least 1 in each axis, got 0"),
        ({"stride": (1, 0)}, ValueError, "stride must be at least 1"),
        ({"padding": -1}, ValueError, "padding must be at least 0"),
        ({"dilation": 0}, ValueError, "dilation must be at least 1"),
        ({"stride": (1, 1, 1)}, ValueError, "got 3 values"),
        ({"stride": 1.5}, TypeError, "stride must be an int or a pair"),
        ({"padding": "1"}, TypeError, "padding must be an int or a pair"),
        ({"dilation": True}, TypeError, "dilation must be an int or a pair"),
        ({"dilation": 3}, ValueError, r"output would be empty along axis 0 \(rows\)"),
    ],
)
def test_reference_rejects_bad_settings_clearly(kwargs, error, message):
    with pytest.raises(error, match=message):
        ref.conv2d(np.ones((4, 5)), np.ones((3, 2)), **kwargs)


@pytest.mark.parametrize(
    ("image", "kernel", "message"),
    [
        (np.ones(5), np.ones((2, 2)), r"image must be 2-D, got shape \(5,\)"),
        (np.ones((5, 5)), np.ones((2, 2, 1)), "kernel must be 2-D"),
        (np.ones((3, 3)), np.ones((1, 4)), r"along axis 1 \(columns\)"),
    ],
)
def test_reference_rejects_bad_arrays_clearly(image, kernel, message):
    with pytest.raises(ValueError, match=message):
        ref.conv2d(image, kernel)


# ---------------------------------------------------------------- implementations


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def _validated(image, kernel, stride, padding, dilation):
    image, kernel = np.asarray(image, float), np.asarray(kernel, float)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("image and kernel must be 2-D")
    s, p, d = _pair(stride), _pair(padding), _pair(dilation)
    if len(s) != 2 or min(s) < 1 or min(d) < 1 or min(p) < 0:
        raise ValueError("bad setting")
    sizes = [
        (n + 2 * pp - dd * (k - 1) - 1) // ss + 1
        for n, k, ss, pp, dd in zip(image.shape, kernel.shape, s, p, d)
    ]
    if min(sizes) < 1:
        raise ValueError("the output would be empty")
    return image, kernel, s, p, d, sizes


def output_loops(image, kernel, stride=1, padding=0, dilation=1, swap=False, flip=False):
    """One loop over the outputs (the lesson's first strategy)."""
    image, kernel, s, p, d, (oh, ow) = _validated(image, kernel, stride, padding, dilation)
    if swap:
        s, p, d = s[::-1], p[::-1], d[::-1]
        oh, ow = (
            (n + 2 * pp - dd * (k - 1) - 1) // ss + 1
            for n, k, ss, pp, dd in zip(image.shape, kernel.shape, s, p, d)
        )
    if flip:
        kernel = kernel[::-1, ::-1]
    padded = np.pad(image, [(p[0], p[0]), (p[1], p[1])])
    kh, kw = kernel.shape
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            window = padded[
                i * s[0] : i * s[0] + d[0] * (kh - 1) + 1 : d[0],
                j * s[1] : j * s[1] + d[1] * (kw - 1) + 1 : d[1],
            ]
            out[i, j] = np.sum(window * kernel)
    return out


def torch_style_unfold(image, kernel, stride=1, padding=0, dilation=1):
    """Correct, another way: gather every window with fancy indexing (im2col), one matmul."""
    image, kernel, s, p, d, (oh, ow) = _validated(image, kernel, stride, padding, dilation)
    padded = np.pad(image, [(p[0], p[0]), (p[1], p[1])])
    kh, kw = kernel.shape
    rows = (np.arange(oh) * s[0])[:, None, None, None] + (np.arange(kh) * d[0])[None, None, :, None]
    cols = (np.arange(ow) * s[1])[None, :, None, None] + (np.arange(kw) * d[1])[None, None, None, :]
    return np.einsum("ijmn,mn->ij", padded[rows, cols], kernel)


def messages(func, cases, exercise=checks.CONV2D):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


ALL_CASES = (
    checks.hand_cases()
    + checks.random_cases(3, 8)
    + checks.random_cases(3, 8, pairs=True)
    + checks.bad_cases(3)
)


@pytest.mark.parametrize("func", [output_loops, torch_style_unfold, ref.conv2d])
def test_right_implementations_pass(func):
    assert messages(func, ALL_CASES) == set()


def _settings_changed(change):
    def wrong(image, kernel, stride=1, padding=0, dilation=1):
        s, p, d = change(_pair(stride), _pair(padding), _pair(dilation))
        return output_loops(image, kernel, s, p, d)

    return wrong


def _ceil_mode(image, kernel, stride=1, padding=0, dilation=1):
    image, kernel, s, p, d, _ = _validated(image, kernel, stride, padding, dilation)
    sizes = [
        math.ceil((n + 2 * pp - dd * (k - 1) - 1) / ss) + 1
        for n, k, ss, pp, dd in zip(image.shape, kernel.shape, s, p, d)
    ]
    padded = np.pad(image, [(p[0], p[0] + s[0]), (p[1], p[1] + s[1])])  # room for the overhang
    kh, kw = kernel.shape
    out = np.zeros(sizes)
    for i in range(sizes[0]):
        for j in range(sizes[1]):
            window = padded[
                i * s[0] : i * s[0] + d[0] * (kh - 1) + 1 : d[0],
                j * s[1] : j * s[1] + d[1] * (kw - 1) + 1 : d[1],
            ]
            out[i, j] = np.sum(window * kernel)
    return out


def _stride_not_in_windows(image, kernel, stride=1, padding=0, dilation=1):
    full = output_loops(image, kernel, 1, padding, dilation)
    rows, cols = output_loops(image, kernel, stride, padding, dilation).shape
    return full[:rows, :cols]


def _subsample_first(image, kernel, stride=1, padding=0, dilation=1):
    s, p = _pair(stride), _pair(padding)
    padded = np.pad(np.asarray(image, float), [(p[0], p[0]), (p[1], p[1])])[:: s[0], :: s[1]]
    return output_loops(padded, kernel, 1, 0, dilation)


def _pad_sides(sides):
    def wrong(image, kernel, stride=1, padding=0, dilation=1):
        p = _pair(padding)
        padded = np.pad(np.asarray(image, float), sides(*p))
        return output_loops(padded, kernel, stride, 0, dilation)

    return wrong


WRONG = [
    (lambda *a, **k: output_loops(*a, **k, flip=True), "you flipped the kernel"),
    (_settings_changed(lambda s, p, d: ((s[0], 1), p, d)), "stride was applied to the rows only"),
    (_settings_changed(lambda s, p, d: ((1, s[1]), p, d)), "stride was applied to the columns"),
    (_settings_changed(lambda s, p, d: (s, (p[0], 0), d)), "you padded the rows only"),
    (_settings_changed(lambda s, p, d: (s, (0, p[1]), d)), "you padded the columns only"),
    (_settings_changed(lambda s, p, d: (s, p, (d[0], 1))), "dilation was applied to the rows"),
    (_settings_changed(lambda s, p, d: (s, p, (1, d[1]))), "dilation was applied to the col"),
    (lambda *a, **k: output_loops(*a, **k, swap=True), "pair order swapped: stride, padding"),
    (_settings_changed(lambda s, p, d: (s[::-1], p, d)), "pair order swapped for the stride"),
    (_settings_changed(lambda s, p, d: (s, p[::-1], d)), "pair order swapped for the padding"),
    (_settings_changed(lambda s, p, d: (s, p, d[::-1])), "pair order swapped for the dilation"),
    (
        _settings_changed(lambda s, p, d: (s, p, (d[0] + 1, d[1] + 1))),
        "you spaced them d + 1 apart",
    ),
    (
        _settings_changed(lambda s, p, d: (s, p, (max(d[0] - 1, 1), max(d[1] - 1, 1)))),
        "you spaced them d - 1 apart",
    ),
    (_ceil_mode, "ceil instead of floor"),
    (_stride_not_in_windows, "window start not multiplied by the stride"),
    (_subsample_first, "kept every s-th pixel"),
    (_pad_sides(lambda pr, pc: ((pr, 0), (pc, 0))), "only the top and the left"),
    (_pad_sides(lambda pr, pc: ((0, pr), (0, pc))), "only the bottom and the right"),
    (_pad_sides(lambda pr, pc: ((2 * pr, 2 * pr), (2 * pc, 2 * pc))), "padded 2p on each side"),
    # padding on one side only (issue 15): 2p on one side keeps the size but shifts the windows
    (_pad_sides(lambda pr, pc: ((2 * pr, 0), (2 * pc, 0))), "padding on one side only"),
    (_pad_sides(lambda pr, pc: ((0, 2 * pr), (0, 2 * pc))), "padding on one side only"),
    (_pad_sides(lambda pr, pc: ((pr, 0), (pc, pc))), "p zero rows above only"),
    (_pad_sides(lambda pr, pc: ((pr, pr), (0, 2 * pc))), "2p zero columns on the right only"),
    (lambda *a, **k: output_loops(*a, **k).T, "transposed"),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG)
def test_wrong_implementations_are_named(wrong, expected):
    found = messages(wrong, ALL_CASES)
    assert any(expected in message for message in found), found


def test_missing_validation_is_caught():
    def no_checks(image, kernel, stride=1, padding=0, dilation=1):
        s = _pair(stride)
        if min(s) < 1:
            return np.zeros((1, 1))
        return output_loops(image, kernel, stride, padding, dilation)

    found = messages(no_checks, checks.bad_cases(5))
    assert any("should raise ValueError because a stride must be at least 1" in m for m in found)


# ---------------------------------------------------------------- graded asserts


def test_assert_functions_pass_right_implementations():
    checks.assert_conv2d_hand(torch_style_unfold)
    checks.assert_conv2d_random(torch_style_unfold, seed=11)
    checks.assert_conv2d_pairs(output_loops, seed=11)
    checks.assert_conv2d_bad_input(output_loops, seed=11)
    checks.assert_conv2d_bad_input(output_loops)


@pytest.mark.parametrize(
    ("assertion", "wrong", "match"),
    [
        (checks.assert_conv2d_hand, WRONG[0][0], "flipped"),
        (lambda f: checks.assert_conv2d_random(f, seed=11), _ceil_mode, "ceil instead of floor"),
        (lambda f: checks.assert_conv2d_pairs(f, seed=11), WRONG[7][0], "pair order swapped"),
        (
            lambda f: checks.assert_conv2d_bad_input(f, seed=11),
            lambda image, kernel, **kw: np.zeros((1, 1)),
            "should raise ValueError",
        ),
    ],
)
def test_assert_functions_fail_wrong_implementations(assertion, wrong, match):
    with pytest.raises(AssertionError, match=match):
        assertion(wrong)


def test_random_cases_cover_the_settings():
    cases = checks.random_cases(2, 30) + checks.random_cases(2, 30, pairs=True)
    seen = {name: set() for name in ("stride", "padding", "dilation")}
    for case in cases:
        for name in seen:
            seen[name].update(_pair(case.kwargs[name]))
        assert case.args[0].shape[0] != case.args[0].shape[1]  # non-square images
    assert seen == {"stride": {1, 2, 3}, "padding": {0, 1, 2}, "dilation": {1, 2, 3}}
    assert any(k % 2 == 0 for case in cases for k in case.args[1].shape)  # even kernel sizes


def test_hidden_cases_depend_on_the_seed():
    first = checks.random_cases(1, 3)[-1]
    again = checks.random_cases(1, 3)[-1]
    other = checks.random_cases(2, 3)[-1]
    assert np.array_equal(first.args[0], again.args[0]) and first.kwargs == again.kwargs
    assert first.args[0].shape != other.args[0].shape or not np.array_equal(
        first.args[0], other.args[0]
    )


def test_visible_check_prints_the_cause(capsys):
    checks.check_conv2d(WRONG[7][0])
    printed = capsys.readouterr().out
    assert "pair order swapped" in printed
    assert len(printed.splitlines()) < 12


def test_one_sided_padding_is_named_on_the_hand_cases_alone():
    """The hand example with padding 1 tells 2p on one side from a shift of the whole image."""
    wrong = _pad_sides(lambda pr, pc: ((0, 2 * pr), (0, 2 * pc)))
    found = messages(wrong, checks.hand_cases())
    assert found and all("padding on one side only" in message for message in found), found


# ---------------------------------------------------------------- the lesson's figures


def test_the_lesson_states_the_dilated_sobel_tap_distance_right():
    """Section 4 says how far apart a dilation-4 Sobel compares pixels: 2d, as lesson 8 says."""
    import nbformat

    from conftest import SOLUTIONS, lesson_notebook

    notebook = nbformat.read(lesson_notebook(SOLUTIONS, "15-capstone"), as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    sobel = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
    columns = np.flatnonzero(ref.dilate_kernel(sobel, (4, 4)).any(axis=0))
    distance = int(columns[-1] - columns[0])
    assert distance == 8
    words = {4: "four", 8: "eight"}
    claims = re.findall(r"compares? pixels\s+(?:\$2d = )?(\w+)\$?\s+apart", text)
    assert claims, "the lesson no longer says how far apart the dilated Sobel compares pixels"
    for claim in claims:
        assert claim in (str(distance), words[distance]), claims


def test_the_zoomed_border_shows_each_pixel_clear_of_the_frame(monkeypatch):
    """The 1-px false edge of a padded Sobel map is several screen pixels wide and not under
    the axes frame (in the 256x256 overview one image pixel is under one screen pixel)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from course import zoom

    monkeypatch.setenv("AUTOGRADER_GRADING", "0")
    drawn = []
    monkeypatch.setattr(zoom, "finish_figure", drawn.append)
    photo = np.random.default_rng(0).uniform(0.5, 1.0, size=(40, 30))
    sobel = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
    edges = ref.conv2d(photo, sobel, padding=1)
    zoom.show_zoomed([edges], titles=["Sobel x"], rows=(0, 20), cols=(0, 14), suptitle="zoom")
    (figure,) = drawn
    ax = figure.axes[0]
    figure.canvas.draw()
    (x0, _), (x1, _) = ax.transData.transform([(0, 0), (1, 0)])
    assert x1 - x0 >= 8, "one image pixel must be at least 8 screen pixels wide"
    assert not ax.get_frame_on()
    left_limit = min(ax.get_xlim())
    assert left_limit < -0.5 - 0.5, "leave a margin left of column 0, so it is not at the edge"
    image = ax.get_images()[0]
    low, high = image.get_clim()
    assert np.isclose(low, -high) and image.colorbar is not None
    assert np.array_equal(image.get_array(), edges[:20, :14])
    plt.close(figure)


def test_the_capstone_magnifies_the_border_of_its_padded_maps():
    import nbformat

    from conftest import SOLUTIONS, lesson_notebook

    notebook = nbformat.read(lesson_notebook(SOLUTIONS, "15-capstone"), as_version=4)
    zoom_cells = [c.source for c in notebook.cells if "show_zoomed(" in c.source]
    assert zoom_cells and "cols=(0," in zoom_cells[0] and "padding=1" in zoom_cells[0]
