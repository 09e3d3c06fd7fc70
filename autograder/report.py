"""What a grading run tells the instructor: a summary table, a CSV file and a class report.

The summary groups the graded cells by exercise (``test-<exercise>-<behaviour>`` belongs to
``<exercise>``, the function the student writes) and gives, per exercise, the pass rate
(students passing every test of it), the mean score and the most common misconception: the
cause named by the failing checks ("you flipped the kernel"), so the instructor sees what to
re-teach, not only who failed. A student who did not attempt the exercise ("not implemented")
is counted only where nobody made a real mistake.

The class is every student in the gradebook: students without a submission are listed as
"not submitted" (in the CSV, the summary and the report's "Needs attention").
"""

from __future__ import annotations

import csv
import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from autograder.autograde import CellResult, SubmissionResult

NOT_IMPLEMENTED = "not implemented"
NOT_SUBMITTED = "not submitted"


@dataclass
class ExerciseSummary:
    name: str
    max_score: float
    pass_rate: float
    mean_score: float
    common_mistake: str
    common_count: int


def exercise_of(grade_id: str, exercises: Iterable[str] = ()) -> str:
    """``test-correlate2d-hand`` -> ``correlate2d``; other grade ids stand for themselves.

    With the assignment's exercises (the ids of its answer cells), a test belongs to the
    longest of them it is named after; otherwise to the name up to the first "-" (exercises
    are function names, and behaviours such as ``bad-input`` may contain "-").
    """
    if not grade_id.startswith("test-"):
        return grade_id
    name = grade_id[len("test-") :]
    known = [e for e in exercises if name == e or name.startswith(f"{e}-")]
    if known:
        return max(known, key=len)
    return name.split("-", 1)[0]


def _first_clause(text: str) -> str:
    return re.split(r"[:;(]", text, maxsplit=1)[0].strip()


def mistake_of(cell: CellResult) -> str:
    """The mistake a failed cell names: the cause its check carried as a field (the grader
    records it from the exception), cut to its first clause; "not implemented" for an
    untouched stub; otherwise the failure's first line, whole (it is never cut apart, since
    nothing says where a cause would begin in it)."""
    message = cell.message
    if not message:
        return ""
    if cell.cause:
        return _first_clause(cell.cause)[:80]
    if message.startswith("NotImplementedError") or "is not implemented yet" in message:
        return NOT_IMPLEMENTED
    return message.strip()[:80]


def summarize(
    results: Sequence[SubmissionResult], exercises: Iterable[str] = ()
) -> list[ExerciseSummary]:
    exercises = tuple(exercises)
    per_exercise: dict[str, dict[str, list[CellResult]]] = {}
    for result in results:
        for notebook in result.notebooks:
            for cell in notebook.cells:
                exercise = per_exercise.setdefault(exercise_of(cell.grade_id, exercises), {})
                exercise.setdefault(result.student, []).append(cell)
    summaries = []
    for name, by_student in per_exercise.items():
        totals, passes, mistakes, unattempted = [], 0, Counter(), 0
        max_score = max(sum(c.max_score for c in cells) for cells in by_student.values())
        for cells in by_student.values():
            score = sum(c.score or 0.0 for c in cells)
            totals.append(score)
            passes += score == sum(c.max_score for c in cells)
            causes = [mistake_of(c) for c in cells if (c.score or 0.0) < c.max_score]
            real = [cause for cause in causes if cause and cause != NOT_IMPLEMENTED]
            if real:
                mistakes[real[0]] += 1  # one cause per student and exercise
            elif NOT_IMPLEMENTED in causes:
                unattempted += 1
        common, count = mistakes.most_common(1)[0] if mistakes else ("", 0)
        if not mistakes and unattempted:
            common, count = NOT_IMPLEMENTED, unattempted
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


