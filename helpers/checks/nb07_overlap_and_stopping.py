"""Notebook 07, when to stop: ``stopping_iteration(costs, tol)``, the tolerance rule."""

import numpy as np

from helpers import data, logistic
from helpers.checks.engine import (Exercise, call, mistake, number, passed, returned,
                                   whole_number, wrong)

NOTEBOOK = "07_overlap_and_stopping"


def stopping_cases():
    """{name: (costs, tol)}; the last one is a real run of helpers.logistic.gradient_descent."""
    X, y = data.load("six_points")
    _, _, run = logistic.gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 400)
    return {
        "falling": (np.array([1.0, 0.6, 0.4, 0.3, 0.25, 0.249, 0.2485]), 0.01),
        "never_small": (np.array([1.0, 0.5, 0.2]), 0.01),
        "rising": (np.array([1.0, 1.5, 1.500001, 1.5000015]), 0.01),
        # Changes 0.5, 0.25, 0.125, 0.0625 are exact in binary: only `<` gives 4.
        "equal_to_tol": (np.array([1.0, 0.5, 0.25, 0.125, 0.0625]), 0.125),
        # Up and back down to where it started: costs[-1] is within tol of costs[0].
        "back_to_start": (np.array([0.5, 0.9, 0.7, 0.5000001]), 0.01),
        # Two small changes, at k = 2 and k = 4: the first one is the stop.
        "two_plateaus": (np.array([1.0, 0.5, 0.4999, 0.3, 0.2999, 0.1]), 0.01),
        "run": (run.cost, 1e-3),
    }


def show(costs, tol):
    """How one case appears in messages."""
    text = (np.round(costs, 7).tolist() if len(costs) <= 8
            else f"a run's {len(costs)} costs")
    return f"stopping_iteration(costs={text}, tol={tol:g})"


def diagnose_stopping_iteration(function):
    """Check stopping_iteration(costs, tol) -> the number of updates after which the rule stops."""
    cases = stopping_cases()
    want = {key: solution_stopping_iteration(*case) for key, case in cases.items()}
    results = {key: call(function, *case) for key, case in cases.items()}
    never_costs, _ = cases["never_small"]
    never = results["never_small"]
    if never.value is None and never.error is None and not never.timed_out and any(
            result.value is not None for result in results.values()):
        return mistake(f"when no change is below tol ({show(*cases['never_small'])}) it "
                       f"returned None. The run then does every update, so the answer is "
                       f"len(costs) − 1 = {want['never_small']}: return it after the loop.")
    got = {}
    for key, (costs, tol) in cases.items():
        value = returned(results[key], show(costs, tol))
        if isinstance(value, float | np.floating):
            cost = number(value, show(costs, tol))
            if not cost.is_integer() and np.any(np.isclose(costs, cost)):
                return mistake(f"{show(costs, tol)} returned {cost!r}, one of the costs. "
                               "Return k, the number of updates, not the cost after them.")
        got[key] = whole_number(value, show(costs, tol))
    return diagnose_counts(got, want, cases)


