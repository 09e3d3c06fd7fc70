"""course.texture: Laws' masks, slide 11's kernels, the bands of material_surface.jpg, and
the figure helpers (titles, colour scales, nothing drawn while grading)."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import skimage.data  # noqa: E402

from autograder.settings import GRADING_VARIABLE  # noqa: E402
from course import texture  # noqa: E402
from course.plots import SIGNED_CMAP  # noqa: E402

# Every test here draws: each gets fresh figures and a recording plt.show (conftest).
pytestmark = pytest.mark.usefixtures("fresh_figures")


def test_laws_vectors_are_the_textbook_ones():
    assert texture.LAWS_VECTORS == {
        "L5": (1, 4, 6, 4, 1),
        "E5": (-1, -2, 0, 2, 1),
        "S5": (-1, 0, 2, 0, -1),
        "W5": (-1, 2, 0, -2, 1),
        "R5": (1, -4, 6, -4, 1),
    }


def test_laws_mask_is_an_outer_product_rows_first():
    mask = texture.laws_mask("L5E5")
    assert mask.shape == (5, 5) and mask.dtype == np.float64
    # Row i is L5[i] times E5: the first row is 1 * E5, the middle row 6 * E5.
    assert mask[0].tolist() == [-1, -2, 0, 2, 1]
    assert mask[2].tolist() == [-6, -12, 0, 12, 6]
    assert np.array_equal(texture.laws_mask("E5L5"), mask.T)


def test_only_l5l5_sees_brightness():
    masks = texture.laws_masks()
    assert len(masks) == 25
    sums = {name: mask.sum() for name, mask in masks.items()}
    assert sums.pop("L5L5") == 256
    assert all(total == 0 for total in sums.values())
    assert set(texture.SIGNATURE_MASKS) <= set(masks)


@pytest.mark.parametrize("name", ["L5", "L5X5", "l5e5", 3, "L5E5R5"])
def test_bad_mask_names_are_refused(name):
    with pytest.raises(ValueError, match="Laws"):
        texture.laws_mask(name)


def test_slide_kernels_are_slide_11s():
    kernels = texture.slide_kernels()
    assert kernels["edge detect"].tolist() == [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]
    assert kernels["texture 1"].tolist() == [[1, -1, 1], [-1, 0, -1], [1, -1, 1]]
    assert kernels["texture 2"].tolist() == [[-1, 2, -1], [2, -4, 2], [-1, 2, -1]]
    # The lesson says: texture 2 is minus Laws' 3x3 spot mask S3S3.
    s3 = np.array([-1, 2, -1])
    assert np.array_equal(kernels["texture 2"], -np.outer(s3, s3))
    kernels["edge detect"][0, 0] = 99  # a copy: the module's kernels stay intact
    assert texture.slide_kernels()["edge detect"][0, 0] == -1


def test_material_bands_are_the_top_left_of_the_scikit_image_textures():
    bands = texture.material_bands()
    assert list(bands) == ["brick", "gravel", "grass"]
    for name, band in bands.items():
        assert band.shape == (256, 160)
        original = getattr(skimage.data, name)()[:256, :160] / 255.0
        assert np.mean(np.abs(band - original)) < 0.02  # JPEG, quality 92


def _panels(figure):
    return [ax for ax in figure.axes if ax.images]


def test_wide_maps_have_titles_colour_bars_and_centred_signed_scales(fresh_figures):
    signed = np.array([[-2.0, 1.0, 0.0, 0.5]] * 2)
    positive = np.abs(signed)
    texture.show_wide_maps([signed, positive], ["signed", "positive"], signed=[True, False])
    figure = fresh_figures[0]
    first, second = _panels(figure)
    assert [first.get_title(), second.get_title()] == ["signed", "positive"]
    assert first.images[0].get_cmap().name == SIGNED_CMAP
    assert first.images[0].get_clim() == (-2.0, 2.0)
    assert second.images[0].get_cmap().name == "viridis"
    assert second.images[0].get_clim() == (0.0, 2.0)
    assert len(figure.axes) == 4  # two maps, two colour bars


def test_clipping_stops_the_scale_at_the_percentile(fresh_figures):
    values = np.arange(100, dtype=float).reshape(4, 25) - 50  # -50 .. 49
    texture.show_wide_maps([values], ["clipped"], signed=True, clip_percentile=90)
    image = _panels(fresh_figures[0])[0].images[0]
    limit = np.percentile(np.abs(values), 90)
    assert image.get_clim() == (-limit, limit) and limit < 50


def test_grid_of_wide_maps_hides_unused_panels(fresh_figures):
    maps = [np.random.default_rng(i).uniform(size=(4, 12)) for i in range(3)]
    texture.show_wide_maps(maps, ["a", "b", "c"], ncols=2)
    figure = fresh_figures[0]
    assert [ax.get_title() for ax in _panels(figure)] == ["a", "b", "c"]
    assert sum(not ax.axison for ax in figure.axes) == 1


def test_signature_bars_one_group_per_mask(fresh_figures):
    texture.show_signatures({"a": [1, 2], "b": [3, 4], "c": [5, 6]}, ["M1", "M2"])
    ax = fresh_figures[0].axes[0]
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["M1", "M2"]
    assert sorted(patch.get_height() for patch in ax.patches) == [1, 2, 3, 4, 5, 6]
    assert ax.get_title()


def test_signature_bars_on_a_log_axis(fresh_figures):
    texture.show_signatures({"a": [0.03, 4.0], "b": [0.06, 8.0]}, ["M1", "M2"], log_scale=True)
    ax = fresh_figures[0].axes[0]
    assert ax.get_yscale() == "log" and "logarithmic" in ax.get_title()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: texture.show_wide_maps([np.ones((2, 2))], ["a", "b"]), "titles"),
        (lambda: texture.show_wide_maps([np.ones(3)], ["a"]), "2-D"),
        (lambda: texture.show_wide_maps([np.ones((2, 2))], ["a"], clip_percentile=0), "clip"),
        (lambda: texture.show_wide_maps([np.ones((2, 2))], ["a"], ncols=0), "ncols"),
        (lambda: texture.show_signatures({"a": [1, 2]}, ["M1"]), "one value per mask"),
        (
            lambda: texture.show_signatures({"a": [0.0, 2]}, ["M1", "M2"], log_scale=True),
            "above 0",
        ),
    ],
)
def test_bad_figure_arguments_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_nothing_is_drawn_while_grading(monkeypatch, fresh_figures):
    monkeypatch.setenv(GRADING_VARIABLE, "1")
    texture.show_wide_maps([np.ones((2, 4))], ["a"])
    texture.show_signatures({"a": [1.0]}, ["M"])
    assert fresh_figures == [] and plt.get_fignums() == []


def test_importing_changes_no_global_state():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams);"
        "import course.texture, course.edges;"
        "assert dict(matplotlib.rcParams) == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
