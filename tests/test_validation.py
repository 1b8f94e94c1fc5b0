"""helpers.validation, and one test per argument error of every numerical helper.

A wrong kind of argument (a string, None, a bool, a complex number, a list where one
number is meant) must raise a TypeError; a wrong value or shape a ValueError that is not
a TypeError. Every message names the argument. Warnings are errors (see pyproject.toml).
"""

import decimal
import fractions
from pathlib import Path

import numpy as np
import pytest

from helpers import data, features, gradcheck, logistic, metrics, newton, single_point, softmax
from helpers import validation as v

X6, Y6 = data.load("six_points")
W2 = np.zeros(2)
X3 = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
Y3 = np.array([0, 1, 2, 1])
W3, B3 = np.zeros((2, 3)), np.zeros(3)
ROWS = single_point.single_point_run(epochs=2)


# ---------------------------------------------------------------------------
# The checks themselves
# ---------------------------------------------------------------------------

def test_argument_type_error_is_a_type_error_and_a_value_error():
    assert issubclass(v.ArgumentTypeError, TypeError)
    assert issubclass(v.ArgumentTypeError, ValueError)


@pytest.mark.parametrize("value, expected", [
    (3, 3.0), (np.int8(-2), -2.0), (np.float32(0.5), 0.5), (fractions.Fraction(1, 4), 0.25),
    (decimal.Decimal("0.125"), 0.125), ([1, 2.5], [1.0, 2.5]), (np.arange(3), [0.0, 1.0, 2.0]),
    (np.longdouble(2.0), 2.0), ([[1, 2], [3, 4]], [[1.0, 2.0], [3.0, 4.0]]), (10**300, 1e300),
])
def test_real_array_takes_real_numbers(value, expected):
    result = v.real_array(value, "x")
    assert result.dtype == np.float64
    np.testing.assert_array_equal(result, expected)


@pytest.mark.parametrize("value, words", [
    ("0.5", "not strings"), (["1", "2"], "not strings"), (b"1", "not bytes"), (None, "None"),
    (True, "not True/False"), (np.array([True]), "not True/False"), (1j, "not complex"),
    (np.array([1 + 0j]), "not complex"), ([1, None], "contains None"), ({}, "contains {}"),
    ([1, object()], "contains <object"), (np.datetime64("2024-01-01"), "not dates"),
])
def test_real_array_refuses_what_is_not_a_real_number(value, words):
    with pytest.raises(TypeError, match=f"^x must contain numbers.*{words}"):
        v.real_array(value, "x")


def test_real_array_refuses_ragged_lists_and_huge_integers():
    with pytest.raises(ValueError, match="x must contain numbers, in a rectangular array"):
        v.real_array([[1, 2], [3]], "x")
    with pytest.raises(ValueError, match="too large for a 64-bit float.*401 digits"):
        v.real_array([1, 10**400], "x")
    with pytest.raises(ValueError, match="too large for a 64-bit float"):
        v.real_array(np.array([np.longdouble("1e400")]), "x")


def test_real_array_takes_bools_only_when_asked():
    np.testing.assert_array_equal(v.real_array([True, False], "y", allow_bool=True), [1.0, 0.0])


def test_finite_array_refuses_nan_and_infinity():
    with pytest.raises(ValueError, match="w contains NaN or infinite values"):
        v.finite_array([1.0, np.nan], "w")


@pytest.mark.parametrize("value", ["0.5", None, True, np.bool_(False), 1j, [0.5], np.array([0.5]),
                                   (0.5,), object()])
def test_finite_number_refuses_the_wrong_kind(value):
    with pytest.raises(TypeError, match="^b must be"):
        v.finite_number(value, "b")


@pytest.mark.parametrize("value, expected", [(0.5, 0.5), (np.array(2.0), 2.0), (np.int64(3), 3.0),
                                             (-1e308, -1e308)])
def test_finite_number_takes_one_real_number(value, expected):
    assert v.finite_number(value, "b") == expected


@pytest.mark.parametrize("value, message", [
    (np.nan, "b must be a finite number; got nan"), (np.inf, "b must be a finite number; got inf"),
    (10**400, "b must be a finite number; got an integer with 401 digits, too large"),
])
def test_finite_number_refuses_non_finite_values(value, message):
    with pytest.raises(ValueError, match=message) as caught:
        v.finite_number(value, "b")
    assert not isinstance(caught.value, TypeError)


