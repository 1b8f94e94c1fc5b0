"""Notebook 13's exercises: precision_recall(counts), choose_threshold(X_train, y_train,
thresholds) and the capstone fit(X, y, alpha, num_iters). Solutions and mistake catalogues."""

import warnings

import numpy as np
import pytest
from learner import (assert_hints_hide_the_solution, assert_named_mistakes, assert_never_passes,
                     assert_standard_outcomes)
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_score, recall_score
from sklearn.model_selection import KFold, StratifiedKFold

from helpers import logistic, metrics, model_selection
from helpers.checks import engine
from helpers.checks import nb13_breast_cancer as exercises
from helpers.features import Standardizer

EXERCISE = exercises.precision_recall
solution = EXERCISE.answer


def test_solution_agrees_with_sklearn():
    rng = np.random.default_rng(13)
    y_true, y_pred = rng.integers(0, 2, size=200), rng.integers(0, 2, size=200)
    precision, recall = solution(metrics.confusion_counts(y_true, y_pred))
    assert np.isclose(precision, precision_score(y_true, y_pred))
    assert np.isclose(recall, recall_score(y_true, y_pred))


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)
    for answer in (lambda c: [c[1, 1] / c[:, 1].sum(), c[1, 1] / c[1].sum()],
                   lambda c: np.array(solution(c))):
        assert EXERCISE.diagnose(answer).status == engine.PASSED


