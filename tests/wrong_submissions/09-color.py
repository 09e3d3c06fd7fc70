"""A lesson-9 submission with a correct correlate_color and a to_uint8 that does not clip."""

CELLS = {
    "to_uint8": """
def to_uint8(image):
    image = np.asarray(image, dtype=float)
    if np.isnan(image).any():
        raise ValueError("image contains NaN")
    return np.round(image).astype(np.uint8)  # the mistake: no clip, so values wrap around
""",
}
# correlate_color's tests (1 + 2 + 1 + 1 points) pass; to_uint8's hand (1) and random (1)
# tests fail, its NaN test (1) passes. 8 - 2 = 6.
EXPECTED_SCORE = 6
FEEDBACK = "uint8 wrap-around"
