"""A cell that reads the class's grades the instructor exported or the grader reported (other
students' scores, in the course folder): refused, like the gradebook. (Here the course lies in
the temporary folder, which jobs do not see anyway: the refusal, named in the feedback, shows
that the files are among the grader's private paths.)"""

from _parts import FULL, add_cell_after

RIVAL = "rival-student-7,1.0"


def submission(notebook, course):
    # What earlier runs left in the course folder: the class report and nbgrader's export.
    (course / "grades").mkdir(exist_ok=True)
    (course / "grades" / "01-convolution.csv").write_text(f"student,score\n{RIVAL}\n")
    (course / "grades.csv").write_text(f"student,score\n{RIVAL}\n")
    return add_cell_after(
        notebook,
        "correlate2d",
        "for name in ['grades/01-convolution.csv', 'grades.csv']:\n"
        "    try:\n"
        f"        print('TRICK WORKED', open({str(course)!r} + '/' + name).read())\n"
        "    except OSError as error:\n"
        "        print(type(error).__name__)\n",
    )


EXPECTED = FULL
CAUSE = "tried to open the grader's private files"
