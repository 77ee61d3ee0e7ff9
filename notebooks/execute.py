"""Run the notebooks top to bottom with this Python, and save their outputs in place.

    .venv/bin/python notebooks/execute.py              # all notebooks, outputs saved
    .venv/bin/python notebooks/execute.py 02_batch_analysis.ipynb
    .venv/bin/python notebooks/execute.py --check      # run, save nothing (what the tests do)

The kernel is always the interpreter running this script (``sys.executable``), not
whatever kernel named "python3" Jupyter would find, so the notebooks see the
project's own virtual environment. Each notebook runs in its own folder.

Cells tagged ``corpus-text`` quote the evaluation corpus (NEREL, whose texts may not
be redistributed); their outputs are cleared before saving, so the committed
notebooks carry scores and charts but no corpus text.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOKS = sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
PRIVATE_TAG = "corpus-text"


class ThisPython(KernelSpecManager):
    """A kernel spec manager whose only kernel is ipykernel on ``sys.executable``."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """The same spec whatever the notebook's metadata names."""
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name="Python 3 (ipykernel)", language="python")


def execute(path: Path, timeout: int = 900) -> nbformat.NotebookNode:
    """The notebook at ``path`` run top to bottom; raises CellExecutionError on a failing cell."""
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=ThisPython())
    client = NotebookClient(nb, km=km, timeout=timeout, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def clear_private_outputs(nb: nbformat.NotebookNode) -> int:
    """Drop the outputs of cells tagged ``corpus-text``; returns how many were cleared."""
    cleared = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and PRIVATE_TAG in cell.metadata.get("tags", []) and cell.outputs:
            cell.outputs = []
            cleared += 1
    return cleared


def main(argv: Sequence[str] | None = None) -> int:
    """Run the notebooks named (default: all) and save them unless ``--check``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebook files (default: notebooks/NN_*.ipynb)")
    parser.add_argument("--check", action="store_true", help="run them, but save nothing")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = parser.parse_args(argv)
    paths = [Path(p) if Path(p).exists() else HERE / p for p in args.notebooks] or NOTEBOOKS
    for path in paths:
        started = time.perf_counter()
        nb = execute(path, args.timeout)
        note = ""
        if not args.check:
            cleared = clear_private_outputs(nb)
            nbformat.write(nb, path)
            note = f", saved ({cleared} corpus-text outputs cleared)"
        print(f"{path.name}: ran in {time.perf_counter() - started:.1f}s{note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
