"""Notebook 06, the decision-boundary lab, in the notebook's order:

* ``gradient_descent(X, y, w, b, alpha, num_iters)``: the loop, returning w, b and the cost
  history (costs[k] = J after k updates, so num_iters + 1 costs), checked on a small case
  and on the six points' run of 10 000 updates;
* ``predict(X, w, b, threshold)``: class labels 0/1 from the probabilities f ≥ threshold;
* ``boundary_x2(x1, w, b)``: the line w·x + b = 0.
"""

import functools

import numpy as np

from helpers import data, logistic
from helpers.checks import engine   # engine.array by its full name: the solutions use np.array
from helpers.checks.engine import (
    Exercise,
    Finished,
    call,
    describe,
    matches,
    mistake,
    number,
    passed,
    returned,
    wrong,
)
from helpers.logistic import cost, gradient, predict_proba

NOTEBOOK = "06_decision_boundary"

# ---------------------------------------------------------------------------
# gradient_descent: the loop with a cost history
# ---------------------------------------------------------------------------

# A small case: four examples, a start away from zero, a learning rate at which every
# known mistake below gives different numbers, and three updates.
SMALL_RUN = (np.array([[1.0, 2.0], [2.0, 0.5], [-1.0, 1.5], [0.5, -1.0]]),
             np.array([1, 0, 1, 0]), np.array([0.5, -0.5]), 0.25, 0.6, 3)

# The lab's run: the six points from w = [0, 0], b = 0, α = 0.1, 10 000 updates.
LAB_ALPHA, LAB_ITERATIONS = 0.1, 10_000

# A learner's loop takes 0.3-3 s for the lab's 10 000 updates (numpy, or the course's
# validated cost and gradient, or plain Python loops); that one call gets six times the
# usual time limit.
LAB_TIME_FACTOR = 6


def lab_case():
    """(X, y, w, b, alpha, num_iters) of the lab's run on the six points."""
    X, y = data.load("six_points")
    return X, y, np.zeros(2), 0.0, LAB_ALPHA, LAB_ITERATIONS


@functools.cache
def lab_reference():
    """The course's run of the lab: (w, b, costs), computed once."""
    w, b, history = logistic.gradient_descent(*lab_case())
    return w, b, history.cost


def show_run(X, y, w, b, alpha, num_iters):
    """How one case appears in messages."""
    return (f"gradient_descent(X, y, w={w.tolist()}, b={b:g}, alpha={alpha:g}, "
            f"num_iters={num_iters})")


# What the updates can do wrong: one step of each mistake, (X, y, w, b, alpha) -> (w, b).

def step_w_first(X, y, w, b, alpha):
    dj_dw, _ = gradient(X, y, w, b)
    w = w - alpha * dj_dw
    return w, b - alpha * gradient(X, y, w, b)[1]


def step_b_first(X, y, w, b, alpha):
    _, dj_db = gradient(X, y, w, b)
    b = b - alpha * dj_db
    return w - alpha * gradient(X, y, w, b)[0], b


def step_alpha_on_w_only(X, y, w, b, alpha):
    dj_dw, dj_db = gradient(X, y, w, b)
    return w - alpha * dj_dw, b - dj_db


def step_alpha_on_b_only(X, y, w, b, alpha):
    dj_dw, dj_db = gradient(X, y, w, b)
    return w - dj_dw, b - alpha * dj_db


def step_ascent(X, y, w, b, alpha):
    dj_dw, dj_db = gradient(X, y, w, b)
    return w + alpha * dj_dw, b + alpha * dj_db


TOGETHER = ("Gradient descent moves both parameters from the same point: compute both "
            "gradients first, `dj_dw, dj_db = gradient(X, y, w, b)`, then update w and b.")

KNOWN_STEPS = {
    "the updates are not simultaneous: w is updated before b's gradient is computed, so "
    "b's step uses the new w. " + TOGETHER: step_w_first,
    "the updates are not simultaneous: b is updated before w's gradient is computed, so "
    "w's step uses the new b. " + TOGETHER: step_b_first,
    "α scales w's step only: b moves by the whole gradient, b ← b − ∂J/∂b. Both steps "
    "are scaled by the learning rate: b ← b − α·∂J/∂b.": step_alpha_on_w_only,
    "α scales b's step only: w moves by the whole gradient, w ← w − ∂J/∂w. Both steps "
    "are scaled by the learning rate: w ← w − α·∂J/∂w.": step_alpha_on_b_only,
    "the update adds the gradient, which climbs the cost (notebook 04). Subtract it: "
    "w ← w − α·∂J/∂w and b ← b − α·∂J/∂b.": step_ascent,
}

