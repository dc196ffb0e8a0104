"""Every time limit of the notebook tests, from one setting.

Each limit below is what the tests allow on the reference machine (2 cores; the Run All figures
are in notebooks/README.md). MYMNIST_TIME_SCALE (default 1) multiplies all of them at once: a
machine twice as slow, or shared with another job, runs the tests with MYMNIST_TIME_SCALE=2. No
test decides an outcome by sleeping: "stopped" is read from the trainer's state.
"""
import os

#: Run All of a notebook, kernel start included (03 measured 55 s at a load average of 6.4).
RUN_ALL_S = 60.0
#: Run All of the convolution notebooks (04-*), kernel start included.
RUN_ALL_CONVOLUTION_S = 90.0
#: From the interrupt button to the end of the walkthrough's training cell.
INTERRUPT_ENDS_CELL_S = 1.0
#: From the interrupt button to the end of the convolution's training cell.
CONVOLUTION_INTERRUPT_ENDS_CELL_S = 2.0
#: How far into its first epoch the convolution's training is interrupted (it lasts tens of seconds).
CONVOLUTION_INTERRUPT_AFTER_S = 2.0
#: The longest wait for one cell (or for a training run to end) before the test gives up.
CELL_S = 300.0
#: The longest wait for a whole Run All (nbclient's per-cell timeout) and for a kernel to start.
RUN_ALL_CELL_S = 600.0
KERNEL_START_S = 120.0


def scale():
    """MYMNIST_TIME_SCALE, a positive number (default 1)."""
    raw = os.environ.get("MYMNIST_TIME_SCALE", "1")
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value > 0:
        raise ValueError(f"MYMNIST_TIME_SCALE must be a positive number (1 on the reference machine,"
                         f" 2 for one twice as slow), got {raw!r}")
    return value


def seconds(base):
    """The limit base (seconds on the reference machine), scaled by MYMNIST_TIME_SCALE."""
    return base * scale()
