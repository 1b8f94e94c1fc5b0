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
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
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
