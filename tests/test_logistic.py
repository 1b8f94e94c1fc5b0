"""Unit tests of helpers.logistic. Warnings are errors (see pyproject.toml)."""

import math

import numpy as np
import pytest

from helpers import cost, gradient, gradient_descent, predict, predict_proba, sigmoid
from helpers import data
from helpers.logistic import FIRST_CHUNK, gradient_loop

SIX_X, SIX_Y = data.load("six_points")

# The lab's printed costs at iterations 0, 1000, ..., 9000 and its final parameters.
LAB_COSTS = [0.684610468560574, 0.1590977666870457, 0.08460064176930078, 0.05705327279402531,
             0.04290759421682, 0.03433847729884557, 0.02860379802212006, 0.02450156960879306,
             0.02142370332569295, 0.019030137124109114]
LAB_W = [5.28123029, 5.07815608]
LAB_B = -14.222409982019837


def random_problem(seed, m=40, n=3, scale=2.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * scale
    y = (rng.random(m) < 0.5).astype(float)
    w = rng.normal(size=n)
    b = float(rng.normal())
    return X, y, w, b


def finite_difference_gradient(X, y, w, b, h=1e-6, lambda_=0.0):
    """Central differences of helpers.cost in every parameter."""
    dw = np.zeros_like(w)
    for j in range(w.size):
        step = np.zeros_like(w)
        step[j] = h
        dw[j] = (cost(X, y, w + step, b, lambda_) - cost(X, y, w - step, b, lambda_)) / (2 * h)
    db = (cost(X, y, w, b + h, lambda_) - cost(X, y, w, b - h, lambda_)) / (2 * h)
    return dw, db


# --- sigmoid ---------------------------------------------------------------------------

def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(2.0) == pytest.approx(1 / (1 + math.exp(-2)), rel=1e-15)
    assert sigmoid(-3.0) == pytest.approx(1 / (1 + math.exp(3)), rel=1e-15)


def test_sigmoid_symmetry_and_range():
    z = np.linspace(-50, 50, 2001)
    s = sigmoid(z)
    np.testing.assert_allclose(sigmoid(-z), 1 - s, atol=1e-15)
    assert np.all((s >= 0) & (s <= 1))
    assert np.all(np.diff(s) >= 0)


def test_sigmoid_derivative_is_s_times_one_minus_s():
    z = np.linspace(-10, 10, 101)
    h = 1e-6
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    s = sigmoid(z)
    np.testing.assert_allclose(numeric, s * (1 - s), atol=1e-9)


@pytest.mark.parametrize("z", [-1e4, -1000.0, -745.0, -40.0, 40.0, 745.0, 1000.0, 1e4])
def test_sigmoid_is_finite_and_silent_for_extreme_z(z):
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = sigmoid(z)
    assert np.isfinite(value) and 0 <= value <= 1


def test_sigmoid_keeps_shape():
    assert sigmoid(np.zeros((3, 2))).shape == (3, 2)
    assert np.ndim(sigmoid(1.0)) == 0


# --- cost and gradient -----------------------------------------------------------------

def test_cost_matches_the_textbook_formula_where_it_is_safe():
    X, y, w, b = random_problem(0)
    f = 1 / (1 + np.exp(-(X @ w + b)))
    textbook = -np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))
    assert cost(X, y, w, b) == pytest.approx(textbook, rel=1e-12)


def test_cost_stays_finite_when_predictions_saturate():
    X = np.array([[1.0], [-1.0]])
    y = np.array([0.0, 1.0])          # both confidently wrong
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = cost(X, y, np.array([1e4]), 0.0)
    assert value == pytest.approx(1e4)  # -log σ(-1e4) = 1e4 exactly in the limit


def test_gradient_reference_from_the_course():
    dj_dw, dj_db = gradient(SIX_X, SIX_Y, np.array([2.0, 3.0]), 1.0)
    assert dj_db == pytest.approx(0.49861806546328574, rel=1e-13)
    np.testing.assert_allclose(dj_dw, [0.498333393278696, 0.49883942983996693], rtol=1e-13)


@pytest.mark.parametrize("seed", range(5))
def test_gradient_matches_central_finite_differences(seed):
    X, y, w, b = random_problem(seed)
    dj_dw, dj_db = gradient(X, y, w, b)
    num_dw, num_db = finite_difference_gradient(X, y, w, b)
    np.testing.assert_allclose(dj_dw, num_dw, atol=1e-7)
    assert dj_db == pytest.approx(num_db, abs=1e-7)


