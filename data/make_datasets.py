"""Make the two Gaussian-cluster data sets of notebook 07 and write them as CSV.

Run from the repository root:

    .venv/bin/python data/make_datasets.py            # writes into data/
    .venv/bin/python data/make_datasets.py --out-dir /some/folder

Each file has 200 rows (100 per class) of two features x1, x2 and a label y.
Class 0 is drawn around (1, 1) and class 1 around another centre, with the same
spread in every direction. One random generator with a fixed seed makes both
files, so running the script again writes exactly the same bytes.
"""

import argparse
from pathlib import Path

import numpy as np

SEED = 2
ROWS_PER_CLASS = 100
DECIMALS = 3

# name: (centre of class 0, centre of class 1, standard deviation of each coordinate)
CLUSTERS = {
    "clusters_separable": ((1.0, 1.0), (4.0, 4.0), 0.7),
    "clusters_overlapping": ((1.0, 1.0), (3.0, 3.0), 1.0),
}


def make_clusters(rng, centre0, centre1, spread, rows_per_class=ROWS_PER_CLASS):
    """Return (X, y): rows_per_class points around each centre, class 0 first."""
    X0 = rng.normal(centre0, spread, size=(rows_per_class, 2))
    X1 = rng.normal(centre1, spread, size=(rows_per_class, 2))
    X = np.vstack([X0, X1])
    y = np.repeat([0, 1], rows_per_class)
    return X, y


def csv_text(X, y):
    """Return the CSV text: a header x1,x2,y and one row per example."""
    lines = ["x1,x2,y"]
    for (x1, x2), label in zip(X, y):
        cells = [f"{x1:.{DECIMALS}f}", f"{x2:.{DECIMALS}f}"]
        cells = ["0.000" if cell == "-0.000" else cell for cell in cells]
        lines.append(f"{cells[0]},{cells[1]},{label}")
    return "\n".join(lines) + "\n"


def write_all(out_dir):
    """Write every data set into out_dir; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    paths = []
    for name, (centre0, centre1, spread) in CLUSTERS.items():
        X, y = make_clusters(rng, centre0, centre1, spread)
        path = out_dir / f"{name}.csv"
        path.write_text(csv_text(X, y), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=Path(__file__).resolve().parent,
                        help="folder to write the CSV files into (default: data/)")
    args = parser.parse_args(argv)
    for path in write_all(args.out_dir):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
