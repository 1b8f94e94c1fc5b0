"""Notebook 05, the cost surface: ``my_alpha``, a learning rate for the tumour data.

The answer is a number, not a function: a rate at which gradient descent from
(w, b) = (0, 0) makes the cost fall at every one of ITERATIONS updates and end below
TARGET_COST. A rate that raises the cost at some update is too large for this goal
(whatever it ends at: on the separable tumour data such a run recovers); a rate whose
cost falls at every update but ends above the target is too small. An update "raises
the cost" by the rule the notebook's explorer uses to mark it (``explorer.cost_rises``).
"""

import numpy as np

from helpers import data, logistic
from helpers.checks.engine import Exercise, mistake, number, passed
from helpers.explorer import cost_rises

NOTEBOOK = "05_cost_surface"
TARGET_COST = 0.055
ITERATIONS = 300


def tumour_run(alpha):
    """The history of ITERATIONS updates from (0, 0) on the tumour data at rate alpha."""
    X, y = data.load("tumour")
    return logistic.gradient_descent(X, y, np.zeros(1), 0.0, alpha, ITERATIONS)[2]


def diagnose_learning_rate(alpha):
    """Check a learning rate (a number) for the tumour fit of notebook 05."""
    alpha = number(alpha, "my_alpha")
    if not (np.isfinite(alpha) and alpha > 0):
        return mistake(f"my_alpha = {alpha:g}: a learning rate is a positive number (the "
                       "size of each step downhill), such as 0.5.")
    try:
        history = tumour_run(alpha)
    except ValueError as error:            # only for rates near the largest float
        return mistake(f"α = {alpha:g} is far too large: {error}. Try a much smaller one.")
    cost = history.cost
    final = cost[-1]
    rises = cost_rises(cost)
    if rises.size:
        k = int(rises[0])
        recovers = (f" On this separable data the run recovers and ends at {final:.4g}, but "
                    "where the classes overlap such a rate can keep the cost oscillating."
                    if final < cost[0] else "")
        return mistake(f"α = {alpha:g} is too large for this goal: the cost rose at "
                       f"{rises.size} of the {ITERATIONS} updates, first at update {k} (from "
                       f"{cost[k - 1]:.4g} to {cost[k]:.4g}), so that step overshot the "
                       f"valley.{recovers} Try a smaller one.")
    if final >= TARGET_COST:
        return mistake(f"α = {alpha:g} is too small: the cost falls at every update, but after "
                       f"{ITERATIONS} iterations it is {final:.5f}, still above {TARGET_COST}. "
                       "Try a larger one.")
    return passed(f"With α = {alpha:g} the cost falls at every one of the {ITERATIONS} "
                  f"updates and ends at {final:.5f}, below {TARGET_COST}.")


learning_rate = Exercise(
    NOTEBOOK, "my_alpha", diagnose_learning_rate,
    hints=[
        "The explorer's rates α = 1 and α = 3 fall on either side of the goal: at α = 1 the "
        "cost falls at every update but ends above 0.055; at α = 3 the cost curve shows "
        "triangles, updates where the cost rose. Try rates between them.",
        "The first update is the one that overshoots first: at α = 1.31 the cost already "
        "rises at update 1. Below that, a larger rate ends lower, and α = 1 ends at 0.061, "
        "only a little above 0.055. So look between 1 and 1.31, nearer the top, in steps "
        "of about 0.05.",
    ],
    solution=1.2, value=True,
    note="α = 1 ends at 0.06094 after 300 iterations, above the target. A little above 1.3 "
         "the cost already rises at the very first update. Rates from 1.173 to 1.304 "
         "meet both goals; α = 1.2 ends at 0.05418.",
)
