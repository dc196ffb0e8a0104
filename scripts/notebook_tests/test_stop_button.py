"""Jupyter's stop button (the kernel's interrupt) during a training run, each scenario in a kernel of its own.
Whether training stopped is read from the trainer's state once its run() has returned, never after a sleep."""
import re
import time
from dataclasses import dataclass

import nbformat
import pytest

from catalog import NOTEBOOKS
from java_kernel import Kernel
from timing import (CONVOLUTION_INTERRUPT_AFTER_S, CONVOLUTION_INTERRUPT_ENDS_CELL_S, INTERRUPT_ENDS_CELL_S,
                    scale, seconds)

pytestmark = [pytest.mark.kernel, pytest.mark.interrupt]


@dataclass
class Stopped:
    """What a stopped training left: how long its cell took to end after the button, what the cell showed,
    then what the kernel said to the questions asked afterwards."""
    cell_ended_s: float
    cell_output: str
    answers: dict


def training_source(nb):
    return [c.source for c in nb.cells if c.cell_type == "code" and "trainer.run()" in c.source][0]


@pytest.fixture(scope="module")
def walkthrough_stopped():
    """01-my-mnist-en: the cells before training, the room check pointed at a missing folder, then the
    training with 1000 epochs, interrupted after 3 epoch lines."""
    kernel = Kernel()
    try:
        nb = nbformat.read(NOTEBOOKS / "01-my-mnist-en.ipynb", as_version=4)
        kernel.run_cells_before(nb, "trainer.run()")
        answers = {"refused": kernel.run('ModelFile.checkRoom(model, Path.of("no-such-folder", "demo.zip"), 50)')}
        msg_id = kernel.kc.execute(training_source(nb).replace(".epochs(50)", ".epochs(1000)"))
        kernel.wait(msg_id, timeout=120, until_epochs=3)
        pressed = time.monotonic()
        kernel.km.interrupt_kernel()
        out = kernel.wait(msg_id, timeout=60)
        ended = time.monotonic() - pressed
        # The epoch running when the button was pressed may still print its line after the cell ended:
        # the trainer's state is read once its run() has returned, twice, to see that nothing more comes.
        answers["ended"] = kernel.training_run_ended()
        answers["again"] = kernel.training_run_ended()
        answers["same model"] = kernel.last_line(
            "model.computeAccuracy(x_test, y_test) * 100 == trainer.history().last().accuracy()")
        return Stopped(ended, out, answers)
    finally:
        kernel.close()


def test_a_save_into_a_missing_folder_is_refused_before_training_naming_the_folder(walkthrough_stopped):
    refused = walkthrough_stopped.answers["refused"]
    assert "ERROR" in refused and "no-such-folder" in refused and "does not exist" in refused, refused[-300:]


def test_the_training_cell_ends_within_a_second(walkthrough_stopped):
    limit = seconds(INTERRUPT_ENDS_CELL_S)
    assert walkthrough_stopped.cell_ended_s < limit, \
        f"{walkthrough_stopped.cell_ended_s:.2f} s, over {limit:.1f} s (MYMNIST_TIME_SCALE={scale():g})"


def test_training_stopped_history_kept(walkthrough_stopped):
    """The trainer says stopped, with the 3 epochs or more it had, and no epoch comes after."""
    ended, again = walkthrough_stopped.answers["ended"], walkthrough_stopped.answers["again"]
    size, _, stopped = ended.partition(" ")
    assert stopped == "true" and size.isdigit() and int(size) >= 3 and again == ended, f"{ended!r} then {again!r}"


def test_the_model_kept_what_it_learned(walkthrough_stopped):
    """Its accuracy is the last recorded epoch's, to the bit."""
    assert walkthrough_stopped.answers["same model"] == "true", walkthrough_stopped.answers["same model"]


@pytest.fixture(scope="module")
def convolution_stopped():
    """04-convolution-en with EPOCHS = 3: the training interrupted inside its first epoch, then
    trainer.epochs(1).run()."""
    kernel = Kernel()
    try:
        nb = nbformat.read(NOTEBOOKS / "04-convolution-en.ipynb", as_version=4)
        kernel.run_cells_before(nb, "trainer.run()", lambda s: re.sub(r"int EPOCHS = \d+;", "int EPOCHS = 3;", s))
        msg_id = kernel.kc.execute(training_source(nb))
        # The empty chart is displayed just before trainer.run(): the button is pressed a little later,
        # inside the first epoch (which lasts tens of seconds); the outcome is read from the trainer.
        kernel.wait(msg_id, timeout=120, until_display=True)
        time.sleep(seconds(CONVOLUTION_INTERRUPT_AFTER_S))
        pressed = time.monotonic()
        kernel.km.interrupt_kernel()
        out = kernel.wait(msg_id, timeout=120)
        ended = time.monotonic() - pressed
        # The training thread ends its batch after the cell (JJava's stop ends the cell first).
        answers = {"ended": kernel.training_run_ended()}
        answers["resumed"] = kernel.last_line(
            'trainer.epochs(1).run(); trainer.history().size() + " " + trainer.history().last().epoch()'
            ' + " " + trainer.history().last().accuracy()')
        answers["same model"] = kernel.run(
            "Evaluation.of(model, xTest, testLabels).accuracy() == trainer.history().last().accuracy()")
        return Stopped(ended, out, answers)
    finally:
        kernel.close()


def test_the_convolution_training_cell_ends_at_once(convolution_stopped):
    limit = seconds(CONVOLUTION_INTERRUPT_ENDS_CELL_S)
    assert convolution_stopped.cell_ended_s < limit, \
        (f"{convolution_stopped.cell_ended_s:.2f} s, over {limit:.1f} s (MYMNIST_TIME_SCALE={scale():g}): "
         + convolution_stopped.cell_output[-300:])


def test_the_convolution_stopped_inside_the_first_epoch_none_recorded(convolution_stopped):
    assert convolution_stopped.answers["ended"] == "0 true", repr(convolution_stopped.answers["ended"])


def test_the_convolutions_next_run_finishes_the_first_epoch_where_it_stopped(convolution_stopped):
    """trainer.run() records epoch 0, at 98 % or more."""
    resumed = convolution_stopped.answers["resumed"].split(" ")
    assert len(resumed) == 3 and resumed[:2] == ["1", "0"] and float(resumed[2]) >= 98.0, \
        convolution_stopped.answers["resumed"][-300:]


def test_the_convolution_model_is_the_one_of_that_epoch(convolution_stopped):
    same = convolution_stopped.answers["same model"]
    assert same.strip().endswith("true"), same[-300:]
