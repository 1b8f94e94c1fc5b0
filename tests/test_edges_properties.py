"""The helpers hold at the edges (issue 14): every case the issue lists, then properties
checked on many generated inputs with hypothesis.

The rule: for finite input of a sensible shape every public function returns finite
results or raises a ValueError that names what was wrong; nothing warns (pyproject.toml
turns warnings into errors, so a RuntimeWarning or ComplexWarning fails these tests).
The generated examples are the same on every run (derandomize) and the whole file takes
a few seconds. For a longer random search: HYPOTHESIS_PROFILE=search pytest this file.
"""

import os
import re
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import data, features, gradcheck, logistic, metrics, newton, single_point, softmax

X6, Y6 = data.load("six_points")
TUMOUR_X, TUMOUR_Y = data.load("tumour")
W2 = np.zeros(2)

# Each property tries 60 examples, the same ones every run; "search" tries many more, new
# ones each time. Only this file uses hypothesis, so loading a profile here affects nothing else.
settings.register_profile("course", max_examples=60, deadline=timedelta(seconds=2),
                          database=None, derandomize=True)
settings.register_profile("search", max_examples=3000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))


# ---------------------------------------------------------------------------
# The cases listed in issue 14
# ---------------------------------------------------------------------------

def test_gradient_descent_checks_its_starting_point_as_cost_does():
    """It used to warn, store NaN and blame the learning rate ("rose from nan to nan")."""
    with pytest.raises(ValueError) as from_cost:
        logistic.cost([[1e200]], [1], [1e200], 0.0)
    with pytest.raises(ValueError) as from_descent:
        logistic.gradient_descent([[1e200]], [1], [1e200], 0.0, 0.1, 10)
    assert str(from_descent.value) == str(from_cost.value)
    assert "X·w + b overflowed" in str(from_descent.value)
    assert "alpha" not in str(from_descent.value) and "learning rate" not in str(from_descent.value)


def test_the_cost_of_two_examples_at_z_1e308_is_their_representable_mean():
    assert logistic.cost([[1e308], [1e308]], [0, 0], [1.0], 0.0) == 1e308
    assert logistic.cost([[1e308], [-1e308]], [0, 1], [1.0], 0.0) == 1e308
    J = logistic.cost_grid([[1.0], [1.0]], [0, 0], [1e308], [0.0])
    assert J[0, 0] == 1e308


@pytest.mark.parametrize("X, y", [(X6, Y6), (TUMOUR_X, TUMOUR_Y)])
def test_alpha_1e307_runs_without_a_warning(X, y):
    _, _, history = logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, 1e307, 100)
    assert history.status == "finished" and np.all(np.isfinite(history.cost))


def test_an_overflowing_sum_in_the_gradient_is_computed_as_a_mean():
    """Xᵀ(f − y) is 2.19e308 here, but ∂J/∂w = Xᵀ(f − y)/m = 1.097e308 is representable."""
    X, y, b = np.full((2, 1), 1.5e308), [0, 0], 1.0
    f = 1 / (1 + np.exp(-1.0))
    dj_dw, dj_db = logistic.gradient(X, y, [0.0], b)
    assert dj_dw[0] == pytest.approx(1.5e308 * f, rel=1e-15)
    assert dj_db == pytest.approx(f, rel=1e-15)
    loop_dw, _ = logistic.gradient_loop(X, y, [0.0], b)
    assert loop_dw[0] == pytest.approx(dj_dw[0], rel=1e-15)
    dW, _ = softmax.gradient(X, y, np.zeros((1, 2)), np.array([0.0, -1.0]))
    assert np.all(np.isfinite(dW))


def test_when_the_run_overflows_the_error_says_what_overflowed_and_why():
    X = np.full((2, 1), 1.5e308)
    with pytest.raises(ValueError, match="overflowed at iteration 1.*alpha = 0.1 is too large"):
        logistic.gradient_descent(X, [0, 1], [0.0], 1.0, 0.1, 5)


