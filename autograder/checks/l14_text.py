"""Checks for lesson 14: one-hot text, n-gram kernels slid along it, max-over-time pooling.

Exercises: ``char_to_index(char)``, ``text_to_matrix(text, max_length=None)``,
``char_conv1d(matrix, kernels)`` and ``max_over_time(feature_maps)``.
"""

from __future__ import annotations

import string

import numpy as np

from autograder.cases import rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Raises,
    graded_assertion,
    visible_check,
)
from autograder.reference import l14_text as ref

N = ref.N_SYMBOLS

# ---------------------------------------------------------------- worked by hand

# char_to_index: position in the alphabet, counting from 0; upper case as lower case.
HAND_INDICES = {"a": 0, "z": 25, "A": 0, "Q": 16, "h": 7, " ": 26, "7": 26, "!": 26, "é": 26}

# "Hi!" -> h is letter 7, i is letter 8, "!" is "other" (26): one 1 per row.
HAND_TEXT = "Hi!"
HAND_TEXT_COLUMNS = [7, 8, 26]

# The text "tthe the" (t=19, h=7, e=4, space=26) and two 3-character kernels:
#   filter 0 is the one-hot "the": it counts the letters that match t, h, e in place;
#   filter 1 has a single 1 for "h" in the middle row.
# Window "tth": t=t (1) + t!=h (0) + h!=e (0) = 1, middle 't' != h -> 0
# Window "the": 1 + 1 + 1 = 3,                     middle 'h' == h -> 1
# Windows "he ", "e t", " th": no letter in its place -> 0, middle not h -> 0
# Window "the" again (the last one, at t = L - k = 5): 3 and 1.
# Eight characters, six windows: a loop one window short (range(L - k)) gives five rows, the
# first window only (slide 14's bug) one, a loop that stops early a last row of 0: three
# mistakes that the four-character "tthe" could not tell apart.
CONV_TEXT = "tthe the"
CONV_KERNEL_ROWS = [("the", None), (None, "h", None)]
CONV_EXPECTED = np.array([[1.0, 0.0], [3.0, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [3.0, 1.0]])

# Max over time of the map above: the largest value in each column.
POOL_HAND = CONV_EXPECTED
POOL_HAND_EXPECTED = np.array([3.0, 1.0])
# Every value negative: the maximum is the value closest to 0, not 0 and not the largest |x|.
POOL_NEGATIVE = np.array([[-2.0, -5.0], [-1.0, -7.0], [-4.0, -6.0]])
POOL_NEGATIVE_EXPECTED = np.array([-1.0, -5.0])


def hand_kernels() -> np.ndarray:
    """The two kernels of the hand example, shape (2, 3, 27)."""
    kernels = np.zeros((2, 3, N))
    kernels[0] = ref.text_to_matrix("the")
    kernels[1, 1, ref.char_to_index("h")] = 1.0
    return kernels


# ---------------------------------------------------------------- character pools

# Printable ASCII, Latin-1 and Latin Extended letters, Greek, Cyrillic: all the characters
# whose lower case is one character and stays outside ASCII unless the character is ASCII
# (this leaves out oddities such as the Kelvin sign, whose lower case is the letter k).
_POOL = "".join(
    c
    for c in [chr(i) for i in (*range(32, 127), *range(160, 592), *range(913, 970))]
    + [chr(i) for i in range(1040, 1104)]
    if len(c.lower()) == 1 and (c.isascii() or not c.lower().isascii()) and c.isprintable()
)
_TEXT_POOL = string.ascii_letters * 3 + "     ,.!?'-0123456789éèàüßñçΩλЖ"


def _random_text(rng, length: int) -> str:
    return "".join(rng.choice(list(_TEXT_POOL), size=length))


# ---------------------------------------------------------------- char_to_index


def _char_index_wrongs():
    def no_lower(char):  # only 'a' <= char <= 'z' counts as a letter
        return ord(char) - ord("a") if "a" <= char <= "z" else 26

    def slide(char):  # slide 14: ord(char) - ord('a') if char.isalpha() else 26
        return ord(char) - ord("a") if char.isalpha() else 26

    def lower_isalpha(char):  # lower-cased, but isalpha() also accepts é, ß, Ω ...
        return ord(char.lower()) - ord("a") if char.isalpha() else 26

    def find_minus_one(char):  # str.find returns -1 when the character is not a-z
        return string.ascii_lowercase.find(char.lower())

    def one_based(char):
        index = ref.char_to_index(char)
        return index + 1 if index < 26 else 26

    def other_is_zero(char):
        index = ref.char_to_index(char)
        return 0 if index == 26 else index

    def no_check(char):  # every character goes through ord(...) - ord('a')
        return ord(char.lower()) - ord("a")

    return (
        Misconception(
            "upper-case letters must count as lower case ('A' -> 0, 'Q' -> 16): "
            "lower-case the character first (char.lower())",
            no_lower,
        ),
        Misconception(
            "str.isalpha() is also True for letters outside a-z (é, ß, Ω ...), whose "
            "ord(...) - ord('a') is not a column at all; only a-z get 0-25, everything "
            "else is 26",
            lower_isalpha,
        ),
        Misconception(
            "not lower-cased: ord('A') - ord('a') is negative (-32). Lower-case the character "
            "first (char.lower()); this is the bug in slide 14's char_to_index",
            slide,
        ),
        Misconception(
            "characters that are not a-z must map to 26 ('other'), not -1: "
            "str.find returns -1 when it finds nothing",
            find_minus_one,
        ),
        Misconception(
            "off by one: count from 0, so 'a' -> 0 and 'z' -> 25 (ord(char) - ord('a'))",
            one_based,
        ),
        Misconception(
            "non-letters were mapped to a letter: every character that is not a-z "
            "(space, digit, punctuation, accented letter) must map to 26, not to 0 ('a')",
            other_is_zero,
        ),
        Misconception(
            "non-letters were mapped to a letter position: check that the character is "
            "between 'a' and 'z' before computing ord(char) - ord('a'); otherwise return 26",
            no_check,
        ),
    )


CHAR_TO_INDEX = Exercise(name="char_to_index", misconceptions=_char_index_wrongs())


def _index_case(label: str, char: str) -> Case:
    return Case(label, (char,), ref.char_to_index(char))


def char_to_index_hand_cases() -> list[Case]:
    """The worked examples: HAND_INDICES, checked against the reference in the tests."""
    return [Case(f"{char!r}", (char,), index) for char, index in HAND_INDICES.items()]


def char_to_index_letter_cases() -> list[Case]:
    lower = [_index_case(f"lower-case {c!r}", c) for c in string.ascii_lowercase]
    upper = [_index_case(f"upper-case {c!r}", c) for c in string.ascii_uppercase]
    return lower + upper


# The characters just outside a-z and A-Z in the ASCII table catch < versus <= mistakes.
_BOUNDARY_OTHERS = ["@", "[", "`", "{", " ", "\n", "0", "9", ".", "_", "é", "ß", "Ω", "ж"]


def char_to_index_other_cases(seed: int | None = None, count: int = 30) -> list[Case]:
    """Boundary characters, then (with a seed) random characters from many scripts."""
    cases = [_index_case(f"not a letter of a-z: {c!r}", c) for c in _BOUNDARY_OTHERS]
    if seed is not None:
        rng = rng_for(seed, "char_to_index")
        for number, char in enumerate(rng.choice(list(_POOL), size=count), start=1):
            cases.append(_index_case(f"random character {number}", str(char)))
    return cases


def char_to_index_bad_cases(seed: int | None = None) -> list[Case]:
    cases = [
        Case("empty string ''", ("",), Raises(ValueError, "it is not one character")),
        Case("two characters 'ab'", ("ab",), Raises(ValueError, "it is not one character")),
        Case("the number 5", (5,), Raises(TypeError, "it is not a string")),
        Case("None", (None,), Raises(TypeError, "it is not a string")),
    ]
    if seed is not None:
        rng = rng_for(seed, "char_to_index bad")
        length = int(rng.integers(2, 6))
        cases += [
            Case(
                "a word of several characters",
                (_random_text(rng, length),),
                Raises(ValueError, "it is not one character"),
            ),
            Case("a list holding one character", (["a"],), Raises(TypeError, "it is not a string")),
            Case("bytes", (b"a",), Raises(TypeError, "it is not a string")),
        ]
    return cases


# ---------------------------------------------------------------- text_to_matrix


def _one_hot(columns: list[int], rows: int | None = None) -> np.ndarray:
    matrix = np.zeros((len(columns) if rows is None else rows, N))
    for row, column in enumerate(columns[: len(matrix)]):
        matrix[row, column] = 1.0
    return matrix


def _matrix_with(index_of):
    """text_to_matrix built on a wrong char_to_index (negative indices wrap like Python's)."""

    def wrong(text, max_length=None):
        matrix = ref.text_to_matrix(text, max_length)
        out = np.zeros_like(matrix)
        for row, char in enumerate(text[: len(matrix)]):
            column = index_of(char)
            if column is not None:
                out[row, column] = 1.0  # raises IndexError (no answer) when out of range
        return out

    return wrong


def _default_ten(text, max_length=None):
    return ref.text_to_matrix(text, 10 if max_length is None else max_length)


def _no_padding(text, max_length=None):
    return ref.text_to_matrix(text[:max_length] if max_length else text)


def _padded_at_start(text, max_length=None):
    matrix = ref.text_to_matrix(text, max_length)
    used = min(len(text), len(matrix))
    return np.roll(matrix, len(matrix) - used, axis=0)


def _kept_end(text, max_length=None):
    if max_length is None or len(text) <= max_length:
        return ref.text_to_matrix(text, max_length)
    return ref.text_to_matrix(text[-max_length:], max_length)


TEXT_SHAPE_RULE = (
    "one row per character, shape (len(text), 27); with max_length, shape (max_length, 27)"
)

TEXT_TO_MATRIX = Exercise(
    name="text_to_matrix",
    shape_rule=TEXT_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "not lower-cased: upper-case letters went to column 26 ('other'); "
            "'H' and 'h' must both set column 7 (use text.lower() or char.lower())",
            _matrix_with(lambda c: ord(c) - ord("a") if "a" <= c <= "z" else 26),
        ),
        Misconception(
            "not lower-cased: ord('H') - ord('a') is negative, and a negative column index "
            "counts from the right, so 'H' landed in another letter's column; "
            "lower-case the text first",
            _matrix_with(lambda c: ord(c) - ord("a") if c.isalpha() else 26),
        ),
        Misconception(
            "characters that are not a-z must set column 26 ('other'); "
            "you left their rows all zero (zero rows are for padding only)",
            _matrix_with(lambda c: None if ref.char_to_index(c) == 26 else ref.char_to_index(c)),
        ),
        Misconception(
            "non-letters were mapped to a letter: a space, digit or punctuation mark must set "
            "column 26 ('other'), not column 0 ('a')",
            _matrix_with(lambda c: ref.char_to_index(c) % 26),
        ),
        Misconception(
            "non-letters were mapped to a letter: ord(char) - ord('a') is only a column for "
            "a-z; check the character first and use 26 for anything else",
            _matrix_with(lambda c: (ord(c.lower()) - ord("a")) % N),
        ),
        Misconception(
            "with max_length=None the matrix must have one row per character; you padded or "
            "cut the text to 10 rows anyway (slide 14's default, which cut 'hello world' "
            "to 'hello worl')",
            _default_ten,
        ),
        Misconception(
            "when the text is shorter than max_length, add zero rows at the end so that the "
            "matrix has exactly max_length rows",
            _no_padding,
        ),
        Misconception(
            "the zero rows of the padding go at the end, after the text, not before it",
            _padded_at_start,
        ),
        Misconception(
            "when the text is longer than max_length, keep its first max_length characters "
            "(text[:max_length]), not the last ones",
            _kept_end,
        ),
    ),
)


