"""What the checker tests share: stub learner functions and assertions on verdicts.

Each ``test_nbNN_*.py`` builds a catalogue of plausible learner mistakes for its exercise:

* ``NAMED``: {phrase: [functions]}: each function must get MISTAKE with that phrase in the
  message, and different phrases must come with different messages;
* ``NEVER_PASS``: more wrong functions (and the named ones): none of them may pass.
"""

import numpy as np

from helpers.checks import engine


def stub(*args):
    """A learner's function that has not been written yet."""
    return None


def not_implemented(*args):
    """A stub that raises NotImplementedError."""
    raise NotImplementedError


def raises_odd(*args):
    """A learner's function that crashes in an unexpected way."""
    raise KeyError("something unexpected")


def assert_verdict(exercise, answer, status, *phrases):
    """The exercise's verdict on answer has this status and every phrase in its message."""
    verdict = exercise.diagnose(answer)
    assert verdict.status == status, verdict.message
    for phrase in phrases:
        assert phrase in verdict.message, verdict.message
    return verdict


def assert_named_mistakes(exercise, named):
    """Each function in named[phrase] gets MISTAKE with phrase; each phrase its own message."""
    messages = {}
    for phrase, functions in named.items():
        for function in functions:
            verdict = assert_verdict(exercise, function, engine.MISTAKE, phrase)
            messages.setdefault(verdict.message, set()).add(phrase)
    shared = {message: phrases for message, phrases in messages.items() if len(phrases) > 1}
    assert not shared, f"two named mistakes share a message: {shared}"


def assert_never_passes(exercise, functions):
    """No function in functions passes, and each gets a learner's verdict (no checker bug)."""
    for function in functions:
        verdict = exercise.diagnose(function)
        assert verdict.status in (engine.MISTAKE, engine.WRONG), (
            getattr(function, "__name__", function), verdict)


def assert_standard_outcomes(exercise):
    """Stub, NotImplementedError and an odd crash: the three verdicts every checker gives."""
    assert_verdict(exercise, stub, engine.NOT_ATTEMPTED, "not attempted")
    assert_verdict(exercise, not_implemented, engine.NOT_ATTEMPTED, "not attempted")
    assert_verdict(exercise, raises_odd, engine.WRONG, "KeyError", "something unexpected")
    assert_verdict(exercise, exercise.answer, engine.PASSED, "all checks passed")


def random_problem(seed, m=40, n=3, scale=1.0):
    """A seeded logistic-regression problem (X, y, w, b); `scale` makes the scores extreme."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * scale
    return X, rng.integers(0, 2, size=m), rng.normal(size=n) * scale, float(rng.normal() * scale)


def solution_answer_lines(exercise):
    """The lines of an exercise's solution that hand back its answer (its ``return`` lines),
    without the ``return``: the code that would give the exercise away."""
    body = [line.split("#")[0].strip() for line in exercise.solution_source().splitlines()]
    return [line.removeprefix("return ") for line in body if line.startswith("return ")]


def assert_hints_hide_the_solution(exercise, messages=()):
    """No hint, and none of ``messages`` (checker verdicts), contains the solution's answer
    line."""
    lines = solution_answer_lines(exercise)
    assert lines, "the solution has no return line"
    for line in lines:
        for text in (*exercise.hints, *messages):
            assert line not in text, (line, text)
