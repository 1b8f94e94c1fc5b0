"""Newton's method and the Hessian bound at their edges (issue 14; issue 11 §2).

Warnings are errors (see pyproject.toml).
"""

import numpy as np
import pytest

from helpers import data, logistic, newton


@pytest.fixture(scope="module")
def nearly_collinear():
    """Issue 14's case: 8 features of which two are (numerically) combinations of others."""
    from sklearn.datasets import make_classification

    X, y = make_classification(n_samples=5000, n_features=8, n_informative=4, weights=[0.99],
                               flip_y=0.0, class_sep=0.8, random_state=3)
    return X, y


def true_minimum(X, y):
    """The minimum of the unpenalised cost, by scikit-learn (lbfgs), for comparison."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e12, tol=1e-14, max_iter=100_000).fit(X, y)
    return logistic.cost(X, y, model.coef_[0], model.intercept_[0])


def test_the_collinear_data_really_is_rank_deficient(nearly_collinear):
    X, _ = nearly_collinear
    singular_values = np.linalg.svd(np.column_stack([X, np.ones(len(X))]), compute_uv=False)
    assert singular_values[-1] / singular_values[0] < 1e-15


@pytest.mark.parametrize("tol", [1e-10, None])
def test_newton_never_reports_converged_on_an_ill_conditioned_hessian(nearly_collinear, tol):
    """Before the check, tol = 1e-10 reported "converged" and tol = None ended with weights
    near 5e12 and a cost below the true minimum: a fit to rounding noise."""
    X, y = nearly_collinear
    w, b, history = newton.newton_method(X, y, np.zeros(8), 0.0, num_iters=50, tol=tol)
    assert history.status == "ill-conditioned"
    assert "singular or nearly so" in history.message and "lambda_ > 0" in history.message
    assert np.max(np.abs(w)) < 100
    assert history.cost[-1] >= true_minimum(X, y) - 1e-12


def test_a_penalty_makes_the_collinear_problem_well_conditioned(nearly_collinear):
    X, y = nearly_collinear
    w, b, history = newton.newton_method(X, y, np.zeros(8), 0.0, lambda_=1.0)
    assert history.status == "converged"
    dj_dw, dj_db = logistic.gradient(X, y, w, b, lambda_=1.0)
    assert np.max(np.abs(dj_dw)) < 1e-8 and abs(dj_db) < 1e-8
    assert np.linalg.cond(newton.hessian(X, w, b, 1.0)) < newton.MAX_CONDITION


def test_an_exact_copy_of_a_column_stops_before_the_first_step():
    X, y = data.load("clusters_overlapping")
    copied = np.column_stack([X, 3 * X[:, 0] - X[:, 1]])          # a linear combination
    _, _, history = newton.newton_method(copied, y, np.zeros(3), 0.0)
    assert history.status == "ill-conditioned" and history.iterations == 0
    assert not history.diverged


def test_the_courses_problems_stay_far_below_the_condition_limit():
    """The limit must not stop a legitimate run: the course's worst is about 1e6."""
    X, y = data.load("flats")                                       # unscaled: about 1.1e6
    w, b, history = newton.newton_method(X, y, np.zeros(2), 0.0)
    assert history.status == "converged"
    worst = max(np.linalg.cond(newton.hessian(X, history.w[k], history.b[k]))
                for k in range(history.iterations + 1))
    assert 1e5 < worst < newton.MAX_CONDITION / 1e4


def test_newton_messages_use_the_course_formats():
    X, y = data.load("clusters_overlapping")
    _, _, history = newton.newton_method(X, y, np.zeros(2), 0.0)
    assert history.message == (f"Converged after {history.iterations} Newton steps: the cost "
                               f"changed by less than tol = 1e-10; final cost "
                               f"{history.cost[-1]:.4g}.")


# --- what L, the largest eigenvalue of the Hessian bound, means for α ---------------------

