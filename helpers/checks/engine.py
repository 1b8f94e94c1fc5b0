"""The exercise engine: verdicts, the safe call of learner code, the one conversion rule,
the ``Exercise`` class, and the learner's progress file.

Every checker of the course is built from these pieces; the modules ``nbNN_*.py`` hold
only what is particular to one notebook. Sections, in the order a check runs:

1. verdicts: the four outcomes a learner can see;
2. calling the learner's code safely (time limit, warnings, sys.exit, arguments changed);
3. the conversion rule: what counts as a number, an array, a pair, a whole number;
4. comparing with the expected answer;
5. ``Exercise``: check, hints, solution;
6. progress: the small JSON file that remembers the latest verdict of each exercise.
"""

import copy
import functools
import importlib
import inspect
import json
import numbers
import os
import pkgutil
import re
import signal
import sys
import tempfile
import textwrap
import threading
import traceback
import warnings
from dataclasses import dataclass
from html import escape
from pathlib import Path

import numpy as np

# ---------------------------------------------------------------------------
# 1. Verdicts
# ---------------------------------------------------------------------------

NOT_ATTEMPTED = "not attempted"
MISTAKE = "mistake"          # a known mistake, named, with how to fix it
WRONG = "wrong"              # wrong in a way no known mistake explains
PASSED = "passed"
CHECKER_FAILED = "checker failed"   # a bug in the checker itself, never the learner's doing

SYMBOLS = {NOT_ATTEMPTED: "○", MISTAKE: "✗", WRONG: "✗", PASSED: "✓", CHECKER_FAILED: "⚠"}


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: a status (one of the constants above) and a message."""

    status: str
    message: str

    def __str__(self):
        return self.message


def not_attempted(message="not attempted yet. Replace the `return None` (or the "
                          "NotImplementedError) with your code, then run this again."):
    """The verdict for a stub that has not been filled in yet."""
    return Verdict(NOT_ATTEMPTED, message)


def mistake(diagnosis):
    """The verdict for a known mistake: say what it is and what to change."""
    return Verdict(MISTAKE, diagnosis)


def wrong(detail):
    """The verdict for an answer that is wrong in no way we recognise: show where."""
    return Verdict(WRONG, detail)


def passed(detail=""):
    """The verdict for an answer that passed every case."""
    return Verdict(PASSED, f"all checks passed.{' ' + detail if detail else ''}")


class Finished(Exception):
    """Raised inside a diagnosis to end it at once with ``verdict``.

    ``returned`` and the conversions below raise it, so a diagnosis reads as a straight
    line: ``value = array(returned(call(f, X), "f(X)"), "f(X)")``. ``Exercise`` catches it.
    """

    def __init__(self, verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


# ---------------------------------------------------------------------------
# 2. Calling the learner's code
# ---------------------------------------------------------------------------

TIME_LIMIT = 10.0   # seconds one call of a learner's function may take


@dataclass
class Call:
    """What happened when the learner's function was called once."""

    value: object = None
    error: BaseException = None
    warnings: tuple = ()
    timed_out: bool = False
    time_limit: float = TIME_LIMIT   # the seconds it was allowed
    changed: tuple = ()      # names of the array arguments the function changed in place

    @property
    def returned_nothing(self):
        """True for a stub: it returned None or raised NotImplementedError."""
        return ((self.error is None and not self.timed_out and self.value is None)
                or isinstance(self.error, NotImplementedError))


class _OutOfTime(BaseException):
    """Raised by the alarm inside a learner's function that ran past the time limit.

    A BaseException, so that ``except Exception`` in the learner's code does not swallow it.
    """


def time_limit_available():
    """True where a call can be stopped after TIME_LIMIT: Unix, in the main thread.

    That is where a Jupyter kernel runs a cell. Elsewhere calls run without a limit.
    """
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread())


_calls = None   # the Calls of the check running now (a list), so `returned` can compare


