"""Shared code for the logistic-regression course.

The notebooks import what they need from here::

    from helpers import sigmoid, cost, gradient, gradient_descent, predict_proba, predict

Modules, in the order the course meets them:

* the math, numpy only: ``logistic`` (the model, its cost, gradient and gradient
  descent), ``gradcheck`` (finite differences), ``single_point`` (notebook 04's run),
  ``metrics`` (accuracy, confusion counts), ``features`` (standardising, polynomial
  features), ``softmax`` (more than two classes), ``newton`` (Newton's method), all
  checking their arguments with ``validation`` (one home for every input check: a bad
  argument raises a ValueError, or a TypeError for the wrong kind of thing, naming it);
* drawing and interaction: ``geometry`` (grids, the boundary segment, slider stops,
  contour levels), ``plots`` (matplotlib, optional ``ax`` in, artists out), ``widgets``
  (the explorers), ``explorer`` (their framework: Agg figure, PNG in a core widget),
  ``background`` (their fast redraws), ``quiz`` (self-check questions);
* course plumbing: ``data`` (the CSV files in data/), ``checks`` (exercise
  checkers), ``environment`` (the start-here checks).
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
