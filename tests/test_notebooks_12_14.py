"""Tests for notebooks 12-14: helpers.softmax, the three-blob data, the breast-cancer fit,
helpers.newton. (The exercises of these notebooks are tested in tests/checks/.)"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers import data, logistic
from helpers import softmax as sm

ROOT = Path(__file__).resolve().parent.parent


def random_problem(seed, m=40, n=3, K=4):
    """A random multi-class problem with W and b away from zero."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = rng.integers(0, K, size=m)
    return X, y, rng.normal(size=(n, K)), rng.normal(size=K)


# ---------------------------------------------------------------------------
# softmax itself
# ---------------------------------------------------------------------------

def test_softmax_rows_sum_to_one_and_keep_the_order():
    Z = np.random.default_rng(1).normal(size=(6, 4)) * 5
    P = sm.softmax(Z)
    assert P.shape == Z.shape
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    assert np.all(P > 0)
    np.testing.assert_array_equal(np.argmax(P, axis=1), np.argmax(Z, axis=1))


def test_softmax_known_value():
    # e^1 / (e^0 + e^1 + e^2) computed by hand
    expected = np.e / (1 + np.e + np.e ** 2)
    assert sm.softmax([0.0, 1.0, 2.0])[1] == pytest.approx(expected, rel=1e-12)


def test_softmax_huge_logits_no_warning():
    # pytest turns warnings into errors, so an overflow would fail here
    Z = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0], [5000.0, -5000.0, 0.0]])
    P = sm.softmax(Z)
    assert np.all(np.isfinite(P))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_allclose(P[0], sm.softmax([1.0, 2.0, 0.0]))
    np.testing.assert_allclose(P[2], [1.0, 0.0, 0.0])


def test_softmax_shift_invariance():
    Z = np.array([[0.3, -1.2, 2.0]])
    np.testing.assert_allclose(sm.softmax(Z + 123.0), sm.softmax(Z))


def test_log_softmax_matches_log_of_softmax_and_stays_finite():
    Z = np.array([[0.5, 1.5, -2.0]])
    np.testing.assert_allclose(sm.log_softmax(Z), np.log(sm.softmax(Z)))
    assert np.all(np.isfinite(sm.log_softmax([[2000.0, 0.0, -2000.0]])))


def test_cost_finite_when_prediction_saturates():
    X = np.array([[1.0], [2.0]])
    W = np.array([[-1000.0, 1000.0, 0.0]])
    J = sm.cost(X, np.array([0, 0]), W, np.zeros(3))
    assert np.isfinite(J) and J == pytest.approx(3000.0)  # (2000 + 4000) / 2


# ---------------------------------------------------------------------------
# K = 2 is the binary model
# ---------------------------------------------------------------------------

def test_two_class_softmax_is_the_sigmoid():
    z = np.linspace(-30, 30, 61)
    P = sm.softmax(np.column_stack([np.zeros_like(z), z]))
    np.testing.assert_allclose(P[:, 1], logistic.sigmoid(z), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_class_cost_and_gradient_are_the_binary_ones(seed):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(25, 3)), rng.integers(0, 2, size=25)
    w, b = rng.normal(size=3), float(rng.normal())
    W, bK = np.column_stack([np.zeros(3), w]), np.array([0.0, b])
    assert sm.cost(X, y, W, bK) == pytest.approx(logistic.cost(X, y, w, b), rel=1e-12)
    dW, db = sm.gradient(X, y, W, bK)
    dw, dbin = logistic.gradient(X, y, w, b)
    np.testing.assert_allclose(dW[:, 1], dw, rtol=1e-10)
    np.testing.assert_allclose(dW[:, 0], -dw, rtol=1e-10)   # the columns' errors cancel
    assert db[1] == pytest.approx(dbin, rel=1e-10)


def test_cost_at_zero_weights_is_log_k():
    X, y, _, _ = random_problem(3, K=5)
    assert sm.cost(X, y, np.zeros((3, 5)), np.zeros(5)) == pytest.approx(np.log(5))


# ---------------------------------------------------------------------------
# the gradient against central finite differences
# ---------------------------------------------------------------------------

def numeric_gradient(X, y, W, b, h=1e-6):
    dW, db = np.zeros_like(W), np.zeros_like(b)
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = h
        dW[index] = (sm.cost(X, y, W + step, b) - sm.cost(X, y, W - step, b)) / (2 * h)
    for k in range(b.size):
        step = np.zeros_like(b)
        step[k] = h
        db[k] = (sm.cost(X, y, W, b + step) - sm.cost(X, y, W, b - step)) / (2 * h)
    return dW, db


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_gradient_matches_finite_differences(seed):
    X, y, W, b = random_problem(seed)
    dW, db = sm.gradient(X, y, W, b)
    nW, nb = numeric_gradient(X, y, W, b)
    assert dW.shape == W.shape and db.shape == b.shape
    np.testing.assert_allclose(dW, nW, atol=1e-7)
    np.testing.assert_allclose(db, nb, atol=1e-7)


def test_gradient_is_the_matrix_formula():
    X, y, W, b = random_problem(7)
    P, Y = sm.softmax(X @ W + b), sm.one_hot(y, 4)
    dW, db = sm.gradient(X, y, W, b)
    np.testing.assert_allclose(dW, X.T @ (P - Y) / len(y))
    np.testing.assert_allclose(db, (P - Y).mean(axis=0))


# ---------------------------------------------------------------------------
# gradient descent and its history
# ---------------------------------------------------------------------------

