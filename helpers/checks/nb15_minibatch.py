"""Notebook 15, mini-batch descent: ``minibatch_descent(X, y, w, b, alpha, epochs, batch_size,
seed)``, the loop over epochs and shuffled batches, returning (w, b).

The right answer comes from ``helpers.logistic.minibatch_gradient_descent``. Each known
mistake is replayed by ``slipped_run`` with the same seed, so the checker can tell which
one the learner made: the random draws are part of the exercise's contract (one
``rng = np.random.default_rng(seed)`` per run, one ``order = rng.permutation(m)`` at the
start of every epoch). A batch with no rows is caught by watching the learner's X and y
(``empty_batch_taken``). When no known mistake fits, the "whole set" case (B = m, where the
order of the rows cannot matter) tells a wrong update step from wrong random draws.
"""

import numpy as np

from helpers import logistic
from helpers.checks.engine import (Exercise, Finished, array, call, matches, mistake, number,
                                   pair, passed, returned, wrong)

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
                labels="same order", last="kept", divide_by="batch", divide_b_by=None,
                whole_set=False, sign=-1, move_b=True, sigmoid=True, b_error="before w moves"):
    """The run with one known slip; with the defaults it is the right run.

    shuffle: "every epoch", "once" (one order for every epoch), "never", "at the end" (the
    first epoch in file order, a new order drawn after each epoch) or "composed" (each
    epoch shuffles the previous epoch's order again);
    labels: "same order", "unshuffled" (X shuffled, y not) or "own order" (a second
    permutation for y);
    last: how an epoch is cut (see ``batch_positions``);
    divide_by: what w's gradient is divided by, "batch" (its rows), "B", "m" or "nothing";
    divide_b_by: the same for b's (None: as w's);
    whole_set: every update uses all of X; sign: −1 descends, +1 ascends; move_b: False
    leaves b where it started; sigmoid: False uses z itself as f;
    b_error: "before w moves" or "after w moves" (b's error recomputed with the new w).
    """
    m = X.shape[0]
    rng = np.random.default_rng(seed)
    first_order = rng.permutation(m) if shuffle == "once" else None
    order = np.arange(m)
    for _ in range(epochs):
        if shuffle == "every epoch":
            order = rng.permutation(m)
        elif shuffle == "once":
            order = first_order
        elif shuffle == "composed":
            order = order[rng.permutation(m)]
        label_order = {"same order": order, "unshuffled": np.arange(m)}.get(labels)
        if label_order is None:
            label_order = rng.permutation(m)
        for positions in batch_positions(m, batch_size, last):
            rows, label_rows = order[positions], label_order[positions]
            X_batch, y_batch = (X, y) if whole_set else (X[rows], y[label_rows])
            f = logistic.sigmoid if sigmoid else (lambda z: z)
            error = f(X_batch @ w + b) - y_batch
            sizes = {"batch": len(y_batch), "B": batch_size, "m": m, "nothing": 1}
            w_new = w + sign * alpha * (X_batch.T @ error) / sizes[divide_by]
            if b_error == "after w moves":
                error = f(X_batch @ w_new + b) - y_batch
            if move_b:
                b = b + sign * alpha * error.sum() / sizes[divide_b_by or divide_by]
            w = w_new
        if shuffle == "at the end":
            order = rng.permutation(m)
    return w, b


