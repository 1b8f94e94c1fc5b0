"""Notebook 11, non-linear boundaries: ``count_polynomial_features(degree)`` for two inputs.

The count is to be worked out, not measured: an answer that asks ``polynomial_features``
(or ``polynomial_names``) how many columns it makes gets its own verdict, not a pass.
"""

from helpers import features
from helpers.checks.engine import (Exercise, call, mistake, passed, returned, watched,
                                   whole_number, wrong)

NOTEBOOK = "11_nonlinear_boundaries"
# The notebook's degrees 1 to 8, and two far beyond any table of the notebook's outputs.
DEGREES = (*range(1, 9), 15, 30)
MEASURED = ("it asks helpers' `{name}` and counts what comes back. That measures the "
            "answer instead of working it out: count the monomials x1^i·x2^j with "
            "1 ≤ i + j ≤ degree yourself, with a formula or a loop.")

# Other counts learners arrive at, each a function of the degree d, with what went wrong.
KNOWN_COUNTS = [
    (lambda d: (d + 1) * (d + 2) // 2,
     "you counted the constant term x1⁰·x2⁰ = 1 as well (one too many for every degree). "
     "It is left out: the bias b plays its part."),
    (lambda d: d + 1,
     "you counted only the monomials of total degree exactly d. Every degree from 1 up to d "
     "is included."),
    (lambda d: 2 * d,
     "you counted only the pure powers x1^k and x2^k; the mixed terms such as x1·x2 count "
     "too."),
    (lambda d: (d + 1) ** 2 - 1,
     "you counted every x1^i·x2^j with i ≤ d and j ≤ d, a square of exponents. The rule is "
     "i + j ≤ d, a triangle: x1^d·x2^d has degree 2d."),
    (lambda d: d * (d + 1) // 2,
     "one monomial short in every degree: total degree k has k + 1 monomials "
     "(x1^k, x1^(k−1)·x2, …, x2^k), not k."),
    (lambda d: (d - 1) * d // 2 + d - 1,
     "degree d itself is left out: range(1, degree) stops before degree. The range must "
     "reach degree itself, so its end goes one further."),
]


def feature_count(degree):
    """How many columns helpers.features.polynomial_features makes from two inputs."""
    return features.polynomial_features([[1.0, 2.0]], degree).shape[1]


def diagnose_count_polynomial_features(function):
    """Check ``count_polynomial_features(degree) -> int`` for degrees 1 to 8, 15 and 30,
    worked out without calling ``polynomial_features`` or ``polynomial_names``."""
    calls = []
    function = watched(function, [features.polynomial_features, features.polynomial_names],
                       calls)
    got = {}
    for degree in DEGREES:
        where = f"count_polynomial_features({degree})"
        got[degree] = whole_number(returned(call(function, degree), where), where)
    want = {degree: feature_count(degree) for degree in DEGREES}
    if calls:
        return mistake(MEASURED.format(name=calls[0][0]))
    if got == want:
        return passed(f"degrees 1 to 8, {DEGREES[-2]} and {DEGREES[-1]}: degree d gives "
                      "(d + 1)(d + 2)/2 − 1 features, as polynomial_features makes.")
    for rule, message in KNOWN_COUNTS:
        if all(got[degree] == rule(degree) for degree in DEGREES):
            return mistake(message)
    degree = next(d for d in DEGREES if got[d] != want[d])
    return wrong(f"for degree {degree} the answer is {want[degree]}; got {got[degree]}.")


def solution_count_polynomial_features(degree):
    """Return how many monomials x1^i·x2^j have 1 ≤ i + j ≤ degree."""
    # total degree d has d + 1 monomials (j = 0..d); add them for d = 1..degree
    return sum(d + 1 for d in range(1, degree + 1))


count_polynomial_features = Exercise(
    NOTEBOOK, "count_polynomial_features", diagnose_count_polynomial_features,
    hints=[
        "Count by total degree. How many monomials x1^i·x2^j have i + j = 1? And i + j = 2? "
        "Write them out, then add the counts for every degree from 1 to `degree`.",
        "Total degree d has d + 1 monomials (j can be 0, 1, …, d, and then i = d − j). Add "
        "these counts for every d from 1 up to and including `degree`, with a loop or "
        "`sum` over a `range` (mind that a range stops before its end value).",
    ],
    solution=solution_count_polynomial_features,
)
