"""Exercise checkers: run a learner's function on prepared cases and say what is wrong.

A checker prints exactly one verdict and never raises into the notebook:

* **not attempted yet** - the function still returns None or raises NotImplementedError;
* **a diagnosis** - the answer matches a known mistake (a wrong sign, a missing 1/m, ...),
  and the message says which and how to fix it;
* **wrong / crashed** - no known mistake fits; the message shows the first failing case;
* **all checks passed**.

Each ``check_*`` function prints; the matching ``diagnose_*`` returns a ``Verdict``
so tests can look at the status without reading printed text.
"""

import warnings
from dataclasses import dataclass

import numpy as np

NOT_ATTEMPTED = "not attempted"
MISTAKE = "mistake"
WRONG = "wrong"
PASSED = "passed"


@dataclass
class Verdict:
    """The outcome of a check: a status (one of the constants above) and a message."""

    status: str
    message: str

    def __str__(self):
        return self.message


def not_attempted(name):
    """The verdict for a stub that has not been filled in yet."""
    return Verdict(NOT_ATTEMPTED, f"○ {name}: not attempted yet. Replace the `return None` "
                                  "(or the NotImplementedError) with your code, then run this again.")


def passed(name, detail=""):
    """The verdict for a function that passed every case."""
    return Verdict(PASSED, f"✓ {name}: all checks passed.{' ' + detail if detail else ''}")


def mistake(name, diagnosis):
    """The verdict for a known mistake, with what to change."""
    return Verdict(MISTAKE, f"✗ {name}: {diagnosis}")


def wrong(name, detail):
    """The verdict for an answer that is wrong in no way we recognise."""
    return Verdict(WRONG, f"✗ {name}: {detail}")


@dataclass
class Call:
    """What happened when the learner's function was called once."""

    value: object = None
    error: BaseException = None
    warnings: tuple = ()

    @property
    def not_attempted(self):
        return (self.error is None and self.value is None) or isinstance(
            self.error, NotImplementedError)


def call(function, *args):
    """Call function(*args) and record its value, exception and warnings; never raise.

    Numpy floating-point problems (overflow, divide by zero, invalid) are
    turned into recorded warnings whatever the notebook's np.seterr says, and
    nothing reaches the notebook's stderr.
    """
    args = [np.copy(a) if isinstance(a, np.ndarray) else a for a in args]
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            value = function(*args)
            error = None
        except Exception as exc:  # the learner's code may raise anything
            value, error = None, exc
    return Call(value, error, tuple(str(w.message) for w in caught))


def as_array(value):
    """Return value as a float array, or None if it cannot be one."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def matches(value, expected, rtol=1e-6, atol=1e-9):
    """True when value has expected's shape and agrees with it to the tolerances."""
    array = as_array(value)
    expected = np.asarray(expected, dtype=float)
    return (array is not None and array.shape == expected.shape
            and bool(np.allclose(array, expected, rtol=rtol, atol=atol)))


def report(diagnose):
    """Turn a ``diagnose_*`` function into a ``check_*`` function that prints the verdict."""
    def check(function):
        try:
            verdict = diagnose(function)
        except Exception as exc:  # a checker must never raise into the notebook
            verdict = wrong("checker", f"the check itself failed ({type(exc).__name__}: {exc}); "
                                       "please report this.")
        print(verdict.message)
    check.__name__ = diagnose.__name__.replace("diagnose_", "check_")
    check.__doc__ = f"Print the verdict of ``{diagnose.__name__}`` on a learner's function."
    return check


# ---------------------------------------------------------------------------
# 01-03: the sigmoid, the cost, the gradient
# ---------------------------------------------------------------------------

def _first_difference(value, expected, inputs):
    """Describe the first input where value and expected disagree (for WRONG messages)."""
    array, expected = as_array(value), np.asarray(expected, dtype=float)
    if array is None:
        return f"it returned {type(value).__name__}, expected numbers"
    if array.shape != expected.shape:
        return f"it returned shape {array.shape}, expected shape {expected.shape}"
    bad = np.flatnonzero(~np.isclose(array, expected, rtol=1e-6, atol=1e-9, equal_nan=False))
    i = bad[0] if bad.size else 0
    return (f"at z = {np.ravel(inputs)[i]:g} it returned {array.ravel()[i]!r}, "
            f"expected {expected.ravel()[i]!r}")


def _overflowed(result):
    """True when a Call overflowed: numpy's overflow warning or math's OverflowError."""
    return (isinstance(result.error, OverflowError)
            or any("overflow" in message.lower() for message in result.warnings))


def diagnose_sigmoid(function):
    """Check a learner's sigmoid(z) on ordinary values, then on |z| up to 1000."""
    from helpers import logistic

    name = "my_sigmoid"
    ordinary = np.array([-6.0, -2.0, -0.5, 0.0, 0.5, 1.0, 4.0])
    first = call(function, ordinary)
    if first.not_attempted:
        return not_attempted(name)
    if isinstance(first.error, TypeError):
        # math.exp works on one number only: try numbers one at a time.
        scalars = [call(function, float(z)) for z in ordinary]
        if all(s.error is None and matches(s.value, logistic.sigmoid(z))
               for s, z in zip(scalars, ordinary)):
            big = call(function, -1000.0)
            if _overflowed(big):
                return mistake(name, "math.exp(1000) raises OverflowError, so σ(−1000) crashes "
                                     "(e^(−z) is huge for large negative z). Use np.exp, which "
                                     "also works on arrays, and the stable form: e^(−|z|) only.")
            return mistake(name, "it works on single numbers but not on a numpy array "
                                 f"({type(first.error).__name__}: {first.error}). Use np.exp "
                                 "instead of math.exp so σ applies elementwise.")
    if first.error is not None:
        return wrong(name, f"calling it on an array raised {type(first.error).__name__}: "
                           f"{first.error}")
    expected = logistic.sigmoid(ordinary)
    if not matches(first.value, expected):
        if matches(first.value, 1 - expected):
            return mistake(name, "it returns 1 − σ(z) = σ(−z): the sign in the exponent is "
                                 "flipped. σ(z) = 1 / (1 + e^(−z)), with a minus: "
                                 "σ(0) = 0.5 and σ(4) should be close to 1.")
        return wrong(name, _first_difference(first.value, expected, ordinary))
    extreme = np.array([-1000.0, -745.0, -710.0, -30.0, 0.0, 30.0, 710.0, 1000.0])
    second = call(function, extreme)
    if _overflowed(second):
        return mistake(name, "right for ordinary z, but it overflows for large |z| (numpy "
                             "warns 'overflow encountered in exp'): 1/(1 + e^(−z)) needs "
                             "e^1000 at z = −1000. Compute with e^(−|z|) only: "
                             "1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0.")
    if second.error is not None:
        return wrong(name, f"for z = ±1000 it raised {type(second.error).__name__}: "
                           f"{second.error}")
    expected = logistic.sigmoid(extreme)
    if not matches(second.value, expected, rtol=1e-6, atol=1e-12):
        return wrong(name, _first_difference(second.value, expected, extreme))
    # e^(−1000) rounding to 0 (underflow) is harmless; numpy is silent about it by default.
    loud = [message for message in second.warnings if "underflow" not in message]
    if loud:
        return wrong(name, f"the values are right but it warns for |z| up to 1000: {loud[0]}")
    return passed(name, "It is right and stays quiet for |z| up to 1000.")


