"""A graded test cell deleted: it is put back and scores as usual."""

from _parts import FULL


def submission(notebook, course):
    notebook.cells = [
        cell
        for cell in notebook.cells
        if cell.metadata.get("nbgrader", {}).get("grade_id") != "test-correlate2d-random"
    ]
    return notebook


EXPECTED = FULL
CAUSE = "deleted cell test-correlate2d-random (restored)"
