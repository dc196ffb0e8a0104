#!/usr/bin/env python3
"""Runs the notebook tests (scripts/notebook_tests/, a pytest suite) the way scripts/test-notebooks.sh calls it.

Each notebook of notebooks/ is executed once (Run All, nbclient, the real Java kernel "java") and each
check is one pytest test, parametrized by notebook and language: test ids end in [01-fr], [01-en],
... Executed copies are written to build/notebooks/. What the tests check is in notebooks/README.md
and in each test's name; the modules are:
  test_00_structure.py   the committed notebooks without a kernel: no outputs, unique cell ids, French and
                         English with the same code cells, the exercises' nbgrader metadata, no generator
  test_run_all.py        every notebook: Run All without an error, within its time limit
  test_01_walkthrough.py ... test_05_draw.py   what each notebook shows (figures, charts, tables, code)
  test_stop_button.py    the stop button during 01's and 04's training (a kernel of their own)
  test_edits.py          a JupyterLab edit survives the scripts (only with --check-edits)
Every time limit is scaled by MYMNIST_TIME_SCALE (default 1; 2 on a machine twice as slow): see
scripts/notebook_tests/timing.py.

Usage: scripts/test-notebooks.sh [NOTEBOOK.ipynb ...] [options] [pytest options]
  NOTEBOOK.ipynb        run the kernel tests of these notebooks only (the structure and stop-button tests
                        still run)
  --skip-interrupt      leave out the stop-button tests
  --check-structure     only the structure tests, without a kernel (--check-generated: its old name)
  --check-edits         only the edits test, without a kernel
  -k EXPRESSION         pytest's selection: -k epoch_49 (one check, both languages), -k "epoch_49 and 01-fr",
                        -k 05-en (one notebook); any other pytest option passes through (-x, -v, --co...)
Ends with pytest's summary line ("N passed, M failed in S s"); exits non-zero on any failure.
"""
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent / "notebook_tests"


def pytest_arguments(argv):
    """The pytest command line for this script's arguments."""
    selected = [TESTS]
    args = []
    for arg in argv:
        if arg in ("--check-structure", "--check-generated"):
            selected = [TESTS / "test_00_structure.py"]
        elif arg == "--check-edits":
            selected = [TESTS / "test_edits.py"]
            args.append("--check-edits")
        elif arg == "--skip-interrupt":
            args += ["-m", "not interrupt"]
        elif arg.endswith(".ipynb") and not arg.startswith("-"):
            args.append(f"--notebook={Path(arg).resolve()}")
        else:
            args.append(arg)
    return [str(p) for p in selected] + args


def main():
    if any(a in ("-h", "--help") for a in sys.argv[1:]):
        print(__doc__)
        return 0
    return pytest.main(pytest_arguments(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
