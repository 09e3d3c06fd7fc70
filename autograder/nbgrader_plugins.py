"""nbgrader plugins of the course, enabled in ``nbgrader_config.py``.

``HideHiddenTests`` runs in ``nbgrader generate_feedback``. nbgrader's feedback shows the
autograded notebook as it ran, hidden tests included, and tracebacks quote the failing line.
This step removes the ``### BEGIN HIDDEN TESTS`` regions from every graded cell and cuts each
graded cell's error down to its last line ("AssertionError: correlate2d, random case 2: you
flipped the kernel ..."), which is the checks' diagnosis and holds no test source.
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests


class HideHiddenTests(ClearHiddenTests):
    """Hidden tests and tracebacks out of student-visible feedback."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            self._remove_hidden_test_region(cell)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output['ename']}: {output['evalue']}"]
        return cell, resources