def call(function, *args, time_limit=None):
    """Call function(*args) once and record what happened; never raise (but see below).

    * The function gets deep copies of list and array arguments; afterwards ``changed``
      names the arrays it modified in place (the caller's own data would have changed).
    * Numpy floating-point problems (overflow, divide by zero, invalid) become recorded
      warnings, whatever the notebook's ``np.seterr`` says; nothing reaches stderr.
    * After ``time_limit`` seconds (default TIME_LIMIT) the call is stopped and
      ``timed_out`` is set, where ``time_limit_available()``. A checker that runs a
      long loop on purpose (10 000 updates, say) passes a multiple of TIME_LIMIT.
    * Any exception, including ``SystemExit`` from ``sys.exit()``, is recorded in
      ``error``. Only ``KeyboardInterrupt`` (the learner pressing stop) goes through.
    """
    given = [copy.deepcopy(a) if isinstance(a, (np.ndarray, list)) else a for a in args]
    seconds = TIME_LIMIT if time_limit is None else time_limit
    result = Call(time_limit=seconds)
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            result.value, result.timed_out = _run_with_time_limit(function, given, seconds)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: B036 - the learner's code may raise anything
            result.error = exc
    result.warnings = tuple(str(w.message) for w in caught)
    result.changed = tuple(_parameter_name(function, i) for i, (before, after)
                           in enumerate(zip(args, given))
                           if isinstance(before, np.ndarray) and not _same_array(before, after))
    if _calls is not None:
        _calls.append(result)
    return result


