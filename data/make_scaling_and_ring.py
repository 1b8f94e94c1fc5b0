"""Make the data sets of notebooks 09 and 11 and write them as CSV.

Run from the repository root:

    .venv/bin/python data/make_scaling_and_ring.py            # writes into data/
    .venv/bin/python data/make_scaling_and_ring.py --out-dir /some/folder

* ``flats.csv`` (notebook 09): 100 made-up flats. ``size`` is the floor area in square
  metres, drawn uniformly from [50, 250); ``ratio`` is the share of windows facing south,
  drawn uniformly from [0, 1). The label y (sold within a month) is drawn from a logistic
  model  P(y = 1) = σ(0.03 (size − 150) + 4 (ratio − 0.5)),  so the classes overlap.
  The two features live on scales a few hundred times apart, which is the point.
* ``ring_train.csv`` and ``ring_test.csv`` (notebook 11): points in the plane, class 0
  in a disc around the origin (radius |N(0, 0.7)|) and class 1 in a ring around it
  (radius N(1.6, 0.45)), at uniform angles. The classes overlap and no straight line
  separates them. 50 training rows (few, so a flexible boundary can over-fit them) and
  200 held-out rows, drawn by the same generator.

One random generator with a fixed seed makes every file, so running the script again
writes exactly the same bytes.
"""

import argparse
from pathlib import Path

import numpy as np

SEED = 911
DECIMALS = 3


def make_flats(rng, rows=100):
    """Return (X, y) of the flats data: columns size (m²) and ratio, label y."""
    size = rng.uniform(50, 250, rows)
    ratio = rng.uniform(0, 1, rows)
    z = 0.03 * (size - 150) + 4 * (ratio - 0.5)
    y = (rng.uniform(size=rows) < 1 / (1 + np.exp(-z))).astype(int)
    return np.column_stack([size, ratio]), y


def make_ring(rng, rows):
    """Return (X, y): half the rows in a disc (class 0), half in a ring around it (class 1)."""
    y = np.arange(rows) % 2
    radius = np.where(y == 1, rng.normal(1.6, 0.45, rows), np.abs(rng.normal(0.0, 0.7, rows)))
    angle = rng.uniform(0, 2 * np.pi, rows)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X, y


def csv_text(X, y, names):
    """Return the CSV text: a header naming the features and y, then one row per example."""
    lines = [",".join([*names, "y"])]
    lines += [",".join([*(f"{v:.{DECIMALS}f}" for v in row), str(int(label))])
              for row, label in zip(X, y)]
    return "\n".join(lines) + "\n"


def files():
    """Return {file name: CSV text} for every data set this script makes."""
    rng = np.random.default_rng(SEED)
    flats = make_flats(rng)
    train = make_ring(rng, 50)
    test = make_ring(rng, 200)
    return {
        "flats.csv": csv_text(*flats, ["size", "ratio"]),
        "ring_train.csv": csv_text(*train, ["x1", "x2"]),
        "ring_test.csv": csv_text(*test, ["x1", "x2"]),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=Path(__file__).resolve().parent, type=Path)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files().items():
        (args.out_dir / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out_dir / name}")


if __name__ == "__main__":
    main()
