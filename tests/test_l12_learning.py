"""Lesson 12, sections 7-9: costs, the backward pass and learning a kernel.

The references are checked against torch's autograd and parameter counts (an independent
implementation), against numerical gradients and against examples worked out by hand; then
the checks must pass right answers and name each wrong one.
"""

import numpy as np
import pytest
import scipy.signal
import torch

from autograder.checks import l12_learning as checks
from autograder.feedback import run_cases
from autograder.reference import l12_learning as ref


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


# ---------------------------------------------------------------- references against torch


def torch_conv_gradients(x, kernel, grad_out):
    """dL/dx and dL/dK of torch's conv2d (a cross-correlation) for L = sum(y * grad_out)."""
    xt = torch.tensor(x)[None, None].requires_grad_()
    kt = torch.tensor(kernel)[None, None].requires_grad_()
    y = torch.nn.functional.conv2d(xt, kt)
    (y * torch.tensor(grad_out)[None, None]).sum().backward()
    return xt.grad[0, 0].numpy(), kt.grad[0, 0].numpy()


@pytest.mark.parametrize("seed", range(5))
def test_conv_backward_references_match_torch_autograd(seed):
    rng = np.random.default_rng(seed)
    kh, kw = (int(v) for v in rng.integers(1, 5, size=2))
    x = rng.normal(size=tuple(int(v) for v in rng.integers(5, 10, size=2)))
    kernel = rng.normal(size=(kh, kw))
    grad_out = rng.normal(size=(x.shape[0] - kh + 1, x.shape[1] - kw + 1))
    grad_x, grad_k = torch_conv_gradients(x, kernel, grad_out)
    np.testing.assert_allclose(ref.conv2d_backward_input(kernel, grad_out), grad_x, atol=1e-12)
    np.testing.assert_allclose(ref.conv2d_backward_kernel(x, grad_out), grad_k, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_pool_backward_reference_matches_torch_autograd(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(2, 4))
    x = rng.normal(size=tuple(int(v) for v in rng.integers(size, 4 * size + 2, size=2)))
    grad_out = rng.normal(size=ref.pooled_shape(x.shape, size))
    xt = torch.tensor(x)[None, None].requires_grad_()
    y = torch.nn.functional.max_pool2d(xt, size)  # floor mode, stride = size
    (y * torch.tensor(grad_out)[None, None]).sum().backward()
    np.testing.assert_array_equal(ref.max_pool2d_backward(x, grad_out, size), xt.grad[0, 0])


def test_gradient_step_reference_matches_torch_autograd():
    rng = np.random.default_rng(3)
    images, kernel = rng.normal(size=(3, 7, 6)), rng.normal(size=(2, 3))
    targets = rng.normal(size=(3, 6, 4))
    kt = torch.tensor(kernel)[None, None].requires_grad_()
    y = torch.nn.functional.conv2d(torch.tensor(images)[:, None], kt)[:, 0]
    loss = ((y - torch.tensor(targets)) ** 2).sum() / (2 * targets.size)
    loss.backward()
    np.testing.assert_allclose(ref.kernel_loss(kernel, images, targets), loss.item())
    expected = kernel - 0.3 * kt.grad[0, 0].numpy()
    np.testing.assert_allclose(ref.kernel_gradient_step(kernel, images, targets, 0.3), expected)


@pytest.mark.parametrize(
    ("kh", "kw", "c_in", "c_out"), [(3, 3, 1, 16), (3, 3, 16, 32), (1, 1, 64, 16), (5, 2, 3, 7)]
)
def test_parameter_counts_match_torch(kh, kw, c_in, c_out):
    def count(*modules):
        return sum(p.numel() for module in modules for p in module.parameters())

    standard = torch.nn.Conv2d(c_in, c_out, (kh, kw))
    depthwise = torch.nn.Conv2d(c_in, c_in, (kh, kw), groups=c_in, bias=False)
    pointwise = torch.nn.Conv2d(c_in, c_out, 1)
    assert ref.conv2d_cost(kh, kw, c_in, c_out, 9, 9)[0] == count(standard)
    assert ref.conv2d_cost(kh, kw, c_in, c_out, 9, 9, True)[0] == count(depthwise, pointwise)


def test_multiplication_counts_match_a_counted_loop():
    """Count the products a plain loop makes (standard, and depthwise then pointwise)."""
    kh, kw, c_in, c_out, h_out, w_out = 2, 3, 4, 5, 3, 2
    standard = sum(1 for _ in np.ndindex(h_out, w_out, c_out, kh, kw, c_in))
    depthwise = sum(1 for _ in np.ndindex(h_out, w_out, c_in, kh, kw))
    pointwise = sum(1 for _ in np.ndindex(h_out, w_out, c_out, c_in))
    assert ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out)[1] == standard
    assert ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, True)[1] == depthwise + pointwise


