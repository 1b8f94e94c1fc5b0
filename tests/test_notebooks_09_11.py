"""Tests of the helpers behind notebooks 09 (feature scaling), 10 (regularisation) and
11 (non-linear boundaries): features, the k-fold split, the weight cost grid, the curvature
bound, their data and explorers' data, and every number the three notebooks state, each
recomputed here (Newton's method itself is tested with notebook 14; the exercises in
tests/checks/; the explorers in tests/test_explorers.py)."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import optimize
from sklearn.linear_model import LogisticRegression

from helpers import data, explorer, logistic, metrics, newton, widgets
from helpers.features import Standardizer, polynomial_features, polynomial_names
from helpers.model_selection import kfold_indices

ROOT = Path(__file__).resolve().parent.parent


# --- polynomial_features ----------------------------------------------------------------

@pytest.mark.parametrize("degree", [1, 2, 3, 6])
def test_polynomial_shape_and_names(degree):
    X = np.random.default_rng(degree).normal(size=(7, 2))
    P = polynomial_features(X, degree)
    count = (degree + 1) * (degree + 2) // 2 - 1
    assert P.shape == (7, count)
    assert len(polynomial_names(degree)) == count
    assert np.array_equal(P[:, :2], X)  # degree-1 columns come first, unchanged


def test_polynomial_values_and_order():
    P = polynomial_features([[2.0, 3.0], [-1.0, 0.5]], 3)
    assert polynomial_names(3) == ["x1", "x2", "x1²", "x1·x2", "x2²",
                                   "x1³", "x1²·x2", "x1·x2²", "x2³"]
    assert np.allclose(P[0], [2, 3, 4, 6, 9, 8, 12, 18, 27])
    assert np.allclose(P[1], [-1, 0.5, 1, -0.5, 0.25, -1, 0.5, -0.25, 0.125])


def test_polynomial_every_monomial_once():
    X = np.array([[2.0, 3.0]])
    exponents = {(i, j) for i in range(5) for j in range(5) if 1 <= i + j <= 4}
    expected = sorted(2.0 ** i * 3.0 ** j for i, j in exponents)
    assert np.allclose(sorted(polynomial_features(X, 4)[0]), expected)


@pytest.mark.parametrize("X, degree, message", [
    (np.ones(4), 2, "shape"),
    (np.ones((4, 3)), 2, "two features"),
    (np.ones((4, 1)), 2, "two features"),
    ([[1.0, np.nan]], 2, "NaN"),
    ([["a", "b"]], 2, "numbers"),
    (np.ones((4, 2)), 0, "degree"),
    (np.ones((4, 2)), 2.5, "degree"),
    (np.ones((4, 2)), True, "degree"),
    (np.ones((4, 2)), "2", "degree"),
])
def test_polynomial_bad_input(X, degree, message):
    with pytest.raises(ValueError, match=message):
        polynomial_features(X, degree)


def test_polynomial_names_bad_degree():
    with pytest.raises(ValueError, match="degree"):
        polynomial_names(-1)


# --- Standardizer -------------------------------------------------------------------------

def test_standardizer_mean_zero_std_one():
    X, _ = data.load("flats")
    S = Standardizer().fit_transform(X)
    assert np.allclose(S.mean(axis=0), 0, atol=1e-12)
    assert np.allclose(S.std(axis=0), 1)


def test_standardizer_transform_uses_training_statistics():
    train = np.array([[0.0, 10.0], [2.0, 30.0]])  # means (1, 20), stds (1, 10)
    scaler = Standardizer().fit(train)
    assert np.allclose(scaler.transform([[3.0, 0.0]]), [[2.0, -2.0]])


@pytest.mark.parametrize("action, message", [
    (lambda: Standardizer().transform(np.ones((2, 2))), "fit"),
    (lambda: Standardizer().fit(np.ones((3, 2))), "constant"),
    (lambda: Standardizer().fit([[1.0, 2.0], [3.0, 5.0]]).transform(np.ones((2, 3))),
     "columns"),
    (lambda: Standardizer().fit([1.0, 2.0]), "2-D"),
    (lambda: Standardizer().fit([[1.0, np.inf], [2.0, 3.0]]), "NaN"),
])
def test_standardizer_errors(action, message):
    with pytest.raises(ValueError, match=message):
        action()


# --- the regularised cost and gradient ------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_regularised_gradient_matches_central_differences(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(3, 12), rng.integers(1, 5)
    X = rng.normal(size=(m, n)) * rng.uniform(0.5, 3, n)
    y = rng.integers(0, 2, m)
    w, b, lam = rng.normal(size=n), float(rng.normal()), float(rng.uniform(0.1, 5))
    dj_dw, dj_db = logistic.gradient(X, y, w, b, lambda_=lam)
    h = 1e-6
    numeric = [(logistic.cost(X, y, w + h * e, b, lam) - logistic.cost(X, y, w - h * e, b, lam))
               / (2 * h) for e in np.eye(n)]
    assert np.allclose(dj_dw, numeric, atol=1e-7)
    numeric_b = (logistic.cost(X, y, w, b + h, lam) - logistic.cost(X, y, w, b - h, lam)) / (2 * h)
    assert dj_db == pytest.approx(numeric_b, abs=1e-7)
    # the penalty really is in there: without it the gradient differs by (λ/m) w
    assert np.allclose(dj_dw - logistic.gradient(X, y, w, b)[0], lam / m * w)


def test_penalty_leaves_b_alone():
    X, y = data.load("six_points")
    w = np.array([1.0, -2.0])
    assert logistic.cost(X, y, w, 0.7, 3.0) - logistic.cost(X, y, w, 0.7) == \
        pytest.approx(3.0 / 12 * 5.0)
    assert logistic.gradient(X, y, w, 0.7, 3.0)[1] == logistic.gradient(X, y, w, 0.7)[1]


def test_unregularised_weights_keep_growing_regularised_settle():
    X, y = data.load("six_points")
    _, _, free = logistic.gradient_descent(X, y, np.zeros(2), 0.0, 1.0, 3000)
    norms = np.linalg.norm(free.w[[30, 300, 3000]], axis=1)
    assert np.all(np.diff(norms) > 1.0), norms
    assert np.all(np.diff(np.linalg.norm(free.w[10:], axis=1)) > 0)  # after a few steps it only grows
    w, b, held = logistic.gradient_descent(X, y, np.zeros(2), 0.0, 1.0, 3000, lambda_=1.0)
    later = np.linalg.norm(held.w[[1000, 2000, 3000]], axis=1)
    assert np.ptp(later) < 1e-6
    best_w, best_b, best = newton.newton_method(X, y, np.zeros(2), 0.0, lambda_=1.0)
    assert best.status == "converged"
    assert np.allclose(w, best_w, atol=1e-6) and b == pytest.approx(best_b, abs=1e-6)


# --- the weight cost grid and the curvature bound ---------------------------------------------

def test_weight_cost_grid_matches_cost():
    X, y = data.load("flats")
    w1, w2 = np.linspace(-0.01, 0.03, 4), np.linspace(-2, 5, 3)
    J = logistic.weight_cost_grid(X, y, w1, w2, 0.5, lambda_=2.0)
    assert J.shape == (3, 4)
    for i, j in [(0, 0), (2, 3), (1, 2)]:
        assert J[i, j] == pytest.approx(logistic.cost(X, y, [w1[j], w2[i]], 0.5, 2.0))


@pytest.mark.parametrize("args, message", [
    ((np.ones((3, 1)), [0, 1, 0], [0.0], [0.0], 0.0), "two features"),
    ((np.ones((3, 2)), [0, 1, 0], [], [0.0], 0.0), "w1_values"),
    ((np.ones((3, 2)), [0, 1, 0], [0.0], [[0.0]], 0.0), "w2_values"),
    ((np.ones((3, 2)), [0, 2, 0], [0.0], [0.0], 0.0), "labels 0 and 1"),
    ((np.ones((3, 2)), [0, 1, 0], [0.0], [0.0], np.nan), "b"),
])
def test_weight_cost_grid_errors(args, message):
    with pytest.raises(ValueError, match=message):
        logistic.weight_cost_grid(*args)


def test_hessian_stays_under_the_bound_and_meets_it_at_zero():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(20, 3)) * [1.0, 5.0, 0.2]
    bound = newton.hessian_bound(X)
    X1 = np.column_stack([X, np.ones(20)])                  # bias last, as newton.hessian
    np.testing.assert_allclose(bound, X1.T @ X1 / 80)
    for w, b in [(rng.normal(size=3), 0.4), (10 * rng.normal(size=3), -3.0)]:
        gap = bound - newton.hessian(X, w, b)
        assert np.linalg.eigvalsh(gap).min() > -1e-12       # H never exceeds the bound
    np.testing.assert_allclose(newton.hessian(X, np.zeros(3), 0.0), bound)   # every f is 0.5


@pytest.mark.parametrize("X, message", [
    (np.ones(4), "2-D"),
    (np.ones((0, 2)), "m ≥ 1"),
    ([[1.0, np.nan]], "NaN"),
    ([["a", "b"]], "numbers"),
])
def test_hessian_bound_bad_input(X, message):
    with pytest.raises(ValueError, match=message):
        newton.hessian_bound(X)


def test_penalised_minimum_lands_on_a_zero_gradient():
    X, y = data.load("ring_train")
    P = Standardizer().fit_transform(polynomial_features(X, 4))
    w, b = newton.penalised_minimum(P, y, 0.01)
    dj_dw, dj_db = logistic.gradient(P, y, w, b, 0.01)
    assert np.abs(dj_dw).max() < 1e-9 and abs(dj_db) < 1e-9


def test_penalised_minimum_refuses_a_cost_without_minimum():
    X, y = data.load("six_points")                       # separable
    with pytest.raises(ValueError, match="separable"):
        newton.penalised_minimum(X, y, 0.0)


def test_lambda_and_sklearn_C_agree():
    """C = 1/λ: sklearn minimises C·Σ loss + ½‖w‖², which is (m/λ)·our J."""
    for name, lam in [("six_points", 1.0), ("six_points", 0.1), ("flats", 3.0)]:
        X, y = data.load(name)
        X = Standardizer().fit_transform(X)
        w, b, history = newton.newton_method(X, y, np.zeros(2), 0.0, lambda_=lam)
        assert history.status == "converged"
        model = LogisticRegression(C=1 / lam, tol=1e-10, max_iter=10_000).fit(X, y)
        # measured: the two agree to about 1e-7; allow 1e-5
        assert np.allclose(model.coef_[0], w, atol=1e-5)
        assert model.intercept_[0] == pytest.approx(b, abs=1e-5)


# --- data -------------------------------------------------------------------------------------

def test_data_script_reproduces_the_csv_files(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "data" / "make_scaling_and_ring.py"),
                    "--out-dir", str(tmp_path)], check=True, capture_output=True)
    for name in ("flats", "ring_train", "ring_test"):
        assert (tmp_path / f"{name}.csv").read_bytes() == data.path_of(name).read_bytes()


def test_data_shapes():
    assert data.load("flats")[0].shape == (100, 2)
    assert data.load("ring_train")[0].shape == (50, 2)
    assert data.load("ring_test")[0].shape == (200, 2)



# --- k-fold splits ----------------------------------------------------------------------------

@pytest.mark.parametrize("m, k", [(50, 5), (12, 5), (7, 2), (10, 10)])
def test_kfold_validates_every_row_once(m, k):
    folds = kfold_indices(m, k, seed=3)
    assert len(folds) == k
    held = np.concatenate([validation for _, validation in folds])
    assert sorted(held.tolist()) == list(range(m))
    sizes = [len(validation) for _, validation in folds]
    assert max(sizes) - min(sizes) <= 1
    for train, validation in folds:
        assert not set(train) & set(validation)
        assert len(train) + len(validation) == m


def test_kfold_is_seeded():
    assert all(np.array_equal(a[1], b[1]) for a, b in
               zip(kfold_indices(50, 5, 0), kfold_indices(50, 5, 0)))
    assert any(not np.array_equal(a[1], b[1]) for a, b in
               zip(kfold_indices(50, 5, 0), kfold_indices(50, 5, 1)))


@pytest.mark.parametrize("args, message", [
    ((50, 1, 0), "k"), ((5, 6, 0), "k"), ((50, 5.0, 0), "k"), ((0, 2, 0), "m"),
    (("50", 5, 0), "m"), ((50, 5, -1), "seed"), ((50, 5, None), "seed"),
])
def test_kfold_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        kfold_indices(*args)


# ---------------------------------------------------------------------------
# Every explorer cell of 09-11 runs on its own (a fresh namespace, as after a restart)
# ---------------------------------------------------------------------------

def code_cells(name):
    notebook = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text("utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


@pytest.mark.parametrize("name, builder", [
    ("09_feature_scaling", "scaling_explorer"),
    ("10_regularisation", "regularisation_explorer"),
    ("11_nonlinear_boundaries", "polynomial_explorer"),
])
def test_explorer_cell_runs_alone(name, builder):
    (source,) = [cell for cell in code_cells(name) if f"widgets.{builder}()" in cell]
    namespace = {}
    exec(compile(source, f"{name} explorer cell", "exec"), namespace)
    assert namespace["explorer"].name == builder.removesuffix("_explorer")


# ---------------------------------------------------------------------------
# Notebook 09: every number it states
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def flats():
    X, y = data.load("flats")
    scaler = Standardizer().fit(X)
    return X, y, scaler, scaler.transform(X)


def run(X, y, alpha, num_iters, **options):
    return logistic.gradient_descent(X, y, np.zeros(2), 0.0, alpha, num_iters, **options)


def slice_minimum():
    """w1 at the bottom of J along w1 (w2 = 0, b = 0) on the flats, to 1e-7."""
    X, y = data.load("flats")
    grid = np.linspace(0.0, 0.004, 40_001)
    return grid[np.argmin(logistic.weight_cost_grid(X, y, grid, [0.0], 0.0)[0])]


def test_09_section_1_alpha_0_1_swings_without_settling(flats):
    X, y, _, _ = flats
    _, _, history = run(X, y, 0.1, 1000)
    assert history.status == "finished" and history.rises == 439
    assert history.cost[1] == pytest.approx(69.9, abs=0.05)
    assert history.cost[-1] == pytest.approx(173.9, abs=0.05)
    assert explorer.cost_rises(history.cost)[-1] > 990          # still rising at the end
    dj_dw, _ = logistic.gradient(X, y, np.zeros(2), 0.0)
    assert np.round(np.abs(dj_dw), 3).tolist() == [10.754, 0.045]
    assert history.w[1, 0] == pytest.approx(1.1, abs=0.03)
    z = X @ history.w[1] + history.b[1]
    assert round(z.min()) == 54 and round(z.max()) == 264
    # each update moves w1 by at most α times the mean size, however bad the fit
    assert np.abs(np.diff(history.w[:, 0])).max() <= 0.1 * X[:, 0].mean()


def test_09_section_1_small_alpha_falls_but_hardly_moves(flats):
    X, y, _, _ = flats
    w, b, history = run(X, y, 1e-4, 1000)
    assert history.rises == 0
    assert round(history.cost[-1], 4) == 0.6834
    assert np.round(w, 4).tolist() == [0.0017, 0.0015]


def test_09_minimum_is_the_same_in_both_units(flats):
    X, y, scaler, S = flats
    w, b, history = run(S, y, 1.0, 2000)
    assert round(history.cost[-1], 4) == 0.4009
    w_raw, b_raw = w / scaler.std, b - np.sum(w * scaler.mean / scaler.std)
    assert logistic.cost(X, y, w_raw, b_raw) == pytest.approx(history.cost[-1], abs=1e-12)
    newton_cost = newton.newton_method(S, y, np.zeros(2), 0.0)[2].cost[-1]
    assert history.cost[-1] == pytest.approx(newton_cost, abs=1e-12)
    assert np.round(run(S, y, 1.0, 1000)[0], 3).tolist() == [1.941, 1.505]


def test_09_section_3_paths_stay_near_b_0(flats):
    X, y, _, S = flats
    assert round(np.abs(run(X, y, 3e-4, 300)[2].b).max(), 2) == 0.01
    assert round(np.abs(run(S, y, 1.0, 300)[2].b).max(), 2) == 0.15


SECTION_3_WINDOWS = {"unscaled": ((-0.01, 0.03), (-3, 6)), "standardised": ((-1.5, 4), (-1.5, 4))}


def test_09_section_3_the_slice_b_0_misses_the_minimum(flats):
    """The picture is the w-plane at b = 0; the minimum has b = −7.66 in the original units."""
    X, y, scaler, S = flats
    w, b, history = newton.newton_method(S, y, np.zeros(2), 0.0)
    w_raw, b_raw = w / scaler.std, b - np.sum(w * scaler.mean / scaler.std)
    assert round(b_raw, 2) == -7.66 and round(b, 2) == -0.15
    assert np.round(w_raw, 3).tolist() == [0.034, 4.76]
    assert w_raw[0] > SECTION_3_WINDOWS["unscaled"][0][1]          # right of the picture
    # the lowest cost on the slice, by a minimiser and on the figure's grid (its + marker)
    lowest = optimize.minimize(lambda v: logistic.cost(X, y, v, 0.0), [0.001, 0.5],
                               method="Nelder-Mead",
                               options={"xatol": 1e-9, "fatol": 1e-13, "maxiter": 20_000})
    assert round(lowest.fun, 3) == 0.681 and lowest.fun > history.cost[-1] + 0.25
    assert round(lowest.x[0], 4) == 0.0004 and round(lowest.x[1], 2) == 0.45
    shown = {}
    for name, features in (("unscaled", X), ("standardised", S)):
        w1, w2 = (np.linspace(*limit, 150) for limit in SECTION_3_WINDOWS[name])
        shown[name] = logistic.weight_cost_grid(features, y, w1, w2, 0.0).min()
    assert round(shown["unscaled"], 3) == 0.681 and round(shown["standardised"], 3) == 0.402
    # the unscaled path: a short dash, whose cost is already near the slice's floor
    path = run(X, y, 3e-4, 300)[2]
    assert path.w[:, 0].min() == 0 and round(path.w[:, 0].max(), 4) == 0.0032
    assert 0 <= path.w[:, 1].min() and path.w[:, 1].max() < 0.002
    assert round(path.cost[-1], 3) == 0.683


def test_09_section_4_curvatures_along_the_weights(flats):
    X, y, _, S = flats
    c = np.mean(X ** 2, axis=0) / 4
    h = 1e-5
    numeric = (logistic.cost(X, y, [h, 0.0], 0.0) - 2 * logistic.cost(X, y, [0.0, 0.0], 0.0)
               + logistic.cost(X, y, [-h, 0.0], 0.0)) / h ** 2
    assert round(numeric) == round(c[0]) == 6543
    assert round(c[1], 4) == 0.0844
    assert 77_000 < c[0] / c[1] < 78_000                       # "about 78 000"
    assert 2 / c[0] == pytest.approx(3.06e-4, rel=2e-3)
    assert 2 / c[0] * c[1] == pytest.approx(3e-5, rel=0.15)     # α·c2 ≈ 0.00003
    np.testing.assert_allclose(np.mean(S ** 2, axis=0) / 4, 0.25)   # standardised: 2/c = 8


def test_09_section_4_first_updates_along_w1(flats):
    """Short of the bottom at α·c1 = 0.65, across it but lower at 1.96, higher at 6.54."""
    X, y, _, _ = flats
    c1 = np.mean(X[:, 0] ** 2) / 4
    bottom = slice_minimum()
    assert [round(alpha * c1, 2) for alpha in (1e-4, 3e-4, 1e-3)] == [0.65, 1.96, 6.54]
    short, across, climbs = (run(X, y, alpha, 5)[2] for alpha in (1e-4, 3e-4, 1e-3))
    side = np.sign(short.w[1:, 0] - bottom)
    assert np.all(side == -1) and np.all(np.diff(short.w[:, 0]) > 0)
    side = np.sign(across.w[:, 0] - bottom)
    assert np.all(side[1:] != side[:-1])                       # jumps across every time
    assert np.all(np.diff(across.cost) < 0)                    # ... and still lands lower
    # "the jumps land far higher than the start, and the cost swings"
    assert np.round(climbs.cost, 2).tolist() == [0.69, 0.90, 2.78, 3.41, 1.23, 3.61]
    assert np.all(climbs.cost[1:] > climbs.cost[0]) and climbs.cost[4] < climbs.cost[3]
    for history in (short, across, climbs):                    # the points sit on the curve
        assert np.abs(history.w[:, 1]).max() < 1e-3 and np.abs(history.b).max() < 1e-3


def test_09_section_5_iterations_to_converge(flats):
    X, y, _, S = flats
    assert run(S, y, 1.0, 5000, tol=1e-7)[2].iterations == 114
    slow = run(X, y, 3e-4, 5000, tol=1e-7)[2]
    assert slow.status == "finished" and round(slow.cost[-1], 4) == 0.6716
    fooled = run(X, y, 3e-4, 5000, tol=1e-5)[2]
    assert fooled.status == "converged" and fooled.iterations == 30
    assert round(fooled.cost[-1], 2) == 0.68


def test_09_explorer_answer(flats):
    """What the answer under the explorer's question says, for every α of the slider."""
    X, y, _, S = flats
    minimum = newton.newton_method(S, y, np.zeros(2), 0.0)[2].cost[-1]
    assert round(minimum, 3) == 0.401
    raw = {alpha: run(X, y, alpha, 300)[2] for alpha in widgets.SCALING_RATES}
    std = {alpha: run(S, y, alpha, 300)[2] for alpha in widgets.SCALING_RATES}
    at_default = raw[1e-3]
    assert explorer.cost_rises(at_default.cost).size == 151      # about half of 300
    assert round(at_default.cost[-1], 2) == 1.67
    assert round(std[1e-3].cost[-1], 3) == 0.663
    for alpha, history in raw.items():
        behaviour = explorer.cost_behaviour(history.cost, minimum)
        if alpha <= 3e-4:
            assert history.rises == 0 and "stalls" in behaviour
            assert 0.6834 < history.cost[-1] < 0.6843                # "about 0.684"
        else:
            assert "oscillates" in behaviour and not history.diverged
    peaks = [raw[alpha].cost.max() for alpha in widgets.SCALING_RATES if alpha >= 1e-3]
    assert np.all(np.diff(peaks) > 0)                              # larger α, higher swings
    assert 4e5 < raw[100.0].cost.max() < 6e5                       # "up to about 5·10⁵"
    long = run(X, y, 100.0, 3000)[2].cost
    assert long[-500:].max() < 1.2 * long[:500].max()              # the swings do not grow
    for alpha, history in std.items():
        if alpha <= 10:
            assert history.rises == 0
        else:
            assert "oscillates" in explorer.cost_behaviour(history.cost, minimum)
        reached = abs(history.cost[-1] - minimum) < 5e-4
        assert reached == (0.3 <= alpha <= 10), alpha
    assert 10 / 3e-4 > 30_000