check_sigmoid = report(diagnose_sigmoid)


def _cost_case():
    """A small seeded problem for the cost and gradient checks: X (7, 2), y, w, b."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 2))
    y = np.array([0, 1, 1, 0, 1, 0, 1])
    return X, y, np.array([0.8, -1.3]), 0.4


def diagnose_cost(function):
    """Check a learner's compute_cost(X, y, w, b) against the mean cross-entropy."""
    from helpers import logistic

    name = "compute_cost"
    X, y, w, b = _cost_case()
    m = X.shape[0]
    result = call(function, X, y, w, b)
    if result.not_attempted:
        return not_attempted(name)
    if result.error is not None:
        return wrong(name, f"it raised {type(result.error).__name__}: {result.error}")
    value = as_array(result.value)
    if value is None:
        return wrong(name, f"it returned {type(result.value).__name__}; expected one number")
    J = logistic.cost(X, y, w, b)
    f = logistic.sigmoid(X @ w + b)
    log_f, log_1f = np.log(f), np.log(1 - f)
    if value.shape == (m, m):
        return mistake(name, f"it returned an ({m}, {m}) array: an (m, 1) column met the "
                             f"(m,) labels and numpy broadcast them into a square. Keep z, f "
                             "and y all of shape (m,) (use X @ w with w of shape (n,)).")
    if value.size == m:
        return mistake(name, f"it returned {m} numbers, one loss per example. J is their "
                             "mean: wrap the losses in np.mean(...).")
    if value.size != 1:
        return wrong(name, f"it returned shape {value.shape}; expected one number")
    value = float(value.ravel()[0])
    broadcast = -(y.mean() * log_f.mean() + (1 - y.mean()) * log_1f.mean())
    known = [
        (J, None),
        (-J, "it returns −J: the minus sign is missing. The log of a probability is ≤ 0, "
             "so J = −mean(y·log f + (1 − y)·log(1 − f)) needs the minus to be a cost ≥ 0 "
             "that falls as the fit improves."),
        (m * J, f"it returns {m}·J: the sum of the losses instead of their mean. Divide by "
                "m (or use np.mean) so J does not grow with the number of examples."),
        (-m * J, "it returns −m·J: the minus sign is missing and it sums instead of taking "
                 "the mean. Use −np.mean(...)."),
        (J / np.log(2), "it returns J / ln 2: log base 2 (np.log2). The course uses the "
                        "natural log np.log; base 2 only rescales J by 1/ln 2 ≈ 1.44, but "
                        "then your numbers will not match."),
        (J / np.log(10), "it returns J / ln 10: log base 10 (np.log10). Use the natural log "
                         "np.log."),
        (m * J / np.log(2), "it sums the losses and uses log base 2. Use the mean and np.log."),
        (broadcast, "the (m, 1)-versus-(m,) broadcasting slip: f (or y) is a column of "
                    "shape (m, 1) and the other is flat (m,), so y·log f became an (m, m) "
                    "table whose mean is not J. Keep z, f and y all of shape (m,)."),
        (m * broadcast, "the (m, 1)-versus-(m,) broadcasting slip, then a sum / m: y·log f "
                        "became an (m, m) table. Keep z, f and y all of shape (m,)."),
    ]
    for candidate, message in known:
        if np.isclose(value, candidate, rtol=1e-6, atol=1e-12):
            if message is None:
                return passed(name, f"J = {J:.6f} on the test case.")
            return mistake(name, message)
    return wrong(name, f"on the test case it returned {value!r}, expected J = {J!r}")


check_cost = report(diagnose_cost)


def _gradient_cases():
    """(non-square, square) seeded problems: X (7, 2) and X (3, 3), with y, w, b."""
    rng = np.random.default_rng(5)
    square = (rng.normal(size=(3, 3)), np.array([0, 1, 1]), np.array([0.5, -0.7, 0.9]), -0.2)
    return _cost_case(), square


def _is_shape_error(error):
    """True for numpy's complaint that a matrix product's shapes do not line up."""
    text = str(error)
    return isinstance(error, ValueError) and ("mismatch in its core dimension" in text
                                              or "not aligned" in text)


