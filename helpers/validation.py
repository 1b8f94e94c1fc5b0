"""Input checks for the course's numerical helpers, in one place (numpy only).

Every check takes the value and the name of the argument it came from, and either
returns the value in the form the math needs (a float array, a float, an int) or
raises an error whose message names the argument and says what was expected:

* ``ArgumentTypeError`` for the wrong kind of thing: a string (also a numeric string
  such as '0.5'), None, True/False where a number is meant, a complex number, a list
  where one number is meant, an arbitrary object. Nothing is silently converted.
* ``ValueError`` for a value of the right kind but wrong: NaN or infinity, a wrong
  shape, a negative learning rate, a label that is not 0 or 1, a number too large
  for a 64-bit float (a Python int such as 10**400).

``ArgumentTypeError`` is a ``TypeError``. It is also a ``ValueError``, because the
course has always promised a ValueError for bad input: code that catches ValueError
around a helper call keeps working.
"""

import decimal
import numbers

import numpy as np

# The largest count a loop of the course accepts (num_iters, epochs, ...): numpy's
# largest integer. Larger Python ints cannot index an array.
LARGEST_COUNT = np.iinfo(np.int64).max


class ArgumentTypeError(TypeError, ValueError):
    """An argument of the wrong kind (a string, None, a bool, a complex number, ...)."""


# ---------------------------------------------------------------------------
# Arrays of real numbers
# ---------------------------------------------------------------------------

def real_array(value, name, requirement="must contain numbers", allow_bool=False):
    """Return value as a float array; refuse anything that is not made of real numbers.

    ``requirement`` completes the message "<name> <requirement>; got ...".

    Accepts numbers, lists or arrays of ints and floats (and of True/False when
    ``allow_bool``: labels are yes/no answers). Refuses (ArgumentTypeError)
    strings, None, booleans, complex numbers and other objects; refuses (ValueError)
    ragged lists and integers too large for a 64-bit float. NaN and infinity pass:
    ``finite_array`` refuses them.
    """
    if value is None:
        raise ArgumentTypeError(f"{name} {requirement}; got None")
    try:
        array = np.asarray(value)
    except ValueError:
        raise ValueError(f"{name} {requirement}, in a rectangular array (every row the same "
                         f"length); got {describe(value)}") from None
    kind = array.dtype.kind
    if kind in "iu" or (kind == "b" and allow_bool):
        return array.astype(float)
    if kind == "f":
        return _as_float64(array, name)
    if kind == "O":
        return _objects_as_floats(array, name, requirement)
    raise ArgumentTypeError(f"{name} {requirement}, not {_kind_of(array)}; got "
                            f"{describe(value)}")


def finite_array(value, name):
    """Return value as a float array of finite numbers (no NaN, no infinity), or raise."""
    array = real_array(value, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values; expected finite numbers")
    return array


def matrix(value, name="X"):
    """Return value as a 2-D float array with at least one row, shape (m, n), or raise.

    Does not look for NaN or infinity (that is a full pass over the data): see
    ``require_finite_rows``.
    """
    array = real_array(value, name, "must be a 2-D array of numbers, shape (m, n)")
    if array.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (m, n); got shape {array.shape}. "
                         "For a single feature use X.reshape(-1, 1).")
    if array.shape[0] == 0:
        raise ValueError(f"{name} must have at least one row (example), m ≥ 1; got 0 rows")
    return array


def require_finite_rows(X, name="X"):
    """Raise a ValueError naming the first rows of the 2-D array X that hold NaN or infinity."""
    bad_rows = np.unique(np.nonzero(~np.isfinite(X))[0])
    if bad_rows.size:
        more = " ..." if bad_rows.size > 5 else ""
        raise ValueError(f"{name} contains NaN or infinite values (rows "
                         f"{bad_rows[:5].tolist()}{more}); expected finite numbers")


def finite_matrix(value, name="X"):
    """Return value as a 2-D float array of finite numbers with at least one row, or raise."""
    array = matrix(value, name)
    require_finite_rows(array, name)
    return array