def test_references_match_numerical_gradients():
    rng = np.random.default_rng(1)
    x, kernel, g = rng.normal(size=(5, 6)), rng.normal(size=(2, 3)), rng.normal(size=(4, 4))
    eps = 1e-6

    def numerical(loss, array):
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            step = np.zeros_like(array)
            step[index] = eps
            grad[index] = (loss(array + step) - loss(array - step)) / (2 * eps)
        return grad

    forward = scipy.signal.correlate2d
    grad_x = numerical(lambda v: np.sum(forward(v, kernel, "valid") * g), x)
    grad_k = numerical(lambda k: np.sum(forward(x, k, "valid") * g), kernel)
    np.testing.assert_allclose(ref.conv2d_backward_input(kernel, g), grad_x, atol=1e-7)
    np.testing.assert_allclose(ref.conv2d_backward_kernel(x, g), grad_k, atol=1e-7)


# ---------------------------------------------------------------- hand examples


def test_hand_examples_agree_with_scipy():
    k = checks.HAND_K
    for grad, expected in [
        (checks.GRAD_ONE_CORNER, checks.BACKWARD_INPUT_CORNER),
        (checks.GRAD_ONES, checks.BACKWARD_INPUT_ONES),
        (checks.GRAD_MIXED, checks.BACKWARD_INPUT_MIXED),
    ]:
        assert np.array_equal(scipy.signal.convolve2d(grad, k, "full"), expected)
    for grad, expected in [
        (checks.GRAD_ONE_CORNER, checks.BACKWARD_KERNEL_CORNER),
        (checks.GRAD_OTHER_CORNER, checks.BACKWARD_KERNEL_OTHER_CORNER),
        (checks.GRAD_MIXED, checks.BACKWARD_KERNEL_MIXED),
    ]:
        assert np.array_equal(scipy.signal.correlate2d(checks.BACKWARD_X, grad, "valid"), expected)
    assert np.array_equal(
        ref.max_pool2d_backward(checks.POOL_X, checks.POOL_GRAD), checks.POOL_BACKWARD
    )
    assert np.array_equal(
        ref.max_pool2d_backward(checks.POOL3_X, checks.POOL3_GRAD, 3), checks.POOL3_BACKWARD
    )
    hidden = np.array([[1.0, 2.0], [0.0, -1.0]])
    targets = [scipy.signal.correlate2d(x, hidden, "valid") for x in checks.STEP2_IMAGES]
    assert np.array_equal(targets, checks.STEP2_TARGETS)
    step = ref.kernel_gradient_step(np.zeros((2, 2)), checks.STEP2_IMAGES, targets, 0.5)
    assert step[0, 0] == checks.STEP2_NEW_00
    assert ref.kernel_gradient_step(
        checks.STEP_KERNEL, checks.STEP_IMAGES, checks.STEP_TARGETS, 0.1
    ) == pytest.approx(checks.STEP_NEW_KERNEL)