def text_to_matrix_hand_cases() -> list[Case]:
    return [
        Case("'Hi!' (worked by hand)", (HAND_TEXT,), _one_hot(HAND_TEXT_COLUMNS)),
        Case(
            "'Hi!' with max_length=5: two zero rows at the end",
            (HAND_TEXT,),
            _one_hot(HAND_TEXT_COLUMNS, rows=5),
            {"max_length": 5},
        ),
    ]


def _matrix_case(label: str, text: str, max_length=None) -> Case:
    kwargs = {} if max_length is None else {"max_length": max_length}
    return Case(label, (text,), ref.text_to_matrix(text, max_length), kwargs)


def text_to_matrix_length_cases() -> list[Case]:
    return [
        _matrix_case("'hello world' (11 characters, max_length=None)", "hello world"),
        _matrix_case("'Hi!' with max_length=2: cut to 'Hi'", HAND_TEXT, 2),
        _matrix_case("'Hello, World' with max_length=20", "Hello, World", 20),
        _matrix_case("'Hello, World' with max_length=5", "Hello, World", 5),
        _matrix_case("a text exactly max_length long", "abc", 3),
        _matrix_case("empty text: shape (0, 27)", ""),
        _matrix_case("empty text with max_length=3: three zero rows", "", 3),
    ]


