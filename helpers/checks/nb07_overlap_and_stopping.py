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
    if got["falling"] in (want["falling"] - 1, want["falling"] + 1):
        return mistake(f"off by one: for {show(*cases['falling'])} it returned "
                       f"{got['falling']} where the answer is {want['falling']}. costs[k] is "
                       "the cost after k updates, so when the change from costs[k−1] to "
                       "costs[k] is the first one below tol, the run stops after k updates: "
                       "return k.")
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
        "`for k in range(1, len(costs)):` then `if abs(costs[k - 1] - costs[k]) < tol: "
        "return k`. If the loop ends without returning, every update ran: "
        "`return len(costs) - 1`.",
    ],
    solution=solution_stopping_iteration,
)