@pytest.mark.parametrize("w, lambda_", [([1e200, 0.0], 1.0), ([10.0, 0.0], 1e308)])
def test_an_overflowing_l2_penalty_is_a_clear_error(w, lambda_):
    with pytest.raises(ValueError, match=r"the L2 penalty \(λ/2m\)·Σw² overflowed: lambda_"):
        logistic.cost(X6, Y6, w, 0.0, lambda_=lambda_)


def test_a_penalty_whose_sum_of_squares_overflows_but_whose_value_fits_is_computed():
    """Σw² = 1e400 overflows; (λ/2m)Σw² = 5e99 does not."""
    assert logistic.cost([[0.0, 0.0]], [1], [1e200, 0.0], 0.0, lambda_=1e-300) == \
        pytest.approx(np.log(2) + 5e99, rel=1e-12)
    dj_dw, _ = logistic.gradient(X6, Y6, [10.0, 0.0], 0.0, lambda_=1e308)
    assert dj_dw[0] == pytest.approx(1e308 / 6 * 10, rel=1e-12)


def test_a_huge_penalty_in_gradient_descent_diverges_without_a_warning():
    _, _, history = logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, 10, lambda_=1e308)
    assert history.diverged and np.all(np.isfinite(history.cost))


def test_softmax_on_rows_spanning_plus_and_minus_1e308():
    np.testing.assert_array_equal(softmax.softmax([[1e308, -1e308, 0.0]]), [[1.0, 0.0, 0.0]])
    np.testing.assert_array_equal(softmax.log_softmax([[1e308, 0.0]]), [[0.0, -1e308]])
    with pytest.raises(ValueError, match="span more than the largest 64-bit float"):
        softmax.log_softmax([[1e308, -1e308, 0.0]])


NUM_ITERS_CALLS = {
    "gradient_descent": lambda n: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, n),
    "softmax.gradient_descent": lambda n: softmax.gradient_descent(
        X6, Y6, np.zeros((2, 2)), np.zeros(2), 0.1, n),
    "newton_method": lambda n: newton.newton_method(X6, Y6, W2, 0.0, num_iters=n),
    "one_vs_rest": lambda n: softmax.one_vs_rest(X6, Y6, 0.1, n),
}


@pytest.mark.parametrize("function", NUM_ITERS_CALLS)
@pytest.mark.parametrize("num_iters, error", [
    ("abc", TypeError), (None, TypeError), ("5", TypeError), ([3], TypeError),
    (np.array([3]), TypeError), (2.5, TypeError), (1e4, TypeError), (True, TypeError),
    (10**400, ValueError), (0, ValueError), (-3, ValueError),
])
def test_num_iters_gets_one_check_everywhere(function, num_iters, error):
    with pytest.raises(error, match="^num_iters must be a whole number"):
        NUM_ITERS_CALLS[function](num_iters)


@pytest.mark.parametrize("function", NUM_ITERS_CALLS)
def test_num_iters_takes_ints_and_numpy_ints(function):
    for n in (3, np.int64(3), np.uint16(3)):
        NUM_ITERS_CALLS[function](n)


STRING_CASES = {
    "X": lambda: logistic.cost(X6.astype(str), Y6, W2, 0.0),
    "y": lambda: logistic.cost(X6, Y6.astype(str), W2, 0.0),
    "w": lambda: logistic.cost(X6, Y6, ["0.5", "0.5"], 0.0),
    "b": lambda: logistic.cost(X6, Y6, W2, "0.5"),
    "z": lambda: logistic.sigmoid("0.5"),
    "alpha": lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, "0.5", 5),
    "lambda_": lambda: logistic.cost(X6, Y6, W2, 0.0, lambda_="0.5"),
    "tol": lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, 5, tol="0.5"),
    "threshold": lambda: logistic.predict(X6, W2, 0.0, threshold="0.5"),
}


@pytest.mark.parametrize("name", STRING_CASES)
def test_numeric_strings_are_refused_not_converted(name):
    with pytest.raises(TypeError, match=f"^{re.escape(name)}"):
        STRING_CASES[name]()