NAMED = {
    "swapped": [lambda c: solution(c)[::-1], lambda c: solution(c.T)],
    "benign class": [lambda c: (c[0, 0] / c[:, 0].sum(), c[0, 0] / c[0].sum())],
    "percentages": [lambda c: tuple(100 * v for v in solution(c))],
    "integer division": [lambda c: (c[1, 1] // c[:, 1].sum(), c[1, 1] // c[1].sum())],
    "shares of errors": [lambda c: tuple(1 - v for v in solution(c))],
    "that is the accuracy": [lambda c: (np.trace(c) / c.sum(), solution(c)[1])],
    "all the examples": [lambda c: (c[1, 1] / c.sum(), c[1, 1] / c.sum())],
    "expected a pair": [lambda c: 0.5],
    "returned, as precision, text": [lambda c: (f"{solution(c)[0]:.2f}", solution(c)[1])],
}

NEVER_PASS = [
    lambda c: (0.5, 0.5),
    lambda c: (solution(c)[0], solution(c)[0]),
    lambda c: (solution(c)[0], c[1, 1] / (c[1, 1] + c[0, 1])),
    lambda c: tuple(round(v, 2) for v in solution(c)),
    lambda c: (c[1, 1] / (c[1, 1] + c[0, 1] + c[1, 0]), solution(c)[1]),
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_ratio_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_precision_recall_hints_and_messages_do_not_give_the_solution_away():
    messages = [EXERCISE.diagnose(function).message
                for functions in NAMED.values() for function in functions]
    assert_hints_hide_the_solution(EXERCISE, messages)
    for text in (*EXERCISE.hints, *messages):
        assert "tp / (tp + fp)" not in text and "tp / (tp + fn)" not in text, text


# ---------------------------------------------------------------------------
# choose_threshold: cross-validation on the training set
# ---------------------------------------------------------------------------

CHOOSE = exercises.choose_threshold


def test_choose_threshold_solution_is_the_helper_recipe():
    X_train, _, y_train, _ = exercises.notebook_split()
    best, errors = CHOOSE.answer(X_train, y_train, exercises.THRESHOLDS)
    want_best, want_errors = model_selection.choose_threshold(X_train, y_train,
                                                              exercises.THRESHOLDS)
    np.testing.assert_array_equal(errors, want_errors)
    assert best == want_best == 0.4


def test_choose_threshold_stub_crash_and_solution():
    assert_standard_outcomes(CHOOSE)


def recipe(folds=lambda: StratifiedKFold(5, shuffle=True, random_state=0), scaling="fold",
           count=lambda missed, false_alarms: 5 * missed + false_alarms, pick=np.argmin,
           in_sample=False, model=LogisticRegression):
    """A learner's choose_threshold that follows the recipe except where told otherwise."""
    def choose_threshold(X_train, y_train, thresholds):
        errors = np.zeros(len(thresholds))
        splits = ([(np.arange(len(y_train)), np.arange(len(y_train)))] if in_sample
                  else folds().split(X_train, y_train))
        for train_rows, validation_rows in splits:
            fit_part, check_part = exercises.scaled(X_train, train_rows, validation_rows, scaling)
            classifier = model().fit(fit_part, y_train[train_rows])
            f = classifier.predict_proba(check_part)[:, 1]
            y_check = y_train[validation_rows]
            for i, t in enumerate(thresholds):
                errors[i] += count(np.sum((y_check == 1) & (f < t)),
                                   np.sum((y_check == 0) & (f >= t)))
        return thresholds[pick(errors)], errors
    return choose_threshold


def in_notebook(source, **names):
    """The function that `source` defines, run as if in a notebook holding `names`."""
    namespace = {"np": np, "StratifiedKFold": StratifiedKFold, "Standardizer": Standardizer,
                 "LogisticRegression": LogisticRegression, "recipe": recipe, **names}
    exec(source, namespace)
    return namespace["choose_threshold"]


def split_of_notebook():
    X_train, X_test, y_train, y_test = exercises.notebook_split()
    scaler = Standardizer().fit(X_train)
    return {"X_train": X_train, "y_train": y_train, "X_test_s": scaler.transform(X_test),
            "y_test": y_test}


READS_TEST = in_notebook('''
def choose_threshold(X_train, y_train, thresholds):
    scaler = Standardizer().fit(X_train)
    model = LogisticRegression().fit(scaler.transform(X_train), y_train)
    f = model.predict_proba(X_test_s)[:, 1]
    errors = np.array([5 * np.sum((y_test == 1) & (f < t)) + np.sum((y_test == 0) & (f >= t))
                       for t in thresholds])
    return thresholds[np.argmin(errors)], errors
''', **split_of_notebook())

READS_TRAIN = in_notebook('''
def choose_threshold(X, y, thresholds):
    return recipe()(X_train, y_train, thresholds)
''', **split_of_notebook())

# Reaches the test set through a default argument, which reading the code would miss.
_split = split_of_notebook()
TEST_BY_DEFAULT = in_notebook('''
def choose_threshold(X_train, y_train, thresholds, X_check=None, y_check=None):
    scaler = Standardizer().fit(X_train)
    model = LogisticRegression().fit(scaler.transform(X_train), y_train)
    f = model.predict_proba(X_check)[:, 1]
    errors = np.array([5 * np.sum((y_check == 1) & (f < t)) + np.sum((y_check == 0) & (f >= t))
                       for t in thresholds])
    return thresholds[np.argmin(errors)], errors
''')
TEST_BY_DEFAULT.__defaults__ = (_split["X_test_s"], _split["y_test"])


def copies_the_notebook_cell(X_train, y_train, thresholds):
    """Section 9's cell with the arguments swapped in: the helpers do the recipe."""
    held_out = model_selection.out_of_fold_proba(X_train, y_train)
    missed, false_alarms = model_selection.error_counts(y_train, held_out, thresholds)
    weighted = 5 * missed + false_alarms
    return float(thresholds[np.argmin(weighted)]), weighted


def notebook_11_folds(X_train, y_train, thresholds):
    """The recipe with notebook 11's plain folds."""
    errors = np.zeros(len(thresholds))
    for train_rows, validation_rows in model_selection.kfold_indices(len(y_train), 5, 0):
        fit_part, check_part = exercises.scaled(X_train, train_rows, validation_rows, "fold")
        f = LogisticRegression().fit(fit_part, y_train[train_rows]).predict_proba(check_part)[:, 1]
        y_check = y_train[validation_rows]
        errors += [5 * np.sum((y_check == 1) & (f < t)) + np.sum((y_check == 0) & (f >= t))
                   for t in thresholds]
    return thresholds[int(np.argmin(errors))], errors


def best_by_test_accuracy(X_train, y_train, thresholds):
    """The recipe's errors, but the threshold chosen by accuracy on the notebook's test set
    (reached through a default argument)."""
    _, errors = recipe()(X_train, y_train, thresholds)
    if X_train.shape[1] != 30:
        return thresholds[int(np.argmin(errors))], errors
    X_fit, X_test, y_fit, y_test = exercises.notebook_split()
    f = exercises.fitted_on(X_fit, y_fit, X_test)
    accuracy = [np.mean((f >= t) == y_test) for t in thresholds]
    return thresholds[int(np.argmax(accuracy))], errors


def last_of_ties(errors):
    return len(errors) - 1 - int(np.argmin(errors[::-1]))


CHOOSE_NAMED = {
    "reads the test set (`X_test_s`, `y_test`)": [READS_TEST],
    "it chose by test-set score": [TEST_BY_DEFAULT],
    "reads the notebook's variables `X_train`, `y_train`": [READS_TRAIN],
    "rows the model was fitted on": [recipe(in_sample=True)],
    "statistics from all the data it was given": [recipe(scaling="all")],
    "with that fold's own mean": [recipe(scaling="own")],
    "does not standardise": [recipe(scaling="none")],
    "not stratified (KFold)": [recipe(folds=lambda: KFold(5, shuffle=True, random_state=0))],
    "not shuffled": [recipe(folds=lambda: StratifiedKFold(5))],
    "seeded with another number": [
        recipe(folds=lambda: StratifiedKFold(5, shuffle=True, random_state=42)),
        recipe(folds=lambda: StratifiedKFold(5, shuffle=True, random_state=1))],
    "another number of folds": [
        recipe(folds=lambda: StratifiedKFold(10, shuffle=True, random_state=0)),
        recipe(folds=lambda: StratifiedKFold(3, shuffle=True, random_state=0))],
    "shuffled without a seed": [recipe(folds=lambda: StratifiedKFold(5, shuffle=True))],
    "count the same": [recipe(count=lambda missed, false_alarms: missed + false_alarms)],
    "the weights are swapped": [recipe(count=lambda missed, false_alarms:
                                       missed + 5 * false_alarms)],
    "the mean over the 5 folds": [recipe(count=lambda missed, false_alarms:
                                         (5 * missed + false_alarms) / 5)],
    "the threshold with the most errors": [recipe(pick=np.argmax)],
    "the position of the best threshold": [
        lambda X, y, t: (float(np.argmin(recipe()(X, y, t)[1])), recipe()(X, y, t)[1])],
    "take the first of them": [recipe(pick=last_of_ties)],
    "where a numpy array is asked for": [lambda X, y, t: (recipe()(X, y, t)[0],
                                                          recipe()(X, y, t)[1].tolist())],
    "it calls `model_selection.choose_threshold`, which follows the recipe itself": [
        model_selection.choose_threshold,
        lambda X, y, t: model_selection.choose_threshold(X, y, t)],
    "it calls `model_selection.out_of_fold_proba`, which follows the recipe itself": [
        copies_the_notebook_cell],
    "notebook 11's plain folds": [notebook_11_folds],
    "scores best on the notebook's test set": [best_by_test_accuracy],
}


def test_choose_threshold_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(CHOOSE, CHOOSE_NAMED)


def test_a_slip_of_the_recipe_and_of_the_counting_are_both_named():
    verdict = CHOOSE.diagnose(recipe(scaling="all", count=lambda missed, false_alarms:
                                     missed + false_alarms))
    assert verdict.status == engine.MISTAKE
    assert "statistics from all the data" in verdict.message
    assert "count the same" in verdict.message


def penalised_gradient_descent(X_train, y_train, thresholds):
    """Our own loop with λ = 1 instead of scikit-learn: the same model, other digits."""
    class Ours:
        def fit(self, X, y):
            self.w, self.b, _ = logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0,
                                                          0.5, 300, lambda_=1.0)
            return self

        def predict_proba(self, X):
            f = logistic.predict_proba(X, self.w, self.b)
            return np.column_stack([1 - f, f])
    return recipe(model=Ours)(X_train, y_train, thresholds)


CHOOSE_NEVER_PASS = [
    recipe(model=lambda: LogisticRegression(C=100.0)),
    recipe(model=lambda: LogisticRegression(C=0.01)),
    penalised_gradient_descent,
    recipe(count=lambda missed, false_alarms: 10 * missed + false_alarms),
    recipe(count=lambda missed, false_alarms: 5 * missed),
    lambda X, y, t: (0.5, recipe()(X, y, t)[1]),
    lambda X, y, t: (recipe()(X, y, t)[0], recipe()(X, y, t)[1] + 1),
    lambda X, y, t: (recipe()(X, y, t)[0], np.round(recipe()(X, y, t)[1], -1)),
    recipe(folds=lambda: StratifiedKFold(5, shuffle=True, random_state=0), in_sample=True,
           scaling="none"),
] + [function for functions in CHOOSE_NAMED.values() for function in functions]


def test_no_wrong_choice_passes():
    assert_never_passes(CHOOSE, CHOOSE_NEVER_PASS)


def test_choose_threshold_hints_and_messages_do_not_give_the_solution_away():
    messages = [CHOOSE.diagnose(function).message
                for functions in CHOOSE_NAMED.values() for function in functions]
    assert_hints_hide_the_solution(CHOOSE, messages)
    body = [line.split("#")[0].strip() for line in CHOOSE.solution_source().splitlines()[2:]]
    for line in body:
        if len(line) > 25:          # the solution's code lines, not its short ones
            for text in (*CHOOSE.hints, *messages):
                assert line not in text, (line, text)


def test_the_pass_message_claims_only_what_was_checked():
    message = CHOOSE.diagnose(CHOOSE.answer).message
    assert "never touched" not in message and "test set" not in message


def test_the_test_set_detector_reads_through_helper_functions():
    """A learner's helper function, defined in the notebook, that reads y_test is found."""
    names = split_of_notebook()
    source = '''
def score(f, thresholds):
    return np.array([5 * np.sum((y_test == 1) & (f < t)) for t in thresholds])

def choose_threshold(X_train, y_train, thresholds):
    return 0.5, score(np.zeros(len(y_test)), thresholds)
'''
    assert exercises.global_arrays(in_notebook(source, **names)) == ["y_test"]
    # attributes and locals that share a global's name are not reads of it
    local = in_notebook('''
def choose_threshold(X_train, y_train, thresholds):
    y_test = np.zeros(3)
    return y_test.mean(), X_train.T
''', **names)
    assert exercises.global_arrays(local) == []


# ---------------------------------------------------------------------------
# The capstone: fit(X, y, alpha, num_iters) from the learner's own pieces
# ---------------------------------------------------------------------------

CAPSTONE = exercises.capstone
LAB_W, LAB_B = [5.28123029, 5.07815608], -14.222409982019837   # tests/test_notebooks_04_06.py


def test_capstone_reference_is_the_lab_run_and_scikit_learn():
    w, b = exercises.reference_fit("lab")
    np.testing.assert_allclose(w, LAB_W, rtol=1e-8)
    assert b == pytest.approx(LAB_B, rel=1e-9)
    w, b = exercises.reference_fit("real")
    w_sk, b_sk = exercises.sklearn_fit()
    np.testing.assert_allclose(w, w_sk, atol=1e-4)
    assert b == pytest.approx(b_sk, abs=1e-4)
    X, y = exercises.real_case()
    # the two features overlap: the unpenalised minimum is finite (the gradient vanishes)
    dj_dw, dj_db = logistic.gradient(X, y, w_sk, b_sk)
    assert np.abs(dj_dw).max() < 1e-6 and abs(dj_db) < 1e-6


def test_the_course_s_stand_in_pieces_pass_their_own_checks_and_call_each_other():
    """The pieces that stand in outside a notebook are right, and wired as the capstone asks."""
    for name, _, module, attribute, below in exercises.PIECES:
        piece = exercises.COURSE_PIECES[name]
        assert getattr(module, attribute).diagnose(piece).status == engine.PASSED, name
        calls = []
        engine.watched(piece, [exercises.COURSE_PIECES[other] for other in below],
                       calls)(*exercises.probe_arguments(name))
        assert {called for called, _ in calls} >= {exercises.COURSE_PIECES[o].__name__
                                                   for o in below}, name


def test_capstone_stub_crash_and_solution():
    assert_standard_outcomes(CAPSTONE)


SIGMOID = """
def my_sigmoid(z):
    z = np.asarray(z, dtype=float)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))
"""

COST = """
def compute_cost(X, y, w, b):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))
"""

GRADIENT = """
def compute_gradient(X, y, w, b):
    error = my_sigmoid(X @ w + b) - y
    return X.T @ error / X.shape[0], float(np.mean(error))
"""

LOOP = """
def gradient_descent(X, y, w, b, alpha, num_iters):
    w = np.array(w, dtype=float)
    costs = [compute_cost(X, y, w, b)]
    for _ in range(num_iters):
        dj_dw, dj_db = compute_gradient(X, y, w, b)
        w = w - alpha * dj_dw
        b = b - alpha * dj_db
        costs.append(compute_cost(X, y, w, b))
    return w, b, np.array(costs)
"""

PIECES = SIGMOID + COST + GRADIENT + LOOP

FIT = """
def fit(X, y, alpha, num_iters):
    w, b, costs = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters)
    return w, b
"""


def capstone_cell(pieces=PIECES, fit=FIT, **names):
    """The learner's `fit`, defined with `pieces` in one notebook namespace (the imports of
    notebook 13's first cell, and `names`)."""
    namespace = {"np": np, "logistic": logistic, "model_selection": model_selection, **names}
    exec(pieces + fit, namespace)
    return namespace["fit"]


def fit_calling(call):
    """A learner's fit whose one line calls their gradient_descent as `call` says."""
    return capstone_cell(fit=f"""
def fit(X, y, alpha, num_iters):
    w, b, costs = {call}
    return w, b
""")


def test_the_learner_s_own_pieces_pass():
    verdict = CAPSTONE.diagnose(capstone_cell())
    assert verdict.status == engine.PASSED, verdict.message
    assert "w = [5.28, 5.08], b = -14.22" in verdict.message


def test_a_cost_that_calls_my_sigmoid_is_judged_by_notebook_02s_check():
    cost = """
def compute_cost(X, y, w, b):
    f = my_sigmoid(X @ w + b)
    with np.errstate(divide="ignore"):
        losses = -(y * np.log(f) + (1 - y) * np.log(1 - f))
    return float(np.mean(losses))
"""
    verdict = CAPSTONE.diagnose(capstone_cell(pieces=SIGMOID + cost + GRADIENT + LOOP))
    # notebook 02's check asks for the stable form: this one fails it for |z| = 800
    assert verdict.status == engine.MISTAKE and "`compute_cost` (notebook 02)" in verdict.message


NO_START_COST = LOOP.replace("costs = [compute_cost(X, y, w, b)]", "costs = []")
NAIVE_SIGMOID = """
def my_sigmoid(z):
    return 1 / (1 + np.exp(-z))
"""
STUB_SIGMOID = """
def my_sigmoid(z):
    return None
"""
AS_PASTED = (SIGMOID + COST + GRADIENT.replace("my_sigmoid(", "sigmoid(")
             + LOOP.replace("compute_cost(", "cost(").replace("compute_gradient(", "gradient("))
SEQUENTIAL = LOOP.replace("        b = b - alpha * dj_db",
                          "        b = b - alpha * compute_gradient(X, y, w, b)[1]")
INLINE_SIGMOID = GRADIENT.replace("my_sigmoid(X @ w + b)", "1 / (1 + np.exp(-(X @ w + b)))")
INLINE_GRADIENT = LOOP.replace("dj_dw, dj_db = compute_gradient(X, y, w, b)",
                               "error = my_sigmoid(X @ w + b) - y\n"
                               "        dj_dw, dj_db = X.T @ error / len(y), np.mean(error)")
INLINE_COST = LOOP.replace("compute_cost(X, y, w, b)", "logistic_loss(X, y, w, b)") + """
def logistic_loss(X, y, w, b):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))
"""
OWN_LOOP_IN_FIT = """
def fit(X, y, alpha, num_iters):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(num_iters):
        dj_dw, dj_db = compute_gradient(X, y, w, b)
        w, b = w - alpha * dj_dw, b - alpha * dj_db
    return w, b
"""
HELPER_LOOP = """
def fit(X, y, alpha, num_iters):
    w, b, history = logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha=alpha,
                                              num_iters=num_iters)
    return w, b
"""

CAPSTONE_NAMED = {
    "one update too few": [fit_calling(
        "gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters - 1)")],
    "one update too many": [fit_calling(
        "gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters + 1)")],
    "does not start from w = 0": [fit_calling(
        "gradient_descent(X, y, np.ones(X.shape[1]), 1.0, alpha, num_iters)")],
    "climbs the cost": [fit_calling(
        "gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, -alpha, num_iters)")],
    "it ignores alpha": [fit_calling(
        "gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, 0.1, num_iters)")],
    "it ignores num_iters": [fit_calling(
        "gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, 10_000)")],
    "works with two features but crashes with three": [fit_calling(
        "gradient_descent(X, y, np.zeros(2), 0.0, alpha, num_iters)")],
    "returned three things": [capstone_cell(fit="""
def fit(X, y, alpha, num_iters):
    return gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters)
""")],
    "returned (b, w)": [capstone_cell(fit="""
def fit(X, y, alpha, num_iters):
    w, b, costs = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters)
    return b, w
""")],
    "reads the notebook's variable `X6`": [capstone_cell(fit="""
def fit(X, y, alpha, num_iters):
    w, b, costs = gradient_descent(X6, y, np.zeros(2), 0.0, alpha, num_iters)
    return w, b
""", X6=np.ones((6, 2)))],
    "your `my_sigmoid` is still the stub": [capstone_cell(pieces=PIECES + STUB_SIGMOID)],
    "your `my_sigmoid` (notebook 01) is not right yet": [
        capstone_cell(pieces=PIECES + NAIVE_SIGMOID)],
    "your `gradient_descent` (notebook 06) is not right yet: the cost before": [
        capstone_cell(pieces=PIECES + NO_START_COST)],
    "with one call of `compute_gradient`": [capstone_cell(pieces=PIECES + SEQUENTIAL)],
    "rename `sigmoid` to `my_sigmoid`, `cost` to `compute_cost` and `gradient` to "
    "`compute_gradient`": [capstone_cell(pieces=AS_PASTED)],
    "rename `sigmoid` to `my_sigmoid`.": [
        capstone_cell(pieces=SIGMOID + COST + GRADIENT.replace("my_sigmoid(", "sigmoid(")
                      + LOOP)],
    "this notebook has no function `compute_gradient`": [
        capstone_cell(pieces=SIGMOID + COST + LOOP)],
    "has none of your own pieces": [capstone_cell(pieces="", fit=HELPER_LOOP)],
    "`fit` calls `gradient_descent` from helpers.logistic where your own": [
        capstone_cell(fit=HELPER_LOOP)],
    "your `compute_gradient` calls `sigmoid` from helpers.logistic where your own "
    "`my_sigmoid`": [capstone_cell(pieces=PIECES.replace(
        "error = my_sigmoid(", "error = logistic.sigmoid("))],
    "your `gradient_descent` calls `gradient` from helpers.logistic": [capstone_cell(
        pieces=PIECES.replace("dj_dw, dj_db = compute_gradient(X, y, w, b)",
                              "dj_dw, dj_db = logistic.gradient(X, y, w, b)"))],
    "your `my_sigmoid` hands its work to `sigmoid` from helpers.logistic": [capstone_cell(
        pieces="""
def my_sigmoid(z):
    return logistic.sigmoid(z)
""" + COST + GRADIENT + LOOP)],
    "your `compute_cost` hands its work to `cost`": [capstone_cell(
        pieces=SIGMOID + GRADIENT + LOOP + "\ncompute_cost = logistic.cost\n")],
    "never calls your `my_sigmoid`": [capstone_cell(
        pieces=SIGMOID + COST + INLINE_SIGMOID + LOOP)],
    "never calls your `compute_gradient`": [capstone_cell(
        pieces=SIGMOID + COST + GRADIENT + INLINE_GRADIENT)],
    "never calls your `compute_cost`": [capstone_cell(
        pieces=SIGMOID + COST + GRADIENT + INLINE_COST)],
    "`fit` never calls your `gradient_descent`": [capstone_cell(fit=OWN_LOOP_IN_FIT),
                                                  capstone_cell(pieces="",
                                                                fit=OWN_LOOP_IN_FIT.replace(
        "compute_gradient(X, y, w, b)",
        "(X.T @ (1 / (1 + np.exp(-(X @ w + b))) - y) / len(y), "
        "np.mean(1 / (1 + np.exp(-(X @ w + b))) - y))"))],
}


def test_capstone_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(CAPSTONE, CAPSTONE_NAMED)


def test_a_broken_piece_is_named_before_the_crash_it_causes():
    broken = PIECES + """
def compute_gradient(X, y, w, b):
    error = my_sigmoid(X @ w + b) - y
    return float(np.mean(error)), X.T @ error / X.shape[0]
"""
    verdict = CAPSTONE.diagnose(capstone_cell(pieces=broken))
    assert verdict.status == engine.MISTAKE
    assert "your `compute_gradient` (notebook 03)" in verdict.message
    assert "wrong order" in verdict.message


def sklearn_fit_of(X, y, alpha, num_iters):
    model = LogisticRegression(C=np.inf, max_iter=10_000).fit(X, y)
    return model.coef_[0], float(model.intercept_[0])


CAPSTONE_NEVER_PASS = [
    fit_calling("gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, 2 * alpha, num_iters)"),
    fit_calling("gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters - 100)"),
    capstone_cell(pieces=PIECES.replace("w = w - alpha * dj_dw",
                                        "w = w - alpha * (dj_dw + 0.01 * w / len(y))")),
    capstone_cell(fit="""
def fit(X, y, alpha, num_iters):
    w, b, costs = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters)
    return np.round(w, 2), round(b, 2)
"""),
    capstone_cell(fit="""
def fit(X, y, alpha, num_iters):
    gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, 1)
    return np.zeros(X.shape[1]), 0.0
"""),
    lambda X, y, alpha, n: logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha,
                                                     n)[:2],
    lambda X, y, alpha, n: (np.zeros(X.shape[1]), 0.0),
] + [function for functions in CAPSTONE_NAMED.values() for function in functions]


def test_no_wrong_classifier_passes():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # scikit-learn on separable data: not converged
        assert CAPSTONE.diagnose(sklearn_fit_of).status in (engine.MISTAKE, engine.WRONG)
    assert_never_passes(CAPSTONE, CAPSTONE_NEVER_PASS)


def test_capstone_hints_and_messages_do_not_give_the_solution_away():
    messages = [CAPSTONE.diagnose(function).message
                for functions in CAPSTONE_NAMED.values() for function in functions]
    for text in (*CAPSTONE.hints, *messages):
        assert "gradient_descent(X, y, np.zeros(X.shape[1])" not in text, text
        assert "np.zeros(X.shape[1])" not in text and "return w, b" not in text, text
