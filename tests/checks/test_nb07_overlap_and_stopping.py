"""Notebook 07's exercise: stopping_iteration(costs, tol). The solution and a catalogue."""

import numpy as np
from learner import assert_named_mistakes, assert_never_passes, assert_standard_outcomes, stub

from helpers import data, gradient_descent
from helpers.checks import nb07_overlap_and_stopping as exercises

EXERCISE = exercises.stopping_iteration
solution = EXERCISE.answer


def test_solution_stops_where_gradient_descent_stops():
    for name, alpha, tol in (("six_points", 0.1, 1e-3), ("clusters_overlapping", 0.1, 1e-4),
                             ("six_points", 1.0, 1e-6)):
        X, y = data.load(name)
        _, _, full = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, 1000)
        _, _, stopped = gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, alpha, 1000, tol=tol)
        assert solution(full.cost, tol) == stopped.iterations, (name, tol)


def test_the_prepared_cases_have_the_answers_the_rule_gives_by_hand():
    cases = exercises.stopping_cases()
    by_hand = {"falling": 5, "never_small": 2, "rising": 2, "equal_to_tol": 4,
               "back_to_start": 3, "two_plateaus": 2}
    assert {key: solution(*cases[key]) for key in by_hand} == by_hand


def test_stub_crash_and_solution():
    assert_standard_outcomes(EXERCISE)


def first_k(condition):
    """A stopping rule from a condition on (previous cost, cost, tol)."""
    def stopping_iteration(costs, tol):
        for k in range(1, len(costs)):
            if condition(costs[k - 1], costs[k], tol):
                return k
        return len(costs) - 1
    return stopping_iteration


def loop_from_zero(costs, tol):
    for k in range(len(costs)):
        if abs(costs[k - 1] - costs[k]) < tol:
            return k
    return len(costs) - 1


def none_when_never(costs, tol):
    for k in range(1, len(costs)):
        if abs(costs[k - 1] - costs[k]) < tol:
            return k


def vectorised_index(costs, tol):
    return int(np.argmax(np.abs(np.diff(costs)) < tol))


def vectorised_index_fixed_never(costs, tol):
    small = np.abs(np.diff(costs)) < tol
    return int(np.argmax(small)) if small.any() else len(costs) - 1


def one_more_where_it_stops(costs, tol):
    for k in range(1, len(costs)):
        if abs(costs[k - 1] - costs[k]) < tol:
            return k + 1
    return len(costs) - 1


def compared_with_start(costs, tol):
    for k in range(1, len(costs)):
        if abs(costs[0] - costs[k]) < tol:
            return k
    return len(costs) - 1


def last_small_change(costs, tol):
    answer = len(costs) - 1
    found = False
    for k in range(1, len(costs)):
        if abs(costs[k - 1] - costs[k]) < tol:
            answer, found = k, True
    return answer if found else len(costs) - 1


def last_small_change_vectorised(costs, tol):
    small = np.flatnonzero(np.abs(np.diff(costs)) < tol)
    return int(small[-1]) + 1 if small.size else len(costs) - 1


def zero_when_never(costs, tol):
    small = np.abs(np.diff(costs)) < tol
    return int(np.argmax(small)) + 1 if small.any() else 0


def sorting(costs, tol):
    answer = solution(costs, tol)
    costs.sort()
    return answer


NAMED = {
    "very first update": [first_k(lambda before, after, tol: after - before < tol)],
    "a cost that rises from 1.0 to 1.5": [first_k(lambda before, after, tol: before - after < tol)],
    "off by one": [lambda costs, tol: solution(costs, tol) - 1,
                   lambda costs, tol: solution(costs, tol) + 1, vectorised_index_fixed_never,
                   one_more_where_it_stops],
    "compares each cost with costs[0]": [compared_with_start],
    "returns the last update whose change is below tol": [last_small_change,
                                                          last_small_change_vectorised],
    "compares the square of the change": [first_k(lambda before, after, tol:
                                                  (before - after) ** 2 < tol)],
    "returned None. The run then does every update": [none_when_never],
    "the answer is len(costs) − 1 = 2; it returned 0": [zero_when_never, vectorised_index],
    "strictly below tol, < and not <=": [first_k(lambda before, after, tol:
                                                 abs(before - after) <= tol)],
    "the loop starts at k = 0": [loop_from_zero],
    "one of the costs": [lambda costs, tol: costs[solution(costs, tol)]],
    "use // for whole-number division": [lambda costs, tol: float(solution(costs, tol))],
    "changed its argument `costs` in place": [sorting],
}


NEVER_PASS = [
    lambda costs, tol: 7,
    first_k(lambda before, after, tol: abs(before - after) / abs(before) < tol),
    first_k(lambda before, after, tol: abs(before - after) > tol),
    lambda costs, tol: len(costs) - 1,
] + [function for functions in NAMED.values() for function in functions]


def test_each_named_mistake_gets_its_own_message():
    assert_named_mistakes(EXERCISE, NAMED)


def test_no_wrong_rule_passes():
    assert_never_passes(EXERCISE, NEVER_PASS)


def test_off_by_one_is_said_only_when_a_shift_of_one_fixes_every_stop():
    for function in [compared_with_start, last_small_change,
                     first_k(lambda before, after, tol: (before - after) ** 2 < tol)]:
        assert "off by one" not in EXERCISE.diagnose(function).message


def test_no_hint_or_message_shows_the_solutions_code():
    """Hints and verdicts name the mistake; only .solution() shows the code."""
    lines = [line.strip() for line in EXERCISE.solution_source().splitlines()[1:]
             if line.strip() and not line.strip().startswith('"""')]
    texts = list(EXERCISE.hints) + [EXERCISE.diagnose(function).message
                                    for functions in NAMED.values() for function in functions]
    for text in texts:
        for line in lines:
            assert line not in text, (line, text)


def test_passes_gates_the_cell_after_the_exercise(capsys):
    """The notebook runs the learner's function after the exercise only when this is True."""
    assert EXERCISE.passes(solution) is True
    assert EXERCISE.passes(stub) is False
    assert EXERCISE.passes(loop_from_zero) is False
    assert EXERCISE.passes(none_when_never) is False
    assert capsys.readouterr().out == ""
