"""Notebook 13, a real data set, in the notebook's order:

* ``precision_recall(counts)`` from the confusion counts [[TN, FP], [FN, TP]];
* ``choose_threshold(X_train, y_train, thresholds)``: the threshold chosen by 5-fold
  cross-validation on the training set, following ``helpers.model_selection``'s recipe.
  The function never receives the test set, so the checker can tell when it reaches for
  it anyway (it reads the notebook's test arrays, or its errors or its choice are the
  test set's). ``helpers.model_selection`` follows the recipe itself, so a call of it
  would do the exercise: the check watches for one (``watched``);
* the capstone, ``fit(X, y, alpha, num_iters)``: the learner's own sigmoid, cost, gradient
  and loop (notebooks 01, 02, 03 and 06) assembled into a classifier that reproduces the
  six-point lab and agrees with scikit-learn on the real data. The check watches that
  fit reaches the learner's pieces, each calling the next (gradient_descent →
  compute_gradient and compute_cost, compute_gradient → my_sigmoid), and that no helper
  of ``helpers.logistic`` stands in for one of them.
"""

import dis
import functools
import inspect
import re

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split

from helpers import data, logistic, model_selection
from helpers.checks import nb01_sigmoid, nb02_cross_entropy, nb03_gradient, nb06_decision_boundary
from helpers.checks.engine import (NOT_ATTEMPTED, PASSED, Exercise, Finished, array, call,
                                   crash_description, describe, matches, mistake,
                                   not_attempted, number, pair, passed, returned, watched,
                                   wrong)
from helpers.features import Standardizer

NOTEBOOK = "13_breast_cancer"

# Confusion counts [[TN, FP], [FN, TP]] (rows: truth, columns: prediction) in which no two
# of the ratios the known mistakes compute coincide.
CONFUSION_CASES = (np.array([[50, 7], [3, 40]]), np.array([[12, 9], [4, 25]]))


def ratios(counts):
    """The ratios the checker compares against, for one case of confusion counts."""
    (tn, fp), (fn, tp) = counts
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn),
            "benign precision": tn / (tn + fn), "benign recall": tn / (tn + fp),
            "accuracy": (tp + tn) / counts.sum(), "share of all": tp / counts.sum(),
            "false discovery": fp / (tp + fp), "miss rate": fn / (tp + fn)}


def diagnose_precision_recall(function):
    """Check ``precision_recall(counts) -> (precision, recall)`` for counts [[TN, FP], [FN, TP]]."""
    answers = []
    for counts in CONFUSION_CASES:
        where = f"precision_recall(np.array({counts.tolist()}))"
        precision, recall = pair(returned(call(function, counts), where), where)
        answers.append((number(precision, where, part="precision"),
                        number(recall, where, part="recall")))
    cases = [ratios(counts) for counts in CONFUSION_CASES]

    def gave(first, second, factor=1.0):
        """True when every answer is (factor·first, factor·second) of its case."""
        return all(matches(answer, [factor * r[first], factor * r[second]])
                   for answer, r in zip(answers, cases))

    def either(ratio):
        """True when, in every case, one of the two numbers is that ratio."""
        return all(matches(answer[0], r[ratio]) or matches(answer[1], r[ratio])
                   for answer, r in zip(answers, cases))

    if gave("precision", "recall"):
        return passed("TP / (TP + FP) and TP / (TP + FN).")
    if gave("recall", "precision"):
        return mistake("precision and recall are swapped: either the pair is in the wrong "
                       "order, or the rows were read as predictions. Rows are the truth, "
                       "columns the prediction: precision divides TP by everything predicted "
                       "malignant (column 1, TP + FP), recall by everything truly malignant "
                       "(row 1, TP + FN).")
    if gave("benign precision", "benign recall") or gave("benign recall", "benign precision"):
        return mistake("these are the ratios for the benign class: counts[0, 0] holds the "
                       "true negatives. The positive class is malignant (y = 1), so TP is "
                       "counts[1, 1].")
    if gave("precision", "recall", factor=100.0):
        return mistake("you returned percentages; return fractions between 0 and 1.")
    if all(matches(answer, [0.0, 0.0]) for answer in answers):
        return mistake("both came out 0: integer division (//) rounds every fraction below 1 "
                       "down to 0. Use / instead.")
    if gave("false discovery", "miss rate"):
        return mistake("you computed the shares of errors, FP / (TP + FP) and FN / (TP + FN), "
                       "which are 1 − precision and 1 − recall. Put the true positives on top.")
    if either("accuracy"):
        return mistake("that is the accuracy, (TP + TN) / total. Precision and recall leave "
                       "out the true negatives: both look only at the malignant class, as "
                       "predicted (precision) or as it truly is (recall).")
    if either("share of all"):
        return mistake("you divided TP by all the examples. Precision divides by the examples "
                       "predicted malignant (TP + FP), recall by the examples that are "
                       "malignant (TP + FN).")
    i = next(i for i, (answer, r) in enumerate(zip(answers, cases))
             if not matches(answer, [r["precision"], r["recall"]]))
    expected = tuple(round(float(cases[i][key]), 4) for key in ("precision", "recall"))
    return wrong(f"for counts {CONFUSION_CASES[i].tolist()} the answer should be (precision, "
                 f"recall) = {expected}; got {tuple(np.round(answers[i], 4).tolist())}.")


def solution_precision_recall(counts):
    """Return (precision, recall) from the confusion counts [[TN, FP], [FN, TP]]."""
    (tn, fp), (fn, tp) = counts          # row 0: truly benign, row 1: truly malignant
    precision = tp / (tp + fp)           # column 1: everything predicted malignant
    recall = tp / (tp + fn)              # row 1: everything truly malignant
    return precision, recall


