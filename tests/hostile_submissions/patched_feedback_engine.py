"""A wrong correlate2d, and the check engine's diagnose() patched to find nothing wrong."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE

from course_factory import fill


def submission(notebook, course):
    cheat = ZEROS_CORRELATE + (
        "\nimport autograder.feedback\nautograder.feedback.diagnose = lambda *args: None"
    )
    return fill(notebook, {"correlate2d": cheat})


EXPECTED = {**FULL, **CORRELATE_TESTS}
# The tests run in the grader, out of the notebook's reach: the wrong values are named.
CAUSE = "values differ from the reference"
