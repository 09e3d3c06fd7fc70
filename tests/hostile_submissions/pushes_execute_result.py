"""A wrong correlate2d that pushes a result through the display hook while it is tested, so
that a test cell would show an execute_result (nbgrader reads it as partial credit)."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE

from course_factory import fill

CHEAT = ZEROS_CORRELATE.replace(
    "    image, kernel",
    "    import sys\n    sys.displayhook(1000)\n    get_ipython().displayhook('full marks')\n"
    "    image, kernel",
)


def submission(notebook, course):
    return fill(notebook, {"correlate2d": CHEAT})


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "values differ from the reference"
