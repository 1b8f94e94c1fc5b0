"""Notebooks 00-03: the reference gradient from COURSE.md reproduced through helpers, the
helpers these notebooks use, and every number and claim their text states, recomputed.
(Their exercises are tested in tests/checks/.)

The gradient on the six-point data at w = [2, 3], b = 1 is pinned exactly. Where a value can
be had without helpers (σ from mpmath, a float's limits from numpy.finfo) it is.
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import cost, data, gradcheck, gradient, gradient_descent, logistic, predict_proba
from helpers import sigmoid


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


# ---------------------------------------------------------------------------
# what the four notebooks are made of: answers, imports, no test talk, palette
# ---------------------------------------------------------------------------

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
OWN = ["00_start_here", "01_sigmoid", "02_cross_entropy", "03_gradient"]


def notebook(name):
    return json.loads((NOTEBOOK_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))


def sources(name, kind=None):
    return ["".join(cell["source"]) for cell in notebook(name)["cells"]
            if kind is None or cell["cell_type"] == kind]


def text_of(name):
    """Every cell's source, markdown and code, as one string."""
    return "\n".join(sources(name))


@pytest.mark.parametrize("name", OWN)
def test_every_ask_yourself_has_its_answer_just_after(name):
    for cell in sources(name, "markdown"):
        for question in re.finditer(r"\*\*Ask yourself:?\*\*", cell):
            rest = cell[question.end():]
            assert re.search(r"<details><summary>Answer</summary>.+?</details>", rest, re.S), \
                f"{name}: an 'Ask yourself' with no answer after it: {rest[:80]!r}"


@pytest.mark.parametrize("name", OWN)
def test_no_talk_of_tests_in_lessons(name):
    text = text_of(name)
    for word in ("nbval", "NBVAL", "the test", "tests check"):
        assert word not in text, f"{name} mentions {word!r}; use cell tags instead"


@pytest.mark.parametrize("name", OWN)
def test_explorer_cells_import_what_they_use(name):
    for cell in sources(name, "code"):
        if re.search(r"\bwidgets\.\w+_explorer\(", cell):
            assert "from helpers import widgets" in cell, \
                f"{name}: an explorer cell fails alone after a restart:\n{cell}"


@pytest.mark.parametrize("name", OWN)
def test_static_figures_use_the_palette(name):
    """No matplotlib default colours ("tab:...", "C0") in figures the notebook draws."""
    for cell in sources(name, "code"):
        assert not re.search(r"""["'](tab:\w+|C\d)["']""", cell), \
            f"{name}: a figure colour outside helpers.plots.PALETTE:\n{cell}"


def test_no_helper_source_printed_that_answers_an_exercise():
    """01 and 03 describe the stable sigmoid and the loop in words; printing the helpers'
    source would show the exercises' answers (and private helpers) in a stored output."""
    for name in ("01_sigmoid", "03_gradient"):
        assert "getsource" not in text_of(name)


# ---------------------------------------------------------------------------
# 00 start here
# ---------------------------------------------------------------------------

def test_setup_text_names_what_the_report_checks():
    from helpers import environment

    setup = next(cell for cell in sources("00_start_here", "markdown")
                 if cell.startswith("## 1. Is everything installed?"))
    for package in environment.REQUIREMENTS:
        assert package.lower() in setup.lower(), package
    for extension in environment.EXTENSIONS:
        assert extension in setup, extension
    low, high = environment.REQUIREMENTS["ipywidgets"]
    assert f"{low} or {int(high.split('.')[0]) - 1}" in setup  # "7.7 or 8"
    text = text_of("00_start_here")
    assert "ipympl" not in text and "jupyter-matplotlib" not in text


def test_start_here_says_where_the_course_runs_and_what_a_stale_widget_means():
    text = text_of("00_start_here")
    for place in ("JupyterLab 4", "Notebook 7", "VS Code", "Colab", "static HTML"):
        assert place in text, place
    assert "broken-link icon" in text and "Restart Kernel and Run All Cells" in text


def test_start_here_lists_the_minibatch_notebook():
    text = text_of("00_start_here")
    assert ("| 15 | [stochastic and mini-batch gradient descent](15_minibatch.ipynb) | one "
            "example or a small batch per update, epochs, noise and decaying steps |") in text


def test_start_here_answer_matches_the_explorer():
    """The answer quotes σ at both ends of the slider and at 0, as the readout shows them."""
    from helpers import widgets

    built = widgets.sigmoid_point_explorer()
    slider = built.controls["z"]
    shown = {}
    for z in (slider.min, 0.0, slider.max):
        slider.value = z
        shown[z] = built.readout.value
    built.close()
    assert (slider.min, slider.max) == (-8.0, 8.0)
    assert shown[0.0].endswith("σ(z) = 0.5000")
    assert shown[8.0].endswith("σ(z) = 0.9997") and shown[-8.0].endswith("σ(z) = 0.0003")
    text = text_of("00_start_here")
    assert "0.9997 (z = 8) and 0.0003 (z = −8)" in text