def _run_with_time_limit(function, args, seconds):
    """(value, timed_out) of function(*args), stopped by SIGALRM after `seconds` if possible."""
    if not time_limit_available():
        return function(*args), False
    fired = []

    def alarm(signum, frame):
        fired.append(True)
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        try:
            # Repeat every 0.5 s in case the learner's code catches the first one.
            signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
            value = function(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _OutOfTime:
        return None, True
    finally:
        signal.signal(signal.SIGALRM, previous)
    return (None, True) if fired else (value, False)


def _same_array(before, after):
    return (isinstance(after, np.ndarray) and before.shape == after.shape
            and before.dtype == after.dtype and np.array_equal(before, after, equal_nan=True))


def _parameter_name(function, index):
    """The name of the function's parameter number `index`, for messages."""
    try:
        names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        names = []
    return names[index] if index < len(names) else f"argument {index + 1}"


def returned(result, where):
    """The value in ``result`` (a Call); end the check with a verdict when there is none.

    ``where`` names the call in messages, e.g. ``"update(1.0, 1.0, 2.0, 1, 0.5)"``.
    Ends the check (raises ``Finished``) when the call timed out, called sys.exit(),
    returned nothing (not attempted, or None on only some inputs), raised, or changed
    one of its array arguments in place.
    """
    if result.timed_out:
        raise Finished(wrong(f"{where} did not finish within {result.time_limit:g} s: is "
                             "there a loop that never ends?"))
    if isinstance(result.error, SystemExit):
        raise Finished(mistake(f"{where} called sys.exit() (or raised SystemExit), which "
                               "would stop the whole program. Hand the answer back with "
                               "`return`; to complain about bad input, raise ValueError."))
    if result.returned_nothing:
        if any(not other.returned_nothing for other in (_calls or []) if other is not result):
            what = ("raised NotImplementedError" if result.error is not None
                    else "returned None")
            raise Finished(mistake(
                f"{where} {what}, although it returns a value for other inputs. Some path "
                "through the function ends without a `return` (check every if/else branch "
                "and what happens after a loop)."))
        raise Finished(not_attempted())
    if result.error is not None:
        raise Finished(wrong(f"{where} raised {crash_description(result.error)}"))
    if result.changed:
        names = " and ".join(f"`{name}`" for name in result.changed)
        raise Finished(mistake(
            f"{where} changed its argument {names} in place, so the caller's own array "
            "changes too. Build new arrays instead (`z = z - m`, not `z -= m`; "
            "`np.where(...)` rather than assigning into the argument), or work on a copy "
            "(`z = np.array(z, dtype=float)` copies)."))
    return result.value


def crash_description(error):
    """'TypeError: message (at `the learner's line`)': what a learner needs to find a crash."""
    text = f"{type(error).__name__}: {error}"
    line = _learner_line(error)
    if line:
        text += f" (at `{line}`)"
    if isinstance(error, TypeError) and re.search(r"positional argument|unexpected keyword",
                                                  str(error)):
        text += ". Check the function's parameters against the call above."
    return text


# The course's own package (helpers/, the checks included): a crash inside a helper the
# learner called (a `raise` in helpers/validation.py, say) is quoted at the learner's call.
_COURSE_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _learner_line(error):
    """The source line, in the learner's code, where error was raised (or '').

    Frames in numpy, the standard library, installed packages and the course's own
    ``helpers`` package are skipped: the line quoted is the learner's last line on the way.
    """
    library = (os.path.dirname(np.__file__), _COURSE_PACKAGE, os.path.dirname(os.__file__))
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        filename = os.path.abspath(frame.filename)
        if frame.line and not (filename.startswith(library)
                               or re.search(r"[/\\](site|dist)-packages[/\\]", filename)):
            return frame.line.strip()
    return ""


def watched(function, targets, calls):
    """``function`` wrapped so that, while it runs, each call of one of ``targets`` (the
    course's own functions) is appended to the list ``calls`` as (name, its arguments by
    name), whether the learner's code makes it directly or through functions of its own.
    A checker uses it to tell when a helper did the exercise's work."""
    codes = {target.__code__: target.__name__ for target in targets}

    def profile(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            calls.append((codes[frame.f_code], dict(frame.f_locals)))

    @functools.wraps(function)
    def run(*args):
        previous = sys.getprofile()
        sys.setprofile(profile)
        try:
            return function(*args)
        finally:
            sys.setprofile(previous)

    return run


def describe(value, limit=70):
    """A short, safe description of any value the learner returned, for messages."""
    try:
        return _describe(value, limit)
    except Exception:  # the learner's object may break any of the methods used
        return f"a {type(value).__name__}"


def _describe(value, limit):
    if isinstance(value, np.ndarray):
        text = f"an array of shape {value.shape}"
        if value.size <= 6 and value.dtype.kind in "biufc":
            text += f" {np.array2string(value, precision=6, separator=', ')}"
        return text
    if isinstance(value, list | tuple) and len(value) <= 6 and all(
            isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value):
        brackets = "[]" if isinstance(value, list) else "()"
        return brackets[0] + ", ".join(f"{float(v):.6g}" for v in value) + brackets[1]
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ---------------------------------------------------------------------------
# 3. The conversion rule: one for every checker
# ---------------------------------------------------------------------------
#
# * a number: an int or float (Python or numpy, not bool), or a 0-d numpy array of them;
# * an array: a numpy ndarray of ints or floats, of the shape asked for. A list is refused
#   (list * 0.5 fails), and so are bool, complex, text and object arrays;
# * a pair: anything `first, second = result` unpacks into two: a tuple, a list or an
#   array of length 2; each part then follows the rules above;
# * a whole number: an int (Python or numpy), not a float such as 6.0.
# Anything else is refused with a message that says what came back and how to fix it.


def _kind_problem(value, wanted="a numpy array"):
    """Why value is not made of real numbers ('' when it is), with the fix.

    ``wanted`` ("one number", "a numpy array", "a whole number") is what the caller asks for.
    """
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray)
                                               and value.dtype.kind == "b"):
        return ("True/False values where numbers are asked for. A comparison such as "
                "p >= 0.5 gives booleans: turn them into numbers with .astype(int) or "
                ".astype(float)")
    if isinstance(value, (complex, np.complexfloating)) or (isinstance(value, np.ndarray)
                                                          and value.dtype.kind == "c"):
        return ("complex numbers (like 1+2j): a square root or a fractional power of a "
                "negative number makes them. Every number here is real")
    if isinstance(value, (str, bytes)) or (isinstance(value, np.ndarray)
                                           and value.dtype.kind in "USa"):
        return f"text ({describe(value)}) where numbers are asked for: drop the quotes"
    if isinstance(value, np.ndarray) and type(value) is not np.ndarray:
        return (f"a {type(value).__name__} (a special kind of numpy array): return a plain "
                "array, np.asarray(...)")
    if isinstance(value, np.ndarray) and value.dtype.kind not in "iuf":
        return (f"an array of dtype {value.dtype} where numbers are asked for: build it from "
                "numbers, e.g. with numpy operations, not from a mixture of objects")
    if isinstance(value, np.ndarray) or (isinstance(value, numbers.Real)
                                         and not isinstance(value, bool)):
        return ""
    if value is None:
        return "None where numbers are asked for: is a `return` missing?"
    if isinstance(value, (list, tuple)):
        fix = ("Use numpy operations on arrays, or wrap the result in np.array(...)"
               if wanted == "a numpy array" else "Return the number itself, without brackets")
        return f"a {type(value).__name__} ({describe(value)}) where {wanted} is asked for. {fix}"
    return f"{describe(value)} (a {type(value).__name__}) where numbers are asked for"


