"""Exercise checkers: they run a learner's function on prepared cases and say what is wrong.

In a notebook::

    from helpers.checks import nb04_single_point as exercises

    def update(w, b, x, y, alpha):    # the learner's code
        ...

    exercises.update.check(update)     # prints one verdict and records it; never raises
    # exercises.update.hint()          # hint 1; .hint(2) is the stronger one
    # exercises.update.solution()      # shows the solution's code (it does not run it)

A check prints exactly one line:

* ``○ not attempted yet``: the function still returns None (or raises NotImplementedError);
* ``✗`` and a named mistake with its fix (a flipped sign, a missing 1/m, ...);
* ``✗`` and where the answer is wrong, when no known mistake fits;
* ``✓ all checks passed``.

A function that never returns is stopped after ``engine.TIME_LIMIT`` seconds; one that
calls ``sys.exit()``, returns None on only some inputs, changes its arguments in place or
returns the wrong kind of thing (a list, text, booleans, complex numbers) gets its own
verdict. ``engine`` states the one conversion rule every checker follows.

Layout, in course order
-----------------------

* ``engine``: verdicts, the safe call of learner code, the conversion rule, the
  ``Exercise`` class, the progress file and table;
* one module per notebook with exercises, named ``nbNN_<notebook>``, so that a directory
  listing follows the course: ``nb01_sigmoid``, ``nb02_cross_entropy``, ``nb03_gradient``,
  ``nb04_single_point``, ``nb05_cost_surface``, ``nb06_decision_boundary``,
  ``nb07_overlap_and_stopping``, ``nb08_vs_sklearn``, ``nb09_feature_scaling``,
  ``nb10_regularisation``, ``nb11_nonlinear_boundaries``, ``nb12_softmax``,
  ``nb13_breast_cancer``, ``nb14_newton``. Each holds, in the order the notebook meets
  them, its ``diagnose_*`` functions, their solutions and the ``Exercise`` objects.

Tests mirror the layout: ``tests/checks/test_engine.py``, ``tests/checks/test_nb01_sigmoid.py``...

Progress
--------

Each check that gives a verdict (not "not attempted") saves it in a small JSON file next
to the notebooks, ``notebooks/.course_progress.json`` (git-ignored; nothing goes over
the network), or wherever the environment variable ``COURSE_PROGRESS_FILE`` points.
``progress()`` returns the table notebook 00 shows: every exercise of the course, ✓, ✗
or not yet. Deleting the file resets it.

Adding an exercise
------------------

1. In ``helpers/checks/nbNN_<notebook>.py`` (create it if the notebook has none; the
   ``NN`` keeps the course order), write the solution as an ordinary function named
   ``solution_<exercise>``. ``.solution()`` shows its source with the learner's function
   name, so write it as you want learners to read it.
2. Write ``diagnose_<exercise>(function) -> Verdict``. For each prepared case::

       result = call(function, X, y)                  # never raises; time limit, warnings
       value = returned(result, "predict(X, 0.5)")    # ends the check on crash, None, exit...
       labels = array(value, "predict(X, 0.5)", shape=(m,))   # the conversion rule

   then compare with the right answer (``matches``), and before saying "wrong" try each
   known mistake and return ``mistake("what it is and how to fix it")`` for the one that
   fits. Compute the right answer from ``helpers`` (never copy numbers from a run), and
   return ``passed("what was confirmed")`` only when every call's result was checked.
   Ending early is ``raise Finished(verdict)``.
3. Create the exercise at the end of the module, in the notebook's order::

       predict = Exercise(NOTEBOOK, "predict", diagnose_predict,
                          hints=["a nudge, in Markdown", "a stronger one"],
                          solution=solution_predict)

   For an answer that is a value (a learning rate, a threshold), pass ``value=True``,
   the value as ``solution`` and its explanation as ``note``.
4. In the notebook: import the module in the first code cell
   (``from helpers.checks import nbNN_<notebook> as exercises``); the exercise cell holds
   the stub and ``exercises.predict.check(predict)``; below it a one-line Markdown note
   and a code cell with ``# exercises.predict.hint()``, ``# exercises.predict.hint(2)``
   and ``# exercises.predict.solution()``, commented out. Never a solution cell.
5. Tests in ``tests/checks/test_nbNN_<notebook>.py``: the solution passes and agrees with
   ``helpers``; the stub is not attempted; a catalogue of plausible wrong versions, none
   of which passes, and each named mistake reaching its own message. The course-wide
   tests (``tests/checks/test_all_exercises.py``) pick the new exercise up by
   themselves: the progress table, odd return values and crashes that must never break
   the checker, and answers that differ from the right one by a little that must fail.
"""

from helpers.checks.engine import progress

__all__ = ["progress"]