# ---------------------------------------------------------------------------
# 01 the sigmoid: every number the text states
# ---------------------------------------------------------------------------

def exact_sigmoid(z):
    """σ(z) to 50 digits, from mpmath (independent of helpers)."""
    import mpmath

    with mpmath.workdps(50):
        return float(1 / (1 + mpmath.exp(-mpmath.mpf(z))))


@pytest.mark.parametrize("z,shown", [(-6, "0.0025"), (-2, "0.1192"), (0, "0.5000"),
                                     (2, "0.8808"), (6, "0.9975"), (3, "0.953")])
def test_sigmoid_values_in_the_text(z, shown):
    decimals = len(shown.split(".")[1])
    assert f"{float(sigmoid(z)):.{decimals}f}" == shown
    assert f"{exact_sigmoid(z):.{decimals}f}" == shown


def test_sigma_40_rounds_to_one_and_the_symmetry_quiz():
    assert float(sigmoid(40.0)) == 1.0          # e^(−40) ≈ 4e−18 is below half an ulp of 1
    assert exact_sigmoid(40.0) == 1.0
    assert f"{1 - 0.953:.3f}" == "0.047" and f"{float(sigmoid(-3.0)):.3f}" == "0.047"


def test_where_the_naive_formula_overflows():
    largest = np.finfo(np.float64).max
    assert np.log(largest) == pytest.approx(709.78, abs=0.005)   # "below about −709.8"
    assert np.log(np.finfo(np.float32).max) == pytest.approx(88.72, abs=0.005)  # "near 89"
    with np.errstate(over="ignore"):
        naive = 1 / (1 + np.exp(-np.array([-709.0, -710.0, -720.0, -730.0, -1000.0])))
    assert naive[0] > 0 and np.all(naive[1:] == 0)                # "exactly 0 from z ≈ −710"


@pytest.mark.parametrize("z,shown", [(-730.0, "9.23e-318"), (-720.0, "2.03e-313"),
                                     (-700.0, "9.86e-305"), (-30.0, "9.36e-14")])
def test_stable_sigmoid_far_out(z, shown):
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow is silent
        value = float(sigmoid(z))
    assert f"{value:.2e}" == shown or f"{value:.3g}" == shown
    assert value == pytest.approx(exact_sigmoid(z), rel=1e-9)


def test_sigma_of_minus_1000_is_zero_because_it_is_below_the_smallest_float():
    smallest = np.nextafter(0.0, 1.0)
    assert float(sigmoid(-1000.0)) == 0.0 and exact_sigmoid(-1000.0) < smallest
    assert smallest == pytest.approx(5e-324, rel=0.02)
    assert np.log(smallest) == pytest.approx(-744, abs=0.5)        # "which is e^(−744)"


def test_slope_of_the_sigmoid_peaks_at_one_quarter():
    z = np.linspace(-8, 8, 401)
    slope = sigmoid(z) * (1 - sigmoid(z))
    assert slope.max() == 0.25 and z[np.argmax(slope)] == 0.0


def test_sigmoid_wb_answer_and_quiz():
    """Crossing at x = −b/w, slope w/4 there, falling for w < 0, flat σ(b) for w = 0."""
    x = np.linspace(-6, 6, 1201)
    for w, b in [(2.0, -4.0), (-2.0, 1.0), (4.0, -6.0), (0.5, 1.0)]:
        x0 = -b / w
        assert float(sigmoid(w * x0 + b)) == 0.5
        numeric = float(gradcheck.slope(lambda v: sigmoid(w * v + b), x0))
        assert numeric == pytest.approx(w / 4, rel=1e-6)
        rising = np.all(np.diff(sigmoid(w * x + b)) >= 0)
        assert rising == (w > 0)
    assert -(-4.0) / 2.0 == 2.0                                      # the quiz: x = 2
    assert np.all(sigmoid(0.0 * x + 1.5) == sigmoid(1.5))


def test_sigmoid_wb_legend_stays_clear_of_the_curve_for_every_w():
    """The legend sits below the axes, so it covers no part of the curve, also for w < 0."""
    from helpers import widgets

    built = widgets.sigmoid_wb_explorer()
    renderer = built.figure.canvas.get_renderer()
    ax = built.figure.axes[0]
    try:
        for w in (-4.0, -1.0, -0.3, 0.0, 0.3, 1.0, 4.0):
            for b in (-6.0, 0.0, 6.0):
                built.controls["w"].value, built.controls["b"].value = w, b
                built.pixels()
                axes_box = ax.get_window_extent(renderer)
                for legend in [ax.get_legend(), *built.figure.legends]:
                    if legend is not None:
                        box = legend.get_window_extent(renderer)
                        assert box.y1 <= axes_box.y0 or not box.overlaps(axes_box), (w, b)
    finally:
        built.close()