def _as_pair(value):
    """Return (dj_dw, dj_db) as arrays, or None when value is not a pair of numbers."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None
    dw, db = as_array(value[0]), as_array(value[1])
    if dw is None or db is None or db.size != 1:
        return None
    return dw, float(db.ravel()[0])


def diagnose_gradient(function):
    """Check a learner's compute_gradient(X, y, w, b) -> (dj_dw, dj_db)."""
    from helpers import gradcheck, logistic

    name = "compute_gradient"
    TRANSPOSED = ("the product is transposed: X @ (f − y) instead of X.T @ (f − y). X is "
                  "(m, n) and f − y is (m,), so only Xᵀ(f − y) gives one number per weight, "
                  "∂J/∂w_j = (1/m) Σ_i (f_i − y_i) x_ij.")
    (X, y, w, b), (Xs, ys, ws, bs) = _gradient_cases()
    m = X.shape[0]
    result = call(function, X, y, w, b)
    if result.not_attempted:
        return not_attempted(name)
    # On a square X the transposed product X @ (f − y) gives numbers instead of an error.
    square = call(function, Xs, ys, ws, bs)
    square_pair = _as_pair(square.value) if square.error is None else None
    if square_pair is not None:
        f = logistic.sigmoid(Xs @ ws + bs)
        if matches(square_pair[0], Xs @ (f - ys) / Xs.shape[0]):
            return mistake(name, TRANSPOSED)
    if result.error is not None:
        if _is_shape_error(result.error):
            return mistake(name, f"{TRANSPOSED} (With X of shape {X.shape} numpy refused: "
                                 f"{result.error}.)")
        return wrong(name, f"it raised {type(result.error).__name__}: {result.error}")
    pair = _as_pair(result.value)
    if pair is None:
        return wrong(name, "it should return a pair (dj_dw, dj_db): an array of shape (n,) "
                           "and one number, e.g. `return dj_dw, dj_db`.")
    dw, db = pair
    dw_ref, db_ref = logistic.gradient(X, y, w, b)
    if dw.shape in {(dw_ref.size, 1), (1, dw_ref.size)} and matches(dw.ravel(), dw_ref):
        return mistake(name, f"the numbers are right but dj_dw has shape {dw.shape}; return "
                             f"a flat array of shape ({dw_ref.size},), like w (e.g. "
                             "dj_dw.ravel(), or keep f − y flat).")
    known = [
        (-1, "the sign is flipped: that is −∂J/∂w, computed with (y − f). The error is "
             "f − y (prediction minus label); gradient descent then subtracts it."),
        (m, f"the numbers are {m} times too large: the 1/m is missing. The cost is a mean, "
            "so its gradient is one too: divide the sums by m."),
        (-m, "the sign is flipped (y − f instead of f − y) and the 1/m is missing."),
    ]
    for factor, message in known:
        if matches(dw, factor * dw_ref) and np.isclose(db, factor * db_ref, rtol=1e-6,
                                                         atol=1e-9):
            return mistake(name, message)
    if not matches(dw, dw_ref):
        return wrong(name, f"dj_dw = {np.round(dw, 6).tolist()}, expected "
                           f"{np.round(dw_ref, 6).tolist()}")
    if not np.isclose(db, db_ref, rtol=1e-6, atol=1e-9):
        return wrong(name, f"dj_dw is right but dj_db = {db!r}, expected {db_ref!r}; "
                           "∂J/∂b is the mean of f − y.")
    if square_pair is None or not matches(square_pair[0], logistic.gradient(Xs, ys, ws, bs)[0]):
        return wrong(name, "it is right for X of shape (7, 2) but not for a square X of shape "
                           f"(3, 3): {square.error or square.value!r}")
    # Finally compare with the slope of the cost itself, found by nudging each weight.
    numeric_w = gradcheck.partials(lambda v: logistic.cost(X, y, v, b), w)
    numeric_b = float(gradcheck.partials(lambda v: logistic.cost(X, y, w, v[0]), [b])[0])
    gap = max(np.max(np.abs(dw - numeric_w)), abs(db - numeric_b))
    if gap > 1e-6:
        return wrong(name, f"it differs from a finite-difference estimate by {gap:.2g}")
    return passed(name, "It also agrees with a finite-difference check of the cost to 1e-6.")


check_gradient = report(diagnose_gradient)


# ---------------------------------------------------------------------------
# 12 softmax: a stable softmax
# ---------------------------------------------------------------------------

_SOFTMAX_SMALL = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 0.5, 2.0], [3.0, -2.0, 0.0]])
_SOFTMAX_HUGE = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0]])


def _reference_softmax(Z):
    exps = np.exp(Z - Z.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def diagnose_softmax(function):
    """Check softmax(Z) for an (m, K) matrix: rows of probabilities, no overflow."""
    name = "softmax"
    Z = _SOFTMAX_SMALL
    result = call(function, Z)
    if result.not_attempted:
        return not_attempted(name)
    if result.error is not None:
        if "broadcast" in str(result.error):
            return mistake(name, "the shapes did not line up (\"could not be broadcast\"). "
                                 "Z.max(axis=1) and .sum(axis=1) return one number per row with "
                                 "shape (m,); keep them as a column with keepdims=True so they "
                                 "line up with the rows of Z.")
        return wrong(name, f"calling softmax on a (4, 3) matrix raised "
                           f"{type(result.error).__name__}: {result.error}")
    value = as_array(result.value)
    if value is None or value.shape != Z.shape:
        shape = None if value is None else value.shape
        return wrong(name, f"expected an array with the same shape as Z, (4, 3); got {shape}")
    exps = np.exp(Z)
    if not matches(value, _reference_softmax(Z)):
        if matches(value, exps / exps.sum(axis=0, keepdims=True)):
            return mistake(name, "each column sums to 1 instead of each row. The K scores of one "
                                 "example are a row of Z: use axis=1 (or axis=-1) for the max "
                                 "and the sum.")
        if matches(value, exps / exps.sum()):
            return mistake(name, "the whole array sums to 1. Each example needs its own "
                                 "normalisation: divide by the sum of its row, "
                                 "sum(axis=1, keepdims=True).")
        unnormalised = [exps, np.exp(Z - Z.max(axis=1, keepdims=True)), np.exp(Z - Z.max())]
        if any(matches(value, candidate) for candidate in unnormalised):
            return mistake(name, "the rows do not sum to 1: after taking the exponentials, "
                                 "divide each row by its sum.")
        return wrong(name, f"for Z = {Z[0].tolist()} expected "
                           f"{np.round(_reference_softmax(Z)[0], 4).tolist()}, "
                           f"got {np.round(value[0], 4).tolist()}")
    huge = call(function, _SOFTMAX_HUGE)
    expected = _reference_softmax(_SOFTMAX_HUGE)
    value = None if huge.error is not None else as_array(huge.value)
    if value is None or value.shape != expected.shape or not np.all(np.isfinite(value)) \
            or huge.warnings:
        if value is not None and value.shape == expected.shape and np.all(
                np.isfinite(value[0])) and not np.all(np.isfinite(value[1])):
            return mistake(name, "with scores near −1000 the result is NaN: you subtracted one "
                                 "maximum for the whole array, so e^(z − max) underflows to 0 "
                                 "in rows far below it and 0/0 appears. Subtract each row's own "
                                 "maximum: Z.max(axis=1, keepdims=True).")
        return mistake(name, "with scores around 1000, e^z overflows to inf and inf/inf gives "
                             "NaN. Subtract each row's maximum before taking e^(·): it does not "
                             "change the result, and every exponent becomes ≤ 0.")
    if not matches(value, expected):
        return wrong(name, f"for Z = {_SOFTMAX_HUGE[0].tolist()} expected "
                           f"{np.round(expected[0], 4).tolist()}, "
                           f"got {np.round(value[0], 4).tolist()}")
    return passed(name, "Rows sum to 1, and scores of ±1000 cause no overflow.")


check_softmax = report(diagnose_softmax)


# ---------------------------------------------------------------------------
# 13 breast cancer: precision and recall from the confusion counts
# ---------------------------------------------------------------------------

# Confusion counts [[TN, FP], [FN, TP]] (rows: truth, columns: prediction) in which no two
# of the ratios the known mistakes compute coincide.
_CONFUSION_CASES = (np.array([[50, 7], [3, 40]]), np.array([[12, 9], [4, 25]]))


def _ratios(counts):
    """The ratios the checker compares against, for one case of confusion counts."""
    (tn, fp), (fn, tp) = counts
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn),
            "benign precision": tn / (tn + fn), "benign recall": tn / (tn + fp),
            "accuracy": (tp + tn) / counts.sum(), "share of all": tp / counts.sum(),
            "false discovery": fp / (tp + fp), "miss rate": fn / (tp + fn)}


