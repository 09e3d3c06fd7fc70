"""Lesson 11: references, the claims the lesson makes, and the checks' verdicts."""

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal
import skimage.data

from autograder.checks import l11_texture as checks
from autograder.feedback import run_cases
from autograder.reference import l11_texture as ref
from course.texture import SIGNATURE_MASKS, TEXTURE_NAMES, laws_masks, material_bands

# ---------------------------------------------------------------- hand example


def test_hand_example_agrees_with_scipy():
    response = scipy.signal.convolve2d(
        checks.HAND_IMAGE, checks.HAND_KERNEL, mode="same", boundary="symm"
    )
    assert np.array_equal(np.abs(response), checks.HAND_ABS_RESPONSE)
    energy = scipy.ndimage.uniform_filter(np.abs(response), size=3, mode="reflect")
    assert np.allclose(energy, checks.HAND_ENERGY)


def test_tiny_reference_example_by_hand():
    # One bright pixel, kernel [[1]]: |response| is the image; a 3x3 mean spreads 9 / 9 = 1
    # over the pixel's neighbourhood.
    image = np.zeros((5, 5))
    image[2, 2] = 9.0
    expected = np.zeros((5, 5))
    expected[1:4, 1:4] = 1.0
    assert np.allclose(ref.texture_energy(image, [[1.0]], window=3), expected)


# ---------------------------------------------------------------- reference vs scipy


def _energy_by_ndimage(image, kernel, window=15):
    image = np.asarray(image, dtype=float)
    response = scipy.ndimage.convolve(image, np.asarray(kernel, float), mode="reflect")
    return scipy.ndimage.uniform_filter(np.abs(response), size=window, mode="reflect")


def test_reference_matches_an_ndimage_computation():
    rng = np.random.default_rng(0)
    for _ in range(5):
        image = rng.uniform(size=(int(rng.integers(9, 20)), int(rng.integers(9, 20))))
        kernel = rng.normal(size=(3, 5))
        assert np.allclose(
            ref.texture_energy(image, kernel, 5), _energy_by_ndimage(image, kernel, 5)
        )


def test_default_window_is_15():
    rng = np.random.default_rng(1)
    image, kernel = rng.uniform(size=(30, 31)), rng.normal(size=(3, 3))
    assert np.allclose(ref.texture_energy(image, kernel), ref.texture_energy(image, kernel, 15))
    assert not np.allclose(ref.texture_energy(image, kernel), ref.texture_energy(image, kernel, 13))


def test_claim_flip_does_not_matter_for_the_lessons_kernels():
    """Laws' masks and slide 11's kernels are symmetric or antisymmetric: |response| is the same."""
    from course.texture import slide_kernels

    band = material_bands()["gravel"][:48, :64]
    kernels = {**laws_masks(), **slide_kernels()}
    for name, kernel in kernels.items():
        correlated = scipy.signal.correlate2d(band, kernel, mode="same", boundary="symm")
        energy = scipy.ndimage.uniform_filter(np.abs(correlated), size=7, mode="reflect")
        assert np.allclose(energy, ref.texture_energy(band, kernel, 7)), name
    asymmetric = np.array([[0.0, 1.0, 2.0]])
    correlated = scipy.signal.correlate2d(band, asymmetric, mode="same", boundary="symm")
    assert not np.allclose(
        scipy.ndimage.uniform_filter(np.abs(correlated), 7, mode="reflect"),
        ref.texture_energy(band, asymmetric, 7),
    )


