"""The class summary: pass rate, mean score and the most common mistake per exercise."""

import csv

from autograder.autograde import CellResult, NotebookResult, SubmissionResult
from autograder.report import exercise_of, format_summary, mistake_of, summarize, write_csv

FLIPPED_CAUSE = "you flipped the kernel: that is convolution. Cross-correlation multiplies ..."
FLIPPED = f"AssertionError: correlate2d, random case 2 (7x9 image, 3x2 kernel): {FLIPPED_CAUSE}"


def submission(student, hand, random, message=""):
    cause = FLIPPED_CAUSE if message == FLIPPED else ""
    cells = [
        CellResult("test-correlate2d-hand", hand, 1.0, "" if hand == 1 else message, cause),
        CellResult("test-correlate2d-random", random, 2.0, "" if random == 2 else message, cause),
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
    assert exercise_of("test-box_kernel") == "box_kernel"
    assert exercise_of("question-1") == "question-1"


def test_a_behaviour_with_a_dash_is_no_exercise_of_its_own():
    """Lesson 12's `test-relu-bad-input` is a test of relu, not an exercise "relu-bad"."""
    assert exercise_of("test-relu-bad-input") == "relu"
    assert exercise_of("test-max_pool2d-bad-input") == "max_pool2d"
    # With the assignment's exercises (its answer cells), the longest one named wins.
    exercises = ["conv", "conv-output-size"]
    assert exercise_of("test-conv-output-size-random", exercises) == "conv-output-size"
    assert exercise_of("test-conv-hand", exercises) == "conv"


def test_lesson_12s_summary_lists_its_three_exercises():
    cells = [
        CellResult(grade_id, 1.0, 1.0)
        for grade_id in (
            "test-conv2d_forward-hand",
            "test-relu-values",
            "test-relu-bad-input",
            "test-max_pool2d-hand",
            "test-max_pool2d-bad-input",
        )
    ]
    result = SubmissionResult("ann", "12-conv-layers", [NotebookResult("12-conv-layers", cells)])
    assert [s.name for s in summarize([result])] == ["conv2d_forward", "relu", "max_pool2d"]


def test_the_mistake_is_the_cause_the_checks_named():
    assert mistake_of(CellResult("x", 0, 1, FLIPPED, FLIPPED_CAUSE)) == "you flipped the kernel"
    assert mistake_of(CellResult("x", 0, 1, "NotImplementedError: ...")) == "not implemented"
    # A failure that names no cause (a plain nbgrader test) is shown whole, never cut apart.
    plain = "NameError: name 'np' is not defined"
    assert mistake_of(CellResult("x", 0, 1, plain)) == plain


def test_a_case_label_with_a_colon_is_not_taken_for_the_mistake():
    """Labels such as "2x3 kernel, dilation (1, 2): columns only" hold ": " themselves: the
    cause comes from the check's exception, as a field, never from the message's text."""
    from autograder.checks.l08_dilation import COLUMNS_ONLY
    from autograder.feedback import CheckFailed

    failure = CheckFailed(
        "dilate_kernel", "2x3 kernel, dilation (1, 2): columns only", COLUMNS_ONLY
    )
    assert failure.cause == COLUMNS_ONLY
    cell = CellResult("x", 0, 1, f"AssertionError: {failure}", failure.cause)
    assert mistake_of(cell) == "you dilated only along the columns"
    odd = "AssertionError: relu, case: a: something new"
    assert mistake_of(CellResult("x", 0, 1, odd)) == odd


def test_the_grader_records_the_cause_of_a_failed_check():
    """A test cell run in the grader gives back the cause its exception carries."""
    from autograder import testcells
    from autograder.feedback import CheckFailed

    source = "raise CheckFailed('relu', 'case: a', 'you kept the negatives: relu sets them to 0')"
    outputs, cause = testcells.run_test_cell(source, None, {"CheckFailed": CheckFailed}, 1.0, 1)
    assert cause == "you kept the negatives: relu sets them to 0"
    assert outputs[0]["ename"] == "CheckFailed"
    outputs, cause = testcells.run_test_cell("assert 1 == 2, 'plain'", None, {}, 1.0, 1)
    assert cause == "" and outputs[0]["evalue"] == "plain"


def test_not_implemented_is_the_common_mistake_only_when_there_is_no_real_one():
    unfinished = "NotImplementedError: correlate2d is not implemented yet"
    lazy = [submission(name, 0.0, 0.0, unfinished) for name in ("eve", "fay", "gus")]
    (item,) = summarize([*CLASS, *lazy])  # 4 not implemented, 2 flipped kernels
    assert (item.common_mistake, item.common_count) == ("you flipped the kernel", 2)
    (item,) = summarize([CLASS[0], *lazy])
    assert (item.common_mistake, item.common_count) == ("not implemented", 3)


def test_histogram_bins_are_whole_points():
    from autograder.report import _histogram

    bars = _histogram([0, 3, 3, 8, 7.5], 8)
    assert [label for label, _, _ in bars] == [str(n) for n in range(9)]
    assert [count for _, _, count in bars] == ["1", "0", "0", "2", "0", "0", "0", "1", "1"]
    wide = _histogram([0, 12, 39, 40], 40)  # more points than bars: bands of whole points
    assert [label for label, _, _ in wide][:2] == ["0–2", "3–5"] and wide[-1][0] == "39–40"
    assert sum(int(count) for _, _, count in wide) == 4 and wide[-1][2] == "2"


def test_students_without_a_submission_are_marked_everywhere(tmp_path):
    from autograder.report import write_html

    write_csv(CLASS, tmp_path / "grades.csv", missing=["eve"])
    rows = {row["student"]: row for row in csv.DictReader((tmp_path / "grades.csv").open())}
    assert rows["eve"]["problems"] == "not submitted" and rows["eve"]["score"] == "0"
    assert rows["eve"]["max_score"] == "3" and rows["eve"]["test-correlate2d-hand"] == ""
    assert "eve: not submitted" in format_summary(CLASS, missing=["eve"])
    write_html(CLASS, tmp_path / "r.html", "lesson 1", missing=["eve"])
    page = (tmp_path / "r.html").read_text()
    assert "<li><b>eve</b>: not submitted</li>" in page[page.index("Needs attention") :]


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