def diagnose_precision_recall(function):
    """Check ``precision_recall(counts) -> (precision, recall)`` for counts [[TN, FP], [FN, TP]]."""
    name = "precision_recall"
    answers = []
    for counts in _CONFUSION_CASES:
        result = call(function, counts)
        if result.not_attempted:
            return not_attempted(name)
        if result.error is not None:
            return wrong(name, f"it raised {type(result.error).__name__}: {result.error}")
        pair = as_array(result.value)
        if pair is None or pair.shape != (2,):
            return wrong(name, f"return the pair (precision, recall), two numbers; "
                               f"got {result.value!r}")
        answers.append(pair)
    ratios = [_ratios(counts) for counts in _CONFUSION_CASES]

    def gave(first, second, factor=1.0):
        """True when every answer is (factor·first, factor·second) of its case."""
        return all(matches(pair, [factor * r[first], factor * r[second]])
                   for pair, r in zip(answers, ratios))

    def either(ratio):
        """True when, in every case, one of the two numbers is that ratio."""
        return all(matches(pair[0], r[ratio]) or matches(pair[1], r[ratio])
                   for pair, r in zip(answers, ratios))

    if gave("precision", "recall"):
        return passed(name, "TP / (TP + FP) and TP / (TP + FN).")
    if gave("recall", "precision"):
        return mistake(name, "precision and recall are swapped: either the pair is in the wrong "
                             "order, or the rows were read as predictions. Rows are the truth, "
                             "columns the prediction: precision divides TP by everything "
                             "predicted malignant (column 1, TP + FP), recall by everything "
                             "truly malignant (row 1, TP + FN).")
    if gave("benign precision", "benign recall") or gave("benign recall", "benign precision"):
        return mistake(name, "these are the ratios for the benign class: counts[0, 0] holds the "
                             "true negatives. The positive class is malignant (y = 1), so TP is "
                             "counts[1, 1].")
    if gave("precision", "recall", factor=100.0):
        return mistake(name, "you returned percentages; return fractions between 0 and 1.")
    if all(matches(pair, [0.0, 0.0]) for pair in answers):
        return mistake(name, "both came out 0: integer division (//) rounds every fraction below "
                             "1 down to 0. Use / instead.")
    if gave("false discovery", "miss rate"):
        return mistake(name, "you computed the shares of errors, FP / (TP + FP) and "
                             "FN / (TP + FN), which are 1 − precision and 1 − recall. Put the "
                             "true positives on top.")
    if either("accuracy"):
        return mistake(name, "that is the accuracy, (TP + TN) / total. Precision and recall "
                             "leave out the true negatives: both look only at the malignant "
                             "class, as predicted (precision) or as it truly is (recall).")
    if either("share of all"):
        return mistake(name, "you divided TP by all the examples. Precision divides by the "
                             "examples predicted malignant (TP + FP), recall by the examples "
                             "that are malignant (TP + FN).")
    counts = _CONFUSION_CASES[0]
    expected = [round(float(ratios[0][key]), 4) for key in ("precision", "recall")]
    return wrong(name, f"for counts {counts.tolist()} the answer should be (precision, recall) "
                       f"= {tuple(expected)}; got {tuple(np.round(answers[0], 4).tolist())}.")


check_precision_recall = report(diagnose_precision_recall)


# ---------------------------------------------------------------------------
# 07 overlap and stopping: the stopping rule
# ---------------------------------------------------------------------------

def _stopping_iteration_reference(costs, tol):
    """The first k ≥ 1 with |costs[k−1] − costs[k]| < tol, else len(costs) − 1."""
    for k in range(1, len(costs)):
        if abs(costs[k - 1] - costs[k]) < tol:
            return k
    return len(costs) - 1


