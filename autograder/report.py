"""What a grading run tells the instructor: a summary table, a CSV file and a class report.

The summary groups the graded cells by exercise (``test-<exercise>-<behaviour>`` belongs to
``<exercise>``) and gives, per exercise, the pass rate (students passing every test of it),
the mean score and the most common misconception: the cause named by the failing checks
("you flipped the kernel"), so the instructor sees what to re-teach, not only who failed.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from autograder.autograde import CellResult, SubmissionResult


@dataclass
class ExerciseSummary:
    name: str
    max_score: float
    pass_rate: float
    mean_score: float
    common_mistake: str
    common_count: int


def exercise_of(grade_id: str) -> str:
    """``test-correlate2d-hand`` -> ``correlate2d``; other grade ids stand for themselves."""
    if not grade_id.startswith("test-"):
        return grade_id
    name = grade_id[len("test-") :]
    return name.rsplit("-", 1)[0] if "-" in name else name


_LABEL = re.compile(r"^AssertionError: [^,]+, [^:]+: ")


def mistake_of(cell: CellResult) -> str:
    """The cause named in a failing cell's message, shortened to its first clause."""
    message = cell.message
    if not message:
        return ""
    message = _LABEL.sub("", message)  # "AssertionError: name, case: cause..." -> "cause..."
    if message.startswith("NotImplementedError"):
        return "not implemented"
    return re.split(r"[:;(]", message, maxsplit=1)[0].strip()[:80]


def summarize(results: Sequence[SubmissionResult]) -> list[ExerciseSummary]:
    per_exercise: dict[str, dict[str, list[CellResult]]] = {}
    for result in results:
        for notebook in result.notebooks:
            for cell in notebook.cells:
                exercise = per_exercise.setdefault(exercise_of(cell.grade_id), {})
                exercise.setdefault(result.student, []).append(cell)
    summaries = []
    for name, by_student in per_exercise.items():
        totals, passes, mistakes = [], 0, Counter()
        max_score = max(sum(c.max_score for c in cells) for cells in by_student.values())
        for cells in by_student.values():
            score = sum(c.score or 0.0 for c in cells)
            totals.append(score)
            passes += score == sum(c.max_score for c in cells)
            for cell in cells:
                if (cell.score or 0.0) < cell.max_score and mistake_of(cell):
                    mistakes[mistake_of(cell)] += 1
                    break  # count one cause per student and exercise
        common, count = mistakes.most_common(1)[0] if mistakes else ("", 0)
        summaries.append(
            ExerciseSummary(
                name,
                max_score,
                passes / len(by_student),
                sum(totals) / len(totals),
                common,
                count,
            )
        )
    return summaries


def format_summary(results: Sequence[SubmissionResult]) -> str:
    rows = [("exercise", "pass rate", "mean score", "most common mistake")]
    for item in summarize(results):
        mistake = f"{item.common_mistake} ({item.common_count})" if item.common_mistake else "-"
        rows.append(
            (
                item.name,
                f"{item.pass_rate:.0%}",
                f"{item.mean_score:.2f} / {item.max_score:g}",
                mistake,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3]
        for row in rows
    ]
    lines.insert(1, "-" * max(len(line) for line in lines))
    total = sum(r.score for r in results)
    maximum = sum(r.max_score for r in results)
    lines.append("")
    lines.append(
        f"{len(results)} submission(s); mean {total / max(len(results), 1):.2f} of "
        f"{maximum / max(len(results), 1):g} points"
    )
    for result in results:
        for problem in result.problems:
            lines.append(f"  {result.student}: {problem}")
    return "\n".join(lines)


def write_csv(results: Sequence[SubmissionResult], path: Path) -> None:
    """One row per student: each graded cell's score, the total and any problem."""
    grade_ids = []
    for result in results:
        for notebook in result.notebooks:
            for cell in notebook.cells:
                if cell.grade_id not in grade_ids:
                    grade_ids.append(cell.grade_id)
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "assignment", *grade_ids, "score", "max_score", "problems"])
        for result in results:
            scores = {
                cell.grade_id: "" if cell.score is None else f"{cell.score:g}"
                for notebook in result.notebooks
                for cell in notebook.cells
            }
            writer.writerow(
                [
                    result.student,
                    result.assignment,
                    *(scores.get(grade_id, "") for grade_id in grade_ids),
                    f"{result.score:g}",
                    f"{result.max_score:g}",
                    "; ".join(result.problems),
                ]
            )


def _figure_png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def write_html(results: Sequence[SubmissionResult], path: Path, title: str) -> None:
    """A self-contained class report: histogram, pass rate per exercise, heat map, table."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import numpy as np

    summaries = summarize(results)
    names = [s.name for s in summaries]
    students = [r.student for r in results]
    fraction = np.zeros((len(students), len(names)))
    for row, result in enumerate(results):
        got: dict[str, list[float]] = {}
        for notebook in result.notebooks:
            for cell in notebook.cells:
                pair = got.setdefault(exercise_of(cell.grade_id), [0.0, 0.0])
                pair[0] += cell.score or 0.0
                pair[1] += cell.max_score
        for col, name in enumerate(names):
            score, maximum = got.get(name, (0.0, 0.0))
            fraction[row, col] = score / maximum if maximum else np.nan

    images = []
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.hist([r.score for r in results], bins=min(20, max(5, len(results) // 3)), color="C0")
    ax.set_title("Total score per student")
    ax.set_xlabel(f"points (of {max((r.max_score for r in results), default=0):g})")
    ax.set_ylabel("students")
    images.append(("Score distribution", _figure_png(fig)))
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 0.4 * len(names) + 1.2))
    ax.barh(names, [100 * s.pass_rate for s in summaries], color="C2")
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_title("Pass rate per exercise")
    ax.set_xlabel("% of students passing every test")
    images.append(("Pass rate per exercise", _figure_png(fig)))
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(0.6 * len(names) + 2.5, 0.22 * len(students) + 1.5))
    mesh = ax.imshow(fraction, cmap="cividis", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(students)), students, fontsize=7)
    ax.set_title("Score fraction per student and exercise")
    fig.colorbar(mesh, ax=ax, label="fraction of points")
    images.append(("Students × exercises", _figure_png(fig)))
    plt.close(fig)

    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(value))}</td>"
            for value in (
                s.name,
                f"{s.pass_rate:.0%}",
                f"{s.mean_score:.2f} / {s.max_score:g}",
                f"{s.common_mistake} ({s.common_count})" if s.common_mistake else "-",
            )
        )
        + "</tr>"
        for s in summaries
    )
    figures = "".join(
        f"<h2>{html.escape(caption)}</h2><img alt='{html.escape(caption)}' "
        f"src='data:image/png;base64,{data}'>"
        for caption, data in images
    )
    path.write_text(
        "<!doctype html><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
        "td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}</style>"
        f"<h1>{html.escape(title)}</h1>"
        "<table><tr><th>exercise</th><th>pass rate</th><th>mean score</th>"
        f"<th>most common mistake</th></tr>{rows}</table>{figures}"
    )
