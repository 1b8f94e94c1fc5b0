"""Notebook 04, debugging a single point: ``update(a, b, x, y, lr)``, one descent step.

A fix is confirmed by finite differences: on every case the step must equal −lr times the
slope of the loss measured numerically, for a and for b. No formula is taken on trust.
"""

from helpers import gradcheck
from helpers.checks.engine import (Exercise, call, matches, mistake, number, pair, passed,
                                   returned, wrong)
from helpers.logistic import sigmoid
from helpers.single_point import point_loss

NOTEBOOK = "04_single_point"

# (a, b, x, y, lr) cases: x is never 1, so a missing x shows; both labels; several rates.
UPDATE_CASES = ((1.0, 1.0, 2.0, 1, 0.5), (0.3, -0.7, -1.5, 0, 1.0),
                (-2.0, 0.5, 3.0, 1, 0.1), (0.8, 0.2, 0.5, 0, 2.0))


def measured_step(a, b, x, y, lr):
    """(a, b) after one step down the loss's slope, the slope measured by finite differences."""
    slope_a, slope_b = gradcheck.partials(lambda v: point_loss(v[0], v[1], x, y), [a, b],
                                          h=1e-6)
    return a - lr * slope_a, b - lr * slope_b


def known_updates(a, b, x, y, lr):
    """What each known wrong update returns on one case, by message."""
    z = float(sigmoid(a * x + b))
    s = a * x + b
    good_a, good_b = a - lr * x * (z - y), b - lr * (z - y)
    z_swapped = float(sigmoid(b * x + a))
    return {
        "you add the gradient instead of subtracting it, so each step climbs the loss "
        "(gradient ascent): the loss will rise every epoch. Use a − lr·x·(z − y) and "
        "b − lr·(z − y).": (a + lr * x * (z - y), b + lr * (z - y)),
        "a's update adds lr·x·(z − y); subtract it (b's update is right).":
            (a + lr * x * (z - y), good_b),
        "b's update adds lr·(z − y); subtract it (a's update is right).":
            (good_a, b + lr * (z - y)),
        "a's update is missing the factor x: ∂loss/∂a = x·(z − y), so use a − lr·x·(z − y). "
        "(With x = 1 you would not notice, which is why other x are tried.)":
            (a - lr * (z - y), good_b),
        "b's update has a factor x it should not have: ∂loss/∂b = (z − y).":
            (good_a, b - lr * x * (z - y)),
        "the step is not scaled by the learning rate: multiply it by lr.":
            (a - x * (z - y), b - (z - y)),
        "you use the score a·x + b as the prediction; the prediction is z = σ(a·x + b) "
        "(use sigmoid).": (a - lr * x * (s - y), b - lr * (s - y)),
        "the prediction uses b·x + a: a is the weight that multiplies x, b the bias, so "
        "z = σ(a·x + b).": (a - lr * x * (z_swapped - y), b - lr * (z_swapped - y)),
        "you return the step (−lr·x·(z − y), −lr·(z − y)) instead of the new values: add it "
        "to a and b.": (-lr * x * (z - y), -lr * (z - y)),
        "the values come back in the wrong order: return (new a, new b).": (good_b, good_a),
        "you round the new a and b. The exercise asks for the step itself; the run of "
        "section 3 rounds afterwards, outside update.": (round(good_a, 3), round(good_b, 3)),
    }


def diagnose_update(update):
    """Check update(a, b, x, y, lr) -> (new a, new b), one gradient-descent step on one point."""
    results = []
    for case in UPDATE_CASES:
        where = f"update{case}"
        new_a, new_b = pair(returned(call(update, *case), where), where)
        results.append((number(new_a, where, part="the new a"),
                        number(new_b, where, part="the new b")))
    expected = [measured_step(*case) for case in UPDATE_CASES]
    if all(matches(got, want, rtol=1e-6, atol=1e-7) for got, want in zip(results, expected)):
        return passed(f"Finite-difference check: on {len(UPDATE_CASES)} cases the step equals "
                      "−lr × the measured slope of the loss, for a and for b.")
    for advice in known_updates(*UPDATE_CASES[0]):
        if all(matches(got, known_updates(*case)[advice])
               for got, case in zip(results, UPDATE_CASES)):
            return mistake(advice)
    for got, want, case in zip(results, expected, UPDATE_CASES):
        if not matches(got, want, rtol=1e-6, atol=1e-7):
            return wrong(f"update{case} returned ({got[0]:.6f}, {got[1]:.6f}); the "
                         f"finite-difference check expects ({want[0]:.6f}, {want[1]:.6f}).")
    raise AssertionError("no case failed, yet the answers were not all right")


def solution_update(a, b, x, y, lr):
    """One gradient-descent step on the example (x, y); return the new (a, b)."""
    z = sigmoid(a * x + b)
    a = a - lr * x * (z - y)
    b = b - lr * (z - y)
    return a, b


update = Exercise(
    NOTEBOOK, "update", diagnose_update,
    hints=[
        "Gradient descent moves *against* the slope of the loss: new value = old value − "
        "lr × slope. Which sign does the code in the thread use?",
        "The slopes are ∂loss/∂a = x·(z − y) and ∂loss/∂b = (z − y), with z = σ(a·x + b). "
        "So `a - lr * x * (z - y)` and `b - lr * (z - y)`, both computed from the same z, "
        "returned as `a, b`.",
    ],
    solution=solution_update,
)