def test_09_explorer_unscaled_paths_leave_the_window(flats):
    X, y, _, _ = flats
    view = widgets.scaling_explorer()
    low, high = view.figure.axes[0].get_xlim()
    view.close()
    assert (low, high) == SECTION_3_WINDOWS["unscaled"][0]
    for alpha in widgets.SCALING_RATES:
        w = run(X, y, alpha, 300)[2].w
        inside = low <= w[:, 0].min() and w[:, 0].max() <= high
        assert inside == (alpha <= 3e-4), alpha
    w = run(X, y, 1e-3, 300)[2].w
    assert round(w[:, 0].min(), 2) == -0.03 and round(w[:, 0].max(), 2) == 0.06
    assert np.abs(w[:, 1]).max() < 0.01                        # one horizontal line
    w = run(X, y, 0.1, 300)[2].w
    assert w[:, 0].min() < -5 and w[:, 0].max() > 5            # several units of w1
    for alpha in widgets.SCALING_RATES:                        # w2 drifts: several lines
        drift = np.abs(run(X, y, alpha, 300)[2].w[:, 1]).max()
        assert (drift > 1) == (alpha >= 0.3) and (drift < 0.1) == (alpha <= 0.03), alpha


def test_09_quiz_scaled_sizes_lie_within_2_of_0(flats):
    X, _, _, S = flats
    assert np.abs(S[:, 0]).max() < 2
    assert round(X[:, 0].min()) == 50 and round(X[:, 0].max()) == 245


