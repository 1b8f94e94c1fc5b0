"""Notebook 04's exercise: fix update(w, b, x, y, alpha). The solution and a mistake catalogue."""

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes

from helpers import single_point as sp
from helpers.checks import engine
from helpers.checks import nb04_single_point as exercises

EXERCISE = exercises.update


def sigmoid_scalar(s):
    return 1 / (1 + np.exp(-s))


def make(w_rule, b_rule):
    """An update from two rules, each given (w, b, x, y, alpha, f)."""
    def update(w, b, x, y, alpha):
        f = sigmoid_scalar(w * x + b)
        return w_rule(w, b, x, y, alpha, f), b_rule(w, b, x, y, alpha, f)
    return update


GOOD_W = lambda w, b, x, y, alpha, f: w - alpha * x * (f - y)  # noqa: E731
GOOD_B = lambda w, b, x, y, alpha, f: b - alpha * (f - y)  # noqa: E731
PLUS_W = lambda w, b, x, y, alpha, f: w + alpha * x * (f - y)  # noqa: E731
PLUS_B = lambda w, b, x, y, alpha, f: b + alpha * (f - y)  # noqa: E731


def test_solution_agrees_with_the_single_point_run():
    for case in exercises.UPDATE_CASES:
        assert EXERCISE.answer(*case) == pytest.approx(sp.single_point_step(*case), rel=1e-14)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(make(GOOD_W, GOOD_B)).status == engine.PASSED
    assert EXERCISE.diagnose(sp.single_point_step).status == engine.PASSED
    assert EXERCISE.diagnose(lambda *case: np.array(sp.single_point_step(*case))).status == \
        engine.PASSED


def test_the_buggy_code_in_the_notebook_is_the_flipped_sign():
    verdict = EXERCISE.diagnose(make(PLUS_W, PLUS_B))
    assert verdict.message.startswith("you add the gradient instead of subtracting")


def roles_swapped_in_z(w, b, x, y, alpha):
    f = sigmoid_scalar(b * x + w)
    return w - alpha * x * (f - y), b - alpha * (f - y)


def step(w, b, x, y, alpha):
    return sp.single_point_step(w, b, x, y, alpha)


NAMED = {
    "add the gradient instead of subtracting": [make(PLUS_W, PLUS_B)],
    "w's update adds": [make(PLUS_W, GOOD_B)],
    "b's update adds": [make(GOOD_W, PLUS_B)],
    "missing the factor x": [make(lambda w, b, x, y, alpha, f: w - alpha * (f - y), GOOD_B)],
    "factor x it should not have": [
        make(GOOD_W, lambda w, b, x, y, alpha, f: b - alpha * x * (f - y))],
    "not scaled by the learning rate": [make(lambda w, b, x, y, alpha, f: w - x * (f - y),
                                             lambda w, b, x, y, alpha, f: b - (f - y))],
    "you use z = w·x + b as the prediction": [
        lambda w, b, x, y, alpha: (w - alpha * x * (w * x + b - y), b - alpha * (w * x + b - y))],
    "the prediction uses b·x + w": [roles_swapped_in_z],
    "return the step": [make(lambda w, b, x, y, alpha, f: -alpha * x * (f - y),
                             lambda w, b, x, y, alpha, f: -alpha * (f - y))],
    "wrong order": [lambda *case: step(*case)[::-1]],
    "you round the new w and b (to 3 decimals)": [
        lambda *case: tuple(round(v, 3) for v in step(*case))],
    "you round the new w and b (to 0 decimals)": [
        lambda *case: tuple(round(v) for v in step(*case))],
    "you round the new w and b (to 4 decimals)": [
        lambda *case: tuple(np.round(step(*case), 4))],
    "you round the new w and b (to 6 decimals)": [
        lambda *case: tuple(float(f"{v:.6f}") for v in step(*case))],
    "returned 3 items": [lambda *case: (*step(*case), case[-1])],
    "returned, as the new w, text": [lambda w, b, x, y, alpha: (str(w), b)],
}

NEVER_PASS = [
    lambda w, b, x, y, alpha: (w, b),
    lambda w, b, x, y, alpha: w,
    make(lambda w, b, x, y, alpha, f: w - alpha * x * (f - y) ** 2, GOOD_B),
    make(lambda w, b, x, y, alpha, f: w - alpha * (f - y) / x, GOOD_B),
    make(GOOD_W, lambda w, b, x, y, alpha, f: b - alpha * (f - y) * f * (1 - f)),  # squared error
    lambda w, b, x, y, alpha: step(w, b, x, y, alpha / 2),
    lambda w, b, x, y, alpha: step(w, b, x, 1 - y, alpha),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_update_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_rounding_to_7_decimals_or_more_passes():
    """Within the check's tolerance: not a mistake to name."""
    for decimals in (7, 9, 12):
        rounded = lambda *case, d=decimals: tuple(round(v, d) for v in step(*case))  # noqa: E731
        assert EXERCISE.diagnose(rounded).status == engine.PASSED, decimals


def test_an_unnamed_wrong_answer_is_shown_with_enough_digits_to_see_the_difference():
    """Rounding to 6 significant digits is no named mistake; the numbers quoted must differ."""
    def six_figures(*case):
        return tuple(float(f"{v:.6g}") for v in step(*case))

    verdict = EXERCISE.diagnose(six_figures)
    assert verdict.status == engine.WRONG
    returned, expects = verdict.message.split("; the finite-difference check expects ")
    got = returned.split(" returned ")[1]
    assert got != expects.split(", agreement")[0]


def test_no_message_or_hint_spells_out_the_fixed_update():
    """Messages name the mistake and what to change; the answer lines are for .solution()."""
    answer_lines = ("w − α·x·(f − y)", "b − α·(f − y)", "alpha * x * (f - y)",
                    "alpha * (f - y)")
    texts = list(exercises.known_updates(*exercises.UPDATE_CASES[0])) + list(EXERCISE.hints)
    texts += [EXERCISE.diagnose(function).message
              for functions in NAMED.values() for function in functions]
    for text in texts:
        assert not any(line in text for line in answer_lines), text
