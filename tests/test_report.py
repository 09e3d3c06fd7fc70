"""The class summary: pass rate, mean score and the most common mistake per exercise."""

import csv

from autograder.autograde import CellResult, NotebookResult, SubmissionResult
from autograder.report import exercise_of, format_summary, mistake_of, summarize, write_csv

FLIPPED = (
    "AssertionError: correlate2d, random case 2 (7x9 image, 3x2 kernel): you flipped the "
    "kernel: that is convolution. Cross-correlation multiplies ..."
)


def submission(student, hand, random, message=""):
    cells = [
        CellResult("test-correlate2d-hand", hand, 1.0, "" if hand == 1 else message),
        CellResult("test-correlate2d-random", random, 2.0, "" if random == 2 else message),
    ]
    return SubmissionResult(student, "01-convolution", [NotebookResult("01-convolution", cells)])


CLASS = [
    submission("ann", 1.0, 2.0),
    submission("ben", 0.0, 0.0, FLIPPED),
    submission("cat", 0.0, 0.0, FLIPPED),
    submission("dan", 0.0, 0.0, "NotImplementedError: correlate2d is not implemented yet"),
]


def test_exercise_is_read_from_the_grade_id():
    assert exercise_of("test-correlate2d-hand") == "correlate2d"
    assert exercise_of("test-conv-output-size-random") == "conv-output-size"
    assert exercise_of("question-1") == "question-1"


def test_the_mistake_is_the_cause_the_checks_named():
    assert mistake_of(CellResult("x", 0, 1, FLIPPED)) == "you flipped the kernel"
    assert mistake_of(CellResult("x", 0, 1, "NotImplementedError: ...")) == "not implemented"
    assert mistake_of(CellResult("x", 0, 1, "NameError: name 'np' is not defined")) == "NameError"


def test_summary_counts_students_not_cells():
    (only,) = summarize(CLASS)
    assert only.name == "correlate2d" and only.max_score == 3.0
    assert only.pass_rate == 0.25 and only.mean_score == 0.75
    assert (only.common_mistake, only.common_count) == ("you flipped the kernel", 2)
    table = format_summary(CLASS)
    assert "correlate2d  25%" in table and "you flipped the kernel (2)" in table


def test_csv_has_a_row_per_student(tmp_path):
    write_csv(CLASS, tmp_path / "grades.csv")
    rows = list(csv.DictReader((tmp_path / "grades.csv").open()))
    assert [row["student"] for row in rows] == ["ann", "ben", "cat", "dan"]
    assert rows[0]["score"] == "3" and rows[1]["test-correlate2d-hand"] == "0"


def test_html_report_has_the_three_plots(tmp_path):
    from autograder.report import write_html

    write_html(CLASS, tmp_path / "r.html", "lesson 1")
    page = (tmp_path / "r.html").read_text()
    assert "Score distribution" in page and "Pass rate per exercise" in page
    assert page.count("<td title='") == 4  # four students, one exercise
    assert "ann, correlate2d: 3/3" in page and "ben, correlate2d: 0/3" in page
    assert "you flipped the kernel (2)" in page


def test_html_report_lists_suspected_tampering_first(tmp_path):
    from autograder.report import write_html

    cheat = submission("zed", 0.0, 0.0, "GradingError: tampering suspected")
    cheat.notebooks[0].tampering = ["test-correlate2d-random (AssertionError: ...)"]
    slow = submission("amy", 1.0, 0.0, "GradingError: timed out")
    slow.notebooks[0].problem = "cell 5 timed out after 30 s"
    write_html([*CLASS, cheat, slow], tmp_path / "r.html", "lesson 1")
    page = (tmp_path / "r.html").read_text()
    attention = page[page.index("Needs attention") :]
    assert attention.index("zed") < attention.index("amy")  # although amy sorts first
    assert "<span class='tamper'>01-convolution: tampering suspected" in attention
    assert "ann" not in attention  # nothing to say about a clean submission
    write_html(CLASS, tmp_path / "clean.html", "lesson 1")
    assert "Needs attention" not in (tmp_path / "clean.html").read_text()