def diagnose_counts(got, want, cases):
    """Name the slip behind the returned counts, or pass."""
    if got == want:
        return passed(f"On a real run it stops after {want['run']} updates, as "
                      "gradient_descent(..., tol=1e-3) does.")
    if got["falling"] == 1 != want["falling"]:
        return mistake("it stops after the very first update, where the cost fell by 0.4. The "
                       "change costs[k] − costs[k−1] is negative whenever the cost falls, so "
                       "it is always below tol: compare its size, abs(costs[k−1] − costs[k]) "
                       "< tol.")
    for rule, shown, what in MISTAKEN_RULES:
        if all(got[key] == rule(*case) for key, case in cases.items()):
            return mistake(f"{what} For {show(*cases[shown])} it returned {got[shown]}; the "
                           f"answer is {want[shown]}.")
    shift = off_by_one(got, want, cases)
    if shift:
        return mistake(f"off by one: it returned {'one more' if shift > 0 else 'one less'} "
                       f"than the answer wherever the rule stops the run, e.g. "
                       f"{got['falling']} for {show(*cases['falling'])}, where the answer is "
                       f"{want['falling']}. costs[k] is the cost after k updates, so when the "
                       "change from costs[k−1] to costs[k] is the first one below tol, the "
                       "run stops after k updates: return that k.")
    n = len(cases["never_small"][0])
    if got["never_small"] in (-1, 0, n):
        return mistake(f"when no change is below tol ({show(*cases['never_small'])}) the run "
                       f"does every update, so the answer is len(costs) − 1 = "
                       f"{want['never_small']}; it returned {got['never_small']}.")
    if got["rising"] == 1:
        return mistake("a cost that rises from 1.0 to 1.5 made it stop: a big rise is not a "
                       "small change. Use the size of the change, abs(costs[k−1] − costs[k]).")
    if got["equal_to_tol"] == want["equal_to_tol"] - 1:
        return mistake(f"for {show(*cases['equal_to_tol'])} it stopped where the change "
                       "equals tol exactly: the rule is a change strictly below tol, < and "
                       "not <=.")
    if got["back_to_start"] == 0:
        return mistake(f"for {show(*cases['back_to_start'])} it returned 0: the loop starts "
                       "at k = 0, where costs[k − 1] is costs[−1], the last cost. Start at "
                       "k = 1: range(1, len(costs)).")
    key = next(key for key in cases if got[key] != want[key])
    return wrong(f"{show(*cases[key])} returned {got[key]}; expected {want[key]}.")


def off_by_one(got, want, cases):
    """+1 or −1 when every stop is shifted by it, else 0.

    Only the cases where some change is below tol count as stops: there the answer comes
    from the loop. Where none is, the answer is the last index, from another line of code,
    which must be right or shifted the same way.
    """
    fires = [key for key, (costs, tol) in cases.items() if np.any(np.abs(np.diff(costs)) < tol)]
    for shift in (1, -1):
        if all(got[key] == want[key] + shift for key in fires) and all(
                got[key] in (want[key], want[key] + shift) for key in cases if key not in fires):
            return shift
    return 0


def first_stop(condition):
    """A stopping rule that returns the first k ≥ 1 where condition(costs, k, tol) holds."""
    def rule(costs, tol):
        for k in range(1, len(costs)):
            if condition(costs, k, tol):
                return k
        return len(costs) - 1
    return rule


def last_stop(costs, tol):
    """The last k whose change is below tol, where the rule wants the first."""
    small = [k for k in range(1, len(costs)) if abs(costs[k - 1] - costs[k]) < tol]
    return small[-1] if small else len(costs) - 1


# Rules a learner may write instead of the right one: (rule, the case that shows the slip
# best, what to say) when the returned counts are exactly that rule's on every case.
MISTAKEN_RULES = (
    (first_stop(lambda costs, k, tol: abs(costs[0] - costs[k]) < tol), "two_plateaus",
     "it compares each cost with costs[0], the cost at the start, so it measures how far the "
     "cost has come in all, not what one update changed. Compare each cost with the one just "
     "before it, costs[k − 1]."),
    (last_stop, "two_plateaus",
     "it returns the last update whose change is below tol; the rule stops at the first one. "
     "Stop looking (return) as soon as you find a small change."),
    (first_stop(lambda costs, k, tol: (costs[k - 1] - costs[k]) ** 2 < tol), "falling",
     "it compares the square of the change with tol. Squaring makes a small change much "
     "smaller (0.05² = 0.0025), so the rule fires too early; compare the size of the change "
     "itself, its absolute value, with tol."),
)


def solution_stopping_iteration(costs, tol):
    """The first k ≥ 1 with |costs[k−1] − costs[k]| < tol, else len(costs) − 1."""
    for k in range(1, len(costs)):
        if abs(costs[k - 1] - costs[k]) < tol:
            return k
    return len(costs) - 1


stopping_iteration = Exercise(
    NOTEBOOK, "stopping_iteration", diagnose_stopping_iteration,
    hints=[
        "Walk through the costs from k = 1 on and compare each cost with the one before it. "
        "A rise and a fall are both changes: compare the *size* of the change with tol.",
        "Loop over k = 1, 2, …, len(costs) − 1 and stop at the first k whose change "
        "|costs[k − 1] − costs[k]| is below tol: that k is the answer. Then ask yourself what "
        "the function must return when the loop ends without finding one (section 6 says "
        "what the run does then).",
    ],
    solution=solution_stopping_iteration,
)
