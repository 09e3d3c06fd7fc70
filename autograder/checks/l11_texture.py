"""Checks for lesson 11: ``texture_energy``, ``classify_patch`` and ``log_distance``.

``classify_patch`` returns a name, which the feedback engine can only call right or
"wrong answer"; this module adds what the learner needs on a wrong label: what was
predicted for which texture, and whether it is the *farthest* reference (largest distance
taken instead of the smallest).

The hidden cases of ``classify_patch`` cut 64x64 patches from rows 256-511 of scikit-image's
brick, gravel and grass textures, which the lesson never shows (its image holds rows 0-255).
``tests/test_l11_texture.py`` proves the reference classifier right on every such patch of
a dense grid before any learner is graded on them.
"""

from __future__ import annotations

import functools

import numpy as np
import scipy.ndimage
import scipy.signal
import skimage.data

from autograder.cases import rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Outcome,
    Raises,
    graded_assertion,
    run_case,
    run_cases,
    visible_check,
)
from autograder.reference import l11_texture as ref
from course.texture import TEXTURE_NAMES, laws_mask, material_bands

# ---------------------------------------------------------------------- texture_energy

# Columns 0 0 3 3 and the kernel [-1, 2, -1] (symmetric, so convolution = correlation):
# with 'symm' borders the responses along a row are
#   -0 + 2*0 - 0 = 0,  -0 + 2*0 - 3 = -3,  -0 + 2*3 - 3 = 3,  -3 + 2*3 - 3 = 0,
# their absolute values 0 3 3 0, and the mean over a 3x3 window ('reflect' repeats the
# border value) (0+0+3)/3 = 1, (0+3+3)/3 = 2, (3+3+0)/3 = 2, (3+0+0)/3 = 1 in every row.
HAND_IMAGE = np.array([[0, 0, 3, 3]] * 3, dtype=float)
HAND_KERNEL = np.array([[-1, 2, -1]], dtype=float)
HAND_ABS_RESPONSE = np.array([[0, 3, 3, 0]] * 3, dtype=float)
HAND_ENERGY = np.array([[1, 2, 2, 1]] * 3, dtype=float)


def _response(image, kernel, correlate=False, boundary="symm", mode="same"):
    function = scipy.signal.correlate2d if correlate else scipy.signal.convolve2d
    return function(
        np.asarray(image, dtype=float),
        np.asarray(kernel, dtype=float),
        mode=mode,
        boundary=boundary,
    )


def _energy(response_options=None, transform=np.abs, size=lambda w: w, mode="reflect", after=None):
    """The energy computed with one step changed, for the misconceptions below."""

    def wrong(image, kernel, window=15):
        response = _response(image, kernel, **(response_options or {}))
        local = scipy.ndimage.uniform_filter(transform(response), size=size(window), mode=mode)
        return after(local, window) if after else local

    return wrong


