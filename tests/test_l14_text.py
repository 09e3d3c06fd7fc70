"""Lesson 14: references, and the checks' verdicts on right and wrong implementations."""

import string

import numpy as np
import pytest
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.checks import l14_text as checks
from autograder.feedback import run_cases
from autograder.reference import l14_text as ref

# ---------------------------------------------------------------- hand examples


def test_hand_indices_agree_with_the_alphabet():
    for char, index in checks.HAND_INDICES.items():
        position = string.ascii_lowercase.find(char.lower())
        assert index == (26 if position < 0 else position), char
        assert ref.char_to_index(char) == index


def test_hand_matrix_agrees_with_numpy():
    assert checks.HAND_TEXT_COLUMNS == [ord("h") - ord("a"), ord("i") - ord("a"), 26]
    expected = np.eye(27)[checks.HAND_TEXT_COLUMNS]
    assert np.array_equal(ref.text_to_matrix(checks.HAND_TEXT), expected)
    padded = ref.text_to_matrix(checks.HAND_TEXT, max_length=5)
    assert np.array_equal(padded[:3], expected) and not padded[3:].any()


def test_hand_feature_maps_agree_with_scipy():
    matrix = np.eye(27)[[19, 19, 7, 4, 26, 19, 7, 4]]  # "tthe the"
    kernels = checks.hand_kernels()
    assert np.array_equal(kernels[0], np.eye(27)[[19, 7, 4]])  # "the"
    maps = np.stack(
        [scipy.signal.correlate2d(matrix, kernel, "valid")[:, 0] for kernel in kernels], axis=1
    )
    assert np.array_equal(maps, checks.CONV_EXPECTED)
    assert np.array_equal(ref.char_conv1d(matrix, kernels), checks.CONV_EXPECTED)


def test_one_window_short_and_first_window_only_differ_on_the_hand_case():
    """Issue 15: with "tthe" (two windows), range(L - k) left one row, like slide 14's first
    window only, and was named so. The longer hand text tells the three apart."""
    cases = checks.char_conv1d_hand_cases()[:1]
    names = {
        "range(L - k) is one window short": lambda m, ks: conv_loops(m, ks)[:-1],
        "only the first window": lambda m, ks: conv_loops(m, ks)[:1],
        "stops one window early": _stops_early,
    }
    for expected, wrong in names.items():
        found = {o.message for o in run_cases(wrong, cases, checks.CHAR_CONV1D) if not o.passed}
        assert len(found) == 1 and expected in found.pop(), (expected, found)


def test_hand_pooling_agrees_with_numpy():
    assert np.array_equal(np.max(checks.POOL_HAND, axis=0), checks.POOL_HAND_EXPECTED)
    assert np.array_equal(np.max(checks.POOL_NEGATIVE, axis=0), checks.POOL_NEGATIVE_EXPECTED)


# ---------------------------------------------------------------- references


def test_reference_tiny_examples_by_hand():
    assert [ref.char_to_index(c) for c in "aZ !é"] == [0, 25, 26, 26, 26]
    assert ref.text_to_matrix("").shape == (0, 27)
    assert ref.text_to_matrix("ab", max_length=1).tolist() == [[1.0] + [0.0] * 26]
    # One kernel, k=1, weight 5 on 'b': the response is 5 where the text has a 'b'.
    kernel = np.zeros((1, 1, 27))
    kernel[0, 0, 1] = 5.0
    assert ref.char_conv1d(ref.text_to_matrix("abB"), kernel).tolist() == [[0.0], [5.0], [5.0]]
    assert ref.max_over_time([[1, -2], [0, -1]]).tolist() == [1.0, -1.0]


def test_reference_matches_an_independent_sliding_window():
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(12, 27))
    kernels = rng.normal(size=(3, 4, 27))
    windows = sliding_window_view(matrix, 4, axis=0)  # (9, 27, 4)
    expected = np.einsum("tcj,fjc->tf", windows, kernels)
    assert np.allclose(ref.char_conv1d(matrix, kernels), expected)


