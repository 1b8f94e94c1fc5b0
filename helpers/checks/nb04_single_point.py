"""Notebook 04, debugging a single point: ``update(w, b, x, y, alpha)``, one descent step.

A fix is confirmed by finite differences: on every case the step must equal −α times the
slope of the loss measured numerically, for w and for b. No formula is taken on trust.
"""

from helpers import gradcheck
from helpers.checks.engine import (Exercise, call, matches, mistake, number, pair, passed,
                                   returned, wrong)
from helpers.logistic import sigmoid
from helpers.single_point import point_loss

NOTEBOOK = "04_single_point"

# (w, b, x, y, alpha) cases: x is never 1, so a missing x shows; both labels; several rates.
UPDATE_CASES = ((1.0, 1.0, 2.0, 1, 0.5), (0.3, -0.7, -1.5, 0, 1.0),
                (-2.0, 0.5, 3.0, 1, 0.1), (0.8, 0.2, 0.5, 0, 2.0))
ROUNDING_LIMIT = 7  # rounding to this many decimals or more passes the check


def measured_step(w, b, x, y, alpha):
    """(w, b) after one step down the loss's slope, the slope measured by finite differences."""
    slope_w, slope_b = gradcheck.partials(lambda v: point_loss(v[0], v[1], x, y), [w, b],
                                          h=1e-6)
    return w - alpha * slope_w, b - alpha * slope_b


def known_updates(w, b, x, y, alpha):
    """What each known wrong update returns on one case, by message."""
    z = w * x + b
    f = float(sigmoid(z))
    good_w, good_b = w - alpha * x * (f - y), b - alpha * (f - y)
    f_swapped = float(sigmoid(b * x + w))
    return {
        "you add the gradient instead of subtracting it, so each step climbs the loss "
        "(gradient ascent): the loss will rise every epoch. Gradient descent moves against "
        "the slope, for w and for b.": (w + alpha * x * (f - y), b + alpha * (f - y)),
        "w's update adds α·x·(f − y); subtract it (b's update is right).":
            (w + alpha * x * (f - y), good_b),
        "b's update adds α·(f − y); subtract it (w's update is right).":
            (good_w, b + alpha * (f - y)),
        "w's update is missing the factor x: ∂loss/∂w = x·(f − y). (With x = 1 you would "
        "not notice, which is why other x are tried.)":
            (w - alpha * (f - y), good_b),
        "b's update has a factor x it should not have: ∂loss/∂b = (f − y).":
            (good_w, b - alpha * x * (f - y)),
        "the step is not scaled by the learning rate: multiply it by alpha.":
            (w - x * (f - y), b - (f - y)),
        "you use z = w·x + b as the prediction; the prediction is f = σ(z) "
        "(use sigmoid).": (w - alpha * x * (z - y), b - alpha * (z - y)),
        "the prediction uses b·x + w: w is the weight that multiplies x, b the bias, so "
        "f = σ(w·x + b).": (w - alpha * x * (f_swapped - y), b - alpha * (f_swapped - y)),
        "you return the step itself instead of the new values: add it to the old w and b.":
            (-alpha * x * (f - y), -alpha * (f - y)),
        "the values come back in the wrong order: return (new w, new b).": (good_b, good_w),
    }


def rounded_to(results, cases):
    """The number of decimals the results were rounded to, if rounding explains them, else None.

    Rounding to 7 or more decimals is within the check's tolerance, so only 0 to 6 count.
    """
    for decimals in range(ROUNDING_LIMIT):
        if all(matches(got, [round(v, decimals) for v in solution_update(*case)],
                       rtol=0, atol=1e-12)
               for got, case in zip(results, cases)):
            return decimals
    return None


def diagnose_update(update):
    """Check update(w, b, x, y, alpha) -> (new w, new b), one gradient-descent step on one point."""
    results = []
    for case in UPDATE_CASES:
        where = f"update{case}"
        new_w, new_b = pair(returned(call(update, *case), where), where)
        results.append((number(new_w, where, part="the new w"),
                        number(new_b, where, part="the new b")))
    expected = [measured_step(*case) for case in UPDATE_CASES]
    if all(matches(got, want, rtol=1e-6, atol=1e-7) for got, want in zip(results, expected)):
        return passed(f"Finite-difference check: on {len(UPDATE_CASES)} cases the step equals "
                      "−α × the measured slope of the loss, for w and for b.")
    for advice in known_updates(*UPDATE_CASES[0]):
        if all(matches(got, known_updates(*case)[advice])
               for got, case in zip(results, UPDATE_CASES)):
            return mistake(advice)
    decimals = rounded_to(results, UPDATE_CASES)
    if decimals is not None:
        return mistake(f"you round the new w and b (to {decimals} decimals). The exercise asks "
                       "for the step itself, unrounded; the run of section 3 rounds afterwards, "
                       "outside update.")
    for got, want, case in zip(results, expected, UPDATE_CASES):
        if not matches(got, want, rtol=1e-6, atol=1e-7):
            return wrong(f"update{case} returned ({got[0]:.10g}, {got[1]:.10g}); the "
                         f"finite-difference check expects ({want[0]:.10g}, {want[1]:.10g}), "
                         "agreement to about 6 significant digits.")
    raise AssertionError("no case failed, yet the answers were not all right")


def solution_update(w, b, x, y, alpha):
    """One gradient-descent step on the example (x, y); return the new (w, b)."""
    f = sigmoid(w * x + b)
    w = w - alpha * x * (f - y)
    b = b - alpha * (f - y)
    return w, b


update = Exercise(
    NOTEBOOK, "update", diagnose_update,
    hints=[
        "Gradient descent moves *against* the slope of the loss: new value = old value − "
        "α × slope. Which sign does the function above use?",
        "The slopes are ∂loss/∂w = x·(f − y) and ∂loss/∂b = (f − y), with f = σ(w·x + b). "
        "Each new value is the old one minus α times its own slope, and both slopes use the "
        "f computed before either value changes.",
    ],
    solution=solution_update,
)