@pytest.mark.parametrize("seed", range(3))
def test_regularised_gradient_matches_finite_differences(seed):
    X, y, w, b = random_problem(seed)
    dj_dw, dj_db = gradient(X, y, w, b, lambda_=2.5)
    num_dw, num_db = finite_difference_gradient(X, y, w, b, lambda_=2.5)
    np.testing.assert_allclose(dj_dw, num_dw, atol=1e-7)
    assert dj_db == pytest.approx(num_db, abs=1e-7)


def test_regularisation_adds_the_penalty_and_leaves_b_alone():
    X, y, w, b = random_problem(7)
    m = len(y)
    assert cost(X, y, w, b, lambda_=3.0) == pytest.approx(cost(X, y, w, b) + 3.0 / (2 * m) * w @ w)
    assert gradient(X, y, w, b, lambda_=3.0)[1] == gradient(X, y, w, b)[1]


def test_loop_and_vectorised_gradient_agree():
    X, y, w, b = random_problem(3, m=25, n=4)
    loop_dw, loop_db = gradient_loop(X, y, w, b)
    vec_dw, vec_db = gradient(X, y, w, b)
    np.testing.assert_allclose(loop_dw, vec_dw, rtol=1e-12)
    assert loop_db == pytest.approx(vec_db, rel=1e-12)


def test_predictions():
    w, b = np.array([1.0, -1.0]), 0.0
    X = np.array([[2.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    np.testing.assert_allclose(predict_proba(X, w, b), sigmoid(np.array([2.0, -2.0, 0.0])))
    np.testing.assert_array_equal(predict(X, w, b), [1, 0, 1])


# --- gradient descent ------------------------------------------------------------------

def test_lab_run_reproduces_the_lab():
    w, b, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 0.1, 10_000)
    printed = [history.cost[i + 1] for i in range(0, 10_000, 1_000)]
    np.testing.assert_allclose(printed, LAB_COSTS, rtol=1e-9)
    np.testing.assert_allclose(w, LAB_W, atol=5e-9)
    assert b == pytest.approx(LAB_B, rel=1e-9)
    assert history.status == "finished" and history.iterations == 10_000


def test_history_is_aligned_and_starts_at_the_start():
    w0, b0 = np.array([0.5, -0.5]), 0.25
    w, b, history = gradient_descent(SIX_X, SIX_Y, w0, b0, 0.1, 5)
    assert history.cost.shape == (6,) and history.w.shape == (6, 2) and history.b.shape == (6,)
    np.testing.assert_array_equal(history.w[0], w0)
    assert history.b[0] == b0
    assert history.cost[0] == pytest.approx(cost(SIX_X, SIX_Y, w0, b0))
    np.testing.assert_array_equal(history.w[-1], w)
    assert history.cost[-1] == pytest.approx(cost(SIX_X, SIX_Y, w, b))
    assert np.all(np.diff(history.cost) < 0)


def test_one_step_is_the_update_rule():
    w0, b0, alpha = np.array([0.3, 0.1]), -0.2, 0.5
    dj_dw, dj_db = gradient(SIX_X, SIX_Y, w0, b0)
    w, b, _ = gradient_descent(SIX_X, SIX_Y, w0, b0, alpha, 1)
    np.testing.assert_allclose(w, w0 - alpha * dj_dw)
    assert b == pytest.approx(b0 - alpha * dj_db)


def test_does_not_modify_the_callers_arrays():
    w0 = np.zeros(2)
    gradient_descent(SIX_X, SIX_Y, w0, 0.0, 0.1, 10)
    np.testing.assert_array_equal(w0, [0.0, 0.0])


def test_tolerance_stops_at_the_first_small_change():
    tol = 1e-4
    _, _, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 0.1, 10_000, tol=tol)
    assert history.status == "converged"
    changes = np.abs(np.diff(history.cost))
    assert changes[-1] < tol and np.all(changes[:-1] >= tol)
    assert "Converged after" in history.message


def test_history_grows_in_chunks_and_keeps_every_update():
    """A run longer than the first chunk records the same numbers as a shorter one."""
    assert FIRST_CHUNK < 3000
    _, _, long_run = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 0.1, 3000)
    _, _, short_run = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 0.1, 1500)
    assert long_run.cost.shape == (3001,) and long_run.w.shape == (3001, 2)
    np.testing.assert_array_equal(long_run.cost[:1501], short_run.cost)
    np.testing.assert_array_equal(long_run.w[:1501], short_run.w)
    np.testing.assert_array_equal(long_run.b[:1501], short_run.b)