def test_cost_hand_examples_by_hand():
    for args, expected in [
        checks.COST_LAYER1,
        checks.COST_LAYER2,
        checks.COST_1X1,
    ]:
        kh, kw, c_in, c_out, h_out, w_out = args
        assert expected == (kh * kw * c_in * c_out + c_out, h_out * w_out * kh * kw * c_in * c_out)
    assert checks.COST_LAYER2_SEPARABLE[1] == (9 * 16 + 16 * 32 + 32, 29 * 29 * (9 * 16 + 16 * 32))


def test_the_max_pool_hand_maps_have_no_ties():
    for x, size in ((checks.POOL_X, 2), (checks.POOL3_X, 3)):
        rows, cols = ref.pooled_shape(x.shape, size)
        for i in range(rows):
            for j in range(cols):
                window = x[i * size : (i + 1) * size, j * size : (j + 1) * size]
                assert np.sum(window == window.max()) == 1


# ---------------------------------------------------------------- right and wrong answers


def cost_loop(kh, kw, c_in, c_out, h_out, w_out, separable=False):
    """Correct, another way: count what the layers hold and do."""
    if min(kh, kw, c_in, c_out, h_out, w_out) < 1:
        raise ValueError("sizes must be at least 1")
    if separable:
        weights = np.zeros((kh, kw, c_in)).size + np.zeros((c_in, c_out)).size + c_out
        return int(weights), int(h_out * w_out * (kh * kw * c_in + c_in * c_out))
    return int(np.zeros((kh, kw, c_in, c_out)).size + c_out), int(
        np.prod([h_out, w_out, kh, kw, c_in, c_out])
    )


def backward_input_loops(kernel, grad_out, flip=True):
    """dL/dx by scattering each output's gradient through the kernel (flip=False: a bug)."""
    kernel, grad_out = np.asarray(kernel, float), np.asarray(grad_out, float)
    if kernel.ndim != 2 or grad_out.ndim != 2:
        raise ValueError("2-D please")
    if not flip:
        kernel = kernel[::-1, ::-1]
    kh, kw = kernel.shape
    grad = np.zeros((grad_out.shape[0] + kh - 1, grad_out.shape[1] + kw - 1))
    for i, j in np.ndindex(grad_out.shape):
        grad[i : i + kh, j : j + kw] += grad_out[i, j] * kernel
    return grad


def backward_kernel_loops(x, grad_out):
    x, grad_out = np.asarray(x, float), np.asarray(grad_out, float)
    if x.ndim != 2 or grad_out.ndim != 2 or grad_out.shape[0] > x.shape[0]:
        raise ValueError("bad shapes")
    if grad_out.shape[1] > x.shape[1]:
        raise ValueError("bad shapes")
    kh, kw = x.shape[0] - grad_out.shape[0] + 1, x.shape[1] - grad_out.shape[1] + 1
    grad = np.zeros((kh, kw))
    for m, n in np.ndindex(kh, kw):
        grad[m, n] = np.sum(x[m : m + grad_out.shape[0], n : n + grad_out.shape[1]] * grad_out)
    return grad


def step_loops(kernel, images, targets, lr):
    kernel = np.asarray(kernel, float)
    images, targets = np.asarray(images, float), np.asarray(targets, float)
    if targets.shape != ref.predictions(kernel, images).shape:
        raise ValueError("targets do not have the shape of the outputs")
    grad = sum(
        backward_kernel_loops(x, scipy.signal.correlate2d(x, kernel, "valid") - t)
        for x, t in zip(images, targets)
    )
    return kernel - lr * grad / targets.size


COST_CASES = checks.cost_hand_cases() + checks.cost_random_cases(3) + checks.cost_bad_cases()
INPUT_CASES = (
    checks.backward_input_hand_cases()
    + checks.backward_input_random_cases(3)
    + checks.backward_input_bad_cases()
)
KERNEL_CASES = (
    checks.backward_kernel_hand_cases()
    + checks.backward_kernel_random_cases(3)
    + checks.backward_kernel_bad_cases()
)
POOL_CASES = checks.pool_hand_cases() + checks.pool_random_cases(3) + checks.pool_bad_cases()
STEP_CASES = checks.step_hand_cases() + checks.step_random_cases(3) + checks.step_bad_cases()