START_MISSING = ("the cost before the first update is missing: your history holds the "
                 "num_iters costs after the updates. Here costs[0] is J at the start (w and "
                 "b as given) and costs[k] the cost after k updates, so a run of num_iters "
                 "updates returns num_iters + 1 costs: record J once before the loop too.")
COUNTED_TWICE = ("the starting cost is counted twice: costs[0] and costs[1] are both J "
                 "before any update. You record J before the loop and again at the top of "
                 "the loop, before the first update. Record it once before the loop and then "
                 "after each update, so that costs[k] is the cost after k updates.")
RECORDED_BEFORE = ("the cost is recorded before each update instead of after it, so the "
                   "cost after the last update is missing. Record J once before the loop and "
                   "then after each update, so that costs[k] is the cost after k updates.")


def simulate(step, X, y, w, b, alpha, num_iters):
    """(w, b) after num_iters steps of ``step``."""
    for _ in range(num_iters):
        w, b = step(X, y, w, b, alpha)
    return w, b


def three_results(value, where):
    """(w, b, costs) if value unpacks into exactly three items; else end the check."""
    items = None
    if isinstance(value, (tuple, list)):
        try:
            items = tuple(value)
        except Exception:  # a learner's sequence type may be broken
            items = None
    if items is None or len(items) != 3:
        raise Finished(mistake(f"{where} returned {describe(value)}; expected three results: "
                               "`return w, b, costs`."))
    return items


def run_result(result, where, n):
    """(w, b, costs) as arrays and a float from one call; end the check when unusable."""
    if (result.changed and result.error is None and not result.timed_out
            and result.value is not None):
        names = " and ".join(f"`{name}`" for name in result.changed)
        raise Finished(mistake(
            f"{where} changed the caller's {names} in place, so the array the caller passed "
            "in is different after the call (for w: the starting point is gone). "
            "`w -= alpha * dj_dw` writes into the array it was given; write "
            "`w = w - alpha * dj_dw`, which makes a new array, or start from a copy, "
            "`w = np.array(w, dtype=float)`."))
    w, b, costs = three_results(returned(result, where), where)
    w = engine.array(w, where, shape=(n,), part="w")
    b = number(b, where, part="b")
    costs = engine.array(costs, where, part="the cost history")
    if costs.ndim != 1:
        raise Finished(mistake(f"{where} returned, as the cost history, an array of shape "
                               f"{costs.shape}: return a flat array of numbers, one per cost, "
                               "e.g. `np.array(costs)` of a list of floats."))
    return w, b, costs


def cost_verdict(costs, expected, where):
    """None if the history is right, else the verdict that says what is wrong with it."""
    if matches(costs, expected):
        return None
    count = expected.size - 1
    if matches(costs, expected[1:]):
        return mistake(START_MISSING)
    if matches(costs, expected[:-1]):
        return mistake(RECORDED_BEFORE)
    if costs.size >= 2 and matches(costs[:2], expected[[0, 0]]) and (
            matches(costs[2:], expected[1:-1]) or matches(costs[2:], expected[1:])):
        return mistake(COUNTED_TWICE)
    if costs.size != expected.size:
        return wrong(f"{where} returned {costs.size} costs; a run of {count} updates has "
                     f"{count + 1}: costs[0] at the start, then one after each update.")
    k = int(np.flatnonzero(~np.isclose(costs, expected, rtol=1e-6, atol=1e-9))[0])
    when = "at the start" if k == 0 else f"after {k} update{'' if k == 1 else 's'}"
    text = f"{where}: costs[{k}] = {costs[k]:.10g}, but the cost {when} is {expected[k]:.10g}."
    if abs(costs[k] - expected[k]) < 1e-3 * abs(expected[k]):
        text += (" The difference is small: an epsilon inside the log, log(f + 1e-7), or "
                 "clipping f changes the cost a little. Compute it exactly, with `cost` or "
                 "the stable form of notebook 02.")
    return wrong(text)


def parameter_verdict(w, b, case, expected_w, expected_b, where):
    """The verdict on w and b that differ from expected: a known mistake, or where."""
    X, y, w0, b0, alpha, num_iters = case
    for advice, step in KNOWN_STEPS.items():
        if matches(np.append(w, b), np.append(*simulate(step, X, y, w0, b0, alpha, num_iters))):
            return mistake(advice)
    for count, advice in ((num_iters + 1, "one update too many"),
                          (num_iters - 1, "one update too few")):
        other_w, other_b, _ = logistic.gradient_descent(X, y, w0, b0, alpha, count)
        if matches(np.append(w, b), np.append(other_w, other_b)):
            return mistake(f"{advice}: w and b are where {count} updates take them. Make "
                           "exactly num_iters updates: `for _ in range(num_iters):`.")
    if matches(np.append(w, b), np.append(w0, b0)):
        return mistake("the w and b you return are the ones you started from: return the "
                       "updated parameters, the values the loop ends with.")
    return wrong(f"{where} ends at w = {np.round(w, 6).tolist()}, b = {b:.6g}; after "
                 f"{num_iters} updates gradient descent is at w = "
                 f"{np.round(expected_w, 6).tolist()}, b = {expected_b:.6g} (here X = "
                 f"{X.tolist()}, y = {y.tolist()}).")


