"""Write data/three_blobs.csv: three seeded Gaussian blobs in 2-D for notebook 12.

Usage: python data/make_three_blobs.py [--out-dir DIR]

Each class has 60 points drawn from a round Gaussian (standard deviation 0.9) around
its own centre. The draw is seeded, and the values are written rounded to 4 decimals,
so running the script again writes a byte-identical file.
"""

import argparse
from pathlib import Path

import numpy as np

SEED = 12
CENTRES = np.array([[1.0, 1.0], [4.0, 1.5], [2.5, 4.0]])
SPREAD = 0.9
PER_CLASS = 60


def make_three_blobs(seed=SEED):
    """Return (X, y): X of shape (180, 2), y of integer labels 0, 1, 2 (60 of each)."""
    rng = np.random.default_rng(seed)
    X = np.concatenate([centre + SPREAD * rng.standard_normal((PER_CLASS, 2))
                        for centre in CENTRES])
    y = np.repeat(np.arange(len(CENTRES)), PER_CLASS)
    return X, y


def write_csv(X, y, path):
    """Write the features and the label under the header x1,x2,y."""
    lines = ["x1,x2,y"] + [f"{a:.4f},{b:.4f},{label:d}" for (a, b), label in zip(X, y)]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent,
                        help="folder to write three_blobs.csv into (default: data/)")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    X, y = make_three_blobs()
    path = args.out_dir / "three_blobs.csv"
    write_csv(X, y, path)
    print(f"wrote {path} ({len(y)} rows)")


if __name__ == "__main__":
    main()