def format_summary(
    results: Sequence[SubmissionResult],
    missing: Sequence[str] = (),
    exercises: Iterable[str] = (),
) -> str:
    """The table per exercise, the class's mean, and every submission's problems; students
    of the gradebook without a submission (``missing``) are named."""
    rows = [("exercise", "pass rate", "mean score", "most common mistake")]
    for item in summarize(results, exercises):
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
    if missing:
        lines.append(f"{len(missing)} student(s) of the gradebook did not submit")
    problems = [(r.student, p) for r in results for p in r.problems]
    problems += [(student, NOT_SUBMITTED) for student in missing]
    for student, problem in sorted(problems, key=lambda item: item[0]):
        lines.append(f"  {student}: {problem}")
    return "\n".join(lines)


def write_csv(results: Sequence[SubmissionResult], path: Path, missing: Sequence[str] = ()) -> None:
    """One row per student: each graded cell's score, the total and any problem. Students
    without a submission (``missing``) get a row marked "not submitted" and 0 points."""
    grade_ids = []
    for result in results:
        for notebook in result.notebooks:
            for cell in notebook.cells:
                if cell.grade_id not in grade_ids:
                    grade_ids.append(cell.grade_id)
    maximum = max((r.max_score for r in results), default=0.0)
    rows = []
    for result in results:
        scores = {
            cell.grade_id: "" if cell.score is None else f"{cell.score:g}"
            for notebook in result.notebooks
            for cell in notebook.cells
        }
        rows.append(
            [
                result.student,
                result.assignment,
                *(scores.get(grade_id, "") for grade_id in grade_ids),
                f"{result.score:g}",
                f"{result.max_score:g}",
                "; ".join(result.problems),
            ]
        )
    assignment = results[0].assignment if results else ""
    for student in missing:
        blank = [""] * len(grade_ids)
        rows.append([student, assignment, *blank, "0", f"{maximum:g}", NOT_SUBMITTED])
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "assignment", *grade_ids, "score", "max_score", "problems"])
        writer.writerows(sorted(rows, key=lambda row: row[0]))


# cividis (colour-blind safe), sampled at 0, 0.25, 0.5, 0.75 and 1
_CIVIDIS = [(0, 34, 78), (65, 77, 107), (124, 123, 120), (188, 175, 111), (255, 234, 70)]


def _cividis(fraction: float) -> str:
    """The cividis colour of a fraction in [0, 1], as CSS."""
    if fraction != fraction:  # NaN: no such exercise in this submission
        return "#eeeeee"
    position = min(max(fraction, 0.0), 1.0) * (len(_CIVIDIS) - 1)
    low = int(position)
    high = min(low + 1, len(_CIVIDIS) - 1)
    mix = position - low
    rgb = [round(a + (b - a) * mix) for a, b in zip(_CIVIDIS[low], _CIVIDIS[high])]
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"


def _bars(rows: list[tuple[str, float, str]], colour: str) -> str:
    """Horizontal bars: (label, fraction of the full width, value text)."""
    return (
        "<table class='bars'>"
        + "".join(
            f"<tr><th>{html.escape(label)}</th><td><div style='width:{100 * width:.1f}%;"
            f"background:{colour}'>&nbsp;</div></td><td>{html.escape(text)}</td></tr>"
            for label, width, text in rows
        )
        + "</table>"
    )


