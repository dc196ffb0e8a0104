"""Running notebooks in the real Java kernel ("java", JJava): Run All with nbclient, or cell by cell."""
import copy
import math
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import nbformat
from nbclient import NotebookClient

from catalog import BUILD, NOTEBOOKS, ROOT
from timing import CELL_S, KERNEL_START_S, RUN_ALL_CELL_S, seconds

#: Lines the tests print at the end of the session (Run All times, figures worth reading in CI's log).
NOTES = []


def note(line):
    """Keeps a line for the end of the test session's output (once, however many tests note it)."""
    if line not in NOTES:
        NOTES.append(line)


@dataclass
class RunAll:
    """A notebook after Run All in the Java kernel."""
    path: Path
    #: The executed notebook, as Run All left it (also written to build/notebooks/).
    nb: Any
    #: Seconds from the kernel's start to the end of the last cell.
    wall: float
    #: What Run All raised (a cell's error, a timeout, a dead kernel), or None.
    error: Optional[BaseException]
    #: What then(client, nb) returned, run in the same kernel after Run All (None when Run All failed).
    after: Any = None


def run_all(path, then=None):
    """Runs a notebook with the java kernel (Run All) from notebooks/. then(client, nb), when given,
    runs after Run All in the same kernel, before it is shut down, only when Run All raised no error."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=math.ceil(seconds(RUN_ALL_CELL_S)),
                            startup_timeout=math.ceil(seconds(KERNEL_START_S)),
                            kernel_name="java", resources={"metadata": {"path": str(NOTEBOOKS)}})
    start = time.monotonic()
    error = None
    after = None
    try:
        try:
            client.execute(cleanup_kc=False)  # keep the kernel for then()
        except Exception as e:  # CellExecutionError, a dead kernel, a timeout...
            error = e
        wall = time.monotonic() - start
        if then is not None and error is None:
            # execute_cell puts the cell it ran into client.nb: the executed copy stays Run All's.
            ran_all = copy.deepcopy(nb)
            after = then(client, nb)
            nb = ran_all
    finally:
        if client.km is not None:
            client._cleanup_kernel()
    BUILD.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, BUILD / path.name)
    note(f"Run All {path.name}: {wall:.1f} s, kernel start included -> {(BUILD / path.name).relative_to(ROOT)}")
    return RunAll(path, nb, wall, error, after)


class Kernel:
    """A Java kernel started in notebooks/, to run cells one by one and interrupt them."""

    def __init__(self):
        from jupyter_client.manager import start_new_kernel
        self.km, self.kc = start_new_kernel(kernel_name="java", cwd=str(NOTEBOOKS),
                                            startup_timeout=seconds(KERNEL_START_S))

    def run(self, code, timeout=CELL_S):
        """Runs code; returns its streams, results and errors as text once the kernel is idle
        (timeout: seconds on the reference machine)."""
        return self.wait(self.kc.execute(code), timeout)

    def last_line(self, code, timeout=CELL_S):
        """The last line that running code shows (its value, after anything printed before)."""
        lines = self.run(code, timeout).strip().splitlines()
        return lines[-1] if lines else ""

    def wait(self, msg_id, timeout=CELL_S, until_epochs=None, until_display=False):
        """What the execution msg_id printed, when it is done (or once it printed until_epochs epoch
        lines, or once it displayed something); timeout: seconds on the reference machine."""
        out = []
        epochs = 0
        while True:
            msg = self.kc.get_iopub_msg(timeout=seconds(timeout))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            t, c = msg["msg_type"], msg["content"]
            if t == "stream":
                out.append(c["text"])
                epochs += len(re.findall(r"^(?:Epoch : |epoch |époque )\d+", c["text"], re.M))
                if until_epochs is not None and epochs >= until_epochs:
                    return "".join(out)
            elif t in ("execute_result", "display_data"):
                out.append(c["data"].get("text/plain", ""))
                if until_display and t == "display_data":
                    return "".join(out)
            elif t == "error":
                out.append("ERROR " + c["ename"] + ": " + c["evalue"])
            elif t == "status" and c["execution_state"] == "idle":
                return "".join(out)

    def run_cells_before(self, nb, needle, replace=None):
        """Runs the notebook's code cells before the first one containing needle; raises on an error."""
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if needle in cell.source:
                return
            source = replace(cell.source) if replace else cell.source
            out = self.run(source)
            if "ERROR" in out:
                raise RuntimeError(f"a cell before {needle!r} failed: {source[:200]!r}\n{out[-1000:]}")
        raise LookupError(f"no code cell contains {needle!r}")

    def training_run_ended(self, trainer="trainer"):
        """Waits until the trainer's run() has returned (run() is synchronized: taking the trainer's
        lock waits for the training thread, which goes on to the end of its batch after the cell
        ended), then gives "<epochs in the history> <stopped()>" as the trainer has them."""
        return self.last_line(f'synchronized ({trainer}) {{ }}\n'
                              f'{trainer}.history().size() + " " + {trainer}.stopped()')

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