COMPLEX_CASES = {
    "X": lambda: logistic.cost(X6 + 0j, Y6, W2, 0.0),
    "y": lambda: logistic.cost(X6, Y6 + 0j, W2, 0.0),
    "w": lambda: logistic.cost(X6, Y6, W2 + 1j, 0.0),
    "b": lambda: logistic.cost(X6, Y6, W2, np.complex128(1)),
    "z": lambda: logistic.sigmoid(np.array([1 + 1j])),
    "alpha": lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1 + 0j, 5),
    "Z": lambda: softmax.softmax(np.array([1 + 0j, 2])),
}


@pytest.mark.parametrize("name", COMPLEX_CASES)
def test_complex_numbers_are_refused_without_a_complex_warning(name):
    with pytest.raises(TypeError, match=f"^{re.escape(name)}.*complex"):
        COMPLEX_CASES[name]()


@pytest.mark.parametrize("call", [
    lambda: logistic.cost(X6, Y6, None, 0.0),
    lambda: logistic.cost(X6, Y6, W2, None),
    lambda: logistic.sigmoid(None),
    lambda: logistic.predict_proba(None, W2, 0.0),
    lambda: logistic.cost(X6, None, W2, 0.0),
])
def test_none_is_a_type_error_that_says_none(call):
    with pytest.raises(TypeError, match="got None") as caught:
        call()
    assert "NaN" not in str(caught.value)


@pytest.mark.parametrize("call, name", [
    (lambda: logistic.sigmoid(10**400), "z"),
    (lambda: logistic.cost(X6, Y6, [10**400, 0], 0.0), "w"),
    (lambda: logistic.cost(X6, Y6, W2, -10**400), "b"),
    (lambda: logistic.cost([[10**400, 0]] * 6, Y6, W2, 0.0), "X"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 10**400, 5), "alpha"),
    (lambda: logistic.cost(X6, Y6, W2, 0.0, lambda_=10**400), "lambda_"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, 10**400), "num_iters"),
])
def test_a_python_int_beyond_float64_is_a_clear_value_error(call, name):
    with pytest.raises(ValueError, match=f"^{re.escape(name)}.*(too large|at most)") as caught:
        call()
    assert not isinstance(caught.value, (TypeError, OverflowError))


# ---------------------------------------------------------------------------
# Properties, on generated input
# ---------------------------------------------------------------------------

# Any finite float, with ordinary sizes drawn often enough to matter.
ANY_FLOAT = st.one_of(st.floats(-10, 10), st.floats(allow_nan=False, allow_infinity=False))
SIZES = st.tuples(st.integers(1, 6), st.integers(1, 3))


@st.composite
def problems(draw, numbers=ANY_FLOAT):
    """(X, y, w, b): finite X (m, n), labels 0/1, finite w (n,) and b, any magnitudes."""
    m, n = draw(SIZES)
    X = draw(hnp.arrays(np.float64, (m, n), elements=numbers))
    y = draw(hnp.arrays(np.int64, m, elements=st.integers(0, 1)))
    w = draw(hnp.arrays(np.float64, n, elements=numbers))
    return X, y, w, draw(numbers)


def length(v):
    """‖v‖, scaled so that tiny entries do not underflow (np.linalg.norm squares them)."""
    top = np.max(np.abs(v))
    return top * np.linalg.norm(v / top) if top else 0.0


def finite_or_clear_error(call, names):
    """Run call; return its result if every number in it is finite. A ValueError is
    allowed when its message names one of `names`; anything else fails the test."""
    try:
        result = call()
    except ValueError as error:
        assert not isinstance(error, TypeError), error
        assert any(name in str(error) for name in names), error
        return None
    for part in result if isinstance(result, tuple) else (result,):
        if isinstance(part, logistic.History):
            part = part.cost
        assert np.all(np.isfinite(part)), result
    return result


