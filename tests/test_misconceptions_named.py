"""Every named mistake of lessons 12-15 reaches the learner: each misconception's wrong
function, fed to its own exercise's visible check, gets its own message printed.

This catches a misconception that no visible case separates from the right answer, and one
that an earlier misconception shadows (the first match wins). Mistakes whose wrong function
does not apply to some inputs (it returns None there) answer like the reference on those.
Other lessons can join by adding their exercises to ``EXERCISES``.
"""

from __future__ import annotations

import pytest

from autograder.checks import l12_conv_layers, l12_learning, l13_signals, l14_text, l15_capstone
from autograder.reference import l12_conv_layers as ref12
from autograder.reference import l12_learning as ref12_learning
from autograder.reference import l13_signals as ref13
from autograder.reference import l14_text as ref14
from autograder.reference import l15_capstone as ref15

# (exercise description, its visible check, its reference)
EXERCISES = [
    (l12_conv_layers.CONV2D_FORWARD, l12_conv_layers.check_conv2d_forward, ref12.conv2d_forward),
    (l12_conv_layers.RELU, l12_conv_layers.check_relu, ref12.relu),
    (l12_conv_layers.MAX_POOL2D, l12_conv_layers.check_max_pool2d, ref12.max_pool2d),
    (l12_learning.COST, l12_learning.check_conv2d_cost, ref12_learning.conv2d_cost),
    (
        l12_learning.BACKWARD_INPUT,
        l12_learning.check_conv2d_backward_input,
        ref12_learning.conv2d_backward_input,
    ),
    (
        l12_learning.BACKWARD_KERNEL,
        l12_learning.check_conv2d_backward_kernel,
        ref12_learning.conv2d_backward_kernel,
    ),
    (
        l12_learning.BACKWARD_POOL,
        l12_learning.check_max_pool2d_backward,
        ref12_learning.max_pool2d_backward,
    ),
    (
        l12_learning.STEP,
        l12_learning.check_kernel_gradient_step,
        ref12_learning.kernel_gradient_step,
    ),
    (l13_signals.CONVOLVE1D, l13_signals.check_convolve1d, ref13.convolve1d),
    (l13_signals.MOVING_AVERAGE, l13_signals.check_moving_average, ref13.moving_average),
    (
        l13_signals.MOVING_AVERAGE_UNBIASED,
        l13_signals.check_moving_average_unbiased,
        ref13.moving_average_unbiased,
    ),
    (l13_signals.FFT_CONVOLVE, l13_signals.check_fft_convolve, ref13.fft_convolve),
    (l14_text.CHAR_TO_INDEX, l14_text.check_char_to_index, ref14.char_to_index),
    (l14_text.TEXT_TO_MATRIX, l14_text.check_text_to_matrix, ref14.text_to_matrix),
    (l14_text.CHAR_CONV1D, l14_text.check_char_conv1d, ref14.char_conv1d),
    (l14_text.MAX_OVER_TIME, l14_text.check_max_over_time, ref14.max_over_time),
    (l15_capstone.CONV2D, l15_capstone.check_conv2d, ref15.conv2d),
]


def _params():
    return [
        pytest.param(exercise, visible_check, reference, misconception, id=f"{exercise.name}-{i}")
        for exercise, visible_check, reference in EXERCISES
        for i, misconception in enumerate(exercise.misconceptions)
    ]


@pytest.mark.parametrize(("exercise", "visible_check", "reference", "misconception"), _params())
def test_each_misconception_is_named_by_its_visible_check(
    exercise, visible_check, reference, misconception, capsys
):
    def wrong(*args, **kwargs):
        answer = misconception.wrong(*args, **kwargs)
        return reference(*args, **kwargs) if answer is None else answer

    visible_check(wrong)
    printed = capsys.readouterr().out
    assert misconception.message in printed, printed