def test_positive_non_negative_and_open_unit_numbers():
    assert v.positive_number(1e-300, "alpha") == 1e-300
    assert v.non_negative_number(0, "lambda_") == 0.0
    assert v.open_unit_number(0.25, "threshold") == 0.25
    for call, message in [(lambda: v.positive_number(0, "alpha"), "alpha must be a positive"),
                          (lambda: v.non_negative_number(-1e-9, "lambda_"), "lambda_ must be a "
                           "finite number ≥ 0"),
                          (lambda: v.open_unit_number(1.0, "threshold"), "threshold must lie "
                           "strictly between 0 and 1")]:
        with pytest.raises(ValueError, match=message):
            call()


@pytest.mark.parametrize("value", [3, np.int32(3), np.uint8(3), 2**62])
def test_whole_number_takes_ints(value):
    assert v.whole_number(value, "num_iters") == int(value)
    assert type(v.whole_number(value, "num_iters")) is int


@pytest.mark.parametrize("value, message", [
    ("abc", "got 'abc'"), (None, "got None"), ("5", "got '5'"), ([3], r"got \[3\]"),
    (np.array([3]), "got an array of shape"), (2.5, "got 2.5"), (True, "got True"),
    (1e4, "write 10000 rather than 10000.0"), (np.float64(3.0), "write 3 rather than"),
])
def test_whole_number_refuses_what_is_not_an_int(value, message):
    with pytest.raises(TypeError, match=f"num_iters must be a whole number.*{message}"):
        v.whole_number(value, "num_iters")


@pytest.mark.parametrize("value, message", [
    (0, "at least 1; got 0"), (-5, "at least 1; got -5"),
    (10**400, "at most 9223372036854775807; got an integer with 401 digits"),
])
def test_whole_number_refuses_values_out_of_range(value, message):
    with pytest.raises(ValueError, match=f"num_iters must be a whole number of {message}") as caught:
        v.whole_number(value, "num_iters")
    assert not isinstance(caught.value, TypeError)


def test_labels():
    np.testing.assert_array_equal(v.binary_labels(np.array([True, False]), "y"), [1.0, 0.0])
    np.testing.assert_array_equal(v.class_labels([0, 2, 1.0], 3), [0, 2, 1])
    with pytest.raises(ValueError, match=r"y must contain only the labels 0 and 1; got \[2.\]"):
        v.binary_labels([0, 2], "y")
    with pytest.raises(ValueError, match=r"y must be 1-D"):
        v.binary_labels([[0, 1]], "y")
    with pytest.raises(ValueError, match=r"integer labels 0\.\.1 \(K = 2 classes\); got \[0.5\]"):
        v.class_labels([0, 0.5], 2)
    with pytest.raises(ValueError, match="X has 3 rows but y has 2 labels"):
        v.same_length(3, np.zeros(2))


