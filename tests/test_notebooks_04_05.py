"""The numbers and helpers behind notebooks 04-05, pinned to the source material.

04: the single-point run (every printed row);
05: cost_grid and the cost-surface explorer;
06: in tests/test_notebooks_06.py.
(Their exercises are tested in tests/checks/.)
"""

import numpy as np
import pytest

from helpers import data, logistic
from helpers import single_point as sp

# ---------------------------------------------------------------------------
# 04 the single-point example
# ---------------------------------------------------------------------------

# w (= b) before each epoch, after rounding to 3 decimals, for the two signs.
DESCENT_A = [1.0, 1.119, 1.215, 1.296, 1.366, 1.427, 1.481, 1.53, 1.575, 1.616]
ASCENT_A = [1.0, 0.881, 0.734, 0.547, 0.296, -0.06, -0.59, -1.355, -2.293, -3.283]


def sigmoid_scalar(s):
    return 1 / (1 + np.exp(-s))


def test_single_point_parameters_match_the_rounded_run():
    descent = sp.single_point_run()
    ascent = sp.single_point_run(sign=sp.ASCENT)
    assert [r.w for r in descent] == DESCENT_A
    assert [r.b for r in descent] == DESCENT_A
    assert [r.w for r in ascent] == ASCENT_A
    assert [r.b for r in ascent] == ASCENT_A
    assert [r.epoch for r in descent] == list(range(1, 11))
    assert all(r.y == 1 for r in descent + ascent)


def test_single_point_loss_and_f_follow_from_w_and_b():
    for rows in (sp.single_point_run(), sp.single_point_run(sign=sp.ASCENT)):
        for r in rows:
            f = sigmoid_scalar(r.w + r.b)
            assert r.f == pytest.approx(f, rel=1e-12)
            assert r.loss == pytest.approx(-np.log(f), rel=1e-12)


def test_single_point_first_and_last_printed_values():
    descent = sp.single_point_run()
    ascent = sp.single_point_run(sign=sp.ASCENT)
    assert descent[0].loss == pytest.approx(0.126928011, abs=1e-9)
    assert descent[0].f == pytest.approx(0.880797078, abs=1e-9)
    assert descent[-1].loss == pytest.approx(0.038719, abs=1e-6)
    assert descent[-1].f == pytest.approx(0.962021, abs=1e-6)
    assert ascent[-1].loss == pytest.approx(6.567406, abs=1e-6)
    assert ascent[-1].f == pytest.approx(0.001405, abs=1e-6)


def test_correct_sign_loss_falls_and_f_rises_every_epoch():
    rows = sp.single_point_run()
    assert all(b.loss < a.loss for a, b in zip(rows, rows[1:]))
    assert all(b.f > a.f for a, b in zip(rows, rows[1:]))


def test_flipped_sign_loss_rises_and_f_falls_every_epoch():
    rows = sp.single_point_run(sign=sp.ASCENT)
    assert all(b.loss > a.loss for a, b in zip(rows, rows[1:]))
    assert all(b.f < a.f for a, b in zip(rows, rows[1:]))
    assert rows[-1].f < 0.01


def test_rounding_can_be_switched_off():
    rows = sp.single_point_run(decimals=None)
    assert rows[1].w == pytest.approx(1 + (1 - sigmoid_scalar(2.0)), rel=1e-12)
    assert rows[1].w != round(rows[1].w, 3)


def test_format_run_prints_columns_in_the_source_order():
    text = sp.format_run(sp.single_point_run())
    header, first = text.splitlines()[:2]
    assert header.split() == ["epoch", "loss", "y", "f", "w", "b"]
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


def test_the_printed_run_of_section_6_is_the_minus_sign_run():
    """04 section 6: the reply's numbers (first loss, last loss, last f) are those of the
    minus sign, not of the plus sign its listing shows."""
    printed = (0.1269, 0.0387, 0.9620)

    def summary(rows):
        return (round(rows[0].loss, 4), round(rows[-1].loss, 4), round(rows[-1].f, 4))

    assert summary(sp.single_point_run()) == printed
    assert summary(sp.single_point_run(sign=sp.ASCENT)) != printed


