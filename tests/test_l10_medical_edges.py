"""Lesson 10: references, the claims the lesson makes, and the checks' verdicts."""

import subprocess
import sys

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal
import skimage.color
import skimage.data
import skimage.filters

from autograder.checks import l10_medical_edges as checks
from autograder.feedback import run_cases
from autograder.reference import l10_medical_edges as ref
from course import load_image

SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
SOBEL_Y = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=float)


@pytest.fixture(scope="module")
def phantom():
    return load_image("brain_mri.jpg")


# ---------------------------------------------------------------- hand examples


def test_hand_examples_agree_with_the_libraries():
    assert np.allclose(skimage.color.rgb2gray(checks.HAND_RGB), checks.HAND_GRAY)
    for image, expected in [
        (checks.HAND_STEP, checks.HAND_STEP_MAGNITUDE),
        (checks.HAND_IMPULSE, checks.HAND_IMPULSE_MAGNITUDE),
    ]:
        gx = scipy.signal.convolve2d(image, SOBEL_X, mode="same", boundary="symm")
        gy = scipy.signal.convolve2d(image, SOBEL_Y, mode="same", boundary="symm")
        assert np.allclose(np.hypot(gx, gy), expected)
    assert np.array_equal(checks.HAND_MAGNITUDE > 4, checks.HAND_MASK)
    assert np.array_equal(checks.HAND_RGBA[..., :3], checks.HAND_RGB)


def test_reference_kernels_are_slide_10s():
    assert np.array_equal(ref.SOBEL_X, SOBEL_X)
    assert np.array_equal(ref.SOBEL_Y, SOBEL_Y)
    assert np.array_equal(ref.SOBEL_Y, ref.SOBEL_X.T)
    # The weights quoted in the lesson are rgb2gray's.
    assert np.allclose(skimage.color.rgb2gray(np.eye(3).reshape(1, 3, 3)), [ref.RGB2GRAY_WEIGHTS])


# ---------------------------------------------------------------- to_gray reference


def test_slide_10s_rgb2gray_raises_on_a_grey_image(phantom):
    with pytest.raises(ValueError, match="channel"):
        skimage.color.rgb2gray(phantom)
    assert np.array_equal(ref.to_gray(phantom), phantom)


def test_to_gray_rgba_rule_is_drop_alpha_not_blend():
    rng = np.random.default_rng(0)
    rgba = rng.uniform(0, 1, size=(5, 6, 4))
    dropped = skimage.color.rgb2gray(rgba[..., :3])
    blended = skimage.color.rgb2gray(skimage.color.rgba2rgb(rgba))
    assert np.allclose(ref.to_gray(rgba), dropped)
    assert not np.allclose(ref.to_gray(rgba), blended)
    # With full opacity the two rules agree, which is why the lesson's example uses alpha < 1.
    rgba[..., 3] = 1.0
    assert np.allclose(ref.to_gray(rgba), skimage.color.rgb2gray(skimage.color.rgba2rgb(rgba)))


def test_to_gray_keeps_values_and_returns_a_float_copy():
    grey = np.arange(12, dtype=np.uint8).reshape(3, 4)
    out = ref.to_gray(grey)
    assert out.dtype == np.float64 and np.array_equal(out, grey)
    floats = np.linspace(0, 1, 12).reshape(3, 4)
    assert ref.to_gray(floats) is not floats
    rgb = np.full((2, 2, 3), 200, dtype=np.uint8)
    assert np.allclose(ref.to_gray(rgb), 200.0)  # no rescaling to [0, 1]


@pytest.mark.parametrize(
    ("image", "error", "message"),
    [
        (np.ones(5), ValueError, r"grey \(H, W\), RGB \(H, W, 3\) or RGBA \(H, W, 4\)"),
        (np.ones((4, 5, 2)), ValueError, r"got shape \(4, 5, 2\)"),
        (np.ones((4, 5, 1)), ValueError, "RGBA"),
        (np.ones((2, 4, 5, 3)), ValueError, "got shape"),
        (np.full((2, 2), np.nan), ValueError, "finite"),
        (np.ones((0, 3)), ValueError, "empty"),
        (np.array([["a", "b"]]), TypeError, "numeric"),
    ],
)
def test_to_gray_rejects_bad_input_clearly(image, error, message):
    with pytest.raises(error, match=message):
        ref.to_gray(image)