def test_09_optional_section_curvatures(flats):
    X, y, scaler, S = flats
    w, b, _ = run(S, y, 1.0, 2000)
    w_raw, b_raw = w / scaler.std, b - np.sum(w * scaler.mean / scaler.std)
    ratio = {}
    for name, features, w_min, b_min in (("unscaled", X, w_raw, b_raw),
                                         ("standardised", S, w, b)):
        for where, H in (("start", newton.hessian_bound(features)),
                         ("minimum", newton.hessian(features, w_min, b_min))):
            c = np.linalg.eigvalsh(H[:2, :2])
            ratio[name, where] = c[1] / c[0]
    assert 400 < np.sqrt(ratio["unscaled", "start"]) < 450        # "about 400"
    assert 400 < np.sqrt(ratio["unscaled", "minimum"]) < 450
    assert round(ratio["standardised", "start"], 1) == 1.1
    assert round(ratio["standardised", "minimum"], 1) == 4.3      # issue 11's ≈ 4.3
    assert round(np.sqrt(ratio["standardised", "minimum"]), 1) == 2.1   # "about 2 : 1"
    # the 2/L rule with the bound, over all three parameters
    L_raw = np.linalg.eigvalsh(newton.hessian_bound(X))[-1]
    L_std = np.linalg.eigvalsh(newton.hessian_bound(S))[-1]
    assert 2 / L_raw == pytest.approx(3.06e-4, rel=2e-3) and 3e-4 < 2 / L_raw < 1e-3
    assert 1 / L_raw == pytest.approx(1.5e-4, rel=0.03)
    assert round(2 / L_std, 1) == 7.7 and round(2 / L_std, 2) == 7.65   # section 4's "7.65"
    # at the minimum: 2/L = 10.8, between the α = 10 that converged and the 30 that did not
    L_min = np.linalg.eigvalsh(newton.hessian(S, w, b))[-1]
    assert round(L_min, 4) == 0.1852 and round(2 / L_min, 1) == 10.8
    assert 10 < 2 / L_min < 30
    # "why scaling helps": the size column's entry is about 150²/4, the ratio's about 0.3/4
    bound = newton.hessian_bound(X)
    assert 5000 < bound[0, 0] < 7000 and 0.07 < bound[1, 1] < 0.09