def test_the_measured_slope_of_section_7():
    h = 1e-6
    measured = (sp.point_loss(1 + h, 1, 1, 1) - sp.point_loss(1 - h, 1, 1, 1)) / (2 * h)
    assert round(measured, 6) == round(sigmoid_scalar(2.0) - 1, 6) == -0.119203


def final_loss(alpha, sign=sp.DESCENT):
    return sp.single_point_run(alpha=alpha, sign=sign)[-1].loss


def test_explorer_answer_minus_sign_falls_at_every_rate():
    """04 section 8's answer: with the minus sign the loss falls at every epoch for every
    rate of the slider, and faster for larger rates (numbers quoted in the answer)."""
    from helpers.widgets import SINGLE_POINT_RATES
    assert (SINGLE_POINT_RATES[0], SINGLE_POINT_RATES[-1]) == (0.1, 3.0)
    finals = []
    for alpha in SINGLE_POINT_RATES:
        losses = [r.loss for r in sp.single_point_run(alpha=alpha)]
        assert all(later < earlier for earlier, later in zip(losses, losses[1:])), alpha
        finals.append(losses[-1])
    assert all(later < earlier for earlier, later in zip(finals, finals[1:]))
    assert [round(final_loss(a), 4) for a in (0.1, 1.0, 3.0)] == [0.1053, 0.0387, 0.0150]


def test_explorer_answer_plus_sign_climbs_by_about_two_alpha_per_epoch():
    assert [f"{final_loss(a, sp.ASCENT):.4g}" for a in (0.1, 1.0, 3.0)] == \
        ["0.1579", "6.567", "38.77"]
    losses = [r.loss for r in sp.single_point_run(alpha=3.0, sign=sp.ASCENT)]
    assert np.diff(losses)[-5:] == pytest.approx(6.0, abs=0.005)
    for alpha in (1.0, 3.0):
        rows = sp.single_point_run(alpha=alpha, sign=sp.ASCENT)
        assert rows[-1].loss - rows[-2].loss == pytest.approx(2 * alpha, rel=0.02)


def test_the_explorer_readout_shows_f_near_0_without_rounding_it_to_0():
    """04 section 8: at α = 3 with the plus sign f ends below 0.0001, which "{:.4f}" would
    print as 0.0000; at α = 0.1 f only falls from 0.8808 to 0.8540."""
    from helpers import widgets
    assert sp.single_point_run(alpha=3.0, sign=sp.ASCENT)[-1].f < 0.0001
    assert [widgets.prediction_text(f) for f in (0.8808, 0.00004, 0.00005, 0.99994, 0.99996)] \
        == ["0.8808", "below 0.0001", "0.0001", "0.9999", "above 0.9999"]
    built = widgets.single_point_explorer()
    built.controls["sign"].value = sp.ASCENT
    built.controls["alpha"].value = 3.0
    assert "f 0.8808 → below 0.0001" in built.readout.value
    built.controls["alpha"].value = 0.1
    assert "f 0.8808 → 0.8540" in built.readout.value
    assert "f falls, away from the label" in built.readout.value


def test_the_first_epoch_is_the_same_for_every_rate_and_sign():
    firsts = {(round(rows[0].loss, 4), round(rows[0].f, 4))
              for alpha in (0.1, 1.0, 3.0) for sign in (sp.DESCENT, sp.ASCENT)
              for rows in [sp.single_point_run(alpha=alpha, sign=sign)]}
    assert firsts == {(0.1269, 0.8808)}


@pytest.mark.parametrize("kwargs, message", [
    ({"y": 2}, "y must be the label 0 or 1"),
    ({"alpha": 0.0}, r"alpha \(the learning rate\) must be a positive"),
    ({"alpha": float("nan")}, r"alpha \(the learning rate\) must be a positive finite number"),
    ({"epochs": 0}, "epochs"),
    ({"epochs": 2.5}, "epochs"),
    ({"sign": 2}, "sign"),
    ({"x": "one"}, "x must be a finite number"),
    ({"decimals": -1}, "decimals"),
])
def test_single_point_run_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sp.single_point_run(**kwargs)


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