# ---------------------------------------------------------------- Sobel reference and claims


def test_sobel_reference_agrees_with_scipy_ndimage(phantom):
    # scipy.ndimage.sobel correlates (sign flipped) with 'reflect' = signal's 'symm'.
    rng = np.random.default_rng(1)
    for image in (phantom, rng.uniform(size=(7, 11)), rng.uniform(size=(1, 6))):
        expected = np.hypot(scipy.ndimage.sobel(image, axis=1), scipy.ndimage.sobel(image, axis=0))
        assert np.allclose(ref.sobel_magnitude(image), expected)


def test_sobel_components_match_slide_10(phantom):
    gx, gy = ref.sobel_components(phantom)
    assert np.allclose(gx, scipy.signal.convolve2d(phantom, SOBEL_X, "same", "symm"))
    assert np.allclose(gy, scipy.signal.convolve2d(phantom, SOBEL_Y, "same", "symm"))


def test_claim_skimage_sobel_is_smaller_by_four_root_two_everywhere(phantom):
    """The lesson says: the ratio is 4*sqrt(2) at every pixel, border included."""
    rng = np.random.default_rng(2)
    for image in (phantom, rng.uniform(size=(9, 14))):
        ours = ref.sobel_magnitude(image)
        theirs = skimage.filters.sobel(image)
        assert np.allclose(ours, 4 * np.sqrt(2) * theirs, rtol=1e-10, atol=1e-12)
    # The border agrees too only because skimage's default mode='reflect' is 'symm':
    image = rng.uniform(size=(9, 14))
    constant = 4 * np.sqrt(2) * skimage.filters.sobel(image, mode="constant")
    ours = ref.sobel_magnitude(image)
    assert np.allclose(constant[1:-1, 1:-1], ours[1:-1, 1:-1])
    assert not np.allclose(constant, ours)


def test_claim_correlation_and_swapped_axes_leave_the_magnitude_unchanged(phantom):
    """Why the checks cannot (and need not) name these two mistakes."""
    convolved = ref.sobel_components(phantom)
    correlated = [
        scipy.signal.correlate2d(phantom, kernel, mode="same", boundary="symm")
        for kernel in (SOBEL_X, SOBEL_Y)
    ]
    assert np.allclose(correlated[0], -convolved[0])  # each component changes sign
    assert np.allclose(correlated[1], -convolved[1])
    assert not np.allclose(correlated[0], convolved[0])
    assert np.allclose(np.hypot(*correlated), ref.sobel_magnitude(phantom))
    swapped = np.hypot(convolved[1], convolved[0])
    assert np.allclose(swapped, ref.sobel_magnitude(phantom))


def test_claim_relative_mask_does_not_depend_on_the_scaling(phantom):
    ours = ref.sobel_magnitude(phantom)
    theirs = skimage.filters.sobel(phantom)
    for threshold in (0.1, 0.2, 0.3):
        assert np.array_equal(ref.edge_mask(ours, threshold), ref.edge_mask(theirs, threshold))


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (np.ones(5), r"2-D \(grey\)|must be 2-D"),
        (np.ones((4, 5, 3)), "to_gray first"),
        (np.ones((0, 4)), "empty"),
        (np.array([[0.0, np.inf]]), "finite"),
    ],
)
def test_sobel_rejects_bad_input_clearly(image, message):
    with pytest.raises(ValueError, match=message):
        ref.sobel_magnitude(image)


# ---------------------------------------------------------------- edge_mask reference


def test_edge_mask_reference():
    assert np.array_equal(ref.edge_mask(checks.HAND_MAGNITUDE, 0.5), checks.HAND_MASK)
    assert ref.edge_mask(checks.HAND_MAGNITUDE, 0.5).dtype == bool
    assert not ref.edge_mask(np.zeros((3, 3)), 0.0).any()  # a flat image has no edges


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((np.ones((2, 2)), -0.1), ValueError, "0 <= threshold < 1"),
        ((np.ones((2, 2)), 1), ValueError, "0 <= threshold < 1"),
        ((np.ones((2, 2)), True), TypeError, "number"),
        ((np.ones((2, 2)), "0.5"), TypeError, "number"),
        ((-np.ones((2, 2)), 0.5), ValueError, "non-negative"),
        ((np.ones(4), 0.5), ValueError, "2-D"),
    ],
)
def test_edge_mask_rejects_bad_input_clearly(args, error, message):
    with pytest.raises(error, match=message):
        ref.edge_mask(*args)


