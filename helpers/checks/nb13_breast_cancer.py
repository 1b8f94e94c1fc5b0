"""Notebook 13, a real data set: ``precision_recall(counts)`` from [[TN, FP], [FN, TP]]."""

import numpy as np

from helpers.checks.engine import (Exercise, call, matches, mistake, number, pair, passed,
                                   returned, wrong)

NOTEBOOK = "13_breast_cancer"

# Confusion counts [[TN, FP], [FN, TP]] (rows: truth, columns: prediction) in which no two
# of the ratios the known mistakes compute coincide.
CONFUSION_CASES = (np.array([[50, 7], [3, 40]]), np.array([[12, 9], [4, 25]]))


def ratios(counts):
    """The ratios the checker compares against, for one case of confusion counts."""
    (tn, fp), (fn, tp) = counts
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn),
            "benign precision": tn / (tn + fn), "benign recall": tn / (tn + fp),
            "accuracy": (tp + tn) / counts.sum(), "share of all": tp / counts.sum(),
            "false discovery": fp / (tp + fp), "miss rate": fn / (tp + fn)}


def diagnose_precision_recall(function):
    """Check ``precision_recall(counts) -> (precision, recall)`` for counts [[TN, FP], [FN, TP]]."""
    answers = []
    for counts in CONFUSION_CASES:
        where = f"precision_recall(np.array({counts.tolist()}))"
        precision, recall = pair(returned(call(function, counts), where), where)
        answers.append((number(precision, where, part="precision"),
                        number(recall, where, part="recall")))
    cases = [ratios(counts) for counts in CONFUSION_CASES]

    def gave(first, second, factor=1.0):
        """True when every answer is (factor·first, factor·second) of its case."""
        return all(matches(answer, [factor * r[first], factor * r[second]])
                   for answer, r in zip(answers, cases))

    def either(ratio):
        """True when, in every case, one of the two numbers is that ratio."""
        return all(matches(answer[0], r[ratio]) or matches(answer[1], r[ratio])
                   for answer, r in zip(answers, cases))

    if gave("precision", "recall"):
        return passed("TP / (TP + FP) and TP / (TP + FN).")
    if gave("recall", "precision"):
        return mistake("precision and recall are swapped: either the pair is in the wrong "
                       "order, or the rows were read as predictions. Rows are the truth, "
                       "columns the prediction: precision divides TP by everything predicted "
                       "malignant (column 1, TP + FP), recall by everything truly malignant "
                       "(row 1, TP + FN).")
    if gave("benign precision", "benign recall") or gave("benign recall", "benign precision"):
        return mistake("these are the ratios for the benign class: counts[0, 0] holds the "
                       "true negatives. The positive class is malignant (y = 1), so TP is "
                       "counts[1, 1].")
    if gave("precision", "recall", factor=100.0):
        return mistake("you returned percentages; return fractions between 0 and 1.")
    if all(matches(answer, [0.0, 0.0]) for answer in answers):
        return mistake("both came out 0: integer division (//) rounds every fraction below 1 "
                       "down to 0. Use / instead.")
    if gave("false discovery", "miss rate"):
        return mistake("you computed the shares of errors, FP / (TP + FP) and FN / (TP + FN), "
                       "which are 1 − precision and 1 − recall. Put the true positives on top.")
    if either("accuracy"):
        return mistake("that is the accuracy, (TP + TN) / total. Precision and recall leave "
                       "out the true negatives: both look only at the malignant class, as "
                       "predicted (precision) or as it truly is (recall).")
    if either("share of all"):
        return mistake("you divided TP by all the examples. Precision divides by the examples "
                       "predicted malignant (TP + FP), recall by the examples that are "
                       "malignant (TP + FN).")
    i = next(i for i, (answer, r) in enumerate(zip(answers, cases))
             if not matches(answer, [r["precision"], r["recall"]]))
    expected = tuple(round(float(cases[i][key]), 4) for key in ("precision", "recall"))
    return wrong(f"for counts {CONFUSION_CASES[i].tolist()} the answer should be (precision, "
                 f"recall) = {expected}; got {tuple(np.round(answers[i], 4).tolist())}.")


def solution_precision_recall(counts):
    """Return (precision, recall) from the confusion counts [[TN, FP], [FN, TP]]."""
    (tn, fp), (fn, tp) = counts          # row 0: truly benign, row 1: truly malignant
    precision = tp / (tp + fp)           # column 1: everything predicted malignant
    recall = tp / (tp + fn)              # row 1: everything truly malignant
    return precision, recall


precision_recall = Exercise(
    NOTEBOOK, "precision_recall", diagnose_precision_recall,
    hints=[
        "Unpack the four counts first: `(tn, fp), (fn, tp) = counts`. Row 1 holds the truly "
        "malignant masses, column 1 the ones predicted malignant.",
        "Precision divides TP by column 1, `tp + fp`; recall divides TP by row 1, `tp + fn`. "
        "Return `precision, recall`, in that order.",
    ],
    solution=solution_precision_recall,
)