@pytest.mark.parametrize(
    ("func", "cases", "exercise"),
    [
        (cost_loop, COST_CASES, checks.COST),
        (ref.conv2d_cost, COST_CASES, checks.COST),
        (backward_input_loops, INPUT_CASES, checks.BACKWARD_INPUT),
        (ref.conv2d_backward_input, INPUT_CASES, checks.BACKWARD_INPUT),
        (backward_kernel_loops, KERNEL_CASES, checks.BACKWARD_KERNEL),
        (ref.conv2d_backward_kernel, KERNEL_CASES, checks.BACKWARD_KERNEL),
        (ref.max_pool2d_backward, POOL_CASES, checks.BACKWARD_POOL),
        (step_loops, STEP_CASES, checks.STEP),
        (ref.kernel_gradient_step, STEP_CASES, checks.STEP),
    ],
)
def test_right_answers_pass(func, cases, exercise):
    assert messages(func, cases, exercise) == set()


def _cost_with(change):
    def wrong(kh, kw, c_in, c_out, h_out, w_out, separable=False):
        return change(kh, kw, c_in, c_out, h_out, w_out, separable)

    return wrong


WRONG_COSTS = [
    (
        _cost_with(
            lambda kh, kw, ci, co, h, w, s: (
                cost_loop(kh, kw, ci, co, h, w, s)[0] - co,
                cost_loop(kh, kw, ci, co, h, w, s)[1],
            )
        ),
        "the biases are missing",
    ),
    (
        _cost_with(
            lambda kh, kw, ci, co, h, w, s: (
                cost_loop(kh, kw, ci, co, h, w, s)[0],
                cost_loop(kh, kw, ci, co, 1, 1, s)[1],
            )
        ),
        "ONE output position",
    ),
    (
        _cost_with(lambda kh, kw, ci, co, h, w, s: cost_loop(kh, kw, ci, co, h, w, False)),
        "you returned the standard layer's cost",
    ),
    (
        _cost_with(
            lambda kh, kw, ci, co, h, w, s: (
                (kh * kw * ci + ci + ci * co + co, h * w * (kh * kw * ci + ci * co))
                if s
                else cost_loop(kh, kw, ci, co, h, w)
            )
        ),
        "no bias in the depthwise step",
    ),
    (
        _cost_with(
            lambda kh, kw, ci, co, h, w, s: (
                (kh * kw * ci + co, h * w * kh * kw * ci) if s else cost_loop(kh, kw, ci, co, h, w)
            )
        ),
        "left out the 1x1 pointwise step",
    ),
    (
        _cost_with(lambda kh, kw, ci, co, h, w, s: cost_loop(kh, kw, ci, co, h, w, s)[::-1]),
        "(multiplications, parameters)",
    ),
    (
        _cost_with(
            lambda kh, kw, ci, co, h, w, s: (
                (kh * kw * co + ci * co + co, h * w * (kh * kw * co + ci * co))
                if s
                else cost_loop(kh, kw, ci, co, h, w)
            )
        ),
        "ONE kh x kw kernel per input channel",
    ),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG_COSTS)
def test_wrong_costs_are_named(wrong, expected):
    found = messages(wrong, COST_CASES, checks.COST)
    assert any(expected in message for message in found), found


WRONG_INPUT_GRADIENTS = [
    (lambda k, g: backward_input_loops(k, g, flip=False), "you did not flip the kernel"),
    (lambda k, g: scipy.signal.correlate2d(g, np.rot90(k), "full"), "np.rot90"),
    (lambda k, g: scipy.signal.convolve2d(g, k, "same"), "use mode 'full'"),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG_INPUT_GRADIENTS)
def test_wrong_input_gradients_are_named(wrong, expected):
    found = messages(wrong, INPUT_CASES, checks.BACKWARD_INPUT)
    assert any(expected in message for message in found), found


