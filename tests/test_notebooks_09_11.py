"""Tests of the helpers behind notebooks 09 (feature scaling), 10 (regularisation) and
11 (non-linear boundaries): features, the weight cost grid, the curvature bound, their data
and explorers (Newton's method itself is tested with notebook 14; the exercises in
tests/checks/)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers import data, logistic, newton, widgets
from helpers.features import Standardizer, polynomial_features, polynomial_names

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


def test_largest_learning_rates_of_notebook_09():
    """The numbers notebook 09 explains: 2/L from the bound, and the observed limits."""
    X, y = data.load("flats")
    S = Standardizer().fit_transform(X)
    L_raw = np.linalg.eigvalsh(newton.hessian_bound(X))[-1]
    L_std = np.linalg.eigvalsh(newton.hessian_bound(S))[-1]
    assert 2 / L_raw == pytest.approx(3.06e-4, rel=0.01)
    assert 2 / L_std == pytest.approx(7.65, rel=0.01)
    # standardised: converges at α = 10, overshoots for ever at α = 17.8
    assert logistic.gradient_descent(S, y, np.zeros(2), 0, 10.0, 300, tol=1e-7)[2].status \
        == "converged"
    assert logistic.gradient_descent(S, y, np.zeros(2), 0, 17.8, 300, tol=1e-7)[2].status \
        == "finished"
    # unscaled: every step lowers the cost at 1.78e-4; some overshoot at 3.16e-4, just above
    # 2/L; at 5.62e-4 the cost ends higher than it started; at 1.78e-3 the run diverges
    fine = logistic.gradient_descent(X, y, np.zeros(2), 0, 1.78e-4, 300)[2].cost
    edge = logistic.gradient_descent(X, y, np.zeros(2), 0, 3.16e-4, 300)[2].cost
    bad = logistic.gradient_descent(X, y, np.zeros(2), 0, 5.62e-4, 300)[2].cost
    assert np.all(np.diff(fine) <= 0) and np.any(np.diff(edge) > 0) and bad[-1] > bad[0]
    assert logistic.gradient_descent(X, y, np.zeros(2), 0, 1.78e-3, 300)[2].diverged


def test_notebook_09_minimum_and_its_curvature():
    """Notebook 09 finds the unpenalised minimum on the standardised flats by Newton's method;
    2/L there (about 10.8) lies between the α = 10 that converges and the 17.8 that does not."""
    X, y = data.load("flats")
    S = Standardizer().fit_transform(X)
    w, b, history = newton.newton_method(S, y, np.zeros(2), 0.0)
    assert history.status == "converged"
    assert history.cost[-1] == pytest.approx(0.400892, abs=1e-6)
    dj_dw, dj_db = logistic.gradient(S, y, w, b)
    assert np.abs(dj_dw).max() < 1e-8 and abs(dj_db) < 1e-8
    L = np.linalg.eigvalsh(newton.hessian(S, w, b))[-1]
    assert 10 < 2 / L < 17.8 and 2 / L == pytest.approx(10.8, abs=0.05)


def test_penalised_minimum_lands_on_a_zero_gradient():
    X, y = data.load("ring_train")
    P = Standardizer().fit_transform(polynomial_features(X, 4))
    w, b = widgets._penalised_minimum(P, y, 0.01)
    dj_dw, dj_db = logistic.gradient(P, y, w, b, 0.01)
    assert np.abs(dj_dw).max() < 1e-9 and abs(dj_db) < 1e-9


def test_penalised_minimum_refuses_a_cost_without_minimum():
    X, y = data.load("six_points")                       # separable
    with pytest.raises(ValueError, match="separable"):
        widgets._penalised_minimum(X, y, 0.0)


def test_lambda_and_sklearn_C_agree():
    """C = 1/λ: sklearn minimises C·Σ loss + ½‖w‖², which is (m/λ)·our J."""
    from sklearn.linear_model import LogisticRegression

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


# --- explorer data (the explorers themselves are tested in test_explorers.py) ----------

def test_polynomial_fits_under_and_over_fit():
    fits = widgets.polynomial_fits(degrees=(1, 2, 8), lambdas=(0.0001, 0.1))["fits"]
    assert fits[1, 0.1]["test"] < 0.6                      # a line cannot do it
    assert fits[2, 0.1]["test"] > 0.8                      # a conic can
    assert fits[8, 0.0001]["train"] > fits[2, 0.0001]["train"]   # degree 8 fits the noise
    assert fits[8, 0.0001]["test"] < fits[2, 0.0001]["test"] - 0.05  # ... and pays on new data
    assert fits[8, 0.1]["test"] > fits[8, 0.0001]["test"]  # the penalty rescues it
