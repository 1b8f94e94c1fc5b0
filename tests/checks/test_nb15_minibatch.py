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
    assert len(runs) == 24
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


def one_epoch(X, y, w, b, alpha, order, batch_size):
    """One epoch of right updates, the batches cut from `order`: the part of the loops below
    that is not their slip."""
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        error = logistic.sigmoid(X[rows] @ w + b) - y[rows]
        w = w - alpha * X[rows].T @ error / len(rows)
        b = b - alpha * error.mean()
    return w, b


def reseeded_each_epoch(X, y, w, b, alpha, epochs, batch_size, seed):
    for epoch in range(epochs):
        rng = np.random.default_rng(seed)          # made anew in every epoch
        w, b = one_epoch(X, y, w, b, alpha, rng.permutation(len(y)), batch_size)
    return w, b


def shuffled_at_the_end(X, y, w, b, alpha, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    order = np.arange(len(y))
    for epoch in range(epochs):
        w, b = one_epoch(X, y, w, b, alpha, order, batch_size)
        order = rng.permutation(len(y))            # ready for the next epoch
    return w, b


def data_overwritten_each_epoch(X, y, w, b, alpha, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        order = rng.permutation(len(y))
        X, y = X[order], y[order]                  # the shuffled copies replace X and y
        w, b = one_epoch(X, y, w, b, alpha, np.arange(len(y)), batch_size)
    return w, b


def one_order_shuffled_again(X, y, w, b, alpha, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    order = np.arange(len(y))
    for epoch in range(epochs):
        rng.shuffle(order)                         # shuffles last epoch's order
        w, b = one_epoch(X, y, w, b, alpha, order, batch_size)
    return w, b


def split_evenly(rounding):
    """np.array_split into ⌈m/B⌉ (rounding="up") or ⌊m/B⌋ batches of nearly equal size."""

    def minibatch_descent(X, y, w, b, alpha, epochs, batch_size, seed):
        m = len(y)
        rng = np.random.default_rng(seed)
        count = int(np.ceil(m / batch_size)) if rounding == "up" else m // batch_size
        for epoch in range(epochs):
            for rows in np.array_split(rng.permutation(m), count):
                error = logistic.sigmoid(X[rows] @ w + b) - y[rows]
                w = w - alpha * X[rows].T @ error / len(rows)
                b = b - alpha * error.mean()
        return w, b

    return minibatch_descent


def one_batch_too_many(own_sigmoid):
    """range(m // B + 1) batches: the last one is empty when B divides m."""

    def minibatch_descent(X, y, w, b, alpha, epochs, batch_size, seed):
        m = len(y)
        rng = np.random.default_rng(seed)
        for epoch in range(epochs):
            order = rng.permutation(m)
            for i in range(m // batch_size + 1):
                rows = order[i * batch_size:(i + 1) * batch_size]
                z = X[rows] @ w + b
                f = 1 / (1 + np.exp(-z)) if own_sigmoid else logistic.sigmoid(z)
                error = f - y[rows]
                w = w - alpha * X[rows].T @ error / len(rows)
                b = b - alpha * np.sum(error) / len(rows)
        return w, b

    return minibatch_descent


def update_slip(slip):
    """A right loop whose update has one slip."""

    def minibatch_descent(X, y, w, b, alpha, epochs, batch_size, seed):
        m = len(y)
        rng = np.random.default_rng(seed)
        visited = []
        for epoch in range(epochs):
            order = rng.permutation(m)
            step = alpha / (1 + epoch) if slip == "α per epoch" else alpha
            for start in range(0, m, batch_size):
                rows = order[start:start + batch_size]
                X_batch, y_batch = X[rows], y[rows]
                z = X_batch @ w + b
                f = z if slip == "no sigmoid" else logistic.sigmoid(z)
                error = y_batch - f if slip == "y - f" else f - y_batch
                size = 1 if slip == "sums" else len(rows)
                w = w - step * X_batch.T @ error / size
                if slip == "b after w":
                    error = logistic.sigmoid(X_batch @ w + b) - y_batch
                b_size = {"b summed": 1, "b by B": batch_size}.get(slip, size)
                b = b - step * error.sum() / b_size
                visited.append((w, b))
        if slip == "averaged":
            return np.mean([v[0] for v in visited], axis=0), np.mean([v[1] for v in visited])
        return w, b

    return minibatch_descent


NAMED = {
    "never shuffled": [learner_loop(shuffle="never")],
    "every epoch uses the same order": [learner_loop(shuffle="once"), reseeded_each_epoch],
    "first epoch runs in file order": [shuffled_at_the_end],
    "orders compose": [data_overwritten_each_epoch, one_order_shuffled_again],
    "5, 5, 5, 4, 4 rows": [split_evenly("up")],
    "6, 6, 6, 5 rows": [split_evenly("down")],
    "a batch with no rows": [one_batch_too_many(own_sigmoid=False),
                             one_batch_too_many(own_sigmoid=True)],
    "without the sigmoid": [update_slip("no sigmoid")],
    "sums over the batch's rows": [update_slip("sums")],
    "the sum of the batch's errors": [update_slip("b summed")],
    "b's step is divided by B = 5": [update_slip("b by B")],
    "computed after w has moved": [update_slip("b after w")],
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
    "gradient ascent": [learner_loop(ascend=True), update_slip("y - f")],
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
    assert_verdict(EXERCISE, other_generator, engine.WRONG, "rng.permutation(m)",
                   "no other random draws", "drawn and cut")
    assert_verdict(EXERCISE, with_replacement, engine.WRONG, "batch_size=23",
                   "the seed cannot matter", "with replacement", "rng.permutation(m)")


@pytest.mark.parametrize("slip", ["α per epoch", "averaged"])
def test_a_wrong_update_step_is_told_so_and_not_blamed_on_the_draws(slip):
    """When the whole set as one batch fails, the order of the rows cannot be the cause."""
    verdict = assert_verdict(EXERCISE, update_slip(slip), engine.WRONG, "batch_size=23",
                             "the update step itself is wrong", "σ(z)", "len(rows)",
                             "one error", "α stays the same", "after the last update")
    assert "default_rng" not in verdict.message


def test_the_empty_batch_is_named_whether_it_crashes_or_gives_nan():
    for own_sigmoid, crashes in ((False, True), (True, False)):
        function = one_batch_too_many(own_sigmoid)
        case = exercises.minibatch_cases()["whole set"]
        assert (engine.call(function, *case).error is not None) == crashes
        assert_verdict(EXERCISE, function, engine.MISTAKE, "no rows", "divides m",
                       "range(0, m, batch_size)")


def test_the_empty_batch_probe_sees_no_empty_batch_in_a_right_loop():
    for case in exercises.minibatch_cases().values():
        assert not exercises.empty_batch_taken(solution, case)
        assert exercises.empty_batch_taken(one_batch_too_many(False), case) == (
            case[0].shape[0] % case[6] == 0)


def test_no_message_or_hint_prints_the_update_lines():
    """Messages and hints name the fix in words: the solution's update lines appear only in
    .solution()."""
    texts = [message for case in exercises.minibatch_cases().values()
             for message, _ in exercises.known_runs(case)]
    texts += EXERCISE.hints
    texts += [EXERCISE.diagnose(function).message
              for function in (other_generator, with_replacement, update_slip("averaged"),
                               one_batch_too_many(False))]
    for text in texts:
        assert "alpha * (X_batch.T @ error)" not in text and "error.sum() / len(rows)" not in text
        assert "sigmoid(X_batch @ w + b) - y_batch" not in text


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
    update_slip("α per epoch"),
    update_slip("averaged"),
] + [function for functions in NAMED.values() for function in functions]


def test_no_wrong_loop_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