TEXTURE_ENERGY = Exercise(
    name="texture_energy",
    shape_rule="the energy map has the image's shape (H, W)",
    misconceptions=(
        Misconception(
            "you correlated instead of convolving: the contract uses "
            "scipy.signal.convolve2d, which flips the kernel (for a symmetric kernel it makes "
            "no difference, for this one it does)",
            _energy({"correlate": True}),
        ),
        Misconception(
            "you averaged the signed response: positive and negative values cancel, so the "
            "energy is near 0 everywhere; average np.abs(response) instead",
            _energy(transform=lambda response: response),
        ),
        Misconception(
            "you took the absolute value after averaging; take it before (mean of "
            "|response|), otherwise positive and negative responses cancel",
            _energy(transform=lambda response: response, after=lambda local, w: np.abs(local)),
        ),
        Misconception(
            "you averaged the squared response; Laws' energy (and the contract) averages the "
            "absolute response, np.abs(response)",
            _energy(transform=np.square),
        ),
        Misconception(
            "you took the root of the mean squared response; the contract averages the "
            "absolute response, np.abs(response)",
            _energy(transform=np.square, after=lambda local, w: np.sqrt(local)),
        ),
        Misconception(
            "you summed over the window instead of averaging: your values are window**2 times "
            "too large; uniform_filter gives the mean",
            _energy(after=lambda local, window: local * window**2),
        ),
        Misconception(
            "you did not average over the window: that is |response| itself; "
            "smooth it with uniform_filter(..., size=window)",
            lambda image, kernel, window=15: np.abs(_response(image, kernel)),
        ),
        Misconception(
            "you used a (2 * window + 1)-wide square: window is the side of the square, "
            "not its radius",
            _energy(size=lambda window: 2 * window + 1),
        ),
        Misconception(
            "the border of the energy map is too dark: uniform_filter(mode='constant') "
            "averages in zeros outside the image; use mode='reflect'",
            _energy(mode="constant"),
        ),
        Misconception(
            "the border of the energy map is wrong: mode='mirror' skips the border pixel when "
            "mirroring; use mode='reflect' (the same mirror as convolve2d's boundary='symm')",
            _energy(mode="mirror"),
        ),
        Misconception(
            "the border of the energy map is wrong: mode='nearest' repeats the border value "
            "outwards; use mode='reflect'",
            _energy(mode="nearest"),
        ),
        Misconception(
            "the border of the response is wrong: you padded with zeros (boundary='fill', "
            "convolve2d's default); use boundary='symm'",
            _energy({"boundary": "fill"}),
        ),
        Misconception(
            "the border of the response is wrong: boundary='wrap' glues opposite edges "
            "together; use boundary='symm'",
            _energy({"boundary": "wrap"}),
        ),
        Misconception(
            "you returned one number, the mean over the whole image; the texture energy is a "
            "map with a value for every pixel (the mean over a window around it)",
            lambda image, kernel, window=15: np.mean(np.abs(_response(image, kernel))),
        ),
    ),
)

BAD_ENERGY_INPUTS = (
    ("window 0", (HAND_IMAGE, HAND_KERNEL), {"window": 0}, "a window needs at least 1 pixel"),
    ("an even window", (HAND_IMAGE, HAND_KERNEL), {"window": 4}, "an even window has no centre"),
    ("a 1-D kernel", (HAND_IMAGE, np.array([-1.0, 2.0, -1.0])), {}, "a kernel is 2-D"),
    ("an even-sized kernel", (np.ones((6, 6)), np.ones((4, 4))), {}, "it has no centre pixel"),
    ("a kernel larger than the image", (np.ones((3, 4)), np.ones((5, 5))), {}, "it does not fit"),
)
HIDDEN_BAD_ENERGY_INPUTS = (
    ("a colour image", (np.ones((6, 7, 3)), np.ones((3, 3))), {}, "the image must be 2-D"),
    ("window -3", (np.ones((6, 7)), np.ones((3, 3))), {"window": -3}, "a window is positive"),
    ("a 2x3 kernel", (np.ones((6, 7)), np.ones((2, 3))), {}, "it has no centre pixel"),
    (
        "a NaN pixel",
        (np.array([[0.0, np.nan, 1.0]] * 3), np.ones((1, 1))),
        {},
        "NaN is not a brightness",
    ),
    ("a 7x7 kernel on a 5x5 image", (np.ones((5, 5)), np.ones((7, 7))), {}, "it does not fit"),
)


def _energy_hand_cases() -> list[Case]:
    return [
        Case(
            "3x4 image, kernel [-1, 2, -1], window 3 (worked by hand)",
            (HAND_IMAGE, HAND_KERNEL),
            HAND_ENERGY,
            {"window": 3},
        ),
        Case(
            "window 1: just the absolute response",
            (HAND_IMAGE, HAND_KERNEL),
            HAND_ABS_RESPONSE,
            {"window": 1},
        ),
        Case(
            "the same example as a uint8 image",
            (HAND_IMAGE.astype(np.uint8), HAND_KERNEL),
            HAND_ENERGY,
            {"window": 3},
        ),
    ]


