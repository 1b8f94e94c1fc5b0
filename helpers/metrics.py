"""How good are the predictions? Accuracy and the confusion matrix, in numpy only.

Labels are 0 or 1. The confusion matrix counts every (true label, predicted
label) pair::

                    predicted 0   predicted 1
    true 0  [[  true negatives,  false positives ],
    true 1   [ false negatives,   true positives ]]

so row i is the true class and column j the predicted class.
"""

import numpy as np

from helpers import validation


def accuracy(y_true, y_pred):
    """Return the fraction of predictions that equal the true label (0 to 1)."""
    y_true, y_pred = _check_labels(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def confusion_counts(y_true, y_pred):
    """Return the 2×2 integer array [[TN, FP], [FN, TP]] (rows: true, columns: predicted)."""
    y_true, y_pred = _check_labels(y_true, y_pred)
    counts = np.zeros((2, 2), dtype=int)
    for true_label in (0, 1):
        for predicted_label in (0, 1):
            counts[true_label, predicted_label] = np.sum((y_true == true_label)
                                                         & (y_pred == predicted_label))
    return counts


def _check_labels(y_true, y_pred):
    """Return both label arrays as int arrays of the same 1-D shape, or raise."""
    arrays = []
    for name, labels in (("y_true", y_true), ("y_pred", y_pred)):
        array = validation.binary_labels(labels, name)
        if array.size == 0:
            raise ValueError(f"{name} is empty; expected at least one label")
        arrays.append(array.astype(int))
    if arrays[0].shape != arrays[1].shape:
        raise ValueError(f"y_true has {arrays[0].size} labels but y_pred has {arrays[1].size}; "
                         "expected one prediction per example")
    return arrays
