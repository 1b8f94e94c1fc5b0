"""Shared code for the logistic-regression course.

The notebooks import what they need from here::

    from helpers import sigmoid, cost, gradient, gradient_descent, predict_proba, predict

Modules: ``logistic`` (the model, numpy only), ``plots`` (matplotlib drawing),
``widgets`` (interactive explorers), ``data`` (named data sets), ``checks``
(exercise checkers), ``environment`` (the start-here checks).
"""

from helpers.logistic import (
    History,
    cost,
    gradient,
    gradient_descent,
    predict,
    predict_proba,
    sigmoid,
)

__all__ = ["History", "cost", "gradient", "gradient_descent", "predict", "predict_proba",
           "sigmoid"]
