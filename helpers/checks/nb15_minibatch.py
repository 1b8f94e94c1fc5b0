"""Notebook 15, mini-batch descent: ``minibatch_descent(X, y, w, b, alpha, epochs, batch_size,
seed)``, the loop over epochs and shuffled batches, returning (w, b).

The right answer comes from ``helpers.logistic.minibatch_gradient_descent``. Each known
mistake is replayed by ``slipped_run`` with the same seed, so the checker can tell which
one the learner made: the random draws are part of the exercise's contract (one
``rng = np.random.default_rng(seed)`` per run, one ``order = rng.permutation(m)`` at the
start of every epoch).
"""

import numpy as np

from helpers import logistic
from helpers.checks.engine import (Exercise, array, call, matches, mistake, number, pair, passed,
                                   returned, wrong)

NOTEBOOK = "15_minibatch"


def problem(m=23, seed=15):
    """A seeded problem the classes overlap on: X (m, 2), labels y from a noisy logistic model."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 2))
    y = (rng.random(m) < logistic.sigmoid(X @ np.array([1.5, -1.0]) + 0.3)).astype(float)
    return X, y


def minibatch_cases():
    """{name: (X, y, w, b, alpha, epochs, batch_size, seed)}.

    "short last batch": m = 23 and B = 5, so every epoch ends with a batch of 3 rows;
    "one example, one epoch": B = 1, where a run of epochs − 1 passes changes nothing;
    "whole set": B = m, plain gradient descent, where the shuffle changes nothing.
    """
    X, y = problem()
    start = np.array([0.2, -0.1])
    return {
        "short last batch": (X, y, start, 0.1, 0.5, 3, 5, 1),
        "one example, one epoch": (X, y, start, 0.1, 0.3, 1, 1, 2),
        "whole set": (X, y, start, 0.1, 1.0, 4, 23, 3),
    }


def show(X, y, w, b, alpha, epochs, batch_size, seed):
    """How one case appears in messages."""
    return (f"minibatch_descent(X, y, w, b, alpha={alpha:g}, epochs={epochs}, "
            f"batch_size={batch_size}, seed={seed}) with m = {X.shape[0]} examples")


def right_answer(X, y, w, b, alpha, epochs, batch_size, seed):
    """(w, b) from helpers.logistic.minibatch_gradient_descent."""
    w_end, b_end, _ = logistic.minibatch_gradient_descent(X, y, w, b, alpha, epochs,
                                                          batch_size, seed=seed)
    return w_end, b_end


def slipped_run(X, y, w, b, alpha, epochs, batch_size, seed, shuffle="every epoch",
                labels="same order", last="kept", divide_by="batch", whole_set=False,
                sign=-1, move_b=True):
    """The run with one known slip; with the defaults it is the right run.

    shuffle: "every epoch", "once" (one order for every epoch) or "never";
    labels: "same order", "unshuffled" (X shuffled, y not) or "own order" (a second
    permutation for y); last: "kept", "dropped", "last B rows" (the last batch is the
    final B rows, overlapping the one before), "filled" (topped up from the start of the
    order) or "twice" (used for two updates); divide_by: "batch", "B" or "m";
    whole_set: every update uses all of X; sign: −1 descends, +1 ascends; move_b: False
    leaves b where it started.
    """
    m = X.shape[0]
    rng = np.random.default_rng(seed)
    first_order = rng.permutation(m) if shuffle == "once" else None
    for _ in range(epochs):
        order = {"every epoch": lambda: rng.permutation(m), "once": lambda: first_order,
                 "never": lambda: np.arange(m)}[shuffle]()
        label_order = {"same order": order, "unshuffled": np.arange(m)}.get(labels)
        if label_order is None:
            label_order = rng.permutation(m)
        for positions in batch_positions(m, batch_size, last):
            rows, label_rows = order[positions], label_order[positions]
            X_batch, y_batch = (X, y) if whole_set else (X[rows], y[label_rows])
            error = logistic.sigmoid(X_batch @ w + b) - y_batch
            size = {"batch": len(y_batch), "B": batch_size, "m": m}[divide_by]
            w = w + sign * alpha * (X_batch.T @ error) / size
            if move_b:
                b = b + sign * alpha * error.sum() / size
    return w, b


def batch_positions(m, batch_size, last):
    """The positions in the shuffled order that each batch of one epoch takes."""
    batches = [np.arange(start, min(start + batch_size, m)) for start in range(0, m, batch_size)]
    if len(batches[-1]) == batch_size or last == "kept":
        return batches
    short = batches.pop()
    extra = {"dropped": [], "last B rows": [np.arange(m - batch_size, m)],
             "filled": [np.concatenate([short, np.arange(batch_size - len(short))])],
             "twice": [short, short]}[last]
    return batches + extra


def known_runs(case):
    """[(message, (w, b))] for every known mistake on one case."""
    X, y, w, b, alpha, epochs, batch_size, seed = case
    m = X.shape[0]
    short = m % batch_size
    args = (X, y, w, b, alpha)
    batches = -(-m // batch_size)
    runs = [
        ("X and y are never shuffled: the batches come in the same order every epoch. At the "
         "start of each epoch draw `order = rng.permutation(m)` and cut the batches from that "
         "order.", dict(shuffle="never")),
        ("it shuffles once, before the first epoch, and keeps that order: every epoch then sees "
         "the same batches. Draw a new `order = rng.permutation(m)` at the start of every "
         "epoch, inside the epoch loop.", dict(shuffle="once")),
        ("X is shuffled but y is not, so each row is trained with another row's label. Take "
         "the same rows of both: `X[rows]` and `y[rows]` with one `rows`.",
         dict(labels="unshuffled")),
        ("X and y are shuffled with two different permutations (rng.permutation is called twice), "
         "so the rows meet the wrong labels. Draw one `order` per epoch and use it for X and y.",
         dict(labels="own order")),
        ("every update uses all m examples, so this is full-batch gradient descent made several "
         "times per epoch. Compute each update's gradient from that batch's rows only.",
         dict(whole_set=True)),
        ("the parameters move up the gradient (w + α·∂J/∂w): that is gradient ascent. Subtract "
         "the step: `w = w - alpha * ...`.", dict(sign=+1)),
        ("b never changes: update it as well, with the mean of the batch's errors f − y.",
         dict(move_b=False)),
        (f"the gradient of each batch is divided by m = {m}, the size of the whole set, so "
         f"every step is B/m times too short. Divide by the number of rows in the batch, "
         "`len(rows)`.", dict(divide_by="m")),
    ]
    if short:
        runs += [
            (f"the last, shorter batch is left out. With m = {m} and B = {batch_size} an epoch "
             f"has ⌈m/B⌉ = {batches} batches, the last of {short} rows; "
             "`for start in range(0, m, batch_size)` with `order[start:start + batch_size]` "
             "takes it (the slice stops at m by itself).", dict(last="dropped")),
            (f"the last batch takes the final B = {batch_size} rows, `order[m - B:]`, so "
             f"{batch_size - short} rows of the batch before it count twice in the epoch. Take "
             f"`order[start:start + batch_size]`: the last batch simply has {short} rows.",
             dict(last="last B rows")),
            (f"the last batch is topped up to B = {batch_size} rows from the start of the "
             f"order, so {batch_size - short} rows count twice in the epoch. Let the last "
             f"batch have its {short} rows.", dict(last="filled")),
            (f"the last, shorter batch makes two updates, so its {short} rows count twice. "
             "Each batch makes exactly one update.", dict(last="twice")),
            (f"the last batch has {short} rows but its gradient is divided by B = "
             f"{batch_size}, so its step is too short. Divide by the number of rows in the "
             "batch, `len(rows)`, which is B except for the last batch.",
             dict(divide_by="B")),
        ]
    for wrong_epochs, fewer in ((epochs - 1, True), (epochs + 1, False)):
        if wrong_epochs >= 0:
            runs.append((
                f"the epoch counter is off by one: for epochs = {epochs} it made "
                f"{wrong_epochs} passes over the data ({'one too few' if fewer else 'one too many'}"
                "). `for epoch in range(epochs):` makes exactly `epochs` passes.",
                dict(epochs_used=wrong_epochs)))
    result = []
    for message, slip in runs:
        used = slip.pop("epochs_used", epochs)
        result.append((message, slipped_run(*args, used, batch_size, seed, **slip)))
    return result


def diagnose_minibatch_descent(function):
    """Check minibatch_descent(...) -> (w, b) on every case; name the slip when one fits."""
    cases = minibatch_cases()
    results = {name: call(function, *case) for name, case in cases.items()}
    got = {}
    for name, case in cases.items():
        where = show(*case)
        w, b = pair(returned(results[name], where), where)
        n = case[0].shape[1]
        got[name] = (array(w, where, shape=(n,), part="w"), number(b, where, part="b"))
    failing = [name for name, case in cases.items() if not agrees(got[name], right_answer(*case))]
    if not failing:
        return passed("On 3 runs (a short last batch, one example per batch, the whole set "
                      "as one batch) your w and b equal those of "
                      "helpers.logistic.minibatch_gradient_descent.")
    for name in failing:
        for message, run in known_runs(cases[name]):
            if agrees(got[name], run):
                return mistake(message)
    name = failing[0]
    (w, b), (w_right, b_right) = got[name], right_answer(*cases[name])
    return wrong(f"{show(*cases[name])} returned w = {np.round(w, 4).tolist()}, b = {b:.4f}; "
                 f"expected w = {np.round(w_right, 4).tolist()}, b = {b_right:.4f}. Make one "
                 "`rng = np.random.default_rng(seed)` before the epochs and draw `order = "
                 "rng.permutation(m)` once at the start of each epoch (no other random draws), "
                 "so that your batches are the ones expected.")


def agrees(answer, expected):
    """True when (w, b) matches the expected pair."""
    return matches(answer[0], expected[0]) and matches(answer[1], expected[1])


def solution_minibatch_descent(X, y, w, b, alpha, epochs, batch_size, seed):
    """Run mini-batch gradient descent for `epochs` passes; return the final (w, b)."""
    m = X.shape[0]
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        order = rng.permutation(m)                   # a new shuffle every epoch
        for start in range(0, m, batch_size):
            rows = order[start:start + batch_size]   # the last batch may be shorter
            X_batch, y_batch = X[rows], y[rows]      # the same rows of X and of y
            error = logistic.sigmoid(X_batch @ w + b) - y_batch
            w = w - alpha * (X_batch.T @ error) / len(rows)
            b = b - alpha * error.sum() / len(rows)
    return w, b


minibatch_descent = Exercise(
    NOTEBOOK, "minibatch_descent", diagnose_minibatch_descent,
    hints=[
        "Two loops: `for epoch in range(epochs):` and, inside it, one loop over the batches. "
        "At the start of each epoch draw `order = rng.permutation(m)`; the batch starting at "
        "`start` is `rows = order[start:start + batch_size]`. Each batch makes one update "
        "with the gradient of notebook 03 computed on `X[rows]` and `y[rows]` only.",
        "`rng = np.random.default_rng(seed)` once, before the epochs. In the batch loop "
        "`for start in range(0, m, batch_size):` compute `error = logistic.sigmoid(X_batch @ w "
        "+ b) - y_batch`, then `w = w - alpha * (X_batch.T @ error) / len(rows)` and "
        "`b = b - alpha * error.sum() / len(rows)`. Divide by `len(rows)`, not by m or B: the "
        "last batch can be shorter.",
    ],
    solution=solution_minibatch_descent,
)
