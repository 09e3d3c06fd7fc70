"""The slides ship as a course document, and each lesson's "slide N" links to its heading."""

from __future__ import annotations

import ast
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, NOTEBOOKS, REPO, SOLUTIONS, lesson_notebook
from course_factory import nbgrader

SLIDES = REPO / "docs" / "slides.md"
REFERENCE = re.compile(r"\b[Ss]lides? \d+")
LINK = re.compile(r"\[([Ss]lide (\d+))\]\(([^)#\s]+)#([\w-]+)\)")
CODE_SPAN = re.compile(r"`[^`\n]*`")


def slide_anchors(text: str) -> dict[str, int]:
    """{anchor: slide number} for each ``<a id="slide-N"></a>`` followed by its heading."""
    found = re.findall(r'<a id="(slide-(\d+))"></a>\n\n## Slide (\d+): \S', text)
    assert all(number == heading for _, number, heading in found), found
    return {anchor: int(number) for anchor, number, _ in found}


def test_the_fifteen_slides_are_there_in_order():
    assert list(slide_anchors(SLIDES.read_text()).values()) == list(range(1, 16))


def test_the_slides_code_is_indented_python():
    blocks = re.findall(r"```python\n(.*?)```", SLIDES.read_text(), re.S)
    assert len(blocks) == 14  # every slide but the last (resources) has code
    for block in blocks:
        ast.parse(block)  # the exported slides' code had lost its indentation


def test_each_bug_listed_in_the_design_is_marked_fixed():
    text = SLIDES.read_text()
    sections = dict(re.findall(r"## Slide (\d+): .*?\n(.*?)(?=<a id=|\Z)", text, re.S))
    for slide, fix in {
        "3": "correlate2d",  # no Python loop over a full photo
        "6": "named kernel, not filter",
        "9": "Fixed:** the slide computed on the `uint8` pixels",
        "10": "rgb2gray only for a colour image",
        "12": "import tensorflow as tf  # Fixed",
        "13": "named window, not filter",
        "14": "Fixed:** the slide's `convolve1d` returned one number",
    }.items():
        assert fix in sections[slide], f"slide {slide}: {fix!r}"
    assert "Known bias" in sections["13"]  # the mode='same' bias is explained


def slide_links(notebook: nbformat.NotebookNode) -> list[tuple[int, str, int, str, str]]:
    """(cell index, text, slide number, target, anchor) for each "slide N" link in the prose."""
    return [
        (index, text, int(number), target, anchor)
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown"
        for text, number, target, anchor in LINK.findall(CODE_SPAN.sub("", cell.source))
    ]


FOLDERS = {"solutions": SOLUTIONS, "notebooks": NOTEBOOKS}


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("lesson", LESSONS)
def test_every_slide_reference_links_to_its_heading(lesson, folder):
    """Each "slide N" in a lesson's prose is a link to slide N's heading in a file of the
    lesson's own folder (nbgrader's exchange ships only that folder) that is docs/slides.md."""
    anchors = slide_anchors(SLIDES.read_text())
    here = FOLDERS[folder] / lesson
    notebook = nbformat.read(lesson_notebook(FOLDERS[folder], lesson), as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            prose = CODE_SPAN.sub("", cell.source)
            unlinked = REFERENCE.findall(LINK.sub("", prose))
            assert unlinked == [], f"cell {index}: not a link to the slide: {unlinked}"
    for index, text, number, target, anchor in slide_links(notebook):
        opened = Path(os.path.normpath(here / target))
        assert opened.parent == here, f"cell {index}: {target} is outside {folder}/{lesson}/"
        assert opened.is_file(), f"cell {index}: {text} -> {target}, which is missing"
        assert opened.read_bytes() == SLIDES.read_bytes(), f"cell {index}: {target} differs"
        assert anchors.get(anchor) == number, f"cell {index}: {text} -> #{anchor}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_carries_the_slides(lesson):
    """One text to edit: a lesson's slides.md in solutions/ is a link to docs/slides.md, and the
    student version (notebooks/) has a file with its text, which is what students get."""
    source, released = SOLUTIONS / lesson / "slides.md", NOTEBOOKS / lesson / "slides.md"
    assert source.is_symlink(), f"{source.relative_to(REPO)} is not a link"
    assert os.readlink(source) == "../../docs/slides.md"
    assert source.resolve() == SLIDES.resolve()
    assert released.is_file() and not released.is_symlink()
    assert released.read_bytes() == SLIDES.read_bytes(), "run `make release`"


def test_the_slides_are_not_released_beside_the_lessons():
    assert not (NOTEBOOKS / "slides.md").exists()  # each lesson carries its own copy


@pytest.mark.slow
def test_a_lesson_fetched_from_nbgrader_exchange_carries_its_slides(tmp_path):
    """The instructor's `make release-assignment` steps (generate_assignment, release_assignment)
    in a course laid out as this repository, then a student's fetch_assignment: the fetched
    lesson folder holds the slides, and every slide link of the lesson opens them."""
    lesson = "12-conv-layers"  # the lesson with the most slide links
    course, exchange, home = tmp_path / "course", tmp_path / "exchange", tmp_path / "student"
    shutil.copytree(SOLUTIONS / lesson, course / "solutions" / lesson, symlinks=True)
    (course / "docs").mkdir()
    shutil.copyfile(SLIDES, course / "docs" / "slides.md")
    shutil.copyfile(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    exchange.mkdir()
    exchange.chmod(0o1777)  # as `make release-assignment` makes it
    home.mkdir()
    instructor = {"NBGRADER_EXCHANGE": str(exchange)}
    nbgrader(course, "generate_assignment", lesson, "--force", **instructor)
    nbgrader(course, "release_assignment", lesson, "--force", **instructor)
    student = {"HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter")}
    fetch = ["fetch_assignment", lesson, "--course=convolution-course"]
    nbgrader(home, *fetch, f"--Exchange.root={exchange}", **student)

    fetched = home / lesson
    assert (fetched / f"{lesson}.ipynb").is_file(), sorted(home.rglob("*"))
    assert (fetched / "slides.md").is_file(), f"no slides in {sorted(fetched.iterdir())}"
    assert not (fetched / "slides.md").is_symlink()
    assert (fetched / "slides.md").read_bytes() == SLIDES.read_bytes()
    anchors = slide_anchors(SLIDES.read_text())
    links = slide_links(nbformat.read(fetched / f"{lesson}.ipynb", as_version=4))
    assert len(links) >= 10
    for index, text, number, target, anchor in links:
        opened = Path(os.path.normpath(fetched / target))
        assert opened.parent == fetched, f"cell {index}: {target} is outside the lesson's folder"
        assert opened.is_file(), f"cell {index}: {text} -> {target}, which is not in {fetched}"
        assert opened.read_bytes() == SLIDES.read_bytes(), f"cell {index}: {target}"
        assert anchors.get(anchor) == number, f"cell {index}: {text} -> #{anchor}"
