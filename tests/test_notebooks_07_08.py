"""Tests for notebooks 07 (overlapping classes, stopping) and 08 (checking against scikit-learn).

They pin the behaviour the notebooks rely on: the generated cluster files and what training on
them gives, the stopping rule, agreement with scikit-learn (unregularised and through C = 1/λ),
the metrics and plotting helpers and the data-file errors. (Their exercises are tested in
tests/checks/.)
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from sklearn.linear_model import LogisticRegression

from helpers import data, gradient_descent, metrics, plots, predict, sigmoid

ROOT = Path(__file__).resolve().parent.parent
CLUSTER_FILES = ("clusters_separable", "clusters_overlapping")


def notebook_07_run(name, num_iters=1000, tol=None):
    """Train as notebook 07 does: random start in [0, 1) with seed 0, learning rate 0.1."""
    X, y = data.load(name)
    start = np.random.default_rng(0).random(3)
    w, b, history = gradient_descent(X, y, start[:2], start[2], 0.1, num_iters, tol=tol)
    return X, y, w, b, history


# ---------------------------------------------------------------------------
# The cluster data sets
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", CLUSTER_FILES)
def test_cluster_files_have_200_balanced_rows(name):
    X, y = data.load(name)
    assert X.shape == (200, 2)
    assert np.bincount(y).tolist() == [100, 100]


def test_separable_set_reaches_100_percent_within_750_updates():
    X, y, w, b, history = notebook_07_run("clusters_separable")
    assert metrics.accuracy(y, predict(X, w, b)) == 1.0
    perfect = [k for k in range(history.iterations + 1)
               if metrics.accuracy(y, predict(X, history.w[k], history.b[k])) == 1.0]
    assert perfect and perfect[0] <= 750
    assert perfect[0] == 333  # the number data/README.md and notebook 07 quote


def test_overlapping_set_ends_in_the_low_nineties():
    X, y, w, b, _ = notebook_07_run("clusters_overlapping")
    accuracy = metrics.accuracy(y, predict(X, w, b))
    assert 0.90 <= accuracy <= 0.95
    assert accuracy == pytest.approx(0.93)


def test_overlapping_set_cannot_be_separated_even_after_long_training():
    X, y, w, b, _ = notebook_07_run("clusters_overlapping", num_iters=20000)
    assert metrics.accuracy(y, predict(X, w, b)) < 1.0


def test_make_datasets_regenerates_identical_files(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "data" / "make_datasets.py"),
                    "--out-dir", str(tmp_path)], check=True, capture_output=True)
    for name in CLUSTER_FILES:
        fresh = (tmp_path / f"{name}.csv").read_bytes()
        stored = (ROOT / "data" / f"{name}.csv").read_bytes()
        assert fresh == stored, f"{name}.csv differs from what make_datasets.py writes"


def test_cluster_files_are_described_in_the_data_readme():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for name in CLUSTER_FILES:
        assert f"`{name}.csv`" in readme
    assert "make_datasets.py" in readme


# ---------------------------------------------------------------------------
# Loading: missing and malformed files give a ValueError naming the file
# ---------------------------------------------------------------------------

def test_missing_data_set_names_the_file():
    with pytest.raises(ValueError, match="no_such_clusters.csv"):
        data.load("no_such_clusters")


@pytest.mark.parametrize("text, problem", [
    ("", "header"),
    ("x1,x2,y\n", "no rows"),
    ("x1,x2,y\n1.0,abc,0\n", "numbers"),
    ("x1,x2,y\n1.0,2.0,0\n1.0,2.0\n", "numbers"),
    ("x1,x2,y\n1.0,2.0\n", "columns"),
    ("x1,x2,label\n1.0,2.0,0\n", "end with 'y'"),
    ("x1,x2,y\n1.0,2.0,2\n", "only 0 and 1"),
    ("x1,x2,y\n1.0,nan,1\n", "NaN"),
])
def test_malformed_file_names_the_file(tmp_path, monkeypatch, text, problem):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    (tmp_path / "broken.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="broken.csv") as caught:
        data.load("broken")
    assert problem in str(caught.value)


def test_many_points_is_seeded_noise():
    X, y = data.many_points()
    again_X, again_y = data.many_points()
    assert X.shape == (1000, 5) and y.shape == (1000,)
    assert np.array_equal(X, again_X) and np.array_equal(y, again_y)
    assert X.min() >= 0 and X.max() < 1
    assert set(np.unique(y)) == {0, 1}
    assert not np.array_equal(data.many_points(seed=1)[1], y)


@pytest.mark.parametrize("kwargs", [{"m": 0}, {"n": 2.5}, {"m": True}, {"n": None}])
def test_many_points_rejects_bad_sizes(kwargs):
    with pytest.raises(ValueError, match="whole number"):
        data.many_points(**kwargs)


# ---------------------------------------------------------------------------
# The stopping rule
# ---------------------------------------------------------------------------

def test_tol_stops_at_the_first_small_change():
    tol = 1e-4
    *_, full = notebook_07_run("clusters_overlapping")
    *_, stopped = notebook_07_run("clusters_overlapping", tol=tol)
    assert stopped.status == "converged"
    k = stopped.iterations
    changes = np.abs(np.diff(full.cost))
    assert changes[k - 1] < tol  # the change made by update k is below tol ...
    assert np.all(changes[:k - 1] >= tol)  # ... and no earlier one was
    assert k == 557
    np.testing.assert_array_equal(stopped.cost, full.cost[:k + 1])


def test_tol_never_met_runs_every_update():
    *_, history = notebook_07_run("clusters_overlapping", tol=3e-5)
    assert history.status == "finished"
    assert history.iterations == 1000


def test_stopping_saves_iterations_and_costs_accuracy():
    X, y, w_full, b_full, _ = notebook_07_run("clusters_overlapping")
    _, _, w_tol, b_tol, stopped = notebook_07_run("clusters_overlapping", tol=1e-4)
    saved = 1000 - stopped.iterations
    lost = (metrics.accuracy(y, predict(X, w_full, b_full))
            - metrics.accuracy(y, predict(X, w_tol, b_tol)))
    assert saved == 443
    assert lost == pytest.approx(0.005)


# ---------------------------------------------------------------------------
# Agreement with scikit-learn
# ---------------------------------------------------------------------------

def noisy_problem(seed=42, m=500):
    """A well-conditioned, non-separable problem: standard-normal features, Bernoulli labels."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 3))
    y = (rng.random(m) < sigmoid(X @ np.array([1.0, -2.0, 0.5]) + 0.3)).astype(int)
    return X, y