@given(problems(), st.one_of(st.just(0.0), ANY_FLOAT.map(abs)))
def test_cost_and_gradient_are_finite_or_a_clear_error(problem, lambda_):
    X, y, w, b = problem
    names = ("X", "w", "b", "lambda_")
    finite_or_clear_error(lambda: logistic.cost(X, y, w, b, lambda_), names)
    finite_or_clear_error(lambda: logistic.gradient(X, y, w, b, lambda_), names)
    finite_or_clear_error(lambda: logistic.gradient_loop(X, y, w, b), names)
    finite_or_clear_error(lambda: logistic.predict_proba(X, w, b), names)
    finite_or_clear_error(lambda: logistic.predict(X, w, b), names)


@given(problems())
def test_the_cost_is_finite_whenever_z_is(problem):
    """Only an overflowing X·w + b can stop the cost: the mean of the losses never does."""
    X, y, w, b = problem
    with np.errstate(over="ignore", invalid="ignore"):
        z = X @ w + b
    if np.all(np.isfinite(z)):
        assert np.isfinite(logistic.cost(X, y, w, b))


@given(problems(), ANY_FLOAT.map(abs).filter(lambda a: a > 0), st.integers(1, 15))
def test_gradient_descent_never_diverges_without_a_penalty(problem, alpha, num_iters):
    X, y, w, b = problem
    result = finite_or_clear_error(
        lambda: logistic.gradient_descent(X, y, w, b, alpha, num_iters), ("X", "alpha"))
    if result is not None:
        history = result[2]
        assert history.status == "finished" and not history.diverged
        assert history.iterations == num_iters


@given(problems(st.floats(-1e6, 1e6, allow_subnormal=False)), st.floats(1e-3, 1e3),
       st.floats(1e-3, 1e3))
def test_gradient_descent_with_a_penalty_diverges_only_when_it_must(problem, alpha, lambda_):
    """"diverged" needs αλ/m > 2; when it is reported, ‖w‖ − R grows by |1 − αλ/m| a step.
    (Moderate numbers, not subnormal, so that the check's own arithmetic is exact enough.)"""
    X, y, w, b = problem
    m = X.shape[0]
    result = finite_or_clear_error(
        lambda: logistic.gradient_descent(X, y, w, b, alpha, 10, lambda_=lambda_),
        ("X", "alpha", "lambda_"))
    if result is None or not result[2].diverged:
        return
    assert alpha * lambda_ / m > 2
    w_k, b_k = result[0], result[1]
    dj_dw, dj_db = logistic.gradient(X, y, w_k, b_k, lambda_)
    G = np.mean([length(row) for row in X])
    R = alpha * G / (alpha * lambda_ / m - 2)
    gap = length(w_k) - R
    next_gap = length(w_k - alpha * dj_dw) - R
    assert next_gap >= (alpha * lambda_ / m - 1) * gap * (1 - 1e-9) - 1e-9 * R


@given(problems(), ANY_FLOAT.map(abs).filter(lambda a: a > 0))
def test_softmax_gradient_descent_never_diverges(problem, alpha):
    X, y, _, _ = problem
    W, b = np.zeros((X.shape[1], 2)), np.zeros(2)
    result = finite_or_clear_error(
        lambda: softmax.gradient_descent(X, y, W, b, alpha, 5), ("X", "alpha"))
    if result is not None:
        assert result[2].status == "finished"


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)),
                  elements=ANY_FLOAT))
def test_softmax_rows_are_probabilities_for_any_finite_scores(Z):
    P = softmax.softmax(Z)
    assert np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
    log_P = finite_or_clear_error(lambda: softmax.log_softmax(Z), ("Z",))
    if log_P is not None:
        assert np.all(log_P <= 0)


@given(problems(), st.floats(0, 10))
def test_newton_helpers_are_finite_or_a_clear_error(problem, lambda_):
    X, y, w, b = problem
    finite_or_clear_error(lambda: newton.hessian(X, w, b, lambda_), ("X", "Hessian"))
    finite_or_clear_error(lambda: newton.hessian_bound(X), ("X", "Hessian"))
    result = finite_or_clear_error(
        lambda: newton.newton_method(X, y, np.zeros_like(w), 0.0, num_iters=5, lambda_=lambda_),
        ("X", "Hessian"))
    if result is not None and result[2].status == "converged":
        H = newton.hessian(X, result[0], result[1], lambda_)
        assert np.linalg.cond(H) <= newton.MAX_CONDITION


