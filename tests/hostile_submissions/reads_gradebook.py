"""A cell that opens the gradebook with sqlite3 to read the hidden tests' source: refused."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    path = course / "gradebook.db"
    return add_cell_after(
        notebook,
        "correlate2d",
        "import sqlite3\n"
        f"database = sqlite3.connect({str(path)!r})\n"
        "print(database.execute('select source from source_cell').fetchall())",
    )


EXPECTED = FULL
CAUSE = "tried to open the grader's private files"
