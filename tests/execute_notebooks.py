"""Re-execute notebooks from a fresh kernel and save their outputs in place.

Usage: python tests/execute_notebooks.py [--jobs N] notebooks/*.ipynb

This is Kernel -> Restart and Run All for each file, done by nbclient, with N
notebooks at a time (default: one per CPU core, at most 2). Run it after
changing anything in helpers/ or data/, then commit the notebooks: nbval
compares against the outputs saved here.

Each notebook's kernel records exercise progress in a fresh temporary file
(COURSE_PROGRESS_FILE), never in the learner's, so the saved outputs do not
depend on anyone's progress.
"""

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.checks.engine import PROGRESS_VARIABLE


def run(notebook, directory, timeout=600):
    """Run every cell of a notebook object in a new kernel started in directory."""
    # store_widget_state (nbclient's default, stated here because it matters): the saved
    # notebook keeps every widget's state, so an explorer's picture shows where no kernel runs.
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            store_widget_state=True,
                            resources={"metadata": {"path": str(directory)}})
    client.execute()
    return notebook


def execute(path):
    """Run the notebook at path from a fresh kernel and save it; return the seconds taken."""
    path = Path(path)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as progress:
        # The kernel inherits this environment when it starts.
        os.environ[PROGRESS_VARIABLE] = str(Path(progress) / "progress.json")
        notebook = run(nbformat.read(path, as_version=4), path.parent)
    nbformat.write(notebook, path)
    return time.perf_counter() - start


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for path, seconds in zip(args.notebooks, pool.map(execute, args.notebooks)):
            print(f"{path}: executed in {seconds:.1f} s")
    print(f"{len(args.notebooks)} notebooks in {time.perf_counter() - start:.1f} s "
          f"({args.jobs} at a time)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
