"""Choosing a hyper-parameter honestly: k-fold cross-validation on the training set.

The test set plays no part in the choice: it is touched once, at the end, to report
how the chosen model does on new cases.

* Notebook 11 chooses the degree of the polynomial features and λ: ``kfold_indices``
  cuts the training rows into k shuffled folds; ``cross_validate`` fits on k − 1 of
  them (scaling learned there too) and scores the one left out, in turn.
* Notebook 13 estimates, from the training set alone, how a model does on new cases,
  and chooses the decision threshold t. It is notebook 11's k-fold cross-validation
  with two changes: the folds keep each class's share (stratified), and instead of
  averaging a score over the folds, the held-out predictions are pooled, one for every
  training row, and the errors counted over all of them. The recipe, which
  ``choose_threshold`` follows and notebook 13's exercise asks for:

  1. split the training rows into ``N_SPLITS`` folds, stratified and shuffled with a
     fixed seed (the same folds every run);
  2. for each fold: learn the scaling (``helpers.features.Standardizer``) and the model
     from the other folds, the round's training rows, and predict P(y = 1) for the
     fold's own rows, its validation rows. Every training row gets one prediction from
     a model that never saw it. The model is scikit-learn's ``LogisticRegression()``
     (C = 1, our cost with λ = 1, notebook 13 section 8) unless another is given;
  3. for every threshold t, count the missed cancers (y = 1 but f < t) and the false
     alarms (y = 0 but f ≥ t) over all these predictions, weigh a miss
     ``MISS_WEIGHT`` times a false alarm, and choose the threshold with the fewest
     weighted errors.

Arguments are checked with ``helpers.validation``.
"""

import numpy as np

from helpers import logistic, metrics, newton, validation
from helpers.features import Standardizer

# ---------------------------------------------------------------------------
# Notebook 11: plain k-fold cross-validation of a penalised fit
# ---------------------------------------------------------------------------

def kfold_indices(m, k, seed):
    """Split the row numbers 0, ..., m − 1 into k folds for k-fold cross-validation.

    The rows are shuffled by ``np.random.default_rng(seed)`` and cut into k folds whose
    sizes differ by at most one. Returns a list of k pairs (train_rows, validation_rows):
    round i validates on fold i and trains on the other k − 1, so every row is
    validated exactly once.
    """
    m = validation.whole_number(m, "m (the number of rows)")
    k = validation.whole_number(k, "k (the number of folds)", minimum=2, maximum=m)
    seed = validation.whole_number(seed, "seed", minimum=0)
    folds = np.array_split(np.random.default_rng(seed).permutation(m), k)
    return [(np.sort(np.concatenate(folds[:i] + folds[i + 1:])), np.sort(folds[i]))
            for i in range(k)]


def scores(X, y, w, b):
    """(accuracy, cost J without the penalty) of the model (w, b) on the examples (X, y)."""
    return metrics.accuracy(y, logistic.predict(X, w, b)), logistic.cost(X, y, w, b)


def cross_validate(mapped, y, lambda_, folds):
    """Mean validation (accuracy, cost J) of the penalised fit over ``folds``.

    ``mapped`` holds the training points' polynomial features, not yet standardised;
    ``folds`` comes from ``kfold_indices``. Each round standardises with the
    statistics of its own training rows, fits on them (``newton.penalised_minimum``) and scores
    its validation rows, which that fit has never seen.
    """
    results = []
    for train, held in folds:
        scaler = Standardizer().fit(mapped[train])
        w, b = newton.penalised_minimum(scaler.transform(mapped[train]), y[train], lambda_)
        results.append(scores(scaler.transform(mapped[held]), y[held], w, b))
    accuracy, cost = np.mean(results, axis=0)
    return float(accuracy), float(cost)


# ---------------------------------------------------------------------------
# Notebook 13: a stratified split and the decision threshold
# ---------------------------------------------------------------------------

N_SPLITS = 5         # folds
SEED = 0             # the shuffle's seed: the same folds every run
MISS_WEIGHT = 5      # a missed cancer counts as this many false alarms


def folds(n_splits=N_SPLITS, seed=SEED):
    """Return the fold splitter: stratified, shuffled with ``seed``, ``n_splits`` folds.

    ``folds().split(X, y)`` gives, fold by fold, (train_rows, validation_rows).
    """
    n_splits = validation.whole_number(n_splits, "n_splits", minimum=2)
    seed = validation.whole_number(seed, "seed", minimum=0)
    # scikit-learn is imported here, not at the top: notebook 11's explorer uses this module
    # too, and should not pay the second it takes to import.
    from sklearn.model_selection import StratifiedKFold

    return StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)