def tumour_run(alpha, num_iters=300, y=None):
    X, labels = data.load("tumour")
    return logistic.gradient_descent(X, labels if y is None else y, np.zeros(1), 0.0, alpha,
                                     num_iters)[2]


def test_the_grid_of_notebook_05():
    """05 sections 2-4: the grid's range, and its deepest point on its lower edge (b = -30),
    near w = 12: where the valley runs off the grid."""
    X, y = data.load("tumour")
    w_values, b_values = np.linspace(-2, 22, 200), np.linspace(-30, 4, 200)
    J = logistic.cost_grid(X, y, w_values, b_values)
    assert f"{J.min():.2g}" == "0.00081" and f"{J.max():.3g}" == "19"
    row, column = np.unravel_index(np.argmin(J), J.shape)
    assert row == 0 and b_values[row] == -30 and round(w_values[column]) == 12
    assert J[:, column].min() == J[0, column]    # still falling at the edge


def test_the_valley_has_no_bottom():
    """05 section 5: along b = -2.5 w the cost keeps falling towards 0."""
    X, y = data.load("tumour")
    costs = [logistic.cost(X, y, [w], -2.5 * w) for w in (1, 2, 4, 8, 16, 32, 64)]
    assert all(later < earlier for earlier, later in zip(costs, costs[1:]))
    assert 0 < costs[-1] < 1e-12


def test_large_rates_spike_then_end_lower_on_the_tumour_data():
    """05 section 7 and issue 11's numbers: no divergence at 10 or 20."""
    small, right, large, larger = (tumour_run(a) for a in (0.03, 3.0, 10.0, 20.0))
    assert {h.status for h in (small, right, large, larger)} == {"finished"}
    assert f"{small.cost[-1]:.4g}" == "0.3492"
    assert f"{right.cost[1]:.4g}" == "1.259" and right.rises == 8
    assert f"{right.cost[-1]:.4g}" == "0.02718"
    assert np.round(large.cost[1:5], 2).tolist() == [3.87, 0.24, 2.58, 9.85]
    assert large.rises == 9 and f"{large.cost[-1]:.4g}" == "0.007321"
    assert f"{larger.cost[4]:.4g}" == "19.27" and larger.rises == 3
    assert next(k for k, J_k in enumerate(larger.cost) if J_k < 0.05) == 7
    assert larger.cost[6] >= 0.05 > larger.cost[7]
    assert f"{larger.cost[-1]:.4g}" == "0.002187"
    assert larger.cost[-1] < large.cost[-1] < right.cost[-1] < small.cost[-1]
    assert f"{large.w[:, 0].max():.0f}" == "20"     # "one of them out to w = 20"


@pytest.mark.parametrize("labels", [None, [0, 0, 1, 0, 1, 1]])
def test_every_step_is_bounded_by_alpha_and_alpha_times_mean_abs_x(labels):
    """05 section 8: |Δb| ≤ α and |Δw| ≤ α·mean|x| = 2.5α, on both label sets."""
    X, _ = data.load("tumour")
    assert np.mean(np.abs(X)) == 2.5
    for alpha in (0.3, 1.0, 3.0, 10.0, 20.0, 100.0):
        history = tumour_run(alpha, y=None if labels is None else np.array(labels))
        assert np.all(np.abs(np.diff(history.b)) <= alpha * (1 + 1e-12))
        assert np.all(np.abs(np.diff(history.w[:, 0])) <= 2.5 * alpha * (1 + 1e-12))


def test_alpha_20_steps_and_largest_weight():
    """05 section 8: the longest step and largest |w| at α = 20, "a hundred times" the
    limit of about 0.2 above which linear regression blows up."""
    history = tumour_run(20.0)
    assert f"{np.abs(np.diff(history.w[:, 0])).max():.1f}" == "40.0"
    assert f"{np.abs(history.w).max():.1f}" == "39.3"
    assert round(20 / 0.2) == 100