def _histogram(
    scores: list[float], maximum: float, bands: int = 20
) -> list[tuple[str, float, str]]:
    """Students per band of whole points: one band per point up to ``bands`` points
    ("0", "1", ... "8"), wider bands of whole points beyond ("0–4", "5–9", ...). A score
    with a fraction counts in the band of its whole points."""
    top = math.floor(maximum)
    width = max(1, math.ceil((top + 1) / bands))
    starts = list(range(0, top + 1, width))
    counts = [0] * len(starts)
    for score in scores:
        counts[min(max(math.floor(score), 0) // width, len(starts) - 1)] += 1
    tallest = max(counts) or 1
    return [
        (
            str(start) if width == 1 else f"{start}–{min(start + width - 1, top)}",
            count / tallest,
            str(count),
        )
        for start, count in zip(starts, counts)
    ]


def write_html(
    results: Sequence[SubmissionResult],
    path: Path,
    title: str,
    missing: Sequence[str] = (),
    exercises: Iterable[str] = (),
) -> None:
    """A self-contained class report (plain HTML and CSS, no images to render): the score
    histogram, the pass rate per exercise, a students × exercises heat map and the table.
    Students without a submission (``missing``) are listed under "Needs attention"."""
    exercises = tuple(exercises)
    summaries = summarize(results, exercises)
    names = [s.name for s in summaries]
    maximum = max((r.max_score for r in results), default=0.0)
    histogram = _bars(_histogram([r.score for r in results], maximum), "#1f77b4")
    pass_rates = _bars([(s.name, s.pass_rate, f"{s.pass_rate:.0%}") for s in summaries], "#2ca02c")

    heat_rows = []
    for result in results:
        got: dict[str, list[float]] = {}
        for notebook in result.notebooks:
            for cell in notebook.cells:
                pair = got.setdefault(exercise_of(cell.grade_id, exercises), [0.0, 0.0])
                pair[0] += cell.score or 0.0
                pair[1] += cell.max_score
        cells = []
        for name in names:
            score, most = got.get(name, (0.0, 0.0))
            fraction = score / most if most else float("nan")
            label = f"{score:g}/{most:g}" if most else "-"
            cells.append(
                f"<td title='{html.escape(result.student)}, {html.escape(name)}: {label}' "
                f"style='background:{_cividis(fraction)}'></td>"
            )
        heat_rows.append(f"<tr><th>{html.escape(result.student)}</th>{''.join(cells)}</tr>")
    heat_head = "".join(f"<th class='rot'><div>{html.escape(n)}</div></th>" for n in names)
    heat = (
        f"<table class='heat'><tr><th></th>{heat_head}</tr>{''.join(heat_rows)}</table>"
        f"<p class='legend'>fraction of points: "
        + "".join(
            f"<span style='background:{_cividis(v)}'>&nbsp;{v:.0%}&nbsp;</span>"
            for v in (0, 0.25, 0.5, 0.75, 1)
        )
        + "</p>"
    )
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
    attention = _attention(results, missing)
    style = (
        "body{font-family:sans-serif;max-width:64em;margin:auto}"
        ".tamper{color:#b00;font-weight:bold}"
        "td,th{padding:.2em .6em;text-align:left}"
        ".summary td{border-bottom:1px solid #ddd}"
        ".bars{width:100%}.bars td:nth-child(2){width:70%}.bars div{height:1em}"
        ".heat td{width:1.6em;height:1em;border:1px solid #fff}"
        ".heat th{font-weight:normal;font-size:.8em}"
        ".rot{height:7em;vertical-align:bottom}"
        ".rot div{transform:rotate(-60deg);width:1.6em;white-space:nowrap}"
        ".legend span{color:#fff;text-shadow:0 0 2px #000}"
    )
    path.write_text(
        f"<!doctype html><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{style}</style><h1>{html.escape(title)}</h1>"
        "<table class='summary'><tr><th>exercise</th><th>pass rate</th><th>mean score</th>"
        f"<th>most common mistake</th></tr>{rows}</table>"
        f"<h2>Score distribution</h2><p>students per band of total points (of {maximum:g}; "
        f"submissions only)</p>"
        f"{histogram}<h2>Pass rate per exercise</h2><p>students passing every test of it</p>"
        f"{pass_rates}<h2>Students × exercises</h2>{heat}{attention}"
    )


def _attention(results: Sequence[SubmissionResult], missing: Sequence[str] = ()) -> str:
    """Submissions to look at: tampering suspected first, then time-outs, refusals and
    altered structure, with the students who did not submit."""
    entries = [(not r.tampering_suspected, r.student, r.problems) for r in results if r.problems]
    entries += [(True, student, [NOT_SUBMITTED]) for student in missing]
    items = [
        f"<li><b>{html.escape(student)}</b>: "
        + "; ".join(
            f"<span class='tamper'>{html.escape(p)}</span>"
            if "tampering suspected" in p
            else html.escape(p)
            for p in problems
        )
        + "</li>"
        for _, student, problems in sorted(entries, key=lambda entry: entry[:2])
    ]
    if not items:
        return ""
    return f"<h2>Needs attention</h2><ul>{''.join(items)}</ul>"