def test_claim_zero_sum_masks_ignore_brightness():
    band = material_bands()["brick"][:40, :40]
    for name, mask in laws_masks().items():
        brighter = ref.texture_energy(band + 0.3, mask, 9)
        same = np.allclose(brighter, ref.texture_energy(band, mask, 9))
        assert same == (name != "L5L5"), name


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.ones((6, 6)), np.ones((3, 3))), {"window": 0}, ValueError, "odd integer >= 1"),
        ((np.ones((6, 6)), np.ones((3, 3))), {"window": 4}, ValueError, "odd integer >= 1"),
        ((np.ones((6, 6)), np.ones((3, 3))), {"window": 3.0}, TypeError, "integer"),
        ((np.ones((6, 6)), np.ones((3, 3))), {"window": True}, TypeError, "integer"),
        ((np.ones((6, 6)), np.ones((2, 3))), {}, ValueError, "odd"),
        ((np.ones((3, 3)), np.ones((5, 5))), {}, ValueError, "larger than the image"),
        ((np.ones((6, 6, 3)), np.ones((3, 3))), {}, ValueError, "2-D"),
        ((np.ones((6, 6)), np.ones(3)), {}, ValueError, "2-D"),
    ],
)
def test_energy_rejects_bad_input_clearly(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        ref.texture_energy(*args, **kwargs)


# ---------------------------------------------------------------- the classifier's design


@pytest.fixture(scope="module")
def bands():
    return material_bands()


def _unseen(name):
    return getattr(skimage.data, name)()[256:512] / 255.0


def test_signature_is_the_mean_absolute_response(bands):
    band = bands["grass"]
    expected = [
        np.mean(np.abs(scipy.ndimage.convolve(band, mask, mode="reflect")))
        for mask in laws_masks(SIGNATURE_MASKS).values()
    ]
    assert np.allclose(ref.texture_signature(band), expected)


@pytest.mark.parametrize("rows", [slice(0, 128), slice(0, 256)], ids=["top halves", "full bands"])
def test_reference_classifier_is_right_on_a_dense_grid_of_unseen_patches(bands, rows):
    """Every 64x64 patch of rows 256-511, every 32 pixels, with a clear margin.

    The hidden cases use the top halves as references; the lesson says full bands work too.
    """
    signatures = {name: ref.texture_signature(band[rows]) for name, band in bands.items()}
    size = checks.PATCH_SIZE
    worst = np.inf
    for name in TEXTURE_NAMES:
        texture = _unseen(name)
        for row in range(0, texture.shape[0] - size + 1, 32):
            for col in range(0, texture.shape[1] - size + 1, 32):
                signature = ref.texture_signature(texture[row : row + size, col : col + size])
                distance = {k: np.linalg.norm(signature - v) for k, v in signatures.items()}
                nearest_other = min(v for k, v in distance.items() if k != name)
                worst = min(worst, (nearest_other - distance[name]) / nearest_other)
    assert worst > 0.2  # the right texture is at least 20% nearer than any other


@pytest.mark.parametrize("seed", [0, 1, 777, 20240917])
def test_reference_passes_the_hidden_cases_for_many_seeds(seed):
    checks.assert_classify_patch_unseen(ref.classify_patch, seed=seed)


def test_visible_patches_are_classified_with_a_margin():
    for case in checks.visible_classify_cases():
        patch, references = case.args
        distances = ref.signature_distances(patch, references)
        right = distances.pop(case.expected)
        assert min(distances.values()) > 1.3 * right, case.label


def test_unseen_patches_really_are_unseen():
    for case in checks.unseen_classify_cases(seed=4):
        patch, references = case.args
        for band in references.values():
            assert band.shape == (128, 160)
        # The patch is not a piece of any reference band: its rows are below 256.
        assert all(
            not np.allclose(band[:64, :64], patch, atol=0.05) for band in references.values()
        )


def test_claim_of_section_8_five_of_six_held_out_patches(bands):
    """The lesson's demonstration: with top halves as references, one grass patch fails."""
    halves = {name: band[:128] for name, band in bands.items()}
    predicted = {
        (name, row, col): ref.classify_patch(band[row : row + 64, col : col + 64], halves)
        for name, band in bands.items()
        for row, col in [(128, 96), (192, 0)]
    }
    wrong = {key: label for key, label in predicted.items() if label != key[0]}
    assert wrong == {("grass", 128, 96): "gravel"}


def test_hidden_cases_depend_on_the_seed():
    first = [case.args[0] for case in checks.unseen_classify_cases(seed=1)]
    second = [case.args[0] for case in checks.unseen_classify_cases(seed=2)]
    again = [case.args[0] for case in checks.unseen_classify_cases(seed=1)]
    assert any(not np.array_equal(a, b) for a, b in zip(first, second))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda b: (b["brick"][:64, :64], {"brick": b["brick"]}), ValueError, "at least two"),
        (lambda b: (np.ones((3, 3)), b), ValueError, "at least 5x5"),
        (lambda b: (np.ones(64), b), ValueError, "2-D"),
        (lambda b: (b["brick"][:64, :64], [b["brick"], b["grass"]]), TypeError, "dict"),
        (lambda b: (b["brick"][:64, :64], {1: b["brick"], 2: b["grass"]}), TypeError, "strings"),
        (
            lambda b: (b["brick"][:64, :64], {**b, "x": np.ones(9)}),
            ValueError,
            r"references\['x'\]",
        ),
    ],
)
def test_classifier_rejects_bad_input_clearly(bands, make, error, message):
    with pytest.raises(error, match=message):
        ref.classify_patch(*make(bands))


