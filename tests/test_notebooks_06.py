"""The numbers and helpers behind notebook 06, pinned to the source material.

The lab run, the gradient reference, what the text and the explorer's answers say about
the run, and the notebook itself: the lab's printed lines, no cell overwriting a learner's
function, the explorer cell running alone. (The exercises are tested in
tests/checks/test_nb06_decision_boundary.py.)
"""

import ast
import json
from pathlib import Path

import numpy as np
import pytest

from helpers import data, geometry, logistic

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




# ---------------------------------------------------------------------------
# What the text says about the run, checked against the run
# ---------------------------------------------------------------------------

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "06_decision_boundary.ipynb"


def code_cells():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


def stdout_of(cell):
    return "".join("".join(output["text"]) for output in cell["outputs"]
                   if output.get("name") == "stdout")


def test_the_notebook_prints_the_lab_run_as_the_lab_does():
    cell = next(c for c in code_cells() if "Iteration {i:4d}: Cost" in "".join(c["source"]))
    expected = [f"Iteration {i:4d}: Cost {cost:.8f}"
                for i, cost in zip(range(0, 10_000, 1000), LAB_COSTS)]
    assert stdout_of(cell).splitlines() == expected
    assert expected[0] == "Iteration    0: Cost 0.68461047"


def test_the_costs_the_text_quotes(lab_run):
    _, _, history = lab_run
    cost = history.cost
    assert [round(cost[k], 3) for k in (0, 100, 200, 300)] == [0.693, 0.530, 0.435, 0.365]
    assert [round(cost[k], 3) for k in (1000, 2000, 4000, 8000)] == [0.159, 0.085, 0.043,
                                                                     0.021]
    for k in (1000, 2000, 4000):            # "doubling the iterations halves the cost"
        assert 1.85 < cost[k] / cost[2 * k] < 2.05
    assert round(cost[1], 4) == 0.6846 and round(cost[9001], 4) == 0.0190
    assert round(cost[-1], 4) == 0.0171 and cost[0] == pytest.approx(np.log(2))
    assert np.all(np.diff(cost) < 0)


def direction(w):
    """The direction of w in degrees: the boundary turns when it changes."""
    return np.degrees(np.arctan2(w[1], w[0]))


def test_the_boundary_as_the_first_answer_tells_it(lab_run):
    """First separation at iteration 143 (a stop of the slider), (1.5, 0.5) wrong at 113;
    about 10 degrees of turning up to 1194, under 2 after; the 0.1-0.9 band narrows from
    about 5 to about 0.6."""
    X, y = data.load("six_points")
    _, _, history = lab_run
    stops = geometry.iteration_stops(10_000)
    separating = [k for k in stops if history.w[k].any()
                  and np.array_equal(logistic.predict(X, history.w[k], history.b[k]), y)]
    assert separating[0] == 143 and stops[stops.index(143) - 1] == 113
    assert all(k in separating for k in stops if k >= 143)
    wrong = logistic.predict(X, history.w[113], history.b[113]) != y
    assert X[wrong].tolist() == [[1.5, 0.5]]
    first = np.flatnonzero([np.array_equal(logistic.predict(X, w, b), y) and w.any()
                            for w, b in zip(history.w, history.b)])[0]
    assert first == 143
    turn_early = direction(history.w[1194]) - direction(history.w[143])
    turn_late = direction(history.w[10_000]) - direction(history.w[1194])
    assert 9 < turn_early < 11 and 0 < turn_late < 2
    band = 2 * np.log(9)                      # z from −log 9 to log 9: P from 0.1 to 0.9
    assert round(band / np.linalg.norm(history.w[143]), 1) == 5.0
    assert round(band / np.linalg.norm(history.w[10_000]), 1) == 0.6


def test_large_rates_spike_recover_and_end_lower():
    X, y = data.load("six_points")
    runs = {alpha: logistic.gradient_descent(X, y, np.zeros(2), 0.0, alpha, 10_000)[2]
            for alpha in (0.1, 3.0, 10.0)}
    assert not any(run.diverged for run in runs.values())
    assert runs[3.0].cost[-1] < runs[0.1].cost[-1] and runs[10.0].cost[-1] < runs[3.0].cost[-1]
    ten = runs[10.0].cost
    assert ten[17] < 0.0171 < ten[16]         # "below 0.0171 after 17 updates"
    assert ten[17] < 0.02 and max(ten[:11]) == pytest.approx(7.6, abs=0.05)
    probabilities = logistic.predict_proba(X, runs[10.0].w[13], runs[10.0].b[13])
    assert np.all(probabilities > 0.99)       # iteration 13: every point near P = 1


# ---------------------------------------------------------------------------
# Run All never overwrites the learner's functions; the explorer cell runs alone
# ---------------------------------------------------------------------------

EXERCISE_NAMES = {"gradient_descent", "predict", "boundary_x2"}


def bound_names(source):
    """Names a cell binds: defs, assignments, imports (IPython's own syntax has none here)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def test_only_the_stub_cells_bind_the_exercise_names():
    binders = {}
    for index, cell in enumerate(code_cells()):
        for name in bound_names("".join(cell["source"])) & EXERCISE_NAMES:
            binders.setdefault(name, []).append(index)
    assert set(binders) == EXERCISE_NAMES
    for name, cells in binders.items():
        assert len(cells) == 1, f"{name} is bound in code cells {cells}: Run All overwrites it"
        source = "".join(code_cells()[cells[0]]["source"])
        assert f"def {name}(" in source and "return None  # replace with your code" in source


def test_the_explorer_cell_runs_on_its_own():
    cell = next(c for c in code_cells() if "decision_boundary_explorer" in "".join(c["source"]))
    namespace = {}
    exec("".join(cell["source"]), namespace)      # a fresh namespace: as after a restart
    built = namespace["explorer"]
    assert built.values() == {"alpha": 0.1, "iteration": 10_000}
    built.close()
