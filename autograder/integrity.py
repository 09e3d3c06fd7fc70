"""What a submission changed in the notebook's structure, for the report.

The grader never trusts a submission's structure: nbgrader's ``OverwriteCells`` (with
``add_missing_cells``) restores graded cells, their source, type, points and metadata from the
gradebook's copy of the release, and ``DeduplicateIds`` strips copies. This module only *says*
what was altered, by comparing the submission as it arrived with that copy, so that an
instructor sees "deleted test cell test-x (restored)" next to the score.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

# nbgrader's default markers (ClearHiddenTests): the release carries the cell without them.
_HIDDEN_TESTS = re.compile(r"[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.S)


def _as_released(text: str) -> str:
    """A locked cell's source as students receive it: hidden tests removed, ends trimmed."""
    return "\n".join(line.rstrip() for line in _HIDDEN_TESTS.sub("", text).strip().splitlines())


def _nbgrader(cell: dict[str, Any]) -> dict[str, Any]:
    metadata = cell.get("metadata", {}) if isinstance(cell, dict) else {}
    value = metadata.get("nbgrader", {}) if isinstance(metadata, dict) else {}
    return value if isinstance(value, dict) else {}


def _points_match(metadata: dict[str, Any], grade_cell) -> bool:
    """Do the cell's points equal the released grade cell's?"""
    try:
        return float(metadata.get("points")) == float(grade_cell.max_score)
    except (TypeError, ValueError):
        return False


def _flags_match(metadata: dict[str, Any], name: str, source_notebook) -> bool:
    """Are the cell's grade, solution and locked flags the released cell's?"""
    grade = any(cell.name == name for cell in source_notebook.grade_cells)
    solution = any(cell.name == name for cell in source_notebook.solution_cells)
    locked = any(cell.name == name and cell.locked for cell in source_notebook.source_cells)
    if bool(metadata.get("grade")) != grade or bool(metadata.get("solution")) != solution:
        return False
    # Locked as nbgrader reads it (``utils.is_locked``): a test cell is locked whatever its
    # "locked" says, and generate_assignment releases test cells with "locked": false.
    effective = not solution and (grade or bool(metadata.get("locked")))
    return effective == locked


def structure_changes(cells: list[dict[str, Any]], source_notebook) -> list[str]:
    """Alterations of the released structure in ``cells`` (a submission's cells, as read).

    ``source_notebook`` is nbgrader's gradebook ``Notebook`` (its ``source_cells`` and
    ``grade_cells``). Only cells that nbgrader restores are examined: locked cells and
    graded cells.
    """
    grade_cells = {cell.name: cell for cell in source_notebook.grade_cells}
    watched = {cell.name: cell for cell in source_notebook.source_cells if cell.locked}
    watched.update(
        {cell.name: cell for cell in source_notebook.source_cells if cell.name in grade_cells}
    )
    by_id: dict[str, list[dict[str, Any]]] = {}
    for cell in cells:
        grade_id = _nbgrader(cell).get("grade_id")
        if isinstance(grade_id, str):
            by_id.setdefault(grade_id, []).append(cell)
    counts = Counter({name: len(found) for name, found in by_id.items()})

    changes = []
    for name, source in watched.items():
        found = by_id.get(name, [])
        if not found:
            changes.append(f"deleted cell {name} (restored)")
            continue
        if counts[name] > 1:
            changes.append(f"duplicated cell {name} ({counts[name]} copies; extra copies ignored)")
        cell = found[0]
        metadata = _nbgrader(cell)
        if cell.get("cell_type") != source.cell_type:
            changes.append(
                f"changed cell {name} from {source.cell_type} to {cell.get('cell_type')} (restored)"
            )
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        if source.locked and _as_released(text) != _as_released(source.source or ""):
            changes.append(f"edited locked cell {name} (restored)")
        if name in grade_cells and not _points_match(metadata, grade_cells[name]):
            changes.append(
                f"changed the points of {name} to {metadata.get('points')!r} "
                f"(restored to {grade_cells[name].max_score:g})"
            )
        if not _flags_match(metadata, name, source_notebook):
            changes.append(f"edited the nbgrader metadata of {name} (restored)")
    return changes


def drop_untrusted_metadata(cells: list[dict[str, Any]], source_notebook) -> None:
    """Turn every cell whose nbgrader metadata is not the release's into an ordinary cell.

    A copy of a graded cell, a cell with edited flags or points, or an invented grade id then
    counts for nothing, and nbgrader's ``add_missing_cells`` puts the released cell back. (Left
    in place, such metadata makes nbgrader refuse the whole notebook.) Call before nbgrader's
    sanitizing steps; ``structure_changes`` reports what was found.
    """
    grade_cells = {cell.name: cell for cell in source_notebook.grade_cells}
    released = {cell.name for cell in source_notebook.source_cells}
    seen: set[str] = set()
    for cell in cells:
        metadata = cell.get("metadata", {})
        if not isinstance(metadata, dict) or "nbgrader" not in metadata:
            continue
        nbgrader = _nbgrader(cell)
        grade_id = nbgrader.get("grade_id")
        trusted = (
            isinstance(grade_id, str)
            and grade_id in released
            and grade_id not in seen
            and _flags_match(nbgrader, grade_id, source_notebook)
            and (grade_id not in grade_cells or _points_match(nbgrader, grade_cells[grade_id]))
        )
        if trusted:
            seen.add(grade_id)
        else:
            del metadata["nbgrader"]


def is_foreign(cells: list[dict[str, Any]], source_notebook) -> bool:
    """Does the notebook carry nbgrader cells, none of them the release's? Then it is another
    notebook submitted under this one's name, and, as in nbgrader, it is not graded."""
    released = {cell.name for cell in source_notebook.source_cells}
    ids = {_nbgrader(cell).get("grade_id") for cell in cells if _nbgrader(cell)}
    ids = {grade_id for grade_id in ids if isinstance(grade_id, str)}
    return bool(ids) and not ids & released