# ---------------------------------------------------------------- implementations


def _check_colour(image):
    image = np.asarray(image)
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ValueError("bad shape")
    image = image.astype(float)
    if image.size == 0 or not np.isfinite(image).all():
        raise ValueError("bad values")
    return image


def gray_by_weights(image):
    image = _check_colour(image)
    if image.ndim == 2:
        return image.copy()
    red, green, blue = image[..., 0], image[..., 1], image[..., 2]
    return 0.2125 * red + 0.7154 * green + 0.0721 * blue


def _check_grey(image):
    image = np.asarray(image)
    if image.ndim != 2 or image.size == 0:
        raise ValueError("bad shape")
    image = image.astype(float)
    if not np.isfinite(image).all():
        raise ValueError("bad values")
    return image


def sobel_by_padding(image):
    """Right, but by hand: pad symmetrically, then sum shifted copies (correlation)."""
    image = _check_grey(image)
    padded = np.pad(image, 1, mode="symmetric")
    height, width = image.shape
    gx = np.zeros_like(image)
    gy = np.zeros_like(image)
    flipped_x, flipped_y = SOBEL_X[::-1, ::-1], SOBEL_Y[::-1, ::-1]
    for m in range(3):
        for n in range(3):
            window = padded[m : m + height, n : n + width]
            gx += flipped_x[m, n] * window
            gy += flipped_y[m, n] * window
    return np.sqrt(gx**2 + gy**2)


def sobel_by_ndimage(image):
    image = _check_grey(image)
    return np.hypot(
        scipy.ndimage.convolve(image, SOBEL_X, mode="reflect"),
        scipy.ndimage.convolve(image, SOBEL_Y, mode="reflect"),
    )


def mask_by_normalising(magnitude, threshold):
    magnitude = _check_grey(magnitude)
    if not 0 <= threshold < 1 or (magnitude < 0).any():
        raise ValueError("bad input")
    top = magnitude.max()
    if top == 0:
        return np.zeros(magnitude.shape, dtype=bool)
    return magnitude / top > threshold


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


GRAY_CASES = checks.to_gray_cases(seed=3)
SOBEL_CASES = checks.sobel_magnitude_cases(seed=3)
MASK_CASES = checks.edge_mask_cases(seed=3)


@pytest.mark.parametrize("func", [ref.to_gray, gray_by_weights])
def test_right_to_gray_passes(func):
    assert messages(func, GRAY_CASES, checks.TO_GRAY) == set()


@pytest.mark.parametrize(
    "func",
    [
        ref.sobel_magnitude,
        sobel_by_padding,
        sobel_by_ndimage,
        # For a 3x3 kernel the border needs one pixel, and repeating it ('edge') is 'symm'.
        lambda im: _padded(im, "edge"),
    ],
)
def test_right_sobel_passes(func):
    assert messages(func, SOBEL_CASES, checks.SOBEL_MAGNITUDE) == set()


@pytest.mark.parametrize("func", [ref.edge_mask, mask_by_normalising])
def test_right_edge_mask_passes(func):
    assert messages(func, MASK_CASES, checks.EDGE_MASK) == set()