precision_recall = Exercise(
    NOTEBOOK, "precision_recall", diagnose_precision_recall,
    hints=[
        "Unpack the four counts first: `(tn, fp), (fn, tp) = counts`. Row 1 holds the truly "
        "malignant masses, column 1 the ones predicted malignant.",
        "Precision divides the true positives by everything predicted malignant, the sum "
        "of column 1; recall divides them by everything truly malignant, the sum of row 1. "
        "Return the two as a pair, precision first.",
    ],
    solution=solution_precision_recall,
)


# ---------------------------------------------------------------------------
# choose_threshold: cross-validation on the training set, never the test set
# ---------------------------------------------------------------------------

THRESHOLDS = np.round(np.arange(0.1, 1.0, 0.1), 1)      # the notebook's candidates


@functools.cache
def notebook_split():
    """(X_train, X_test, y_train, y_test): notebook 13's split of the breast-cancer data."""
    cancer = load_breast_cancer()
    y = 1 - cancer.target                      # 1 = malignant
    return tuple(train_test_split(cancer.data, y, test_size=0.25, stratify=y, random_state=0))


@functools.cache
def small_case():
    """A seeded problem of 80 rows whose 4 features have scales 1 to 1000 and long tails,
    with finer thresholds: here every slip of the recipe changes the errors."""
    rng = np.random.default_rng(13)
    X = rng.lognormal(size=(80, 4)) * np.array([1.0, 10.0, 100.0, 1000.0])
    z = Standardizer().fit_transform(np.log(X)) @ np.array([1.5, -1.0, 0.8, 0.5])
    y = (rng.random(80) < logistic.sigmoid(z)).astype(int)
    return X, y, np.round(np.arange(0.05, 1.0, 0.05), 2)


def global_arrays(function):
    """Sorted names of the notebook's arrays that ``function`` reads as globals, directly
    or through functions of the same notebook that it calls."""
    namespace = getattr(function, "__globals__", None)
    if not isinstance(namespace, dict) or not hasattr(function, "__code__"):
        return []
    names, seen = set(), set()

    def visit(code):
        if code in seen:
            return
        seen.add(code)
        for instruction in dis.get_instructions(code):
            if instruction.opname not in ("LOAD_GLOBAL", "LOAD_NAME"):
                continue
            value = namespace.get(instruction.argval)
            if isinstance(value, np.ndarray):
                names.add(instruction.argval)
            elif inspect.isfunction(value) and value.__globals__ is namespace:
                visit(value.__code__)
        for constant in code.co_consts:
            if inspect.iscode(constant):
                visit(constant)

    visit(function.__code__)
    return sorted(names)


def reads_notebook_arrays(function, name, arguments):
    """End the check if ``function`` reads the notebook's arrays instead of its arguments."""
    used = global_arrays(function)
    tests = [n for n in used if "test" in n.lower()]
    if tests:
        raise Finished(mistake(
            f"{name} reads the test set ({', '.join(f'`{n}`' for n in tests)}) from the "
            "notebook: that chooses by test-set score. The test set must play no part in "
            "any choice, or its score no longer tells how the model does on new patients. "
            f"Use only the arguments, {arguments}, and cross-validation within them."))
    if used:
        raise Finished(mistake(
            f"{name} reads the notebook's variable{'s' if len(used) > 1 else ''} "
            f"{', '.join(f'`{n}`' for n in used)} instead of its arguments, {arguments}. "
            "The check calls it with other data too: work only with what it is given."))


def weighted(missed, false_alarms, miss_weight=model_selection.MISS_WEIGHT):
    return miss_weight * missed + false_alarms


def cross_validated(X, y, splitter, scaling="fold"):
    """P(y = 1) of every row from the model of the other folds (the recipe's model).

    ``scaling`` says which statistics scale (training part, validation part): "fold" (the training
    rows', for both: the recipe), "all" (every row's, for both), "own" (each part its own) or
    "none" (no scaling).
    """
    proba = np.empty(len(y))
    for train_rows, validation_rows in splitter.split(X, y):
        fit_part, check_part = scaled(X, train_rows, validation_rows, scaling)
        model = LogisticRegression().fit(fit_part, y[train_rows])
        proba[validation_rows] = model.predict_proba(check_part)[:, 1]
    return proba


def scaled(X, train_rows, validation_rows, scaling):
    """(fit part, check part) of X, scaled as ``cross_validated`` describes."""
    if scaling == "none":
        return X[train_rows], X[validation_rows]
    if scaling == "own":
        return (Standardizer().fit_transform(X[train_rows]),
                Standardizer().fit_transform(X[validation_rows]))
    scaler = Standardizer().fit(X if scaling == "all" else X[train_rows])
    return scaler.transform(X[train_rows]), scaler.transform(X[validation_rows])


def fitted_on(X_fit, y_fit, X_score):
    """P(y = 1) on X_score of the recipe's model fitted on all of X_fit (scaled with it)."""
    scaler = Standardizer().fit(X_fit)
    model = LogisticRegression().fit(scaler.transform(X_fit), y_fit)
    return model.predict_proba(scaler.transform(X_score))[:, 1]


def stratified(seed=model_selection.SEED, n_splits=model_selection.N_SPLITS, shuffle=True):
    return StratifiedKFold(n_splits=n_splits, shuffle=shuffle,
                           random_state=seed if shuffle else None)


FOLDS_MESSAGE = ("Use `StratifiedKFold(n_splits=5, shuffle=True, random_state=0)`: stratified "
                 "folds keep the share of malignant cases, shuffling mixes the rows, the seed "
                 "makes every run use the same folds.")

