"""Feature transformations: standardisation (and, later, polynomial features).

Numpy only, with the same input checks as ``helpers.logistic``.
"""

import numpy as np


class Standardizer:
    """Rescale each feature to mean 0 and standard deviation 1, using statistics
    learned from the data passed to ``fit`` (the training set only).

        scaler = Standardizer().fit(X_train)
        X_train_s, X_test_s = scaler.transform(X_train), scaler.transform(X_test)
    """

    def __init__(self):
        self.mean = None
        self.std = None

    def fit(self, X):
        """Learn each column's mean and standard deviation; return self."""
        X = _as_matrix(X)
        std = X.std(axis=0)
        if np.any(std == 0):
            constant = np.nonzero(std == 0)[0].tolist()
            raise ValueError(f"columns {constant} of X are constant; standardising them would "
                             "divide by zero. Expected every column to vary.")
        self.mean, self.std = X.mean(axis=0), std
        return self

    def transform(self, X):
        """Return (X − mean) / std with the statistics learned by ``fit``."""
        if self.mean is None:
            raise ValueError("call fit(X_train) before transform(X)")
        X = _as_matrix(X)
        if X.shape[1] != self.mean.size:
            raise ValueError(f"X has {X.shape[1]} columns but the scaler was fitted on "
                             f"{self.mean.size}")
        return (X - self.mean) / self.std

    def fit_transform(self, X):
        """fit(X), then transform(X)."""
        return self.fit(X).transform(X)


def _as_matrix(X):
    """Return X as a finite 2-D float array, or raise ValueError."""
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("X must be a 2-D array of numbers, shape (m, n)") from None
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be a 2-D array of shape (m, n) with m ≥ 1; got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinite values; expected finite numbers")
    return X
