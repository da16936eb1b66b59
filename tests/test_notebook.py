"""notebooks/quickstart.ipynb runs, top to bottom, on a fresh run of the bundled sample."""

from __future__ import annotations

import pytest

from pipeline.config import PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "notebooks" / "quickstart.ipynb"


def test_quickstart_notebook_runs_on_the_sample(sample_run, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    out, _ = sample_run
    # The kernel inherits the environment: the notebook reads its data folder from it.
    monkeypatch.setenv("CONFLICT_EVENTS_DATA", str(out))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(PROJECT_ROOT)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("events," in "".join(o.get("text", "")) for o in outputs)
