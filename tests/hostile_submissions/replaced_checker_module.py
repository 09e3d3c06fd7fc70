"""A wrong correlate2d, and the lesson's checker module replaced in sys.modules by no-ops."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE

from course_factory import fill

CHEAT = (
    ZEROS_CORRELATE
    + """
import sys, types
fake = types.ModuleType("autograder.checks.l01_convolution")
for name in ("assert_correlate2d_hand", "assert_correlate2d_random"):
    setattr(fake, name, lambda *args, **kwargs: None)
real = sys.modules["autograder.checks.l01_convolution"]
for name in ("assert_convolve2d_hand", "assert_convolve2d_random"):
    setattr(fake, name, getattr(real, name))
sys.modules["autograder.checks.l01_convolution"] = fake
import autograder.checks
autograder.checks.l01_convolution = fake
"""
)


def submission(notebook, course):
    return fill(notebook, {"correlate2d": CHEAT})


EXPECTED = {**FULL, **CORRELATE_TESTS}
# The tests run in the grader, out of the notebook's reach: the wrong values are named.
CAUSE = "values differ from the reference"
