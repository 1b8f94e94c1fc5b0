"""Re-execute notebooks from a fresh kernel and save their outputs in place.

Usage: python tests/execute_notebooks.py notebooks/*.ipynb

This is Kernel -> Restart and Run All for each file, done by nbclient. Run it
after changing anything in helpers/ or data/, then commit the notebooks:
nbval compares against the outputs saved here.
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path, timeout=600):
    """Run every cell of the notebook at path in a new kernel and save it."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(notebook, path)


def main(paths):
    if not paths:
        print("usage: python tests/execute_notebooks.py NOTEBOOK.ipynb ...")
        return 2
    for path in paths:
        start = time.perf_counter()
        execute(path)
        print(f"{path}: executed in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
