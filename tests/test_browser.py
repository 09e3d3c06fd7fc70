"""The course as people use it: a real JupyterLab in a real browser (Debian's chromium).

- Lessons 1 and 12 run with Run > Run All Cells to the last cell: the solutions without any
  error; the untouched student versions fail only where an unfilled stub is needed, in one line
  each, on cells tagged ``raises-exception`` (so Run All goes on), and draw every figure that
  does not need the student's code.
- nbgrader's Validate button (the assignment lab extension) reports success for a solution
  and lists the failing test cells for an untouched student notebook.
- The formgrader shows a graded class: the assignment, and the student's score as in the
  gradebook.
- Lesson 6's explorer: moving the padding slider changes the output shape and the figure.

Every notebook is a copy in a temporary folder, so the repository gets no outputs and no
checkpoints. Screenshots go to ``artifacts/browser/``.
"""

from __future__ import annotations

import re
import shutil

import pytest

from browser import (
    NOTEBOOK,
    chromium,  # noqa: F401 (a fixture chromium_page depends on)
    chromium_page,  # noqa: F401
    lab_server,  # noqa: F401
    open_notebook,
    output_images,
    run_all_cells,
    running_lab,
    save_notebook,
    screenshot,
    table_row,
    wait_for_kernel_idle,
)
from conftest import NOTEBOOKS, SOLUTIONS, UNFINISHED_ERRORS, errors_in
from course_factory import make_course, nbgrader, scores, student_versions, submit

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

LESSONS = ["01-convolution", "12-conv-layers"]
EXPLORER_LESSON = "06-padding"
SHAPE = re.compile(r"output shape: \((\d+), (\d+)\)")
FIGURE_CALL = re.compile(r"\bshow_\w+\(")  # the course's figure functions (course.plots and co.)


def notebook_path(folder: str, lesson: str) -> str:
    return f"{folder}/{lesson}/{lesson}.ipynb"


@pytest.fixture(scope="module")
def lessons_lab(tmp_path_factory):
    """One JupyterLab for the lesson tests, on copies of the notebooks they open."""
    root = tmp_path_factory.mktemp("lab-root")
    for lesson in LESSONS:  # each lesson's folder holds the slides.md its links open
        shutil.copytree(NOTEBOOKS / lesson, root / "notebooks" / lesson)
        shutil.copytree(SOLUTIONS / lesson, root / "solutions" / lesson)
    shutil.copytree(SOLUTIONS / EXPLORER_LESSON, root / "solutions" / EXPLORER_LESSON)
    # Separate copies for Validate, so that no other test's saved outputs are validated.
    shutil.copytree(NOTEBOOKS / LESSONS[0], root / "validate-student" / LESSONS[0])
    shutil.copytree(SOLUTIONS / LESSONS[0], root / "validate-solution" / LESSONS[0])
    with running_lab(root) as server:
        yield server


@pytest.fixture
def lab(lessons_lab):
    yield lessons_lab
    lessons_lab.shutdown_kernels()  # the next test needs the two cores


def rendered_images(page) -> int:
    """Output images the browser has decoded (a broken image has no natural width)."""
    return output_images(page).evaluate_all(
        "imgs => imgs.filter(img => img.complete && img.naturalWidth > 0).length"
    )


