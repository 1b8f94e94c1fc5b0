"""The numbers and helpers behind notebooks 04-06, pinned to the source material.

04: the single-point run (every printed row) and the update checker;
05: cost_grid, the learning-rate checker and the cost-surface explorer;
06: the lab run, the gradient reference, the boundary checker and explorer.
"""

import numpy as np
import pytest

from helpers import checks, data, logistic
from helpers import single_point as sp

# ---------------------------------------------------------------------------
# 04 the single-point example
# ---------------------------------------------------------------------------

# a (= b) before each epoch, after rounding to 3 decimals, for the two signs.
DESCENT_A = [1.0, 1.119, 1.215, 1.296, 1.366, 1.427, 1.481, 1.53, 1.575, 1.616]
ASCENT_A = [1.0, 0.881, 0.734, 0.547, 0.296, -0.06, -0.59, -1.355, -2.293, -3.283]


def sigmoid_scalar(s):
    return 1 / (1 + np.exp(-s))


def test_single_point_parameters_match_the_rounded_run():
    descent = sp.single_point_run()
    ascent = sp.single_point_run(sign=sp.ASCENT)
    assert [r.a for r in descent] == DESCENT_A
    assert [r.b for r in descent] == DESCENT_A
    assert [r.a for r in ascent] == ASCENT_A
    assert [r.b for r in ascent] == ASCENT_A
    assert [r.epoch for r in descent] == list(range(1, 11))
    assert all(r.y == 1 for r in descent + ascent)


def test_single_point_loss_and_z_follow_from_a_and_b():
    for rows in (sp.single_point_run(), sp.single_point_run(sign=sp.ASCENT)):
        for r in rows:
            z = sigmoid_scalar(r.a + r.b)
            assert r.z == pytest.approx(z, rel=1e-12)
            assert r.loss == pytest.approx(-np.log(z), rel=1e-12)


def test_single_point_first_and_last_printed_values():
    descent = sp.single_point_run()
    ascent = sp.single_point_run(sign=sp.ASCENT)
    assert descent[0].loss == pytest.approx(0.126928011, abs=1e-9)
    assert descent[0].z == pytest.approx(0.880797078, abs=1e-9)
    assert descent[-1].loss == pytest.approx(0.038719, abs=1e-6)
    assert descent[-1].z == pytest.approx(0.962021, abs=1e-6)
    assert ascent[-1].loss == pytest.approx(6.567406, abs=1e-6)
    assert ascent[-1].z == pytest.approx(0.001405, abs=1e-6)


def test_correct_sign_loss_falls_and_z_rises_every_epoch():
    rows = sp.single_point_run()
    assert all(b.loss < a.loss for a, b in zip(rows, rows[1:]))
    assert all(b.z > a.z for a, b in zip(rows, rows[1:]))


def test_flipped_sign_loss_rises_and_z_falls_every_epoch():
    rows = sp.single_point_run(sign=sp.ASCENT)
    assert all(b.loss > a.loss for a, b in zip(rows, rows[1:]))
    assert all(b.z < a.z for a, b in zip(rows, rows[1:]))
    assert rows[-1].z < 0.01


def test_rounding_can_be_switched_off():
    rows = sp.single_point_run(decimals=None)
    assert rows[1].a == pytest.approx(1 + (1 - sigmoid_scalar(2.0)), rel=1e-12)
    assert rows[1].a != round(rows[1].a, 3)


def test_format_run_prints_columns_in_the_source_order():
    text = sp.format_run(sp.single_point_run())
    header, first = text.splitlines()[:2]
    assert header.split() == ["epoch", "loss", "y", "z", "a", "b"]
    assert first.split() == ["1", "0.126928", "1", "0.880797", "1.000", "1.000"]


def test_side_by_side_table_has_both_runs():
    text = sp.format_side_by_side(sp.single_point_run(), sp.single_point_run(sign=sp.ASCENT))
    last = text.splitlines()[-1].split()
    assert last == ["10", "0.038719", "0.962021", "6.567406", "0.001405"]
    with pytest.raises(ValueError, match="same number of epochs"):
        sp.format_side_by_side(sp.single_point_run(), sp.single_point_run(epochs=3))


def test_point_loss_is_finite_for_extreme_scores():
    assert sp.point_loss(-1000.0, 0.0, 1.0, 1) == pytest.approx(1000.0)
    assert sp.point_loss(1000.0, 0.0, 1.0, 0) == pytest.approx(1000.0)


