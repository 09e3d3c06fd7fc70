"""A wrong correlate2d, and its hand-worked test cell changed to markdown so it never runs."""

import nbformat
from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE, cell_index

from course_factory import fill


def submission(notebook, course):
    notebook = fill(notebook, {"correlate2d": ZEROS_CORRELATE})
    index = cell_index(notebook, "test-correlate2d-hand")
    old = notebook.cells[index]
    markdown = nbformat.v4.new_markdown_cell(old.source, metadata=old.metadata)
    markdown.id = old.id
    notebook.cells[index] = markdown
    return notebook


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "changed cell test-correlate2d-hand from code to markdown"