def text_to_matrix_random_cases(seed: int, count: int = 6) -> list[Case]:
    rng = rng_for(seed, "text_to_matrix")
    cases = []
    for number in range(1, count + 1):
        length = int(rng.integers(3, 30))
        choice = number % 3  # 0: no max_length; 1: shorter than the text; 2: longer
        shorter, longer = int(rng.integers(1, length)), int(rng.integers(length + 1, length + 10))
        max_length = (None, shorter, longer)[choice]
        cases.append(_matrix_case(f"random text {number}", _random_text(rng, length), max_length))
    return cases


def text_to_matrix_bad_cases(seed: int | None = None) -> list[Case]:
    cases = [
        Case(
            "max_length=0",
            ("abc",),
            Raises(ValueError, "max_length must be at least 1"),
            {"max_length": 0},
        ),
        Case(
            "max_length=-2",
            ("abc",),
            Raises(ValueError, "max_length must be at least 1"),
            {"max_length": -2},
        ),
        Case("text is the number 42", (42,), Raises(TypeError, "text must be a string")),
    ]
    if seed is not None:
        rng = rng_for(seed, "text_to_matrix bad")
        text = _random_text(rng, int(rng.integers(2, 9)))
        cases += [
            Case(
                "a negative max_length",
                (text,),
                Raises(ValueError, "max_length must be at least 1"),
                {"max_length": -int(rng.integers(1, 20))},
            ),
            Case(
                "a list of characters instead of a string",
                (list(text),),
                Raises(TypeError, "text must be a string"),
            ),
            Case("None instead of a text", (None,), Raises(TypeError, "text must be a string")),
        ]
    return cases