@pytest.mark.parametrize("kwargs, message", [
    ({"y": 2}, "y must be the label 0 or 1"),
    ({"lr": 0.0}, "lr"),
    ({"lr": float("nan")}, "lr must be a finite number"),
    ({"epochs": 0}, "epochs"),
    ({"epochs": 2.5}, "epochs"),
    ({"sign": 2}, "sign"),
    ({"x": "one"}, "x must be a finite number"),
    ({"decimals": -1}, "decimals"),
])
def test_single_point_run_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sp.single_point_run(**kwargs)


# The update checker: one learner function per known mistake.

def good_update(a, b, x, y, lr):
    z = sigmoid_scalar(a * x + b)
    return a - lr * x * (z - y), b - lr * (z - y)


def make(a_rule, b_rule):
    def update(a, b, x, y, lr):
        z = sigmoid_scalar(a * x + b)
        return a_rule(a, b, x, y, lr, z), b_rule(a, b, x, y, lr, z)
    return update


GOOD_A = lambda a, b, x, y, lr, z: a - lr * x * (z - y)  # noqa: E731
GOOD_B = lambda a, b, x, y, lr, z: b - lr * (z - y)  # noqa: E731
PLUS_A = lambda a, b, x, y, lr, z: a + lr * x * (z - y)  # noqa: E731
PLUS_B = lambda a, b, x, y, lr, z: b + lr * (z - y)  # noqa: E731

UPDATE_MISTAKES = {
    "add the gradient instead of subtracting": make(PLUS_A, PLUS_B),
    "a's update adds": make(PLUS_A, GOOD_B),
    "b's update adds": make(GOOD_A, PLUS_B),
    "missing the factor x": make(lambda a, b, x, y, lr, z: a - lr * (z - y), GOOD_B),
    "factor x it should not have": make(GOOD_A, lambda a, b, x, y, lr, z: b - lr * x * (z - y)),
    "not scaled by the learning rate": make(lambda a, b, x, y, lr, z: a - x * (z - y),
                                            lambda a, b, x, y, lr, z: b - (z - y)),
    "use the score": lambda a, b, x, y, lr: (a - lr * x * (a * x + b - y),
                                             b - lr * (a * x + b - y)),
    "return the step": make(lambda a, b, x, y, lr, z: -lr * x * (z - y),
                            lambda a, b, x, y, lr, z: -lr * (z - y)),
    "wrong order": lambda a, b, x, y, lr: good_update(a, b, x, y, lr)[::-1],
}


def test_update_checker_passes_the_correct_update_by_finite_differences():
    verdict = checks.diagnose_update(good_update)
    assert verdict.status == checks.PASSED
    assert "Finite-difference" in verdict.message


@pytest.mark.parametrize("phrase", list(UPDATE_MISTAKES))
def test_update_checker_names_each_known_mistake(phrase):
    verdict = checks.diagnose_update(UPDATE_MISTAKES[phrase])
    assert verdict.status == checks.MISTAKE
    assert phrase in verdict.message


def test_update_checker_other_outcomes():
    assert checks.diagnose_update(lambda *args: None).status == checks.NOT_ATTEMPTED
    crashed = checks.diagnose_update(lambda *args: 1 / 0)
    assert crashed.status == checks.WRONG and "ZeroDivisionError" in crashed.message
    shape = checks.diagnose_update(lambda a, b, x, y, lr: a)
    assert shape.status == checks.WRONG and "two numbers" in shape.message
    unchanged = checks.diagnose_update(lambda a, b, x, y, lr: (a, b))
    assert unchanged.status == checks.WRONG and "finite-difference" in unchanged.message


def test_update_checker_prints_one_line(capsys):
    checks.check_update(make(PLUS_A, PLUS_B))
    assert capsys.readouterr().out.startswith("✗ update: you add the gradient")


def test_single_point_step_agrees_with_the_checker():
    assert checks.diagnose_update(sp.single_point_step).status == checks.PASSED


# ---------------------------------------------------------------------------
# 05 the cost surface
# ---------------------------------------------------------------------------

def test_cost_grid_agrees_with_cost_at_every_grid_point():
    X, y = data.load("tumour")
    w_values = np.linspace(-2, 12, 7)
    b_values = np.linspace(-22, 4, 5)
    J = logistic.cost_grid(X, y, w_values, b_values)
    assert J.shape == (5, 7)
    for i, b in enumerate(b_values):
        for j, w in enumerate(w_values):
            assert J[i, j] == pytest.approx(logistic.cost(X, y, [w], b), rel=1e-12)


def test_cost_grid_is_finite_far_from_the_data_and_lays_out_like_meshgrid():
    X, y = data.load("tumour")
    J = logistic.cost_grid(X, y, [-500.0, 0.0, 500.0], [0.0, -1000.0])
    assert np.all(np.isfinite(J))
    assert J[0, 1] == pytest.approx(np.log(2))
    assert J[1, 1] == pytest.approx(500.0)  # b = -1000 puts the three y = 1 points at z = -1000