# Each known slip of the recipe: its message, and how it turns a case (X, y, thresholds,
# test) into the (missed, false alarms) it would count; None where the case cannot show it.
SLIPS = [
    ("it chose by test-set score: its errors are those of a model fitted on all of X_train "
     "and scored on the notebook's test set. Any choice made by looking at the test set "
     "makes its score flatter the model. Score each threshold on the training set's folds, "
     "with each fold predicted by a model fitted on the other four.",
     lambda X, y, test: None if test is None else (fitted_on(X, y, test[0]), test[1])),
    ("it scores each threshold on the rows the model was fitted on (all of X_train), not "
     "on held-out folds. A model is more confident on its own training rows, so this "
     "favours the wrong threshold. Fit on four folds, predict the fifth, five times.",
     lambda X, y, test: (fitted_on(X, y, X), y)),
    ("it scaled with statistics from all the data it was given, the validation fold "
     "included: that fold's rows then leak into the model that predicts them. Fit the "
     "Standardizer inside the loop, on the round's training rows only, and use it for both "
     "parts.",
     lambda X, y, test: (cross_validated(X, y, stratified(), "all"), y)),
    ("it scales the validation fold with that fold's own mean and standard deviation. "
     "New patients come one at a time, with no statistics of their own: scale both parts "
     "with the Standardizer fitted on the round's training rows.",
     lambda X, y, test: (cross_validated(X, y, stratified(), "own"), y)),
    ("it does not standardise the features. Inside each fold, fit a Standardizer on the "
     "round's training rows and transform both parts with it, as in section 3.",
     lambda X, y, test: (cross_validated(X, y, stratified(), "none"), y)),
    ("the folds are not stratified (KFold): their shares of malignant cases differ. Use "
     "StratifiedKFold, which keeps the share the same in every fold. " + FOLDS_MESSAGE,
     lambda X, y, test: (cross_validated(X, y, KFold(5, shuffle=True, random_state=0)), y)),
    ("the folds are not shuffled (StratifiedKFold without shuffle=True): each fold is a "
     "block of rows in their stored order. " + FOLDS_MESSAGE,
     lambda X, y, test: (cross_validated(X, y, stratified(shuffle=False)), y)),
    ("the folds are seeded with another number. Any fixed seed is honest, but the check "
     "compares with random_state=0. " + FOLDS_MESSAGE,
     lambda X, y, test: (cross_validated(X, y, stratified(seed=42)), y)),
    ("the folds are seeded with another number. Any fixed seed is honest, but the check "
     "compares with random_state=0. " + FOLDS_MESSAGE,
     lambda X, y, test: (cross_validated(X, y, stratified(seed=1)), y)),
    ("it uses another number of folds. The recipe asks for 5: n_splits=5.",
     lambda X, y, test: (cross_validated(X, y, stratified(n_splits=10)), y)),
    ("it uses another number of folds. The recipe asks for 5: n_splits=5.",
     lambda X, y, test: (cross_validated(X, y, stratified(n_splits=3)), y)),
]

SLIPS.append((None, lambda X, y, test: (cross_validated(X, y, stratified()), y)))
RECIPE = len(SLIPS) - 1      # the recipe itself, last: its counts, counted another way

COUNTING = [   # how the counts become errors: message, function of (missed, false alarms)
    (None, weighted),
    ("a missed cancer and a false alarm count the same here. The rule weighs a missed "
     "cancer 5 times: errors = 5 × missed + false alarms.", lambda fn, fp: fn + fp),
    ("the weights are swapped: errors = 5 × missed + false alarms (a missed cancer, "
     "y = 1 with f < t, is the costly one), not missed + 5 × false alarms.",
     lambda fn, fp: fn + 5 * fp),
    ("the errors are the mean over the 5 folds; the recipe adds them up over the folds "
     "(each training row is predicted once, so the total counts every row).",
     lambda fn, fp: weighted(fn, fp) / 5),
]


def counts_at(proba, y, thresholds):
    """(missed, false alarms) per threshold: y = 1 with f < t, y = 0 with f ≥ t."""
    predicted = proba[None, :] >= np.asarray(thresholds)[:, None]
    return (np.sum((y == 1) & ~predicted, axis=1), np.sum((y == 0) & predicted, axis=1))


@functools.cache
def recipe_answer(case):
    """(best, errors) of helpers.model_selection for the notebook's case (0) or the small
    one (1)."""
    X, y, thresholds = (notebook_split()[0], notebook_split()[2], THRESHOLDS) if case == 0 \
        else small_case()
    return model_selection.choose_threshold(X, y, thresholds)


def show_case(X, thresholds):
    return f"choose_threshold(X_train, y_train, thresholds) with X_train of shape {X.shape}"


# helpers.model_selection's functions: each one follows (part of) the recipe itself.
MODEL_SELECTION = (model_selection.choose_threshold, model_selection.out_of_fold_proba,
                   model_selection.error_counts, model_selection.weighted_errors,
                   model_selection.folds, model_selection.penalised_model,
                   model_selection.kfold_indices, model_selection.cross_validate)


def helper_verdict(calls):
    """The verdict when the learner's choose_threshold called helpers.model_selection."""
    names = list(dict.fromkeys(name for name, _ in calls))
    if names == ["kfold_indices"]:
        return mistake("the folds come from `model_selection.kfold_indices`, notebook 11's "
                       "plain folds: they are not stratified. " + FOLDS_MESSAGE)
    first = next(name for name in names if name != "kfold_indices")   # the outermost call
    return mistake(f"it calls `model_selection.{first}`, which follows the recipe itself: "
                   "the helper did the exercise. Write the loop over the folds, the scaling, "
                   "the fit and the counting yourself, with StratifiedKFold, Standardizer and "
                   "LogisticRegression, as the steps above say.")