@pytest.mark.parametrize("ngram", ["the", "at ", "eht"])
def test_an_ngram_kernel_reaches_3_exactly_at_its_occurrences(ngram):
    sentence = "The other one wrote eht, the reverse of the cat at the heath"
    response = ref.char_conv1d(ref.text_to_matrix(sentence), checks.ngram_kernels([ngram]))[:, 0]
    occurrences = [t for t in range(len(sentence) - 2) if sentence[t : t + 3].lower() == ngram]
    assert occurrences, "the sentence must contain the n-gram"
    assert np.flatnonzero(response == 3).tolist() == occurrences
    assert response.max() == 3 and np.all(np.delete(response, occurrences) <= 2)


@pytest.mark.parametrize(
    ("function", "args", "error", "message"),
    [
        (ref.char_to_index, ("ab",), ValueError, "single character, got 2"),
        (ref.char_to_index, ("",), ValueError, "single character"),
        (ref.char_to_index, (5,), TypeError, "must be a string"),
        (ref.text_to_matrix, (42,), TypeError, "text must be a string"),
        (ref.text_to_matrix, ("abc", 0), ValueError, "max_length must be at least 1, got 0"),
        (ref.text_to_matrix, ("abc", 2.5), TypeError, "max_length must be an integer"),
        (ref.char_conv1d, (np.ones((5, 27)), np.ones((1, 6, 27))), ValueError, "empty"),
        (ref.char_conv1d, (np.ones((5, 27)), np.ones((1, 3, 26))), ValueError, r"\(F, k, 27\)"),
        (ref.char_conv1d, (np.ones((5, 26)), np.ones((1, 3, 27))), ValueError, "27 columns"),
        (ref.char_conv1d, (np.ones((5, 27)), np.ones((3, 27))), ValueError, "must be 3-D"),
        (ref.char_conv1d, (np.ones(27), np.ones((1, 1, 27))), ValueError, "must be 2-D"),
        (ref.max_over_time, (np.ones(4),), ValueError, "must be 2-D"),
        (ref.max_over_time, (np.ones((0, 3)),), ValueError, "must not be empty"),
    ],
)
def test_reference_rejects_bad_input_clearly(function, args, error, message):
    with pytest.raises(error, match=message):
        function(*args)


# ---------------------------------------------------------------- right implementations


def index_by_dict(char):
    if not isinstance(char, str):
        raise TypeError("char must be a string")
    if len(char) != 1:
        raise ValueError("char must be one character")
    table = {c: i for i, c in enumerate(string.ascii_lowercase)}
    return table.get(char.lower(), 26)


def matrix_by_eye(text, max_length=None):
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    if max_length is not None and max_length < 1:
        raise ValueError("max_length must be at least 1")
    columns = [index_by_dict(c) for c in text]
    rows = len(text) if max_length is None else max_length
    out = np.zeros((rows, 27))
    out[np.arange(min(rows, len(columns))), columns[:rows]] = 1
    return out


def conv_loops(matrix, kernels):
    matrix, kernels = np.asarray(matrix, float), np.asarray(kernels, float)
    if matrix.ndim != 2 or matrix.shape[1] != 27 or kernels.ndim != 3:
        raise ValueError("matrix must be (L, 27) and kernels (F, k, 27)")
    if kernels.shape[2] != 27 or kernels.shape[1] > len(matrix):
        raise ValueError("kernels must be (F, k, 27) with k <= L")
    k = kernels.shape[1]
    out = np.zeros((len(matrix) - k + 1, len(kernels)))
    for t in range(len(out)):
        for f, kernel in enumerate(kernels):
            out[t, f] = np.sum(matrix[t : t + k] * kernel)
    return out


def conv_einsum(matrix, kernels):
    """Correct, computed another way: all windows at once, then one tensor contraction."""
    matrix, kernels = np.asarray(matrix, float), np.asarray(kernels, float)
    conv_loops(matrix[: kernels.shape[1]] if matrix.ndim == 2 else matrix, kernels)  # validate
    windows = sliding_window_view(matrix, kernels.shape[1], axis=0)
    return np.einsum("tcj,fjc->tf", windows, kernels)