# ---------------------------------------------------------------------------
# Notebook 10: every number it states
# ---------------------------------------------------------------------------

def test_10_penalty_on_the_six_points():
    X, y = data.load("six_points")
    w, b, lam = np.array([2.0, 3.0]), 1.0, 0.6
    assert round(logistic.cost(X, y, w, b), 6) == 3.001384
    assert logistic.cost(X, y, w, b, lam) - logistic.cost(X, y, w, b) == pytest.approx(0.65)
    change = logistic.gradient(X, y, w, b, lam)[0] - logistic.gradient(X, y, w, b)[0]
    np.testing.assert_allclose(change, [0.2, 0.3])


def test_10_weights_grow_without_penalty_and_settle_with_one():
    X, y = data.load("six_points")
    free = run(X, y, 1.0, 10_000)[2]
    norms = np.linalg.norm(free.w[[10, 100, 1000, 10_000]], axis=1)
    assert np.round(norms, 3).tolist() == [0.696, 3.111, 7.330, 11.672]
    steps = np.diff(norms[1:])
    assert np.all((4.1 < steps) & (steps < 4.4))                 # "about 4.3" per tenfold
    f = logistic.predict_proba(X, free.w[-1], free.b[-1])
    assert f[y == 0].max() < 0.003 and f[y == 1].min() > 0.997
    held = run(X, y, 1.0, 10_000, lambda_=1.0)[2]
    norms = np.linalg.norm(held.w, axis=1)
    assert round(norms[-1], 3) == 1.166
    close = np.abs(norms - norms[-1]) < 0.01
    first = int(np.argmax(close))
    assert 100 <= first <= 120 and np.all(close[first:])         # "after about a hundred"


