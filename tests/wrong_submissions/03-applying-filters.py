"""A lesson-3 submission with right values but lesson 1's double loop over the pixels in
apply_filter, and an apply_filter_matmul that reshapes its product the wrong way round."""

CELLS = {
    "apply_filter": """
def apply_filter(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    output = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(output.shape[0]):  # the mistake: a Python loop over every pixel
        for j in range(output.shape[1]):
            output[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return output
""",
    "apply_filter_matmul": """
def apply_filter_matmul(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    out_h = image.shape[0] - kernel.shape[0] + 1
    out_w = image.shape[1] - kernel.shape[1] + 1
    return (kernel.ravel() @ im2col(image, kernel.shape)).reshape(out_w, out_h)  # the mistake
""",
}
# Out of 11 points, apply_filter's hand (1) and random (2) tests pass and its vectorized test (2)
# fails; im2col's hand (1) and random (2) pass; apply_filter_matmul's values (2) and vectorized
# (1) tests fail, the latter on the values of its probe images.
EXPECTED_SCORE = 6
FEEDBACK = (
    "this works but loops over pixels in Python; vectorize it",
    "you reshaped the product to (out_w, out_h)",
)
