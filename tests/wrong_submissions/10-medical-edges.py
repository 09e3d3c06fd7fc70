"""A lesson-10 submission whose sobel_magnitude adds |gx| + |gy| instead of taking hypot."""

CELLS = {
    "sobel_magnitude": """
def sobel_magnitude(image):
    image = np.asarray(image, dtype=float)
    if image.ndim != 2:
        raise ValueError(f"image must be 2-D (grey), got shape {image.shape}")
    if image.size == 0 or not np.all(np.isfinite(image)):
        raise ValueError("image must be a non-empty array of finite numbers")
    gx = scipy.signal.convolve2d(image, sobel_x, mode="same", boundary="symm")
    gy = scipy.signal.convolve2d(image, sobel_y, mode="same", boundary="symm")
    return np.abs(gx) + np.abs(gy)  # the mistake: the L1 norm instead of np.hypot(gx, gy)
""",
}
# sobel_magnitude's hand (1 point) and random (2 points) tests fail; everything else passes.
EXPECTED_SCORE = 9
FEEDBACK = "you added the absolute values"
