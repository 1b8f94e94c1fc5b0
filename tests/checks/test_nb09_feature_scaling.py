"""Notebook 09's exercise: standardise(X_train, X_test). The solution and a catalogue."""

import numpy as np
from learner import (assert_hints_hide_the_solution, assert_named_mistakes,
                     assert_never_passes, assert_standard_outcomes)

from helpers.checks import engine
from helpers.checks import nb09_feature_scaling as exercises
from helpers.features import Standardizer

EXERCISE = exercises.standardise


def test_solution_agrees_with_the_standardizer():
    rng = np.random.default_rng(4)
    X_train, X_test = rng.normal(3, 2, size=(30, 4)), rng.normal(1, 5, size=(10, 4))
    train_s, test_s = EXERCISE.answer(X_train, X_test)
    scaler = Standardizer().fit(X_train)
    np.testing.assert_allclose(train_s, scaler.transform(X_train))
    np.testing.assert_allclose(test_s, scaler.transform(X_test))


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    scaled = lambda a, b: (Standardizer().fit(a).transform(a), Standardizer().fit(a).transform(b))  # noqa: E731
    assert EXERCISE.diagnose(scaled).status == engine.PASSED
    assert EXERCISE.diagnose(lambda a, b: list(EXERCISE.answer(a, b))).status == engine.PASSED


def pooled(a, b):
    both = np.vstack([a, b])
    return (a - both.mean(0)) / both.std(0), (b - both.mean(0)) / both.std(0)


def in_place(X_train, X_test):
    mean, std = X_train.mean(0), X_train.std(0)
    X_train -= mean
    X_train /= std
    return X_train, (X_test - mean) / std


NAMED = {
    "training and test data together": [pooled],
    "its own mean": [lambda a, b: ((a - a.mean(0)) / a.std(0), (b - b.mean(0)) / b.std(0))],
    "use axis=0": [lambda a, b: ((a - a.mean()) / a.std(), (b - a.mean()) / a.std())],
    "axis=1": [lambda a, b: ((a - a.mean(1, keepdims=True)) / a.std(1, keepdims=True), b)],
    "not centred": [lambda a, b: (a / a.std(0), b / a.std(0))],
    "centred but not divided": [lambda a, b: (a - a.mean(0), b - a.mean(0))],
    "variance": [lambda a, b: ((a - a.mean(0)) / a.var(0), b)],
    "ddof": [lambda a, b: ((a - a.mean(0)) / a.std(0, ddof=1), b)],
    "wrong order": [lambda a, b: EXERCISE.answer(a, b)[::-1]],
    "changed its argument `X_train` in place": [in_place],
    "expected a pair": [lambda a, b: a],
    "returned, as X_train scaled, an array of shape (2, 2)": [lambda a, b: (a[:2], b)],
}

NEVER_PASS = [
    lambda a, b: (a, b),
    lambda a, b: (EXERCISE.answer(a, b)[0], b),
    lambda a, b: (EXERCISE.answer(a, b)[0], (b - b.mean(0)) / a.std(0)),
    lambda a, b: tuple(np.round(v, 2) for v in EXERCISE.answer(a, b)),
    lambda a, b: ((a - np.median(a, 0)) / a.std(0), (b - np.median(a, 0)) / a.std(0)),
    lambda a, b: ((a - a.min(0)) / (a.max(0) - a.min(0)), (b - a.min(0)) / (a.max(0) - a.min(0))),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_scaling_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_no_hint_or_verdict_shows_the_solution_code():
    assert_hints_hide_the_solution(EXERCISE, [EXERCISE.diagnose(function).message
                                    for functions in NAMED.values() for function in functions])