@given(hnp.arrays(np.float64, st.tuples(st.integers(2, 6), st.just(2)), elements=ANY_FLOAT),
       st.integers(1, 4))
def test_features_are_finite_or_a_clear_error(X, degree):
    scaled = finite_or_clear_error(lambda: features.Standardizer().fit_transform(X), ("X", "constant"))
    if scaled is not None:
        assert np.all(np.abs(scaled) <= np.sqrt(X.shape[0]) + 1e-9)    # |x − mean| ≤ √m · std
    finite_or_clear_error(lambda: features.polynomial_features(X, degree), ("X", "degree"))


@given(hnp.arrays(np.float64, st.integers(1, 5), elements=ANY_FLOAT), st.floats(1e-8, 0.5))
def test_finite_differences_are_finite_or_a_clear_error(x, h):
    finite_or_clear_error(lambda: gradcheck.slope(logistic.sigmoid, x, h), ("x", "g"))
    finite_or_clear_error(lambda: gradcheck.partials(lambda v: float(np.sum(np.tanh(v))), x, h),
                          ("x", "J"))


@given(ANY_FLOAT, ANY_FLOAT, ANY_FLOAT, st.integers(0, 1), ANY_FLOAT.map(abs).filter(bool),
       st.sampled_from([single_point.DESCENT, single_point.ASCENT]))
def test_the_single_point_run_is_finite_or_a_clear_error(x, w, b, y, alpha, sign):
    rows = finite_or_clear_error(
        lambda: np.array([row[1:] for row in single_point.single_point_run(x, y, w, b, alpha, 3,
                                                                           sign)]),
        ("w", "b", "x", "alpha"))
    if rows is not None:
        assert rows.shape == (3, 5)


@given(hnp.arrays(np.int64, st.integers(1, 20), elements=st.integers(0, 1)), st.data())
def test_metrics_count_every_example(y_true, draw):
    y_pred = draw.draw(hnp.arrays(np.int64, y_true.size, elements=st.integers(0, 1)))
    counts = metrics.confusion_counts(y_true, y_pred)
    assert counts.sum() == y_true.size
    assert metrics.accuracy(y_true, y_pred) == (counts[0, 0] + counts[1, 1]) / y_true.size


ANYTHING = st.one_of(st.none(), st.booleans(), st.text(max_size=5), st.complex_numbers(),
                     st.floats(), st.integers(-10**500, 10**500),
                     st.lists(st.integers(-5, 5), max_size=3), st.just(object()))


@given(ANYTHING)
def test_any_num_iters_is_an_int_or_an_error_naming_it(value):
    try:
        result = logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, value, tol=1e-3)
    except (TypeError, ValueError) as error:
        assert str(error).startswith("num_iters must be a whole number"), error
    else:
        assert isinstance(value, int) and 1 <= value and result[2].iterations <= value


@given(ANYTHING)
def test_any_alpha_is_a_positive_number_or_an_error_naming_it(value):
    try:
        logistic.gradient_descent(X6, Y6, W2, 0.0, value, 3)
    except (TypeError, ValueError) as error:
        assert "alpha" in str(error), error
        if value is None or isinstance(value, (str, bool, complex, list)):
            assert isinstance(error, TypeError)
    else:
        assert not isinstance(value, (bool, str, complex, list)) and value is not None
        assert 0 < float(value) < np.inf


@given(ANYTHING)
def test_any_bias_is_a_finite_number_or_an_error_naming_it(value):
    try:
        logistic.cost(X6, Y6, W2, value)
    except (TypeError, ValueError) as error:
        assert str(error).startswith("b must be"), error
        if value is None or isinstance(value, (str, bool, complex, list)):
            assert isinstance(error, TypeError)
    else:
        assert not isinstance(value, (bool, str, complex, list)) and value is not None