def _energy_random_cases(seed: int, count: int = 5) -> list[Case]:
    rng = rng_for(seed, "texture_energy")
    cases = []
    for index in range(count):
        height, width = (int(v) for v in rng.integers(8, 21, size=2))
        if height == width:
            width += 1
        kh, kw = (int(v) for v in rng.choice([1, 3, 5], size=2))
        if index < 2:
            kh, kw = 3, 5  # non-square, asymmetric: catches correlation and swapped axes
        window = int(rng.choice([3, 5, 7]))
        image = rng.uniform(0, 1, size=(height, width))
        kernel = rng.integers(-3, 4, size=(kh, kw)).astype(float)
        cases.append(
            Case(
                f"random case {index + 1} ({height}x{width} image, {kh}x{kw} kernel, "
                f"window {window})",
                (image, kernel),
                ref.texture_energy(image, kernel, window),
                {"window": window},
            )
        )
    image = rng.uniform(0, 1, size=(20, 23))
    kernel = rng.integers(-3, 4, size=(3, 3)).astype(float)
    cases.append(
        Case(
            "default window (15) on a 20x23 image",
            (image, kernel),
            ref.texture_energy(image, kernel),
        )
    )
    return cases


def _energy_real_case() -> Case:
    crop = material_bands()["brick"][:40, :60]
    mask = laws_mask("L5E5")
    return Case(
        "40x60 crop of the brick texture, Laws mask L5E5, window 9",
        (crop, mask),
        ref.texture_energy(crop, mask, 9),
        {"window": 9},
    )


def _bad_energy_cases(hidden: bool = False) -> list[Case]:
    table = HIDDEN_BAD_ENERGY_INPUTS if hidden else BAD_ENERGY_INPUTS
    return [
        Case(label, args, Raises(ValueError, why), kwargs) for label, args, kwargs, why in table
    ]


def texture_energy_cases(seed: int = 0) -> list[Case]:
    """Hand-worked, random, real-image and bad-input cases for ``texture_energy``."""
    return (
        _energy_hand_cases()
        + _energy_random_cases(seed)
        + [_energy_real_case()]
        + _bad_energy_cases()
    )


# ---------------------------------------------------------------------- classify_patch

PATCH_SIZE = 64
UNSEEN_ROWS = (256, 512)  # rows of skimage.data.brick() etc. that the lesson never shows
# References of every case: the top half of each band of the lesson's image (rows 0-127).
# Visible, held-out cases: patches from the bottom half of each band, at positions the
# reference gets right with a wide margin (tests/test_l11_texture.py checks the margins).
VISIBLE_PATCHES = {
    "brick": ((160, 32), (192, 96)),
    "gravel": ((128, 64), (160, 0)),
    "grass": ((128, 32), (192, 64)),
}

CLASSIFY_PATCH = Exercise(name="classify_patch")


@functools.cache
def _unseen_texture(name: str) -> np.ndarray:
    image = getattr(skimage.data, name)()
    top, bottom = UNSEEN_ROWS
    return image[top:bottom].astype(np.float64) / 255.0


def visible_classify_cases() -> list[Case]:
    """Held-out patches of the lesson's own image: references top halves, patches bottom."""
    bands = material_bands()
    references = {name: band[:128] for name, band in bands.items()}
    cases = []
    for name, positions in VISIBLE_PATCHES.items():
        for number, (row, col) in enumerate(positions, start=1):
            patch = bands[name][row : row + PATCH_SIZE, col : col + PATCH_SIZE]
            cases.append(Case(f"{name} patch {number} (bottom half)", (patch, references), name))
    patch = bands["grass"][128:192, 96:160]
    two = {"brick": references["brick"], "grass": references["grass"]}
    cases.append(Case("two references only: brick or grass", (patch, two), "grass"))
    return cases


