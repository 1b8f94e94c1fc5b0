"""Notebook 13's exercise: precision_recall(counts). The solution and a mistake catalogue."""

import numpy as np
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes
from sklearn.metrics import precision_score, recall_score

from helpers import metrics
from helpers.checks import engine
from helpers.checks import nb13_breast_cancer as exercises

EXERCISE = exercises.precision_recall
solution = EXERCISE.answer


def test_solution_agrees_with_sklearn():
    rng = np.random.default_rng(13)
    y_true, y_pred = rng.integers(0, 2, size=200), rng.integers(0, 2, size=200)
    precision, recall = solution(metrics.confusion_counts(y_true, y_pred))
    assert np.isclose(precision, precision_score(y_true, y_pred))
    assert np.isclose(recall, recall_score(y_true, y_pred))


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    for answer in (lambda c: [c[1, 1] / c[:, 1].sum(), c[1, 1] / c[1].sum()],
                   lambda c: np.array(solution(c))):
        assert EXERCISE.diagnose(answer).status == engine.PASSED


NAMED = {
    "swapped": [lambda c: solution(c)[::-1], lambda c: solution(c.T)],
    "benign class": [lambda c: (c[0, 0] / c[:, 0].sum(), c[0, 0] / c[0].sum())],
    "percentages": [lambda c: tuple(100 * v for v in solution(c))],
    "integer division": [lambda c: (c[1, 1] // c[:, 1].sum(), c[1, 1] // c[1].sum())],
    "shares of errors": [lambda c: tuple(1 - v for v in solution(c))],
    "that is the accuracy": [lambda c: (np.trace(c) / c.sum(), solution(c)[1])],
    "all the examples": [lambda c: (c[1, 1] / c.sum(), c[1, 1] / c.sum())],
    "expected a pair": [lambda c: 0.5],
    "returned, as precision, text": [lambda c: (f"{solution(c)[0]:.2f}", solution(c)[1])],
}

NEVER_PASS = [
    lambda c: (0.5, 0.5),
    lambda c: (solution(c)[0], solution(c)[0]),
    lambda c: (solution(c)[0], c[1, 1] / (c[1, 1] + c[0, 1])),
    lambda c: tuple(round(v, 2) for v in solution(c)),
    lambda c: (c[1, 1] / (c[1, 1] + c[0, 1] + c[1, 0]), solution(c)[1]),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_ratio_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