def test_gradient_descent_history_conventions():
    X, y, _, _ = random_problem(5, K=3)
    W0, b0 = np.zeros((3, 3)), np.zeros(3)
    W, b, history = sm.gradient_descent(X, y, W0, b0, alpha=0.1, num_iters=50)
    assert isinstance(history, logistic.History)
    assert history.status == "finished" and history.iterations == 50
    assert history.w.shape == (51, 3, 3) and history.b.shape == (51, 3)
    assert history.cost[0] == pytest.approx(np.log(3))
    np.testing.assert_array_equal(history.w[-1], W)
    np.testing.assert_array_equal(history.b[-1], b)
    assert history.cost[-1] == pytest.approx(sm.cost(X, y, W, b))
    assert np.all(np.diff(history.cost) < 0)
    # the first entry after the start is one step along minus the gradient
    dW, db = sm.gradient(X, y, W0, b0)
    np.testing.assert_allclose(history.w[1], -0.1 * dW)
    np.testing.assert_array_equal(W0, 0.0)  # inputs untouched


def test_gradient_descent_converges_with_tol():
    X, y = data.load_multiclass("three_blobs")
    _, _, history = sm.gradient_descent(X, y, np.zeros((2, 3)), np.zeros(3), 0.5, 5000,
                                        tol=1e-5)
    assert history.status == "converged"
    assert history.iterations < 5000
    assert "Converged after" in history.message


def test_a_too_large_learning_rate_makes_the_cost_spike_but_never_stops_the_run():
    """Features ×100 and α = 50: the cost jumps from log 3 to about 3e5 at the first update
    and swings for the whole run. It used to be stopped as "diverged" once it passed ten
    times its start; every entry of P − Y lies in [−1, 1], so each update moves W by at
    most α·√2·G (G the mean length of a row of X) and b by at most α·√2: nothing can grow
    without bound, and the run goes on to the end."""
    X, y = data.load_multiclass("three_blobs")
    X = X * 100
    alpha, num_iters = 50.0, 100
    W, b, history = sm.gradient_descent(X, y, np.zeros((2, 3)), np.zeros(3), alpha, num_iters)
    assert history.status == "finished" and not history.diverged
    assert history.iterations == num_iters and len(history.cost) == num_iters + 1
    assert np.all(np.isfinite(W)) and np.all(np.isfinite(history.cost))
    # the cost spikes far above its start (the old stopping rule would have fired) ...
    assert history.cost[1] > 1e4 * history.cost[0]
    # ... and rises again and again, which the message reports
    rises = int(np.sum(np.diff(history.cost) > 0))
    assert rises >= 10
    assert f"the cost rose at {history.rises} of the 100 updates" in history.message
    assert "overshoots" in history.message
    # every update is bounded, as the docstring argues
    G = np.mean(np.linalg.norm(X, axis=1))
    steps_W = np.linalg.norm(np.diff(history.w, axis=0).reshape(num_iters, -1), axis=1)
    steps_b = np.linalg.norm(np.diff(history.b, axis=0), axis=1)
    assert np.all(steps_W <= alpha * np.sqrt(2) * G * (1 + 1e-12))
    assert np.all(steps_b <= alpha * np.sqrt(2) * (1 + 1e-12))


def test_the_same_data_with_a_small_learning_rate_descends():
    """The contrast: on the same ×100 features a small α lowers the cost at every update."""
    X, y = data.load_multiclass("three_blobs")
    _, _, history = sm.gradient_descent(X * 100, y, np.zeros((2, 3)), np.zeros(3), 3e-5, 100)
    assert history.rises == 0 and history.cost[-1] < 0.7 * history.cost[0]


# ---------------------------------------------------------------------------
# every ValueError message
# ---------------------------------------------------------------------------

X3, y3 = np.ones((4, 2)), np.array([0, 1, 2, 1])
W3, b3 = np.zeros((2, 3)), np.zeros(3)


