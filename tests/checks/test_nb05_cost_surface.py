"""Notebook 05's exercise: my_alpha, a learning rate. The answer is a number."""

import numpy as np
import pytest
from learner import assert_verdict

from helpers.checks import engine
from helpers.checks import nb05_cost_surface as exercises

EXERCISE = exercises.learning_rate


def test_the_solution_and_its_note_are_true():
    """The note: α = 1 reaches about 0.078; about 2.1 is the smallest rate that works; α = 3
    gets below 0.05 after 130 iterations."""
    assert EXERCISE.diagnose(EXERCISE.answer).status == engine.PASSED
    assert exercises.tumour_run(1.0).cost[-1] == pytest.approx(0.078, abs=5e-4)
    assert EXERCISE.diagnose(2.0).status == engine.MISTAKE
    assert EXERCISE.diagnose(2.1).status == engine.PASSED
    run = exercises.tumour_run(3.0)
    assert int(np.argmax(run.cost < exercises.TARGET_COST)) == 130


def test_the_rates_that_work_are_one_interval_around_the_solution():
    """What lets the checker call a failing rate too small or too large by its side of 3."""
    rates = np.round(np.arange(0.1, 15.0, 0.1), 1)
    works = [EXERCISE.diagnose(float(alpha)).status == engine.PASSED for alpha in rates]
    first, last = works.index(True), len(works) - 1 - works[::-1].index(True)
    assert all(works[first:last + 1]) and rates[first] <= EXERCISE.answer <= rates[last]


@pytest.mark.parametrize("alpha, status, phrase", [
    (None, engine.NOT_ATTEMPTED, "Replace None"),
    (3, engine.PASSED, "falls below 0.05 after 130 iterations"),
    (np.float32(3.0), engine.PASSED, "falls below 0.05"),
    (0.5, engine.MISTAKE, "too small"),
    (2.0, engine.MISTAKE, "too small"),
    (-1.0, engine.MISTAKE, "positive"),
    (0, engine.MISTAKE, "positive"),
    (float("inf"), engine.MISTAKE, "positive"),
    (float("nan"), engine.MISTAKE, "positive"),
    ("fast", engine.MISTAKE, "text"),
    ("3.0", engine.MISTAKE, "drop the quotes"),
    (True, engine.MISTAKE, "True/False"),
    (3 + 0j, engine.MISTAKE, "complex"),
    ([3.0], engine.MISTAKE, "a list"),
    (np.array([3.0]), engine.MISTAKE, "where one number is asked for"),
])
def test_learning_rate_verdicts(alpha, status, phrase):
    assert_verdict(EXERCISE, alpha, status, phrase)


class FakeHistory:
    """A run that ends above the target: overshooting, or stopped as diverged."""

    def __init__(self, diverged):
        self.cost = np.array([0.69, 1.3, 0.8, 1.1])
        self.diverged = diverged
        self.message = "the cost rose from 0.69 to 1.3 at the first update"


@pytest.mark.parametrize("diverged, phrase", [
    (False, "too large: the steps overshoot"),
    (True, "too large: the cost rose from 0.69 to 1.3"),
])
def test_a_failing_rate_above_the_solution_is_too_large_and_below_it_too_small(
        monkeypatch, diverged, phrase):
    monkeypatch.setattr(exercises, "tumour_run", lambda alpha: FakeHistory(diverged))
    assert_verdict(EXERCISE, 8.0, engine.MISTAKE, phrase)
    assert_verdict(EXERCISE, 2.0, engine.MISTAKE, "too small")
