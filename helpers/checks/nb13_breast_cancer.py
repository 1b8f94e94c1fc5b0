"""Notebook 13, a real data set, in the notebook's order:

* ``precision_recall(counts)`` from the confusion counts [[TN, FP], [FN, TP]];
* ``choose_threshold(X_train, y_train, thresholds)``: the threshold chosen by 5-fold
  cross-validation on the training set, following ``helpers.model_selection``'s recipe.
  The function never receives the test set, so the checker can tell when it reaches for
  it anyway (it reads the notebook's test arrays, or its errors are the test set's);
* the capstone, ``fit(X, y, alpha, num_iters)``: the learner's own sigmoid, cost, gradient
  and loop (notebooks 01, 02, 03 and 06) assembled into a classifier that reproduces the
  six-point lab and agrees with scikit-learn on the real data.
"""

import dis
import functools
import inspect

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split

from helpers import data, logistic, model_selection
from helpers.checks import nb01_sigmoid, nb02_cross_entropy, nb03_gradient, nb06_decision_boundary
from helpers.checks.engine import (NOT_ATTEMPTED, PASSED, Exercise, Finished, array, call,
                                   describe, matches, mistake, not_attempted, number, pair,
                                   passed, returned, wrong)
from helpers.features import Standardizer
from helpers.logistic import gradient_descent   # the course's loop, as notebook 06 writes it

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
        "Precision divides TP by column 1, `tp + fp`; recall divides TP by row 1, `tp + fn`. "
        "Return `precision, recall`, in that order.",
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

    ``scaling`` says which statistics scale (fit rows, check rows): "fold" (the fit rows',
    for both: the recipe), "all" (every row's, for both), "own" (each part its own) or
    "none" (no scaling).
    """
    proba = np.empty(len(y))
    for fit_rows, check_rows in splitter.split(X, y):
        fit_part, check_part = scaled(X, fit_rows, check_rows, scaling)
        model = LogisticRegression().fit(fit_part, y[fit_rows])
        proba[check_rows] = model.predict_proba(check_part)[:, 1]
    return proba


def scaled(X, fit_rows, check_rows, scaling):
    """(fit part, check part) of X, scaled as ``cross_validated`` describes."""
    if scaling == "none":
        return X[fit_rows], X[check_rows]
    if scaling == "own":
        return (Standardizer().fit_transform(X[fit_rows]),
                Standardizer().fit_transform(X[check_rows]))
    scaler = Standardizer().fit(X if scaling == "all" else X[fit_rows])
    return scaler.transform(X[fit_rows]), scaler.transform(X[check_rows])


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
    ("it scaled with statistics from all the data it was given, the fold being checked "
     "included: that fold's rows then leak into the model that predicts them. Fit the "
     "Standardizer inside the loop, on `X_train[fit_rows]` only, and use it for both parts.",
     lambda X, y, test: (cross_validated(X, y, stratified(), "all"), y)),
    ("it scales the fold being checked with that fold's own mean and standard deviation. "
     "New patients come one at a time, with no statistics of their own: scale both parts "
     "with the Standardizer fitted on the fit rows.",
     lambda X, y, test: (cross_validated(X, y, stratified(), "own"), y)),
    ("it does not standardise the features. Inside each fold, fit a Standardizer on the "
     "fit rows and transform both parts with it, as in section 3.",
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


def diagnose_choose_threshold(function):
    """Check ``choose_threshold(X_train, y_train, thresholds) -> (best, errors)`` against
    the recipe of ``helpers.model_selection``, on notebook 13's training set and a small
    case, and name the slip when it is a known one."""
    X_train, X_test, y_train, y_test = notebook_split()
    X_small, y_small, small_thresholds = small_case()
    cases = [(X_train, y_train, THRESHOLDS, (X_test, y_test)),
             (X_small, y_small, small_thresholds, None)]
    answers = [answer_of(function, X, y, t) for X, y, t, _ in cases[:1]]
    reads_notebook_arrays(function, "choose_threshold", "X_train, y_train and thresholds")
    again = answer_of(function, *cases[0][:3])
    if not (matches(again[1], answers[0][1]) and matches(again[0], answers[0][0])):
        return mistake("two runs on the same data gave different errors "
                       f"({np.round(answers[0][1], 4).tolist()}, then "
                       f"{np.round(again[1], 4).tolist()}): the folds are shuffled without "
                       "a seed. " + FOLDS_MESSAGE)
    if fits(answers, 0, weighted):   # SLIPS[0], the test set: named before the small case,
        return mistake(SLIPS[0][0])  # on which a function that reads it may crash
    answers.append(answer_of(function, *cases[1][:3]))
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


def diagnose_best(answers, cases):
    """The errors are right; is best the threshold with the fewest, the first on a tie?"""
    for (best, errors), (X, _, thresholds, _) in zip(answers, cases):
        want = thresholds[int(np.argmin(errors))]
        if matches(best, want):
            continue
        if matches(best, thresholds[int(np.argmax(errors))]):
            return mistake("the errors are right, but best is the threshold with the most "
                           "errors. Take the fewest: thresholds[np.argmin(errors)].")
        if matches(best, np.argmin(errors)):
            return mistake(f"the errors are right, but best is {best:g}, the position of "
                           f"the best threshold in the list; return the threshold itself, "
                           f"thresholds[{int(np.argmin(errors))}] = {want:g}.")
        if np.any(np.isclose(best, np.asarray(thresholds)[errors == errors.min()])):
            return mistake(f"the errors are right, but several thresholds tie for the "
                           f"fewest and best is {best:g}; take the first of them, as "
                           f"np.argmin does: {want:g}.")
        return wrong(f"{show_case(X, thresholds)}: the errors are right, so best should be "
                     f"{want:g}, the threshold with the fewest; got {best:g}.")
    return passed("Stratified, seeded 5-fold cross-validation on the training set, scaled "
                  "inside each fold, and the test set never touched.")


def solution_choose_threshold(X_train, y_train, thresholds):
    """Return (best, errors): errors[i] is 5 × missed + false alarms of thresholds[i] over
    the 5 validation folds, best the threshold with the fewest (the first if tied)."""
    errors = np.zeros(len(thresholds))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    for fit_rows, check_rows in folds.split(X_train, y_train):
        scaler = Standardizer().fit(X_train[fit_rows])       # statistics of the fit rows only
        model = LogisticRegression().fit(scaler.transform(X_train[fit_rows]), y_train[fit_rows])
        f = model.predict_proba(scaler.transform(X_train[check_rows]))[:, 1]
        y_check = y_train[check_rows]
        for i, t in enumerate(thresholds):
            missed = np.sum((y_check == 1) & (f < t))
            false_alarms = np.sum((y_check == 0) & (f >= t))
            errors[i] += 5 * missed + false_alarms
    return thresholds[int(np.argmin(errors))], errors


choose_threshold = Exercise(
    NOTEBOOK, "choose_threshold", diagnose_choose_threshold,
    hints=[
        "Loop over `StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X_train, "
        "y_train)`: each turn gives `fit_rows, check_rows`. Everything the model learns, the "
        "Standardizer included, comes from `X_train[fit_rows]`; the counts come from "
        "`X_train[check_rows]`. Keep one running total per threshold, `np.zeros(len("
        "thresholds))`.",
        "Inside the loop: `scaler = Standardizer().fit(X_train[fit_rows])`, then "
        "`LogisticRegression().fit(scaler.transform(X_train[fit_rows]), y_train[fit_rows])`, "
        "then `f = model.predict_proba(scaler.transform(X_train[check_rows]))[:, 1]`. For "
        "each threshold t: missed = y = 1 with f < t, false alarms = y = 0 with f ≥ t, and "
        "add `5 * missed + false_alarms`. After the loop, `best` is "
        "`thresholds[np.argmin(errors)]`.",
    ],
    solution=solution_choose_threshold,
)


# ---------------------------------------------------------------------------
# The capstone: the learner's own pieces assembled into a classifier
# ---------------------------------------------------------------------------

LAB_ALPHA, LAB_ITERATIONS = 0.1, 10_000          # the six-point lab's run (notebook 06)
REAL_FEATURES = (20, 21)                         # worst radius, worst texture
REAL_ALPHA, REAL_ITERATIONS = 1.0, 3000

# The pieces of notebooks 01, 02, 03 and 06, by the names the learner gave them there.
PIECES = (("my_sigmoid", nb01_sigmoid, "sigmoid", "01"),
          ("compute_cost", nb02_cross_entropy, "cost", "02"),
          ("compute_gradient", nb03_gradient, "gradient", "03"),
          ("gradient_descent", nb06_decision_boundary, "gradient_descent", "06"))


@functools.cache
def real_case():
    """Notebook 13's training set, two features (worst radius and texture), standardised."""
    X_train, _, y_train, _ = notebook_split()
    two = X_train[:, list(REAL_FEATURES)]
    return Standardizer().fit_transform(two), y_train


@functools.cache
def sklearn_fit():
    """(w, b) of scikit-learn's unpenalised fit (C = inf) of the real case."""
    X, y = real_case()
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    return model.coef_[0], float(model.intercept_[0])


def check_pieces(fit):
    """End the check when a piece pasted beside ``fit`` is a stub or fails its own check.

    A piece counts when the notebook defines a function of that name (in the same
    notebook as ``fit``), and its own notebook's exercise can judge it.
    """
    namespace = getattr(fit, "__globals__", {})
    for name, module, attribute, notebook in PIECES:
        piece, exercise = namespace.get(name), getattr(module, attribute, None)
        if not (inspect.isfunction(piece) and piece.__globals__ is namespace
                and isinstance(exercise, Exercise)):
            continue
        verdict = exercise.diagnose(piece)
        if verdict.status == PASSED:
            continue
        if verdict.status == NOT_ATTEMPTED:
            raise Finished(mistake(
                f"your `{name}` is still the stub. Paste the one you wrote in notebook "
                f"{notebook}; `fit` needs it."))
        raise Finished(mistake(f"your `{name}` (notebook {notebook}) is not right yet: "
                               f"{verdict.message}"))


def fitted(result, X, alpha, num_iters):
    """(w, b) from one call of the learner's fit (a Call); else end the check."""
    where = f"fit(X, y, {alpha:g}, {num_iters})"
    value = returned(result, where)
    if isinstance(value, tuple | list) and len(value) == 3:
        raise Finished(mistake(f"{where} returned three things ({describe(value)}); fit "
                               "returns only `w, b`. Keep gradient_descent's costs inside "
                               "fit: `w, b, costs = gradient_descent(...)`, then `return w, b`."))
    w, b = pair(value, where)
    if isinstance(b, np.ndarray) and b.ndim == 1 and not isinstance(w, np.ndarray):
        raise Finished(mistake(f"{where} returned (b, w); return the weights first: "
                               "`return w, b`."))
    return array(w, where, shape=(X.shape[1],), part="w"), number(b, where, part="b")


def descended(X, y, alpha, num_iters, start=0.0, sign=1.0):
    """(w, b) after num_iters steps of w ← w − sign·α·∂J/∂w from w = start, b = start:
    gradient descent for sign 1, ascent for −1 (the course's loop cannot go uphill)."""
    w, b = np.full(X.shape[1], start), start
    for _ in range(num_iters):
        error = np.exp(-np.logaddexp(0.0, -(X @ w + b))) - y     # σ(z) − y, no overflow
        w, b = w - sign * alpha * (X.T @ error) / len(y), b - sign * alpha * np.mean(error)
    return w, b


@functools.cache
def reference_fit(case):
    """(w, b) of the course's loop from zeros on the "lab" or the "real" case."""
    X, y = data.load("six_points") if case == "lab" else real_case()
    alpha, num_iters = ((LAB_ALPHA, LAB_ITERATIONS) if case == "lab"
                        else (REAL_ALPHA, REAL_ITERATIONS))
    w, b, _ = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, num_iters)
    return w, b