def test_the_missing_flip_is_named_on_the_hand_cases_alone():
    def unflipped(kernel, grad_out):
        return backward_input_loops(kernel, grad_out, flip=False)

    found = messages(unflipped, checks.backward_input_hand_cases(), checks.BACKWARD_INPUT)
    assert found == {checks.FLIP}


WRONG_KERNEL_GRADIENTS = [
    (lambda x, g: scipy.signal.convolve2d(x, g, "valid"), "you flipped grad_out"),
    (lambda x, g: backward_kernel_loops(x, g)[::-1, ::-1], "turned by 180 degrees"),
    (lambda x, g: backward_kernel_loops(x, g) / np.size(g), "the gradient is their SUM"),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG_KERNEL_GRADIENTS)
def test_wrong_kernel_gradients_are_named(wrong, expected):
    found = messages(wrong, KERNEL_CASES, checks.BACKWARD_KERNEL)
    assert any(expected in message for message in found), found


def pool_loops(x, grad_out, size=2, mistake=None):
    x, grad_out = np.asarray(x, float), np.asarray(grad_out, float)
    grad = np.zeros_like(x)
    for i, j in np.ndindex(grad_out.shape):
        rows, cols = slice(i * size, (i + 1) * size), slice(j * size, (j + 1) * size)
        window = x[rows, cols]
        if mistake == "average":
            grad[rows, cols] = grad_out[i, j] / size**2
        elif mistake == "copy":
            grad[rows, cols] = grad_out[i, j]
        else:
            pick = np.argmin(window) if mistake == "min" else np.argmax(window)
            m, n = np.unravel_index(pick, window.shape)
            value = {"mask": 1.0, "times_x": grad_out[i, j] * window[m, n]}.get(
                mistake, grad_out[i, j]
            )
            grad[i * size + m, j * size + n] = value
    return grad


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        ("average", "average pooling's backward pass"),
        ("copy", "copied each window's gradient"),
        ("min", "minimum"),
        ("mask", "where the maxima are"),
        ("times_x", "multiplied by x's values"),
    ],
)
def test_wrong_pool_gradients_are_named(mistake, expected):
    def wrong(x, grad_out, size=2):
        return pool_loops(x, grad_out, size, mistake)

    found = messages(wrong, POOL_CASES, checks.BACKWARD_POOL)
    assert any(expected in message for message in found), found
    assert (
        messages(lambda x, g, size=2: pool_loops(x, g, size), POOL_CASES[:-1], checks.BACKWARD_POOL)
        == set()
    )


def _grad_sum(kernel, images, targets, flip=False):
    correlate = scipy.signal.convolve2d if flip else scipy.signal.correlate2d
    return sum(
        correlate(x, scipy.signal.correlate2d(x, kernel, "valid") - t, "valid")
        for x, t in zip(np.asarray(images, float), np.asarray(targets, float))
    )


WRONG_STEPS = [
    (lambda k, x, t, lr: k + lr * _grad_sum(k, x, t) / np.size(t), "you stepped uphill"),
    (lambda k, x, t, lr: k - lr * _grad_sum(k, x, t), "without dividing by M"),
    (lambda k, x, t, lr: k - lr * _grad_sum(k, x, t) / len(t), "number of images only"),
    (lambda k, x, t, lr: k - lr * _grad_sum(k, x, t, True) / np.size(t), "you convolved"),
    (lambda k, x, t, lr: _grad_sum(k, x, t) / np.size(t), "you returned the gradient"),
]


@pytest.mark.parametrize(("wrong", "expected"), WRONG_STEPS)
def test_wrong_steps_are_named(wrong, expected):
    found = messages(wrong, STEP_CASES[:-1], checks.STEP)
    assert any(expected in message for message in found), found


def test_a_step_that_changes_the_kernel_in_place_is_caught():
    def in_place(kernel, images, targets, lr):
        kernel -= lr * _grad_sum(kernel, images, targets) / np.size(targets)
        return kernel

    found = messages(in_place, checks.step_random_cases(3), checks.STEP)
    assert any("in place" in message for message in found), found