def test_10_penalising_b_pulls_the_boundary_to_the_origin():
    """Section 2's reason for leaving b alone, on the six points with λ = 1."""
    X, y = data.load("six_points")

    def with_b_penalised(X, lam):
        def objective(v):
            return logistic.cost(X, y, v[:2], v[2]) + lam / (2 * len(y)) * (v @ v)
        fit = optimize.minimize(objective, np.zeros(3), method="BFGS", options={"gtol": 1e-10})
        return fit.x[:2], fit.x[2]

    w, b = with_b_penalised(X, 1.0)
    w_free, b_free = newton.penalised_minimum(X, y, 1.0)
    assert round(b, 2) == -0.54 and round(b_free, 2) == -2.33
    f = logistic.predict_proba(X, w, b)
    assert np.round(f[y == 0], 3).tolist() == [0.503, 0.524, 0.544]   # the wrong side
    assert abs(b) / np.linalg.norm(w) < abs(b_free) / np.linalg.norm(w_free)  # nearer 0
    # an independent route: liblinear penalises the intercept like a weight
    model = LogisticRegression(solver="liblinear", C=1.0, tol=1e-10, max_iter=10_000).fit(X, y)
    assert model.intercept_[0] == pytest.approx(b, abs=1e-3)
    # shift every x: with b free the model just moves along, with b penalised it changes
    shifted = X + 5.0
    w_moved, b_moved = newton.penalised_minimum(shifted, y, 1.0)
    np.testing.assert_allclose(w_moved, w_free, atol=1e-8)
    w_changed, _ = with_b_penalised(shifted, 1.0)
    assert np.abs(w_changed - w).max() > 0.1


