"""nbgrader plugins of the course, enabled in ``nbgrader_config.py``.

``HideHiddenTests`` runs in ``nbgrader generate_feedback``. nbgrader's feedback shows the
autograded notebook as it ran, hidden tests included, and tracebacks quote the failing line.
This step removes the ``### BEGIN HIDDEN TESTS`` regions from every graded cell and cuts each
graded cell's error down to its last line ("AssertionError: correlate2d, random case 2: you
flipped the kernel ..."), which is the checks' diagnosis and holds no test source.

nbconvert's HTML exporter configures ``display_data_priority`` for every preprocessor it runs
(as ``NbConvertBase`` config). nbgrader's preprocessors declare that trait without ``config``,
so traitlets warned "Config option `display_data_priority` not recognized by
`HideHiddenTests`" on every ``generate_feedback``; declaring it configurable, as nbgrader's own
``GetGrades`` does, accepts the setting (this step does not use it).

``TagRaisingCells`` runs in ``nbgrader generate_assignment`` (last): it tags the student
version's cells that raise while an exercise is unfinished ``raises-exception``, as ``make
release`` does (``autograder.release.tag_raising_cells``), so that JupyterLab's Run All goes on to
the end in a notebook released through nbgrader too. Tags are not part of nbgrader's checksums.

``MathAsImages`` also runs in ``generate_feedback``: it draws the maths of markdown cells as
SVG images (matplotlib's mathtext), so a feedback page shows its formulas offline.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import Bool, List


class TagRaisingCells(Preprocessor):
    """The cells that raise while an exercise is unfinished get the tag ``raises-exception``."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        from autograder.release import tag_raising_cells

        tag_raising_cells(nb)
        return nb, resources


class HideHiddenTests(ClearHiddenTests):
    """Hidden tests and tracebacks out of student-visible feedback."""

    display_data_priority = List(ClearHiddenTests().display_data_priority).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            self._remove_hidden_test_region(cell)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output['ename']}: {output['evalue']}"]
        return cell, resources


# --------------------------------------------------------------------------------------
# Maths that renders offline

# TeX that MathJax reads and matplotlib's mathtext spells differently (or not at all).
_TEX_SPELLINGS = [
    (re.compile(r"\\[td]frac(?=[^a-zA-Z])"), r"\\frac"),
    (re.compile(r"\\frac\s*([0-9a-zA-Z])\s*([0-9a-zA-Z])"), r"\\frac{\1}{\2}"),  # \frac19
    (re.compile(r"\\(?:[Bb]igg?|[Bb]igg?[lrm])(?![a-zA-Z])"), ""),  # \big( ... \Bigr)
    (re.compile(r"\\[lr]Vert(?![a-zA-Z])"), r"\\Vert"),
    (re.compile(r"\\le(?![a-zA-Z])"), r"\\leq"),
    (re.compile(r"\\ge(?![a-zA-Z])"), r"\\geq"),
    (re.compile(r"\\texttt(?![a-zA-Z])"), r"\\text"),  # mathtext's \\mathtt refuses a "
    (re.compile(r"\\(sqrt|math[a-z]+)\s+([0-9a-zA-Z])"), r"\\\1{\2}"),  # \sqrt 2, \mathsf T
    (re.compile(r"\s*\n\s*"), " "),  # mathtext reads one line
]
# Outside code: $$display$$ first, then $inline$ (no space just inside the dollars, no digit
# just after: "$5 and $6" is money, as in pandoc).
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
_MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^\s$](?:[^$]*?[^\s\\$])?)\$(?!\d)",
    re.S,
)


def _svg(tex: str, size: float) -> tuple[str, float] | None:
    """The formula drawn by matplotlib's mathtext as SVG text, with its depth below the
    baseline in points; None if mathtext cannot draw it (e.g. a matrix)."""
    import io

    import matplotlib
    from matplotlib import mathtext
    from matplotlib.font_manager import FontProperties

    for pattern, replacement in _TEX_SPELLINGS:
        tex = pattern.sub(replacement, tex)
    buffer = io.StringIO()
    settings = {"mathtext.fontset": "cm", "svg.fonttype": "path", "svg.hashsalt": "feedback"}
    try:
        with matplotlib.rc_context(settings):
            depth = mathtext.math_to_image(
                f"${tex.strip()}$", buffer, prop=FontProperties(size=size), format="svg"
            )
    except Exception:  # noqa: BLE001 - mathtext knows a subset of TeX; MathJax may do the rest
        return None
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", buffer.getvalue(), flags=re.S)  # a date
    return text, float(depth)


def math_to_images(markdown: str) -> str:
    """Each ``$...$`` and ``$$...$$`` of a markdown text outside code, as an inline SVG image
    (its TeX as the alt text); a formula mathtext cannot draw is left as it was."""
    import base64
    import html

    def image(match: re.Match) -> str:
        display = match.group("display") is not None
        tex = match.group("display") if display else match.group("inline")
        drawn = _svg(tex, 13.0 if display else 11.0)
        if drawn is None:
            return match.group(0)
        svg, depth = drawn
        source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        alt = html.escape(tex.strip(), quote=True)
        style = "display:block;margin:.6em auto" if display else f"vertical-align:-{depth:g}pt"
        return f'<img class="math" src="{source}" alt="{alt}" title="{alt}" style="{style}"/>'

    parts = _CODE.split(markdown)
    return "".join(
        part if index % 2 else _MATH.sub(image, part) for index, part in enumerate(parts)
    )


class MathAsImages(Preprocessor):
    """Feedback maths that renders offline: every formula of a markdown cell that matplotlib's
    mathtext can draw becomes an SVG image in the page. nbconvert's HTML otherwise loads
    MathJax from a CDN and shows raw ``$$...$$`` without a network."""

    enabled = Bool(True).tag(config=True)  # nbconvert's preprocessors start disabled

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "markdown" and "$" in cell.source:
            cell.source = math_to_images(cell.source)
        return cell, resources