def test_a_huge_num_iters_with_tol_allocates_only_what_it_uses():
    """num_iters = 10**12 would need terabytes up front; with tol the run stops early and
    the memory is that of the updates made."""
    import tracemalloc

    tracemalloc.start()
    _, _, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 1.0, 10**12, tol=1e-6)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert history.status == "converged" and history.iterations < 10_000
    assert peak < 10_000_000            # bytes: a few arrays of ≤ 2 × iterations rows


# --- what a too-large learning rate really does (issue 11 §1) ----------------------------

TUMOUR_X, TUMOUR_Y = data.load("tumour")


def plain_gradient_descent(X, y, w, b, alpha, num_iters):
    """Textbook gradient descent in a few lines, to check the helper's figures against."""
    m, costs = len(y), []
    for _ in range(num_iters + 1):
        z = X @ w + b
        costs.append(np.mean(np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y)))
        error = 1 / (1 + np.exp(-z)) - y
        w, b = w - alpha * X.T @ error / m, b - alpha * error.mean()
    return np.array(costs)


def test_tumour_at_alpha_10_spikes_then_converges_faster_than_alpha_3():
    _, _, fast = gradient_descent(TUMOUR_X, TUMOUR_Y, np.zeros(1), 0.0, 10.0, 300)
    _, _, slow = gradient_descent(TUMOUR_X, TUMOUR_Y, np.zeros(1), 0.0, 3.0, 300)
    # the figures the course teaches
    np.testing.assert_allclose(fast.cost[1:5], [3.87, 0.24, 2.58, 9.85], atol=0.005)
    assert fast.cost[300] == pytest.approx(0.0073, abs=5e-5)
    assert slow.cost[300] == pytest.approx(0.027, abs=5e-4)
    # the same run written out by hand
    np.testing.assert_allclose(fast.cost, plain_gradient_descent(
        TUMOUR_X, TUMOUR_Y, np.zeros(1), 0.0, 10.0, 300), rtol=1e-9)
    # a spike, not a divergence
    assert fast.status == "finished" and not fast.diverged
    assert fast.rises > 0 and f"rose at {fast.rises} of the 300 updates" in fast.message
    assert "final cost 0.007321" in fast.message


def test_tumour_at_alpha_20_is_below_005_after_7_iterations():
    _, _, history = gradient_descent(TUMOUR_X, TUMOUR_Y, np.zeros(1), 0.0, 20.0, 300)
    assert history.status == "finished"
    assert history.cost[7] < 0.05 and np.all(history.cost[:7] >= 0.05)


def test_six_points_at_alpha_10_ends_near_1_7e_minus_4():
    w, b, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 10.0, 10_000)
    assert history.status == "finished" and history.iterations == 10_000
    assert history.cost[-1] == pytest.approx(1.7e-4, rel=0.02)      # 1.679e-4
    assert np.all(predict(SIX_X, w, b) == SIX_Y)


def test_overlapping_clusters_at_alpha_10_keep_swinging_far_above_the_minimum():
    """Notebook 07's start. After 3000 updates the cost still alternates: over the last
    100 updates between 0.251 and 0.531 (over the last ten between about 0.31-0.35 and
    0.44-0.53), against a minimum of 0.169."""
    X, y = data.load("clusters_overlapping")
    start = np.random.default_rng(0).random(3)
    _, _, history = gradient_descent(X, y, start[:2], start[2], 10.0, 3000)
    tail = history.cost[2900:]
    assert history.status == "finished"
    assert tail.min() == pytest.approx(0.251, abs=1e-3)
    assert tail.max() == pytest.approx(0.531, abs=1e-3)
    steps = np.diff(history.cost[2990:])
    assert np.all(steps[::2] * steps[1::2] < 0)                     # up, down, up, down ...
    from helpers import newton

    _, _, best = newton.newton_method(X, y, np.zeros(2), 0.0)
    assert best.status == "converged" and best.cost[-1] == pytest.approx(0.169, abs=5e-4)