def _validated(wrong, check=_check_colour):
    return lambda image: wrong(check(image))


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda im: im @ [0.299, 0.587, 0.114] if im.ndim == 3 else im, "BT.601"),
        (lambda im: im[..., :3] @ [0.299, 0.587, 0.114] if im.ndim == 3 else im, "BT.601"),
        (lambda im: im[..., :3].mean(axis=-1) if im.ndim == 3 else im, "plain mean"),
        (lambda im: im.mean(axis=-1) if im.ndim == 3 else im, "alpha included"),
        (
            lambda im: (
                skimage.color.rgb2gray(skimage.color.rgba2rgb(im))
                if im.ndim == 3 and im.shape[2] == 4
                else gray_by_weights(im)
            ),
            "white background",
        ),
        (
            lambda im: (
                gray_by_weights(im[..., :3] * im[..., 3:])
                if im.ndim == 3 and im.shape[2] == 4
                else gray_by_weights(im)
            ),
            "blending onto black",
        ),
        (lambda im: im[..., 0] if im.ndim == 3 else im, "first (red) channel"),
    ],
)
def test_wrong_to_gray_is_named(wrong, expected):
    found = messages(_validated(wrong), GRAY_CASES, checks.TO_GRAY)
    assert any(expected in message for message in found), found


def test_to_gray_rescaling_and_dtype_are_named():
    def rescales(image):
        image = np.asarray(image)
        _check_colour(image)
        if image.ndim == 2:
            return image.astype(float)
        return skimage.color.rgb2gray(image[..., :3])

    found = messages(rescales, GRAY_CASES, checks.TO_GRAY)
    assert any("rescaled an integer image" in message for message in found), found
    found = messages(
        lambda im: np.asarray(im) if np.ndim(im) == 2 else 0, GRAY_CASES, checks.TO_GRAY
    )
    assert any("dtype is uint8, expected float64" in message for message in found), found
    found = messages(
        lambda im: ref.to_gray(im) if np.ndim(im) == 2 else 0, GRAY_CASES, checks.TO_GRAY
    )
    assert any("should raise ValueError" in message for message in found), found


def _components(image, boundary="symm", mode="same", kernels=(SOBEL_X, SOBEL_Y)):
    image = _check_grey(image)
    return [
        scipy.signal.convolve2d(image, kernel, mode=mode, boundary=boundary) for kernel in kernels
    ]


def _padded(image, pad):
    image = _check_grey(image)
    padded = np.pad(image, 1, mode=pad)
    return np.hypot(*[scipy.signal.convolve2d(padded, k, "valid") for k in (SOBEL_X, SOBEL_Y)])


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda im: sum(np.abs(c) for c in _components(im)), "|gx| + |gy|"),
        (lambda im: sum(c**2 for c in _components(im)), "squared magnitude"),
        (lambda im: np.abs(_components(im)[0]), "only the x response"),
        (lambda im: np.abs(_components(im)[1]), "only the y response"),
        (
            lambda im: np.hypot(*_components(im, kernels=(SOBEL_X, SOBEL_X))),
            "same Sobel kernel twice",
        ),
        (lambda im: skimage.filters.sobel(_check_grey(im)), "skimage.filters.sobel"),
        (lambda im: np.sqrt(sum(c**2 for c in _components(im)) / 2), "root-mean-square"),
        (lambda im: np.hypot(*_components(im, boundary="fill")), "padded with zeros"),
        (lambda im: np.hypot(*_components(im, boundary="wrap")), "boundary='wrap'"),
        (lambda im: _padded(im, "reflect"), "skip the border pixel"),
        (lambda im: np.hypot(*_components(im, mode="valid")), "mode='valid'"),
        (lambda im: np.hypot(*_components(im, mode="full")), "mode='full'"),
        (lambda im: sobel_by_padding(im).T, "transposed"),
    ],
)
def test_wrong_sobel_is_named(wrong, expected):
    found = messages(wrong, SOBEL_CASES, checks.SOBEL_MAGNITUDE)
    assert any(expected in message for message in found), found


def test_sobel_without_validation_is_caught():
    found = messages(
        lambda im: (
            np.hypot(*[scipy.signal.convolve2d(im, k, "same", "symm") for k in (SOBEL_X,) * 2])
            if np.ndim(im) == 2 and np.size(im)
            else np.zeros((1, 1))
        ),
        SOBEL_CASES,
        checks.SOBEL_MAGNITUDE,
    )
    assert any("should raise ValueError" in message for message in found), found