# ---------------------------------------------------------------- char_conv1d


def _conv_with(kernel_change):
    def wrong(matrix, kernels):
        kernels = np.asarray(kernels, dtype=float)
        return ref.char_conv1d(matrix, kernel_change(kernels))

    return wrong


def _one_window_rows(matrix, kernels):
    return ref.char_conv1d(matrix, kernels)[:1]


def _one_window_flat(matrix, kernels):
    return ref.char_conv1d(matrix, kernels)[0]


def _loop_stops_early(matrix, kernels):
    out = ref.char_conv1d(matrix, kernels)
    out[-1] = 0.0
    return out


def _one_short(matrix, kernels):
    return ref.char_conv1d(matrix, kernels)[:-1]


def _length_l(matrix, kernels):
    out = ref.char_conv1d(matrix, kernels)
    return np.pad(out, ((0, np.shape(matrix)[0] - len(out)), (0, 0)))


CONV_SHAPE_RULE = "shape (L - k + 1, F): one row per window start, one column per filter"

CHAR_CONV1D = Exercise(
    name="char_conv1d",
    shape_rule=CONV_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you computed only the first window (the bug in slide 14): slide each kernel "
            "along the text, one output row for each of the L - k + 1 window starts",
            _one_window_rows,
        ),
        Misconception(
            "you computed only the first window (the bug in slide 14): slide each kernel "
            "along the text, one output row for each of the L - k + 1 window starts",
            _one_window_flat,
        ),
        Misconception(
            "you flipped the kernel along the text: that is convolution, and your 'the' "
            "detector would fire on 'eht'. Cross-correlation multiplies matrix[t + j] by "
            "kernel[j] as it is",
            _conv_with(lambda k: k[:, ::-1, :]),
        ),
        Misconception(
            "you flipped the kernel in both axes (scipy.signal.convolve2d or np.convolve do "
            "that): the rows now meet the wrong characters and the columns the wrong letters. "
            "Use the kernel as it is (cross-correlation)",
            _conv_with(lambda k: k[:, ::-1, ::-1]),
        ),
        Misconception(
            "the output is transposed: shape (F, L - k + 1). Put time first: "
            "out[t, f], one row per window start, one column per filter",
            lambda matrix, kernels: ref.char_conv1d(matrix, kernels).T,
        ),
        Misconception(
            "off by one: your loop stops one window early, so the last row stays 0; "
            "there are L - k + 1 windows (range(L - k + 1))",
            _loop_stops_early,
        ),
        Misconception(
            "off by one: the output has L - k rows (range(L - k) is one window short); "
            "there are L - k + 1 window starts, the last one at t = L - k: range(L - k + 1)",
            _one_short,
        ),
        Misconception(
            "your output has L rows: a valid cross-correlation keeps only the L - k + 1 "
            "windows that fit inside the text (the extra rows are not windows)",
            _length_l,
        ),
    ),
)