def _stopping_cases():
    """(costs, tol) pairs; the last one is a real run of helpers.logistic.gradient_descent."""
    from helpers import logistic

    falling = np.array([1.0, 0.6, 0.4, 0.3, 0.25, 0.249, 0.2485])
    never_small = np.array([1.0, 0.5, 0.2])
    rising = np.array([1.0, 1.5, 1.500001, 1.5000015])
    X = np.array([[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
    y = np.array([0, 0, 0, 1, 1, 1])
    _, _, run = logistic.gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 400)
    return {"falling": (falling, 0.01), "never_small": (never_small, 0.01),
            "rising": (rising, 0.01), "run": (run.cost, 1e-3)}


def diagnose_stopping_iteration(function):
    """Check stopping_iteration(costs, tol) -> the number of updates after which the rule stops."""
    name = "stopping_iteration"
    cases = _stopping_cases()
    results = {key: call(function, costs, tol) for key, (costs, tol) in cases.items()}
    if all(result.not_attempted for result in results.values()):
        return not_attempted(name)
    for key, result in results.items():
        if result.error is not None:
            return wrong(name, f"it raised {type(result.error).__name__}: {result.error} "
                               f"(costs of length {len(cases[key][0])}, tol={cases[key][1]}).")
    got = {key: result.value for key, result in results.items()}
    want = {key: _stopping_iteration_reference(*case) for key, case in cases.items()}
    falling = got["falling"]
    if matches(falling, 1) and want["falling"] != 1:
        return mistake(name, "it stops after the very first update, where the cost fell by 0.4. "
                             "The change costs[k] − costs[k−1] is negative whenever the cost "
                             "falls, so it is always below tol: compare its size, "
                             "abs(costs[k−1] − costs[k]) < tol (and check the comparison is <).")
    if matches(falling, want["falling"] - 1) or matches(falling, want["falling"] + 1):
        return mistake(name, f"off by one: it returned {falling} where the answer is "
                             f"{want['falling']}. costs[k] is the cost after k updates, so when "
                             "the change from costs[k−1] to costs[k] is the first one below tol, "
                             "the run stops after k updates: return k.")
    never = got["never_small"]
    if never is None or any(matches(never, v) for v in (-1, 0, len(cases["never_small"][0]))):
        return mistake(name, f"when no change is below tol (costs {cases['never_small'][0]}, "
                             f"tol=0.01) the run does every update, so the answer is "
                             f"len(costs) − 1 = {want['never_small']}; it returned "
                             f"{got['never_small']!r}.")
    if matches(got["rising"], 1):
        return mistake(name, "a cost that rises from 1.0 to 1.5 made it stop: a big rise is not "
                             "a small change. Use the size of the change, "
                             "abs(costs[k−1] − costs[k]).")
    for key in cases:
        if not matches(got[key], want[key]):
            return wrong(name, f"for the case '{key}' it returned {got[key]!r}; expected "
                               f"{want[key]}.")
    return passed(name, f"On a real run it stops after {want['run']} updates, as "
                        "gradient_descent(..., tol=1e-3) does.")


check_stopping_iteration = report(diagnose_stopping_iteration)


# ---------------------------------------------------------------------------
# 08 vs scikit-learn: C from λ
# ---------------------------------------------------------------------------

_C_CASES = ((2.0, 100), (0.1, 50), (4.0, 1000), (0.5, 7))


def diagnose_sklearn_C(function):
    """Check sklearn_C(lambda_, m) -> the C that makes sklearn fit our penalised cost (1/λ)."""
    name = "sklearn_C"
    results = [call(function, lam, m) for lam, m in _C_CASES]
    if all(result.not_attempted for result in results):
        return not_attempted(name)
    for (lam, m), result in zip(_C_CASES, results):
        if result.error is not None:
            return wrong(name, f"sklearn_C({lam}, {m}) raised {type(result.error).__name__}: "
                               f"{result.error}.")
        if as_array(result.value) is None or as_array(result.value).shape != ():
            return wrong(name, f"sklearn_C({lam}, {m}) returned {result.value!r}; expected a "
                               "single number.")
    values = [float(result.value) for result in results]
    lams = [lam for lam, _ in _C_CASES]
    if all(np.isclose(v, lam) for v, lam in zip(values, lams)):
        return mistake(name, "it returns λ itself. C is the weight on the data term, the "
                             "inverse of the penalty's strength: a large λ (strong penalty) "
                             "means a small C.")
    same_lambda = call(function, 2.0, 10)
    if same_lambda.error is None and as_array(same_lambda.value) is not None \
            and not np.isclose(float(same_lambda.value), values[0]):
        return mistake(name, "its answer changes with m. Our cost divides both the data term "
                             "and the penalty by m: (1/m)Σloss + (λ/2m)‖w‖². Multiply it by "
                             "m/λ and you get (1/λ)Σloss + ½‖w‖², sklearn's form, so m cancels.")
    if all(np.isclose(v, 2 / lam) or np.isclose(v, 1 / (2 * lam)) for v, lam in zip(values, lams)):
        return mistake(name, "a factor of 2 too many: both our penalty (λ/2m)‖w‖² and sklearn's "
                             "½‖w‖² carry the ½, so it cancels and C = 1/λ.")
    for (lam, m), value in zip(_C_CASES, values):
        if not np.isclose(value, 1 / lam):
            return wrong(name, f"sklearn_C({lam}, {m}) returned {value:g}; expected {1 / lam:g}.")
    return passed(name, "C = 1/λ, whatever m is.")


check_sklearn_C = report(diagnose_sklearn_C)



# ---------------------------------------------------------------------------
# 09 feature scaling, 10 regularisation, 11 non-linear boundaries
# ---------------------------------------------------------------------------

def _standardise_cases():
    """Training and test sets with columns on very different scales (and no zero std)."""
    rng = np.random.default_rng(90)
    train = np.column_stack([rng.uniform(50, 250, 12), rng.uniform(0, 1, 12)])
    test = np.column_stack([rng.uniform(60, 300, 5), rng.uniform(0.2, 1, 5)])
    return train, test


def diagnose_standardise(function):
    """Check ``standardise(X_train, X_test) -> (train_s, test_s)``: both scaled with the
    training set's column means and standard deviations (ddof=0, as ``Standardizer``)."""
    name = "standardise"
    train, test = _standardise_cases()
    result = call(function, train, test)
    if result.not_attempted:
        return not_attempted(name)
    if result.error is not None:
        return wrong(name, f"it raised {type(result.error).__name__}: {result.error}")
    value = result.value
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        return wrong(name, "return two arrays, (X_train scaled, X_test scaled), as a tuple.")
    got_train, got_test = (as_array(part) for part in value)
    if got_train is None or got_test is None or got_train.shape != train.shape \
            or got_test.shape != test.shape:
        return wrong(name, f"expected arrays of shapes {train.shape} and {test.shape}, the "
                           "shapes of X_train and X_test.")

    def scaled(mean, spread):
        return (train - mean) / spread, (test - mean) / spread

    def agrees(pair):
        return matches(got_train, pair[0]) and matches(got_test, pair[1])

    mean, std = train.mean(axis=0), train.std(axis=0)
    if agrees(scaled(mean, std)):
        return passed(name, "Both sets use the training set's mean and standard deviation.")
    both = np.vstack([train, test])
    if agrees(scaled(both.mean(axis=0), both.std(axis=0))):
        return mistake(name, "the statistics came from training and test data together. The "
                             "test set stands for data the model has never seen: learn the mean "
                             "and standard deviation from X_train alone, use them for both.")
    if matches(got_test, (test - test.mean(axis=0)) / test.std(axis=0)):
        return mistake(name, "the test set was scaled with its own mean and standard deviation. "
                             "Use the training set's statistics for both: the test set stands "
                             "for new data, which you have not seen when you fit the scaler, "
                             "and a value must mean the same thing in both sets.")
    if matches(got_train, (train - train.mean()) / train.std()):
        return mistake(name, "you took one mean and one standard deviation over the whole "
                             "array. Each column needs its own: use axis=0.")
    if matches(got_train, (train - train.mean(axis=1, keepdims=True))
               / train.std(axis=1, keepdims=True)):
        return mistake(name, "you averaged along each row (axis=1). Features are columns: "
                             "use axis=0.")
    if matches(got_train, train / std):
        return mistake(name, "you divided by the standard deviation but did not subtract the "
                             "mean first: the columns are not centred at 0.")
    if matches(got_train, train - mean):
        return mistake(name, "the columns were centred but not divided by their standard "
                             "deviation, so they keep their very different spreads.")
    if matches(got_train, (train - mean) / std ** 2):
        return mistake(name, "you divided by the variance; divide by the standard deviation "
                             "(its square root).")
    if matches(got_train, (train - mean) / train.std(axis=0, ddof=1)):
        return mistake(name, "you used the sample standard deviation (ddof=1). The course uses "
                             "numpy's default np.std (ddof=0), as Standardizer does.")
    return wrong(name, f"the first training row should become "
                       f"{np.round(scaled(mean, std)[0][0], 3).tolist()}; "
                       f"got {np.round(got_train[0], 3).tolist()}.")


check_standardise = report(diagnose_standardise)


def _regularised_gradient_cases():
    """Small random problems, with λ > 0 and b ≠ 0."""
    rng = np.random.default_rng(100)
    cases = []
    for m, n, lam in ((6, 2, 1.0), (9, 3, 0.3), (5, 1, 4.0)):
        X = rng.normal(size=(m, n))
        y = (rng.uniform(size=m) < 0.5).astype(float)
        y[:2] = (0, 1)
        cases.append((X, y, rng.normal(size=n), float(rng.normal()), lam))
    return cases


def diagnose_regularised_gradient(function):
    """Check ``regularised_gradient(X, y, w, b, lambda_) -> (dj_dw, dj_db)`` against
    ``logistic.gradient(..., lambda_)`` and the usual slips with the penalty term."""
    from helpers import logistic

    name = "regularised_gradient"
    for X, y, w, b, lam in _regularised_gradient_cases():
        result = call(function, X, y, w, b, lam)
        if result.not_attempted:
            return not_attempted(name)
        if result.error is not None:
            return wrong(name, f"it raised {type(result.error).__name__}: {result.error}")
        if not (isinstance(result.value, tuple) and len(result.value) == 2):
            return wrong(name, "return the pair (dj_dw, dj_db).")
        got_w, got_b = result.value
        dj_dw, dj_db = logistic.gradient(X, y, w, b, lam)
        plain_w, plain_b = logistic.gradient(X, y, w, b)
        m = X.shape[0]
        if matches(got_w, dj_dw) and matches(got_b, dj_db):
            continue
        if matches(got_w, dj_dw) and matches(got_b, dj_db + lam / m * b):
            return mistake(name, "you penalised b as well. The penalty (λ/2m)Σw² has no b in "
                                 "it, so ∂J/∂b is the same as without regularisation.")
        if matches(got_w, plain_w) and matches(got_b, plain_b):
            return mistake(name, "dj_dw has no penalty term: add (λ/m)·w, the derivative of "
                                 "(λ/2m)Σw².")
        if matches(got_w, plain_w + lam / (2 * m) * w):
            return mistake(name, "the penalty term is half what it should be. The derivative "
                                 "of (λ/2m)·w_j² is (λ/m)·w_j: the 2 cancels.")
        if matches(got_w, plain_w + lam * w):
            return mistake(name, "the penalty term is missing its 1/m: it is (λ/m)·w.")
        if matches(got_w, plain_w - lam / m * w):
            return mistake(name, "the penalty term has the wrong sign. The penalty raises the "
                                 "cost as w grows, so its gradient (λ/m)·w is added.")
        return wrong(name, f"with λ = {lam} on a {X.shape} problem, dj_dw should be "
                           f"{np.round(dj_dw, 4)} and dj_db {dj_db:.4f}; got {got_w!r}, {got_b!r}.")
    return passed(name, "It matches logistic.gradient(..., lambda_) on three problems.")


check_regularised_gradient = report(diagnose_regularised_gradient)


def diagnose_count_polynomial_features(function):
    """Check ``count_polynomial_features(degree) -> int`` for degrees 1 to 8."""
    name = "count_polynomial_features"
    for degree in range(1, 9):
        result = call(function, degree)
        if result.not_attempted:
            return not_attempted(name)
        if result.error is not None:
            return wrong(name, f"it raised {type(result.error).__name__}: {result.error}")
        expected = (degree + 1) * (degree + 2) // 2 - 1
        value = result.value
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
            return wrong(name, f"for degree {degree} the answer is {expected}; return it as a "
                               f"whole number (int), not {value!r}.")
        if value == expected:
            continue
        if value == expected + 1:
            return mistake(name, "you counted the constant term x1⁰·x2⁰ = 1 as well. It is "
                                 "left out: the bias b plays its part.")
        if value == degree + 1:
            return mistake(name, f"you counted only the monomials of total degree {degree}. "
                                 "Every degree from 1 up to it is included.")
        if value == 2 * degree:
            return mistake(name, "you counted only the pure powers x1^k and x2^k; the mixed "
                                 "terms such as x1·x2 count too.")
        return wrong(name, f"for degree {degree} the answer is {expected}; got {value!r}.")
    return passed(name, "Degree d gives (d + 1)(d + 2)/2 − 1 features.")


check_count_polynomial_features = report(diagnose_count_polynomial_features)


# ---------------------------------------------------------------------------
# 04 debugging a single point, 05 the cost surface, 06 the decision-boundary lab
# ---------------------------------------------------------------------------

# (a, b, x, y, lr) cases for update(a, b, x, y, lr): x is never 1, so a missing x shows.
_UPDATE_CASES = ((1.0, 1.0, 2.0, 1, 0.5), (0.3, -0.7, -1.5, 0, 1.0),
                 (-2.0, 0.5, 3.0, 1, 0.1), (0.8, 0.2, 0.5, 0, 2.0))


def _point_loss(a, b, x, y):
    """Cross-entropy of one example with z = σ(a·x + b), stable for any score."""
    s = a * x + b
    return float(y * np.logaddexp(0, -s) + (1 - y) * np.logaddexp(0, s))


def _slopes_by_finite_differences(a, b, x, y, h=1e-6):
    """(∂loss/∂a, ∂loss/∂b) by central differences of the loss: no formula needed."""
    da = (_point_loss(a + h, b, x, y) - _point_loss(a - h, b, x, y)) / (2 * h)
    db = (_point_loss(a, b + h, x, y) - _point_loss(a, b - h, x, y)) / (2 * h)
    return da, db


def _update_mistakes(a, b, x, y, lr):
    """What each known wrong update returns on one case, by name."""
    z = 1 / (1 + np.exp(-(a * x + b)))
    s = a * x + b
    good_a, good_b = a - lr * x * (z - y), b - lr * (z - y)
    return {
        "flipped sign": (a + lr * x * (z - y), b + lr * (z - y)),
        "flipped sign in a": (a + lr * x * (z - y), good_b),
        "flipped sign in b": (good_a, b + lr * (z - y)),
        "missing x": (a - lr * (z - y), good_b),
        "x in b": (good_a, b - lr * x * (z - y)),
        "missing lr": (a - x * (z - y), b - (z - y)),
        "no sigmoid": (a - lr * x * (s - y), b - lr * (s - y)),
        "step only": (-lr * x * (z - y), -lr * (z - y)),
        "swapped": (good_b, good_a),
    }


_UPDATE_ADVICE = {
    "flipped sign": "you add the gradient instead of subtracting it, so each step climbs the "
                    "loss (gradient ascent): the loss will rise every epoch. Use "
                    "a − lr·x·(z − y) and b − lr·(z − y).",
    "flipped sign in a": "a's update adds lr·x·(z − y); subtract it (b's update is right).",
    "flipped sign in b": "b's update adds lr·(z − y); subtract it (a's update is right).",
    "missing x": "a's update is missing the factor x: ∂loss/∂a = x·(z − y), so use "
                 "a − lr·x·(z − y). (With x = 1 you would not notice, which is why we test "
                 "other x.)",
    "x in b": "b's update has a factor x it should not have: ∂loss/∂b = (z − y).",
    "missing lr": "the step is not scaled by the learning rate: multiply it by lr.",
    "no sigmoid": "you use the score a·x + b as the prediction; the prediction is "
                  "z = σ(a·x + b) (use sigmoid).",
    "step only": "you return the step (−lr·x·(z − y), −lr·(z − y)) instead of the new "
                 "values: add it to a and b.",
    "swapped": "the values come back in the wrong order: return (new a, new b).",
}


def diagnose_update(update):
    """Check update(a, b, x, y, lr) -> (new a, new b), one gradient-descent step on one point.

    A fix is confirmed by finite differences: on every case the step must equal
    −lr times the slope of the loss measured numerically, for a and for b.
    """
    name = "update"
    results = []
    for case in _UPDATE_CASES:
        outcome = call(update, *case)
        if outcome.not_attempted:
            return not_attempted(name)
        if outcome.error is not None:
            return wrong(name, f"update{case} raised {type(outcome.error).__name__}: "
                               f"{outcome.error}")
        value = as_array(outcome.value)
        if value is None or value.shape != (2,):
            return wrong(name, f"update{case} returned {outcome.value!r}; expected two numbers "
                               "(new a, new b)")
        results.append(value)
    expected = []
    for a, b, x, y, lr in _UPDATE_CASES:
        da, db = _slopes_by_finite_differences(a, b, x, y)
        expected.append((a - lr * da, b - lr * db))
    if all(matches(got, want, rtol=1e-6, atol=1e-7) for got, want in zip(results, expected)):
        return passed(name, f"Finite-difference check: on {len(_UPDATE_CASES)} cases the step "
                            "equals −lr × the measured slope of the loss, for a and for b.")
    for mistake_name, advice in _UPDATE_ADVICE.items():
        if all(matches(got, _update_mistakes(*case)[mistake_name])
               for got, case in zip(results, _UPDATE_CASES)):
            return mistake(name, advice)
    for got, want, case in zip(results, expected, _UPDATE_CASES):
        if not matches(got, want, rtol=1e-6, atol=1e-7):
            return wrong(name, f"update{case} returned ({got[0]:.6f}, {got[1]:.6f}); "
                               f"the finite-difference check expects "
                               f"({want[0]:.6f}, {want[1]:.6f})")
    return wrong(name, "no case failed, yet the answers disagree; please report this")


check_update = report(diagnose_update)

# Notebook 05's exercise: a learning rate that takes the tumour fit from (0, 0)
# below TUMOUR_TARGET_COST within TUMOUR_ITERATIONS updates without diverging.
TUMOUR_TARGET_COST = 0.05
TUMOUR_ITERATIONS = 200


def diagnose_learning_rate(alpha):
    """Check a learning rate (a number) for the tumour fit of notebook 05."""
    from helpers import data, logistic

    name = "learning rate"
    if alpha is None:
        return Verdict(NOT_ATTEMPTED, f"○ {name}: not attempted yet. Replace None with a "
                                      "number, then run this again.")
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.integer, np.floating)):
        return wrong(name, f"expected a number such as 0.5; got {alpha!r}")
    if not (np.isfinite(alpha) and alpha > 0):
        return wrong(name, f"a learning rate must be a positive number; got {alpha!r}")
    X, y = data.load("tumour")
    _, _, history = logistic.gradient_descent(X, y, np.zeros(1), 0.0, alpha, TUMOUR_ITERATIONS)
    if history.diverged:
        return mistake(name, f"alpha = {alpha:g} is too large: {history.message}")
    final = history.cost[-1]
    if final >= TUMOUR_TARGET_COST:
        return mistake(name, f"alpha = {alpha:g} is too small: after {TUMOUR_ITERATIONS} "
                             f"iterations the cost is {final:.4f}, still above "
                             f"{TUMOUR_TARGET_COST}. Try a larger one.")
    below = int(np.argmax(history.cost < TUMOUR_TARGET_COST))
    return passed(name, f"With alpha = {alpha:g} the cost falls below {TUMOUR_TARGET_COST} "
                        f"after {below} iterations and ends at {final:.4f}.")


