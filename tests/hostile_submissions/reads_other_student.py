"""A cell that reads another student's submission from the course folder: refused."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    path = course / "submitted" / "honest" / "01-convolution" / "01-convolution.ipynb"
    return add_cell_after(notebook, "correlate2d", f"print(open({str(path)!r}).read()[:500])")


EXPECTED = FULL
CAUSE = "tried to open the grader's private files"
