"""Notebooks 01-03: the taught functions agree with helpers, every checker diagnosis is
reachable, and the reference gradient from COURSE.md is reproduced through helpers.

(a) The cell tagged "solution" in each notebook is executed on its own in a fresh namespace
    and compared with the helpers version on random and extreme inputs.
(b) Each checker gets one deliberately wrong learner function per known mistake, a stub, a
    correct function and a function that raises something unexpected.
(c) The gradient on the six-point data at w = [2, 3], b = 1 is pinned exactly.
"""

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers import checks, cost, data, gradcheck, gradient, logistic, sigmoid

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


# ---------------------------------------------------------------------------
# (a) the solutions in the notebooks agree with helpers
# ---------------------------------------------------------------------------

def solution_namespace(notebook):
    """Execute the notebook's solution cell(s) alone in a fresh namespace; return it."""
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    cells = [cell for cell in nb.cells
             if cell.cell_type == "code" and "solution" in cell.metadata.get("tags", [])]
    assert cells, f"{notebook} has no cell tagged 'solution'"
    for cell in cells:
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, (
            f"{notebook}: the solution cell should be collapsed")
    namespace = {}
    for cell in cells:
        exec(compile(cell.source, f"{notebook}:solution", "exec"), namespace)
    return namespace


def random_problem(seed, m=40, n=3, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * scale
    y = rng.integers(0, 2, size=m)
    w = rng.normal(size=n) * scale
    return X, y, w, float(rng.normal() * scale)


def test_taught_sigmoid_matches_helpers_on_random_and_extreme_inputs():
    my_sigmoid = solution_namespace("01_sigmoid.ipynb")["my_sigmoid"]
    z = np.concatenate([np.random.default_rng(0).normal(scale=10, size=500),
                        [-1e4, -1000.0, -745.0, -710.0, -30.0, 0.0, 30.0, 710.0, 1000.0, 1e4]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_allclose(my_sigmoid(z), sigmoid(z), rtol=1e-12, atol=0)
        assert float(my_sigmoid(-3.0)) == pytest.approx(float(sigmoid(-3.0)), rel=1e-15)


@pytest.mark.parametrize("seed,scale", [(1, 1.0), (2, 0.1), (3, 100.0), (4, 1000.0)])
def test_taught_cost_matches_helpers_on_random_and_extreme_inputs(seed, scale):
    compute_cost = solution_namespace("02_cross_entropy.ipynb")["compute_cost"]
    X, y, w, b = random_problem(seed, scale=scale)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        value = compute_cost(X, y, w, b)
    assert np.isfinite(value)
    assert value == pytest.approx(cost(X, y, w, b), rel=1e-12)


@pytest.mark.parametrize("seed,scale", [(1, 1.0), (2, 0.1), (3, 100.0), (4, 1000.0)])
def test_taught_gradient_matches_helpers_on_random_and_extreme_inputs(seed, scale):
    compute_gradient = solution_namespace("03_gradient.ipynb")["compute_gradient"]
    X, y, w, b = random_problem(seed, scale=scale)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        dj_dw, dj_db = compute_gradient(X, y, w, b)
    expected_w, expected_b = gradient(X, y, w, b)
    assert np.shape(dj_dw) == expected_w.shape
    np.testing.assert_allclose(dj_dw, expected_w, rtol=1e-12, atol=1e-15)
    assert float(dj_db) == pytest.approx(expected_b, rel=1e-12, abs=1e-15)


# ---------------------------------------------------------------------------
# (b) every diagnosis of every checker
# ---------------------------------------------------------------------------

def assert_mistake(result, *phrases):
    assert result.status == checks.MISTAKE, result.message
    for phrase in phrases:
        assert phrase in result.message, result.message


def raises_odd(*args):
    raise KeyError("something unexpected")


def stub(*args):
    return None


def not_implemented(*args):
    raise NotImplementedError


# --- the sigmoid -----------------------------------------------------------

def test_sigmoid_stub_is_not_attempted():
    assert checks.diagnose_sigmoid(stub).status == checks.NOT_ATTEMPTED
    assert checks.diagnose_sigmoid(not_implemented).status == checks.NOT_ATTEMPTED


def test_sigmoid_correct_passes():
    assert checks.diagnose_sigmoid(sigmoid).status == checks.PASSED


def test_sigmoid_naive_numpy_form_is_the_overflow_mistake():
    result = checks.diagnose_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    assert_mistake(result, "overflow")


def test_sigmoid_other_naive_form_overflows_for_large_positive_z():
    result = checks.diagnose_sigmoid(lambda z: np.exp(z) / (1 + np.exp(z)))
    assert_mistake(result, "overflow")


def test_sigmoid_math_exp_is_the_overflow_mistake():
    result = checks.diagnose_sigmoid(lambda z: 1 / (1 + math.exp(-z)))
    assert_mistake(result, "OverflowError")


def test_sigmoid_math_exp_that_cannot_overflow_still_fails_on_arrays():
    def scalar_only(z):
        z = float(z)
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    assert_mistake(checks.diagnose_sigmoid(scalar_only), "np.exp")


def test_sigmoid_sign_slip():
    result = checks.diagnose_sigmoid(lambda z: 1 / (1 + np.exp(z)))
    assert_mistake(result, "sign")


def test_sigmoid_other_wrong_answer_is_wrong():
    result = checks.diagnose_sigmoid(lambda z: np.tanh(z))
    assert result.status == checks.WRONG


def test_sigmoid_odd_exception_gives_a_verdict(capsys):
    assert checks.diagnose_sigmoid(raises_odd).status == checks.WRONG
    checks.check_sigmoid(raises_odd)
    assert "KeyError" in capsys.readouterr().out


# --- the cost --------------------------------------------------------------

def cost_variant(sign=-1.0, reduce=np.mean, log=np.log, column=False):
    def compute_cost(X, y, w, b):
        z = X @ (w.reshape(-1, 1) if column else w) + b
        f = sigmoid(z)
        return sign * reduce(y * log(f) + (1 - y) * log(1 - f))
    return compute_cost


def test_cost_stub_is_not_attempted():
    assert checks.diagnose_cost(stub).status == checks.NOT_ATTEMPTED
    assert checks.diagnose_cost(not_implemented).status == checks.NOT_ATTEMPTED


def test_cost_correct_passes():
    assert checks.diagnose_cost(cost_variant()).status == checks.PASSED
    assert checks.diagnose_cost(cost).status == checks.PASSED


def test_cost_missing_minus():
    assert_mistake(checks.diagnose_cost(cost_variant(sign=1.0)), "minus sign is missing")


def test_cost_missing_mean():
    assert_mistake(checks.diagnose_cost(cost_variant(reduce=np.sum)), "sum of the losses")


def test_cost_log_base_2():
    assert_mistake(checks.diagnose_cost(cost_variant(log=np.log2)), "base 2")


def test_cost_broadcasting_slip():
    assert_mistake(checks.diagnose_cost(cost_variant(column=True)), "broadcasting")


def test_cost_per_example_losses_without_the_mean():
    assert_mistake(checks.diagnose_cost(cost_variant(reduce=lambda v: v)), "np.mean")


def test_cost_other_wrong_answer_is_wrong():
    assert checks.diagnose_cost(lambda X, y, w, b: 0.5).status == checks.WRONG


def test_cost_odd_exception_gives_a_verdict(capsys):
    assert checks.diagnose_cost(raises_odd).status == checks.WRONG
    checks.check_cost(raises_odd)
    assert "KeyError" in capsys.readouterr().out


# --- the gradient ----------------------------------------------------------

def gradient_variant(sign=1.0, divide=True, transposed=False, column=False):
    def compute_gradient(X, y, w, b):
        m = X.shape[0] if divide else 1
        error = sign * (sigmoid(X @ w + b) - y)
        dj_dw = (X @ error if transposed else X.T @ error) / m
        return (dj_dw.reshape(-1, 1) if column else dj_dw), error.sum() / m
    return compute_gradient


def test_gradient_stub_is_not_attempted():
    assert checks.diagnose_gradient(stub).status == checks.NOT_ATTEMPTED
    assert checks.diagnose_gradient(not_implemented).status == checks.NOT_ATTEMPTED


def test_gradient_correct_passes():
    assert checks.diagnose_gradient(gradient_variant()).status == checks.PASSED
    assert checks.diagnose_gradient(gradient).status == checks.PASSED


def test_gradient_wrong_sign():
    assert_mistake(checks.diagnose_gradient(gradient_variant(sign=-1.0)), "sign is flipped")


def test_gradient_missing_one_over_m():
    assert_mistake(checks.diagnose_gradient(gradient_variant(divide=False)), "1/m is missing")


def test_gradient_transposed_product_on_a_square_case():
    assert_mistake(checks.diagnose_gradient(gradient_variant(transposed=True)), "transposed")


def test_gradient_transposed_product_recognised_from_the_shape_error():
    """Only the non-square case is answered (with numpy's shape error): still diagnosed."""
    def transposed_or_odd(X, y, w, b):
        if X.shape[0] == X.shape[1]:
            raise KeyError("square")
        return gradient_variant(transposed=True)(X, y, w, b)
    result = checks.diagnose_gradient(transposed_or_odd)
    assert_mistake(result, "transposed", "numpy refused")


def test_gradient_column_shape():
    assert_mistake(checks.diagnose_gradient(gradient_variant(column=True)), "shape (2, 1)")


def test_gradient_right_only_on_the_non_square_case_is_wrong():
    def right_only_when_not_square(X, y, w, b):
        dj_dw, dj_db = gradient(X, y, w, b)
        return (dj_dw + 1 if X.shape[0] == X.shape[1] else dj_dw), dj_db
    assert checks.diagnose_gradient(right_only_when_not_square).status == checks.WRONG


def test_gradient_finite_difference_check_is_what_decides_a_pass(monkeypatch):
    """If the slope of the cost disagreed with the answer, the checker must not pass it."""
    monkeypatch.setattr(gradcheck, "partials", lambda J, x, h=1e-5: np.asarray(x) * 0 + 9.0)
    assert checks.diagnose_gradient(gradient).status == checks.WRONG


def test_gradient_other_wrong_answers_are_wrong():
    assert checks.diagnose_gradient(lambda X, y, w, b: (np.zeros(2), 0.0)).status == checks.WRONG
    assert checks.diagnose_gradient(lambda X, y, w, b: np.zeros(2)).status == checks.WRONG


def test_gradient_odd_exception_gives_a_verdict(capsys):
    assert checks.diagnose_gradient(raises_odd).status == checks.WRONG
    checks.check_gradient(raises_odd)
    assert "KeyError" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# (c) the reference gradient of COURSE.md
# ---------------------------------------------------------------------------

REFERENCE_DJ_DW = [0.498333393278696, 0.49883942983996693]
REFERENCE_DJ_DB = 0.49861806546328574


@pytest.mark.parametrize("function", [gradient, logistic.gradient_loop])
def test_reference_gradient_on_six_points(function):
    X, y = data.load("six_points")
    dj_dw, dj_db = function(X, y, np.array([2.0, 3.0]), 1.0)
    np.testing.assert_allclose(dj_dw, REFERENCE_DJ_DW, rtol=1e-15, atol=0)
    assert dj_db == pytest.approx(REFERENCE_DJ_DB, rel=1e-15, abs=0)


def test_reference_gradient_agrees_with_finite_differences():
    X, y = data.load("six_points")
    numeric = gradcheck.partials(lambda v: cost(X, y, v[:2], v[2]), [2.0, 3.0, 1.0])
    np.testing.assert_allclose(numeric, REFERENCE_DJ_DW + [REFERENCE_DJ_DB], atol=1e-8)


# ---------------------------------------------------------------------------
# helpers written for these notebooks
# ---------------------------------------------------------------------------

def test_gradcheck_slope_and_partials():
    z = np.linspace(-5, 5, 11)
    f = sigmoid(z)
    np.testing.assert_allclose(gradcheck.slope(sigmoid, z), f * (1 - f), atol=1e-9)
    np.testing.assert_allclose(gradcheck.partials(lambda v: v @ v, [1.0, -2.0]), [2.0, -4.0],
                               atol=1e-8)


@pytest.mark.parametrize("bad", [0.0, -1e-5, 2.0, float("nan"), "small"])
def test_gradcheck_rejects_bad_steps(bad):
    with pytest.raises(ValueError, match="h must be"):
        gradcheck.slope(sigmoid, 0.0, h=bad)


def test_gradcheck_rejects_bad_points_and_functions():
    with pytest.raises(ValueError, match="NaN or infinite"):
        gradcheck.partials(lambda v: 0.0, [1.0, np.inf])
    with pytest.raises(ValueError, match="function"):
        gradcheck.partials("not a function", [1.0])


def test_cost_slice_rejects_mismatched_lengths():
    from matplotlib.figure import Figure

    from helpers import plots

    ax = Figure().subplots()
    with pytest.raises(ValueError, match="same length"):
        plots.cost_slice([0.0, 1.0], [1.0], ax=ax)
    with pytest.raises(ValueError, match="mark"):
        plots.cost_slice([0.0, 1.0], [1.0, 2.0], ax=ax, mark="lowest")
