"""Lesson 4: references, and the checks' verdicts on right and wrong implementations."""

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal

from autograder.checks import l04_feature_maps as checks
from autograder.feedback import run_cases
from autograder.reference import l04_feature_maps as ref

KERNEL = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], dtype=float)

# ---------------------------------------------------------------- references


def test_hand_maps_agree_with_scipy():
    # The maps in the checks were worked out by hand; scipy must agree with them.
    assert np.array_equal(ref.VERTICAL_EDGE, KERNEL)
    assert np.array_equal(
        scipy.signal.correlate2d(checks.SLIDE_IMAGE, KERNEL, "valid"), checks.SLIDE_MAP
    )
    assert np.array_equal(
        scipy.signal.correlate2d(checks.RAMP_IMAGE, KERNEL, "valid"), checks.RAMP_MAP
    )


def test_slide_image_is_the_slides():
    image = np.zeros((10, 10))
    image[:, 4:6] = 1
    assert np.array_equal(checks.SLIDE_IMAGE, image)


def test_reference_on_tiny_examples_by_hand():
    rising = [[0, 0, 1]] * 3  # right column minus left column: 3 * (1 - 0)
    falling = [[2, 5, 0]] * 3  # 3 * (0 - 2)
    assert ref.vertical_edge_map(rising).tolist() == [[3.0]]
    assert ref.vertical_edge_map(falling).tolist() == [[-6.0]]
    assert ref.vertical_edge_map(np.ones((4, 5))).tolist() == [[0.0] * 3] * 2


@pytest.mark.parametrize(
    ("image", "error", "message"),
    [
        (np.ones(5), ValueError, r"image must be 2-D, got shape \(5,\)"),
        (np.ones((2, 5)), ValueError, "larger than the image"),
        (np.array([["a"] * 3] * 3), TypeError, "numeric"),
        (np.full((3, 3), np.nan), ValueError, "finite"),
    ],
)
def test_reference_rejects_bad_input_clearly(image, error, message):
    with pytest.raises(error, match=message):
        ref.vertical_edge_map(image)


def test_reference_signs_by_hand():
    assert ref.edge_response_signs(checks.SLIDE_IMAGE) == ("positive", "negative")
    assert ref.edge_response_signs(checks.DARK_BAR_IMAGE) == ("negative", "positive")
    assert checks.SLIDE_SIGNS == ("positive", "negative")
    assert checks.DARK_BAR_SIGNS == ("negative", "positive")


@pytest.mark.parametrize("seed", range(20))
def test_reference_signs_follow_the_bar_s_brightness(seed):
    # Known by construction: a bar brighter than its background rises at its left edge.
    rng = np.random.default_rng(seed)
    dark = bool(seed % 2)
    image = checks.random_bar_image(rng, dark=dark)
    bar_is_brighter = image.max(axis=0)[0] < image.max()  # column 0 is background
    assert bar_is_brighter == (not dark)
    expected = ("negative", "positive") if dark else ("positive", "negative")
    assert ref.edge_response_signs(image) == expected


def test_random_bars_keep_both_edges_in_the_valid_map():
    for seed in range(300):
        image = checks.random_bar_image(np.random.default_rng(seed), dark=bool(seed % 2))
        bar = np.flatnonzero(image[0] != image[0, 0])
        assert 1 <= bar.size <= 4
        assert bar[0] >= 2 and bar[-1] <= image.shape[1] - 3
        assert np.array_equal(bar, np.arange(bar[0], bar[-1] + 1))  # one bar, no gap
        assert image.shape[0] >= 3


def test_reference_signs_refuse_an_image_without_edge():
    with pytest.raises(ValueError, match="no vertical edge"):
        ref.edge_response_signs(np.ones((4, 6)))


# ---------------------------------------------------------------- vertical_edge_map


def slicing(image):
    image = np.asarray(image, dtype=float)
    difference = image[:, 2:] - image[:, :-2]
    return difference[:-2] + difference[1:-1] + difference[2:]


def loops(image, kernel=KERNEL):
    image = np.asarray(image, dtype=float)
    out = np.zeros((image.shape[0] - kernel.shape[0] + 1, image.shape[1] - kernel.shape[1] + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kernel.shape[0], j : j + kernel.shape[1]] * kernel)
    return out


