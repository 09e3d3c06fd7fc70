"""The slides ship as a course document, and each lesson's "slide N" links to its heading."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from conftest import LESSONS, NOTEBOOKS, REPO, SOLUTIONS, lesson_notebook

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


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_slide_reference_links_to_its_heading(lesson):
    anchors = slide_anchors(SLIDES.read_text())
    source = nbformat.read(lesson_notebook(SOLUTIONS, lesson), as_version=4)
    for index, cell in enumerate(source.cells):
        if cell.cell_type != "markdown":
            continue
        prose = CODE_SPAN.sub("", cell.source)
        links = LINK.findall(prose)
        unlinked = REFERENCE.findall(LINK.sub("", prose))
        assert unlinked == [], f"cell {index}: not a link to the slide: {unlinked}"
        for text, number, target, anchor in links:
            # The link is relative to the released lesson (notebooks/NN-slug/ or work/NN-slug/).
            assert (NOTEBOOKS / lesson / target).resolve() == (NOTEBOOKS / "slides.md"), target
            assert anchors.get(anchor) == int(number), f"cell {index}: {text} -> #{anchor}"


def test_the_released_slides_are_the_document():
    assert (NOTEBOOKS / "slides.md").read_bytes() == SLIDES.read_bytes()