@pytest.mark.parametrize("call, message", [
    (lambda: sm.softmax([[1.0, np.nan]]), "Z contains NaN or infinite"),
    (lambda: sm.softmax("abc"), "Z must contain numbers"),
    (lambda: sm.softmax(np.ones((2, 2, 2))), "Z must be a row of K scores"),
    (lambda: sm.softmax(np.ones((2, 0))), "Z must be a row of K scores"),
    (lambda: sm.log_softmax(np.ones((2, 2, 2))), "Z must be a row of K scores"),
    (lambda: sm.cost(np.ones(4), y3, W3, b3), "X must be a 2-D array"),
    (lambda: sm.cost([["a", "b"]], [0], W3, b3), "X must be a 2-D array of numbers"),
    (lambda: sm.cost(np.ones((0, 2)), [], W3, b3), "at least one row"),
    (lambda: sm.cost(X3, y3, np.zeros((3, 3)), b3), r"W must have shape \(2, K\)"),
    (lambda: sm.cost(X3, y3, np.zeros(2), b3), r"W must have shape \(2, K\)"),
    (lambda: sm.cost(X3, y3, np.zeros((2, 1)), np.zeros(1)), "at least 2"),
    (lambda: sm.cost(X3, y3, W3, np.zeros(2)), r"b must have shape \(3,\)"),
    (lambda: sm.cost(X3, y3, W3 + np.inf, b3), "W contains NaN or infinite"),
    (lambda: sm.cost(X3, y3, W3, b3 + np.nan), "b contains NaN or infinite"),
    (lambda: sm.cost(X3, np.array([0, 1, 3, 1]), W3, b3), r"integer labels 0\.\.2"),
    (lambda: sm.cost(X3, np.array([0, 1, 0.5, 1]), W3, b3), "integer labels"),
    (lambda: sm.cost(X3, np.array([0, -1, 2, 1]), W3, b3), "integer labels"),
    (lambda: sm.cost(X3, np.array([0, 1, 2]), W3, b3), "X has 4 rows but y has 3"),
    (lambda: sm.cost(X3, y3.reshape(-1, 1), W3, b3), "y must be 1-D"),
    (lambda: sm.cost(X3, ["a", "b", "c", "d"], W3, b3), "integer class labels"),
    (lambda: sm.cost(np.array([[np.nan, 1.0]] * 4), y3, W3 + 1, b3), r"X contains NaN.*rows \[0, 1, 2, 3\]"),
    (lambda: sm.cost(np.full((4, 2), 1e308), y3, W3 + 10, b3), "overflowed"),
    (lambda: sm.gradient(X3, y3, W3, np.zeros(4)), r"b must have shape \(3,\)"),
    (lambda: sm.predict(X3, np.zeros((5, 3)), b3), r"W must have shape \(2, K\)"),
    (lambda: sm.predict_proba(X3, W3, np.zeros((1, 3))), r"b must have shape"),
    (lambda: sm.gradient_descent(X3, y3, W3, b3, 0.0, 10), "alpha .* positive finite"),
    (lambda: sm.gradient_descent(X3, y3, W3, b3, np.inf, 10), "alpha .* positive finite"),
    (lambda: sm.gradient_descent(X3, y3, W3, b3, "fast", 10), "alpha .* positive finite"),
    (lambda: sm.gradient_descent(X3, y3, W3, b3, 0.1, 0), "num_iters must be a whole number"),
    (lambda: sm.gradient_descent(X3, y3, W3, b3, 0.1, 2.5), "num_iters must be a whole number"),
    (lambda: sm.gradient_descent(X3, y3, W3, b3, 0.1, 10, tol=-1), "tol must be a positive"),
    (lambda: sm.gradient_descent(np.array([[1.0, np.inf]] * 4), y3, W3, b3, 0.1, 5),
     "X contains NaN or infinite"),
    (lambda: sm.one_hot([0, 3], 3), r"integer labels 0\.\.2"),
    (lambda: sm.one_hot([0, 1], 1), "num_classes must be a whole number of at least 2"),
    (lambda: sm.one_hot([0, 1], 2.0), "num_classes must be a whole number"),
    (lambda: sm.one_vs_rest(X3, [0, 1, 2], 0.1, 5), "X has 4 rows but y has 3"),
    (lambda: sm.one_vs_rest(X3, [0, 1, 2, 7], 0.1, 5, num_classes=3), r"0\.\.2"),
    (lambda: sm.one_vs_rest(X3, [0, 0, 0, 0], 0.1, 5), "at least 2"),
    (lambda: sm.one_vs_rest(X3, [0, -1, 0, 1], 0.1, 5), "integer labels"),
    (lambda: sm.one_vs_rest(X3, y3, -0.1, 5), "alpha .* positive finite"),
    (lambda: sm.accuracy([0, 1], [0, 1, 1]), "same non-zero length"),
])
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---------------------------------------------------------------------------
# the three blobs: data script, loader, softmax vs one-vs-rest
# ---------------------------------------------------------------------------

def test_data_script_regenerates_an_identical_file(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "data" / "make_three_blobs.py"),
                    "--out-dir", str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path / "three_blobs.csv").read_bytes() == \
        (ROOT / "data" / "three_blobs.csv").read_bytes()


def test_load_multiclass_and_load_unchanged():
    X, y = data.load_multiclass("three_blobs")
    assert X.shape == (180, 2) and y.dtype.kind == "i"
    np.testing.assert_array_equal(np.bincount(y), [60, 60, 60])
    with pytest.raises(ValueError, match="only 0 and 1"):
        data.load("three_blobs")
    X6, y6 = data.load_multiclass("six_points")        # binary files load either way
    np.testing.assert_array_equal(y6, data.load("six_points")[1])
    with pytest.raises(ValueError, match="no data set called"):
        data.load_multiclass("no_such_file")


def test_load_multiclass_rejects_non_integer_labels(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x1,y\n0.5,1.5\n1.0,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="integer class labels"):
        data.read_csv(path, multiclass=True)


@pytest.fixture(scope="module")
def blobs_fits():
    X, y = data.load_multiclass("three_blobs")
    W, b, history = sm.gradient_descent(X, y, np.zeros((2, 3)), np.zeros(3), 0.5, 3000)
    W_ovr, b_ovr, histories = sm.one_vs_rest(X, y, 0.5, 3000)
    return X, y, W, b, history, W_ovr, b_ovr, histories


def test_softmax_accuracy_on_the_blobs(blobs_fits):
    X, y, W, b, history, *_ = blobs_fits
    assert history.status == "finished"
    assert sm.accuracy(y, sm.predict(X, W, b)) == pytest.approx(170 / 180)
    assert history.cost[-1] == pytest.approx(0.149522, abs=1e-5)


def test_one_vs_rest_accuracy_on_the_blobs(blobs_fits):
    X, y, _, _, _, W_ovr, b_ovr, histories = blobs_fits
    assert len(histories) == 3 and all(h.status == "finished" for h in histories)
    assert sm.accuracy(y, sm.one_vs_rest_predict(X, W_ovr, b_ovr)) == pytest.approx(168 / 180)
    # column k is the binary model "class k vs the rest", trained from zeros
    w0, b0, _ = logistic.gradient_descent(X, (y == 0).astype(int), np.zeros(2), 0.0, 0.5, 3000)
    np.testing.assert_allclose(W_ovr[:, 0], w0)
    assert b_ovr[0] == pytest.approx(b0)
    # the binary probabilities need not sum to 1
    P = sm.one_vs_rest_proba(np.array([[2.5, 2.5]]), W_ovr, b_ovr)
    assert abs(P.sum() - 1) > 0.3


def test_notebook_12_numbers_between_the_clouds(blobs_fits):
    """Section 6: the two models at (2.5, 2.5); section 7: 5 % of the grid disagrees."""
    from helpers import geometry

    X, _, W, b, _, W_ovr, b_ovr, _ = blobs_fits
    middle = np.array([[2.5, 2.5]])
    np.testing.assert_allclose(sm.predict_proba(middle, W, b).round(3), [[0.082, 0.144, 0.774]])
    ovr = sm.one_vs_rest_proba(middle, W_ovr, b_ovr)
    np.testing.assert_allclose(ovr.round(3), [[0.034, 0.037, 0.32]])
    assert round(float(ovr.sum()), 3) == 0.391
    x1, x2, grid = geometry.grid_around(X)
    disagree = np.mean(sm.predict(grid, W, b) != sm.one_vs_rest_predict(grid, W_ovr, b_ovr))
    assert f"{disagree:.0%}" == "5%"


