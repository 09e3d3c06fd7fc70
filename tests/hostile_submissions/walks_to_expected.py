"""A correlate2d that walks up its callers to the check engine and returns the expected value
it finds there; the tests run in the grader, so there is nothing to find."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE

from course_factory import fill

CHEAT = """
import inspect
""" + ZEROS_CORRELATE.replace(
    "    image, kernel",
    "    for frame in inspect.stack():\n"
    "        case = frame.frame.f_locals.get('case')\n"
    "        if case is not None and hasattr(case, 'expected'):\n"
    "            return case.expected\n"
    "    image, kernel",
)


def submission(notebook, course):
    return fill(notebook, {"correlate2d": CHEAT})


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "values differ from the reference"
