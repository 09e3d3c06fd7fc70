"""The figure audit (tests/figure_audit.py) that the notebook tests run on every lesson: it
accepts figures that follow the conventions and names each way a figure can break them."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from nbformat.v4 import new_code_cell, new_notebook  # noqa: E402

from course import plots  # noqa: E402
from course.illustrations import show_sliding_window  # noqa: E402

import figure_audit  # noqa: E402
from conftest import execute_notebook  # noqa: E402

SIGNED = np.array([[-1.0, 3.0], [0.5, 2.0]])


@pytest.fixture(autouse=True)
def no_figures_left():
    plt.close("all")
    yield
    plt.close("all")


def one_image(data, title="a map", colorbar=True, **imshow):
    figure, ax = plt.subplots()
    image = ax.imshow(data, **imshow)
    if colorbar:
        figure.colorbar(image, ax=ax)
    ax.set_title(title)
    return figure


def suptitled(figure):
    figure.suptitle("the figure's title")
    return figure


def test_a_figure_by_the_conventions_passes():
    figure = one_image(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3)
    assert figure_audit.problems(figure) == []


@pytest.mark.parametrize(
    ("figure", "problem"),
    [
        (lambda: suptitled(one_image(np.ones((2, 2)), title="")), "an image without a title"),
        (lambda: one_image(SIGNED, cmap="gray", vmin=-3, vmax=3), "drawn with 'gray'"),
        (lambda: one_image(SIGNED, cmap="RdBu_r"), "limits (-1, 3), not ±v"),
        (
            lambda: one_image(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3, colorbar=False),
            "without a colour bar or numbers",
        ),
        (lambda: one_image(np.ones((2, 2)), cmap="jet"), "rainbow colormap 'jet'"),
    ],
)
def test_each_way_of_breaking_the_conventions_is_named(figure, problem):
    found = figure_audit.problems(figure())
    assert len(found) == 1 and problem in found[0], found


def test_a_diverging_map_needs_symmetric_limits_even_for_one_signed_values():
    """Issue 15: a kernel of 0s and 2s drawn with RdBu from 0 to 2 paints its zeros blue."""
    figure = one_image(np.array([[0.0, 2.0], [0.0, 1.0]]), cmap="RdBu_r", vmin=0, vmax=2)
    assert figure_audit.problems(figure) == [
        "axes 0 'a map': diverging colormap with limits (0, 2), not ±v"
    ]
    figure = one_image(np.array([[0.0, 2.0], [0.0, 1.0]]), cmap="RdBu_r", vmin=-2, vmax=2)
    assert figure_audit.problems(figure) == []


def kernel_panel(colorbar):
    figure = one_image(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3, colorbar=colorbar)
    figure.axes[0].set_label(figure_audit.KERNEL_LABEL)
    figure.axes[0].text(0, 0, "-1")  # numbers explain a feature map, not a kernel panel
    return figure


def test_a_kernel_panel_needs_a_colour_bar():
    assert figure_audit.problems(kernel_panel(colorbar=True)) == []
    assert figure_audit.problems(kernel_panel(colorbar=False)) == [
        "axes 0 'a map': a kernel panel without a colour bar"
    ]
    assert plots.KERNEL_LABEL == figure_audit.KERNEL_LABEL  # the helpers label what it finds


def render(monkeypatch, draw) -> list[str]:
    """The audit's findings for what ``draw`` renders through the course's helpers."""
    monkeypatch.setattr(plt, "show", lambda: plt.gcf().savefig(io.BytesIO(), format="png"))
    with figure_audit.installed() as found:
        draw()
        assert figure_audit.report()["rendered"] >= 1
        return [entry["problem"] for entry in found]


def test_the_sliding_window_kernel_panel_is_centred_and_has_a_colour_bar(monkeypatch):
    """Lesson 8 cell 17 drew a kernel of 0s, 1s, 2s ... with limits (0, 4): zero looked blue."""
    kernel = np.array([[1.0, 0, 2], [0, 0, 0], [3, 0, 4]])
    assert (
        render(
            monkeypatch, lambda: show_sliding_window(np.arange(24.0).reshape(4, 6), kernel, (0, 1))
        )
        == []
    )
    figure = plt.gcf()
    (kernel_ax,) = [ax for ax in figure.axes if ax.get_label() == plots.KERNEL_LABEL]
    assert kernel_ax.get_images()[0].get_clim() == (-4.0, 4.0)


@pytest.mark.parametrize("shared_scale", [False, True])
def test_show_kernels_passes_the_audit(monkeypatch, shared_scale):
    kernels = [np.array([[1.0, 0.0], [2.0, 0.0]]), np.array([[-1.0, 6.0], [0.0, 1.0]])]
    found = render(
        monkeypatch, lambda: plots.show_kernels(kernels, ["a", "b"], shared_scale=shared_scale)
    )
    assert found == []
    limits = {image.get_clim() for ax in plt.gcf().axes for image in ax.get_images()}
    assert limits == ({(-6.0, 6.0)} if shared_scale else {(-2.0, 2.0), (-6.0, 6.0)})


def test_numbers_in_the_cells_or_a_shared_colour_bar_explain_a_signed_map():
    figure = one_image(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3, colorbar=False)
    figure.axes[0].text(0, 0, "-1")
    assert figure_audit.problems(figure) == []
    figure, axes = plt.subplots(1, 2)
    for ax in axes:
        shown = ax.imshow(SIGNED, cmap="RdBu_r", vmin=-3, vmax=3)
        ax.set_title("one of two")
    figure.colorbar(shown, ax=list(axes))  # one bar for both, as in show_feature_maps
    assert figure_audit.problems(figure) == []


def test_colour_images_need_titles_but_no_colormap():
    figure = one_image(np.zeros((2, 2, 3)), colorbar=False)
    assert figure_audit.problems(figure) == []


def test_a_figure_without_images_still_needs_a_title():
    figure, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    assert figure_audit.problems(figure) == ["a figure without any title"]
    figure.suptitle("a line")
    assert figure_audit.problems(figure) == []


def test_installed_audit_checks_what_the_course_helpers_render(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda: None)
    with figure_audit.installed() as found:
        plots.show_images(np.ones((2, 2)), SIGNED, titles=["flat", "signed"])
        plt.gcf().savefig(io.BytesIO(), format="png")
        assert found == []
        plots.show_images(SIGNED, titles=["forced grey"], cmap="gray")
        plt.gcf().savefig(io.BytesIO(), format="png")
        assert [entry["problem"] for entry in found] == [
            "axes 0 'forced grey': signed values drawn with 'gray', not a diverging colormap",
            "axes 0 'forced grey': signed values with limits (-1, 3), not ±v",
            "axes 0 'forced grey': the array drawn earlier as axes 1 'signed' with 'RdBu_r' "
            "is drawn here with 'gray'",
        ]
        assert figure_audit.report()["rendered"] == 2
    plt.gcf().savefig(io.BytesIO(), format="png")  # uninstalled: no longer counted
    assert figure_audit.report()["rendered"] == 2


@pytest.mark.slow
def test_a_notebook_is_audited_in_its_kernel(tmp_path):
    """Through Jupyter's inline display, as the notebook tests run every lesson."""
    path = tmp_path / "bad.ipynb"
    cells = [
        "import matplotlib.pyplot as plt\nimport numpy as np",
        "plt.imshow(np.array([[-1.0, 2.0]]), cmap='gray')\nplt.title('grey')\nplt.show()",
    ]
    notebook = new_notebook(cells=[new_code_cell(c) for c in cells])
    notebook.cells[1].id = "the-grey-one"
    nbformat.write(notebook, path)
    notebook = execute_notebook(path, cwd=tmp_path, prepare=figure_audit.with_audit)
    rendered, problems = figure_audit.found(notebook)
    assert rendered == 1
    assert problems[0].startswith("cell the-grey-one: axes 0 'grey': signed values drawn with")


