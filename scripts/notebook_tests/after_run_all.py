"""What the tests do in a notebook's kernel after its Run All, before the kernel is shut down.

Each action takes the nbclient client and the notebook, and returns what its tests look at (the
RunAll's `after`). AFTER_RUN_ALL says which notebook (by number) gets which; 05's action, which needs
the model a 02 saved, is load_saved_model(that model) (conftest's `executed` runs that 02 first).
"""
import copy
import shutil
import time

from drawing_model import DRAWING_MODEL

#: The step of the "why 27 %?" notebooks (02-*) run a second time in the same kernel.
RERUN_STEP = 3

#: A wrong learn for the exercise notebooks (03-*): the update without / self.outputN.
WRONG_LEARN = """INDArray learn(StudentLayer self, INDArray e_2) {
    INDArray e1 = e_2.mul(self.activation.derivative(self.predictedOutput_));
    INDArray e_0 = e1.mmul(self.weight.transpose());
    self.weight.subi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));
    return e_0;
}"""


def step_indexes(nb):
    """The indexes of the step cells of a 02 notebook (their last line calls step(...)), in order."""
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and c.source.split("\n")[-1].startswith("step(")]


def rerun_step(client, nb):
    """Runs step RERUN_STEP's cell again; returns the cell, its wall time and the error it raised, if any."""
    indexes = step_indexes(nb)
    if len(indexes) <= RERUN_STEP:
        return None, 0.0, "no step cell to run again"
    index = indexes[RERUN_STEP]
    cell = nb.cells[index]
    start = time.monotonic()
    try:
        client.execute_cell(cell, index)
        error = None
    except Exception as e:  # CellExecutionError, timeout...
        error = e
    return cell, time.monotonic() - start, error


def wrong_then_right_learn(client, nb):
    """A wrong learn, then its check; the right learn again, then its check. Returns both check cells."""
    learn = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("INDArray learn("))
    checked = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("check(Check.learn("))
    right = nb.cells[learn].source
    outcome = []
    for source in (WRONG_LEARN, right):
        nb.cells[learn].source = source
        client.execute_cell(nb.cells[learn], learn)
        try:
            client.execute_cell(nb.cells[checked], checked)
        except Exception:  # CellExecutionError: the check throws when wrong, as it should
            pass
        outcome.append(copy.deepcopy(nb.cells[checked]))
    return outcome


#: The cells of a 05 notebook run again with 02's model beside it: the model cell, then the pad cell.
MODEL_AND_PAD_CELLS = ("Files.exists(saved)", "DrawingPad.of")


def load_saved_model(model):
    """For a 05 notebook, model: the copy of the model a 02 notebook saved (drawing_model.saved_copy).
    The action, after Run All (inside drawing_model_aside): model put beside the notebook as
    modele-dessin.zip, then the model cell and the pad cell run again. It returns those cells (as far as
    they ran) and the error, if any: "no model" when that 02 saved none."""

    def action(client, nb):
        if not model.is_file():
            return [], f"no model saved by 02: {model} is missing (its Run All failed or saved nothing)"
        shutil.copy(model, DRAWING_MODEL)
        cells = []
        try:
            for needle in MODEL_AND_PAD_CELLS:
                index = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and needle in c.source)
                client.execute_cell(nb.cells[index], index)
                cells.append(copy.deepcopy(nb.cells[index]))
            return cells, None
        except Exception as e:  # CellExecutionError, timeout, no such cell...
            return cells, e

    return action


AFTER_RUN_ALL = {"02": rerun_step, "03": wrong_then_right_learn}
