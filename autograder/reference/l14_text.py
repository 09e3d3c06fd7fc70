"""Lesson 14 references: characters as one-hot rows, n-gram kernels slid along a text.

A text of ``L`` characters becomes an ``(L, 27)`` one-hot matrix: columns 0-25 for the
letters a-z (upper case counts as lower case), column 26 for every other character. An
n-gram kernel has shape ``(k, 27)``; sliding it along the text is a valid cross-correlation
whose 2-D version (``scipy.signal.correlate2d``) has exactly one column, because the kernel
is as wide as the matrix.
"""

from __future__ import annotations

import string

import numpy as np
import scipy.signal

from autograder import validate

ALPHABET = string.ascii_lowercase
OTHER = 26  # the column for every character that is not a-z
N_SYMBOLS = 27


def char_to_index(char) -> int:
    """Column of ``char``: 'a'/'A' -> 0 ... 'z'/'Z' -> 25, anything else -> 26.

    Raises ``TypeError`` if ``char`` is not a string, ``ValueError`` if it is not exactly
    one character long.
    """
    if not isinstance(char, str):
        raise TypeError(f"char must be a string of one character, got {type(char).__name__}")
    if len(char) != 1:
        raise ValueError(f"char must be a single character, got {len(char)} characters: {char!r}")
    index = ALPHABET.find(char.lower())  # -1 when not a-z (a two-letter lower() is -1 too)
    return OTHER if index < 0 else index


def text_to_matrix(text, max_length=None) -> np.ndarray:
    """One-hot matrix of ``text``, shape ``(len(text), 27)``, or ``(max_length, 27)`` if given.

    With ``max_length`` the text is cut after ``max_length`` characters, or zero rows are
    added at the end. ``TypeError`` for a non-string text or a non-integer max_length,
    ``ValueError`` for a max_length below 1.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    if max_length is not None:
        max_length = validate.positive_int(max_length, "max_length")
    indices = np.array([char_to_index(char) for char in text], dtype=int)
    matrix = np.eye(N_SYMBOLS)[indices]
    if max_length is None:
        return matrix
    matrix = matrix[:max_length]
    return np.pad(matrix, ((0, max_length - len(matrix)), (0, 0)))


def char_matrix_and_kernels(matrix, kernels) -> tuple[np.ndarray, np.ndarray]:
    """Validate an ``(L, 27)`` matrix and ``(F, k, 27)`` kernels with ``k <= L``."""
    matrix = validate.as_array(matrix, "matrix", 2)
    kernels = validate.as_array(kernels, "kernels", 3)
    if matrix.shape[1] != N_SYMBOLS:
        raise ValueError(
            f"matrix must have {N_SYMBOLS} columns (a-z and 'other'), got shape {matrix.shape}"
        )
    if kernels.shape[2] != N_SYMBOLS:
        raise ValueError(f"kernels must have shape (F, k, {N_SYMBOLS}), got shape {kernels.shape}")
    if kernels.shape[1] > matrix.shape[0]:
        raise ValueError(
            f"the kernels are {kernels.shape[1]} characters long but the text has only "
            f"{matrix.shape[0]}: a valid output would be empty"
        )
    return matrix, kernels


def char_conv1d(matrix, kernels) -> np.ndarray:
    """Slide each kernel along the text: out[t, f] = sum over j, c of M[t + j, c] K[f, j, c].

    Returns shape ``(L - k + 1, F)``: one row per window start, one column per filter.
    """
    matrix, kernels = char_matrix_and_kernels(matrix, kernels)
    columns = [scipy.signal.correlate2d(matrix, kernel, mode="valid")[:, 0] for kernel in kernels]
    return np.stack(columns, axis=1)


def max_over_time(feature_maps) -> np.ndarray:
    """Largest value of each filter over all positions: ``(T, F)`` -> ``(F,)``."""
    feature_maps = validate.as_array(feature_maps, "feature_maps", 2)
    return np.max(feature_maps, axis=0)
