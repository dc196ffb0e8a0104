"""A teacher's edit in JupyterLab survives the repository's scripts that touch notebooks without running them
(only with --check-edits: scripts/check_notebooks.py --check-edits, which scripts/test.sh runs)."""
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass

import nbformat
import pytest

from catalog import ROOT, all_notebooks

pytestmark = pytest.mark.edits

#: The scripts run over the edited notebooks: the set-up (kernel spec, jar; no MNIST fetch) and the structure tests.
SCRIPTS = {"setup-notebooks.sh": ["bash", str(ROOT / "scripts" / "setup-notebooks.sh")],
           "check_notebooks.py --check-structure": [sys.executable, str(ROOT / "scripts" / "check_notebooks.py"),
                                                    "--check-structure"]}


@dataclass
class Edits:
    #: For each script: its exit code, the end of what it printed, and the edited notebooks it changed.
    scripts: dict
    #: Whether every notebook is back as committed afterwards.
    restored: bool


@pytest.fixture(scope="module")
def edits():
    """Adds a cell to every notebook as JupyterLab saves it, runs SCRIPTS, then puts the notebooks back."""
    originals = {p: p.read_bytes() for p in all_notebooks()}
    edited = {}
    ran = {}
    try:
        for path in originals:
            nb = nbformat.read(path, as_version=4)
            cell = nbformat.v4.new_markdown_cell("A teacher's note, added in JupyterLab.")
            cell.id = str(uuid.uuid4())
            nb.cells.insert(1, cell)
            nb.cells[0].source += "\n\n(edited)"
            nbformat.write(nb, path)
            edited[path] = path.read_bytes()
        env = dict(os.environ, SKIP_MNIST_FETCH="1")
        for name, command in SCRIPTS.items():
            run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
            changed = [p.name for p in edited if p.read_bytes() != edited[p]]
            ran[name] = (run.returncode, run.stdout[-500:] + run.stderr[-500:], changed)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    return Edits(ran, all(p.read_bytes() == d for p, d in originals.items()))


@pytest.mark.parametrize("script", SCRIPTS, ids=["setup_notebooks", "structure"])
def test_the_script_runs_over_edited_notebooks(edits, script):
    code, output, _ = edits.scripts[script]
    assert code == 0, f"exit {code}: {output}"


@pytest.mark.parametrize("script", SCRIPTS, ids=["setup_notebooks", "structure"])
def test_every_edited_notebook_is_unchanged_after_the_script(edits, script):
    _, _, changed = edits.scripts[script]
    assert not changed, f"{changed}"


def test_the_notebooks_are_back_as_committed(edits):
    assert edits.restored