def test_on_separable_data_the_large_rate_runs_are_not_chaotic():
    """05 section 7 quotes α = 3, 10 and 20 to 4 digits: a start moved by up to 1e-9 leaves
    those numbers as they are, so they do not depend on the last digits."""
    X, y = data.load("tumour")
    for alpha, told, rises in ((3.0, "0.02718", 8), (10.0, "0.007321", 9),
                               (20.0, "0.002187", 3)):
        for start in (1e-15, 1e-12, 1e-9):
            history = logistic.gradient_descent(X, y, np.full(1, start), 0.0, alpha, 300)[2]
            assert f"{history.cost[-1]:.4g}" == told and history.rises == rises


def linear_regression_w(alpha, num_iters):
    """w after each update of squared-error linear regression on the tumour data."""
    X, y = data.load("tumour")
    x, w, b, ws = X.ravel(), 0.0, 0.0, []
    for _ in range(num_iters):
        error = w * x + b - y
        w, b = w - alpha * np.mean(error * x), b - alpha * np.mean(error)
        ws.append(w)
    return np.array(ws)


def test_linear_regression_explodes_above_about_0_2():
    """05 section 8: w at iterations 10, 20, 30 for α = 0.3, a factor of about −2 per update
    (1 − α·λ_max of the Hessian), and the limit 2/λ_max ≈ 0.2."""
    ws = linear_regression_w(0.3, 30)
    assert [f"{ws[k - 1]:.3g}" for k in (10, 20, 30)] == ["-169", "-1.43e+05", "-1.2e+08"]
    assert ws[-1] / ws[-2] == pytest.approx(-1.96, abs=0.01)
    X, _ = data.load("tumour")
    x = X.ravel()
    hessian = np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    limit = 2 / np.linalg.eigvalsh(hessian).max()
    assert 0.2 < limit < 0.21
    assert abs(linear_regression_w(0.2, 2000)[-1]) < 1
    assert abs(linear_regression_w(0.21, 2000)[-1]) > 1e6


OVERLAP = np.array([0, 0, 1, 0, 1, 1])


def test_the_overlapping_variant_has_a_minimum_that_alpha_1_reaches():
    """05 section 9: J = 0.4130 at w = 1.214, b = -3.035 (Newton's method agrees)."""
    from helpers import newton
    X, _ = data.load("tumour")
    settled = tumour_run(1.0, 3000, OVERLAP)
    assert (f"{settled.cost[-1]:.4f}", f"{settled.w[-1, 0]:.3f}", f"{settled.b[-1]:.3f}") == \
        ("0.4130", "1.214", "-3.035")
    newton_cost = newton.newton_method(X, OVERLAP, np.zeros(1), 0.0)[2].cost[-1]
    assert settled.cost[-1] == pytest.approx(newton_cost, rel=1e-12)
    assert f"{tumour_run(1.0, 300, OVERLAP).cost[-20:].max():.3f}" == "0.413"


def overlap_run_from(alpha, w_start, num_iters=300):
    """A run on the overlapping labels from (w_start, 0)."""
    X, _ = data.load("tumour")
    return logistic.gradient_descent(X, OVERLAP, np.full(1, w_start), 0.0, alpha, num_iters)[2]


def period(costs, longest=10):
    """The shortest p with costs[k + p] == costs[k] for all k (to 1e-5), else None."""
    for p in range(1, longest + 1):
        if np.max(np.abs(costs[p:] / costs[:-p] - 1)) < 1e-5:
            return p
    return None


def test_on_overlapping_labels_alpha_3_goes_round_a_cycle_of_four():
    """05 section 9: over the last 60 costs α = 1 has settled at 0.413 and α = 3 goes round
    a cycle of four, in the printed order, which pulls in starts moved by 1e-15 to 1e-9."""
    settled = tumour_run(1.0, 300, OVERLAP).cost[-60:]
    assert period(settled) == 1 and f"{settled[-1]:.3f}" == "0.413"
    cycle = tumour_run(3.0, 300, OVERLAP)
    assert cycle.status == "finished"
    last = cycle.cost[-60:]
    assert period(last) == 4
    assert np.round(last[-4:], 3).tolist() == [0.478, 0.586, 0.545, 0.845]
    np.testing.assert_allclose(cycle.w[-16:], cycle.w[-20:-4], rtol=1e-6)   # four points
    np.testing.assert_allclose(cycle.b[-16:], cycle.b[-20:-4], rtol=1e-6)
    assert len({round(float(w), 3) for w in cycle.w[-4:, 0]}) == 4
    for start in (1e-15, 1e-12, -1e-12, 1e-9):
        nudged = overlap_run_from(3.0, start).cost
        assert np.allclose(nudged[-20:], cycle.cost[-20:])     # the notebook's comparison
        assert period(nudged[-60:]) == 4