def test_notebook_12_where_the_two_models_disagree(blobs_fits):
    """Section 7: only 2 data points are classified differently, both near the middle; 86 %
    of the grid where the models disagree is the upper-left wedge between the class 0/2
    borders (softmax's class 0 against one-vs-rest's 2), and one data point lies in it."""
    from helpers import geometry

    X, _, W, b, _, W_ovr, b_ovr, _ = blobs_fits
    ours, theirs = sm.predict(X, W, b), sm.one_vs_rest_predict(X, W_ovr, b_ovr)
    assert np.sum(ours != theirs) == 2
    assert np.all(np.linalg.norm(X[ours != theirs] - [2.0, 2.5], axis=1) < 1.0)
    assert np.sum((ours == 0) & (theirs == 2)) == 1
    x1, x2, grid = geometry.grid_around(X)
    on_grid, theirs_grid = sm.predict(grid, W, b), sm.one_vs_rest_predict(grid, W_ovr, b_ovr)
    differ = on_grid != theirs_grid
    wedge = (on_grid == 0) & (theirs_grid == 2)
    assert f"{np.sum(wedge) / np.sum(differ):.0%}" == "86%"
    assert grid[wedge, 1].min() > 2.3 and grid[wedge, 0].max() < 2.0   # above, to the left


def test_notebook_12_explorer_accuracy_and_the_longer_run(blobs_fits):
    """Section 8's answer: at the explorer's stops (every 10 iterations of 600) the training
    accuracy is 168 of 180 at 60 and from 110 on; the same run continued reaches 169 at
    iteration 643 and 170 from 1171 on; the cost falls from 0.239 (110) to 0.167 (600); the
    class 0/2 border turns by more than 50° between iterations 10 and 600."""
    X, y, _, _, history, *_ = blobs_fits
    correct = [int(np.sum(sm.predict(X, history.w[k], history.b[k]) == y))
               for k in range(3001)]
    stops = {k: correct[k] for k in range(0, 601, 10)}
    assert stops[60] == 168 and max(stops.values()) == 168
    assert all(stops[k] == 168 for k in range(110, 601, 10)) and stops[100] != 168
    assert max(correct[:643]) == 168 and correct[643] == 169
    assert correct[1170] != 170 and set(correct[1171:]) == {170}
    assert round(170 / 180, 3) == 0.944
    assert round(float(history.cost[110]), 3) == 0.239
    assert round(float(history.cost[600]), 3) == 0.167

    def direction(k):
        d = history.w[k][:, 0] - history.w[k][:, 2]
        return np.degrees(np.arctan2(d[1], d[0]))
    assert abs(direction(600) - direction(10)) > 50


def test_predict_is_the_argmax_of_predict_proba(blobs_fits):
    X, _, W, b, *_ = blobs_fits
    np.testing.assert_array_equal(sm.predict(X, W, b), np.argmax(sm.predict_proba(X, W, b), 1))


# ---------------------------------------------------------------------------
# 13: the breast-cancer data end to end
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cancer_split():
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    from helpers.features import Standardizer

    cancer = load_breast_cancer()
    X, y = cancer.data, 1 - cancer.target
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=0)
    scaler = Standardizer().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def test_breast_cancer_split_is_stratified(cancer_split):
    _, _, y_train, y_test = cancer_split
    assert (len(y_train), len(y_test)) == (426, 143)
    assert (y_train.sum(), y_test.sum()) == (159, 53)      # 212 malignant in all


def test_breast_cancer_data_description():
    """Section 1: the "worst" value is the mean of the three largest, as the data's own
    description says; 569 rows, 212 malignant."""
    from sklearn.datasets import load_breast_cancer

    cancer = load_breast_cancer()
    assert "mean of the three\n    worst/largest values" in cancer.DESCR
    assert cancer.data.shape == (569, 30) and int((cancer.target == 0).sum()) == 212


def from_scratch(X_fit, y_fit, X_predict):
    """Notebook 13's section 4 fit as section 5 hands it to out_of_fold_proba."""
    w, b, _ = logistic.gradient_descent(X_fit, y_fit, np.zeros(X_fit.shape[1]), 0.0, 0.5, 2000)
    return logistic.predict_proba(X_predict, w, b)


def scikit_learn_c1e4(X_fit, y_fit, X_predict):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e4, max_iter=1000).fit(X_fit, y_fit)   # warnings are errors
    return model.predict_proba(X_predict)[:, 1]


def test_breast_cancer_held_out_predictions_ours_beside_sklearn(raw_cancer_split):
    """Section 5: held-out accuracy 0.977 and 0.965; 9 disagreements, ours right on 7; a
    split at least that lopsided has probability 18 % under coin tosses. Section 6: the
    confusion counts of our held-out predictions."""
    from math import comb

    from helpers import metrics, model_selection

    X_train, _, y_train, _ = raw_cancer_split
    ours = (model_selection.out_of_fold_proba(X_train, y_train, fit_predict=from_scratch)
            >= 0.5).astype(int)
    theirs = (model_selection.out_of_fold_proba(X_train, y_train,
                                                fit_predict=scikit_learn_c1e4) >= 0.5).astype(int)
    assert np.sum(ours == y_train) == 416 and round(416 / 426, 3) == 0.977
    assert np.sum(theirs == y_train) == 411 and round(411 / 426, 3) == 0.965
    differ = ours != theirs
    assert differ.sum() == 9 and np.sum(ours[differ] == y_train[differ]) == 7
    lopsided = 2 * sum(comb(9, k) for k in (7, 8, 9)) / 2 ** 9
    assert lopsided == 2 * (36 + 9 + 1) / 512 and f"{lopsided:.0%}" == "18%"
    assert metrics.confusion_counts(y_train, ours).tolist() == [[263, 4], [6, 153]]