def test_matrix_checks():
    with pytest.raises(ValueError, match=r"X must be a 2-D array of shape \(m, n\); got shape \(3,\)"):
        v.matrix([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="at least one row"):
        v.matrix(np.empty((0, 2)))
    with pytest.raises(ValueError, match=r"X contains NaN or infinite values \(rows \[1\]\)"):
        v.finite_matrix([[1.0, 2.0], [np.inf, 0.0]])


def test_function_check_and_descriptions():
    assert v.function(len, "g", "a function") is len
    with pytest.raises(TypeError, match="g must be a function; got 3 \\(a int\\)"):
        v.function(3, "g", "a function")
    assert v.describe("x" * 100).endswith("... (a str)")
    assert v.describe(np.zeros((2, 3))) == "an array of shape (2, 3) and dtype float64"


def test_validation_imports_numpy_and_the_standard_library_only():
    import ast
    import sys

    tree = ast.parse(Path(v.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert {name for name in imported if name not in sys.stdlib_module_names} == {"numpy"}


def test_no_helper_imports_a_private_name_from_another_module():
    """One home per job: the helpers share public names only."""
    import ast

    folder = Path(v.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and "helpers" in node.module:
                assert not [a.name for a in node.names if a.name.startswith("_")], path.name
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in {"logistic", "softmax", "newton", "features", "metrics",
                                          "gradcheck", "validation", "single_point", "data"}:
                assert not node.attr.startswith("_"), f"{path.name}: {node.value.id}.{node.attr}"


# ---------------------------------------------------------------------------
# One test per argument error of every public function
# ---------------------------------------------------------------------------

TYPE_ERRORS = [
    # logistic
    (lambda: logistic.sigmoid("0.5"), "z must contain numbers, not strings"),
    (lambda: logistic.sigmoid(None), "z must contain numbers; got None"),
    (lambda: logistic.sigmoid(1 + 2j), "z must contain numbers, not complex"),
    (lambda: logistic.predict_proba(X6, None, 0.0), "w must contain numbers; got None"),
    (lambda: logistic.predict_proba(X6, W2, None), "b must be a finite number; got None"),
    (lambda: logistic.predict_proba(X6, W2, True), "b must be a finite number; got True"),
    (lambda: logistic.predict_proba(X6, W2, "0.5"), "b must be a finite number; got '0.5'"),
    (lambda: logistic.predict_proba(X6.astype(str), W2, 0.0), "X must be a 2-D array of numbers"),
    (lambda: logistic.predict_proba(X6 + 0j, W2, 0.0), "X must be .* not complex numbers"),
    (lambda: logistic.predict(X6, W2, 0.0, threshold="a"), "threshold must be a number strictly"),
    (lambda: logistic.predict(X6, W2, 0.0, threshold=None), "threshold must be a number strictly"),
    (lambda: logistic.cost(X6, Y6.astype(str), W2, 0.0), "y must contain only the labels 0 and 1"),
    (lambda: logistic.cost(X6, Y6, W2, 0.0, lambda_="1"), r"lambda_ \(the L2 penalty\) must be"),
    (lambda: logistic.cost(X6, Y6, W2, 0.0, lambda_=True), r"lambda_ \(the L2 penalty\) must be"),
    (lambda: logistic.gradient(X6, Y6, ["0", "0"], 0.0), "w must contain numbers, not strings"),
    (lambda: logistic.gradient_loop(X6, None, W2, 0.0), "y must contain only the labels 0 and 1"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, "0.5", 5), r"alpha \(the learning rate\)"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 1j, 5), r"alpha \(the learning rate\)"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, "abc"), "num_iters must be a whole"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, None), "num_iters must be a whole"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, "5"), "num_iters must be a whole"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, [3]), "num_iters must be a whole"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, np.array([3])), "num_iters must be"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, 5, tol="0"), "tol must be a positive"),
    (lambda: logistic.cost_grid(X6[:, :1], Y6, ["1"], [0.0]), "w_values must contain numbers"),
    (lambda: logistic.weight_cost_grid(X6, Y6, [0.0], [0.0], None), "b must be a finite number"),
    # softmax
    (lambda: softmax.softmax("abc"), "Z must contain numbers, not strings"),
    (lambda: softmax.log_softmax(None), "Z must contain numbers; got None"),
    (lambda: softmax.one_hot(["0"], 2), "y must contain only integer class labels"),
    (lambda: softmax.one_hot([0, 1], 2.0), "num_classes must be a whole number"),
    (lambda: softmax.predict(X3, None, B3), "W must contain numbers; got None"),
    (lambda: softmax.predict_proba(X3, W3, [None] * 3), "b must contain numbers"),
    (lambda: softmax.cost(X3, Y3, W3 + 0j, B3), "W must contain numbers, not complex"),
    (lambda: softmax.gradient(X3, Y3, W3, "abc"), "b must contain numbers, not strings"),
    (lambda: softmax.gradient_descent(X3, Y3, W3, B3, 0.1, "5"), "num_iters must be a whole"),
    (lambda: softmax.gradient_descent(X3, Y3, W3, B3, None, 5), r"alpha \(the learning rate\)"),
    (lambda: softmax.one_vs_rest(X3, Y3, 0.1, None), "num_iters must be a whole number"),
    (lambda: softmax.one_vs_rest(X3, Y3, 0.1, 5, num_classes="3"), "num_classes must be"),
    (lambda: softmax.one_vs_rest_proba(X3, W3, "b"), "b must contain numbers"),
    (lambda: softmax.one_vs_rest_predict(X3.tolist() + [["a", "b"]], W3, B3), "X must be a 2-D"),
    (lambda: softmax.accuracy(["a"], [0]), "y_true must contain only integer class labels"),
    # newton
    (lambda: newton.hessian(X6, W2, 0.0, lambda_=None), r"lambda_ \(the L2 penalty\)"),
    (lambda: newton.hessian_bound([["1", "2"]]), "X must be a 2-D array of numbers"),
    (lambda: newton.newton_method(X6, Y6, W2, 0.0, num_iters=10.0), "num_iters must be a whole"),
    (lambda: newton.newton_method(X6, Y6, W2, 0.0, tol="small"), "tol must be a positive"),
    # features
    (lambda: features.Standardizer().fit([["1", "2"]]), "X must be a 2-D array of numbers"),
    (lambda: features.Standardizer().fit(X6).transform(None), "X must be a 2-D array of numbers"),
    (lambda: features.Standardizer().fit_transform(X6 + 1j), "X must be .* not complex"),
    (lambda: features.polynomial_features(X6, "2"), "degree must be a whole number"),
    (lambda: features.polynomial_features(X6, 2.0), "degree must be a whole number"),
    (lambda: features.polynomial_names(None), "degree must be a whole number"),
    # metrics
    (lambda: metrics.accuracy(["0", "1"], [0, 1]), "y_true must contain only the labels 0 and 1"),
    (lambda: metrics.confusion_counts([0, 1], None), "y_pred must contain only the labels 0 and 1"),
    # gradcheck
    (lambda: gradcheck.slope("sigmoid", 0.0), "g must be a function applied elementwise"),
    (lambda: gradcheck.slope(logistic.sigmoid, "0"), "x must contain numbers, not strings"),
    (lambda: gradcheck.slope(logistic.sigmoid, 0.0, h="small"), "h must be a small positive"),
    (lambda: gradcheck.partials(None, [1.0]), "J must be a function returning one number"),
    (lambda: gradcheck.partials(lambda x: "one", [1.0]), "J must return finite numbers"),
    (lambda: gradcheck.slope(lambda x: None, [1.0]), "g must return finite numbers"),
    # single_point
    (lambda: single_point.point_loss("1", 1.0, 1.0, 1), "w must be a finite number"),
    (lambda: single_point.point_loss(1.0, 1.0, 1.0, None), "y must be the label 0 or 1; got None"),
    (lambda: single_point.single_point_step(1.0, 1.0, 1.0, 1, "1"),
     r"alpha \(the learning rate\) must be a positive finite number"),
    (lambda: single_point.single_point_run(x=None), "x must be a finite number"),
    (lambda: single_point.single_point_run(epochs="10"), "epochs must be a whole number"),
    (lambda: single_point.single_point_run(decimals=3.0), "decimals must be a whole number"),
    (lambda: single_point.format_run("rows"), "rows must be the list of rows"),
    (lambda: single_point.format_run([1, 2]), "rows must be the list of rows"),
    (lambda: single_point.format_side_by_side(ROWS, None), "ascent must be the list of rows"),
    # data
    (lambda: data.load(None), "name must be the name of a data set"),
    (lambda: data.load_multiclass(3), "name must be the name of a data set"),
    (lambda: data.path_of(["tumour"]), "name must be the name of a data set"),
    (lambda: data.read_csv(None), "path must be a file path"),
    (lambda: data.read_csv(data.path_of("tumour"), multiclass="yes"), "multiclass must be True"),
    (lambda: data.many_points(m="10"), "m must be a whole number"),
    (lambda: data.many_points(seed="0"), "seed must be a whole number"),
]