def unseen_classify_cases(seed: int, per_texture: int = 2) -> list[Case]:
    """64x64 patches from rows 256-511 of the scikit-image textures, at random places.

    The references are the top halves of the lesson's three bands (as in the visible check,
    and half the work of full bands), under the usual names and, in the last case, under
    other names and in another order (nothing may be hard-coded).
    """
    rng = rng_for(seed, "classify_patch")
    bands = {name: band[:128] for name, band in material_bands().items()}
    cases = []
    for name in TEXTURE_NAMES:
        texture = _unseen_texture(name)
        for number in range(1, per_texture + 1):
            row = int(rng.integers(0, texture.shape[0] - PATCH_SIZE + 1))
            col = int(rng.integers(0, texture.shape[1] - PATCH_SIZE + 1))
            patch = texture[row : row + PATCH_SIZE, col : col + PATCH_SIZE]
            cases.append(Case(f"unseen {name} patch {number}", (patch, bands), name))
    renamed = {"lawn": bands["grass"], "wall": bands["brick"], "path": bands["gravel"]}
    texture = _unseen_texture("gravel")
    row, col = (int(v) for v in rng.integers(0, texture.shape[0] - PATCH_SIZE + 1, size=2))
    patch = texture[row : row + PATCH_SIZE, col : col + PATCH_SIZE]
    cases.append(Case("unseen gravel patch, references renamed", (patch, renamed), "path"))
    return cases


BAD_CLASSIFY_INPUTS = (
    ("a single reference", lambda r: (r["brick"][:64, :64], {"brick": r["brick"]}), "no choice"),
    ("a 1-D patch", lambda r: (np.ones(64), r), "a patch is 2-D"),
    ("a 3x3 patch", lambda r: (np.ones((3, 3)), r), "smaller than a 5x5 mask"),
)
HIDDEN_BAD_CLASSIFY_INPUTS = (
    ("no references", lambda r: (r["brick"][:64, :64], {}), "there is nothing to choose from"),
    ("an RGB patch", lambda r: (np.ones((64, 64, 3)), r), "a patch is 2-D"),
    ("a 1-D reference", lambda r: (r["brick"][:64, :64], {**r, "x": np.ones(64)}), "not 2-D"),
    ("a 64x4 patch", lambda r: (np.ones((64, 4)), r), "narrower than a 5x5 mask"),
)


def _bad_classify_cases(hidden: bool = False) -> list[Case]:
    table = HIDDEN_BAD_CLASSIFY_INPUTS if hidden else BAD_CLASSIFY_INPUTS
    bands = material_bands()
    return [Case(label, make(bands), Raises(ValueError, why)) for label, make, why in table]


def _explain_label(result, case: Case) -> str:
    patch, references = case.args
    names = list(references)
    if result not in references:
        shown = ", ".join(repr(name) for name in names)
        return f"returned {result!r}, which is not a name in references ({shown})"
    distances = ref.signature_distances(patch, references)
    message = f"predicted {result!r} for a patch of {case.expected!r}"
    if len(names) > 2 and result == max(distances, key=distances.get):
        return (
            f"{message}: {result!r} is the reference whose signature is *farthest* from the "
            "patch's; pick the smallest distance (np.argmin / min), not the largest"
        )
    return (
        f"{message}; the signature is the mean of |convolve2d(patch, mask, 'same', 'symm')| "
        "for each mask of SIGNATURE_MASKS, and the answer is the nearest reference"
    )


def classify_outcomes(
    func, cases: list[Case], exercise: Exercise = CLASSIFY_PATCH
) -> list[Outcome]:
    """Run the cases through the engine, then explain each wrong label in words (a ``run``
    for the factories)."""
    if not callable(func):
        return run_cases(func, cases, exercise)
    returned = []

    def recorder(*args, **kwargs):
        result = func(*args, **kwargs)
        returned.append(result)
        return result

    outcomes = []
    for case in cases:
        returned.clear()
        outcome = run_case(recorder, case, exercise)
        if not outcome.passed and returned and isinstance(returned[0], str):
            if not isinstance(case.expected, Raises):
                outcome = Outcome(case.label, False, _explain_label(returned[0], case))
        outcomes.append(outcome)
    return outcomes


