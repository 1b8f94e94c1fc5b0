"""Notebook 15's exercise: minibatch_descent(X, y, w, b, alpha, epochs, batch_size, seed).

The learner functions below are written the way a learner would write them, each with one
slip, independently of the checker's own replay of the slips (``slipped_run``).
"""

import numpy as np
import pytest
from learner import (assert_named_mistakes, assert_never_passes, assert_standard_outcomes,
                     assert_verdict)

from helpers import logistic
from helpers.checks import engine
from helpers.checks import nb15_minibatch as exercises

EXERCISE = exercises.minibatch_descent
solution = EXERCISE.answer


def test_the_solution_is_the_helper_on_the_course_data():
    X, y = exercises.problem(m=57, seed=3)
    for batch_size, epochs, seed in ((1, 2, 0), (8, 3, 5), (10, 1, 9), (57, 4, 2)):
        w, b = solution(X, y, np.array([0.5, -0.5]), 0.2, 0.4, epochs, batch_size, seed)
        w_ref, b_ref, _ = logistic.minibatch_gradient_descent(
            X, y, np.array([0.5, -0.5]), 0.2, 0.4, epochs, batch_size, seed=seed)
        np.testing.assert_allclose(w, w_ref, rtol=1e-12)
        assert b == pytest.approx(b_ref, rel=1e-12)


def test_the_replay_without_a_slip_is_the_helper_and_every_slip_changes_the_answer():
    for name, case in exercises.minibatch_cases().items():
        right = exercises.right_answer(*case)
        assert exercises.agrees(exercises.slipped_run(*case), right), name
    short = exercises.minibatch_cases()["short last batch"]
    right = exercises.right_answer(*short)
    runs = exercises.known_runs(short)
    assert len(runs) == 15
    for message, run in runs:
        assert not exercises.agrees(run, right), message
    for i, (_, run) in enumerate(runs):          # and no two slips give the same answer
        for message, other in runs[i + 1:]:
            assert not exercises.agrees(run, other), message


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)


# ---------------------------------------------------------------------------
# A catalogue of learner versions, each with one slip
# ---------------------------------------------------------------------------

def learner_loop(shuffle="every epoch", labels="same", last="kept", divide="rows", epochs_shift=0,
                 everything=False, ascend=False, move_b=True, in_place=False):
    """A learner's minibatch_descent with the slip the arguments name (none by default)."""

    def minibatch_descent(X, y, w, b, alpha, epochs, batch_size, seed):
        m = len(y)
        rng = np.random.default_rng(seed)
        fixed = rng.permutation(m)
        for epoch in range(epochs + epochs_shift):
            if shuffle == "every epoch":
                order = fixed if epoch == 0 else rng.permutation(m)
            elif shuffle == "once":
                order = fixed
            else:
                order = np.arange(m)
            X_order = X[order] if shuffle != "never" else X
            if labels == "own":
                y_order = y[rng.permutation(m)]
            else:
                y_order = y[order] if labels == "same" and shuffle != "never" else y
            starts = list(range(0, m, batch_size))
            if last == "dropped":
                starts = list(range(0, m - batch_size + 1, batch_size))
            for start in starts:
                stop = start + batch_size
                if last == "last B rows" and stop > m:
                    start, stop = m - batch_size, m
                X_batch, y_batch = X_order[start:stop], y_order[start:stop]
                if last == "filled" and len(y_batch) < batch_size:
                    extra = batch_size - len(y_batch)
                    X_batch = np.vstack([X_batch, X_order[:extra]])
                    y_batch = np.concatenate([y_batch, y_order[:extra]])
                repeats = 2 if last == "twice" and stop > m else 1
                for _ in range(repeats):
                    if everything:
                        X_batch, y_batch = X, y
                    error = logistic.sigmoid(X_batch @ w + b) - y_batch
                    size = {"rows": len(y_batch), "B": batch_size, "m": m}[divide]
                    step = alpha * (X_batch.T @ error) / size
                    if in_place:
                        w -= step
                    else:
                        w = w + step if ascend else w - step
                    if move_b:
                        b = b + alpha * error.sum() / size if ascend else \
                            b - alpha * error.sum() / size
        return w, b

    return minibatch_descent


def test_the_catalogue_without_a_slip_passes():
    """The catalogue's own loop is right when no slip is chosen: the slips below are real."""
    assert EXERCISE.diagnose(learner_loop()).status == engine.PASSED