def drawn(figure):
    figure.canvas.draw()  # the audit reads a figure as rendered: layout and aspect applied
    return figure


def test_a_map_and_its_input_at_one_size_pass_and_at_two_sizes_fail():
    image, feature_map = np.ones((10, 10)), SIGNED[:1].repeat(8, 0)[:, [0, 1] * 4]
    assert feature_map.shape == (8, 8)
    figure, axes = plt.subplots(1, 2)
    for ax, data, title in zip(axes, (image, feature_map), ("image", "map")):
        ax.imshow(data)
        ax.set_title(title)
    assert figure_audit.scale_problems(drawn(figure)) == [
        "axes 0 'image' (10×10) and axes 1 'map' (8×8) drawn at different pixel sizes"
    ]
    from course.padding_stride import show_true_size

    shown = []
    plt.show, original = (lambda: shown.append(plt.gcf())), plt.show
    try:
        show_true_size(image, feature_map, titles=["image", "map"], frame=(10, 10), colorbar=True)
    finally:
        plt.show = original
    assert figure_audit.scale_problems(drawn(shown[0])) == []


def test_kernels_and_unrelated_sizes_are_not_compared():
    figure, axes = plt.subplots(1, 3)
    for ax, data in zip(axes, (np.ones((10, 10)), np.ones((3, 3)), np.ones((20, 20)))):
        ax.imshow(data)
        ax.set_title("a panel")
    assert figure_audit.scale_problems(drawn(figure)) == []