def diagnose_gradient_descent(gradient_descent):
    """Check gradient_descent(X, y, w, b, alpha, num_iters) -> (w, b, costs)."""
    X, y, w0, b0, alpha, num_iters = SMALL_RUN
    where = show_run(*SMALL_RUN)
    w, b, costs = run_result(call(gradient_descent, *SMALL_RUN), where, X.shape[1])
    expected_w, expected_b, history = logistic.gradient_descent(*SMALL_RUN)
    if not (matches(w, expected_w) and matches(b, expected_b)):
        return parameter_verdict(w, b, SMALL_RUN, expected_w, expected_b, where)
    verdict = cost_verdict(costs, history.cost, where)
    if verdict is not None:
        return verdict

    case = lab_case()
    where = "on the six points, " + show_run(*case)
    result = call(gradient_descent, *case, time_limit=LAB_TIME_FACTOR * engine.TIME_LIMIT)
    w, b, costs = run_result(result, where, 2)
    expected_w, expected_b, expected_costs = lab_reference()
    if not (matches(w, expected_w) and matches(b, expected_b)):
        return wrong(f"{where} ends at w = {np.round(w, 6).tolist()}, b = {b:.6g}; the lab's "
                     f"run ends at w = {np.round(expected_w, 6).tolist()}, b = "
                     f"{expected_b:.6g}. The small case was right: does your loop stop "
                     "early, or depend on the number of updates in another way?")
    verdict = cost_verdict(costs, expected_costs, where)
    if verdict is not None:
        return verdict
    updates = f"{LAB_ITERATIONS:,}".replace(",", " ")      # 10 000, as the notebook writes it
    return passed(f"On a small case and on the six points your loop agrees with the course's "
                  f"at every update. The lab's run ends after {updates} updates at "
                  f"w = [{w[0]:.3f}, {w[1]:.3f}], b = {b:.3f}, J = {costs[-1]:.4g}.")


def solution_gradient_descent(X, y, w, b, alpha, num_iters):
    """Make num_iters updates from (w, b); return w, b and the costs, costs[k] after k updates."""
    w = np.array(w, dtype=float)          # a copy: the caller's w stays as it was
    costs = [cost(X, y, w, b)]            # costs[0]: before any update
    for _ in range(num_iters):
        dj_dw, dj_db = gradient(X, y, w, b)     # both gradients at the same (w, b)
        w = w - alpha * dj_dw
        b = b - alpha * dj_db
        costs.append(cost(X, y, w, b))    # costs[k]: after k updates
    return w, b, np.array(costs)


# ---------------------------------------------------------------------------
# predict: labels from probabilities
# ---------------------------------------------------------------------------

# (X, w, b, threshold): the lab's result on the six points; a case with a point exactly
# on the boundary (z = 0, so f = 0.5 exactly in any formula) and one at z = 0.25; a
# threshold of 0.8, with points at z = 1 and 1.2 (f = 0.73 and 0.77, below it).
PREDICT_CASES = (
    (np.array([[0.5, 1.5], [1.0, 1.0], [1.5, 0.5], [3.0, 0.5], [2.0, 2.0], [1.0, 2.5]]),
     np.array([5.28, 5.08]), -14.22, 0.5),
    (np.array([[1.0, 1.0], [1.25, 1.0], [1.0, 1.25], [4.0, 1.0], [0.0, 2.0]]),
     np.array([1.0, -1.0]), 0.0, 0.5),
    (np.array([[2.0, 0.0], [2.0, 2.0], [0.0, 1.0], [2.0, 0.4], [1.0, 0.0]]),
     np.array([1.0, 0.5]), -1.0, 0.8),
)

KNOWN_LABELS = {
    "you return the probabilities f themselves: predict must say 0 or 1. Compare f with "
    "the threshold: `(f >= threshold).astype(int)`.":
        lambda f, z, t: f,
    "a point exactly at the threshold gets 0: you compare with `>`. The rule is f ≥ "
    "threshold (a point on the boundary, f = 0.5, is labelled 1): use `>=`.":
        lambda f, z, t: (f > t).astype(int),
    "you compare z = w·x + b with the threshold, but the threshold is for the probability "
    "f = σ(z). Compute f first, then `f >= threshold`.":
        lambda f, z, t: (z >= t).astype(int),
    "the threshold is ignored: the labels are those of threshold 0.5. Compare f with the "
    "`threshold` argument.":
        lambda f, z, t: (f >= 0.5).astype(int),
    "the labels are the wrong way round: 1 should go where f ≥ threshold (likely class 1), "
    "0 where f < threshold.":
        lambda f, z, t: (f < t).astype(int),
}