check_learning_rate = report(diagnose_learning_rate)

# Notebook 06's exercise: boundary_x2(x1, w, b) -> the x2 on the line w1·x1 + w2·x2 + b = 0.
_BOUNDARY_CASES = ((np.array([0.0, 1.0, 2.5]), np.array([5.28, 5.08]), -14.22),
                   (np.array([-1.0, 0.5, 3.0]), np.array([-2.0, 0.5]), 1.5),
                   (np.array([2.0, 4.0]), np.array([1.5, -3.0]), -0.5))


def diagnose_boundary(boundary_x2):
    """Check boundary_x2(x1, w, b): the x2 that puts each x1 on the decision boundary."""
    name = "boundary_x2"
    results = []
    for x1, w, b in _BOUNDARY_CASES:
        outcome = call(boundary_x2, x1, w, b)
        if outcome.not_attempted:
            return not_attempted(name)
        if outcome.error is not None:
            return wrong(name, f"boundary_x2(x1={x1.tolist()}, w={w.tolist()}, b={b}) raised "
                               f"{type(outcome.error).__name__}: {outcome.error}")
        value = as_array(outcome.value)
        if value is None or value.shape != x1.shape:
            return wrong(name, f"expected an array shaped like x1 {x1.shape}; got "
                               f"{outcome.value!r}")
        results.append(value)
    known = {
        "ok": lambda x1, w, b: -(w[0] * x1 + b) / w[1],
        "sign": lambda x1, w, b: (w[0] * x1 + b) / w[1],
        "b sign": lambda x1, w, b: (-w[0] * x1 + b) / w[1],
        "no b": lambda x1, w, b: -(w[0] * x1) / w[1],
        "swapped": lambda x1, w, b: -(w[1] * x1 + b) / w[0],
        "not divided": lambda x1, w, b: -(w[0] * x1 + b),
    }
    advice = {
        "sign": "the minus sign is missing: from w1·x1 + w2·x2 + b = 0, "
                "x2 = −(w1·x1 + b) / w2.",
        "b sign": "only w1·x1 is negated: move b to the other side too, "
                  "x2 = −(w1·x1 + b) / w2.",
        "no b": "b is missing: the boundary is w1·x1 + w2·x2 + b = 0, so "
                "x2 = −(w1·x1 + b) / w2.",
        "swapped": "w1 and w2 are swapped: x1 goes with w[0] and you divide by w[1].",
        "not divided": "you did not divide by w2: x2 = −(w1·x1 + b) / w2.",
    }
    fits = {key: all(matches(got, rule(*case)) for got, case in zip(results, _BOUNDARY_CASES))
            for key, rule in known.items()}
    if fits["ok"]:
        return passed(name, f"On {len(_BOUNDARY_CASES)} lines every point you return "
                            "satisfies w·x + b = 0 (to rounding error).")
    for key, text in advice.items():
        if fits[key]:
            return mistake(name, text)
    got, (x1, w, b) = results[0], _BOUNDARY_CASES[0]
    return wrong(name, f"for x1={x1.tolist()}, w={w.tolist()}, b={b} you returned "
                       f"{np.round(got, 4).tolist()}; then w·x + b = "
                       f"{np.round(w[0] * x1 + w[1] * got + b, 4).tolist()}, not 0.")