def _mask(rule):
    def wrong(magnitude, threshold):
        magnitude = _check_grey(magnitude)
        if not 0 <= threshold < 1 or (magnitude < 0).any():
            raise ValueError("bad input")
        return rule(magnitude, threshold)

    return wrong


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (_mask(lambda m, t: m >= t * m.max()), "use > (strictly greater)"),
        (_mask(lambda m, t: m > t), "compared the magnitude with the threshold itself"),
        (_mask(lambda m, t: m <= t * m.max()), "inverted"),
        (_mask(lambda m, t: m > m.min() + t * (m.max() - m.min())), "smallest and largest"),
        (_mask(lambda m, t: m > t * m.mean()), "mean magnitude"),
        (lambda m, t: np.asarray(m) > t * np.max(m), "should raise ValueError"),
    ],
)
def test_wrong_edge_mask_is_named(wrong, expected):
    found = messages(wrong, MASK_CASES, checks.EDGE_MASK)
    assert any(expected in message for message in found), found


def test_edge_mask_boolean_dtype_is_checked(capsys):
    as_numbers = _mask(lambda m, t: (m > t * m.max()).astype(float))
    assert messages(as_numbers, MASK_CASES, checks.EDGE_MASK) == set()  # values alone agree
    checks.check_edge_mask(as_numbers)
    assert "array of booleans" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="array of booleans"):
        checks.assert_edge_mask_boolean(as_numbers)
    checks.assert_edge_mask_boolean(ref.edge_mask)
    checks.check_edge_mask(ref.edge_mask)
    assert f"all {len(checks.edge_mask_cases()) + 1} checks passed" in capsys.readouterr().out