def _refuse(where, part, problem):
    """End the check: what came back (``part`` of the result of ``where``) was not usable."""
    verb = "returned" if "(" in where else "is"   # a call, or the name of a variable
    raise Finished(mistake(f"{where} {f'{verb}, as {part},' if part else verb} {problem}."))


def number(value, where, part=None):
    """``value`` as a float if it is one real number (see the rule above); else end the check.

    ``where`` is the call that returned it ("f(2)") or the name of a variable ("my_alpha");
    ``part`` names a part of the result ("dj_db"). The conversions below take the same.
    """
    problem = _kind_problem(value, "one number")
    if not problem and isinstance(value, np.ndarray) and value.ndim > 0:
        problem = (f"an array of shape {value.shape} where one number is asked for" +
                   (": take the single number out with float(...) or .item(), or use "
                    "np.mean/np.sum, which return one number" if value.size == 1 else ""))
    if problem:
        _refuse(where, part, problem)
    try:
        return float(value)
    except Exception:  # a huge int overflows; a learner's float subclass may do anything
        raise Finished(wrong(f"{where} returned {describe(value)}, which is not usable as "
                             "a float.")) from None


def array(value, where, shape=None, part=None):
    """``value`` as a float array if it is a numpy array of numbers of ``shape``; else end."""
    problem = _kind_problem(value)
    if not problem and not isinstance(value, np.ndarray):
        problem = f"one number ({describe(value)}) where an array is asked for"
    if not problem and shape is not None and value.shape != tuple(shape):
        problem = f"an array of shape {value.shape} where shape {tuple(shape)} is asked for"
        if value.size == int(np.prod(shape)) and value.ndim == 2 and 1 in value.shape:
            problem += (": a column or row where a flat array is expected. Keep arrays flat "
                        "(avoid reshape(-1, 1)), or flatten the result with .ravel()")
    if problem:
        _refuse(where, part, problem)
    return value.astype(float)


def pair(value, where):
    """``(first, second)`` if value unpacks into exactly two items; else end the check."""
    if isinstance(value, (tuple, list)) or (type(value) is np.ndarray and value.ndim > 0):
        try:
            items = tuple(value)
        except Exception:  # a learner's sequence type may be broken
            items = None
        if items is not None and len(items) == 2:
            return items
        count = "some" if items is None else len(items)
        raise Finished(mistake(f"{where} returned {count} items ({describe(value)}); "
                               "expected a pair: `return first, second`."))
    raise Finished(mistake(f"{where} returned {describe(value)}; expected a pair of two "
                           "results: `return first, second`."))