def diagnose_choose_threshold(function):
    """Check ``choose_threshold(X_train, y_train, thresholds) -> (best, errors)`` against
    the recipe of ``helpers.model_selection``, on notebook 13's training set and a small
    case, and name the slip when it is a known one. A call of ``helpers.model_selection``
    does not count."""
    X_train, X_test, y_train, y_test = notebook_split()
    X_small, y_small, small_thresholds = small_case()
    cases = [(X_train, y_train, THRESHOLDS, (X_test, y_test)),
             (X_small, y_small, small_thresholds, None)]
    calls = []
    learner = watched(function, MODEL_SELECTION, calls)
    answers = [answer_of(learner, X, y, t) for X, y, t, _ in cases[:1]]
    reads_notebook_arrays(function, "choose_threshold", "X_train, y_train and thresholds")
    if calls:
        return helper_verdict(calls)
    again = answer_of(function, *cases[0][:3])
    if not (matches(again[1], answers[0][1]) and matches(again[0], answers[0][0])):
        return mistake("two runs on the same data gave different errors "
                       f"({np.round(answers[0][1], 4).tolist()}, then "
                       f"{np.round(again[1], 4).tolist()}): the folds are shuffled without "
                       "a seed. " + FOLDS_MESSAGE)
    if fits(answers, 0, weighted):   # SLIPS[0], the test set: named before the small case,
        return mistake(SLIPS[0][0])  # on which a function that reads it may crash
    answers.append(answer_of(learner, *cases[1][:3]))
    if calls:
        return helper_verdict(calls)
    expected = [recipe_answer(0), recipe_answer(1)]
    if all(matches(errors, want[1]) for (_, errors), want in zip(answers, expected)):
        return diagnose_best(answers, cases)
    for slip, (message, _) in enumerate(SLIPS[:RECIPE]):
        for counting_message, count in COUNTING:
            if fits(answers, slip, count):
                return mistake(message if counting_message is None
                               else f"{message} Also, {counting_message}")
    for counting_message, count in COUNTING[1:]:
        if fits(answers, RECIPE, count):
            return mistake(counting_message)
    (X, _, thresholds, _), (_, errors), (_, want) = cases[0], answers[0], expected[0]
    if not matches(errors, want):
        i = next(i for i in range(len(want)) if not matches(errors[i], want[i]))
    else:
        (X, _, thresholds, _), (_, errors), (_, want) = cases[1], answers[1], expected[1]
        i = next(i for i in range(len(want)) if not matches(errors[i], want[i]))
    return wrong(f"{show_case(X, thresholds)}: for t = {thresholds[i]:g} the errors should be "
                 f"{want[i]:g} (5 × missed + false alarms, summed over the folds); got "
                 f"{errors[i]:g}. Follow the recipe step by step: the folds, the scaling, "
                 "the model, the counting.")


def answer_of(function, X, y, thresholds):
    """(best, errors) from one call of the learner's function; else end the check."""
    where = show_case(X, thresholds)
    best, errors = pair(returned(call(function, X, y, thresholds), where), where)
    return (number(best, where, part="best"),
            array(errors, where, shape=(len(thresholds),), part="errors"))


def fits(answers, slip, count):
    """True when the slip (an index into SLIPS), counted this way, gives the learner's
    errors in every case it can show (and at least one)."""
    shown = 0
    for case, (_, errors) in enumerate(answers):
        counts = slip_counts(slip, case)
        if counts is None:
            continue
        if not matches(errors, count(*counts)):
            return False
        shown += 1
    return shown > 0


@functools.cache
def slip_counts(slip, case):
    """(missed, false alarms) per threshold that SLIPS[slip] gives on case 0 (the notebook's
    training set) or 1 (the small one); None where the case cannot show that slip.
    Computed once: the cases never change."""
    if case == 0:
        X, X_test, y, y_test = notebook_split()
        thresholds, test = THRESHOLDS, (X_test, y_test)
    else:
        (X, y, thresholds), test = small_case(), None
    outcome = SLIPS[slip][1](X, y, test)
    return None if outcome is None else counts_at(outcome[0], outcome[1], thresholds)


@functools.cache
def chosen_by_test_set():
    """The thresholds the notebook's test set would choose for the recipe's model fitted on
    all of X_train: the best test accuracy, and the fewest weighted test errors."""
    X_train, X_test, y_train, y_test = notebook_split()
    proba = fitted_on(X_train, y_train, X_test)
    missed, false_alarms = counts_at(proba, y_test, THRESHOLDS)
    accuracy = [np.mean((proba >= t) == y_test) for t in THRESHOLDS]
    return {float(THRESHOLDS[int(np.argmax(accuracy))]),
            float(THRESHOLDS[int(np.argmin(weighted(missed, false_alarms)))])}


def diagnose_best(answers, cases):
    """The errors are right; is best the threshold with the fewest, the first on a tie?"""
    for index, ((best, errors), (X, _, thresholds, _)) in enumerate(zip(answers, cases)):
        want = thresholds[int(np.argmin(errors))]
        if matches(best, want):
            continue
        if matches(best, thresholds[int(np.argmax(errors))]):
            return mistake("the errors are right, but best is the threshold with the most "
                           "errors. Take the one with the fewest.")
        if matches(best, np.argmin(errors)):
            return mistake(f"the errors are right, but best is {best:g}, the position of "
                           f"the best threshold in the list; return the threshold itself, "
                           f"thresholds[{int(np.argmin(errors))}] = {want:g}.")
        if np.any(np.isclose(best, np.asarray(thresholds)[errors == errors.min()])):
            return mistake(f"the errors are right, but several thresholds tie for the "
                           f"fewest and best is {best:g}; take the first of them, as "
                           f"np.argmin does: {want:g}.")
        if index == 0 and any(matches(best, t) for t in chosen_by_test_set()):
            return mistake(f"the errors are right, but best is {best:g}, the threshold that "
                           "scores best on the notebook's test set, not the one with the "
                           "fewest cross-validated errors. Choosing by the test set makes "
                           "its score flatter the model. Choose from the errors you "
                           f"computed: {want:g}.")
        return wrong(f"{show_case(X, thresholds)}: the errors are right, so best should be "
                     f"{want:g}, the threshold with the fewest; got {best:g}.")
    return passed("Stratified, seeded 5-fold cross-validation on the training set, scaled "
                  "inside each fold: on two data sets your errors and your choice are the "
                  "recipe's.")


