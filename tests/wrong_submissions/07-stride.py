"""A lesson-7 submission whose conv_output_size forgets the + 1 (and strided_conv2d uses it),
and whose transposed_conv_output_size ignores output_padding."""

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
    "transposed_conv_output_size": """
def transposed_conv_output_size(n, k, stride=1, padding=0, output_padding=0):
    if min(n, k, stride) < 1 or padding < 0 or not 0 <= output_padding < stride:
        raise ValueError("bad sizes")
    size = (n - 1) * stride - 2 * padding + k  # the mistake: output_padding left out
    if size < 1:
        raise ValueError("the output would be empty")
    return size
""",
}
# conv_output_size passes only its bad-input test (1 of 1 + 2 + 1 points); strided_conv2d
# (the solution's, which sizes its output with conv_output_size) comes out one row and one
# column short and passes only its bad-input test (1 of 1 + 2 + 1 points);
# transposed_conv_output_size passes only its bad-input test (1 of 1 + 2 + 1 points).
EXPECTED_SCORE = 3
FEEDBACK = ("you forgot the + 1", "you ignored output_padding")
