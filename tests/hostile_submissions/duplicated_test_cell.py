"""A wrong correlate2d, and an emptied copy of its test cell placed before the real one."""

import copy

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE, cell_index

from course_factory import fill


def submission(notebook, course):
    notebook = fill(notebook, {"correlate2d": ZEROS_CORRELATE})
    index = cell_index(notebook, "test-correlate2d-hand")
    fake = copy.deepcopy(notebook.cells[index])
    fake.source = "pass"
    fake.id = "fake-copy"
    notebook.cells.insert(index, fake)
    return notebook


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "duplicated cell test-correlate2d-hand"