# ---------------------------------------------------------------------------
# 02 cross-entropy: every number the text states
# ---------------------------------------------------------------------------

def six_points_guess():
    X, y = data.load("six_points")
    return X, y, np.array([2.0, 1.0]), -4.5


def test_six_points_are_the_labs():
    X, y = data.load("six_points")
    np.testing.assert_array_equal(X, [[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
    np.testing.assert_array_equal(y, [0, 0, 0, 1, 1, 1])
    Xt, yt = data.load("tumour")
    np.testing.assert_array_equal(Xt.ravel(), np.arange(6))
    np.testing.assert_array_equal(yt, [0, 0, 0, 1, 1, 1])


def test_likelihood_log_likelihood_and_cost_of_the_guess():
    X, y, w, b = six_points_guess()
    f = predict_proba(X, w, b)
    p_label = f**y * (1 - f) ** (1 - y)
    assert [f"{p:.3f}" for p in p_label] == ["0.881", "0.818", "0.731", "0.881", "0.818", "0.500"]
    assert f"{np.prod(p_label):.5f}" == "0.18955"
    assert f"{np.sum(np.log(p_label)):.4f}" == "-1.6631"
    assert f"{cost(X, y, w, b):.4f}" == "0.2772"
    assert cost(X, y, w, b) == pytest.approx(-np.sum(np.log(p_label)) / 6, rel=1e-12)


def test_the_product_underflows_and_the_log_does_not():
    assert np.prod(np.full(1100, 0.5)) == 0.0
    assert f"{np.sum(np.log(np.full(1100, 0.5))):.1f}" == "-762.5"


def test_branch_values_in_the_text():
    assert f"{-np.log(0.01):.1f}" == "4.6" and f"{np.log(2):.2f}" == "0.69"
    assert f"{-np.log(0.1):.2f}" == "2.30" and f"{-np.log(0.9):.2f}" == "0.11"
    X = np.array([[40.0]])
    assert cost(X, np.array([0]), np.array([1.0]), 0.0) == pytest.approx(40.0, rel=1e-15)


def tumour_slices():
    Xt, yt = data.load("tumour")
    w_grid = np.linspace(-4, 6, 401)
    squared = np.array([np.mean((predict_proba(Xt, [wi], -3.0) - yt) ** 2) for wi in w_grid])
    cross_entropy = np.array([cost(Xt, yt, [wi], -3.0) for wi in w_grid])
    return w_grid, squared, cross_entropy


def test_squared_error_is_flat_and_bends_down_cross_entropy_does_not():
    w_grid, squared, cross_entropy = tumour_slices()
    assert np.diff(squared, 2).min() < 0
    assert np.diff(cross_entropy, 2).min() >= 0
    k = np.searchsorted(w_grid, -3.0)
    assert f"{np.gradient(squared, w_grid)[k]:.1e}" == "-4.5e-06"
    assert f"{np.gradient(cross_entropy, w_grid)[k]:.1e}" == "-2.0e+00"
    assert f"{w_grid[np.argmin(cross_entropy)]:.3f}" == "1.400"      # the slice's bottom


@pytest.mark.parametrize("c,shown", [(1, "0.2515"), (2, "0.1229"), (5, "0.02648"),
                                     (10, "0.002239"), (20, "1.513e-05")])
def test_separable_tumour_data_have_no_minimum(c, shown):
    """A sharper boundary at x = 2.5 always costs less: J → 0 and is never reached."""
    Xt, yt = data.load("tumour")
    assert f"{cost(Xt, yt, [c], -2.5 * c):.4g}" == shown
    assert 0 < cost(Xt, yt, [2 * c], -5.0 * c) < cost(Xt, yt, [c], -2.5 * c)


@pytest.mark.parametrize("name", ["tumour", "six_points"])
def test_separable_sets_have_no_minimum_and_overlapping_clusters_have_one(name):
    from helpers import newton

    X, y = data.load(name)
    assert newton.newton_method(X, y, np.zeros(X.shape[1]), 0.0)[2].status == "diverged"
    Xo, yo = data.load("clusters_overlapping")
    w, b, history = newton.newton_method(Xo, yo, np.zeros(2), 0.0)
    dj_dw, dj_db = gradient(Xo, yo, w, b)
    assert history.status == "converged" and max(np.abs(dj_dw).max(), abs(dj_db)) < 1e-10


def test_log_base_two_rescales_cost_gradient_and_steps():
    Xt, yt = data.load("tumour")

    def cost_base2(w, b):
        f = predict_proba(Xt, w, b)
        return -np.mean(yt * np.log2(f) + (1 - yt) * np.log2(1 - f))

    w_grid, _, cross_entropy = tumour_slices()
    J_base2 = np.array([cost_base2([wi], -3.0) for wi in w_grid])
    np.testing.assert_allclose(J_base2 / cross_entropy, 1 / np.log(2), rtol=1e-12)
    assert f"{1 / np.log(2):.6f}" == "1.442695" and np.argmin(J_base2) == np.argmin(cross_entropy)
    # the base-2 gradient is ∇J / ln 2, measured independently by finite differences
    point = np.array([0.7, -1.2])
    numeric = gradcheck.partials(lambda v: cost_base2(v[:1], v[1]), point)
    dj_dw, dj_db = gradient(Xt, yt, point[:1], point[1])
    np.testing.assert_allclose(numeric, np.r_[dj_dw, dj_db] / np.log(2), atol=1e-8)
    # so 100 steps on J₂ with α are 100 steps on J with α / ln 2, and land elsewhere
    w, b = np.zeros(1), 0.0
    for _ in range(100):
        grad = gradcheck.partials(lambda v: cost_base2(v[:1], v[1]), np.r_[w, b])
        w, b = w - 0.1 * grad[:1], b - 0.1 * grad[1]
    w_2, b_2, _ = gradient_descent(Xt, yt, [0.0], 0.0, 0.1 / np.log(2), 100)
    assert w[0] == pytest.approx(w_2[0], abs=1e-6) and b == pytest.approx(b_2, abs=1e-6)
    w_e, b_e, _ = gradient_descent(Xt, yt, [0.0], 0.0, 0.1, 100)
    assert (f"{w_e[0]:.3f}", f"{b_e:.3f}") == ("0.798", "-1.373")
    assert (f"{w_2[0]:.3f}", f"{b_2:.3f}") == ("0.947", "-1.806")


# ---------------------------------------------------------------------------
# 03 the gradient: every number the text states
# ---------------------------------------------------------------------------

def test_the_lab_values_are_written_in_full_in_notebook_03():
    text = text_of("03_gradient")
    assert repr(REFERENCE_DJ_DB) in text
    assert f"[{REFERENCE_DJ_DW[0]!r}, {REFERENCE_DJ_DW[1]!r}]" in text
    assert "https://www.coursera.org/learn/machine-learning" in text
    assert "Gradient Descent for Logistic Regression" in text_of("02_cross_entropy")


def test_cost_and_measured_slope_at_the_reference_point():
    X, y = data.load("six_points")
    w, b = np.array([2.0, 3.0]), 1.0
    assert f"{cost(X, y, w, b):.4f}" == "3.0014"
    along_w1 = lambda w1: cost(X, y, np.array([w1, 3.0]), b)  # noqa: E731
    assert f"{float(gradcheck.slope(along_w1, 2.0)):.6f}" == "0.498333"
    assert abs(float(gradcheck.slope(along_w1, -1.5))) < 0.1     # "near the bottom, close to 0"
    w1_grid = np.linspace(-3, 3, 601)
    assert -1.5 < w1_grid[np.argmin([along_w1(v) for v in w1_grid])] < -1.0


def test_chain_rule_steps_in_the_text():
    f = np.array([0.1, 0.3, 0.5, 0.8, 0.95])
    np.testing.assert_allclose(np.round(1 / (1 - f), 4), [1.1111, 1.4286, 2.0, 5.0, 20.0])
    np.testing.assert_allclose(np.round(-1 / f, 4), [-10.0, -3.3333, -2.0, -1.25, -1.0526])
    X, y = data.load("six_points")
    w, b = np.array([2.0, 3.0]), 1.0
    first = (float(sigmoid(X[0] @ w + b)) - y[0]) * X[0]
    np.testing.assert_array_equal(np.round(first, 6), [0.499249, 1.497748])
    assert list((0.25 - 1) * np.array([2.0, -1.0])) == [-1.5, 0.75]    # the quiz


def test_theta_form_gives_the_same_gradient():
    X, y = data.load("six_points")
    X_ones = np.column_stack([np.ones(len(X)), X])
    theta = np.array([1.0, 2.0, 3.0])
    grad_theta = X_ones.T @ (sigmoid(X_ones @ theta) - y) / len(y)
    np.testing.assert_allclose(grad_theta, [REFERENCE_DJ_DB] + REFERENCE_DJ_DW, rtol=1e-14)