check_boundary = report(diagnose_boundary)


# ---------------------------------------------------------------------------
# 14 newton: the Hessian
# ---------------------------------------------------------------------------

def _hessian_case():
    rng = np.random.default_rng(14)
    X = rng.normal(size=(12, 3))
    return X, np.array([0.5, -1.0, 0.25]), 0.3


def diagnose_hessian(function):
    """Check hessian_w(X, w, b) = (1/m) Xᵀ diag(f(1 − f)) X, the (n, n) Hessian for w."""
    name = "hessian_w"
    X, w, b = _hessian_case()
    result = call(function, X, w, b)
    if result.not_attempted:
        return not_attempted(name)
    if isinstance(result.error, ValueError) and any(
            word in str(result.error) for word in ("mismatch", "not aligned", "broadcast")):
        return mistake(name, "the matrix shapes do not line up. Read the product from the "
                             "shapes: Xᵀ is (n, m), diag(s) is (m, m), X is (m, n), so "
                             "X.T @ np.diag(s) @ X is (n, n).")
    if result.error is not None:
        return wrong(name, f"raised {type(result.error).__name__}: {result.error}")
    value = as_array(result.value)
    m, n = X.shape
    f = 1 / (1 + np.exp(-(X @ w + b)))
    s = f * (1 - f)
    expected = (X.T * s) @ X / m
    if value is not None and value.shape == (m, m):
        return mistake(name, f"the result has shape ({m}, {m}), one entry per pair of examples. "
                             "Put Xᵀ on the left: Xᵀ diag(s) X is (n, n), one entry per pair "
                             "of weights.")
    if value is None or value.shape != (n, n):
        shape = None if value is None else value.shape
        return wrong(name, f"expected an ({n}, {n}) array, one row and column per weight; "
                           f"got shape {shape}")
    if matches(value, expected):
        return passed(name, "Symmetric, positive definite, and equal to (1/m) Xᵀ diag(f(1 − f)) X.")
    if matches(value, -expected):
        return mistake(name, "the sign is flipped. The cost is convex, so its Hessian has "
                             "positive entries on the diagonal: s = f(1 − f) ≥ 0, no minus sign.")
    if matches(value, expected * m):
        return mistake(name, "the result is m times too large: divide by m, the number of "
                             "examples, as the cost is a mean.")
    if matches(value, (X.T * f) @ X / m):
        return mistake(name, "the weights are f, but the derivative of σ is σ(1 − σ): use "
                             "s = f * (1 - f).")
    if matches(value, X.T @ X / m):
        return mistake(name, "each example must be weighted by s_i = f_i(1 − f_i). Without it "
                             "you get Xᵀ X / m, the Hessian of the squared error of a linear "
                             "model, not of the logistic cost.")
    return wrong(name, f"the first row should be {np.round(expected[0], 4).tolist()}; "
                       f"got {np.round(value[0], 4).tolist()}")


check_hessian = report(diagnose_hessian)