def test_on_overlapping_labels_alpha_10_is_chaotic_and_far_from_the_minimum():
    """05 section 9: α = 10 follows no pattern over its last 60 costs, a start moved by 1e-12
    ends elsewhere, and only the rough range holds whatever the last digits: over many
    starts a hair apart, the cost after update 20 stays far above the minimum 0.413, and
    over the last 20 updates of every run it goes down to about 1 and up to well above 4
    ("roughly between 1 and 10")."""
    wander = tumour_run(10.0, 300, OVERLAP)
    assert wander.status == "finished" and period(wander.cost[-60:]) is None
    assert not np.allclose(overlap_run_from(10.0, 1e-12).cost[-20:], wander.cost[-20:])
    for start in [k * 1e-15 for k in range(1, 41)] + [1e-12]:
        run = overlap_run_from(10.0, start)
        assert period(run.cost[-60:]) is None, start
        assert not np.allclose(run.cost[-20:], wander.cost[-20:]), start
        after = run.cost[20:]
        assert 0.6 < after.min() and after.max() < 12.5, (start, after.min(), after.max())
        assert run.cost[-20:].min() < 1.4 and run.cost[-20:].max() > 4.5, start


def test_on_overlapping_labels_alpha_10_often_ends_in_a_cycle_of_five():
    """05 section 9: given ten thousand updates, many α = 10 runs drop into one cycle of
    five costs between about 1.2 and 5 (a stable cycle: always the same five)."""
    cycles = []
    for k in range(1, 13):
        costs = overlap_run_from(10.0, k * 1e-15, 10_000).cost
        assert costs[20:].min() > 0.6
        if period(costs[-60:]) == 5:
            cycles.append(sorted(np.round(costs[-5:], 3).tolist()))
    assert len(cycles) >= 4, len(cycles)
    assert all(c == [1.169, 1.293, 1.672, 1.788, 5.01] for c in cycles), cycles


def test_explorer_answer_of_notebook_05():
    """05 section 10's answer: which rates rise, how often, where the highest spike is, the
    order of the final costs, and the slow crawl at α = 0.01."""
    from helpers.widgets import COST_SURFACE_RATES
    runs = {alpha: tumour_run(alpha) for alpha in COST_SURFACE_RATES}
    assert {a: h.rises for a, h in runs.items() if h.rises} == {3.0: 8, 10.0: 9, 20.0: 3}
    assert all(h.status == "finished" and h.cost[-1] < h.cost[0] for h in runs.values())
    peaks = {a: h.cost.max() for a, h in runs.items()}
    assert max(peaks, key=peaks.get) == 20.0 and int(np.argmax(runs[20.0].cost)) == 4
    finals = [runs[a].cost[-1] for a in COST_SURFACE_RATES]
    assert finals == sorted(finals, reverse=True)
    assert f"{runs[0.01].cost[-1]:.3g}" == "0.473"
    assert runs[20.0].w[:, 0].max() > 22      # beyond the right edge of the picture


def test_the_cost_surface_explorer_dots_only_the_marked_iterations():
    """05 section 10: dots at every update merged into a black strip; now only the
    iterations of notebook 05's figures that the path has reached get one."""
    from helpers import widgets
    built = widgets.cost_surface_explorer()
    path = next(line for line in built.figure.axes[0].lines
                if line.get_label() == "descent path")
    assert list(path.get_markevery()) == list(widgets.COST_SURFACE_MARKED)
    k = next(value for _, value in built.controls["iteration"].options if 4 < value < 300)
    built.controls["iteration"].value = k
    assert list(path.get_markevery()) == [i for i in widgets.COST_SURFACE_MARKED if i <= k]
    assert len(path.get_xdata()) == k + 1