def char_conv1d_hand_cases() -> list[Case]:
    matrix = ref.text_to_matrix(CONV_TEXT)
    kernels = hand_kernels()
    return [
        Case(
            "'tthe the' with the 'the' kernel and a middle-'h' kernel (worked by hand)",
            (matrix, kernels),
            CONV_EXPECTED,
        ),
        Case("'tthe the' with the 'the' kernel only", (matrix, kernels[:1]), CONV_EXPECTED[:, :1]),
    ]


def _random_conv_input(rng, one_hot: bool):
    filters = int(rng.integers(1, 5))
    k = int(rng.integers(1, 6))
    length = int(rng.integers(k + 1, k + 14))
    if one_hot:
        matrix = ref.text_to_matrix(_random_text(rng, length))
    else:
        matrix = rng.uniform(-1.0, 1.0, size=(length, N))  # a learned embedding, say
    kernels = rng.integers(-3, 4, size=(filters, k, N)).astype(float)
    if not one_hot:
        kernels = rng.uniform(-1.0, 1.0, size=(filters, k, N))
    return matrix, kernels


def char_conv1d_random_cases(seed: int, count: int = 6) -> list[Case]:
    rng = rng_for(seed, "char_conv1d")
    cases = []
    for number in range(1, count + 1):
        matrix, kernels = _random_conv_input(rng, one_hot=number % 2 == 1)
        kind = "one-hot text" if number % 2 == 1 else "real-valued rows"
        label = (
            f"random case {number} ({kind}, L={len(matrix)}, {len(kernels)} filter(s) "
            f"of length {kernels.shape[1]})"
        )
        cases.append(Case(label, (matrix, kernels), ref.char_conv1d(matrix, kernels)))
    length = len(matrix)
    edge = rng.uniform(-1.0, 1.0, size=(2, length, N))
    cases.append(
        Case(
            "kernels as long as the text: one window", (matrix, edge), ref.char_conv1d(matrix, edge)
        )
    )
    return cases