def ndimage_then_crop(image):
    """Correct, computed another way: scipy.ndimage centres the kernel; crop the border."""
    full = scipy.ndimage.correlate(np.asarray(image, dtype=float), KERNEL, mode="constant")
    return full[1:-1, 1:-1]


def one_row_difference(image):
    """The slicing solution without its second step: right minus left, rows not added."""
    image = np.asarray(image, dtype=float)
    return image[:, 2:] - image[:, :-2]


def adjacent_columns(image):
    """Neighbouring columns subtracted (one apart instead of two), three rows added."""
    image = np.asarray(image, dtype=float)
    difference = image[:, 1:] - image[:, :-1]
    return difference[:-2] + difference[1:-1] + difference[2:]


def uint8_slicing(image):
    difference = image[:, 2:] - image[:, :-2]  # wraps around for uint8 input
    return difference[:-2] + difference[1:-1] + difference[2:]


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


MAP_CASES = checks.vertical_edge_map_hand_cases() + checks.vertical_edge_map_random_cases(seed=3)


@pytest.mark.parametrize("func", [slicing, loops, ndimage_then_crop, ref.vertical_edge_map])
def test_right_maps_pass(func):
    assert messages(func, MAP_CASES, checks.VERTICAL_EDGE_MAP) == set()


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i: scipy.signal.convolve2d(i, KERNEL, "valid"), "every sign is flipped"),
        (lambda i: loops(i, -KERNEL), "every sign is flipped"),
        (lambda i: loops(i, KERNEL.T), "horizontal-edge kernel"),
        (lambda i: scipy.signal.correlate2d(i, KERNEL, "same"), "'same' mode"),
        (lambda i: scipy.signal.correlate2d(i, KERNEL, "full"), "'full' size"),
        (lambda i: loops(i).T, "transposed"),
        (lambda i: loops(i, KERNEL[:1]), "one-row kernel"),
        (one_row_difference, "did not add up the window's three rows"),
        (lambda i: one_row_difference(i)[1:-1], "did not add up the window's three rows"),
        (lambda i: one_row_difference(i)[:-2], "did not add up the window's three rows"),
        (adjacent_columns, "subtracted neighbouring columns"),
        (lambda i: adjacent_columns(i)[:, :-1], "subtracted neighbouring columns"),
        (lambda i: adjacent_columns(i)[:, 1:], "subtracted neighbouring columns"),
        (lambda i: loops(i, np.array([[-1.0, 1.0]] * 3)), "subtracted neighbouring columns"),
        (lambda i: loops(i, np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])), "Sobel's weights"),
        (uint8_slicing, "integer overflow"),
        (lambda i: None, "forget the `return`"),
    ],
)
def test_wrong_maps_are_named(wrong, expected):
    found = messages(wrong, MAP_CASES, checks.VERTICAL_EDGE_MAP)
    assert any(expected in message for message in found), found


def test_map_asserts_pass_right_and_fail_wrong():
    checks.assert_vertical_edge_map_hand(slicing)
    checks.assert_vertical_edge_map_random(ndimage_then_crop, seed=11)
    with pytest.raises(AssertionError, match="every sign is flipped"):
        checks.assert_vertical_edge_map_hand(lambda i: scipy.signal.convolve2d(i, KERNEL, "valid"))
    with pytest.raises(AssertionError, match="horizontal-edge"):
        checks.assert_vertical_edge_map_random(lambda i: loops(i, KERNEL.T), seed=11)
    with pytest.raises(NotImplementedError):
        checks.assert_vertical_edge_map_hand(stub)


def stub(*args):
    raise NotImplementedError()


# ---------------------------------------------------------------- edge_response_signs


def by_reasoning(image):
    """The lesson's solution: the sign of each brightness change across the row."""
    changes = np.diff(np.asarray(image, dtype=float)[0])
    left, right = changes[changes != 0][[0, -1]]
    return tuple("positive" if c > 0 else "negative" for c in (left, right))


def by_reading_the_map(image):
    """Correct too: read the first and last non-zero responses of the feature map."""
    row = slicing(image)[0]
    nonzero = row[row != 0]
    return [
        "Positive" if nonzero[0] > 0 else "Negative",
        "positive" if nonzero[-1] > 0 else "negative",
    ]