def pool_sorted(maps):
    maps = np.asarray(maps, float)
    if maps.ndim != 2 or maps.shape[0] == 0:
        raise ValueError("feature maps must be 2-D with at least one row")
    return np.sort(maps, axis=0)[-1]


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


def all_cases(prefix, seed=3):
    if prefix == "char_to_index":
        return (
            checks.char_to_index_hand_cases()
            + checks.char_to_index_letter_cases()
            + checks.char_to_index_other_cases(seed)
            + checks.char_to_index_bad_cases(seed)
        )
    if prefix == "text_to_matrix":
        return (
            checks.text_to_matrix_hand_cases()
            + checks.text_to_matrix_length_cases()
            + checks.text_to_matrix_random_cases(seed)
            + checks.text_to_matrix_bad_cases(seed)
        )
    if prefix == "char_conv1d":
        return (
            checks.char_conv1d_hand_cases()
            + checks.char_conv1d_random_cases(seed)
            + checks.char_conv1d_detector_cases(seed)
            + checks.char_conv1d_bad_cases(seed)
        )
    return (
        checks.max_over_time_hand_cases()
        + checks.max_over_time_random_cases(seed)
        + checks.max_over_time_bad_cases(seed)
    )


@pytest.mark.parametrize(
    ("func", "prefix", "exercise"),
    [
        (index_by_dict, "char_to_index", checks.CHAR_TO_INDEX),
        (ref.char_to_index, "char_to_index", checks.CHAR_TO_INDEX),
        (matrix_by_eye, "text_to_matrix", checks.TEXT_TO_MATRIX),
        (ref.text_to_matrix, "text_to_matrix", checks.TEXT_TO_MATRIX),
        (conv_loops, "char_conv1d", checks.CHAR_CONV1D),
        (conv_einsum, "char_conv1d", checks.CHAR_CONV1D),
        (ref.char_conv1d, "char_conv1d", checks.CHAR_CONV1D),
        (pool_sorted, "max_over_time", checks.MAX_OVER_TIME),
        (ref.max_over_time, "max_over_time", checks.MAX_OVER_TIME),
    ],
)
def test_right_implementations_pass(func, prefix, exercise):
    assert messages(func, all_cases(prefix), exercise) == set()


# ---------------------------------------------------------------- wrong implementations


def _index_then(wrong_index):
    def matrix(text, max_length=None):
        rows = len(text) if max_length is None else max_length
        out = np.zeros((rows, 27))
        for i, char in enumerate(text[:rows]):
            column = wrong_index(char)
            if column is not None:
                out[i, column] = 1
        return out

    return matrix


WRONG_INDEX = [
    (lambda c: ord(c) - 97 if "a" <= c <= "z" else 26, "upper-case letters must count"),
    (lambda c: ord(c) - 97 if c.isalpha() else 26, "slide 14's char_to_index"),
    (lambda c: ord(c.lower()) - 97 if c.isalpha() else 26, "str.isalpha() is also True"),
    (lambda c: string.ascii_lowercase.find(c.lower()), "not -1"),
    (lambda c: index_by_dict(c) + (index_by_dict(c) < 26), "off by one"),
    (lambda c: index_by_dict(c) % 26, "not to 0 ('a')"),
    (lambda c: ord(c.lower()) - 97, "check that the character is between 'a' and 'z'"),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG_INDEX)
def test_wrong_char_to_index_is_named(wrong, expected):
    found = messages(wrong, all_cases("char_to_index"), checks.CHAR_TO_INDEX)
    assert any(expected in message for message in found), found


def _padded_front(text, max_length=None):
    out = matrix_by_eye(text, max_length)
    used = min(len(text), len(out))
    return np.concatenate([out[used:], out[:used]])