def test_10_explorer_answer():
    X, y = data.load("six_points")
    fits = {lam: newton.penalised_minimum(X, y, lam) for lam in widgets.REGULARISATION_LAMBDAS}
    norm = {lam: np.linalg.norm(w) for lam, (w, b) in fits.items()}
    # the band of the two palest shades, 0.4 < f < 0.6, is 2 ln 1.5 / ‖w‖ wide
    assert logistic.sigmoid(np.log(1.5)) == pytest.approx(0.6)
    assert round(2 * np.log(1.5), 2) == 0.81
    width = {lam: 2 * np.log(1.5) / n for lam, n in norm.items()}
    assert round(norm[0.001], 1) == 10.4 and round(width[0.001], 2) == 0.08
    assert round(norm[1.0], 2) == 1.17 and round(width[1.0], 2) == 0.70
    assert round(norm[10.0], 2) == 0.17 and round(width[10.0], 1) == 4.8
    view = widgets.regularisation_explorer()
    image = view.figure.axes[0].get_images()[0]
    assert image.get_cmap().N == 10                     # shades change every 0.1 of P
    (left, right), (bottom, top) = view.figure.axes[0].get_xlim(), view.figure.axes[0].get_ylim()
    view.close()
    assert width[10.0] > np.hypot(right - left, top - bottom)   # wider than the picture
    assert np.all(np.diff([width[lam] for lam in widgets.REGULARISATION_LAMBDAS]) > 0)
    for w, b in fits.values():                                   # always separates
        assert np.array_equal(logistic.predict(X, w, b), y)
    f = logistic.predict_proba(X, *fits[10.0])
    assert round(f.min(), 2) == 0.47 and round(f.max(), 2) == 0.53
    # a huge λ: the boundary goes through the mean of the points, at right angles to the
    # line from one class's centre to the other's
    w, b = newton.penalised_minimum(X, y, 1e4)
    assert abs(w @ X.mean(axis=0) + b) < 1e-6 * np.linalg.norm(w)
    np.testing.assert_allclose(np.round(X.mean(axis=0), 2), [1.5, 1.33])
    between = X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0)
    sine = (w[0] * between[1] - w[1] * between[0]) / (np.linalg.norm(w) * np.linalg.norm(between))
    assert abs(sine) < 1e-3