# ---------------------------------------------------------------------- log_distance

# Worked by hand: log(10) - log(1) = ln 10 in each of two features, so sqrt(2) ln 10; a factor
# of 2 in every one of three features, sqrt(3) ln 2; and the same factor 2 on a tiny and on a
# large feature counts the same: sqrt(2) ln 2, although the raw differences are 0.01 and 4.
HAND_LOG_DISTANCES = (
    ("two features swapped, 1 and 10", [1.0, 10.0], [10.0, 1.0], np.sqrt(2) * np.log(10)),
    ("every feature doubled", [4.0, 4.0, 4.0], [2.0, 2.0, 2.0], np.sqrt(3) * np.log(2)),
    ("a small and a large feature, each doubled", [0.01, 4.0], [0.02, 8.0], np.sqrt(2) * np.log(2)),
    ("equal signatures", [0.3, 1.5, 4.0], [0.3, 1.5, 4.0], 0.0),
)


def _quiet(wrong):
    """A mistake computed without numpy's warnings (log of 0, division by 0): a warning on
    stderr would make nbgrader score the cell 0 for the wrong reason."""

    @functools.wraps(wrong)
    def quiet(*args):
        with np.errstate(all="ignore"):
            return wrong(*args)

    return quiet


def _logs(transform=np.log, norm=np.linalg.norm):
    @_quiet
    def wrong(s1, s2):
        return float(norm(transform(np.asarray(s1, float)) - transform(np.asarray(s2, float))))

    return wrong


LOG_DISTANCE = Exercise(
    name="log_distance",
    misconceptions=(
        Misconception(
            "you compared the raw signatures: np.linalg.norm(s1 - s2) lets the largest "
            "features decide alone; take the log of each signature first",
            _logs(transform=lambda s: s),
        ),
        Misconception(
            "you used log10; the contract uses the natural log np.log (the nearest texture is "
            "the same, but every distance is ln 10 = 2.30 times smaller)",
            _logs(transform=np.log10),
        ),
        Misconception(
            "np.log1p(x) is log(1 + x), which squashes the small features towards 0 again; "
            "use np.log",
            _logs(transform=np.log1p),
        ),
        Misconception(
            "you returned the squared distance: take the square root (np.linalg.norm does it)",
            _logs(norm=lambda d: np.sum(d**2)),
        ),
        Misconception(
            "you summed the absolute differences (the city-block distance); the contract is "
            "the Euclidean distance, np.linalg.norm(np.log(s1) - np.log(s2))",
            _logs(norm=lambda d: np.sum(np.abs(d))),
        ),
        Misconception(
            "you took the log of the difference; take the difference of the logs, "
            "np.log(s1) - np.log(s2) = np.log(s1 / s2)",
            _quiet(
                lambda s1, s2: float(
                    np.linalg.norm(np.log(np.abs(np.asarray(s1, float) - np.asarray(s2, float))))
                )
            ),
        ),
        Misconception(
            "you divided the difference by s2: that scales each feature, but by one of the two "
            "signatures only (swap them and the distance changes); the log treats both alike",
            _quiet(
                lambda s1, s2: float(
                    np.linalg.norm(
                        (np.asarray(s1, float) - np.asarray(s2, float)) / np.asarray(s2, float)
                    )
                )
            ),
        ),
    ),
)


def log_distance_hand_cases() -> list[Case]:
    return [
        Case(f"{label} (worked by hand)", (np.array(s1), np.array(s2)), float(expected))
        for label, s1, s2, expected in HAND_LOG_DISTANCES
    ]


def log_distance_random_cases(seed: int, count: int = 6) -> list[Case]:
    """Random positive signatures of 6 features whose sizes differ by up to 1000 times."""
    rng = rng_for(seed, "log_distance")
    cases = []
    for index in range(count):
        scale = 10.0 ** rng.uniform(-2, 1, size=6)
        s1 = scale * rng.uniform(0.5, 2.0, size=6)
        s2 = scale * rng.uniform(0.5, 2.0, size=6)
        expected = float(np.linalg.norm(np.log(s1) - np.log(s2)))
        cases.append(Case(f"random signatures {index + 1}", (s1, s2), expected))
    return cases