def test_breast_cancer_the_small_penalty_stops_scikit_learn_s_weights(cancer_split):
    """Section 5: C = 1e4 is λ = 1e-4; solved tightly its minimum has largest |w| 43 (the
    gradient of our cost with that λ vanishes there); scikit-learn's default tolerance
    stops after a few dozen iterations at 51, past it; ours stops at 2.4."""
    from sklearn.linear_model import LogisticRegression

    X_train, _, y_train, _ = cancer_split
    sk = LogisticRegression(C=1e4, max_iter=1000).fit(X_train, y_train)
    tight = LogisticRegression(C=1e4, tol=1e-12, max_iter=100_000).fit(X_train, y_train)
    assert round(float(np.abs(sk.coef_).max())) == 51 and 24 <= sk.n_iter_[0] < 100
    assert round(float(np.abs(tight.coef_).max())) == 43
    dj_dw, dj_db = logistic.gradient(X_train, y_train, tight.coef_[0], tight.intercept_[0],
                                     lambda_=1e-4)
    assert np.abs(dj_dw).max() < 1e-7 and abs(dj_db) < 1e-7
    # without the penalty, the same point is not a minimum: the cost still falls outwards
    J = logistic.cost(X_train, y_train, tight.coef_[0], tight.intercept_[0])
    assert logistic.cost(X_train, y_train, 2 * tight.coef_[0], 2 * tight.intercept_[0]) < J
    w, b, _ = logistic.gradient_descent(X_train, y_train, np.zeros(30), 0.0, 0.5, 2000)
    assert round(float(np.abs(w).max()), 1) == 2.4


def test_breast_cancer_l2_matches_sklearn_default(cancer_split):
    from sklearn.linear_model import LogisticRegression

    X_train, _, y_train, _ = cancer_split
    w, b, _ = logistic.gradient_descent(X_train, y_train, np.zeros(30), 0.0, 0.5, 3000,
                                        lambda_=1.0)
    sk = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    np.testing.assert_allclose(w, sk.coef_[0], atol=0.05)
    assert b == pytest.approx(sk.intercept_[0], abs=0.05)


def test_odds_ratio_bars_draws_one_bar_per_feature():
    from matplotlib.figure import Figure

    from helpers import plots

    ax = Figure().subplots()
    bars = plots.odds_ratio_bars(["a", "b", "c"], [4.0, 0.5, 1.5], ax=ax)
    assert len(bars) == 3
    widths = [bar.get_width() for bar in bars]
    np.testing.assert_allclose(widths, [3.0, -0.5, 0.5])   # bars start at 1
    assert ax.get_xscale() == "log"


def test_odds_ratio_axis_is_labelled_on_both_sides_of_one():
    """Notebook 13's eight largest effects reach from 0.19 to 10.9: labels at 0.2, 0.5, 1, 2,
    5 and 10 let each bar's end be read; no minor tick is labelled."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers import plots

    figure = Figure()
    ax = figure.subplots()
    plots.odds_ratio_bars(list("abcd"), [10.91, 0.19, 5.37, 4.3], ax=ax)
    FigureCanvasAgg(figure).draw()
    low, high = ax.get_xlim()
    shown = [float(t.get_text()) for t in ax.get_xticklabels()
             if t.get_text() and low <= t.get_position()[0] <= high]
    assert shown == [0.2, 0.5, 1.0, 2.0, 5.0, 10.0]
    assert not any(t.get_text() for t in ax.xaxis.get_minorticklabels())


def test_early_stopping_keeps_the_weights_small(cancer_split):
    """Section 4: the longer the unpenalised run, the larger the weights (the printed table)."""
    X_train, _, y_train, _ = cancer_split
    w, b, history = logistic.gradient_descent(X_train, y_train, np.zeros(30), 0.0, 0.5, 2000)
    largest = [round(float(np.abs(history.w[k]).max()), 2) for k in (100, 500, 1000, 2000)]
    costs = [round(float(history.cost[k]), 4) for k in (100, 500, 1000, 2000)]
    assert largest == [0.74, 1.39, 1.82, 2.39]
    assert costs == [0.0666, 0.0509, 0.0460, 0.0413]


@pytest.fixture(scope="module")
def raw_cancer_split():
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    cancer = load_breast_cancer()
    y = 1 - cancer.target
    return train_test_split(cancer.data, y, test_size=0.25, stratify=y, random_state=0)


THRESHOLDS = np.round(np.arange(0.1, 1.0, 0.1), 1)


def test_cross_validation_chooses_the_threshold_the_notebook_says(raw_cancer_split):
    """Section 9's table, the choice t = 0.4, t = 0.3 three weighted errors behind and
    chosen by other folds (seed 4); the folds' sizes and malignant shares."""
    from helpers import model_selection

    X_train, _, y_train, _ = raw_cancer_split
    proba = model_selection.out_of_fold_proba(X_train, y_train)
    missed, false_alarms = model_selection.error_counts(y_train, proba, THRESHOLDS)
    assert missed.tolist() == [4, 5, 5, 5, 6, 8, 11, 16, 22]
    assert false_alarms.tolist() == [28, 12, 8, 5, 4, 0, 0, 0, 0]
    best, errors = model_selection.choose_threshold(X_train, y_train, THRESHOLDS)
    assert best == 0.4 and errors.tolist() == [48, 37, 33, 30, 34, 40, 55, 80, 110]
    other = model_selection.out_of_fold_proba(X_train, y_train, seed=4)
    other_errors = model_selection.weighted_errors(y_train, other, THRESHOLDS)
    assert THRESHOLDS[np.argmin(other_errors)] == 0.3
    sizes = [(len(fit), len(check), round(float(y_train[check].mean()), 3))
             for fit, check in model_selection.folds().split(X_train, y_train)]
    assert sizes == [(340, 86, 0.372), (341, 85, 0.365), (341, 85, 0.376), (341, 85, 0.376),
                     (341, 85, 0.376)]