# ---------------------------------------------------------------- implementations


def _valid_energy_input(image, kernel, window):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    if image.ndim != 2 or kernel.ndim != 2 or not np.isfinite(image).all():
        raise ValueError("bad arrays")
    if kernel.shape[0] % 2 == 0 or kernel.shape[1] % 2 == 0:
        raise ValueError("even kernel")
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError("kernel too large")
    if window < 1 or window % 2 == 0:
        raise ValueError("bad window")
    return image, kernel


def energy_by_ndimage(image, kernel, window=15):
    image, kernel = _valid_energy_input(image, kernel, window)
    return _energy_by_ndimage(image, kernel, window)


def energy_by_box_kernel(image, kernel, window=15):
    """Right, differently: the local mean as a convolution with a box, 'symm' borders."""
    image, kernel = _valid_energy_input(image, kernel, window)
    magnitude = np.abs(scipy.signal.convolve2d(image, kernel, mode="same", boundary="symm"))
    box = np.ones((window, window)) / window**2
    padded = np.pad(magnitude, window // 2, mode="symmetric")
    return scipy.signal.correlate2d(padded, box, mode="valid")


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


ENERGY_CASES = checks.texture_energy_cases(seed=3)


@pytest.mark.parametrize("func", [ref.texture_energy, energy_by_ndimage, energy_by_box_kernel])
def test_right_energy_passes(func):
    assert messages(func, ENERGY_CASES, checks.TEXTURE_ENERGY) == set()


def _wrong_energy(response=None, transform=np.abs, size=None, mode="reflect", after=None):
    def wrong(image, kernel, window=15):
        image, kernel = _valid_energy_input(image, kernel, window)
        if response is None:
            r = scipy.signal.convolve2d(image, kernel, mode="same", boundary="symm")
        else:
            r = response(image, kernel)
        local = scipy.ndimage.uniform_filter(
            transform(r), size=size(window) if size else window, mode=mode
        )
        return after(local, window) if after else local

    return wrong


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (
            _wrong_energy(
                response=lambda i, k: scipy.signal.correlate2d(i, k, mode="same", boundary="symm")
            ),
            "correlated instead of convolving",
        ),
        (_wrong_energy(transform=lambda r: r), "averaged the signed response"),
        (
            _wrong_energy(transform=lambda r: r, after=lambda local, w: np.abs(local)),
            "absolute value after averaging",
        ),
        (_wrong_energy(transform=np.square), "averaged the squared response"),
        (
            _wrong_energy(transform=np.square, after=lambda local, w: np.sqrt(local)),
            "root of the mean squared",
        ),
        (_wrong_energy(after=lambda local, w: local * w * w), "summed over the window"),
        (_wrong_energy(size=lambda w: 1), "did not average over the window"),
        (_wrong_energy(size=lambda w: 2 * w + 1), "not its radius"),
        (_wrong_energy(mode="constant"), "averages in zeros"),
        (_wrong_energy(mode="mirror"), "mode='mirror'"),
        (_wrong_energy(mode="nearest"), "mode='nearest'"),
        (
            _wrong_energy(response=lambda i, k: scipy.signal.convolve2d(i, k, mode="same")),
            "boundary='fill'",
        ),
        (
            _wrong_energy(
                response=lambda i, k: scipy.signal.convolve2d(i, k, mode="same", boundary="wrap")
            ),
            "boundary='wrap'",
        ),
        (
            lambda i, k, window=15: np.mean(
                np.abs(scipy.signal.convolve2d(*_valid_energy_input(i, k, window), "same", "symm"))
            ),
            "one number",
        ),
        (lambda i, k, window=15: energy_by_ndimage(i, k, window).T, "transposed"),
        (lambda i, k, window=15: _energy_by_ndimage(i, k, window), "should raise ValueError"),
    ],
)
def test_wrong_energy_is_named(wrong, expected):
    found = messages(wrong, ENERGY_CASES, checks.TEXTURE_ENERGY)
    assert any(expected in message for message in found), found


def _signature(image):
    return np.array(
        [
            np.mean(np.abs(scipy.ndimage.convolve(image, mask, mode="reflect")))
            for mask in laws_masks(SIGNATURE_MASKS).values()
        ]
    )


def _valid_classify_input(patch, references):
    patch = np.asarray(patch, dtype=float)
    if patch.ndim != 2 or min(patch.shape) < 5 or len(references) < 2:
        raise ValueError("bad input")
    for image in references.values():
        if np.ndim(image) != 2 or min(np.shape(image)) < 5:
            raise ValueError("bad reference")
    return patch


