"""Feature transformations (standardisation, polynomial features) and the k-fold split
that chooses among them honestly (notebook 11).

Numpy only; arguments are checked with ``helpers.validation``, as in ``helpers.logistic``.
"""

import numpy as np

from helpers import validation

# The highest degree ``polynomial_features`` accepts: degree d makes (d + 1)(d + 2)/2 − 1
# columns (5150 at 100), and x^d overflows for |x| > 1.8e308^(1/d) (1.0 at the limit).
MAX_DEGREE = 100


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
        """Learn each column's mean and standard deviation; return self.

        Each column is first divided by a power of two near its largest |x|, which
        is exact: the statistics are the usual ones, and neither x² overflows for x
        near 1e308 nor underflows for x near 1e-300.
        """
        X = validation.finite_matrix(X)
        scale = _power_of_two_scale(X)
        scaled = X / scale
        mean, std = scaled.mean(axis=0) * scale, scaled.std(axis=0) * scale
        if np.any(std == 0):
            constant = np.nonzero(std == 0)[0].tolist()
            raise ValueError(f"columns {constant} of X are constant; standardising them would "
                             "divide by zero. Expected every column to vary.")
        self.mean, self.std = mean, std
        return self

    def transform(self, X):
        """Return (X − mean) / std with the statistics learned by ``fit``."""
        if self.mean is None:
            raise ValueError("call fit(X_train) before transform(X)")
        X = validation.finite_matrix(X)
        if X.shape[1] != self.mean.size:
            raise ValueError(f"X has {X.shape[1]} columns but the scaler was fitted on "
                             f"{self.mean.size}")
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            result = (X - self.mean) / self.std
            if not np.all(np.isfinite(result)):   # X − mean overflowed: redo it scaled (exact)
                scale = _power_of_two_scale(np.vstack([X, self.mean]))
                result = (X / scale - self.mean / scale) / (self.std / scale)
        if not np.all(np.isfinite(result)):
            raise ValueError("X is too far from the training data: (x − mean) / std exceeds the "
                             "largest 64-bit float (about 1.8e308); expected X on the scale of "
                             "the data the scaler was fitted on")
        return result

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
    X = validation.finite_matrix(X)
    if X.shape[1] != 2:
        raise ValueError(f"polynomial_features maps two features: X must have shape (m, 2); "
                         f"got shape {X.shape}")
    degree = _check_degree(degree)
    i, j = _exponents(degree)
    # (m, 1) ** (k,) broadcasts to (m, k): column k is x1^i[k] · x2^j[k].
    with np.errstate(over="ignore", invalid="ignore"):
        features = X[:, :1] ** i * X[:, 1:] ** j
    if not np.all(np.isfinite(features)):
        raise ValueError(f"polynomial_features overflowed: the values of X (up to "
                         f"{np.max(np.abs(X)):.3g} in size) raised to powers up to degree = "
                         f"{degree} exceed the largest 64-bit float (about 1.8e308); standardise "
                         "X first or use a lower degree")
    return features


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
    """Return degree as an int if it is a whole number from 1 to MAX_DEGREE, else raise."""
    return validation.whole_number(degree, "degree", minimum=1, maximum=MAX_DEGREE)


def _power_of_two_scale(X):
    """Per column, a power of two within a factor 2 of the largest |x| (1 for a zero column).

    Dividing by a power of two changes no digit, so statistics of X / scale, multiplied
    back, are exactly those of X whenever the latter do not overflow or underflow.
    """
    _, exponent = np.frexp(np.max(np.abs(X), axis=0))
    return np.ldexp(1.0, exponent - 1)