@pytest.mark.parametrize("alpha", [3.0, 10.0, 20.0, 100.0, 1e4, 1e300])
def test_without_a_penalty_a_large_learning_rate_never_diverges(alpha):
    for X, y in [(TUMOUR_X, TUMOUR_Y), (SIX_X, SIX_Y)]:
        _, _, history = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, 500)
        assert history.status == "finished" and not history.diverged
        assert np.all(np.isfinite(history.cost))


def test_parameters_grow_at_most_linearly_without_a_penalty():
    """|f − y| ≤ 1: one update moves w by at most α × the mean row length, b by at most α."""
    X, y = data.load("clusters_overlapping")
    alpha = 10.0
    _, _, history = gradient_descent(X, y, np.zeros(2), 0.0, alpha, 500)
    G = np.mean(np.linalg.norm(X, axis=1))
    assert np.all(np.linalg.norm(np.diff(history.w, axis=0), axis=1) <= alpha * G * (1 + 1e-12))
    assert np.all(np.abs(np.diff(history.b)) <= alpha)


def test_a_run_whose_cost_never_rises_says_nothing_about_rises():
    _, _, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 0.1, 1000)
    assert history.rises == 0 and "rose" not in history.message
    assert history.message == f"Finished 1000 iterations; final cost {history.cost[-1]:.4g}."


def test_rounding_at_the_minimum_does_not_count_as_a_rise():
    """At the minimum of the overlapping clusters the cost wobbles by about 1e-16 of
    itself; those are not overshoots."""
    X, y = data.load("clusters_overlapping")
    _, _, history = gradient_descent(X, y, np.zeros(2), 0.0, 1.0, 20_000)
    assert np.sum(np.diff(history.cost) > 0) > 1000           # the wobble is there
    assert history.rises == 0


# --- with a penalty the weights can really diverge -------------------------------------

def test_penalty_with_alpha_lambda_over_m_above_2_diverges_and_says_why():
    m, lambda_, alpha = 6, 15.0, 1.0                      # αλ/m = 2.5
    w, b, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, alpha, 1000,
                                     lambda_=lambda_)
    assert history.diverged and history.iterations < 20
    assert "αλ/m = 2.5 > 2" in history.message and "2m/λ = 0.8" in history.message
    assert np.all(np.isfinite(history.cost))
    np.testing.assert_array_equal(history.w[-1], w)
    # the proof in the docstring, checked: from here on ‖w‖ − R grows by |c| = 1.5 a step
    G = np.mean(np.linalg.norm(SIX_X, axis=1))
    R = alpha * G / (alpha * lambda_ / m - 2)
    assert np.linalg.norm(w) > R
    gap = np.linalg.norm(w) - R
    for _ in range(30):
        dj_dw, dj_db = gradient(SIX_X, SIX_Y, w, b, lambda_)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
        new_gap = np.linalg.norm(w) - R
        assert new_gap >= 1.5 * gap * (1 - 1e-12)
        gap = new_gap


@pytest.mark.parametrize("lambda_", [1.0, 11.0])
def test_penalty_with_alpha_lambda_over_m_below_2_never_diverges(lambda_):
    """αλ/m < 2: the weights stay bounded, whatever the cost does (at λ = 11 it settles
    into a two-step cycle far above its minimum)."""
    _, _, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, 1.0, 2000, lambda_=lambda_)
    assert history.status == "finished"
    assert np.max(np.linalg.norm(history.w, axis=1)) < 100


def test_penalty_with_alpha_lambda_over_m_exactly_2_grows_at_most_linearly():
    """αλ/m = 2 multiplies w by −1 each update: ‖w‖ may grow, but only linearly, so the
    run is not stopped; the message reports the rising cost."""
    alpha, lambda_ = 1.0, 12.0
    _, _, history = gradient_descent(SIX_X, SIX_Y, np.zeros(2), 0.0, alpha, 2000, lambda_=lambda_)
    G = np.mean(np.linalg.norm(SIX_X, axis=1))
    lengths = np.linalg.norm(history.w, axis=1)
    assert history.status == "finished"
    assert np.all(lengths <= alpha * G * np.arange(2001) + 1e-9)
    assert "the cost rose at" in history.message