def log_distance_error_cases(hidden: bool = False) -> list[Case]:
    cases = [
        Case(
            "a zero feature",
            (np.array([0.0, 1.0]), np.array([1.0, 1.0])),
            Raises(ValueError, "log(0) is -inf: signatures must be above 0"),
        ),
        Case(
            "signatures of different lengths",
            (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0])),
            Raises(ValueError, "one value per mask in both"),
        ),
    ]
    if hidden:
        cases += [
            Case(
                "a negative feature",
                (np.array([1.0, 2.0]), np.array([1.0, -2.0])),
                Raises(ValueError, "a mean absolute response is never negative"),
            ),
            Case(
                "a NaN feature",
                (np.array([1.0, np.nan]), np.array([1.0, 2.0])),
                Raises(ValueError, "NaN is not a signature value"),
            ),
            Case(
                "2-D signatures",
                (np.ones((2, 3)), np.ones((2, 3))),
                Raises(ValueError, "a signature is 1-D"),
            ),
        ]
    return cases


# ---------------------------------------------------------------------- front ends


check_texture_energy = visible_check(TEXTURE_ENERGY, texture_energy_cases)
check_classify_patch = visible_check(
    CLASSIFY_PATCH,
    lambda: visible_classify_cases() + _bad_classify_cases(),
    run=classify_outcomes,
    doc="Visible check: held-out patches of the lesson's image and bad inputs.",
)

assert_texture_energy_hand = graded_assertion(
    TEXTURE_ENERGY,
    _energy_hand_cases,
    "hand",
    doc="Graded: the example worked out by hand (window 3 and 1, float and uint8).",
)

assert_texture_energy_random = graded_assertion(
    TEXTURE_ENERGY,
    lambda seed: _energy_random_cases(seed) + [_energy_real_case()],
    "random",
    doc="Graded: random non-square images and kernels, the default window, a real texture.",
)

assert_texture_energy_bad_input = graded_assertion(
    TEXTURE_ENERGY,
    _bad_energy_cases,
    "bad_input",
    doc="Graded: bad windows and kernels raise ValueError (hidden: other bad inputs).",
)


assert_classify_patch_visible = graded_assertion(
    CLASSIFY_PATCH,
    visible_classify_cases,
    "visible",
    run=classify_outcomes,
    doc="Graded: held-out patches of the lesson's own image.",
)

assert_classify_patch_unseen = graded_assertion(
    CLASSIFY_PATCH,
    lambda seed: unseen_classify_cases(seed),
    "unseen",
    run=classify_outcomes,
    doc="Graded: patches from rows of the textures that the lesson never shows.",
)

assert_classify_patch_bad_input = graded_assertion(
    CLASSIFY_PATCH,
    _bad_classify_cases,
    "bad_input",
    run=classify_outcomes,
    doc="Graded: too few references and bad patches raise ValueError (hidden: other ones).",
)


check_log_distance = visible_check(
    LOG_DISTANCE,
    lambda: (
        log_distance_hand_cases() + log_distance_random_cases(seed=0) + log_distance_error_cases()
    ),
    doc="Visible check: the distances worked out by hand, random signatures, bad input.",
)

assert_log_distance_hand = graded_assertion(
    LOG_DISTANCE,
    log_distance_hand_cases,
    "hand",
    doc="Graded: the distances worked out by hand.",
)

assert_log_distance_random = graded_assertion(
    LOG_DISTANCE,
    lambda seed: log_distance_random_cases(seed),
    "random",
    doc="Graded: random positive signatures whose features differ in size.",
)

assert_log_distance_bad_input = graded_assertion(
    LOG_DISTANCE,
    log_distance_error_cases,
    "bad_input",
    doc="Graded: zero, negative or NaN features and mismatched shapes raise ValueError.",
)
