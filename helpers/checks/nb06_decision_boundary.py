"""Notebook 06, the decision-boundary lab: ``boundary_x2(x1, w, b)``, the line w·x + b = 0."""

import numpy as np

from helpers.checks.engine import Exercise, array, call, matches, mistake, passed, returned, wrong

NOTEBOOK = "06_decision_boundary"

# (x1, w, b): the lab's result, a line with negative weights, one through the origin region.
BOUNDARY_CASES = ((np.array([0.0, 1.0, 2.5]), np.array([5.28, 5.08]), -14.22),
                  (np.array([-1.0, 0.5, 3.0]), np.array([-2.0, 0.5]), 1.5),
                  (np.array([2.0, 4.0]), np.array([1.5, -3.0]), -0.5))

KNOWN_LINES = {
    "the minus sign is missing: from w1·x1 + w2·x2 + b = 0, x2 = −(w1·x1 + b) / w2.":
        lambda x1, w, b: (w[0] * x1 + b) / w[1],
    "only w1·x1 is negated: move b to the other side too, x2 = −(w1·x1 + b) / w2.":
        lambda x1, w, b: (-w[0] * x1 + b) / w[1],
    "b is missing: the boundary is w1·x1 + w2·x2 + b = 0, so x2 = −(w1·x1 + b) / w2.":
        lambda x1, w, b: -(w[0] * x1) / w[1],
    "w1 and w2 are swapped: x1 goes with w[0] and you divide by w[1].":
        lambda x1, w, b: -(w[1] * x1 + b) / w[0],
    "you did not divide by w2: x2 = −(w1·x1 + b) / w2.":
        lambda x1, w, b: -(w[0] * x1 + b),
    "only w1·x1 is divided by w2, not b: the brackets are missing, x2 = −(w1·x1 + b) / w2.":
        lambda x1, w, b: -w[0] * x1 / w[1] - b,
}


def show(x1, w, b):
    """How one case appears in messages."""
    return f"boundary_x2(x1={x1.tolist()}, w={w.tolist()}, b={b})"


def diagnose_boundary(boundary_x2):
    """Check boundary_x2(x1, w, b): the x2 that puts each x1 on the decision boundary."""
    results = []
    for x1, w, b in BOUNDARY_CASES:
        where = show(x1, w, b)
        results.append(array(returned(call(boundary_x2, x1, w, b), where), where,
                             shape=x1.shape))
    if all(matches(got, -(w[0] * x1 + b) / w[1])
           for got, (x1, w, b) in zip(results, BOUNDARY_CASES)):
        return passed(f"On {len(BOUNDARY_CASES)} lines every point you return satisfies "
                      "w·x + b = 0 (to rounding error).")
    for advice, rule in KNOWN_LINES.items():
        if all(matches(got, rule(*case)) for got, case in zip(results, BOUNDARY_CASES)):
            return mistake(advice)
    for got, (x1, w, b) in zip(results, BOUNDARY_CASES):
        if not matches(got, -(w[0] * x1 + b) / w[1]):
            return wrong(f"{show(x1, w, b)} returned {np.round(got, 4).tolist()}; then "
                         f"w·x + b = {np.round(w[0] * x1 + w[1] * got + b, 4).tolist()}, "
                         "not 0.")
    raise AssertionError("no case failed, yet the answers were not all right")


def solution_boundary_x2(x1, w, b):
    """Return the x2 on the line w[0]·x1 + w[1]·x2 + b = 0 for each value in x1."""
    return -(w[0] * np.asarray(x1) + b) / w[1]


boundary_x2 = Exercise(
    NOTEBOOK, "boundary_x2", diagnose_boundary,
    hints=[
        "On the boundary, w1·x1 + w2·x2 + b = 0. Solve this one equation for x2, as on paper.",
        "Move w1·x1 + b to the other side, then divide by w2: x2 = −(w1·x1 + b) / w2. In "
        "code w1 is `w[0]` and w2 is `w[1]`; x1 is an array, so the result is one too.",
    ],
    solution=solution_boundary_x2,
)