def solution_choose_threshold(X_train, y_train, thresholds):
    """Return (best, errors): errors[i] is 5 × missed + false alarms of thresholds[i] over
    the 5 validation folds, best the threshold with the fewest (the first if tied)."""
    errors = np.zeros(len(thresholds))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    for train_rows, validation_rows in folds.split(X_train, y_train):
        scaler = Standardizer().fit(X_train[train_rows])    # statistics of the training rows
        model = LogisticRegression().fit(scaler.transform(X_train[train_rows]),
                                         y_train[train_rows])
        f = model.predict_proba(scaler.transform(X_train[validation_rows]))[:, 1]
        y_validation = y_train[validation_rows]
        for i, t in enumerate(thresholds):
            missed = np.sum((y_validation == 1) & (f < t))
            false_alarms = np.sum((y_validation == 0) & (f >= t))
            errors[i] += 5 * missed + false_alarms
    return thresholds[int(np.argmin(errors))], errors


choose_threshold = Exercise(
    NOTEBOOK, "choose_threshold", diagnose_choose_threshold,
    hints=[
        "Loop over the folds of `StratifiedKFold(n_splits=5, shuffle=True, random_state=0)`: "
        "its `split(X_train, y_train)` gives `train_rows, validation_rows` for each round. "
        "Everything the model learns, the Standardizer included, comes from the training "
        "rows; the counts come from the validation rows. Keep one running total per "
        "threshold, starting from zeros.",
        "In each round: fit a Standardizer on `X_train[train_rows]` and scale both parts with "
        "it; fit `LogisticRegression()` on the scaled training part; take the validation "
        "part's probabilities of class 1 (the second column of `predict_proba`). Then, for "
        "each threshold, count the missed cancers and the false alarms among the validation "
        "rows and add 5 × missed + false alarms to that threshold's total. After the loop, "
        "`np.argmin` of the totals says which threshold to return.",
    ],
    solution=solution_choose_threshold,
)


# ---------------------------------------------------------------------------
# The capstone: the learner's own pieces assembled into a classifier
# ---------------------------------------------------------------------------

LAB_ALPHA, LAB_ITERATIONS = 0.1, 10_000          # the six-point lab's run (notebook 06)
REAL_FEATURES = (20, 21)                         # worst radius, worst texture
REAL_ALPHA, REAL_ITERATIONS = 1.0, 3000
THREE_FEATURES = (20, 21, 27)                    # ... and worst concave points
THREE_ALPHA, THREE_ITERATIONS = 0.5, 200
SHORT_ITERATIONS = 3                             # the short runs that watch what fit calls

# The pieces of notebooks 01, 02, 03 and 06, bottom up: the name the learner gave each
# there, its notebook, its exercise (the name it has in that notebook's `exercises`), and
# the pieces it must call. compute_cost may compute the loss from z without σ (notebook
# 02's stable form), so it must call nothing.
PIECES = (("my_sigmoid", "01", nb01_sigmoid, "sigmoid", ()),
          ("compute_cost", "02", nb02_cross_entropy, "cost", ()),
          ("compute_gradient", "03", nb03_gradient, "gradient", ("my_sigmoid",)),
          ("gradient_descent", "06", nb06_decision_boundary, "gradient_descent",
           ("compute_gradient", "compute_cost")))
NOTEBOOK_OF = {name: notebook for name, notebook, *_ in PIECES}

# The course's own functions that would stand in for a piece, by their names.
HELPERS = (logistic.sigmoid, logistic.cost, logistic.gradient, logistic.gradient_descent)
STANDS_FOR = {"sigmoid": "my_sigmoid", "cost": "compute_cost", "gradient": "compute_gradient",
              "gradient_descent": "gradient_descent"}
# The names notebooks 03 and 06 call the pieces by (their notebooks import the helpers),
# and the names the same pieces have here.
RENAMED = {"sigmoid": "my_sigmoid", "cost": "compute_cost", "gradient": "compute_gradient"}


# The pieces as the course's solutions write them, calling one another by the capstone's
# names. They stand in for the learner's only where fit is defined with none of the four
# names around it: outside a notebook (the course-wide tests wrap the solution).

my_sigmoid = nb01_sigmoid.solution_sigmoid
compute_cost = nb02_cross_entropy.solution_cost


def compute_gradient(X, y, w, b):
    """(∂J/∂w, ∂J/∂b), notebook 03's solution calling my_sigmoid."""
    error = my_sigmoid(X @ w + b) - y
    return X.T @ error / X.shape[0], np.mean(error)


def gradient_descent(X, y, w, b, alpha, num_iters):
    """Notebook 06's loop, calling compute_gradient and compute_cost."""
    w = np.array(w, dtype=float)
    costs = [compute_cost(X, y, w, b)]
    for _ in range(num_iters):
        dj_dw, dj_db = compute_gradient(X, y, w, b)
        w = w - alpha * dj_dw
        b = b - alpha * dj_db
        costs.append(compute_cost(X, y, w, b))
    return w, b, np.array(costs)


COURSE_PIECES = {"my_sigmoid": my_sigmoid, "compute_cost": compute_cost,
                 "compute_gradient": compute_gradient, "gradient_descent": gradient_descent}


@functools.cache
def real_case(features=REAL_FEATURES):
    """Notebook 13's training set, the given features (worst radius and texture unless
    told), standardised."""
    X_train, _, y_train, _ = notebook_split()
    return Standardizer().fit_transform(X_train[:, list(features)]), y_train


@functools.cache
def sklearn_fit():
    """(w, b) of scikit-learn's unpenalised fit (C = inf) of the real case."""
    X, y = real_case()
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    return model.coef_[0], float(model.intercept_[0])


