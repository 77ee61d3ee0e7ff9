"""The notebooks run top to bottom on this interpreter, and what is committed matches."""

import importlib.util
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("notebooks_execute", ROOT / "notebooks" / "execute.py")
execute = importlib.util.module_from_spec(spec)
spec.loader.exec_module(execute)

RICH = ("text/html", "image/png", "text/markdown")
# what a reader must see without running each notebook
MUST_SHOW = {"01_quickstart.ipynb": {"text/html"},
             "02_batch_analysis.ipynb": {"text/html", "image/png", "text/markdown"},
             "03_quality.ipynb": {"text/html", "image/png"}}
HAS_CORPUS = (SHARED / "data" / "nerel" / "dev.jsonl").is_file()


def rich_kinds(cell) -> set[str]:
    return {kind for out in cell.get("outputs", []) for kind in out.get("data", {}) if kind in RICH}


def test_every_notebook_is_known():
    assert sorted(p.name for p in execute.NOTEBOOKS) == sorted(MUST_SHOW)


def test_the_kernel_is_this_interpreter(tmp_path):
    path = tmp_path / "probe.ipynb"
    nb = new_notebook(cells=[new_code_cell("import sys; print(sys.executable)")])
    nbformat.write(nb, path)
    out = execute.execute(path).cells[0].outputs[0]
    assert out.text.strip() == sys.executable


@pytest.fixture(scope="module", params=execute.NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    """(committed notebook, the same notebook run now); a failing cell fails here."""
    path = request.param
    return path.name, nbformat.read(path, as_version=4), execute.execute(path)


def test_committed_with_outputs_run_in_order(notebook):
    name, committed, _ = notebook
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    shown = set().union(*(rich_kinds(c) for c in code))
    assert MUST_SHOW[name] <= shown


def test_committed_outputs_match_the_code(notebook):
    name, committed, fresh = notebook
    assert [c.source for c in committed.cells] == [c.source for c in fresh.cells]
    if name == "03_quality.ipynb" and not HAS_CORPUS:
        pytest.skip("no corpus here: the notebook ran its skip path, committed outputs come from NEREL dev")
    for old, new in zip(committed.cells, fresh.cells):
        if execute.PRIVATE_TAG not in old.metadata.get("tags", []):
            # the same tables, highlighted texts and charts, cell by cell (figures may change)
            assert rich_kinds(old) == rich_kinds(new), (name, old.source[:80])


def test_no_corpus_text_is_committed(notebook):
    _, committed, _ = notebook
    private = [c for c in committed.cells if execute.PRIVATE_TAG in c.metadata.get("tags", [])]
    assert all(not c.outputs for c in private)


def test_committed_notebooks_stay_small():
    for path in execute.NOTEBOOKS:
        assert path.stat().st_size < 400_000, path.name