def show_predict(X, w, b, threshold):
    """How one predict case appears in messages."""
    return f"predict(X={X.tolist()}, w={w.tolist()}, b={b:g}, threshold={threshold:g})"


def diagnose_predict(predict):
    """Check predict(X, w, b, threshold): 1 where σ(w·x + b) ≥ threshold, else 0."""
    results, kinds = [], []
    for X, w, b, threshold in PREDICT_CASES:
        where = show_predict(X, w, b, threshold)
        value = returned(call(predict, X, w, b, threshold), where)
        if isinstance(value, np.ndarray) and value.dtype.kind == "b":
            return mistake(f"{where} returned True/False values (an array of dtype bool); the "
                           "labels are the integers 0 and 1. Turn the comparison into "
                           "integers: `(f >= threshold).astype(int)`.")
        results.append(engine.array(value, where, shape=(X.shape[0],)))
        kinds.append(value.dtype.kind)
    parts = [(predict_proba(X, w, b), X @ w + b, threshold)
             for X, w, b, threshold in PREDICT_CASES]
    right = [logistic.predict(X, w, b, threshold) for X, w, b, threshold in PREDICT_CASES]
    if all(matches(got, labels) for got, labels in zip(results, right)):
        if "f" in kinds:
            return mistake("the labels are right but they are floats (0.0 and 1.0); labels "
                           "are integers, like y: `.astype(int)`.")
        return passed(f"On {len(PREDICT_CASES)} cases, one with a point exactly at the "
                      "threshold and one with threshold 0.8, every label is right.")
    for advice, rule in KNOWN_LABELS.items():
        if all(matches(got, rule(*part)) for got, part in zip(results, parts)):
            return mistake(advice)
    for got, labels, case in zip(results, right, PREDICT_CASES):
        if not matches(got, labels):
            shown = got.astype(int) if np.array_equal(got, np.round(got)) else got
            return wrong(f"{show_predict(*case)} returned {shown.tolist()}; the labels are "
                         f"{labels.tolist()} (the probabilities are "
                         f"{np.round(predict_proba(*case[:3]), 4).tolist()}).")
    raise AssertionError("no case failed, yet the answers were not all right")


def solution_predict(X, w, b, threshold=0.5):
    """Return the label of every row of X: 1 where f = σ(w·x + b) ≥ threshold, else 0."""
    f = predict_proba(X, w, b)
    return (f >= threshold).astype(int)


# ---------------------------------------------------------------------------
# boundary_x2: the line w·x + b = 0
# ---------------------------------------------------------------------------

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
        results.append(engine.array(returned(call(boundary_x2, x1, w, b), where), where,
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


# ---------------------------------------------------------------------------
# The exercises, in the notebook's order
# ---------------------------------------------------------------------------

gradient_descent = Exercise(
    NOTEBOOK, "gradient_descent", diagnose_gradient_descent,
    hints=[
        "Start the history with the cost at the start, `costs = [cost(X, y, w, b)]`. Then, "
        "`num_iters` times: compute **both** gradients at the current (w, b), update w and "
        "b with them, and append the new cost. Build new arrays (`w = w - ...`), so the "
        "caller's `w` stays as it was.",
        "```python\nw = np.array(w, dtype=float)\ncosts = [cost(X, y, w, b)]\n"
        "for _ in range(num_iters):\n    dj_dw, dj_db = gradient(X, y, w, b)\n"
        "    w = ...   # one step down each gradient, scaled by alpha\n    b = ...\n"
        "    costs.append(...)\nreturn w, b, np.array(costs)\n```",
    ],
    solution=solution_gradient_descent,
)

predict = Exercise(
    NOTEBOOK, "predict", diagnose_predict,
    hints=[
        "Two steps: the probabilities f = σ(w·x + b) of every row (`predict_proba(X, w, b)` "
        "gives them), then 1 where f ≥ threshold and 0 elsewhere.",
        "`f >= threshold` gives an array of True/False, with True exactly where the label "
        "is 1, also for a point exactly at the threshold; `.astype(int)` turns it into "
        "1 and 0.",
    ],
    solution=solution_predict,
)

boundary_x2 = Exercise(
    NOTEBOOK, "boundary_x2", diagnose_boundary,
    hints=[
        "On the boundary, w1·x1 + w2·x2 + b = 0. Solve this one equation for x2, as on paper.",
        "Move w1·x1 + b to the other side, then divide by w2: x2 = −(w1·x1 + b) / w2. In "
        "code w1 is `w[0]` and w2 is `w[1]`; x1 is an array, so the result is one too.",
    ],
    solution=solution_boundary_x2,
)
