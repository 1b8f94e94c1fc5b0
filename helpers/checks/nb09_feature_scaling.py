"""Notebook 09, feature scaling: ``standardise(X_train, X_test)`` with the training statistics."""

import numpy as np

from helpers.checks.engine import (Exercise, array, call, matches, mistake, pair, passed,
                                   returned, wrong)

NOTEBOOK = "09_feature_scaling"
SWAPPED = "the two sets come back in the wrong order: return (X_train scaled, X_test scaled)."


def standardise_case():
    """Training and test sets with columns on very different scales (and no zero std)."""
    rng = np.random.default_rng(90)
    train = np.column_stack([rng.uniform(50, 250, 12), rng.uniform(0, 1, 12)])
    test = np.column_stack([rng.uniform(60, 300, 5), rng.uniform(0.2, 1, 5)])
    return train, test


def known_scalings(train, test):
    """(message, train scaled, test scaled or None when only the training part tells)."""
    mean, std = train.mean(axis=0), train.std(axis=0)
    both = np.vstack([train, test])
    pooled_mean, pooled_std = both.mean(axis=0), both.std(axis=0)
    return [
        ("the statistics came from training and test data together. The test set stands for "
         "data the model has never seen: learn the mean and standard deviation from X_train "
         "alone, use them for both.",
         (train - pooled_mean) / pooled_std, (test - pooled_mean) / pooled_std),
        ("the test set was scaled with its own mean and standard deviation. Use the training "
         "set's statistics for both: the test set stands for new data, which you have not "
         "seen when you fit the scaler, and a value must mean the same thing in both sets.",
         (train - mean) / std, (test - test.mean(axis=0)) / test.std(axis=0)),
        ("you took one mean and one standard deviation over the whole array. Each column "
         "needs its own: use axis=0.", (train - train.mean()) / train.std(), None),
        ("you averaged along each row (axis=1). Features are columns: use axis=0.",
         (train - train.mean(axis=1, keepdims=True)) / train.std(axis=1, keepdims=True), None),
        ("you divided by the standard deviation but did not subtract the mean first: the "
         "columns are not centred at 0.", train / std, None),
        ("the columns were centred but not divided by their standard deviation, so they keep "
         "their very different spreads.", train - mean, None),
        ("you divided by the variance; divide by the standard deviation (its square root).",
         (train - mean) / std ** 2, None),
        ("you used the sample standard deviation (ddof=1). The course uses numpy's default "
         "np.std (ddof=0), as Standardizer does.", (train - mean) / train.std(axis=0, ddof=1),
         None),
    ]


def diagnose_standardise(function):
    """Check ``standardise(X_train, X_test) -> (train_s, test_s)``: both scaled with the
    training set's column means and standard deviations (ddof=0, as ``Standardizer``)."""
    train, test = standardise_case()
    where = f"standardise(X_train, X_test) with shapes {train.shape} and {test.shape}"
    first, second = pair(returned(call(function, train, test), where), where)
    if isinstance(first, np.ndarray) and isinstance(second, np.ndarray) and \
            first.shape == test.shape and second.shape == train.shape:
        return mistake(SWAPPED)
    got_train = array(first, where, shape=train.shape, part="X_train scaled")
    got_test = array(second, where, shape=test.shape, part="X_test scaled")
    mean, std = train.mean(axis=0), train.std(axis=0)
    if matches(got_train, (train - mean) / std) and matches(got_test, (test - mean) / std):
        return passed("Both sets use the training set's mean and standard deviation.")
    for message, want_train, want_test in known_scalings(train, test):
        if matches(got_train, want_train) and (want_test is None or matches(got_test, want_test)):
            return mistake(message)
    if not matches(got_train, (train - mean) / std):
        return wrong(f"the first training row should become "
                     f"{np.round((train[0] - mean) / std, 3).tolist()}; got "
                     f"{np.round(got_train[0], 3).tolist()}.")
    return wrong(f"X_train is right, but the first test row should become "
                 f"{np.round((test[0] - mean) / std, 3).tolist()}; got "
                 f"{np.round(got_test[0], 3).tolist()}. Scale it with the training set's "
                 "mean and standard deviation.")


def solution_standardise(X_train, X_test):
    """Return both sets scaled with the training set's column means and standard deviations."""
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std


standardise = Exercise(
    NOTEBOOK, "standardise", diagnose_standardise,
    hints=[
        "Compute one mean and one standard deviation per column, from X_train only, and use "
        "those same numbers for both sets.",
        "With `axis=0`, numpy's `mean` and `std` work down each column and give one number "
        "per feature: an array as long as a row. An (m, n) array minus such an array "
        "subtracts it from every row (broadcasting), and division works the same way. "
        "Compute the two arrays once, from X_train, and apply the same two to each set.",
    ],
    solution=solution_standardise,
)