def test_gradient_descent_agrees_with_unregularised_sklearn():
    X, y = noisy_problem()
    w, b, history = gradient_descent(X, y, np.zeros(3), 0.0, 1.0, 2000)
    assert history.status == "finished"
    model = LogisticRegression(C=1e12, tol=1e-10, max_iter=10000).fit(X, y)
    assert np.max(np.abs(w - model.coef_[0])) < 1e-3
    assert abs(b - model.intercept_[0]) < 1e-3
    assert 0.6 < metrics.accuracy(y, predict(X, w, b)) < 1.0  # not separable


@pytest.mark.parametrize("lambda_", [0.5, 5.0])
def test_sklearn_C_is_one_over_lambda(lambda_):
    X, y = noisy_problem(seed=3, m=300)
    w, b, _ = gradient_descent(X, y, np.zeros(3), 0.0, 1.0, 3000, lambda_=lambda_)
    model = LogisticRegression(C=1 / lambda_, tol=1e-10, max_iter=10000).fit(X, y)
    assert np.max(np.abs(w - model.coef_[0])) < 1e-4
    assert abs(b - model.intercept_[0]) < 1e-4


def test_many_points_example_matches_sklearn():
    X, y = data.many_points()
    w, b, _ = gradient_descent(X, y, np.zeros(5), 0.0, 0.5, 1000)
    # sklearn with its default tol stops after a few iterations: about two decimals.
    rough = LogisticRegression(C=1e12, max_iter=1000).fit(X, y)
    assert np.max(np.abs(w - rough.coef_[0])) < 0.01
    assert abs(b - rough.intercept_[0]) < 0.01
    # With a tight tol both reach the same minimum: same predictions, same accuracy.
    tight = LogisticRegression(C=1e12, tol=1e-10, max_iter=1000).fit(X, y)
    assert np.max(np.abs(w - tight.coef_[0])) < 1e-3
    assert np.array_equal(predict(X, w, b), tight.predict(X))
    ours = metrics.accuracy(y, predict(X, w, b))
    assert ours == tight.score(X, y)
    assert 0.45 < ours < 0.6  # the labels are noise
    assert tight.n_iter_[0] < 50  # lbfgs: far fewer iterations than our 1000