# ---------------------------------------------------------------------------
# Single numbers
# ---------------------------------------------------------------------------

def finite_number(value, name, expected="a finite number"):
    """Return value as a float if it is one finite real number, else raise.

    ``expected`` words the requirement in the message ("a positive finite number", ...).
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]                       # a 0-d array holds one number
    if isinstance(value, (list, tuple, np.ndarray)):
        raise ArgumentTypeError(f"{name} must be a single number; got {describe(value)}")
    if isinstance(value, (bool, np.bool_)) or value is None \
            or not isinstance(value, (numbers.Real, decimal.Decimal)):
        raise ArgumentTypeError(f"{name} must be {expected}; got {describe(value)}")
    try:
        with np.errstate(over="ignore"):        # a long double beyond float64 becomes inf
            number = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be {expected}; got {describe(value)}, too large "
                         "for a 64-bit float (about ±1.8e308)") from None
    if not np.isfinite(number):
        raise ValueError(f"{name} must be {expected}; got {value!r}")
    return number


def positive_number(value, name):
    """Return value as a float if it is a finite number > 0, else raise."""
    number = finite_number(value, name, "a positive finite number")
    if number <= 0:
        raise ValueError(f"{name} must be a positive finite number; got {value!r}")
    return number


def non_negative_number(value, name):
    """Return value as a float if it is a finite number ≥ 0, else raise."""
    number = finite_number(value, name, "a finite number ≥ 0")
    if number < 0:
        raise ValueError(f"{name} must be a finite number ≥ 0; got {value!r}")
    return number


def open_unit_number(value, name):
    """Return value as a float if it lies strictly between 0 and 1, else raise."""
    number = finite_number(value, name, "a number strictly between 0 and 1")
    if not 0 < number < 1:
        raise ValueError(f"{name} must lie strictly between 0 and 1; got {value!r}")
    return number


def whole_number(value, name, minimum=1, maximum=LARGEST_COUNT):
    """Return value as an int if it is a whole number in [minimum, maximum], else raise.

    Only ints and numpy integers count: a float, even 1e4 or 3.0, is refused, as it
    is by ``range``; write 10_000 or int(1e4). The same check serves every count of
    the course (num_iters, epochs, degree, number of classes, ...).
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        integral = (isinstance(value, (float, np.floating)) and float(value).is_integer()
                    and abs(value) < 1e15)
        hint = f"; write {int(value)} rather than {value!r}" if integral else ""
        raise ArgumentTypeError(f"{name} must be a whole number (an int) of at least {minimum}; "
                                f"got {describe(value)}{hint}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}; got {value!r}")
    if value > maximum:
        raise ValueError(f"{name} must be a whole number of at most {maximum}; "
                         f"got {_short_int(value)}")
    return int(value)


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

def binary_labels(value, name="y"):
    """Return value as a 1-D float array of the labels 0 and 1, or raise.

    True and False are accepted here: a label is a yes/no answer.
    """
    labels = real_array(value, name, "must contain only the labels 0 and 1", allow_bool=True)
    if labels.ndim != 1:
        raise ValueError(f"{name} must be 1-D with one label per example; got shape "
                         f"{labels.shape}. A column vector can be flattened with y.ravel().")
    bad = labels[(labels != 0) & (labels != 1)]
    if bad.size:
        raise ValueError(f"{name} must contain only the labels 0 and 1; got {np.unique(bad)[:5]}")
    return labels


def class_labels(value, num_classes=None, name="y"):
    """Return value as a 1-D int array of labels 0..K−1 (any K when num_classes is None)."""
    labels = real_array(value, name, "must contain only integer class labels 0, 1, ..., K−1",
                        allow_bool=True)
    if labels.ndim != 1:
        raise ValueError(f"{name} must be 1-D with one label per example; got shape "
                         f"{labels.shape}. A column vector can be flattened with y.ravel().")
    valid = np.isfinite(labels) & (labels == np.round(labels)) & (labels >= 0)
    valid &= labels < (num_classes if num_classes is not None else LARGEST_COUNT)
    if not np.all(valid):
        expected = (f"0..{num_classes - 1} (K = {num_classes} classes)"
                    if num_classes is not None else "0, 1, ..., K−1")
        raise ValueError(f"{name} must contain only the integer labels {expected}; "
                         f"got {np.unique(labels[~valid])[:5]}")
    return labels.astype(int)


