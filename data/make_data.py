"""Regenerate the course images in data/ from images that ship inside scikit-image.

Run it with ``make data`` (or ``python data/make_data.py``). It needs no network: every
source image is bundled with scikit-image and is CC0 or public domain (see data/README.md).
It writes the four JPEG files and ``SHA256SUMS``, which the loader (``course.data``) uses
to tell a corrupted file from a good one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import skimage.data
from PIL import Image
from skimage.transform import resize

DATA_DIR = Path(__file__).resolve().parent
JPEG_QUALITY = 92
# Width of each texture band in material_surface.jpg; the rows below 256 of the same
# scikit-image textures stay unseen, for the hidden tests of lesson 11.
TEXTURE_BAND = (256, 160)
TEXTURES = ("brick", "gravel", "grass")


def _to_uint8(image: np.ndarray) -> np.ndarray:
    return np.clip(np.round(image * 255.0), 0, 255).astype(np.uint8)


def make_images() -> dict[str, np.ndarray]:
    """Build every course image as a uint8 array, keyed by file name."""
    camera = resize(skimage.data.camera(), (256, 256), anti_aliasing=True)
    coffee = resize(skimage.data.coffee(), (200, 300), anti_aliasing=True)
    phantom = resize(skimage.data.shepp_logan_phantom(), (256, 256), anti_aliasing=True)
    height, width = TEXTURE_BAND
    bands = [getattr(skimage.data, name)()[:height, :width] for name in TEXTURES]
    return {
        "sample_image.jpg": _to_uint8(camera),
        "color_image.jpg": _to_uint8(coffee),
        "brain_mri.jpg": _to_uint8(phantom),
        "material_surface.jpg": np.concatenate(bands, axis=1),
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    sums = []
    for name, pixels in make_images().items():
        path = DATA_DIR / name
        Image.fromarray(pixels).save(path, quality=JPEG_QUALITY, optimize=False)
        sums.append(f"{sha256(path)}  {name}")
        print(f"wrote {path.relative_to(DATA_DIR.parent)} {pixels.shape}")
    (DATA_DIR / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    print("wrote data/SHA256SUMS")


if __name__ == "__main__":
    main()