def test_10_ours_and_sklearn_agree_to_1e_8():
    X, y = data.load("six_points")
    w, b, history = run(X, y, 1.0, 2000, lambda_=1.0)
    assert round(history.cost[-1], 4) == 0.5203
    model = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(X, y)
    gap = max(np.abs(w - model.coef_[0]).max(), abs(b - model.intercept_[0]))
    assert gap < 1e-8
    assert np.round(w, 5).tolist() == [0.90412, 0.73588] and round(b, 5) == -2.33375


# ---------------------------------------------------------------------------
# Notebook 11: every number it states
# ---------------------------------------------------------------------------

def fit_as_notebook_11(features, labels, lambda_=0.0):
    """The notebook's fit(): 3000 updates of α = 1 from 0."""
    w, b, _ = logistic.gradient_descent(features, labels, np.zeros(features.shape[1]), 0.0,
                                        1.0, 3000, lambda_=lambda_)
    return w, b


@pytest.fixture(scope="module")
def ring_fits():
    return widgets.polynomial_fits(grid_size=2)["fits"]


def test_11_straight_and_curved_training_accuracy():
    X, y = data.load("ring_train")
    S = Standardizer().fit_transform(X)
    assert metrics.accuracy(y, logistic.predict(S, *fit_as_notebook_11(S, y))) == 0.72
    P = Standardizer().fit_transform(polynomial_features(X, 2))
    assert metrics.accuracy(y, logistic.predict(P, *fit_as_notebook_11(P, y, 0.01))) == 0.82
    spread = polynomial_features(X, 8).std(axis=0)
    assert round(spread.min(), 2) == 0.68 and round(spread.max()) == 147
    assert y.mean() == 0.5


def test_11_the_degree_2_ellipse_as_measured():
    """Section 4's fit (λ = 0.01): a tilted ellipse, centre about 0.3 right of the origin."""
    X, y = data.load("ring_train")
    mapped = polynomial_features(X, 2)
    scaler = Standardizer().fit(mapped)
    w, b = fit_as_notebook_11(scaler.transform(mapped), y, 0.01)
    a, c = w / scaler.std, b - np.sum(w * scaler.mean / scaler.std)   # on the raw monomials
    A = np.array([[a[2], a[3] / 2], [a[3] / 2, a[4]]])
    centre = -0.5 * np.linalg.solve(A, a[:2])
    curvatures, axes = np.linalg.eigh(A)
    assert np.all(curvatures > 0)                                      # an ellipse
    z_centre = c + 0.5 * a[:2] @ centre
    semi_axes = np.sqrt(-z_centre / curvatures)
    assert np.round(semi_axes, 2).tolist() == [1.35, 1.04]
    assert 0.25 < centre[0] < 0.3 and abs(centre[1]) < 0.05          # "about 0.3 to the right"
    tilt = np.degrees(np.arctan2(axes[1, 0], axes[0, 0])) % 90
    assert 15 < tilt < 75                                              # tilted


