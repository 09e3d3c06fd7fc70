"""A wrong correlate2d, and a cell that writes full marks into the gradebook: nothing changes."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE, add_cell_after

from course_factory import fill


def submission(notebook, course):
    notebook = fill(notebook, {"correlate2d": ZEROS_CORRELATE})
    path = course / "gradebook.db"
    return add_cell_after(
        notebook,
        "test-convolve2d-random",
        "import sqlite3\n"
        f"db = sqlite3.connect({str(path)!r})\n"
        "db.execute('update grade set auto_score = max_score')\n"
        "db.commit()",
    )


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = ""