def test_an_array_keeps_its_colour_map_across_figures():
    data = np.arange(12.0).reshape(3, 4)
    seen = {}
    assert figure_audit.colour_map_changes(one_image(data, cmap="viridis"), seen) == []
    assert figure_audit.colour_map_changes(one_image(data.copy(), cmap="viridis"), seen) == []
    assert figure_audit.colour_map_changes(one_image(data, title="again", cmap="gray"), seen) == [
        "axes 0 'again': the array drawn earlier as axes 0 'a map' with 'viridis' is drawn "
        "here with 'gray'"
    ]
    mask = np.eye(3)  # two values: a mask may be drawn in any colours
    assert figure_audit.colour_map_changes(one_image(mask, cmap="viridis"), seen) == []
    assert figure_audit.colour_map_changes(one_image(mask, cmap="gray"), seen) == []


def numbered_kernel_panel(weights, colorbar=False):
    figure, ax = plt.subplots()
    shown = ax.imshow(weights, cmap="RdBu_r", vmin=-1, vmax=1)
    for (row, col), weight in np.ndenumerate(weights):
        ax.text(col, row, f"{weight:g}")
    if colorbar:
        figure.colorbar(shown, ax=ax)
    ax.set_title("kernel")
    return figure


def test_a_kernel_panel_needs_a_colour_bar_whatever_its_signs():
    blur = np.full((3, 3), 1 / 9)  # all positive: no signed values, still a kernel panel
    assert figure_audit.problems(numbered_kernel_panel(blur)) == [
        "axes 0 'kernel': a kernel panel without a colour bar"
    ]
    edge = np.array([[-1.0, 0.0, 1.0]] * 3)  # its numbers alone do not explain the colours
    assert figure_audit.problems(numbered_kernel_panel(edge)) == [
        "axes 0 'kernel': a kernel panel without a colour bar"
    ]
    assert figure_audit.problems(numbered_kernel_panel(blur, colorbar=True)) == []


def test_the_course_s_kernel_panels_have_colour_bars(monkeypatch):
    from course.illustrations import show_sliding_window

    monkeypatch.setattr(plt, "show", lambda: None)
    with figure_audit.installed() as found:
        plots.show_kernels([np.full((3, 3), 1 / 9), SIGNED], titles=["blur", "signed"])
        plt.gcf().savefig(io.BytesIO(), format="png")
        show_sliding_window(np.arange(12.0).reshape(3, 4), SIGNED, (0, 1))
        plt.gcf().savefig(io.BytesIO(), format="png")
    assert found == []