@pytest.mark.parametrize("call, message", TYPE_ERRORS)
def test_the_wrong_kind_of_argument_is_a_type_error_naming_it(call, message):
    with pytest.raises(TypeError, match=message):
        call()


VALUE_ERRORS = [
    # logistic
    (lambda: logistic.sigmoid([np.nan]), "z contains NaN or infinite values"),
    (lambda: logistic.sigmoid(10**400), "z contains a number too large for a 64-bit float"),
    (lambda: logistic.predict_proba(X6, [10**400, 0], 0.0), "w contains a number too large"),
    (lambda: logistic.predict_proba(X6, W2, 10**400), "b must be a finite number; got an integer"),
    (lambda: logistic.predict(X6, W2, 0.0, threshold=0.0), "threshold must lie strictly between"),
    (lambda: logistic.cost(X6, Y6, W2, 0.0, lambda_=np.inf), r"lambda_ \(the L2 penalty\) must"),
    (lambda: logistic.gradient([[1e200]], [1], [1e200], 0.0), "X·w \\+ b overflowed"),
    (lambda: logistic.gradient_loop(X6, Y6, np.zeros(3), 0.0), r"w must have shape \(2,\)"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, -1.0, 5), r"alpha \(the learning rate\)"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, 10**400), "num_iters must be .* at "
     "most"),
    (lambda: logistic.gradient_descent(X6, Y6, W2, 0.0, 0.1, 5, tol=np.nan), "tol must be a "
     "positive"),
    (lambda: logistic.gradient_descent(X6, Y6[:5], W2, 0.0, 0.1, 5), "X has 6 rows but y has 5"),
    (lambda: logistic.cost_grid(X6, Y6, [0.0], [0.0]), "exactly one feature"),
    (lambda: logistic.weight_cost_grid(X6, Y6, [1e200], [0.0], 0.0, lambda_=1.0),
     "penalty .* overflowed on the grid"),
    # softmax
    (lambda: softmax.softmax(np.zeros((2, 2, 2))), r"Z must be a row of K scores"),
    (lambda: softmax.log_softmax([[1e308, -1e308]]), "Z's scores in one row span more"),
    (lambda: softmax.one_hot([0, 1], 1), "num_classes must be a whole number of at least 2"),
    (lambda: softmax.cost(X3, [0, 1, 2, 3], W3, B3), r"integer labels 0\.\.2"),
    (lambda: softmax.cost(np.array([[1e300, 0.0]]), [1], np.array([[1e8, -1e8], [0.0, 0.0]]),
                          np.zeros(2)), "the cost overflowed|X·W \\+ b overflowed"),
    (lambda: softmax.gradient_descent(X3, Y3, W3, B3, 0.1, 0), "num_iters must be a whole"),
    (lambda: softmax.one_vs_rest(X3, Y3, 0.0, 5), r"alpha \(the learning rate\)"),
    (lambda: softmax.accuracy([0, 1], [0]), "same non-zero length"),
    # newton
    (lambda: newton.hessian(np.full((2, 1), 1e300), np.zeros(1), 0.0), "the Hessian overflowed"),
    (lambda: newton.hessian_bound([[np.nan, 1.0]]), "X contains NaN or infinite values"),
    (lambda: newton.newton_method(X6, Y6, W2, 0.0, num_iters=0), "num_iters must be a whole"),
    (lambda: newton.newton_method(X6, Y6, W2, 0.0, lambda_=-1.0), r"lambda_ \(the L2 penalty\)"),
    # features
    (lambda: features.Standardizer().fit(np.ones((3, 2))), "constant"),
    (lambda: features.Standardizer().transform(X6), "call fit"),
    (lambda: features.Standardizer().fit([[0.0], [1e-300]]).transform([[1e308]]),
     "X is too far from the training data"),
    (lambda: features.polynomial_features([[1e200, 1.0]], 2), "polynomial_features overflowed"),
    (lambda: features.polynomial_features(X6, 0), "degree must be a whole number of at least 1"),
    (lambda: features.polynomial_names(10**6), "degree must be a whole number of at most 100"),
    # metrics
    (lambda: metrics.accuracy([], []), "y_true is empty"),
    (lambda: metrics.confusion_counts([0, 1], [1]), "y_true has 2 labels but y_pred has 1"),
    # gradcheck
    (lambda: gradcheck.slope(logistic.sigmoid, [np.inf]), "x contains NaN or infinite"),
    (lambda: gradcheck.slope(logistic.sigmoid, 0.0, h=1.0), "h must be a small positive"),
    (lambda: gradcheck.slope(lambda x: np.ones(3), [1.0, 2.0]), "g must return one value per"),
    (lambda: gradcheck.partials(lambda x: np.ones(2), [1.0, 2.0]), "J must return one value"),
    (lambda: gradcheck.partials(lambda x: 1e308 * np.sign(x[0]), [0.0]),
     "difference quotient of J overflowed"),
    # single_point
    (lambda: single_point.single_point_run(alpha=-1.0), r"alpha \(the learning rate\) must be "
     "a positive"),
    (lambda: single_point.single_point_run(y=0.5), "y must be the label 0 or 1; got 0.5"),
    (lambda: single_point.single_point_run(sign=0), "sign must be -1"),
    (lambda: single_point.single_point_run(w=1e308, x=10.0), "w·x \\+ b overflowed"),
    (lambda: single_point.single_point_step(1.0, 0.0, 1e308, 0, 1e10), "the update overflowed"),
    (lambda: single_point.format_side_by_side(ROWS, ROWS[:1]), "same number of epochs"),
    # data
    (lambda: data.load("no_such_set"), "no data set called 'no_such_set'"),
    (lambda: data.many_points(m=0), "m must be a whole number of at least 1"),
    (lambda: data.many_points(m=10**6, n=10**3), "m × n must be at most"),
]


@pytest.mark.parametrize("call, message", VALUE_ERRORS)
def test_a_wrong_value_is_a_value_error_naming_it(call, message):
    with pytest.raises(ValueError, match=message) as caught:
        call()
    assert not isinstance(caught.value, TypeError)
