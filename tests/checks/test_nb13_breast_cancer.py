"""Notebook 13's exercises: precision_recall(counts), choose_threshold(X_train, y_train,
thresholds) and the capstone fit(X, y, alpha, num_iters). Solutions and mistake catalogues."""

import warnings

import numpy as np
import pytest
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes
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
    assert CHOOSE.diagnose(model_selection.choose_threshold).status == engine.PASSED


def recipe(folds=lambda: StratifiedKFold(5, shuffle=True, random_state=0), scaling="fold",
           count=lambda missed, false_alarms: 5 * missed + false_alarms, pick=np.argmin,
           in_sample=False, model=LogisticRegression):
    """A learner's choose_threshold that follows the recipe except where told otherwise."""
    def choose_threshold(X_train, y_train, thresholds):
        errors = np.zeros(len(thresholds))
        splits = ([(np.arange(len(y_train)), np.arange(len(y_train)))] if in_sample
                  else folds().split(X_train, y_train))
        for fit_rows, check_rows in splits:
            fit_part, check_part = exercises.scaled(X_train, fit_rows, check_rows, scaling)
            classifier = model().fit(fit_part, y_train[fit_rows])
            f = classifier.predict_proba(check_part)[:, 1]
            y_check = y_train[check_rows]
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


def test_capstone_stub_crash_and_solution():
    assert_standard_outcomes(CAPSTONE)


PIECES = '''
def my_sigmoid(z):
    z = np.asarray(z, dtype=float)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


def compute_cost(X, y, w, b):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))


def compute_gradient(X, y, w, b):
    error = my_sigmoid(X @ w + b) - y
    return X.T @ error / X.shape[0], float(np.mean(error))


def gradient_descent(X, y, w, b, alpha, num_iters):
    w = np.array(w, dtype=float)
    costs = [compute_cost(X, y, w, b)]
    for _ in range(num_iters):
        dj_dw, dj_db = compute_gradient(X, y, w, b)
        w = w - alpha * dj_dw
        b = b - alpha * dj_db
        costs.append(compute_cost(X, y, w, b))
    return w, b, np.array(costs)
'''

FIT = '''
def fit(X, y, alpha, num_iters):
    w, b, costs = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters)
    return w, b
'''


def capstone_cell(pieces=PIECES, fit=FIT, **names):
    """The learner's `fit`, defined with `pieces` in one notebook namespace."""
    namespace = {"np": np, "logistic": logistic, **names}
    exec(pieces + fit, namespace)
    return namespace["fit"]


def test_the_learner_s_own_pieces_pass():
    verdict = CAPSTONE.diagnose(capstone_cell())
    assert verdict.status == engine.PASSED, verdict.message
    assert "w = [5.28, 5.08], b = -14.22" in verdict.message


def fit_with(alpha=None, num_iters=None, start=0.0, sign=1.0, extra=0, returns="w, b"):
    """A learner's fit: the course's loop, with one thing done differently."""
    def fit(X, y, alpha_given, num_iters_given):
        a = alpha_given if alpha is None else alpha
        n = (num_iters_given if num_iters is None else num_iters) + extra
        if sign == 1.0 and start == 0.0:
            w, b, costs = logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, a, n)
        else:
            w, b = exercises.descended(X, y, a, n, start=start, sign=sign)
            costs = None
        return {"w, b": (w, b), "b, w": (b, w), "w, b, costs": (w, b, costs)}[returns]
    return fit


STUB_PIECE = '''
def my_sigmoid(z):
    return None
'''

NO_START_COST = '''
def gradient_descent(X, y, w, b, alpha, num_iters):
    w = np.array(w, dtype=float)
    costs = []
    for _ in range(num_iters):
        dj_dw, dj_db = compute_gradient(X, y, w, b)
        w = w - alpha * dj_dw
        b = b - alpha * dj_db
        costs.append(compute_cost(X, y, w, b))
    return w, b, np.array(costs)
'''

NAIVE_SIGMOID = '''
def my_sigmoid(z):
    return 1 / (1 + np.exp(-z))
'''

CAPSTONE_NAMED = {
    "one update too few": [fit_with(extra=-1)],
    "one update too many": [fit_with(extra=1)],
    "does not start from w = 0": [fit_with(start=1.0)],
    "climbs the cost": [fit_with(sign=-1.0)],
    "it ignores alpha": [fit_with(alpha=0.1)],
    "it ignores num_iters": [fit_with(num_iters=10_000)],
    "returned three things": [fit_with(returns="w, b, costs")],
    "returned (b, w)": [fit_with(returns="b, w")],
    "reads the notebook's variable `X6`": [
        capstone_cell(fit='''
def fit(X, y, alpha, num_iters):
    w, b, costs = gradient_descent(X6, y, np.zeros(2), 0.0, alpha, num_iters)
    return w, b
''', X6=np.ones((6, 2)))],
    "your `my_sigmoid` is still the stub": [
        capstone_cell(pieces=PIECES + STUB_PIECE)],
    "your `my_sigmoid` (notebook 01) is not right yet": [
        capstone_cell(pieces=PIECES + NAIVE_SIGMOID)],
    "your `gradient_descent` (notebook 06) is not right yet": [
        capstone_cell(pieces=PIECES + NO_START_COST)],
}


def test_capstone_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(CAPSTONE, CAPSTONE_NAMED)


def test_a_broken_piece_is_named_before_the_crash_it_causes():
    broken = PIECES + '''
def compute_gradient(X, y, w, b):
    error = my_sigmoid(X @ w + b) - y
    return float(np.mean(error)), X.T @ error / X.shape[0]
'''
    verdict = CAPSTONE.diagnose(capstone_cell(pieces=broken))
    assert verdict.status == engine.MISTAKE
    assert "your `compute_gradient` (notebook 03)" in verdict.message
    assert "wrong order" in verdict.message


def sklearn_fit_of(X, y, alpha, num_iters):
    model = LogisticRegression(C=np.inf, max_iter=10_000).fit(X, y)
    return model.coef_[0], float(model.intercept_[0])


CAPSTONE_NEVER_PASS = [
    fit_with(alpha=0.2),
    fit_with(extra=-100),
    lambda X, y, alpha, n: logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha,
                                                     n, lambda_=0.01)[:2],
    lambda X, y, alpha, n: tuple(np.round(v, 2) for v in fit_with()(X, y, alpha, n)),
    lambda X, y, alpha, n: (np.zeros(X.shape[1]), 0.0),
] + [function for functions in CAPSTONE_NAMED.values() for function in functions]


def test_no_wrong_classifier_passes():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # scikit-learn on separable data: not converged
        assert CAPSTONE.diagnose(sklearn_fit_of).status in (engine.MISTAKE, engine.WRONG)
    assert_never_passes(CAPSTONE, CAPSTONE_NEVER_PASS)