def same_fit(got, want, rtol=1e-6, atol=1e-8):
    return matches(got[0], want[0], rtol, atol) and matches(got[1], want[1], rtol, atol)


def diagnose_fit(function):
    """Check ``fit(X, y, alpha, num_iters) -> (w, b)``: the lab's run from zeros, then the
    real data with another α and count, against the course's loop and scikit-learn."""
    X6, y6 = data.load("six_points")
    first = call(function, X6, y6, LAB_ALPHA, LAB_ITERATIONS)
    if first.returned_nothing:                       # the stub: nothing else to judge
        return not_attempted()
    reads_notebook_arrays(function, "fit", "X, y, alpha and num_iters")
    check_pieces(function)        # a broken piece explains a crash or a wrong run best
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
    return passed(f"From w = 0, b = 0 it reproduces the lab's run (w = "
                  f"[{lab[0][0]:.2f}, {lab[0][1]:.2f}], b = {lab[1]:.2f}) and, on the real "
                  "data, scikit-learn's fit to 4 decimals.")


LAB_SLIPS = (   # message, (w, b) that slip gives on the lab's run
    ("it makes one update too few: the loop must run num_iters times (`range(num_iters)`).",
     lambda X, y: gradient_descent(X, y, np.zeros(2), 0.0, LAB_ALPHA, LAB_ITERATIONS - 1)),
    ("it makes one update too many: the loop must run num_iters times (`range(num_iters)`).",
     lambda X, y: gradient_descent(X, y, np.zeros(2), 0.0, LAB_ALPHA, LAB_ITERATIONS + 1)),
    ("it does not start from w = 0, b = 0 (this run started from ones). Start from "
     "`np.zeros(X.shape[1])` and `0.0`.",
     lambda X, y: descended(X, y, LAB_ALPHA, LAB_ITERATIONS, start=1.0)),
    ("it climbs the cost: each update adds α times the gradient. Gradient descent "
     "subtracts it: w = w − α·∂J/∂w, b = b − α·∂J/∂b.",
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
    X, y = real_case()
    alpha, num_iters = REAL_SLIPS[index][1]
    return tuple(gradient_descent(X, y, np.zeros(2), 0.0, alpha, num_iters)[:2])


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
        "Paste your four functions first: `my_sigmoid` (notebook 01), `compute_cost` (02), "
        "`compute_gradient` (03) and `gradient_descent` (06), each calling the ones before "
        "it. A piece you lost opens again in its own notebook with "
        "`exercises.<name>.solution()`. Then fit needs only a starting point and one call.",
        "`w, b, costs = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, "
        "num_iters)`, then `return w, b`.",
    ],
    solution=solution_fit,
)