def same_length(m, labels, name="y", rows_name="X"):
    """Raise unless there is one label per row: len(labels) == m."""
    if labels.shape[0] != m:
        raise ValueError(f"{rows_name} has {m} rows but {name} has {labels.shape[0]} labels; "
                         f"expected one label per row of {rows_name}")


# ---------------------------------------------------------------------------
# Functions passed as arguments
# ---------------------------------------------------------------------------

def function(value, name, what):
    """Return value if it can be called; else raise, saying what it should be (``what``)."""
    if not callable(value):
        raise ArgumentTypeError(f"{name} must be {what}; got {describe(value)}")
    return value


# ---------------------------------------------------------------------------
# Describing a value in a message
# ---------------------------------------------------------------------------

def describe(value):
    """A short description of value for an error message: its repr (cut) and its type."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        return _short_int(value)
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (a {type(value).__name__})"


def _short_int(value):
    """A Python int too long to print in full: its sign and number of digits."""
    digits = len(str(abs(int(value))))
    if digits <= 20:
        return str(int(value))
    return f"{'-' if value < 0 else ''}an integer with {digits} digits"


def _kind_of(array):
    """What is wrong with an array's element type, in words."""
    return {"U": "strings", "S": "bytes", "b": "True/False values", "c": "complex numbers",
            "M": "dates", "m": "time differences"}.get(array.dtype.kind, f"dtype {array.dtype}")


def _as_float64(array, name):
    """A float array as float64; a longer float whose value does not fit raises ValueError."""
    if array.dtype.itemsize <= 8:
        return array.astype(float, copy=False)     # no copy of an array that is float64
    with np.errstate(over="ignore"):
        converted = array.astype(float)
    if np.any(np.isinf(converted) & np.isfinite(array)):
        raise ValueError(f"{name} contains values too large for a 64-bit float "
                         "(about ±1.8e308); expected numbers of a sensible size")
    return converted


def _objects_as_floats(array, name, requirement):
    """An object array (mixed Python values) as floats, refusing anything not a real number."""
    floats = np.empty(array.shape)
    for index, item in np.ndenumerate(array):
        if isinstance(item, (bool, np.bool_)) or item is None \
                or not isinstance(item, (numbers.Real, decimal.Decimal)):
            raise ArgumentTypeError(f"{name} {requirement}; it contains {describe(item)}")
        try:
            floats[index] = float(item)
        except OverflowError:
            raise ValueError(f"{name} contains a number too large for a 64-bit float "
                             f"(about ±1.8e308): {describe(item)}") from None
    return floats


# ---------------------------------------------------------------------------
# The arguments of a linear model: X (m, n), w (n,), b, and labels y (m,)
# ---------------------------------------------------------------------------

def linear_model(X, w, b):
    """Return (X, w, b) as a 2-D float array, a finite (n,) float array and a float, or raise.

    X is not scanned for NaN or infinity here (a full pass over the data): callers
    check z = X·w + b instead, which is non-finite exactly when a used entry of X is.
    """
    X = matrix(X, "X")
    n = X.shape[1]
    w = finite_array(w, "w")
    if w.shape != (n,):
        raise ValueError(f"w must have shape ({n},) to match the {n} columns of X; "
                         f"got shape {w.shape}")
    return X, w, finite_number(b, "b")


def labelled_data(X, y, w, b):
    """Return (X, y, w, b) checked as in ``linear_model``, with y the (m,) labels 0 and 1."""
    X, w, b = linear_model(X, w, b)
    y = binary_labels(y, "y")
    same_length(X.shape[0], y)
    return X, y, w, b
