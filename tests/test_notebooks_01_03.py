"""Notebooks 01-03: the reference gradient from COURSE.md is reproduced through helpers, and
the helpers these notebooks use. (Their exercises are tested in tests/checks/.)

The gradient on the six-point data at w = [2, 3], b = 1 is pinned exactly.
"""

import numpy as np
import pytest

from helpers import cost, data, gradcheck, gradient, logistic, sigmoid


# ---------------------------------------------------------------------------
# the reference gradient of COURSE.md
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