_WORDS = (
    "the cat sat on the mat then they ate with other theatre fans at the heath "
    "bathe there ethos weather eth het teh eht hte th he"
).split()
NGRAMS = ("the", "eat", "at ", " th", "her", "eht")


def ngram_kernels(ngrams) -> np.ndarray:
    """One kernel per n-gram, shape (F, k, 27): the n-gram's own one-hot matrix."""
    return np.stack([ref.text_to_matrix(ngram) for ngram in ngrams])


def char_conv1d_detector_cases(seed: int, count: int = 4) -> list[Case]:
    """Sentences made of words rich in 'th', 'he', 'eat' and near misses; 3-gram kernels."""
    rng = rng_for(seed, "char_conv1d detector")
    cases = []
    for number in range(1, count + 1):
        words = rng.choice(_WORDS, size=int(rng.integers(4, 10)))
        sentence = " ".join(words)
        if number % 2 == 0:
            sentence = sentence.capitalize()
        ngrams = list(rng.choice(NGRAMS, size=int(rng.integers(1, 4)), replace=False))
        matrix, kernels = ref.text_to_matrix(sentence), ngram_kernels(ngrams)
        cases.append(
            Case(
                f"3-gram detectors on sentence {number}",
                (matrix, kernels),
                ref.char_conv1d(matrix, kernels),
            )
        )
    return cases


def char_conv1d_bad_cases(seed: int | None = None) -> list[Case]:
    matrix = ref.text_to_matrix("hello")
    cases = [
        Case(
            "kernels longer than the text",
            (matrix, np.ones((1, 6, N))),
            Raises(ValueError, "no window fits: the output would be empty"),
        ),
        Case(
            "kernels of 26 columns against a 27-column matrix",
            (matrix, np.ones((1, 3, 26))),
            Raises(ValueError, "the kernels' width does not match the matrix's 27 columns"),
        ),
        Case(
            "a single (k, 27) kernel without the filter axis",
            (matrix, np.ones((3, N))),
            Raises(ValueError, "kernels must be 3-D, shape (F, k, 27)"),
        ),
    ]
    if seed is not None:
        rng = rng_for(seed, "char_conv1d bad")
        length = int(rng.integers(2, 9))
        matrix = rng.uniform(size=(length, N))
        cases += [
            Case(
                "kernels longer than the text",
                (matrix, np.ones((2, length + 1, N))),
                Raises(ValueError, "no window fits: the output would be empty"),
            ),
            Case(
                "a 1-D matrix",
                (matrix[0], np.ones((1, 1, N))),
                Raises(ValueError, "the matrix must be 2-D, shape (L, 27)"),
            ),
            Case(
                "a matrix with a batch axis (3-D)",
                (matrix[None], np.ones((1, 1, N))),
                Raises(ValueError, "the matrix must be 2-D, shape (L, 27)"),
            ),
            Case(
                "a matrix with the wrong number of columns",
                (rng.uniform(size=(length, int(rng.integers(2, 26)))), np.ones((1, 1, N))),
                Raises(ValueError, "the matrix must have 27 columns"),
            ),
        ]
    return cases


# ---------------------------------------------------------------- max_over_time