def test_assert_functions_pass_right_and_fail_wrong():
    for hidden in (False, True):
        checks.assert_to_gray_bad_input(gray_by_weights, hidden=hidden)
        checks.assert_sobel_magnitude_bad_input(sobel_by_ndimage, hidden=hidden)
        checks.assert_edge_mask_bad_input(mask_by_normalising, hidden=hidden)
    checks.assert_to_gray_hand(gray_by_weights)
    checks.assert_to_gray_random(gray_by_weights, seed=11)
    checks.assert_sobel_magnitude_hand(sobel_by_padding)
    checks.assert_sobel_magnitude_random(sobel_by_padding, seed=11)
    checks.assert_edge_mask_hand(mask_by_normalising)
    checks.assert_edge_mask_random(mask_by_normalising, seed=11)
    with pytest.raises(AssertionError, match="BT.601"):
        checks.assert_to_gray_hand(
            lambda im: np.asarray(im, float)[..., :3] @ [0.299, 0.587, 0.114]
        )
    with pytest.raises(AssertionError, match="white background"):
        checks.assert_to_gray_random(
            lambda im: (
                skimage.color.rgb2gray(skimage.color.rgba2rgb(im))
                if np.shape(im)[-1] == 4
                else ref.to_gray(im)
            ),
            seed=11,
        )
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_to_gray_bad_input(lambda im: np.zeros(2), hidden=True)
    with pytest.raises(AssertionError, match=r"\|gx\| \+ \|gy\|"):
        checks.assert_sobel_magnitude_hand(lambda im: sum(np.abs(c) for c in _components(im)))
    with pytest.raises(AssertionError, match="padded with zeros"):
        checks.assert_sobel_magnitude_random(
            lambda im: np.hypot(*_components(im, boundary="fill")), seed=11
        )
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_sobel_magnitude_bad_input(lambda im: np.zeros((2, 2)), hidden=True)
    with pytest.raises(AssertionError, match="strictly greater"):
        checks.assert_edge_mask_hand(_mask(lambda m, t: m >= t * m.max()))
    with pytest.raises(AssertionError, match="strictly greater"):
        checks.assert_edge_mask_random(_mask(lambda m, t: m >= t * m.max()), seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_edge_mask_bad_input(lambda m, t: np.asarray(m) > t, hidden=True)


def test_unimplemented_stub_raises_not_implemented():
    def stub(*args):
        raise NotImplementedError()

    for assertion in (
        checks.assert_to_gray_hand,
        checks.assert_sobel_magnitude_hand,
        checks.assert_edge_mask_hand,
        checks.assert_edge_mask_boolean,
    ):
        with pytest.raises(NotImplementedError):
            assertion(stub)


def test_hidden_cases_depend_on_the_seed():
    def first_random(seed):
        return checks.sobel_magnitude_cases(seed=seed)[4].args[0]

    assert not np.array_equal(first_random(1), first_random(2)) or (
        first_random(1).shape != first_random(2).shape
    )
    assert np.array_equal(first_random(1), first_random(1))


def test_visible_check_prints_the_cause_briefly(capsys):
    checks.check_sobel_magnitude(lambda im: sum(np.abs(c) for c in _components(im)))
    printed = capsys.readouterr().out
    assert "|gx| + |gy|" in printed
    assert len(printed.splitlines()) < 12


# ---------------------------------------------------------------- checks never crash the kernel

# A learner's sobel_magnitude with no validation at all and the 'full' mistake: on an empty
# image scipy 1.17's convolve2d(..., 'full', boundary='symm') dies of SIGFPE (issue 15).
CRASHING_SUBMISSION = """
import numpy as np
import scipy.signal
from autograder.checks import l10_medical_edges as checks

SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
SOBEL_Y = SOBEL_X.T

def sobel_magnitude(image):
    gx = scipy.signal.convolve2d(image, SOBEL_X, mode="full", boundary="symm")
    gy = scipy.signal.convolve2d(image, SOBEL_Y, mode="full", boundary="symm")
    return np.hypot(gx, gy)

checks.check_sobel_magnitude(sobel_magnitude)
for graded, kwargs in [
    (checks.assert_sobel_magnitude_hand, {}),
    (checks.assert_sobel_magnitude_random, {"seed": 1}),
    (checks.assert_sobel_magnitude_random, {"seed": 12345}),
    (checks.assert_sobel_magnitude_bad_input, {}),
    (checks.assert_sobel_magnitude_bad_input, {"hidden": True}),
]:
    try:
        graded(sobel_magnitude, **kwargs)
    except AssertionError as error:
        print("graded:", error)
print("the kernel survived")
"""


def test_the_crash_is_real_so_the_next_test_can_fail():
    """The premise: scipy itself kills the process on an empty image (a signal, not an error)."""
    code = (
        "import numpy as np, scipy.signal\n"
        "scipy.signal.convolve2d(np.zeros((0, 4)), np.ones((3, 3)), 'full', boundary='symm')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    if done.returncode == 0:
        pytest.fail("this scipy no longer crashes on an empty image: the guard may be relaxed")
    assert done.returncode < 0  # killed by a signal (SIGFPE)


def test_the_checks_never_crash_a_submission_that_passes_empty_input_to_scipy():
    """Run in a subprocess, so that a crash shows as a failure instead of killing pytest."""
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_SUBMISSION], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "the kernel survived" in done.stdout
    assert "mode='full'" in done.stdout  # and the mistake is still named


def _arrays(value):
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _arrays(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _arrays(item)


@pytest.mark.parametrize(
    "cases",
    [
        checks.to_gray_cases(seed=1) + checks._bad_gray_cases(hidden=True),
        checks.sobel_magnitude_cases(seed=1) + checks._bad_sobel_cases(hidden=True),
        checks.edge_mask_cases(seed=1) + checks._bad_mask_cases(hidden=True),
    ],
    ids=["to_gray", "sobel_magnitude", "edge_mask"],
)
def test_no_case_passes_an_empty_array_to_learner_code(cases):
    empty = [case.label for case in cases for a in _arrays((case.args, case.kwargs)) if a.size == 0]
    assert empty == []


def test_claim_the_phantom_jpeg_carries_block_noise_strongest_at_boundaries():
    """Issue 15: the lesson said the phantom "has no noise"; its JPEG copy does carry some."""
    from skimage.transform import resize

    phantom_uint8 = np.round(
        resize(skimage.data.shepp_logan_phantom(), (256, 256), anti_aliasing=True) * 255
    )
    clean = phantom_uint8 / 255  # what data/make_data.py saved, before JPEG compression
    error = np.abs(load_image("brain_mri.jpg") - clean)
    assert (error > 0).mean() > 0.05  # not clean
    assert np.percentile(error, 99) <= 0.02 < error.max() < 0.06  # "mostly below 0.02"
    near = scipy.ndimage.binary_dilation(skimage.filters.sobel(clean) > 0.02, iterations=2)
    assert error[near].mean() > 5 * error[~near].mean()  # "largest next to sharp boundaries"
