"""helpers.geometry: grids, the boundary segment, iteration stops, contour levels."""

import numpy as np
import pytest

from helpers import geometry

BOX = ((0.0, 4.0), (0.0, 3.5))


@pytest.mark.parametrize("w, b", [([5.28, 5.08], -14.22), ([3.0, 0.1], -2.0),
                                  ([0.0, 2.0], -3.0), ([2.0, 0.0], -4.0), ([-1.0, 1e-9], 0.5),
                                  ([1e-300, -1.0], 2.0)])
def test_segment_points_lie_on_the_boundary(w, b):
    x1, x2 = geometry.boundary_segment(w, b, *BOX)
    assert x1.shape == x2.shape == (2,)
    assert np.all(np.isfinite(x1)) and np.all(np.isfinite(x2))
    scale = max(abs(w[0]), abs(w[1]))
    np.testing.assert_allclose((w[0] * x1 + w[1] * x2 + b) / scale, 0, atol=1e-9)


def test_vertical_boundary_when_w2_is_zero():
    x1, x2 = geometry.boundary_segment([2.0, 0.0], -4.0, *BOX)
    np.testing.assert_array_equal(x1, [2.0, 2.0])          # x1 = −b / w1
    np.testing.assert_array_equal(x2, BOX[1])              # across the whole height


def test_horizontal_boundary_when_w1_is_zero():
    x1, x2 = geometry.boundary_segment([0.0, 2.0], -3.0, *BOX)
    np.testing.assert_array_equal(x1, BOX[0])
    np.testing.assert_array_equal(x2, [1.5, 1.5])


def test_no_boundary_when_w_is_zero():
    x1, x2 = geometry.boundary_segment([0.0, 0.0], 1.0, *BOX)
    assert x1.size == 0 and x2.size == 0


def test_steep_boundary_spans_the_height():
    _, x2 = geometry.boundary_segment([3.0, 0.1], -2.0, *BOX)
    np.testing.assert_array_equal(x2, BOX[1])


@pytest.mark.parametrize("args, error, words", [
    (([1.0], 0.0, *BOX), ValueError, "w must have shape (2,)"),
    (([1.0, np.nan], 0.0, *BOX), ValueError, "w contains NaN or infinite"),
    ((["1", "2"], 0.0, *BOX), TypeError, "w must contain numbers"),
    (([1.0, 2.0], None, *BOX), TypeError, "b must be a finite number"),
    (([1.0, 2.0], np.inf, *BOX), ValueError, "b must be a finite number"),
    (([1.0, 2.0], 1 + 2j, *BOX), TypeError, "b must be a finite number"),
    (([1.0, 2.0], 0.0, (4.0, 0.0), BOX[1]), ValueError, "x1_limits must be (low, high)"),
    (([1.0, 2.0], 0.0, BOX[0], (1.0,)), ValueError, "x2_limits must have shape (2,)"),
])
def test_segment_rejects_bad_input(args, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        geometry.boundary_segment(*args)


def test_grid_points_reshape_to_an_image():
    x1, x2 = np.array([0.0, 1.0, 2.0]), np.array([10.0, 20.0])
    points = geometry.grid_points(x1, x2)
    assert points.shape == (6, 2)
    image = points[:, 0].reshape(x2.size, x1.size)
    np.testing.assert_array_equal(image, [[0, 1, 2], [0, 1, 2]])
    np.testing.assert_array_equal(points[:, 1].reshape(2, 3), [[10] * 3, [20] * 3])
    with pytest.raises(ValueError, match="non-empty 1-D"):
        geometry.grid_points([], x2)


def test_grid_around_covers_the_data_with_padding():
    X = np.array([[0.0, 1.0], [2.0, 5.0]])
    x1, x2, points = geometry.grid_around(X, padding=0.5, size=11)
    assert (x1[0], x1[-1], x2[0], x2[-1]) == (-0.5, 2.5, 0.5, 5.5)
    assert points.shape == (121, 2)
    for bad, words in (({"padding": -1.0}, "padding"), ({"size": 1}, "size")):
        with pytest.raises(ValueError, match=words):
            geometry.grid_around(X, **bad)
    with pytest.raises(ValueError, match=r"\(m, 2\)"):
        geometry.grid_around(np.zeros((3, 3)))


def test_iteration_stops():
    stops = geometry.iteration_stops(10_000)
    assert stops[:4] == [0, 1, 2, 3] and stops[-1] == 10_000
    assert all(b > a for a, b in zip(stops, stops[1:]))
    assert 30 <= len(stops) <= 41
    assert geometry.iteration_stops(1) == [0, 1]
    with pytest.raises(ValueError, match="num_iters"):
        geometry.iteration_stops(0)
    with pytest.raises(TypeError, match="num_iters"):
        geometry.iteration_stops(10.0)


def test_log_levels():
    J = np.array([[0.1, 1.0], [10.0, 100.0]])
    levels = geometry.log_levels(J, 4)
    np.testing.assert_allclose(levels, [0.1, 1.0, 10.0, 100.0])
    lifted = geometry.log_levels(J, 4, lift=1e-3)
    assert lifted[0] == pytest.approx(0.1 + 1e-3 * 99.9) and lifted[-1] == 100.0
    with pytest.raises(ValueError, match="positive"):
        geometry.log_levels(np.array([0.0, 1.0]), 4)
    with pytest.raises(ValueError, match="all 1"):
        geometry.log_levels(np.ones(3), 4)
    with pytest.raises(ValueError, match="lift"):
        geometry.log_levels(J, 4, lift=1.0)