def find_pieces(fit):
    """(pieces, own): the functions named my_sigmoid, compute_cost, compute_gradient and
    gradient_descent beside ``fit``, and whether they are the learner's. End the check when
    some of them are missing; the course's pieces stand in where all four are."""
    namespace = getattr(fit, "__globals__", {})
    found = {name: namespace.get(name) for name, *_ in PIECES}
    present = {name: inspect.isfunction(piece) for name, piece in found.items()}
    if not any(present.values()):
        return COURSE_PIECES, False
    for name, notebook, module, attribute, _ in PIECES:
        if not present[name]:
            raise Finished(mistake(
                f"`fit` is built from your own pieces, but this notebook has no function "
                f"`{name}` (notebook {notebook}). Paste yours into the cell with fit; "
                f"notebook {notebook} shows its solution again with "
                f"`exercises.{attribute}.solution()`."))
    return found, True


def in_capstone_names(message):
    """A message of notebook 03's or 06's checker, with the pieces called by the names
    they have here (`gradient` becomes `compute_gradient`, ...)."""
    return re.sub(r"(?<![\w.])(sigmoid|cost|gradient)(?=[(`])",
                  lambda found: RENAMED[found.group(1)], message)


def probe_arguments(name):
    """Small arguments for one quick, watched call of a piece."""
    X, y = data.load("six_points")
    if name == "my_sigmoid":
        return (np.array([-2.0, 0.0, 3.0]),)
    if name == "gradient_descent":
        return X, y, np.zeros(2), 0.0, LAB_ALPHA, SHORT_ITERATIONS
    return X, y, np.array([0.5, -0.5]), 0.1


def global_names(function):
    """The names ``function`` reads as globals (not attributes such as ``np.exp``)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return set()
    return {instruction.argval for instruction in dis.get_instructions(code)
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME")}


def old_names(pieces):
    """End the check when pasted pieces call the helpers by the names notebooks 03 and 06
    import (``sigmoid``, ``cost``, ``gradient``), which this notebook does not define."""
    namespace = getattr(pieces["gradient_descent"], "__globals__", {})
    found = [(name, sorted(n for n in global_names(pieces[name])
                           if n in RENAMED and n not in namespace))
             for name, *_ in PIECES]
    found = [(name, olds) for name, olds in found if olds]
    if not found:
        return
    where = "; ".join(f"your `{name}` calls " + " and ".join(f"`{old}`" for old in olds)
                      for name, olds in found)
    olds = sorted({old for _, names in found for old in names}, key=list(RENAMED).index)
    renames = [f"`{old}` to `{RENAMED[old]}`" for old in olds]
    renames = ", ".join(renames[:-1]) + " and " + renames[-1] if len(renames) > 1 else renames[0]
    raise Finished(mistake(
        f"{where}: the helpers the earlier notebooks import, which this notebook does not. "
        f"Here those pieces are your own: rename {renames}."))


def check_pieces(pieces):
    """End the check when one of the learner's pieces is a stub, fails its own notebook's
    check, calls a piece by its old name, hands its work to a helper, or does not call
    the pieces below it. Bottom up, so the first piece named is the one to fix."""
    old_names(pieces)
    for name, notebook, module, attribute, below in PIECES:
        piece, calls = pieces[name], []
        names = {pieces[other].__name__: other for other in below}
        probe = call(watched(piece, (*HELPERS, *(pieces[other] for other in below)), calls),
                     *probe_arguments(name))
        error = probe.error
        if isinstance(error, NameError) and getattr(error, "name", None) in RENAMED:
            old, new = error.name, RENAMED[error.name]
            raise Finished(mistake(
                f"your `{name}` calls `{old}`, the helper notebook {notebook} imports, "
                f"which this notebook does not. Here that piece is your own `{new}` "
                f"(notebook {NOTEBOOK_OF[new]}): rename the call to `{new}`."))
        verdict = getattr(module, attribute).diagnose(piece)
        if verdict.status == NOT_ATTEMPTED:
            raise Finished(mistake(
                f"your `{name}` is still the stub. Paste the one you wrote in notebook "
                f"{notebook}; `fit` needs it."))
        if verdict.status != PASSED:
            raise Finished(mistake(f"your `{name}` (notebook {notebook}) is not right yet: "
                                   f"{in_capstone_names(verdict.message)}"))
        called = [called for called, _ in calls]
        helper = next((c for c in called if c in STANDS_FOR and c not in names), None)
        if helper is not None:
            raise Finished(stands_in(f"your `{name}`", name, helper))
        for other in below:
            if pieces[other].__name__ not in called:
                raise Finished(mistake(MISSING_CALL[name, other]))


MISSING_CALL = {
    ("compute_gradient", "my_sigmoid"):
        "your `compute_gradient` never calls your `my_sigmoid`: compute the predictions "
        "f = σ(X·w + b) with it, so that the capstone is built from your own pieces.",
    ("gradient_descent", "compute_gradient"):
        "your `gradient_descent` never calls your `compute_gradient`: each update should "
        "take both gradients from it.",
    ("gradient_descent", "compute_cost"):
        "your `gradient_descent` never calls your `compute_cost`: the costs it records "
        "should come from it.",
    ("fit", "gradient_descent"):
        "`fit` never calls your `gradient_descent`: step 2 asks fit to run your own loop, "
        "from a start of zeros, with fit's own alpha and num_iters.",
}


def stands_in(who, name, helper):
    """The verdict when ``who`` (the learner's ``name``) called helpers' ``helper``."""
    piece = STANDS_FOR[helper]
    if piece == name:
        return mistake(f"{who} hands its work to `{helper}` from helpers.logistic: the helper "
                       f"did the exercise. Write `{name}` yourself, as in notebook "
                       f"{NOTEBOOK_OF[name]}.")
    return mistake(f"{who} calls `{helper}` from helpers.logistic where your own `{piece}` "
                   f"(notebook {NOTEBOOK_OF[piece]}) belongs. Call `{piece}` instead: the "
                   "capstone is built from your pieces alone.")


def short_runs(fit, pieces, own):
    """Two short runs of fit on the six points, watched: no helper may stand in for a
    piece, and fit must call the gradient_descent beside it. Returns both runs' (w, b),
    judged at the end of the check, and how the run appears in messages."""
    where = f"fit(X, y, {LAB_ALPHA:g}, {SHORT_ITERATIONS}) on the six points"
    X, y = data.load("six_points")
    helpers_called, pieces_called = [], []
    first = call(watched(fit, HELPERS, helpers_called), X, y, LAB_ALPHA, SHORT_ITERATIONS)
    run = fitted(first, X, LAB_ALPHA, SHORT_ITERATIONS)
    if helpers_called and not own:
        raise Finished(mistake(
            f"`fit` calls `{helpers_called[0][0]}` from helpers.logistic: the helper did the "
            "exercise, and this notebook has none of your own pieces. Paste your "
            "my_sigmoid, compute_cost, compute_gradient and gradient_descent (notebooks 01, "
            "02, 03 and 06) into the cell with fit, and let fit call your gradient_descent."))
    if helpers_called:
        raise Finished(stands_in("`fit`", "fit", helpers_called[0][0]))
    second = call(watched(fit, (pieces["gradient_descent"],), pieces_called), X, y,
                  LAB_ALPHA, SHORT_ITERATIONS)
    again = fitted(second, X, LAB_ALPHA, SHORT_ITERATIONS)
    if not pieces_called:
        raise Finished(mistake(MISSING_CALL["fit", "gradient_descent"]))
    return (run, again), where


def fitted(result, X, alpha, num_iters):
    """(w, b) from one call of the learner's fit (a Call); else end the check."""
    where = f"fit(X, y, {alpha:g}, {num_iters})"
    value = returned(result, where)
    if isinstance(value, tuple | list) and len(value) == 3:
        raise Finished(mistake(f"{where} returned three things ({describe(value)}); fit "
                               "returns only the weights and the bias. Keep "
                               "gradient_descent's costs inside fit."))
    w, b = pair(value, where)
    if isinstance(b, np.ndarray) and b.ndim == 1 and not isinstance(w, np.ndarray):
        raise Finished(mistake(f"{where} returned (b, w); return the weights first, then "
                               "the bias."))
    return array(w, where, shape=(X.shape[1],), part="w"), number(b, where, part="b")


def descended(X, y, alpha, num_iters, start=0.0, sign=1.0):
    """(w, b) after num_iters steps of w ← w − sign·α·∂J/∂w from w = start, b = start:
    gradient descent for sign 1, ascent for −1 (the course's loop cannot go uphill)."""
    w, b = np.full(X.shape[1], start), start
    for _ in range(num_iters):
        error = np.exp(-np.logaddexp(0.0, -(X @ w + b))) - y     # σ(z) − y, no overflow
        w, b = w - sign * alpha * (X.T @ error) / len(y), b - sign * alpha * np.mean(error)
    return w, b


def course_run(X, y, alpha, num_iters):
    """(w, b) of the course's loop (helpers.logistic) from zeros."""
    w, b, _ = logistic.gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters)
    return w, b