def convolution_signs(image):
    row = scipy.signal.convolve2d(image, KERNEL, "valid")[0]
    nonzero = row[row != 0]
    return tuple("positive" if v > 0 else "negative" for v in (nonzero[0], nonzero[-1]))


SIGN_CASES = checks.edge_response_signs_slide_cases() + checks.edge_response_signs_random_cases(
    seed=3
)


def sign_messages(func, cases=SIGN_CASES):
    return {o.message for o in run_cases(func, cases, checks.EDGE_RESPONSE_SIGNS) if not o.passed}


@pytest.mark.parametrize("func", [by_reasoning, by_reading_the_map, ref.edge_response_signs])
def test_right_signs_pass(func):
    assert sign_messages(func) == set()


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i: ("positive", "negative"), "answer for a bright bar"),
        (convolution_signs, "signs of convolution"),
        (lambda i: by_reasoning(i)[::-1], "signs of convolution"),
        (lambda i: (by_reasoning(i)[0],) * 2, "same sign"),
        (lambda i: (by_reasoning(i)[1],) * 2, "same sign"),
        (lambda i: ("zero", "zero"), "never gives a zero"),
        (lambda i: ("zero", by_reasoning(i)[1]), "never gives a zero"),
        (lambda i: (by_reasoning(i)[1], "zero"), "never gives a zero"),
        (lambda i: "positive", "pair of words"),
        (lambda i: ("positive", "negative", "zero"), "pair of words"),
        (lambda i: (1, -1), 'the word "positive"'),
        (lambda i: ("pos", "neg"), "your left answer is 'pos'"),
        (lambda i: None, "forget the `return`"),
    ],
)
def test_wrong_signs_are_named(wrong, expected):
    found = sign_messages(wrong)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize(
    "answer",
    [("positive", "negative"), ["POSITIVE ", "negative"], np.array(["positive", "negative"])],
)
def test_answer_forms_that_are_accepted(answer):
    value, problem = checks.words_as_numbers(answer)
    assert problem is None and value.tolist() == [1.0, -1.0]


def test_every_wrong_pair_of_words_is_named():
    # Nine possible answers per case: the right one passes, each of the eight others has a name.
    words = ("positive", "negative", "zero")
    for case in SIGN_CASES[:3]:
        for left in words:
            for right in words:
                found = sign_messages(lambda i, a=(left, right): a, [case])
                right_answer = ref.edge_response_signs(case.args[0]) == (left, right)
                assert (found == set()) == right_answer
                assert all("values differ" not in message for message in found), found


def test_sign_asserts_pass_right_and_fail_wrong():
    checks.assert_edge_response_signs_slide(by_reasoning)
    checks.assert_edge_response_signs_random(by_reasoning, seed=11)
    with pytest.raises(AssertionError, match="signs of convolution"):
        checks.assert_edge_response_signs_slide(convolution_signs)
    with pytest.raises(AssertionError, match="answer for a bright bar"):
        checks.assert_edge_response_signs_random(lambda i: ("positive", "negative"), seed=11)
    with pytest.raises(NotImplementedError):
        checks.assert_edge_response_signs_random(stub, seed=11)


def test_random_sign_cases_have_both_kinds_of_bar():
    labels = [case.label for case in checks.edge_response_signs_random_cases(seed=5)]
    assert any("dark bar" in label for label in labels)
    assert any("bright bar" in label for label in labels)


def test_hidden_cases_depend_on_the_seed():
    def images(seed):
        return [c.args[0] for c in checks.edge_response_signs_random_cases(seed)]

    first, second, again = images(1), images(2), images(1)
    assert any(a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(first, second))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    maps_1 = checks.vertical_edge_map_random_cases(1)[0].args[0]
    maps_2 = checks.vertical_edge_map_random_cases(2)[0].args[0]
    assert maps_1.shape != maps_2.shape or not np.array_equal(maps_1, maps_2)


def test_visible_checks_print_the_cause(capsys):
    checks.check_vertical_edge_map(lambda i: scipy.signal.convolve2d(i, KERNEL, "valid"))
    checks.check_edge_response_signs(convolution_signs)
    printed = capsys.readouterr().out
    assert "every sign is flipped" in printed and "signs of convolution" in printed
    assert len(printed.splitlines()) < 16  # two short reports, not a wall of numbers
