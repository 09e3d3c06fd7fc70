"""A wrong correlate2d, and its test cell turned into an ungraded, unlocked cell that passes."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE, cell_index

from course_factory import fill


def submission(notebook, course):
    notebook = fill(notebook, {"correlate2d": ZEROS_CORRELATE})
    cell = notebook.cells[cell_index(notebook, "test-correlate2d-hand")]
    cell.metadata["nbgrader"].update({"grade": False, "locked": False, "points": 0})
    cell.source = "pass"
    return notebook


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "test-correlate2d-hand"