@pytest.mark.parametrize("args, message", [
    ((np.arange(6.0), [0, 0, 0, 1, 1, 1], [1.0], [0.0]), "2-D"),
    ((np.ones((6, 2)), [0, 0, 0, 1, 1, 1], [1.0], [0.0]), "exactly one feature"),
    ((np.ones((6, 1)), [0, 0, 0, 1, 1, 2], [1.0], [0.0]), "labels 0 and 1"),
    ((np.ones((6, 1)), [0, 0, 0, 1, 1, 1], [[1.0]], [0.0]), "w_values must be a non-empty 1-D"),
    ((np.ones((6, 1)), [0, 0, 0, 1, 1, 1], [1.0], []), "b_values must be a non-empty 1-D"),
    ((np.ones((6, 1)), [0, 0, 0, 1, 1, 1], [np.inf], [0.0]), "w_values contains NaN"),
    ((np.full((6, 1), np.nan), [0, 0, 0, 1, 1, 1], [1.0], [0.0]), "X contains NaN"),
    ((np.full((6, 1), 1e300), [0, 0, 0, 1, 1, 1], [1e300], [0.0]), "overflowed"),
])
def test_cost_grid_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        logistic.cost_grid(*args)


@pytest.mark.parametrize("alpha, status, phrase", [
    (None, checks.NOT_ATTEMPTED, "not attempted"),
    (0.5, checks.MISTAKE, "too small"),
    (3.0, checks.PASSED, "falls below 0.05"),
    (10.0, checks.MISTAKE, "too large"),
    (-1.0, checks.WRONG, "positive"),
    ("fast", checks.WRONG, "expected a number"),
])
def test_learning_rate_checker(alpha, status, phrase):
    verdict = checks.diagnose_learning_rate(alpha)
    assert verdict.status == status
    assert phrase in verdict.message


# ---------------------------------------------------------------------------
# 06 the decision-boundary lab
# ---------------------------------------------------------------------------

LAB_COSTS = [0.684610468560574, 0.1590977666870457, 0.08460064176930078, 0.05705327279402531,
             0.04290759421682, 0.03433847729884557, 0.02860379802212006, 0.02450156960879306,
             0.02142370332569295, 0.019030137124109114]


@pytest.fixture(scope="module")
def lab_run():
    X, y = data.load("six_points")
    return logistic.gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 10_000)


def test_lab_costs_at_every_thousandth_iteration(lab_run):
    _, _, history = lab_run
    printed = [history.cost[k + 1] for k in range(0, 10_000, 1000)]
    np.testing.assert_allclose(printed, LAB_COSTS, rtol=1e-9)


def test_lab_final_parameters(lab_run):
    w, b, history = lab_run
    np.testing.assert_allclose(w, [5.28123029, 5.07815608], rtol=1e-8)
    assert b == pytest.approx(-14.222409982019837, rel=1e-9)
    assert history.status == "finished" and history.iterations == 10_000


def test_gradient_reference():
    X, y = data.load("six_points")
    dj_dw, dj_db = logistic.gradient(X, y, np.array([2.0, 3.0]), 1.0)
    assert dj_db == pytest.approx(0.49861806546328574, rel=1e-12)
    np.testing.assert_allclose(dj_dw, [0.498333393278696, 0.49883942983996693], rtol=1e-12)


def test_boundary_checker():
    right = checks.diagnose_boundary(lambda x1, w, b: -(w[0] * x1 + b) / w[1])
    assert right.status == checks.PASSED
    cases = {
        "minus sign is missing": lambda x1, w, b: (w[0] * x1 + b) / w[1],
        "only w1·x1 is negated": lambda x1, w, b: (-w[0] * x1 + b) / w[1],
        "b is missing": lambda x1, w, b: -(w[0] * x1) / w[1],
        "swapped": lambda x1, w, b: -(w[1] * x1 + b) / w[0],
        "did not divide": lambda x1, w, b: -(w[0] * x1 + b),
    }
    for phrase, function in cases.items():
        verdict = checks.diagnose_boundary(function)
        assert verdict.status == checks.MISTAKE and phrase in verdict.message, phrase
    assert checks.diagnose_boundary(lambda x1, w, b: None).status == checks.NOT_ATTEMPTED
    assert checks.diagnose_boundary(lambda x1, w, b: x1).status == checks.WRONG
    assert checks.diagnose_boundary(lambda x1, w, b: 1.0).status == checks.WRONG
