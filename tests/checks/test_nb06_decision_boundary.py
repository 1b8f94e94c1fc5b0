"""Notebook 06's exercises, in the notebook's order: gradient_descent, predict, boundary_x2.

For each: the solution agrees with ``helpers``; the stub is not attempted; a catalogue of
plausible wrong versions, none of which passes, and each named mistake reaching its own
message.
"""

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes

from helpers import data, geometry, logistic
from helpers.checks import engine
from helpers.checks import nb06_decision_boundary as exercises
from helpers.logistic import cost, gradient, predict_proba

# ---------------------------------------------------------------------------
# gradient_descent
# ---------------------------------------------------------------------------

GD = exercises.gradient_descent


def test_gradient_descent_solution_is_the_course_s_run_of_the_lab():
    X, y = data.load("six_points")
    start = np.zeros(2)
    w, b, costs = GD.answer(X, y, start, 0.0, 0.1, 10_000)
    reference_w, reference_b, history = logistic.gradient_descent(X, y, np.zeros(2), 0.0,
                                                                  0.1, 10_000)
    assert costs.shape == (10_001,) and costs[0] == pytest.approx(np.log(2))
    np.testing.assert_allclose(costs, history.cost, rtol=1e-12)
    np.testing.assert_allclose(w, reference_w, rtol=1e-12)
    assert b == pytest.approx(reference_b, rel=1e-12)
    assert not start.any(), "the solution changed the caller's w"


def test_gradient_descent_stub_crash_and_solution():
    assert_standard_outcomes(GD)


def test_the_lab_run_gets_a_longer_time_limit(monkeypatch):
    limits = []

    def recording_call(function, *args, time_limit=None):
        limits.append(time_limit)
        return engine.call(function, *args, time_limit=time_limit)

    monkeypatch.setattr(exercises, "call", recording_call)
    assert GD.diagnose(GD.answer).status == engine.PASSED
    assert limits == [None, exercises.LAB_TIME_FACTOR * engine.TIME_LIMIT]
    assert exercises.LAB_TIME_FACTOR * engine.TIME_LIMIT >= 30


def descent(step=None, start=True, record="after", updates=0, copy=True, alpha_on="wb",
            sign=-1):
    """A learner's loop, right by default; each option is one way of getting it wrong."""

    def gradient_descent(X, y, w, b, alpha, num_iters):
        if copy:
            w = np.array(w, dtype=float)
        costs = [cost(X, y, w, b)] if start else []
        if record == "twice":
            costs.append(cost(X, y, w, b))
        for _ in range(num_iters + updates):
            if record == "before":
                costs.append(cost(X, y, w, b))
            if step == "w first":
                w = w + sign * alpha * gradient(X, y, w, b)[0]
                b = b + sign * alpha * gradient(X, y, w, b)[1]
            elif step == "b first":
                b = b + sign * alpha * gradient(X, y, w, b)[1]
                w = w + sign * alpha * gradient(X, y, w, b)[0]
            else:
                dj_dw, dj_db = gradient(X, y, w, b)
                if copy:
                    w = w + sign * (alpha if "w" in alpha_on else 1) * dj_dw
                else:
                    w -= alpha * dj_dw
                b = b + sign * (alpha if "b" in alpha_on else 1) * dj_db
            if record in ("after", "twice"):
                costs.append(cost(X, y, w, b))
        return w, b, np.array(costs)

    return gradient_descent


def returns_start(X, y, w, b, alpha, num_iters):
    new_w, new_b, costs = GD.answer(X, y, w, b, alpha, num_iters)
    return w, b, costs


NAMED_DESCENT = {
    "w is updated before b's gradient is computed": [descent(step="w first")],
    "b is updated before w's gradient is computed": [descent(step="b first")],
    "α scales w's step only": [descent(alpha_on="w")],
    "α scales b's step only": [descent(alpha_on="b")],
    "the update adds the gradient": [descent(sign=+1)],
    "the cost before the first update is missing": [descent(start=False)],
    "the starting cost is counted twice": [
        descent(record="twice"),                           # [J0, J0, J1, ..., JN]
        lambda X, y, w, b, alpha, num_iters: (lambda r: (r[0], r[1], np.append(
            r[2][0], r[2][:-1])))(GD.answer(X, y, w, b, alpha, num_iters)),   # [J0, J0, ..., JN-1]
    ],
    "recorded before each update instead of after it": [descent(start=False, record="before")],
    "changed the caller's `w` in place": [descent(copy=False)],
    "one update too many": [descent(updates=+1)],
    "one update too few": [descent(updates=-1)],
    "the ones you started from": [returns_start],
    "expected three results": [lambda X, y, w, b, alpha, num_iters:
                               GD.answer(X, y, w, b, alpha, num_iters)[:2]],
    "as the cost history, a list": [lambda X, y, w, b, alpha, num_iters: (lambda r: (
        r[0], r[1], list(r[2])))(GD.answer(X, y, w, b, alpha, num_iters))],
    "as the cost history, an array of shape": [lambda X, y, w, b, alpha, num_iters: (
        lambda r: (r[0], r[1], r[2][:, None]))(GD.answer(X, y, w, b, alpha, num_iters))],
}