def test_out_of_fold_predictions_never_see_their_own_row(raw_cancer_split):
    """Each row's probability comes from the scaler and model of the other folds, fold by
    fold recomputed by hand; every row is checked exactly once."""
    from sklearn.linear_model import LogisticRegression

    from helpers import model_selection
    from helpers.features import Standardizer

    X_train, _, y_train, _ = raw_cancer_split
    proba = model_selection.out_of_fold_proba(X_train, y_train)
    checked = np.zeros(len(y_train), dtype=int)
    for fit_rows, check_rows in model_selection.folds().split(X_train, y_train):
        assert not set(fit_rows) & set(check_rows)
        scaler = Standardizer().fit(X_train[fit_rows])
        model = LogisticRegression().fit(scaler.transform(X_train[fit_rows]), y_train[fit_rows])
        np.testing.assert_allclose(
            proba[check_rows], model.predict_proba(scaler.transform(X_train[check_rows]))[:, 1])
        checked[check_rows] += 1
    assert np.all(checked == 1)


def test_the_test_set_once_at_the_chosen_threshold(raw_cancer_split, cancer_split):
    """Section 10: section 8's model at t = 0.4 on the test set, and the precision and
    recall the exercise's follow-up prints."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_score, recall_score

    from helpers import metrics
    from helpers.checks import nb13_breast_cancer

    X_train, X_test, y_train, y_test = cancer_split
    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    predicted = (model.predict_proba(X_test)[:, 1] >= 0.4).astype(int)
    counts = metrics.confusion_counts(y_test, predicted)
    assert counts.tolist() == [[87, 3], [2, 51]]
    assert metrics.accuracy(y_test, predicted) == pytest.approx(138 / 143)
    precision, recall = nb13_breast_cancer.precision_recall.answer(counts)
    assert precision == pytest.approx(precision_score(y_test, predicted)) == pytest.approx(51 / 54)
    assert recall == pytest.approx(recall_score(y_test, predicted)) == pytest.approx(51 / 53)
    # the same model inside the folds: scikit-learn's default stops in time, as max_iter=1000
    default = LogisticRegression().fit(X_train, y_train)
    np.testing.assert_allclose(default.coef_, model.coef_)
    # after the choice, for the record: t = 0.5 would have missed as few, with no false alarm
    at_default = (model.predict_proba(X_test)[:, 1] >= 0.5).astype(int)
    assert metrics.confusion_counts(y_test, at_default).tolist() == [[90, 0], [2, 51]]
    assert round(metrics.accuracy(y_test, at_default), 3) == 0.986


def test_section_8_model_does_as_well_on_held_out_predictions(raw_cancer_split):
    """Section 8: the default model's held-out accuracy at t = 0.5 is 0.977, like ours; its
    held-out counts at 0.4 and 0.5 differ by one missed cancer (section 10's remark)."""
    from helpers import metrics, model_selection

    X_train, _, y_train, _ = raw_cancer_split
    held_out = model_selection.out_of_fold_proba(X_train, y_train)
    assert round(metrics.accuracy(y_train, (held_out >= 0.5).astype(int)), 3) == 0.977
    missed, _ = model_selection.error_counts(y_train, held_out, [0.4, 0.5])
    assert missed.tolist() == [5, 6]


def test_out_of_fold_proba_wants_a_function():
    from helpers import model_selection

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 3)), np.r_[np.zeros(15), np.ones(15)]
    with pytest.raises(TypeError, match="fit_predict must be a function"):
        model_selection.out_of_fold_proba(X, y, fit_predict="LogisticRegression")


def test_out_of_fold_proba_hands_each_round_its_scaled_rows(raw_cancer_split):
    """fit_predict gets the round's training rows and validation rows, scaled with the
    training rows' statistics; the default is the recipe's LogisticRegression()."""
    from helpers import model_selection

    X_train, _, y_train, _ = raw_cancer_split
    seen = []

    def recording(X_fit, y_fit, X_predict):
        seen.append((X_fit.shape[0], X_predict.shape[0], float(np.abs(X_fit.mean(0)).max())))
        return model_selection.penalised_model(X_fit, y_fit, X_predict)

    proba = model_selection.out_of_fold_proba(X_train, y_train, fit_predict=recording)
    np.testing.assert_array_equal(proba, model_selection.out_of_fold_proba(X_train, y_train))
    assert [(fit, predict) for fit, predict, _ in seen] == [(340, 86)] + [(341, 85)] * 4
    assert max(mean for *_, mean in seen) < 1e-12          # standardised on its own rows


