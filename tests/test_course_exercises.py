"""course.exercises: a demonstration cell names the unfinished exercise it needs."""

import pytest

from course.exercises import uses


def conv2d_forward(x):
    raise NotImplementedError()


def relu(x):
    return x


def model(x):
    return relu(conv2d_forward(x))


def test_a_stub_inside_the_cell_is_named():
    with pytest.raises(NotImplementedError, match=r"uses your `conv2d_forward`, which is not"):
        with uses("conv2d_forward", "relu"):
            model(1)


def test_the_message_says_what_to_do():
    with pytest.raises(NotImplementedError) as caught:
        with uses("conv2d_forward"):
            conv2d_forward(1)
    text = str(caught.value)
    assert "Your turn: `conv2d_forward`" in text and "raise NotImplementedError()" in text
    assert caught.value.__suppress_context__  # the bare stub's traceback is not repeated


def test_an_unknown_raiser_lists_every_exercise():
    def other():
        raise NotImplementedError()

    with pytest.raises(NotImplementedError, match=r"uses your `a`, `b`; one of them"):
        with uses("a", "b"):
            other()


def test_jupyter_shows_the_sentence_alone_without_a_traceback(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns.update(uses=uses, model=model)
    result = shell.run_cell('with uses("conv2d_forward", "relu"):\n    model(1)')
    shown = capsys.readouterr().out.strip()
    assert isinstance(result.error_in_exec, NotImplementedError)
    assert shown == (
        "This cell uses your `conv2d_forward`, which is not written yet: finish the exercise "
        "'Your turn: `conv2d_forward`' above (replace `raise NotImplementedError()` with your "
        "code), run its cell, then run this cell again."
    )


def test_other_errors_pass_unchanged():
    with pytest.raises(ZeroDivisionError):
        with uses("relu"):
            _ = 1 / 0
    with uses("relu"):
        assert relu(3) == 3


def test_uses_needs_names():
    with pytest.raises(ValueError, match="needs the names"):
        with uses():
            pass


@pytest.mark.slow
@pytest.mark.parametrize("lesson", ["12-conv-layers", "13-signals", "14-text", "15-capstone"])
def test_demonstration_cells_name_the_exercise_to_finish(lesson):
    """Issue 15: in the untouched student notebook every error is a NotImplementedError (or
    its subclass ExerciseNotWritten) that says which exercise to finish; none is bare (a demo
    cell calling a stub used to show only ``NotImplementedError:``)."""
    import nbformat

    from conftest import (
        NOTEBOOKS,
        SOLUTIONS,
        UNFINISHED_ERRORS,
        errors_in,
        execute_notebook,
        lesson_notebook,
    )

    source = nbformat.read(lesson_notebook(SOLUTIONS, lesson), as_version=4)
    exercises = [
        cell.metadata["nbgrader"]["grade_id"]
        for cell in source.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    ]
    path = lesson_notebook(NOTEBOOKS, lesson)
    errors = errors_in(execute_notebook(path, cwd=path.parent))
    assert errors and {name for _, name, _ in errors} <= UNFINISHED_ERRORS
    for index, _, text in errors:
        assert any(f"{name}" in text for name in exercises), (index, text)