@functools.cache
def reference_fit(case):
    """(w, b) of the course's loop from zeros on the "lab", "real", "three" or "short"
    case."""
    if case in ("lab", "short"):
        X, y = data.load("six_points")
        return course_run(X, y, LAB_ALPHA, LAB_ITERATIONS if case == "lab"
                          else SHORT_ITERATIONS)
    if case == "real":
        return course_run(*real_case(), REAL_ALPHA, REAL_ITERATIONS)
    return course_run(*real_case(THREE_FEATURES), THREE_ALPHA, THREE_ITERATIONS)


def same_fit(got, want, rtol=1e-6, atol=1e-8):
    return matches(got[0], want[0], rtol, atol) and matches(got[1], want[1], rtol, atol)


def diagnose_fit(function):
    """Check ``fit(X, y, alpha, num_iters) -> (w, b)``: built from the learner's pieces,
    each checked by its own notebook and calling the next, with no helper standing in;
    then the lab's run from zeros, the real data with another α and count (against the
    course's loop and scikit-learn), and three features."""
    X6, y6 = data.load("six_points")
    first = call(function, X6, y6, LAB_ALPHA, LAB_ITERATIONS)
    if first.returned_nothing:                       # the stub: nothing else to judge
        return not_attempted()
    reads_notebook_arrays(function, "fit", "X, y, alpha and num_iters")
    pieces, own = find_pieces(function)
    if own:
        check_pieces(pieces)      # a broken piece explains a crash or a wrong run best
    short, short_where = short_runs(function, pieces, own)
    lab = fitted(first, X6, LAB_ALPHA, LAB_ITERATIONS)
    want_lab = reference_fit("lab")
    if not same_fit(lab, want_lab):
        return diagnose_lab(lab, want_lab)
    X, y = real_case()
    real = fitted(call(function, X, y, REAL_ALPHA, REAL_ITERATIONS), X, REAL_ALPHA,
                  REAL_ITERATIONS)
    want_real = reference_fit("real")
    if not same_fit(real, want_real):
        return diagnose_real(real, want_real)
    if not same_fit(real, sklearn_fit(), rtol=0.0, atol=1e-4):    # the course's loop does
        return wrong("on the real data the fit differs from scikit-learn's by more than "
                     "1e-4; please report this.")
    three = three_features(function)
    want_three = reference_fit("three")
    if not same_fit(three, want_three):
        return wrong(f"with three features, fit(X, y, {THREE_ALPHA:g}, {THREE_ITERATIONS}) "
                     f"should end at w = {np.round(want_three[0], 4).tolist()}, b = "
                     f"{want_three[1]:.4f}; got w = {np.round(three[0], 4).tolist()}, b = "
                     f"{three[1]:.4f}.")
    want_short = reference_fit("short")
    for run in short:
        if same_fit(run, want_short):
            continue
        return wrong(f"{short_where} should end at w = {np.round(want_short[0], 6).tolist()}, "
                     f"b = {want_short[1]:.6f}; got w = {np.round(run[0], 6).tolist()}, "
                     f"b = {run[1]:.6f}. Does fit depend on something besides its "
                     "arguments?")
    return passed(f"Built from your own pieces, each calling the next: from w = 0, b = 0 it "
                  f"reproduces the lab's run (w = [{lab[0][0]:.2f}, {lab[0][1]:.2f}], "
                  f"b = {lab[1]:.2f}), agrees with scikit-learn on the real data to 4 "
                  "decimals, and handles three features.")