@pytest.mark.parametrize("call, message", [
    (lambda ms, X, y: ms.folds(n_splits=1), "n_splits must be a whole number of at least 2"),
    (lambda ms, X, y: ms.folds(seed=-1), "seed must be a whole number of at least 0"),
    (lambda ms, X, y: ms.folds(seed="0"), "seed must be a whole number"),
    (lambda ms, X, y: ms.out_of_fold_proba(X[:, 0], y), "X must be a 2-D array"),
    (lambda ms, X, y: ms.out_of_fold_proba(X, y[:-1]), "X has 30 rows but y has 29"),
    (lambda ms, X, y: ms.out_of_fold_proba(X, y + 1), "only the labels 0 and 1"),
    (lambda ms, X, y: ms.out_of_fold_proba(X, np.r_[np.zeros(27), np.ones(3)]),
     "at least n_splits = 5 examples of each class"),
    (lambda ms, X, y: ms.out_of_fold_proba(np.where(X > 1, np.nan, X), y), "X contains NaN"),
    (lambda ms, X, y: ms.error_counts(y, np.full(29, 0.5), [0.5]), "one probability per label"),
    (lambda ms, X, y: ms.error_counts(y, np.full(30, 0.5), []), "non-empty list"),
    (lambda ms, X, y: ms.error_counts(y, np.full(30, 0.5), [0.5, 1.0]),
     "strictly between 0 and 1"),
    (lambda ms, X, y: ms.error_counts(y, np.full(30, 0.5), "0.5"), "thresholds must contain"),
    (lambda ms, X, y: ms.weighted_errors(y, np.full(30, 0.5), [0.5], miss_weight=0),
     "miss_weight must be a positive"),
    (lambda ms, X, y: ms.choose_threshold(X, y, [[0.5]]), "non-empty list"),
    (lambda ms, X, y: ms.out_of_fold_proba(X, y, fit_predict=lambda a, b, c: np.full(3, 0.5)),
     r"one probability per row to predict, shape \(6,\)"),
    (lambda ms, X, y: ms.out_of_fold_proba(X, y, fit_predict=lambda a, b, c: c[:, 0]),
     "probabilities between 0 and 1"),
    (lambda ms, X, y: ms.out_of_fold_proba(
        X, y, fit_predict=lambda a, b, c: np.full(len(c), np.nan)), "contains NaN or infinite"),
])
def test_model_selection_bad_input_raises_a_clear_error(call, message):
    from helpers import model_selection

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 3)), np.r_[np.zeros(15), np.ones(15)]
    with pytest.raises(ValueError, match=message):
        call(model_selection, X, y)


# ---------------------------------------------------------------------------
# 14: Newton's method
# ---------------------------------------------------------------------------

def noisy_problem(seed=0, m=80, n=3):
    """Overlapping classes (labels drawn from a logistic model), so the minimum is finite."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = (rng.random(m) < logistic.sigmoid(X @ np.array([1.0, -2.0, 0.5][:n]) + 0.3)).astype(int)
    return X, y


@pytest.mark.parametrize("seed", [0, 1])
def test_hessian_matches_finite_differences_of_the_gradient(seed):
    from helpers import newton

    X, y = noisy_problem(seed)
    rng = np.random.default_rng(seed + 10)
    w, b = rng.normal(size=3), float(rng.normal())
    H = newton.hessian(X, w, b, lambda_=0.7)
    h = 1e-6
    theta = np.append(w, b)

    def grad(theta):
        dw, db = logistic.gradient(X, y, theta[:3], theta[3], lambda_=0.7)
        return np.append(dw, db)

    numeric = np.column_stack([(grad(theta + h * e) - grad(theta - h * e)) / (2 * h)
                               for e in np.eye(4)])
    np.testing.assert_allclose(H, numeric, atol=1e-7)
    assert np.allclose(H, H.T) and np.linalg.eigvalsh(H).min() > 0


def test_hessian_is_the_matrix_formula():
    from helpers import newton

    X, _ = noisy_problem(2)
    w, b = np.array([0.3, 0.1, -0.2]), -0.4
    f = logistic.sigmoid(X @ w + b)
    X1 = np.column_stack([X, np.ones(len(X))])
    np.testing.assert_allclose(newton.hessian(X, w, b), X1.T @ np.diag(f * (1 - f)) @ X1 / len(X))


def test_newton_converges_to_the_gradient_descent_solution():
    from helpers import newton

    X, y = noisy_problem(3)
    w_gd, b_gd, gd = logistic.gradient_descent(X, y, np.zeros(3), 0.0, 1.0, 20_000, tol=1e-15)
    w_nt, b_nt, nt = newton.newton_method(X, y, np.zeros(3), 0.0)
    assert nt.status == "converged" and nt.iterations <= 10
    assert gd.iterations > 20 * nt.iterations
    np.testing.assert_allclose(w_nt, w_gd, atol=1e-5)
    assert b_nt == pytest.approx(b_gd, abs=1e-5)
    # the history follows the gradient_descent conventions
    assert nt.cost[0] == pytest.approx(np.log(2))
    np.testing.assert_array_equal(nt.w[-1], w_nt)
    assert nt.b[-1] == b_nt and len(nt.w) == len(nt.cost) == nt.iterations + 1
    # the first Newton step from zeros is -H⁻¹g
    H = newton.hessian(X, np.zeros(3), 0.0)
    dw, db = logistic.gradient(X, y, np.zeros(3), 0.0)
    np.testing.assert_allclose(np.append(nt.w[1], nt.b[1]), -np.linalg.solve(H, np.append(dw, db)))


def test_newton_on_breast_cancer_with_l2_matches_sklearn(cancer_split):
    from sklearn.linear_model import LogisticRegression

    from helpers import newton

    X_train, _, y_train, _ = cancer_split
    w, b, history = newton.newton_method(X_train, y_train, np.zeros(30), 0.0, lambda_=1.0)
    assert history.status == "converged" and history.iterations <= 12
    assert history.cost[-1] == pytest.approx(0.068403, abs=1e-6)
    sk = LogisticRegression(C=1.0, tol=1e-10, max_iter=1000).fit(X_train, y_train)
    np.testing.assert_allclose(w, sk.coef_[0], atol=1e-4)
    assert 10 < sk.n_iter_[0] < 200            # lbfgs: between Newton and gradient descent


def test_newton_stops_and_says_so_on_separable_data(cancer_split):
    from helpers import newton

    X_train, _, y_train, _ = cancer_split
    w, b, history = newton.newton_method(X_train, y_train, np.zeros(30), 0.0)
    assert history.status == "diverged"
    assert "separable" in history.message and "lambda_" in history.message
    # it stops at the first point that separates the classes, not before
    assert np.all(logistic.predict(X_train, w, b) == y_train)
    assert np.any(logistic.predict(X_train, history.w[-2], history.b[-2]) != y_train)
    assert np.all(np.isfinite(w)) and np.all(np.diff(history.cost) < 0)


def test_newton_stops_on_a_singular_hessian():
    from helpers import newton

    X, y = noisy_problem(5, n=2)
    copied = np.column_stack([X[:, 0], X[:, 0]])            # two identical features
    _, _, history = newton.newton_method(copied, y, np.zeros(2), 0.0)
    assert history.status == "ill-conditioned" and "singular" in history.message
    assert history.iterations == 0
    _, _, penalised = newton.newton_method(copied, y, np.zeros(2), 0.0, lambda_=0.1)
    assert penalised.status == "converged"


def test_notebook_14_race_table(cancer_split):
    """Section 3: iterations to come within ε of J*, gradient descent's stop at about 5,400."""
    from helpers import newton

    X_train, _, y_train, _ = cancer_split
    _, _, nt = newton.newton_method(X_train, y_train, np.zeros(30), 0.0, lambda_=1.0)
    _, _, gd = logistic.gradient_descent(X_train, y_train, np.zeros(30), 0.0, 0.5, 10_000,
                                         lambda_=1.0, tol=1e-12)
    assert nt.iterations == 9 and gd.status == "converged" and round(gd.iterations, -2) == 5400
    J_star = nt.cost[-1]
    steps = [(int(np.argmax(gd.cost - J_star < eps)), int(np.argmax(nt.cost - J_star < eps)))
             for eps in (1e-2, 1e-4, 1e-6, 1e-8)]
    assert steps == [(79, 4), (948, 6), (2451, 7), (4139, 8)]