def test_11_the_classes_are_equally_likely_at_radius_1():
    """The generator's disc and ring (data/make_scaling_and_ring.py) cross near radius 1.0."""
    spec = importlib.util.spec_from_file_location("ring_maker",
                                                  ROOT / "data" / "make_scaling_and_ring.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    X, y = maker.make_ring(np.random.default_rng(0), 2_000_000)
    radius = np.hypot(*X.T)
    share = [y[(radius > r - 0.05) & (radius < r + 0.05)].mean() for r in (0.85, 1.0, 1.15)]
    assert share[0] < 0.45 and abs(share[1] - 0.5) < 0.05 and share[2] > 0.55
    # the ring lies about 1.6 from the origin
    assert round(np.median(radius[y == 1]), 1) == 1.6


def test_11_fold_by_hand_matches_the_explorer(ring_fits):
    X, y = data.load("ring_train")
    costs = []
    for train, held in kfold_indices(50, 5, seed=0):
        scaler = Standardizer().fit(polynomial_features(X[train], 2))
        w, b = fit_as_notebook_11(scaler.transform(polynomial_features(X[train], 2)), y[train],
                                  0.01)
        costs.append(logistic.cost(scaler.transform(polynomial_features(X[held], 2)), y[held],
                                   w, b))
    assert round(np.mean(costs), 3) == 0.678
    assert np.mean(costs) == pytest.approx(ring_fits[2, 0.01]["validation_cost"], abs=1e-4)


def test_11_cross_validation_by_an_independent_route(ring_fits):
    """The explorer's validation numbers, recomputed with scikit-learn's C = 1/λ fits."""
    X, y = data.load("ring_train")
    for degree, lam in [(2, 1.0), (3, 0.1), (8, 10.0)]:
        costs, right = [], []
        for train, held in kfold_indices(50, 5, seed=0):
            scaler = Standardizer().fit(polynomial_features(X[train], degree))
            model = LogisticRegression(C=1 / lam, tol=1e-12, max_iter=100_000).fit(
                scaler.transform(polynomial_features(X[train], degree)), y[train])
            V = scaler.transform(polynomial_features(X[held], degree))
            costs.append(logistic.cost(V, y[held], model.coef_[0], model.intercept_[0]))
            right.append(np.mean(model.predict(V) == y[held]))
        assert np.mean(costs) == pytest.approx(ring_fits[degree, lam]["validation_cost"],
                                               abs=1e-5)
        assert np.mean(right) == pytest.approx(ring_fits[degree, lam]["validation"])


def test_11_explorer_answer(ring_fits):
    f = ring_fits
    assert round(f[8, 0.0001]["train_cost"], 3) == 0.078
    assert f[8, 0.0001]["train"] == pytest.approx(0.96)
    assert round(f[8, 0.0001]["validation_cost"], 1) == 11.5
    assert f[8, 0.0001]["validation"] == pytest.approx(0.66)
    assert round(f[2, 0.0001]["train_cost"], 3) == 0.331
    assert f[2, 0.0001]["train"] == pytest.approx(0.82)
    assert round(f[2, 0.0001]["validation_cost"], 3) == 0.706
    assert f[2, 0.0001]["validation"] == pytest.approx(0.76)
    for lam in widgets.POLYNOMIAL_LAMBDAS:                      # training cost only falls
        train = [f[d, lam]["train_cost"] for d in widgets.POLYNOMIAL_DEGREES]
        assert np.all(np.diff(train) < 1e-9), lam
    valid = [f[d, 0.0001]["validation_cost"] for d in widgets.POLYNOMIAL_DEGREES]
    assert int(np.argmin(valid)) == 1 and valid[2] > 2 * valid[1]
    at_8 = [f[8, lam]["validation_cost"] for lam in widgets.POLYNOMIAL_LAMBDAS]
    assert [float(f"{v:.2g}") for v in at_8] == [12, 4.6, 2.0, 0.94, 0.56, 0.56]
    assert round(at_8[0], 1) == 11.5
    best = min(f, key=lambda key: f[key]["validation_cost"])
    assert best == (2, 1.0) and round(f[best]["validation_cost"], 3) == 0.469
    assert round(min(f[1, lam]["validation_cost"] for lam in widgets.POLYNOMIAL_LAMBDAS),
                 3) == 0.735
    stiff, right = f[2, 10.0], f[2, 1.0]
    assert round(stiff["train_cost"], 3) == 0.495 and round(stiff["validation_cost"], 2) == 0.58
    assert stiff["train_cost"] > right["train_cost"]
    assert stiff["validation_cost"] > right["validation_cost"]
    assert right["validation"] == pytest.approx(0.76)


def test_11_cost_rather_than_accuracy(ring_fits):
    """Section 5: by accuracy, degrees 5 to 8 with λ = 10 would win by one point in 50."""
    f = ring_fits
    best_accuracy = max(fit["validation"] for fit in f.values())
    winners = sorted(key for key, fit in f.items() if fit["validation"] == best_accuracy)
    assert best_accuracy == pytest.approx(0.78)
    assert winners == [(degree, 10.0) for degree in (5, 6, 7, 8)]
    assert f[2, 1.0]["validation"] == pytest.approx(0.76)
    assert round((best_accuracy - f[2, 1.0]["validation"]) * 50) == 1
    assert round(f[2, 1.0]["validation_cost"], 3) == 0.469
    assert round(min(f[key]["validation_cost"] for key in winners), 3) == 0.556


def test_11_standard_errors_of_the_accuracies(ring_fits):
    """Section 7: about 6 points for 76 % of 50, about 2.6 points for 84.5 % of 200."""
    def standard_error(p, n):
        return np.sqrt(p * (1 - p) / n)

    validation = ring_fits[2, 1.0]["validation"]
    assert validation == pytest.approx(0.76)
    assert round(100 * standard_error(validation, 50)) == 6
    test_accuracy = 169 / 200                  # pinned in test_11_the_one_look_at_the_test_set
    assert round(100 * standard_error(test_accuracy, 200), 1) == 2.6


def test_11_the_one_look_at_the_test_set():
    X, y = data.load("ring_train")
    X_test, y_test = data.load("ring_test")
    scaler = Standardizer().fit(polynomial_features(X, 2))
    train = scaler.transform(polynomial_features(X, 2))
    w, b = fit_as_notebook_11(train, y, 1.0)
    w_newton, b_newton = newton.penalised_minimum(train, y, 1.0)
    np.testing.assert_allclose(w, w_newton, atol=1e-8)          # gradient descent reached it
    assert b == pytest.approx(b_newton, abs=1e-8)
    assert metrics.accuracy(y, logistic.predict(train, w, b)) == 0.82
    test = scaler.transform(polynomial_features(X_test, 2))
    assert int(np.sum(logistic.predict(test, w, b) == y_test)) == 169


def test_polynomial_fits_never_touch_the_test_set(monkeypatch):
    loaded = []
    real_load = data.load
    monkeypatch.setattr(data, "load", lambda name: loaded.append(name) or real_load(name))
    widgets.polynomial_fits(degrees=(1,), lambdas=(1.0,), grid_size=2)
    assert loaded == ["ring_train"]