FIXED_WEIGHTS = ("fit works with two features but crashes with three: {crash}. The start "
                 "must have one weight per column of X, however many columns X has, not a "
                 "fixed two.")


def three_features(function):
    """(w, b) of fit on three real features; a crash there, after two features worked,
    means a start with a fixed number of weights."""
    X, y = real_case(THREE_FEATURES)
    result = call(function, X, y, THREE_ALPHA, THREE_ITERATIONS)
    if isinstance(result.error, ValueError) and re.search(
            r"mismatch|not aligned|broadcast|shape", str(result.error)):
        raise Finished(mistake(FIXED_WEIGHTS.format(crash=crash_description(result.error))))
    return fitted(result, X, THREE_ALPHA, THREE_ITERATIONS)


LAB_SLIPS = (   # message, (w, b) that slip gives on the lab's run
    ("it makes one update too few: the loop must run num_iters times, no more, no fewer.",
     lambda X, y: course_run(X, y, LAB_ALPHA, LAB_ITERATIONS - 1)),
    ("it makes one update too many: the loop must run num_iters times, no more, no fewer.",
     lambda X, y: course_run(X, y, LAB_ALPHA, LAB_ITERATIONS + 1)),
    ("it does not start from w = 0, b = 0 (this run started from ones). Start from zeros: "
     "one zero weight per column of X, and a bias of 0.",
     lambda X, y: descended(X, y, LAB_ALPHA, LAB_ITERATIONS, start=1.0)),
    ("it climbs the cost: each update adds α times the gradient (a learning rate of −α "
     "does the same). Gradient descent subtracts it: w = w − α·∂J/∂w, b = b − α·∂J/∂b, "
     "with α > 0.",
     lambda X, y: descended(X, y, LAB_ALPHA, LAB_ITERATIONS, sign=-1.0)),
)


@functools.cache
def lab_slip_fit(index):
    """(w, b) that LAB_SLIPS[index] ends at on the six points (computed once)."""
    return tuple(LAB_SLIPS[index][1](*data.load("six_points"))[:2])


def diagnose_lab(lab, want):
    """Name the slip that explains a wrong result of the lab's run, if a known one does."""
    for index, (message, _) in enumerate(LAB_SLIPS):
        if same_fit(lab, lab_slip_fit(index)):
            return mistake(message)
    return wrong(f"fit(X, y, {LAB_ALPHA:g}, {LAB_ITERATIONS}) on the six points should end "
                 f"at w = {np.round(want[0], 4).tolist()}, b = {want[1]:.4f} (the lab's "
                 f"run); got w = {np.round(lab[0], 4).tolist()}, b = {lab[1]:.4f}.")


REAL_SLIPS = (   # message, (alpha, num_iters) that slip uses on the real data
    (f"it ignores alpha: with alpha = {REAL_ALPHA:g} it still steps with {LAB_ALPHA:g}. Pass "
     "fit's own alpha on to gradient_descent.", (LAB_ALPHA, REAL_ITERATIONS)),
    (f"it ignores num_iters: asked for {REAL_ITERATIONS} updates it made {LAB_ITERATIONS}. "
     "Pass fit's own num_iters on to gradient_descent.", (REAL_ALPHA, LAB_ITERATIONS)),
)


@functools.cache
def real_slip_fit(index):
    """(w, b) the course's loop ends at on the real data with REAL_SLIPS[index]'s settings."""
    return course_run(*real_case(), *REAL_SLIPS[index][1])


def diagnose_real(real, want):
    """The lab's run is right but the real data's is not: α or num_iters ignored?"""
    for index, (message, _) in enumerate(REAL_SLIPS):
        if same_fit(real, real_slip_fit(index)):
            return mistake(message)
    return wrong(f"it reproduces the lab, but on the real data fit(X, y, {REAL_ALPHA:g}, "
                 f"{REAL_ITERATIONS}) should end at w = {np.round(want[0], 4).tolist()}, "
                 f"b = {want[1]:.4f}; got w = {np.round(real[0], 4).tolist()}, "
                 f"b = {real[1]:.4f}.")


def solution_fit(X, y, alpha, num_iters):
    """Train logistic regression from w = 0, b = 0 with your gradient_descent; return (w, b)."""
    w_start = np.zeros(X.shape[1])     # one weight per feature
    w, b, costs = gradient_descent(X, y, w_start, 0.0, alpha, num_iters)
    return w, b


capstone = Exercise(
    NOTEBOOK, "fit", diagnose_fit,
    hints=[
        "Paste your four functions first, each calling the ones before it. A piece you lost "
        "opens again in its own notebook: `exercises.sigmoid.solution()` in notebook 01, "
        "`exercises.cost.solution()` in 02, `exercises.gradient.solution()` in 03 and "
        "`exercises.gradient_descent.solution()` in 06. Those solutions call the helpers "
        "`sigmoid`, `cost` and `gradient`; here the calls go to your own `my_sigmoid`, "
        "`compute_cost` and `compute_gradient`, so rename them. Then fit needs only a "
        "starting point and one call.",
        "The start is an array of zeros with one weight per column of X (X.shape says how "
        "many) and a bias of 0. Hand it to your gradient_descent with fit's own alpha and "
        "num_iters. gradient_descent gives back three things; fit returns the first two.",
    ],
    solution=solution_fit,
)