def test_notebook_14_hessian_is_positive_definite_but_ill_conditioned(cancer_split):
    """Section 2: positive eigenvalues at the notebook's five random points; section 5: the
    condition numbers at the start and at the separable stop, and the copied feature."""
    from helpers import newton

    X_train, _, y_train, _ = cancer_split
    n = X_train.shape[1]
    rng = np.random.default_rng(2)
    for _ in range(5):
        w, b = rng.normal(size=n), float(rng.normal())
        assert 1e-6 < np.linalg.eigvalsh(newton.hessian(X_train, w, b)).min() < 1e-4
    _, _, free = newton.newton_method(X_train, y_train, np.zeros(n), 0.0)
    conditions = [np.linalg.cond(newton.hessian(X_train, free.w[k], free.b[k]))
                  for k in (0, free.iterations)]
    assert [f"{c:.1e}" for c in conditions] == ["1.2e+05", "7.4e+05"]
    assert max(conditions) < newton.MAX_CONDITION
    copied = np.column_stack([X_train, 2.5 * X_train[:, 0]])
    _, _, history = newton.newton_method(copied, y_train, np.zeros(n + 1), 0.0)
    assert history.status == "ill-conditioned" and history.iterations == 0
    assert "Remove the redundant feature" in history.message
    _, _, penalised = newton.newton_method(copied, y_train, np.zeros(n + 1), 0.0, lambda_=1.0)
    assert penalised.status == "converged" and penalised.iterations == 9


def test_newton_halves_steps_that_overshoot():
    """Degree-6 polynomial features of the ring data with a tiny penalty: some full Newton
    steps from zero raise the cost (measured), so the method must halve them."""
    from helpers import newton
    from helpers.features import Standardizer, polynomial_features

    X, y = data.load("ring_train")
    P = Standardizer().fit_transform(polynomial_features(X, 6))
    lam = 1e-4
    w, b, history = newton.newton_method(P, y, np.zeros(P.shape[1]), 0.0, lambda_=lam)
    assert history.status == "converged"
    assert np.all(np.diff(history.cost) <= 0)
    dj_dw, dj_db = logistic.gradient(P, y, w, b, lam)
    assert np.abs(dj_dw).max() < 1e-8 and abs(dj_db) < 1e-8
    # at least one full step would have raised the cost
    overshoots = 0
    for k in range(history.iterations):
        w_k, b_k = history.w[k], history.b[k]
        dw, db = logistic.gradient(P, y, w_k, b_k, lam)
        step = np.linalg.solve(newton.hessian(P, w_k, b_k, lam), np.append(dw, db))
        overshoots += logistic.cost(P, y, w_k - step[:-1], b_k - step[-1], lam) > history.cost[k]
    assert overshoots >= 1


@pytest.mark.parametrize("call, message", [
    (lambda n: n.hessian(np.ones(3), np.zeros(1), 0.0), "X must be a 2-D array"),
    (lambda n: n.hessian(np.ones((3, 2)), np.zeros(3), 0.0), r"w must have shape \(2,\)"),
    (lambda n: n.hessian(np.ones((3, 2)), np.zeros(2), [1.0, 2.0]), "b must be a single number"),
    (lambda n: n.hessian(np.ones((3, 2)), np.zeros(2), 0.0, lambda_=-1), "lambda_"),
    (lambda n: n.hessian(np.array([[np.nan, 1.0]]), np.ones(2), 0.0), "X contains NaN"),
    (lambda n: n.newton_method(np.ones((3, 2)), [0, 1, 2], np.zeros(2), 0.0), "only the labels 0 and 1"),
    (lambda n: n.newton_method(np.ones((3, 2)), [0, 1], np.zeros(2), 0.0), "X has 3 rows but y has 2"),
    (lambda n: n.newton_method(np.ones((3, 2)), [0, 1, 1], np.zeros(2), 0.0, num_iters=0),
     "num_iters must be a whole number"),
    (lambda n: n.newton_method(np.ones((3, 2)), [0, 1, 1], np.zeros(2), 0.0, tol=0), "tol must be"),
    (lambda n: n.newton_method(np.ones((3, 2)), [0, 1, 1], np.zeros(2), 0.0, lambda_=np.nan),
     "lambda_"),
    (lambda n: n.newton_method(np.array([[1.0, np.inf]] * 3), [0, 1, 1], np.zeros(2), 0.0),
     "X contains NaN or infinite"),
])
def test_newton_bad_input_raises_a_clear_value_error(call, message):
    from helpers import newton

    with pytest.raises(ValueError, match=message):
        call(newton)