def classify_vectorised(patch, references):
    """Right, differently: ndimage, all distances in one array, argmin."""
    patch = _valid_classify_input(patch, references)
    names = list(references)
    table = np.array([_signature(np.asarray(references[n], float)) for n in names])
    return names[int(np.argmin(np.linalg.norm(table - _signature(patch), axis=1)))]


def classify_farthest(patch, references):
    patch = _valid_classify_input(patch, references)
    names = list(references)
    table = np.array([_signature(np.asarray(references[n], float)) for n in names])
    return names[int(np.argmax(np.linalg.norm(table - _signature(patch), axis=1)))]


CLASSIFY_CASES = (
    checks.visible_classify_cases()
    + checks.unseen_classify_cases(seed=3)
    + checks._bad_classify_cases()
    + checks._bad_classify_cases(hidden=True)
)


def classify_messages(func):
    return {o.message for o in checks.classify_outcomes(func, CLASSIFY_CASES) if not o.passed}


@pytest.mark.parametrize("func", [ref.classify_patch, classify_vectorised])
def test_right_classifiers_pass(func):
    assert classify_messages(func) == set()


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (classify_farthest, "farthest"),
        (
            lambda p, r: classify_vectorised(p, {k: v for k, v in r.items() if k != "grass"}),
            "predicted 'gravel' for a patch of 'grass'",
        ),
        (
            lambda p, r: (
                TEXTURE_NAMES[TEXTURE_NAMES.index(classify_vectorised(p, r))]
                if classify_vectorised(p, r) in TEXTURE_NAMES
                else "gravel"
            ),
            "not a name in references",
        ),
        (lambda p, r: list(r).index(classify_vectorised(p, r)), "expected a string"),
        (lambda p, r: None, "forget the `return`"),
        (
            lambda p, r: min(r, key=lambda n: np.linalg.norm(_signature(p) - _signature(r[n]))),
            "should raise ValueError",
        ),
    ],
)
def test_wrong_classifiers_are_named(wrong, expected):
    found = classify_messages(wrong)
    assert any(expected in message for message in found), found


