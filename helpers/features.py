"""Feature transformations: standardisation and polynomial features.

Numpy only, with the same input checks as ``helpers.logistic``.
"""

import numpy as np

from helpers import logistic


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


def polynomial_features(X, degree):
    """Map two features (x1, x2) to every monomial x1^i · x2^j with 1 ≤ i + j ≤ degree.

    Columns are ordered by total degree, and within one degree from the highest
    power of x1 down:  x1, x2,  x1², x1·x2, x2²,  x1³, x1²·x2, ...  The constant
    monomial is left out: the bias b plays its part. ``polynomial_names(degree)``
    names the columns. Degree d gives (d + 1)(d + 2)/2 − 1 columns.
    """
    X = _as_matrix(X)
    if X.shape[1] != 2:
        raise ValueError(f"polynomial_features maps two features: X must have shape (m, 2); "
                         f"got shape {X.shape}")
    degree = _check_degree(degree)
    i, j = _exponents(degree)
    # (m, 1) ** (k,) broadcasts to (m, k): column k is x1^i[k] · x2^j[k].
    return X[:, :1] ** i * X[:, 1:] ** j


def polynomial_names(degree):
    """Return the names of the columns of ``polynomial_features(X, degree)``, e.g. "x1²·x2"."""
    degree = _check_degree(degree)
    superscript = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

    def power(name, p):
        return "" if p == 0 else name if p == 1 else name + str(p).translate(superscript)

    return ["·".join(part for part in (power("x1", a), power("x2", c)) if part)
            for a, c in zip(*_exponents(degree))]


def _exponents(degree):
    """The exponents (i, j) of x1 and x2 for every column, as two int arrays."""
    pairs = [(d - j, j) for d in range(1, degree + 1) for j in range(d + 1)]
    i, j = np.array(pairs).T
    return i, j


def _check_degree(degree):
    """Return degree as an int if it is a whole number ≥ 1, else raise."""
    if isinstance(degree, (bool, np.bool_)) or not isinstance(degree, (int, np.integer)) \
            or degree < 1:
        raise ValueError(f"degree must be a whole number of at least 1; got {degree!r}")
    return int(degree)


def _as_matrix(X):
    """Return X as a finite 2-D float array, or raise ValueError."""
    X = logistic._check_matrix(X)
    logistic._check_finite_X(X)
    return X