MAX_OVER_TIME = Exercise(
    name="max_over_time",
    shape_rule="one number per filter: shape (F,) for maps of shape (T, F)",
    misconceptions=(
        Misconception(
            "you took the maximum over the filters (axis=1), one number per position; "
            "max over TIME keeps one number per filter: the maximum down each column (axis=0)",
            lambda maps: np.max(maps, axis=1),
        ),
        Misconception(
            "you took one maximum over everything; each filter keeps its own maximum "
            "(np.max(maps, axis=0))",
            lambda maps: np.max(maps),
        ),
        Misconception(
            "you returned where the maximum is (argmax), not its value",
            lambda maps: np.argmax(maps, axis=0),
        ),
        Misconception(
            "you averaged over time (mean pooling); max pooling keeps the largest value",
            lambda maps: np.mean(maps, axis=0),
        ),
        Misconception(
            "you took the largest absolute value; max pooling keeps the largest signed "
            "value, so for an all-negative column that is the one closest to 0",
            lambda maps: np.max(np.abs(maps), axis=0),
        ),
        Misconception(
            "you started the running maximum at 0, so a filter whose responses are all "
            "negative reports 0; start from the first row (or from -inf)",
            lambda maps: np.maximum(np.max(maps, axis=0), 0.0),
        ),
    ),
)


def max_over_time_hand_cases() -> list[Case]:
    return [
        Case("the 'tthe the' feature maps (worked by hand)", (POOL_HAND,), POOL_HAND_EXPECTED),
        Case("all values negative", (POOL_NEGATIVE,), POOL_NEGATIVE_EXPECTED),
    ]


def max_over_time_random_cases(seed: int, count: int = 5) -> list[Case]:
    rng = rng_for(seed, "max_over_time")
    cases = []
    for number in range(1, count + 1):
        steps, filters = (int(v) for v in rng.integers(2, 12, size=2))
        if steps == filters:
            steps += 1
        maps = rng.uniform(-3.0, 1.0, size=(steps, filters))
        cases.append(
            Case(
                f"random feature maps {number} ({steps} positions, {filters} filters)",
                (maps,),
                ref.max_over_time(maps),
            )
        )
    one = rng.uniform(-1.0, 1.0, size=(1, 4))
    cases.append(Case("a single position", (one,), ref.max_over_time(one)))
    return cases


def max_over_time_bad_cases(seed: int | None = None) -> list[Case]:
    cases = [
        Case(
            "a 1-D array",
            (np.arange(4.0),),
            Raises(ValueError, "feature maps must be 2-D, shape (T, F)"),
        ),
        Case(
            "a 3-D array",
            (np.ones((2, 3, 4)),),
            Raises(ValueError, "feature maps must be 2-D, shape (T, F)"),
        ),
    ]
    if seed is not None:
        rng = rng_for(seed, "max_over_time bad")
        filters = int(rng.integers(1, 6))
        cases += [
            Case(
                "no positions at all, shape (0, F)",
                (np.zeros((0, filters)),),
                Raises(ValueError, "there is no maximum of nothing"),
            ),
            Case(
                "a 1-D array",
                (rng.uniform(size=int(rng.integers(2, 9))),),
                Raises(ValueError, "feature maps must be 2-D, shape (T, F)"),
            ),
        ]
    return cases


# ---------------------------------------------------------------- front ends


check_char_to_index = visible_check(
    CHAR_TO_INDEX,
    lambda: (
        char_to_index_hand_cases()
        + char_to_index_letter_cases()
        + char_to_index_other_cases(seed=0)
        + char_to_index_bad_cases()
    ),
    doc="Visible check: worked examples, every letter, other characters, bad input.",
)

check_text_to_matrix = visible_check(
    TEXT_TO_MATRIX,
    lambda: (
        text_to_matrix_hand_cases()
        + text_to_matrix_length_cases()
        + text_to_matrix_random_cases(seed=0)
        + text_to_matrix_bad_cases()
    ),
    doc="Visible check: 'Hi!' by hand, lengths and padding, random texts, bad input.",
)