WRONG_MATRIX = [
    (_index_then(lambda c: ord(c) - 97 if "a" <= c <= "z" else 26), "went to column 26"),
    (_index_then(lambda c: ord(c) - 97 if c.isalpha() else 26), "counts from the right"),
    (_index_then(lambda c: None if index_by_dict(c) == 26 else index_by_dict(c)), "all zero"),
    (_index_then(lambda c: index_by_dict(c) % 26), "not column 0 ('a')"),
    (_index_then(lambda c: (ord(c.lower()) - 97) % 27), "check the character first"),
    (lambda text, max_length=10: matrix_by_eye(text, max_length), "slide 14's default"),
    (lambda text, max_length=None: matrix_by_eye(text[:max_length]), "add zero rows at the end"),
    (_padded_front, "not before it"),
    (
        lambda text, max_length=None: matrix_by_eye(
            text[-max_length:] if max_length and len(text) > max_length else text, max_length
        ),
        "keep its first max_length characters",
    ),
    (lambda text, max_length=None: matrix_by_eye(text, max_length).T, "transposed"),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG_MATRIX)
def test_wrong_text_to_matrix_is_named(wrong, expected):
    found = messages(wrong, all_cases("text_to_matrix"), checks.TEXT_TO_MATRIX)
    assert any(expected in message for message in found), found


def _stops_early(matrix, kernels):
    out = conv_loops(matrix, kernels)
    out[-1] = 0
    return out


WRONG_CONV = [
    (  # slide 14: one number per kernel, the first window only
        lambda m, ks: np.array([np.sum(np.asarray(m)[: k.shape[0]] * k) for k in ks]),
        "only the first window",
    ),
    (lambda m, ks: conv_loops(m, ks)[:1], "only the first window"),
    (lambda m, ks: conv_loops(m, np.asarray(ks)[:, ::-1]), "would fire on 'eht'"),
    (
        lambda m, ks: np.stack(
            [scipy.signal.convolve2d(m, k, "valid")[:, 0] for k in np.asarray(ks)], axis=1
        ),
        "flipped the kernel in both axes",
    ),
    (lambda m, ks: conv_loops(m, ks).T, "shape (F, L - k + 1)"),
    (_stops_early, "stops one window early"),
    (lambda m, ks: conv_loops(m, ks)[:-1], "range(L - k) is one window short"),
    (
        lambda m, ks: np.pad(conv_loops(m, ks), ((0, np.shape(ks)[1] - 1), (0, 0))),
        "your output has L rows",
    ),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG_CONV)
def test_wrong_char_conv1d_is_named(wrong, expected):
    found = messages(wrong, all_cases("char_conv1d"), checks.CHAR_CONV1D)
    assert any(expected in message for message in found), found


