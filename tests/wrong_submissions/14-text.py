"""A lesson-14 submission whose char_conv1d flips each kernel along the text (convolution)."""

CELLS = {
    "char_conv1d": """
def char_conv1d(matrix, kernels):
    matrix = np.asarray(matrix, dtype=float)
    kernels = np.asarray(kernels, dtype=float)
    if matrix.ndim != 2 or matrix.shape[1] != 27:
        raise ValueError(f"matrix must have shape (L, 27), got {matrix.shape}")
    if kernels.ndim != 3 or kernels.shape[2] != 27 or kernels.shape[1] > len(matrix):
        raise ValueError(f"kernels must have shape (F, k, 27) with k <= L, got {kernels.shape}")
    k = kernels.shape[1]
    out = np.zeros((len(matrix) - k + 1, len(kernels)))
    for t in range(len(out)):
        for f in range(len(kernels)):
            out[t, f] = np.sum(matrix[t:t + k] * kernels[f][::-1])  # the mistake: flipped
    return out
""",
}
# char_conv1d's hand (1), random (2) and detector (1) tests fail; its bad-input test (1) and
# the other exercises' tests (3 + 4 + 2) pass: 14 - 4 = 10.
EXPECTED_SCORE = 10
FEEDBACK = "you flipped the kernel along the text"