def whole_number(value, where, part=None):
    """``value`` as an int if it is an int (Python or numpy, not bool); else end the check."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        try:
            return int(value)
        except Exception:  # a learner's int subclass may do anything
            raise Finished(wrong(f"{where} returned {describe(value)}, which is not usable "
                                 "as an int.")) from None
    problem = _kind_problem(value, "a whole number")
    if not problem:
        problem = f"{describe(value)}, a {type(value).__name__}, where a whole number is asked for"
        if isinstance(value, (float, np.floating)) and _is_whole(value):
            problem += (": / always gives a float; use // for whole-number division, or "
                        "int(...)")
    _refuse(where, part, problem)


def _is_whole(value):
    """True for a float such as 6.0 (False when the learner's float cannot even say)."""
    try:
        return float(value).is_integer()
    except Exception:  # a learner's float subclass may do anything
        return False


# ---------------------------------------------------------------------------
# 4. Comparing with the expected answer
# ---------------------------------------------------------------------------

def matches(value, expected, rtol=1e-6, atol=1e-9):
    """True when value (already converted) has expected's shape and agrees with it.

    NaN never matches anything, so an answer that is NaN somewhere is never accepted.
    """
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    return value.shape == expected.shape and bool(
        np.allclose(value, expected, rtol=rtol, atol=atol, equal_nan=False))


def first_difference(value, expected, rtol=1e-6, atol=1e-9):
    """(flat index, got, expected) of the first entry where value and expected disagree."""
    value, expected = np.ravel(value), np.ravel(expected)
    bad = np.flatnonzero(~np.isclose(value, expected, rtol=rtol, atol=atol, equal_nan=False))
    i = int(bad[0]) if bad.size else 0
    return i, float(value[i]), float(expected[i])


# ---------------------------------------------------------------------------
# 5. Exercise: check, hints and solution on request
# ---------------------------------------------------------------------------

class Exercise:
    """One exercise of one notebook: how to check an answer, hints, and the solution.

    ``notebook`` is the notebook's file name without ``.ipynb``; ``name`` the name the
    learner's function (or variable) has in the notebook. ``diagnose(answer)`` returns a
    Verdict (it may raise ``Finished``). ``hints`` are one or two Markdown texts, mildest
    first. ``solution`` is a function in the checker's module (its source is shown, with
    the learner's ``name``) or, with ``value=True``, the answer itself; ``note`` is shown
    under it.
    """

    def __init__(self, notebook, name, diagnose, hints, solution, value=False, note=""):
        if not 1 <= len(hints) <= 2:
            raise ValueError(f"an exercise has one or two hints; got {len(hints)}")
        self.notebook, self.name = notebook, name
        self.diagnose_answer, self.hints, self.answer = diagnose, tuple(hints), solution
        self.value, self.note = value, note

    def __repr__(self):
        return f"<exercise {self.name!r} of notebook {self.notebook}>"

    def diagnose(self, answer):
        """The Verdict on ``answer``, without printing or recording anything."""
        global _calls
        if self.value and answer is None:
            return not_attempted("not attempted yet. Replace None with your answer, then "
                                 "run this again.")
        if not self.value and not callable(answer):
            return mistake(f"expected the function itself, `.check({self.name})`; got "
                           f"{describe(answer)}. Pass the function's name without "
                           "parentheses: with them you pass what it returns.")
        outer, _calls = _calls, []
        try:
            # The checker's own arithmetic on odd answers (1e304, say) must not warn; the
            # learner's code, run by `call`, still has its warnings recorded.
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                verdict = self.diagnose_answer(answer)
        except Finished as finished:
            verdict = finished.verdict
        except Exception as exc:  # a bug in the checker: say so, never blame the learner
            verdict = Verdict(CHECKER_FAILED, f"the check itself failed ({type(exc).__name__}: "
                                              f"{exc}); please report this.")
        finally:
            _calls = outer
        if not isinstance(verdict, Verdict):
            verdict = Verdict(CHECKER_FAILED, f"the check gave no verdict ({verdict!r}); "
                                              "please report this.")
        return verdict

    def passes(self, answer):
        """True when ``answer`` passes the check; prints and records nothing.

        For a cell after the exercise that uses the learner's function: it runs the
        function only once it is right, and otherwise says to finish the exercise first.
        """
        return self.diagnose(answer).status == PASSED

    def line(self, verdict):
        """The line printed for a verdict: symbol, name, message."""
        return f"{SYMBOLS[verdict.status]} {self.name}: {verdict.message}"

    def check(self, answer):
        """Print the verdict on ``answer`` in one line and remember it; never raise."""
        verdict = self.diagnose(answer)
        print(self.line(verdict))
        if not time_limit_available():
            _note_once("(This Python cannot stop a function that runs forever; press the "
                       "stop button ■ if a check does not finish.)")
        if verdict.status in (MISTAKE, WRONG, PASSED):
            problem = record(self.notebook, self.name, verdict.status)
            if problem:
                print(problem)

    def hint(self, level=1):
        """Show hint number ``level`` (1 is the mildest)."""
        count = len(self.hints)
        if not (isinstance(level, int) and 1 <= level <= count):
            levels = " and ".join(f".hint({k})" for k in range(1, count + 1))
            print(f"{self.name} has {count} hint{'s' if count > 1 else ''}: {levels}.")
            return
        show_markdown(f"**Hint {level} of {count}** for `{self.name}`\n\n{self.hints[level - 1]}")

    def solution_source(self):
        """The solution as the learner would write it in the notebook."""
        if self.value:
            return f"{self.name} = {self.answer!r}"
        source = textwrap.dedent(inspect.getsource(self.answer))
        return re.sub(rf"^def {re.escape(self.answer.__name__)}\(", f"def {self.name}(",
                      source, count=1, flags=re.M).rstrip()

    def solution(self):
        """Show the solution's code (shown only: it does not replace your function)."""
        text = f"**Solution** for `{self.name}`\n\n```python\n{self.solution_source()}\n```"
        show_markdown(text + (f"\n\n{self.note}" if self.note else ""))


def show_markdown(text):
    """Display Markdown in a notebook; print it as plain text anywhere else."""
    try:  # IPython is there whenever a notebook runs, but plain Python may lack it
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:
        print(text)
        return
    if get_ipython() is None:
        print(text)
    else:
        display(Markdown(text))


_noted = set()


def _note_once(text):
    if text not in _noted:
        _noted.add(text)
        print(text)


def course_exercises():
    """Every exercise of the course in course order: the ``Exercise`` objects of every
    ``nbNN_*`` module, module by module, each module's in the order it defines them."""
    package = importlib.import_module(__package__)
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__)
                   if re.fullmatch(r"nb\d\d_\w+", info.name))
    modules = [importlib.import_module(f"{__package__}.{name}") for name in names]
    return [value for module in modules for value in vars(module).values()
            if isinstance(value, Exercise)]


