"""A lesson-4 submission with a right vertical_edge_map that reads its signs off slide 4's
convolution: edge_response_signs gives convolution's signs, not cross-correlation's."""

CELLS = {
    "edge_response_signs": """
def edge_response_signs(image):
    # the mistake: scipy.signal.convolve2d, as on slide 4, flips the kernel
    feature_map = scipy.signal.convolve2d(image, vertical_edge, mode="valid")
    row = feature_map[0]
    responses = row[row != 0]
    return tuple("positive" if r > 0 else "negative" for r in (responses[0], responses[-1]))
""",
}
# vertical_edge_map's tests (1 + 2 points) pass; edge_response_signs's (1 + 2 points) fail.
EXPECTED_SCORE = 3
FEEDBACK = "you gave the signs of convolution"