@pytest.mark.parametrize("folder", ["notebooks", "solutions"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_in_jupyterlab(lab, chromium_page, lesson, folder):  # noqa: F811
    page, path = chromium_page, notebook_path(folder, lesson)
    open_notebook(page, lab, path, workspace=f"{folder}-{lesson}")
    run_all_cells(page)
    saved = save_notebook(page, lab, path)

    images = output_images(page)
    images.first.scroll_into_view_if_needed()
    screenshot(page, f"{lesson}-{folder}")
    assert rendered_images(page) > 0, "no figure was drawn"
    assert rendered_images(page) == images.count(), "an output image did not load"

    errors = errors_in(saved)
    code_cells = [cell for cell in saved.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code_cells), "Run All did not reach every cell"
    if folder == "solutions":
        assert errors == []
    else:
        # The cells that need an unfinished exercise raise, each in one line, and are tagged
        # raises-exception, so Run All goes on to the end ...
        assert errors, "the student notebook ran without reaching an unfilled stub"
        assert {name for _, name, _ in errors} <= UNFINISHED_ERRORS, errors
        for index, _, _ in errors:
            assert "raises-exception" in saved.cells[index].metadata.get("tags", []), index
            shown = [line for o in saved.cells[index].outputs for line in o.get("traceback", [])]
            assert len(shown) == 1 and "not written yet" in shown[0], (index, shown)
        # ... and every figure that does not need the student's code is drawn.
        for index, cell in enumerate(saved.cells):
            draws = cell.cell_type == "code" and FIGURE_CALL.search(cell.source)
            if draws and "raises-exception" not in cell.metadata.get("tags", []):
                assert any("image/png" in o.get("data", {}) for o in cell.outputs), index
        page.get_by_text("is not written yet", exact=False).first.wait_for()  # as Lab shows it


def test_a_slide_link_opens_the_slide(lab, chromium_page):  # noqa: F811
    """A lesson's "slide 12" opens the slides at slide 12's heading, rendered."""
    page = chromium_page
    open_notebook(page, lab, notebook_path("notebooks", LESSONS[1]), workspace="slides")
    page.locator(f"{NOTEBOOK} .jp-RenderedMarkdown a", has_text="Slide 12").first.click()
    heading = page.locator(
        ".jp-RenderedMarkdown h2", has_text="Slide 12: Visualizing Convolutional Layers"
    )
    heading.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(500)
    screenshot(page, "slide-link")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, f"slide 12's heading is at y={top}"


VALIDATE_CASES = {
    "validate-solution": ("Success! Your notebook passes all the tests.", None),
    "validate-student": ("The following cell failed:", "correlate2d is not written yet"),
}


@pytest.mark.parametrize("folder", VALIDATE_CASES)
def test_validate_button(lab, chromium_page, folder):  # noqa: F811
    page, lesson = chromium_page, LESSONS[0]
    open_notebook(page, lab, notebook_path(folder, lesson), workspace=folder)
    toolbar = page.locator(f"{NOTEBOOK} .jp-NotebookPanel-toolbar")
    toolbar.get_by_text("Validate", exact=True).click()
    # The button saves the notebook, then the server runs `nbgrader validate` on it.
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(state="visible", timeout=120_000)
    page.wait_for_timeout(300)
    screenshot(page, f"validate-{folder.removeprefix('validate-')}")
    text = dialog.inner_text()
    expected, error = VALIDATE_CASES[folder]
    assert "Validation Results" in text, text[:2000]
    assert expected in text, text[:2000]
    if error:
        assert error in text and "Success!" not in text
        # each failing graded cell is listed with its docstring
        assert "correlate2d gives the output worked out by hand" in text
    else:
        assert "failed" not in text.lower()


def test_formgrader_shows_the_assignment_and_the_score(tmp_path, lab_server, chromium_page):  # noqa: F811
    lesson, student = LESSONS[0], "alice"
    course = make_course(tmp_path / "course", [lesson])
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    submit(course, student, lesson, student_versions(course, lesson)["mistaken"])
    nbgrader(course, "autograde", lesson, "--create", AUTOGRADER_SEED="4242")
    score = sum(scores(course, lesson)[student].values())
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        max_score = gradebook.find_assignment(lesson).max_score
    assert 0 < score < max_score  # a partial score, so a 0 or a full mark cannot pass by luck
    shown = f"{score:g} / {max_score:g}"

    server = lab_server(course)
    page = chromium_page
    page.goto(server.url("formgrader"))  # Manage Assignments
    assignment = table_row(page, lesson)
    screenshot(page, "formgrader-assignments")
    assert assignment["# Submissions"] == "1", assignment

    page.goto(server.url("formgrader/manage_students"))
    assert table_row(page, student)["Overall Score"] == shown

    page.goto(server.url(f"formgrader/manage_submissions/{lesson}"))
    submission = table_row(page, student)
    screenshot(page, "formgrader-submissions")
    assert (submission["Status"], submission["Score"]) == ("graded", shown), submission


def test_padding_slider_updates_the_explorer(lab, chromium_page):  # noqa: F811
    """The contract with course.explorers: lesson 6 displays conv_explorer(), sliders named
    kernel, padding, stride and dilation, and a text 'output shape: (H, W)' with a figure."""
    page, path = chromium_page, notebook_path("solutions", EXPLORER_LESSON)
    open_notebook(page, lab, path, workspace="explorer")
    run_all_cells(page)

    def slider(name):
        label = page.locator(".widget-label", has_text=re.compile(f"^{name}$"))
        return page.locator(".widget-slider", has=label)

    padding = slider("padding")
    padding.first.wait_for(timeout=60_000)
    for name in ("kernel", "padding", "stride", "dilation"):
        assert slider(name).count() == 1, f"one slider named {name!r}"
    explorer = page.locator(f"{NOTEBOOK} .jp-OutputArea-output", has=padding).first
    explorer.scroll_into_view_if_needed()

    def state():
        shape = SHAPE.search(explorer.inner_text())
        sources = explorer.locator("img").evaluate_all("imgs => imgs.map(img => img.src)")
        return (shape and shape.group(0)), sources

    shape_before, images_before = state()
    assert shape_before, f"no 'output shape: (H, W)' in {explorer.inner_text()[:500]!r}"
    assert images_before, "the explorer shows no figure"
    value_before = padding.locator(".widget-readout").inner_text()
    screenshot(page, "explorer-before")

    handle = padding.locator(".noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([node, before]) => node.innerText.match(/output shape: \\(\\d+, \\d+\\)/)?.[0]"
        " !== before",
        arg=[explorer.element_handle(), shape_before],
        timeout=30_000,
    )
    wait_for_kernel_idle(page, timeout=60, settle=1)
    shape_after, images_after = state()
    screenshot(page, "explorer-after")
    assert int(padding.locator(".widget-readout").inner_text()) == int(value_before) + 1
    assert shape_after != shape_before
    # more padding, a larger output
    (h0, w0), (h1, w1) = (map(int, SHAPE.search(s).groups()) for s in (shape_before, shape_after))
    assert h1 > h0 and w1 > w0, (shape_before, shape_after)
    assert images_after and images_after != images_before, "the figure did not change"