def test_assert_functions_pass_right_and_fail_wrong():
    checks.assert_texture_energy_hand(energy_by_box_kernel)
    checks.assert_texture_energy_random(energy_by_box_kernel, seed=11)
    for hidden in (False, True):
        checks.assert_texture_energy_bad_input(energy_by_ndimage, hidden=hidden)
        checks.assert_classify_patch_bad_input(classify_vectorised, hidden=hidden)
    checks.assert_classify_patch_visible(classify_vectorised)
    checks.assert_classify_patch_unseen(classify_vectorised, seed=11)
    no_abs = _wrong_energy(transform=lambda r: r)
    with pytest.raises(AssertionError, match="signed response"):
        checks.assert_texture_energy_hand(no_abs)
    with pytest.raises(AssertionError, match="signed response"):
        checks.assert_texture_energy_random(no_abs, seed=11)
    with pytest.raises(AssertionError, match="a colour image: raised RuntimeError"):
        checks.assert_texture_energy_bad_input(_energy_by_ndimage, hidden=True)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_texture_energy_bad_input(_energy_by_ndimage)
    with pytest.raises(AssertionError, match="farthest"):
        checks.assert_classify_patch_visible(classify_farthest)
    with pytest.raises(AssertionError, match="farthest"):
        checks.assert_classify_patch_unseen(classify_farthest, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_classify_patch_bad_input(lambda p, r: "brick", hidden=True)


def test_unimplemented_stub_raises_not_implemented():
    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        checks.assert_texture_energy_hand(stub)
    with pytest.raises(NotImplementedError):
        checks.assert_classify_patch_visible(stub)
    with pytest.raises(NotImplementedError):
        checks.assert_classify_patch_unseen(stub, seed=1)


def test_visible_checks_print_the_cause_briefly(capsys):
    checks.check_texture_energy(_wrong_energy(transform=lambda r: r))
    printed = capsys.readouterr().out
    assert "signed response" in printed and len(printed.splitlines()) < 12
    checks.check_classify_patch(classify_farthest)
    printed = capsys.readouterr().out
    assert "farthest" in printed and len(printed.splitlines()) < 16


# ---------------------------------------------------------------- log_distance


def log_by_ratios(s1, s2):
    """Right: the Euclidean length of the log ratios, validated."""
    s1, s2 = np.asarray(s1, dtype=float), np.asarray(s2, dtype=float)
    if s1.ndim != 1 or s1.shape != s2.shape:
        raise ValueError("two 1-D signatures of one length")
    if not (np.all(np.isfinite(s1)) and np.all(np.isfinite(s2))) or min(s1.min(), s2.min()) <= 0:
        raise ValueError("signature values must be finite and above 0")
    return float(np.sqrt(np.sum(np.log(s1 / s2) ** 2)))


def test_hand_log_distances_agree_with_numpy():
    for _, s1, s2, expected in checks.HAND_LOG_DISTANCES:
        assert np.isclose(np.linalg.norm(np.log(s1) - np.log(s2)), expected)
    # the point of the third example: raw differences 0.01 and 4, log differences equal
    _, s1, s2, _ = checks.HAND_LOG_DISTANCES[2]
    assert np.allclose(np.log(s2) - np.log(s1), np.log(2))


def test_log_signatures_classify_the_held_out_patches_better():
    """The lesson's claim, on the grid of 48x48 patches of the bottom halves it uses."""
    bands = material_bands()
    references = {name: ref.texture_signature(band[:128]) for name, band in bands.items()}
    right = {"raw": 0, "log": 0}
    for name, band in bands.items():
        for row in range(128, 256 - 48 + 1, 16):
            for col in range(0, 160 - 48 + 1, 16):
                signature = ref.texture_signature(band[row : row + 48, col : col + 48])
                for scale, transform in (("raw", lambda s: s), ("log", np.log)):
                    distances = {
                        other: np.linalg.norm(transform(signature) - transform(value))
                        for other, value in references.items()
                    }
                    right[scale] += min(distances, key=distances.get) == name
    assert right == {"raw": 134, "log": 138}


LOG_CASES = (
    checks.log_distance_hand_cases()
    + checks.log_distance_random_cases(seed=3)
    + checks.log_distance_error_cases(hidden=True)
)


def log_messages(func):
    return {o.message for o in run_cases(func, LOG_CASES, checks.LOG_DISTANCE) if not o.passed}


def test_right_log_distance_passes():
    assert log_messages(log_by_ratios) == set()


def validated_log(rule):
    def wrong(s1, s2):
        log_by_ratios(s1, s2)  # the same validation
        s1, s2 = np.asarray(s1, dtype=float), np.asarray(s2, dtype=float)
        with np.errstate(all="ignore"):
            return float(rule(s1, s2))

    return wrong


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (lambda a, b: np.linalg.norm(a - b), "you compared the raw signatures"),
        (lambda a, b: np.linalg.norm(np.log10(a) - np.log10(b)), "you used log10"),
        (lambda a, b: np.linalg.norm(np.log1p(a) - np.log1p(b)), "np.log1p"),
        (lambda a, b: np.sum((np.log(a) - np.log(b)) ** 2), "squared distance"),
        (lambda a, b: np.sum(np.abs(np.log(a) - np.log(b))), "city-block"),
        (lambda a, b: np.linalg.norm(np.log(np.abs(a - b))), "log of the difference"),
        (lambda a, b: np.linalg.norm((a - b) / b), "divided the difference by s2"),
    ],
)
def test_wrong_log_distances_are_named(rule, expected):
    found = log_messages(validated_log(rule))
    assert len(found) == 1 and expected in found.pop(), found


def test_missing_log_validation_is_reported():
    with np.errstate(all="ignore"):
        found = log_messages(lambda a, b: float(np.linalg.norm(np.log(a) - np.log(b))))
    assert found and all("should raise ValueError" in m or "raised" in m for m in found), found


def test_log_asserts_pass_right_and_fail_wrong():
    checks.assert_log_distance_hand(log_by_ratios)
    checks.assert_log_distance_random(log_by_ratios, seed=11)
    checks.assert_log_distance_bad_input(log_by_ratios, hidden=True)
    raw = validated_log(lambda a, b: np.linalg.norm(a - b))
    with pytest.raises(AssertionError, match="raw signatures"):
        checks.assert_log_distance_hand(raw)
    with pytest.raises(AssertionError, match="raw signatures"):
        checks.assert_log_distance_random(raw, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_log_distance_bad_input(lambda a, b: 0.0)


def test_log_hidden_cases_depend_on_the_seed():
    first, second = (checks.log_distance_random_cases(seed) for seed in (1, 2))
    assert not np.allclose(first[0].args[0], second[0].args[0])
    assert np.array_equal(checks.log_distance_random_cases(1)[0].args[0], first[0].args[0])