def test_no_warning_for_huge_inputs():
    X = np.array([[1e4, -1e4], [-1e4, 1e4]])
    y = np.array([1, 0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        _, _, history = gradient_descent(X, y, np.zeros(2), 0.0, 1.0, 50)
    assert np.all(np.isfinite(history.cost))


# --- errors: one test per message ------------------------------------------------------

W2 = np.zeros(2)


@pytest.mark.parametrize("call, message", [
    (lambda: cost(SIX_X, [0, 0, 2, 1, 1, 1], W2, 0.0), "only the labels 0 and 1"),
    (lambda: cost(SIX_X, [0, 0, -1, 1, 1, 1], W2, 0.0), "only the labels 0 and 1"),
    (lambda: cost(SIX_X[:, 0], SIX_Y, W2, 0.0), "2-D array of shape \\(m, n\\)"),
    (lambda: cost(SIX_X, SIX_Y[:5], W2, 0.0), "X has 6 rows but y has 5 labels"),
    (lambda: cost(SIX_X, SIX_Y.reshape(-1, 1), W2, 0.0), "y must be 1-D"),
    (lambda: cost(SIX_X, SIX_Y, np.zeros(3), 0.0), "w must have shape \\(2,\\)"),
    (lambda: cost(SIX_X, SIX_Y, np.zeros((2, 1)), 0.0), "w must have shape \\(2,\\)"),
    (lambda: cost(SIX_X, SIX_Y, W2, np.array([1.0, 2.0])), "b must be a single number"),
    (lambda: cost(np.where(SIX_X > 2, np.nan, SIX_X), SIX_Y, W2, 0.0), "X contains NaN or infinite"),
    (lambda: gradient(np.where(SIX_X > 2, np.inf, SIX_X), SIX_Y, W2, 0.0), "X contains NaN or infinite"),
    (lambda: gradient_descent(np.where(SIX_X > 2, np.inf, SIX_X), SIX_Y, W2, 0.0, 0.1, 5),
     "X contains NaN or infinite"),
    (lambda: cost(SIX_X, SIX_Y, [np.nan, 0.0], 0.0), "w contains NaN or infinite"),
    (lambda: cost(SIX_X, SIX_Y, W2, np.inf), "b must be a finite number"),
    (lambda: cost(SIX_X, [0, 0, np.nan, 1, 1, 1], W2, 0.0), "only the labels 0 and 1"),
    (lambda: cost(np.empty((0, 2)), [], W2, 0.0), "at least one row"),
    (lambda: cost([["a", "b"]], [0], W2, 0.0), "X must be a 2-D array of numbers"),
    (lambda: sigmoid(np.nan), "z contains NaN or infinite"),
    (lambda: sigmoid("three"), "z must contain numbers"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, 0.0, 10), "learning rate\\) must be a positive"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, -0.1, 10), "learning rate\\) must be a positive"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, np.inf, 10), "learning rate\\) must be a positive"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, "fast", 10), "learning rate\\) must be a positive"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, 0.1, 0), "num_iters must be a whole number"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, 0.1, 2.5), "num_iters must be a whole number"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, 0.1, 10**400), "num_iters must be .* at most"),
    (lambda: gradient_descent(SIX_X, SIX_Y, W2, 0.0, 0.1, 10, tol=-1), "tol must be a positive"),
    (lambda: cost(SIX_X, SIX_Y, W2, 0.0, lambda_=-1), "lambda_ \\(the L2 penalty\\) must be"),
    (lambda: predict(SIX_X, W2, 0.0, threshold=1.5), "threshold must lie strictly between"),
    (lambda: predict(SIX_X, W2, 0.0, threshold="a"), "threshold must be a number strictly"),
    (lambda: cost(np.full((2, 1), 1e308), [0, 1], np.array([10.0]), 0.0), "overflowed"),
])
def test_bad_input_gets_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_logistic_imports_numpy_only():
    """The model module must stay readable: numpy, the standard library and the course's
    input checks (helpers.validation, itself numpy only), nothing else."""
    import ast
    import sys
    from pathlib import Path

    import helpers.logistic as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    third_party = {name for name in imported if name not in sys.stdlib_module_names}
    assert third_party == {"numpy", "helpers"}
    assert {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module and node.module.startswith("helpers")} == {"helpers"}
    assert [alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module == "helpers" for alias in node.names] == ["validation"]
