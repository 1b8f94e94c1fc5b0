"""Notebook 05's exercise: my_alpha, a learning rate. The answer is a number."""

import numpy as np
import pytest
from learner import assert_verdict

from helpers import data, logistic
from helpers.checks import engine
from helpers.checks import nb05_cost_surface as exercises

EXERCISE = exercises.learning_rate


def run(alpha):
    """The tumour run, computed here without the checker's helper."""
    X, y = data.load("tumour")
    return logistic.gradient_descent(X, y, np.zeros(1), 0.0, alpha, 300)[2]


def test_the_solution_and_its_note_are_true():
    """The note: α = 1 ends at 0.06094; a little above 1.3 the first update raises the cost;
    rates from 1.173 to 1.304 work; α = 1.2 ends at 0.05418. (Hint 2: α = 1 ends at 0.061.)"""
    assert EXERCISE.diagnose(EXERCISE.answer).status == engine.PASSED
    assert f"{run(1.0).cost[-1]:.4g}" == "0.06094"
    assert f"{run(1.0).cost[-1]:.2g}" == "0.061"
    assert f"{run(1.2).cost[-1]:.4g}" == "0.05418"
    assert "too small" in EXERCISE.diagnose(1.172).message
    for alpha in (1.173, 1.2, 1.3, 1.304):
        assert EXERCISE.diagnose(alpha).status == engine.PASSED, alpha
    assert "first at update 1 " in EXERCISE.diagnose(1.305).message
    first = run(1.31).cost
    assert first[1] > first[0]


def test_the_second_hint_does_not_give_the_answer_away():
    """Hint 2 narrows the search; it names no rate that passes."""
    import re
    for number in re.findall(r"\d+\.\d+", EXERCISE.hints[1]):
        assert EXERCISE.diagnose(float(number)).status != engine.PASSED, number


def test_the_rates_that_work_are_one_interval_around_the_solution():
    """Too small below the interval, too large above it, whatever the rate."""
    rates = np.round(np.arange(0.05, 3.0, 0.05), 2)
    verdicts = [EXERCISE.diagnose(float(alpha)) for alpha in rates]
    works = [v.status == engine.PASSED for v in verdicts]
    first, last = works.index(True), len(works) - 1 - works[::-1].index(True)
    assert all(works[first:last + 1]) and rates[first] <= EXERCISE.answer <= rates[last]
    assert all("too small" in v.message for v in verdicts[:first])
    assert all("too large" in v.message for v in verdicts[last + 1:])


def test_large_rates_meet_the_cost_target_yet_are_too_large_for_the_goal():
    """The goal asks for a cost that falls at every update: α = 10 and 20 reach a lower
    cost than any rate that passes, and the verdict says so instead of calling them
    divergent."""
    for alpha in (10.0, 20.0):
        history = run(alpha)
        assert history.status == "finished" and history.cost[-1] < exercises.TARGET_COST
        verdict = EXERCISE.diagnose(alpha)
        assert verdict.status == engine.MISTAKE
        assert "the run recovers and ends at" in verdict.message
        assert "diverge" not in verdict.message


@pytest.mark.parametrize("alpha, status, phrase", [
    (None, engine.NOT_ATTEMPTED, "Replace None"),
    (1.2, engine.PASSED, "falls at every one of the 300 updates and ends at 0.05418"),
    (np.float32(1.2), engine.PASSED, "falls at every one"),
    (0.5, engine.MISTAKE, "too small: the cost falls at every update, but after 300 "
                          "iterations it is"),
    (1, engine.MISTAKE, "too small"),
    (3.0, engine.MISTAKE, "too large for this goal: the cost rose at 8 of the 300 updates, "
                          "first at update 1 (from 0.6931 to 1.259)"),
    (10.0, engine.MISTAKE, "ends at 0.007321"),
    (1e300, engine.MISTAKE, "too large"),
    (1.7e308, engine.MISTAKE, "far too large: gradient descent overflowed"),
    (-1.0, engine.MISTAKE, "positive"),
    (0, engine.MISTAKE, "positive"),
    (float("inf"), engine.MISTAKE, "positive"),
    (float("nan"), engine.MISTAKE, "positive"),
    ("fast", engine.MISTAKE, "text"),
    ("1.2", engine.MISTAKE, "drop the quotes"),
    (True, engine.MISTAKE, "True/False"),
    (1.2 + 0j, engine.MISTAKE, "complex"),
    ([1.2], engine.MISTAKE, "a list"),
    (np.array([1.2]), engine.MISTAKE, "where one number is asked for"),
])
def test_learning_rate_verdicts(alpha, status, phrase):
    assert_verdict(EXERCISE, alpha, status, phrase)


def test_too_small_quotes_the_final_cost():
    assert_verdict(EXERCISE, 0.5, engine.MISTAKE, f"it is {run(0.5).cost[-1]:.5f}, still above")


class FakeHistory:
    """A run whose cost rose and ends above its start (no recovery)."""

    def __init__(self):
        self.cost = np.array([0.69, 1.3, 0.8, 1.1])


def test_a_rise_without_recovery_says_nothing_about_recovering(monkeypatch):
    monkeypatch.setattr(exercises, "tumour_run", lambda alpha: FakeHistory())
    verdict = EXERCISE.diagnose(2.0)
    assert verdict.status == engine.MISTAKE
    assert "from 0.69 to 1.3" in verdict.message and "recovers" not in verdict.message