def batch_positions(m, batch_size, last):
    """The positions in the shuffled order that each batch of one epoch takes.

    last: "kept" (the right cut: batches of B, the last one shorter), "dropped", "last B rows"
    (the last batch is the final B rows, overlapping the one before), "filled" (topped up
    from the start of the order), "twice" (used for two updates), or "even, ⌈m/B⌉" and
    "even, ⌊m/B⌋" (np.array_split into that many batches of nearly equal size).
    """
    if last.startswith("even"):
        pieces = -(-m // batch_size) if "⌈" in last else m // batch_size
        return np.array_split(np.arange(m), pieces)
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
        ("every epoch uses the same order, so every epoch sees the same batches. Either the "
         "shuffle happens once, before the first epoch, or the generator is made anew "
         "(re-seeded with `seed`) inside the epoch loop, which draws the same permutation "
         "each time. Make `rng` once, before the epochs, and draw a new order from it at the "
         "start of every epoch.", dict(shuffle="once")),
        ("the first epoch runs in file order: the new order is drawn at the end of each epoch, "
         "so every epoch uses the order meant for the one before. Draw the epoch's order at "
         "its start, before its first batch.", dict(shuffle="at the end")),
        ("each epoch shuffles the previous epoch's order again (X and y overwritten with "
         "their shuffled copies, or `rng.shuffle` applied to the same order array every "
         "epoch), so the orders compose. That is still valid stochastic descent, but not the "
         "draw this exercise asks for: each epoch's batches come from its own "
         "`rng.permutation(m)` applied to the original rows of X and y.",
         dict(shuffle="composed")),
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
         "the step, and check the sign of the error: it is f − y, not y − f.", dict(sign=+1)),
        ("b never changes: update it as well, with the mean of the batch's errors f − y.",
         dict(move_b=False)),
        ("the error uses z = X·w + b itself where it needs f = σ(z): without the sigmoid this "
         "is the step of linear regression. Put z through the sigmoid before subtracting y.",
         dict(sigmoid=False)),
        ("the gradients are sums over the batch's rows, not means, so every step is as many "
         "times too long as the batch has rows. Divide both sums, for w and for b, by the "
         "number of rows in the batch.", dict(divide_by="nothing")),
        ("b's step is the sum of the batch's errors, not their mean (w's step is right). "
         "Divide it by the number of rows in the batch, as for w.",
         dict(divide_b_by="nothing")),
        ("b's step uses an error computed after w has moved. Both steps use one error f − y, "
         "computed once per batch from w and b as they were before the update.",
         dict(b_error="after w moves")),
        (f"the gradient of each batch is divided by m = {m}, the size of the whole set, so "
         f"every step is B/m times too short. Divide by the number of rows in the batch, "
         "`len(rows)`.", dict(divide_by="m")),
    ]
    if short:
        sizes = {cut: [len(p) for p in np.array_split(np.arange(m), pieces)]
                 for cut, pieces in (("⌈", batches), ("⌊", m // batch_size))}
        right = ", ".join([str(batch_size)] * (batches - 1) + [str(short)])
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
            (f"b's step is divided by B = {batch_size} (w's is right), so on the last batch, "
             f"of {short} rows, b moves too little. Divide b's step by the number of rows in "
             "the batch too.", dict(divide_b_by="B")),
        ]
        for cut, pieces in (("⌈", batches), ("⌊", m // batch_size)):
            runs.append((
                f"the order is split into {cut}m/B{'⌉' if cut == '⌈' else '⌋'} = {pieces} "
                f"batches of nearly equal size (np.array_split does that): with m = {m} and "
                f"B = {batch_size} they have {', '.join(map(str, sizes[cut]))} rows. The "
                f"exercise asks for batches of exactly B rows and a shorter last one "
                f"({right}): cut `order[start:start + batch_size]` for each start.",
                dict(last=f"even, {cut}m/B")))
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


def empty_batch_taken(function, case):
    """True when function(*case) selects no rows of X or y at some point: an empty batch.

    X and y are passed as arrays that note every selection of theirs that comes out empty.
    """
    noticed = []

    class Watched(np.ndarray):
        """An array that notes when a selection of its rows is empty."""

        def __getitem__(self, key):
            part = super().__getitem__(key)
            if (isinstance(part, np.ndarray) and part.ndim and self.ndim
                    and part.shape[0] == 0 < self.shape[0]):
                noticed.append(key)
            return part

    X, y, *rest = case
    call(function, X.view(Watched), y.view(Watched), *rest)
    return bool(noticed)


def empty_batch_message(case):
    """What to say when a batch with no rows was taken on this case."""
    m, batch_size = case[0].shape[0], case[6]
    count = m // batch_size
    return (f"{show(*case)} took a batch with no rows. Here B = {batch_size} divides m = {m}, "
            f"so an epoch has exactly m/B = {count} batch{'es' if count > 1 else ''}, and a "
            "loop that makes "
            "one more (`range(m // B + 1)`, say) ends with an empty one. Its mean error is "
            "0/0, NaN, and the NaN then spreads through w and b. Loop over the batch starts "
            "with `range(0, m, batch_size)`: it makes ⌈m/B⌉ batches, never an empty one.")


def quiet_pair(function, case):
    """(w, b) that function returns on case, or None when it gives no usable pair."""
    try:
        where = show(*case)
        w, b = pair(returned(call(function, *case), where), where)
        return array(w, where, shape=(case[0].shape[1],)), number(b, where)
    except Finished:
        return None


def diagnose_minibatch_descent(function):
    """Check minibatch_descent(...) -> (w, b) on every case; name the slip when one fits."""
    cases = minibatch_cases()
    results = {name: call(function, *case) for name, case in cases.items()}
    for name, case in cases.items():
        crashed = results[name].error is not None and not results[name].returned_nothing
        if crashed and empty_batch_taken(function, case):
            return mistake(empty_batch_message(case))
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
        if empty_batch_taken(function, cases[name]):
            return mistake(empty_batch_message(cases[name]))
        for message, run in known_runs(cases[name]):
            if agrees(got[name], run):
                return mistake(message)
    name = "whole set" if "whole set" in failing else failing[0]
    case = cases[name]
    (w, b), (w_right, b_right) = got[name], right_answer(*case)
    outcome = (f"{show(*case)} returned w = {np.round(w, 4).tolist()}, b = {b:.4f}; expected "
               f"w = {np.round(w_right, 4).tolist()}, b = {b_right:.4f}.")
    if name != "whole set":
        return wrong(f"{outcome} On the whole set as one batch your loop is right, so one "
                     "update on given rows is; what goes wrong is across several batches: how "
                     "they are drawn and cut, or where each update starts. Make one "
                     "`rng = np.random.default_rng(seed)` before the epochs, draw `order = "
                     "rng.permutation(m)` once at the start of each epoch (no other random "
                     "draws), take each batch as `order[start:start + batch_size]`, and start "
                     "each update from the w and b the update before it left.")
    other_seed = case[:-1] + (case[-1] + 1,)
    again = quiet_pair(function, other_seed)
    if again is not None and not agrees(again, got[name]):
        return wrong(f"{outcome} With B = m every batch should be the whole set, whatever the "
                     "order, so the seed cannot matter; yet with seed "
                     f"{other_seed[-1]} your loop gives another answer. Some batches repeat "
                     "rows and miss others: rows drawn with replacement (`rng.integers`, or "
                     "`rng.choice` with its default replace=True). Draw `order = "
                     "rng.permutation(m)` at the start of each epoch (no other random draws) "
                     "and cut the batches from it.")
    return wrong(f"{outcome} With B = m every batch is the whole set, so the order of the rows "
                 "cannot matter: the update step itself is wrong, not the shuffling. Check "
                 "that f is σ(z), the sigmoid of z, not z itself; that both gradients are "
                 "divided by the number of rows in the batch, `len(rows)`; that one error "
                 "f − y, computed before w moves, serves both w and b; that α stays the same "
                 "at every update; and that you return w and b as they are after the last "
                 "update.")


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
        "Make the generator once, before the epochs, and draw the epoch's order at the start "
        "of each epoch. Each batch then makes one update: one step of gradient descent "
        "(notebook 03), computed on the batch's rows only.",
        "Loop over the batch starts, `for start in range(0, m, batch_size):`, and take "
        "`rows = order[start:start + batch_size]`. The batch's data are `X_batch = X[rows]` "
        "and `y_batch = y[rows]`, the same rows of both. Compute the batch's error f − y "
        "once and use it for the steps of both w and b; divide each gradient by the number "
        "of rows in the batch, `len(rows)`, not by m or B: the last batch can be shorter.",
    ],
    solution=solution_minibatch_descent,
)