def stops_early(X, y, w, b, alpha, num_iters):
    """Right for a few updates; stops once the cost changes by less than 1e-5."""
    w = np.array(w, dtype=float)
    costs = [cost(X, y, w, b)]
    for _ in range(num_iters):
        dj_dw, dj_db = gradient(X, y, w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
        costs.append(cost(X, y, w, b))
        if abs(costs[-1] - costs[-2]) < 1e-5:
            break
    return w, b, np.array(costs)


def fixed_count(X, y, w, b, alpha, num_iters):
    """Ignores num_iters: always 3 updates (right on the small case only)."""
    return GD.answer(X, y, w, b, alpha, 3)


def without_mean(X, y, w, b, alpha, num_iters):
    """Its own gradient, summed over the examples instead of averaged."""
    w = np.array(w, dtype=float)
    costs = [cost(X, y, w, b)]
    for _ in range(num_iters):
        error = predict_proba(X, w, b) - y
        w, b = w - alpha * X.T @ error, b - alpha * error.sum()
        costs.append(cost(X, y, w, b))
    return w, b, np.array(costs)


def base_two_costs(X, y, w, b, alpha, num_iters):
    w, b, costs = GD.answer(X, y, w, b, alpha, num_iters)
    return w, b, costs / np.log(2)


def parameter_history(X, y, w, b, alpha, num_iters):
    _, _, history = logistic.gradient_descent(X, y, w, b, alpha, num_iters)
    return history.w[-1], history.b[-1], history.b


def with_epsilon(X, y, w, b, alpha, num_iters):
    """The right loop with a cost that adds 1e-7 inside the logs."""
    def eps_cost(w, b):
        f = predict_proba(X, w, b)
        return float(-np.mean(y * np.log(f + 1e-7) + (1 - y) * np.log(1 - f + 1e-7)))

    w = np.array(w, dtype=float)
    costs = [eps_cost(w, b)]
    for _ in range(num_iters):
        dj_dw, dj_db = gradient(X, y, w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
        costs.append(eps_cost(w, b))
    return w, b, np.array(costs)


NEVER_PASS_DESCENT = [
    stops_early, fixed_count, without_mean, base_two_costs, parameter_history,
    with_epsilon,
    descent(step="w first", start=False), descent(alpha_on="", record="before"),
    lambda X, y, w, b, alpha, num_iters: (lambda r: (r[1], r[0], r[2]))(
        GD.answer(X, y, w, b, alpha, num_iters)),                       # w and b swapped
    lambda X, y, w, b, alpha, num_iters: (lambda r: (np.round(r[0], 3), r[1], r[2]))(
        GD.answer(X, y, w, b, alpha, num_iters)),                       # w rounded
    lambda X, y, w, b, alpha, num_iters: GD.answer(X, y, w, b, 2 * alpha, num_iters),
    lambda X, y, w, b, alpha, num_iters: GD.answer(X, y, np.zeros_like(w), 0.0, alpha,
                                                   num_iters),          # ignores the start
] + [function for functions in NAMED_DESCENT.values() for function in functions]


def test_gradient_descent_named_mistakes_get_their_own_messages():
    assert_named_mistakes(GD, NAMED_DESCENT)


def test_no_wrong_loop_passes():
    assert_never_passes(GD, NEVER_PASS_DESCENT)


def test_a_cost_a_little_off_is_told_why():
    verdict = GD.diagnose(with_epsilon)
    assert verdict.status == engine.WRONG and "an epsilon inside the log" in verdict.message
    assert "on the six points" in verdict.message


def test_a_loop_wrong_on_the_lab_run_only_is_told_where():
    verdict = GD.diagnose(stops_early)
    assert verdict.status == engine.WRONG and "on the six points" in verdict.message
    verdict = GD.diagnose(fixed_count)
    assert verdict.status == engine.WRONG and "does your loop stop early" in verdict.message


# ---------------------------------------------------------------------------
# predict
# ---------------------------------------------------------------------------

PREDICT = exercises.predict


def test_predict_solution_agrees_with_helpers_and_labels_the_boundary_1():
    X, y = data.load("six_points")
    w, b, _ = logistic.gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 1000)
    for threshold in (0.5, 0.2, 0.9):
        np.testing.assert_array_equal(PREDICT.answer(X, w, b, threshold),
                                      logistic.predict(X, w, b, threshold))
    labels = PREDICT.answer(np.array([[1.0, 1.0]]), np.array([1.0, -1.0]), 0.0, 0.5)
    assert labels.tolist() == [1] and labels.dtype.kind == "i"


def test_every_predict_case_tells_the_named_mistakes_apart():
    """Each rule gives other labels than the right one on some case; ≥ against > needs a
    point exactly at the threshold."""
    at_threshold = 0
    for X, w, b, threshold in exercises.PREDICT_CASES:
        f = predict_proba(X, w, b)
        at_threshold += int(np.sum(f == threshold))
    assert at_threshold >= 1
    for rule in exercises.KNOWN_LABELS.values():
        assert any(not np.array_equal(rule(predict_proba(X, w, b), X @ w + b, t),
                                      logistic.predict(X, w, b, t))
                   for X, w, b, t in exercises.PREDICT_CASES)


def test_predict_stub_crash_and_solution():
    assert_standard_outcomes(PREDICT)


NAMED_PREDICT = {
    "you return the probabilities f themselves": [
        lambda X, w, b, threshold: predict_proba(X, w, b)],
    "you compare with `>`": [
        lambda X, w, b, threshold: (predict_proba(X, w, b) > threshold).astype(int),
        lambda X, w, b, threshold: np.where(predict_proba(X, w, b) > threshold, 1, 0)],
    "you compare z = w·x + b with the threshold": [
        lambda X, w, b, threshold: (X @ w + b >= threshold).astype(int)],
    "the threshold is ignored": [
        lambda X, w, b, threshold: (predict_proba(X, w, b) >= 0.5).astype(int),
        lambda X, w, b, threshold: (X @ w + b >= 0).astype(int)],
    "the wrong way round": [
        lambda X, w, b, threshold: (predict_proba(X, w, b) < threshold).astype(int)],
    "returned True/False values": [
        lambda X, w, b, threshold: predict_proba(X, w, b) >= threshold],
    "they are floats": [
        lambda X, w, b, threshold: (predict_proba(X, w, b) >= threshold).astype(float),
        lambda X, w, b, threshold: np.where(predict_proba(X, w, b) >= threshold, 1.0, 0.0)],
    "a list": [lambda X, w, b, threshold:
               [int(f >= threshold) for f in predict_proba(X, w, b)]],
}

NEVER_PASS_PREDICT = [
    lambda X, w, b, threshold: np.round(predict_proba(X, w, b)),
    lambda X, w, b, threshold: np.round(predict_proba(X, w, b)).astype(int),
    lambda X, w, b, threshold: np.where(predict_proba(X, w, b) >= threshold, 1, -1),
    lambda X, w, b, threshold: (predict_proba(X, w, b) >= 1 - threshold).astype(int),
    lambda X, w, b, threshold: np.ones(X.shape[0], dtype=int),
    lambda X, w, b, threshold: (predict_proba(X, w, b)[:, None] >= threshold).astype(int),
    lambda X, w, b, threshold: (X @ w >= 0).astype(int),                   # forgot b
    lambda X, w, b, threshold: int(predict_proba(X, w, b)[0] >= threshold),
] + [function for functions in NAMED_PREDICT.values() for function in functions]


def test_predict_named_mistakes_get_their_own_messages():
    assert_named_mistakes(PREDICT, NAMED_PREDICT)


def test_no_wrong_predict_passes():
    assert_never_passes(PREDICT, NEVER_PASS_PREDICT)


# ---------------------------------------------------------------------------
# boundary_x2
# ---------------------------------------------------------------------------

EXERCISE = exercises.boundary_x2


def test_solution_puts_points_on_the_boundary_the_lab_draws():
    w, b = np.array([5.28, 5.08]), -14.22
    x1 = np.linspace(0, 4, 9)
    np.testing.assert_allclose(w[0] * x1 + w[1] * EXERCISE.answer(x1, w, b) + b, 0, atol=1e-12)
    line_x1, line_x2 = geometry.boundary_segment(w, b, (0, 4), (0, 3.5))
    np.testing.assert_allclose(EXERCISE.answer(line_x1, w, b), line_x2, rtol=1e-12)


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    assert EXERCISE.diagnose(lambda x1, w, b: -(w[0] * x1 + b) / w[1]).status == engine.PASSED


NAMED = {
    "minus sign is missing": [lambda x1, w, b: (w[0] * x1 + b) / w[1]],
    "only w1·x1 is negated": [lambda x1, w, b: (-w[0] * x1 + b) / w[1]],
    "b is missing": [lambda x1, w, b: -(w[0] * x1) / w[1]],
    "swapped": [lambda x1, w, b: -(w[1] * x1 + b) / w[0]],
    "did not divide": [lambda x1, w, b: -(w[0] * x1 + b)],
    "the brackets are missing": [lambda x1, w, b: -w[0] * x1 / w[1] - b],
    "one number (1.0) where an array is asked for": [lambda x1, w, b: 1.0],
    "returned a list": [lambda x1, w, b: list(-(w[0] * x1 + b) / w[1])],
    "changed its argument `x1` in place": [lambda x1, w, b: np.negative(x1, out=x1) * 0],
}

NEVER_PASS = [
    lambda x1, w, b: x1,
    lambda x1, w, b: -(w[0] * x1 + b) / w[1] + 1e-3,
    lambda x1, w, b: (-(w[0] * x1 + b) / w[1])[::-1],
    lambda x1, w, b: np.round(-(w[0] * x1 + b) / w[1], 2),
    lambda x1, w, b: -(w[0] * x1 + b) // w[1],
    lambda x1, w, b: np.abs(-(w[0] * x1 + b) / w[1]),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_boundary_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)
