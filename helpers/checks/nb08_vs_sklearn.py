"""Notebook 08, checking against scikit-learn: ``sklearn_C(lambda_, m)``, the C for our λ."""

import numpy as np

from helpers.checks.engine import Exercise, call, mistake, number, passed, returned, wrong

NOTEBOOK = "08_vs_sklearn"

C_CASES = ((2.0, 100), (0.1, 50), (4.0, 1000), (0.5, 7))
SAME_LAMBDA_OTHER_M = (2.0, 10)   # the first case's λ with another m: C must not change


def diagnose_sklearn_C(function):
    """Check sklearn_C(lambda_, m) -> the C that makes sklearn fit our penalised cost (1/λ)."""
    values = []
    for lam, m in C_CASES + (SAME_LAMBDA_OTHER_M,):
        where = f"sklearn_C({lam}, {m})"
        values.append(number(returned(call(function, lam, m), where), where))
    *values, other_m = values
    lams = np.array([lam for lam, _ in C_CASES])
    values = np.array(values)
    if np.allclose(values, 1 / lams) and np.isclose(other_m, values[0]):
        return passed("C = 1/λ, whatever m is.")
    if np.allclose(values, lams):
        return mistake("it returns λ itself. C is the weight on the data term, the inverse of "
                       "the penalty's strength: a large λ (strong penalty) means a small C.")
    if not np.isclose(other_m, values[0]):
        return mistake("its answer changes with m. Our cost divides both the data term and "
                       "the penalty by m: (1/m)Σloss + (λ/2m)‖w‖². Multiply it by m/λ and you "
                       "get (1/λ)Σloss + ½‖w‖², sklearn's form, so m cancels.")
    if np.allclose(values, 2 / lams) or np.allclose(values, 1 / (2 * lams)):
        return mistake("a factor of 2 too many: both our penalty (λ/2m)‖w‖² and sklearn's "
                       "½‖w‖² carry the ½, so it cancels and C = 1/λ.")
    if np.allclose(values, 1 // lams):
        return mistake("// is whole-number division: 1 // 2.0 is 0.0. Use / for C = 1/λ.")
    if np.allclose(values, -1 / lams):
        return mistake("C comes out negative; scikit-learn needs C > 0. C = 1/λ.")
    (lam, m), value = next(((case, v) for case, v in zip(C_CASES, values)
                            if not np.isclose(v, 1 / case[0])), (SAME_LAMBDA_OTHER_M, other_m))
    return wrong(f"sklearn_C({lam}, {m}) returned {value:g}; expected {1 / lam:g}.")


def solution_sklearn_C(lambda_, m):
    """Return the C for scikit-learn that fits the same model as our λ (m cancels)."""
    # (1/m)Σloss + (λ/2m)‖w‖², times m/λ, is (1/λ)Σloss + ½‖w‖²: m cancels.
    return 1 / lambda_


sklearn_C = Exercise(
    NOTEBOOK, "sklearn_C", diagnose_sklearn_C,
    hints=[
        "scikit-learn minimises C·Σloss + ½‖w‖²; our cost is (1/m)Σloss + (λ/2m)‖w‖². Two "
        "costs have the same minimum when one is a positive multiple of the other. Which "
        "multiple turns ours into theirs?",
        "Multiply our cost by m/λ: (1/λ)Σloss + ½‖w‖². Compare the factor in front of Σloss "
        "with C.",
    ],
    solution=solution_sklearn_C,
)
