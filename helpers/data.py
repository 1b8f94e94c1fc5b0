"""Load the course's named data sets from the CSV files in ``data/``.

Every file has a header row; the last column is the label ``y`` (0 or 1) and
the others are features. ``load(name)`` returns ``(X, y)`` with X of shape
(m, n) and y of shape (m,). Files are plain CSV, read with numpy; nothing is
unpickled.
"""

import warnings
from pathlib import Path

import numpy as np

from helpers import validation

# many_points makes at most this many numbers (m × n): 800 MB of floats.
MANY_POINTS_LIMIT = 10**8

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def path_of(name):
    """Return the path of data set ``name`` (the file data/<name>.csv)."""
    if not isinstance(name, str):
        raise validation.ArgumentTypeError(f"name must be the name of a data set, a string such "
                                           f"as 'tumour'; got {validation.describe(name)}")
    return DATA_DIR / f"{name}.csv"


def available():
    """Return the names of the data sets in data/."""
    return sorted(p.stem for p in DATA_DIR.glob("*.csv"))


def load(name):
    """Return (X, y) from data/<name>.csv; raise ValueError naming the file if it is bad."""
    path = path_of(name)
    if not path.is_file():
        raise ValueError(f"no data set called {name!r}: expected the file {path}; "
                         f"available: {', '.join(available()) or 'none'}")
    return read_csv(path)


# ---------------------------------------------------------------------------
# 12 softmax: data sets with more than two classes
# ---------------------------------------------------------------------------

def load_multiclass(name):
    """Return (X, y) from data/<name>.csv where y holds the integer labels 0, 1, ..., K−1."""
    path = path_of(name)
    if not path.is_file():
        raise ValueError(f"no data set called {name!r}: expected the file {path}; "
                         f"available: {', '.join(available()) or 'none'}")
    return read_csv(path, multiclass=True)


def read_csv(path, multiclass=False):
    """Return (X, y) from a CSV file with a header row and the label in the last column.

    With ``multiclass=True`` the labels may be any integers 0, 1, ..., K−1 instead of 0 and 1.
    """
    if not isinstance(path, (str, Path)):
        raise validation.ArgumentTypeError(f"path must be a file path (a string or a Path); "
                                           f"got {validation.describe(path)}")
    if not isinstance(multiclass, (bool, np.bool_)):
        raise validation.ArgumentTypeError(f"multiclass must be True or False; "
                                           f"got {validation.describe(multiclass)}")
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
        try:
            with warnings.catch_warnings():
                # An empty body makes loadtxt warn; the row check below raises instead.
                warnings.filterwarnings("ignore", "loadtxt: input contained no data")
                table = np.loadtxt(handle, delimiter=",", ndmin=2)
        except ValueError as exc:
            raise ValueError(f"{path.name}: could not read the rows as numbers ({exc}); "
                             "expected comma-separated numbers under a header row") from None
    if len(header) < 2 or header[-1] != "y":
        raise ValueError(f"{path.name}: the header must name the features and end with 'y'; "
                         f"got {header}")
    if table.shape[0] == 0:
        raise ValueError(f"{path.name}: the file has a header but no rows")
    if table.shape[1] != len(header):
        raise ValueError(f"{path.name}: the header has {len(header)} columns but the rows have "
                         f"{table.shape[1]}")
    X, y = table[:, :-1], table[:, -1]
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{path.name}: contains NaN or infinite values; expected finite numbers")
    if multiclass:
        if not np.all((y >= 0) & (y == np.round(y))):
            raise ValueError(f"{path.name}: the column y must hold integer class labels "
                             f"0, 1, ..., K−1; got {np.unique(y)[:5]}")
    elif not np.all((y == 0) | (y == 1)):
        raise ValueError(f"{path.name}: the column y must hold only 0 and 1; "
                         f"got {np.unique(y)[:5]}")
    return X, y.astype(int)


# ---------------------------------------------------------------------------
# 08 vs scikit-learn: the many-points example (generated, not stored)
# ---------------------------------------------------------------------------

def many_points(m=1000, n=5, seed=0):
    """Return (X, y): m rows of n features uniform in [0, 1) and labels uniform in {0, 1}.

    The labels are drawn independently of X, so they are pure noise. One seeded
    generator draws X first, then y.
    """
    m, n = validation.whole_number(m, "m"), validation.whole_number(n, "n")
    if m * n > MANY_POINTS_LIMIT:
        raise ValueError(f"m × n must be at most {MANY_POINTS_LIMIT:.0e} numbers; got m = {m} "
                         f"and n = {n}")
    rng = np.random.default_rng(validation.whole_number(seed, "seed", minimum=0))
    X = rng.random((m, n))
    y = rng.integers(0, 2, size=m)
    return X, y