check_char_conv1d = visible_check(
    CHAR_CONV1D,
    lambda: (
        char_conv1d_hand_cases()
        + char_conv1d_random_cases(seed=0)
        + char_conv1d_detector_cases(seed=0, count=2)
        + char_conv1d_bad_cases()
    ),
    doc="Visible check: 'tthe the' by hand, random cases, 3-gram detectors, bad input.",
)


check_max_over_time = visible_check(
    MAX_OVER_TIME,
    lambda: (
        max_over_time_hand_cases() + max_over_time_random_cases(seed=0) + max_over_time_bad_cases()
    ),
    doc="Visible check: worked examples, random maps, bad input.",
)

assert_char_to_index_letters = graded_assertion(
    CHAR_TO_INDEX,
    lambda: char_to_index_hand_cases() + char_to_index_letter_cases(),
    "letters",
    doc="Graded: the worked examples and all 52 letters a-z, A-Z.",
)

assert_char_to_index_other = graded_assertion(
    CHAR_TO_INDEX,
    lambda seed: char_to_index_other_cases(seed=seed),
    "other",
    doc="Graded: characters outside a-z (boundaries, digits, accents, other scripts) -> 26.",
)

assert_char_to_index_bad_input = graded_assertion(
    CHAR_TO_INDEX,
    char_to_index_bad_cases,
    "bad_input",
    doc="Graded: a string that is not one character -> ValueError; a non-string -> TypeError.",
)

assert_text_to_matrix_hand = graded_assertion(
    TEXT_TO_MATRIX,
    text_to_matrix_hand_cases,
    "hand",
    doc="Graded: 'Hi!' worked out by hand, with and without max_length.",
)

assert_text_to_matrix_max_length = graded_assertion(
    TEXT_TO_MATRIX,
    text_to_matrix_length_cases,
    "max_length",
    doc="Graded: no padding without max_length; cut or zero-padded at the end with it.",
)

assert_text_to_matrix_random = graded_assertion(
    TEXT_TO_MATRIX,
    lambda seed: text_to_matrix_random_cases(seed, count=8),
    "random",
    doc="Graded: random mixed-case texts with digits, punctuation and accents.",
)

assert_text_to_matrix_bad_input = graded_assertion(
    TEXT_TO_MATRIX,
    text_to_matrix_bad_cases,
    "bad_input",
    doc="Graded: max_length below 1 -> ValueError; a text that is not a string -> TypeError.",
)

assert_char_conv1d_hand = graded_assertion(
    CHAR_CONV1D,
    char_conv1d_hand_cases,
    "hand",
    doc="Graded: the 'tthe the' example worked out by hand.",
)

assert_char_conv1d_random = graded_assertion(
    CHAR_CONV1D,
    lambda seed: char_conv1d_random_cases(seed, count=8),
    "random",
    doc="Graded: random one-hot and real-valued matrices, several filters, k from 1 to 5.",
)

assert_char_conv1d_detector = graded_assertion(
    CHAR_CONV1D,
    lambda seed: char_conv1d_detector_cases(seed),
    "detector",
    doc="Graded: 3-gram kernels on sentences reach 3 exactly where their 3-gram occurs.",
)

assert_char_conv1d_bad_input = graded_assertion(
    CHAR_CONV1D,
    char_conv1d_bad_cases,
    "bad_input",
    doc="Graded: wrong dimensions, wrong width, or kernels longer than the text -> ValueError.",
)

assert_max_over_time_values = graded_assertion(
    MAX_OVER_TIME,
    lambda seed: max_over_time_hand_cases() + max_over_time_random_cases(seed),
    "values",
    doc="Graded: the worked examples and random maps.",
)

assert_max_over_time_bad_input = graded_assertion(
    MAX_OVER_TIME,
    max_over_time_bad_cases,
    "bad_input",
    doc="Graded: maps that are not 2-D (T, F), or have no positions -> ValueError.",
)