NAMED = {
    "never shuffled": [learner_loop(shuffle="never")],
    "shuffles once": [learner_loop(shuffle="once")],
    "X is shuffled but y is not": [learner_loop(labels="unshuffled")],
    "two different permutations": [learner_loop(labels="own")],
    "last, shorter batch is left out": [learner_loop(last="dropped")],
    "takes the final B = 5 rows": [learner_loop(last="last B rows")],
    "topped up to B = 5 rows": [learner_loop(last="filled")],
    "makes two updates": [learner_loop(last="twice")],
    "divided by m = 23": [learner_loop(divide="m")],
    "divided by B = 5": [learner_loop(divide="B")],
    "made 2 passes": [learner_loop(epochs_shift=-1)],
    "made 4 passes": [learner_loop(epochs_shift=+1)],
    "uses all m examples": [learner_loop(everything=True)],
    "gradient ascent": [learner_loop(ascend=True)],
    "b never changes": [learner_loop(move_b=False)],
    "in place": [learner_loop(in_place=True)],
}


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_the_epoch_slip_is_named_on_the_one_epoch_case_too():
    """With epochs = 1, `range(1, epochs)` makes no pass: w and b come back unchanged."""
    def no_pass(X, y, w, b, alpha, epochs, batch_size, seed):
        if epochs == 1:
            return w, b
        return solution(X, y, w, b, alpha, epochs, batch_size, seed)

    assert_verdict(EXERCISE, no_pass, engine.MISTAKE, "made 0 passes", "one too few")


def other_generator(X, y, w, b, alpha, epochs, batch_size, seed):
    """Right loop, but batches drawn with choice(): not the draws the exercise asks for."""
    rng = np.random.default_rng(seed)
    m = len(y)
    for _ in range(epochs):
        order = rng.choice(m, size=m, replace=False)
        for start in range(0, m, batch_size):
            rows = order[start:start + batch_size]
            error = logistic.sigmoid(X[rows] @ w + b) - y[rows]
            w = w - alpha * X[rows].T @ error / len(rows)
            b = b - alpha * error.mean()
    return w, b


def with_replacement(X, y, w, b, alpha, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    m = len(y)
    for _ in range(epochs):
        for _ in range(-(-m // batch_size)):
            rows = rng.integers(0, m, size=batch_size)
            error = logistic.sigmoid(X[rows] @ w + b) - y[rows]
            w = w - alpha * X[rows].T @ error / len(rows)
            b = b - alpha * error.mean()
    return w, b


def test_other_random_draws_are_told_what_the_exercise_expects():
    for function in (other_generator, with_replacement):
        assert_verdict(EXERCISE, function, engine.WRONG, "rng.permutation(m)",
                       "no other random draws")


NEVER_PASS = [
    other_generator,
    with_replacement,
    lambda X, y, w, b, alpha, epochs, batch_size, seed: (w, b),
    lambda X, y, w, b, alpha, epochs, batch_size, seed: logistic.gradient_descent(
        X, y, w, b, alpha, epochs)[:2],
    lambda X, y, w, b, alpha, epochs, batch_size, seed: logistic.minibatch_gradient_descent(
        X, y, w, b, alpha, epochs, batch_size, seed=seed + 1)[:2],
    lambda X, y, w, b, alpha, epochs, batch_size, seed: logistic.minibatch_gradient_descent(
        X, y, w, b, alpha, epochs, batch_size, seed=seed, decay=100.0)[:2],
    lambda X, y, w, b, alpha, epochs, batch_size, seed: logistic.minibatch_gradient_descent(
        X, y, w, b, alpha, epochs, batch_size, seed=seed, average=True)[:2],
    lambda X, y, w, b, alpha, epochs, batch_size, seed: solution(
        X, y, w, b, alpha, epochs, batch_size, seed)[::-1],
    lambda X, y, w, b, alpha, epochs, batch_size, seed: solution(
        X, y, w, b, alpha, epochs, batch_size, seed)[0],
    lambda X, y, w, b, alpha, epochs, batch_size, seed: (
        *solution(X, y, w, b, alpha, epochs, batch_size, seed), None),
    lambda X, y, w, b, alpha, epochs, batch_size, seed: solution(
        X, y, np.zeros(2), 0.0, alpha, epochs, batch_size, seed),
    lambda X, y, w, b, alpha, epochs, batch_size, seed: solution(
        X, y, w, b, alpha / 2, epochs, batch_size, seed),
] + [function for functions in NAMED.values() for function in functions]


def test_no_wrong_loop_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