# ---------------------------------------------------------------------------
# 6. Progress: the latest verdict of each exercise, in a small JSON file
# ---------------------------------------------------------------------------

PROGRESS_VARIABLE = "COURSE_PROGRESS_FILE"
PROGRESS_NAME = ".course_progress.json"


def progress_file():
    """Where progress is kept: $COURSE_PROGRESS_FILE if set, else next to the notebooks.

    "Next to the notebooks" is the course's notebooks/ folder, or the current folder
    (a notebook's kernel runs in the notebook's folder) when helpers is installed elsewhere.
    """
    if os.environ.get(PROGRESS_VARIABLE):
        return Path(os.environ[PROGRESS_VARIABLE])
    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    return (notebooks if notebooks.is_dir() else Path.cwd()) / PROGRESS_NAME


class ProgressError(Exception):
    """The progress file exists but cannot be read or is not what this module writes."""


def read_progress(path=None):
    """{notebook: {exercise: status}} from the progress file; {} when there is none."""
    path = progress_file() if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgressError(f"cannot read {path.name} ({type(exc).__name__})") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ProgressError(f"{path.name} is damaged (not JSON); delete it to start "
                            "afresh") from exc
    if not (isinstance(data, dict) and all(
            isinstance(results, dict) and all(isinstance(s, str) for s in results.values())
            for results in data.values())):
        raise ProgressError(f"{path.name} is damaged (not a progress record); delete it to "
                            "start afresh")
    return data


def record(notebook, name, status, path=None):
    """Save ``status`` as the latest result of one exercise; return a problem line or None."""
    path = progress_file() if path is None else Path(path)
    try:
        data = read_progress(path)
    except ProgressError as exc:
        return f"(Progress not saved: {exc}.)"
    data.setdefault(notebook, {})[name] = status
    temporary = None
    try:  # write a new file, then rename it: a crash never leaves half a file
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=1, sort_keys=True, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary and os.path.exists(temporary):
            os.remove(temporary)
        return f"(Progress not saved: cannot write {path.name}: {exc.strerror or exc}.)"
    return None


MARKS = {PASSED: "✓", MISTAKE: "✗", WRONG: "✗"}


class ProgressTable:
    """Every exercise of the course with the learner's latest result: ✓, ✗ or not yet."""

    def __init__(self, rows, problem=None):
        self.rows, self.problem = rows, problem

    @property
    def summary(self):
        done = sum(mark == "✓" for _, _, mark in self.rows)
        text = f"Your progress: {done} of {len(self.rows)} exercises passed."
        return f"{text} ({self.problem}.)" if self.problem else text

    def __repr__(self):
        left = max([len("notebook")] + [len(notebook) for notebook, _, _ in self.rows]) + 2
        middle = max([len("exercise")] + [len(name) for _, name, _ in self.rows]) + 2
        lines = [self.summary, f"{'notebook':<{left}}{'exercise':<{middle}}result"]
        lines += [f"{notebook:<{left}}{name:<{middle}}{mark}" for notebook, name, mark in self.rows]
        return "\n".join(lines)

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td><a href='{escape(notebook)}.ipynb'>{escape(notebook)}</a></td>"
            f"<td><code>{escape(name)}</code></td><td>{escape(mark)}</td></tr>"
            for notebook, name, mark in self.rows)
        return (f"<p>{escape(self.summary)}</p><table><thead><tr><th>notebook</th>"
                f"<th>exercise</th><th>result</th></tr></thead><tbody>{rows}</tbody></table>")


def progress():
    """The progress table: every exercise of the course, in course order."""
    try:
        results, problem = read_progress(), None
    except ProgressError as exc:
        results, problem = {}, str(exc)
    rows = [(e.notebook, e.name, MARKS.get(results.get(e.notebook, {}).get(e.name), "not yet"))
            for e in course_exercises()]
    return ProgressTable(rows, problem)