def balanced_problem():
    """Every point twice, once per label: the minimum is at w = 0, b = 0, where every f is
    0.5 and the Hessian equals the bound exactly."""
    rng = np.random.default_rng(4)
    X = rng.normal(size=(12, 2)) @ np.array([[2.0, 1.0], [0.0, 0.5]]) + [1.0, -1.0]
    return np.vstack([X, X]), np.repeat([0, 1], 12)


def one_step_along_the_stiffest_direction(alpha):
    """Start a little way out along the top eigenvector v of the bound; take one gradient
    step of size alpha. Return (coordinate along v before, after; cost before, after)."""
    X, y = balanced_problem()
    bound = newton.hessian_bound(X)
    _, vectors = np.linalg.eigh(bound)
    v = vectors[:, -1]
    theta = 1e-3 * v
    w1, b1, history = logistic.gradient_descent(X, y, theta[:-1], theta[-1], alpha, 1)
    return theta @ v, np.append(w1, b1) @ v, history.cost[0], history.cost[1]


def largest_curvature():
    X, _ = balanced_problem()
    return np.linalg.eigvalsh(newton.hessian_bound(X))[-1]


def test_the_balanced_problem_has_its_minimum_where_the_hessian_meets_the_bound():
    X, y = balanced_problem()
    dj_dw, dj_db = logistic.gradient(X, y, np.zeros(2), 0.0)
    assert np.max(np.abs(dj_dw)) < 1e-15 and abs(dj_db) < 1e-15
    np.testing.assert_allclose(newton.hessian(X, np.zeros(2), 0.0), newton.hessian_bound(X))


@pytest.mark.parametrize("fraction, overshoots", [(0.9, False), (0.98, False), (1.02, True),
                                                  (1.5, True), (1.98, True)])
def test_steps_above_1_over_L_already_overshoot(fraction, overshoots):
    before, after, _, _ = one_step_along_the_stiffest_direction(fraction / largest_curvature())
    assert before > 0
    assert (after < 0) == overshoots                     # landed on the far side of 0


@pytest.mark.parametrize("fraction, falls", [(0.5, True), (1.5, True), (1.98, True),
                                             (2.02, False), (3.0, False)])
def test_2_over_L_is_where_the_cost_stops_falling(fraction, falls):
    _, _, cost_before, cost_after = one_step_along_the_stiffest_direction(
        fraction / largest_curvature())
    assert (cost_after < cost_before) == falls


def test_below_2_over_L_the_cost_falls_at_every_step_anywhere():
    """The descent lemma: J is L-smooth, so any α < 2/L lowers the cost at each step."""
    X, y = data.load("clusters_overlapping")
    L = np.linalg.eigvalsh(newton.hessian_bound(X))[-1]
    start = np.random.default_rng(0).random(3)
    _, _, history = logistic.gradient_descent(X, y, start[:2], start[2], 1.99 / L, 2000)
    assert history.rises == 0 and np.all(np.diff(history.cost) <= 1e-15)


# --- overflow ---------------------------------------------------------------------------

def test_the_hessian_bound_is_computed_without_overflow_when_its_entries_fit():
    """x² overflows for x = 1.5e154, but Σx²/(4m) = x²/4 = (x/2)² fits: the scaled sum finds it."""
    x = 1.5e154
    bound = newton.hessian_bound(np.full((4, 1), x))
    np.testing.assert_allclose(bound, [[(x / 2) ** 2, x / 4], [x / 4, 0.25]], rtol=1e-14)


@pytest.mark.parametrize("call", [
    lambda: newton.hessian_bound(np.full((2, 1), 1e300)),
    lambda: newton.hessian(np.full((2, 1), 1e300), np.zeros(1), 0.0),
])
def test_a_hessian_beyond_the_largest_float_is_a_clear_error(call):
    with pytest.raises(ValueError, match="overflowed.*standardise"):
        call()