def penalised_model(X_fit, y_fit, X_predict):
    """The recipe's model: scikit-learn's ``LogisticRegression()`` (C = 1, λ = 1) fitted
    on (X_fit, y_fit); return its P(y = 1) for the rows of X_predict."""
    from sklearn.linear_model import LogisticRegression  # here for the reason given in folds()

    model = LogisticRegression().fit(X_fit, y_fit)
    return model.predict_proba(X_predict)[:, 1]


def out_of_fold_proba(X, y, n_splits=N_SPLITS, seed=SEED, fit_predict=penalised_model):
    """Return P(y = 1) for every row of X, each from a model that was not fitted on it.

    For each fold, a Standardizer learns from the other folds (the round's training
    rows) and scales both parts; then ``fit_predict(X_fit, y_fit, X_predict)`` fits a
    model on the scaled training rows and returns P(y = 1) for the scaled rows of the
    fold itself. The default is the recipe's model, ``penalised_model``.
    """
    if not callable(fit_predict):
        raise TypeError(f"fit_predict must be a function (X_fit, y_fit, X_predict) -> "
                        f"probabilities; got {type(fit_predict).__name__}")
    splitter = folds(n_splits, seed)
    X, y = _check_data(X, y, splitter.n_splits)
    proba = np.empty(len(y))
    for train_rows, validation_rows in splitter.split(X, y):
        scaler = Standardizer().fit(X[train_rows])
        predicted = fit_predict(scaler.transform(X[train_rows]), y[train_rows],
                                scaler.transform(X[validation_rows]))
        proba[validation_rows] = _check_proba(predicted, len(validation_rows))
    return proba


def error_counts(y, proba, thresholds):
    """Return (missed, false_alarms): for each threshold t, how many examples with y = 1
    have f < t, and how many with y = 0 have f ≥ t (f ≥ t predicts 1, as in ``predict``)."""
    y = validation.binary_labels(y)
    proba = validation.finite_array(proba, "proba")
    if proba.shape != y.shape:
        raise ValueError(f"proba must have one probability per label, shape {y.shape}; "
                         f"got shape {proba.shape}")
    thresholds = _check_thresholds(thresholds)
    predicted = proba[None, :] >= thresholds[:, None]          # one row per threshold
    missed = np.sum((y == 1) & ~predicted, axis=1)
    false_alarms = np.sum((y == 0) & predicted, axis=1)
    return missed, false_alarms


def weighted_errors(y, proba, thresholds, miss_weight=MISS_WEIGHT):
    """Return miss_weight × missed + false alarms, for each threshold."""
    miss_weight = validation.positive_number(miss_weight, "miss_weight")
    missed, false_alarms = error_counts(y, proba, thresholds)
    return miss_weight * missed + false_alarms


def choose_threshold(X_train, y_train, thresholds):
    """Return (best, errors): the threshold cross-validation chooses, and why.

    ``errors[i]`` is MISS_WEIGHT × missed + false alarms of ``thresholds[i]``, over the
    out-of-fold predictions of the training set (``out_of_fold_proba``); ``best`` is the
    threshold with the fewest, the first of them if several tie.
    """
    thresholds = _check_thresholds(thresholds)
    errors = weighted_errors(y_train, out_of_fold_proba(X_train, y_train), thresholds)
    return float(thresholds[np.argmin(errors)]), errors


def _check_thresholds(thresholds):
    """Thresholds as a non-empty 1-D float array of numbers strictly between 0 and 1."""
    array = validation.finite_array(thresholds, "thresholds")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"thresholds must be a non-empty list of numbers; got shape {array.shape}")
    if np.any((array <= 0) | (array >= 1)):
        raise ValueError(f"thresholds must lie strictly between 0 and 1; got "
                         f"{array[(array <= 0) | (array >= 1)][:5]}")
    return array


def _check_proba(predicted, count):
    """fit_predict's answer for one fold: ``count`` finite probabilities in [0, 1]."""
    array = validation.finite_array(predicted, "fit_predict's probabilities")
    if array.shape != (count,):
        raise ValueError(f"fit_predict must return one probability per row to predict, shape "
                         f"({count},); got shape {array.shape}")
    if np.any((array < 0) | (array > 1)):
        raise ValueError("fit_predict must return probabilities between 0 and 1; got values "
                         f"from {array.min():g} to {array.max():g}")
    return array


def _check_data(X, y, n_splits):
    """X (finite, m rows) and 0/1 labels y with at least n_splits examples of each class."""
    X = validation.finite_matrix(X)
    y = validation.binary_labels(y)
    validation.same_length(X.shape[0], y)
    fewest = int(min(np.sum(y == 0), np.sum(y == 1)))
    if fewest < n_splits:
        raise ValueError(f"y must hold at least n_splits = {n_splits} examples of each class, "
                         f"one per fold; its rarer class has {fewest}")
    return X, y.astype(int)