WRONG_POOL = [
    (lambda m: np.max(m, axis=1), "maximum over the filters"),
    (lambda m: np.max(m), "one maximum over everything"),
    (lambda m: np.argmax(m, axis=0), "argmax"),
    (lambda m: np.mean(m, axis=0), "mean pooling"),
    (lambda m: np.max(np.abs(m), axis=0), "largest absolute value"),
    (
        lambda m: np.array([max([0.0, *column]) for column in np.asarray(m).T]),
        "started the running maximum at 0",
    ),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the mean of an empty (0, F) map
@pytest.mark.parametrize(("wrong", "expected"), WRONG_POOL)
def test_wrong_max_over_time_is_named(wrong, expected):
    found = messages(wrong, all_cases("max_over_time"), checks.MAX_OVER_TIME)
    assert any(expected in message for message in found), found


def test_missing_validation_is_caught():
    no_check_index = lambda c: index_by_dict(c) if len(c) == 1 else 0  # noqa: E731
    found = messages(no_check_index, checks.char_to_index_bad_cases(1), checks.CHAR_TO_INDEX)
    assert any("should raise ValueError" in message for message in found), found
    found = messages(np.max, checks.max_over_time_bad_cases(1), checks.MAX_OVER_TIME)
    assert any("should raise ValueError" in message for message in found), found


# ---------------------------------------------------------------- graded asserts


def test_assert_functions_pass_right_implementations():
    checks.assert_char_to_index_letters(index_by_dict)
    checks.assert_char_to_index_other(index_by_dict, seed=11)
    checks.assert_char_to_index_bad_input(index_by_dict, seed=11)
    checks.assert_text_to_matrix_hand(matrix_by_eye)
    checks.assert_text_to_matrix_max_length(matrix_by_eye)
    checks.assert_text_to_matrix_random(matrix_by_eye, seed=11)
    checks.assert_text_to_matrix_bad_input(matrix_by_eye, seed=11)
    checks.assert_char_conv1d_hand(conv_einsum)
    checks.assert_char_conv1d_random(conv_einsum, seed=11)
    checks.assert_char_conv1d_detector(conv_loops, seed=11)
    checks.assert_char_conv1d_bad_input(conv_loops, seed=11)
    checks.assert_max_over_time_values(pool_sorted, seed=11)
    checks.assert_max_over_time_bad_input(pool_sorted, seed=11)


@pytest.mark.parametrize(
    ("assertion", "wrong", "match"),
    [
        (checks.assert_char_to_index_letters, WRONG_INDEX[0][0], "upper-case"),
        (lambda f: checks.assert_char_to_index_other(f, seed=11), WRONG_INDEX[3][0], "-1"),
        (lambda f: checks.assert_char_to_index_bad_input(f, seed=11), lambda c: 0, "should raise"),
        (checks.assert_text_to_matrix_hand, WRONG_MATRIX[0][0], "not lower-cased"),
        (checks.assert_text_to_matrix_max_length, WRONG_MATRIX[5][0], "slide 14's default"),
        (lambda f: checks.assert_text_to_matrix_random(f, seed=11), WRONG_MATRIX[2][0], "zero"),
        (
            lambda f: checks.assert_text_to_matrix_bad_input(f, seed=11),
            lambda text, max_length=None: np.zeros((0, 27)),
            "should raise",
        ),
        (checks.assert_char_conv1d_hand, WRONG_CONV[2][0], "eht"),
        (lambda f: checks.assert_char_conv1d_random(f, seed=11), WRONG_CONV[4][0], r"\(F, L"),
        (lambda f: checks.assert_char_conv1d_detector(f, seed=11), WRONG_CONV[0][0], "first"),
        (
            lambda f: checks.assert_char_conv1d_bad_input(f, seed=11),
            lambda m, ks: np.zeros((1, 1)),
            "should raise ValueError",
        ),
        (lambda f: checks.assert_max_over_time_values(f, seed=11), WRONG_POOL[0][0], "filters"),
        (
            lambda f: checks.assert_max_over_time_bad_input(f, seed=11),
            lambda m: np.zeros(3),
            "should raise ValueError",
        ),
    ],
)
def test_assert_functions_fail_wrong_implementations(assertion, wrong, match):
    with pytest.raises(AssertionError, match=match):
        assertion(wrong)


def test_unimplemented_stub_raises_not_implemented():
    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        checks.assert_char_conv1d_random(stub, seed=1)


def test_hidden_cases_depend_on_the_seed():
    def texts(seed):
        return [case.args[0] for case in checks.text_to_matrix_random_cases(seed)]

    assert texts(1) != texts(2)
    assert texts(1) == texts(1)
    first = checks.char_conv1d_random_cases(1)[0].args[0]
    assert not np.array_equal(first, checks.char_conv1d_random_cases(2)[0].args[0])
    assert np.array_equal(first, checks.char_conv1d_random_cases(1)[0].args[0])


def test_random_characters_avoid_case_mapping_oddities():
    for char in checks._POOL:
        lower = char.lower()
        assert len(lower) == 1
        assert char.isascii() or not lower.isascii()


def test_visible_checks_print_the_cause(capsys):
    checks.check_char_conv1d(WRONG_CONV[2][0])
    printed = capsys.readouterr().out
    assert "'eht'" in printed
    assert len(printed.splitlines()) < 12
    checks.check_text_to_matrix(ref.text_to_matrix)
    assert "all 18 checks passed" in capsys.readouterr().out
