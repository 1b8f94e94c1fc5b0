"""The numbers and helpers behind notebook 06, pinned to the source material.

The lab run, the gradient reference and the explorer. (Its exercises are tested in
tests/checks/test_nb06_decision_boundary.py.)
"""

import numpy as np
import pytest

from helpers import data, logistic

# ---------------------------------------------------------------------------
# 06 the decision-boundary lab
# ---------------------------------------------------------------------------

LAB_COSTS = [0.684610468560574, 0.1590977666870457, 0.08460064176930078, 0.05705327279402531,
             0.04290759421682, 0.03433847729884557, 0.02860379802212006, 0.02450156960879306,
             0.02142370332569295, 0.019030137124109114]


@pytest.fixture(scope="module")
def lab_run():
    X, y = data.load("six_points")
    return logistic.gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 10_000)


def test_lab_costs_at_every_thousandth_iteration(lab_run):
    _, _, history = lab_run
    printed = [history.cost[k + 1] for k in range(0, 10_000, 1000)]
    np.testing.assert_allclose(printed, LAB_COSTS, rtol=1e-9)


def test_lab_final_parameters(lab_run):
    w, b, history = lab_run
    np.testing.assert_allclose(w, [5.28123029, 5.07815608], rtol=1e-8)
    assert b == pytest.approx(-14.222409982019837, rel=1e-9)
    assert history.status == "finished" and history.iterations == 10_000


def test_gradient_reference():
    X, y = data.load("six_points")
    dj_dw, dj_db = logistic.gradient(X, y, np.array([2.0, 3.0]), 1.0)
    assert dj_db == pytest.approx(0.49861806546328574, rel=1e-12)
    np.testing.assert_allclose(dj_dw, [0.498333393278696, 0.49883942983996693], rtol=1e-12)