def test_many_points_loss_in_bits_starts_at_one():
    X, y = data.many_points()
    _, _, history = gradient_descent(X, y, np.zeros(5), 0.0, 0.5, 1000)
    bits = history.cost / np.log(2)
    assert bits[0] == pytest.approx(1.0)  # θ = 0 predicts 0.5: one bit per example
    assert 0.98 < bits[-1] < 1.0


def test_default_C_shrinks_the_coefficients():
    X, y = data.many_points()
    loose = LogisticRegression(C=1e12, max_iter=1000).fit(X, y)
    default = LogisticRegression(max_iter=1000).fit(X, y)
    assert np.linalg.norm(default.coef_) < np.linalg.norm(loose.coef_)


# ---------------------------------------------------------------------------
# helpers.metrics
# ---------------------------------------------------------------------------

def test_accuracy_and_confusion_counts():
    y_true = [0, 0, 0, 1, 1, 1, 1]
    y_pred = [0, 1, 0, 1, 0, 1, 1]
    assert metrics.accuracy(y_true, y_pred) == pytest.approx(5 / 7)
    counts = metrics.confusion_counts(y_true, y_pred)
    assert counts.tolist() == [[2, 1], [1, 3]]
    assert counts.dtype.kind == "i"
    assert np.trace(counts) / counts.sum() == pytest.approx(metrics.accuracy(y_true, y_pred))


def test_confusion_counts_on_the_overlapping_set():
    X, y, w, b, _ = notebook_07_run("clusters_overlapping")
    assert metrics.confusion_counts(y, predict(X, w, b)).tolist() == [[92, 8], [6, 94]]


@pytest.mark.parametrize("y_true, y_pred, message", [
    ([0, 1, 1], [0, 1], "one prediction per example"),
    ([0, 2], [0, 1], "only the labels 0 and 1"),
    ([0, 1], [0.5, 1], "only the labels 0 and 1"),
    ([[0, 1]], [[0, 1]], "1-D"),
    ([], [], "empty"),
    (["a", "b"], [0, 1], "labels 0 and 1"),
])
@pytest.mark.parametrize("function", [metrics.accuracy, metrics.confusion_counts])
def test_metrics_reject_bad_labels(function, y_true, y_pred, message):
    with pytest.raises(ValueError, match=message):
        function(y_true, y_pred)


# ---------------------------------------------------------------------------
# helpers.plots additions
# ---------------------------------------------------------------------------

def test_confusion_matrix_draws_every_count():
    ax = Figure().subplots()
    image, texts = plots.confusion_matrix(np.array([[92, 8], [6, 94]]), ax=ax)
    assert [t.get_text().split("\n")[0] for t in texts] == ["92", "8", "6", "94"]
    assert "false positive" in texts[1].get_text()
    assert np.array_equal(image.get_array(), [[92, 8], [6, 94]])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["predicted 0", "predicted 1"]


def test_confusion_matrix_rejects_wrong_shape():
    with pytest.raises(ValueError, match="2×2"):
        plots.confusion_matrix(np.zeros((3, 3)), ax=Figure().subplots())


def test_boundary_line_lies_on_the_boundary():
    ax = Figure().subplots()
    w, b = np.array([2.0, 3.0]), -6.0
    line = plots.boundary_line(w, b, (-1.0, 4.0), ax=ax)
    x1, x2 = line.get_data()
    np.testing.assert_allclose(w[0] * np.asarray(x1) + w[1] * np.asarray(x2) + b, 0, atol=1e-12)
    vertical = plots.boundary_line(np.array([2.0, 0.0]), -4.0, (-1.0, 4.0), ax=ax)
    assert np.allclose(vertical.get_xdata(), 2.0)


def test_probability_agreement_checks_shapes():
    ax = Figure().subplots()
    points, diagonal = plots.probability_agreement([0.2, 0.6], [0.25, 0.55], ax=ax)
    assert points.get_offsets().shape == (2, 2)
    with pytest.raises(ValueError, match="same shape"):
        plots.probability_agreement([0.2, 0.6], [0.1], ax=ax)
