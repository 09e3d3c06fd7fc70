"""A lesson-7 submission whose conv_output_size forgets the + 1 (and strided_conv2d uses it)."""

CELLS = {
    "conv_output_size": """
def conv_output_size(n, k, stride=1, padding=0, dilation=1):
    if min(n, k, stride, dilation) < 1 or padding < 0:
        raise ValueError("n, k, stride, dilation must be at least 1 and padding at least 0")
    span = dilation * (k - 1) + 1
    if span > n + 2 * padding:
        raise ValueError("the kernel is larger than the padded input")
    return (n + 2 * padding - span) // stride  # the mistake: no + 1
""",
}
# conv_output_size passes only its bad-input test (1 of 1 + 2 + 1 points); strided_conv2d
# (the solution's, which sizes its output with conv_output_size) comes out one row and one
# column short and passes only its bad-input test (1 of 1 + 2 + 1 points).
EXPECTED_SCORE = 2
FEEDBACK = "you forgot the + 1"