# ---------------------------------------------------------------- graded asserts


def test_asserts_pass_right_answers():
    checks.assert_conv2d_cost_hand(cost_loop)
    checks.assert_conv2d_cost_random(cost_loop, seed=11)
    checks.assert_conv2d_backward_input_hand(backward_input_loops)
    checks.assert_conv2d_backward_input_random(backward_input_loops, seed=11)
    checks.assert_conv2d_backward_kernel_hand(backward_kernel_loops)
    checks.assert_conv2d_backward_kernel_random(backward_kernel_loops, seed=11)
    checks.assert_max_pool2d_backward_hand(ref.max_pool2d_backward)
    checks.assert_max_pool2d_backward_random(ref.max_pool2d_backward, seed=11)
    checks.assert_kernel_gradient_step_hand(step_loops)
    checks.assert_kernel_gradient_step_random(step_loops, seed=11)


@pytest.mark.parametrize(
    ("assertion", "wrong", "match"),
    [
        (checks.assert_conv2d_cost_hand, WRONG_COSTS[0][0], "biases are missing"),
        (lambda f: checks.assert_conv2d_cost_random(f, 11), WRONG_COSTS[2][0], "standard"),
        (checks.assert_conv2d_backward_input_hand, WRONG_INPUT_GRADIENTS[0][0], "flip"),
        (
            lambda f: checks.assert_conv2d_backward_input_random(f, 11),
            WRONG_INPUT_GRADIENTS[0][0],
            "flip",
        ),
        (checks.assert_conv2d_backward_kernel_hand, WRONG_KERNEL_GRADIENTS[0][0], "flipped"),
        (
            lambda f: checks.assert_conv2d_backward_kernel_random(f, 11),
            WRONG_KERNEL_GRADIENTS[1][0],
            "180",
        ),
        (
            checks.assert_max_pool2d_backward_hand,
            lambda x, g, size=2: pool_loops(x, g, size, "average"),
            "average",
        ),
        (
            lambda f: checks.assert_max_pool2d_backward_random(f, 11),
            lambda x, g, size=2: pool_loops(x, g, size, "min"),
            "minimum",
        ),
        (checks.assert_kernel_gradient_step_hand, WRONG_STEPS[0][0], "uphill"),
        (lambda f: checks.assert_kernel_gradient_step_random(f, 11), WRONG_STEPS[1][0], "by M"),
    ],
)
def test_asserts_fail_wrong_answers(assertion, wrong, match):
    with pytest.raises(AssertionError, match=match):
        assertion(wrong)


def test_hidden_cases_depend_on_the_seed():
    for make in (
        checks.cost_random_cases,
        checks.backward_input_random_cases,
        checks.backward_kernel_random_cases,
        checks.pool_random_cases,
        checks.step_random_cases,
    ):
        first, again, other = make(1), make(1), make(2)
        assert [c.label for c in first] == [c.label for c in again]
        assert [repr(c.args) for c in first] != [repr(c.args) for c in other]


def test_visible_checks_name_the_mistake(capsys):
    checks.check_conv2d_backward_input(WRONG_INPUT_GRADIENTS[0][0])
    printed = capsys.readouterr().out
    assert "you did not flip the kernel" in printed and len(printed.splitlines()) < 10


def test_learning_figure_shows_every_kernel_on_one_symmetric_scale(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from course import learning

    monkeypatch.setenv("AUTOGRADER_GRADING", "0")
    drawn = []
    monkeypatch.setattr(learning, "finish_figure", drawn.append)
    hidden = np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    learning.show_learning([1.0, 0.1, 0.01], {1: hidden / 2, 2: hidden}, hidden)
    (figure,) = drawn
    images = [image for ax in figure.axes for image in ax.get_images()]
    assert len(images) == 3 and {image.get_clim() for image in images} == {(-2.0, 2.0)}
    assert any(image.colorbar is not None for image in images)
    assert figure.axes[0].get_yscale() == "log"
    plt.close(figure)
