"""Notebook 05, the cost surface: ``my_alpha``, a learning rate for the tumour data.

The answer is a number, not a function: a rate that takes gradient descent from
(w, b) = (0, 0) below TARGET_COST within ITERATIONS updates without diverging.
"""

import numpy as np

from helpers import data, logistic
from helpers.checks.engine import Exercise, mistake, number, passed

NOTEBOOK = "05_cost_surface"
TARGET_COST = 0.05
ITERATIONS = 200


def tumour_run(alpha):
    """The history of ITERATIONS updates from (0, 0) on the tumour data at rate alpha."""
    X, y = data.load("tumour")
    return logistic.gradient_descent(X, y, np.zeros(1), 0.0, alpha, ITERATIONS)[2]


def diagnose_learning_rate(alpha):
    """Check a learning rate (a number) for the tumour fit of notebook 05.

    The rates that work form one interval, and the solution lies in it (a test checks
    both), so a rate that fails is too small below the solution and too large above it.
    """
    alpha = number(alpha, "my_alpha")
    if not (np.isfinite(alpha) and alpha > 0):
        return mistake(f"my_alpha = {alpha:g}: a learning rate is a positive number (the "
                       "size of each step downhill), such as 0.5.")
    history = tumour_run(alpha)
    final = history.cost[-1]
    if not history.diverged and final < TARGET_COST:
        below = int(np.argmax(history.cost < TARGET_COST))
        return passed(f"With α = {alpha:g} the cost falls below {TARGET_COST} after {below} "
                      f"iterations and ends at {final:.4f}.")
    if alpha < learning_rate.answer:
        return mistake(f"α = {alpha:g} is too small: after {ITERATIONS} iterations the cost "
                       f"is {final:.4f}, still above {TARGET_COST}. Try a larger one.")
    if history.diverged:
        return mistake(f"α = {alpha:g} is too large: {history.message}")
    return mistake(f"α = {alpha:g} is too large: the steps overshoot the valley floor, and "
                   f"after {ITERATIONS} iterations the cost is {final:.4f}, above "
                   f"{TARGET_COST}. Try a smaller one.")


learning_rate = Exercise(
    NOTEBOOK, "my_alpha", diagnose_learning_rate,
    hints=[
        "Use the explorer above: move the learning-rate slider and watch the cost "
        "curve at 200 iterations. Too small crawls; too large jumps about or diverges.",
        "Rates between 1 and 10 are the interesting ones here: try 1, 3 and 10 and see which "
        "side of the target each lands on.",
    ],
    solution=3.0, value=True,
    note="α = 1 reaches only about 0.078 in 200 iterations. About 2.1 is the smallest rate "
         "that gets the cost below 0.05 in time; α = 3 does it after 130 iterations.",
)
