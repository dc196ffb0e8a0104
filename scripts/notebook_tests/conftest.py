"""The notebook tests' options, the session's executed notebooks, and what the session prints at the end."""
from pathlib import Path

import pytest

import java_kernel
import timing
from after_run_all import AFTER_RUN_ALL, load_saved_model
from catalog import NOTEBOOKS, language, number, pair
from drawing_model import drawing_model_aside, keep_saved_model, saved_copy


def pytest_addoption(parser):
    group = parser.getgroup("my-mnist notebooks")
    group.addoption("--notebook", action="append", default=[], metavar="PATH",
                    help="run the kernel tests of this notebook only (repeatable); the structure and stop-button"
                         " tests still run (deselect them with -m 'not structure' / -m 'not interrupt')")
    group.addoption("--check-edits", action="store_true",
                    help="also run the edits test (test_edits.py): a JupyterLab edit survives the scripts")


def pytest_configure(config):
    try:
        timing.scale()  # a bad MYMNIST_TIME_SCALE stops the session before any kernel starts
    except ValueError as e:
        raise pytest.UsageError(str(e)) from None
    for path in config.getoption("--notebook"):
        if not Path(path).resolve().is_file():
            raise pytest.UsageError(f"--notebook {path}: no such file (expected a notebook such as"
                                    f" {NOTEBOOKS / '05-dessin.ipynb'})")


def pytest_report_header(config):
    return [f"MYMNIST_TIME_SCALE={timing.scale():g} (every time limit is scaled by it)"]


def pytest_collection_modifyitems(config, items):
    chosen = {Path(p).resolve() for p in config.getoption("--notebook")}
    edits = config.getoption("--check-edits")
    kept, dropped = [], []
    for item in items:
        run = getattr(item, "callspec", None) and item.callspec.params.get("run")
        if (item.get_closest_marker("edits") and not edits) or (chosen and run is not None and run not in chosen):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def why_notebook_for(draw_notebook):
    """The 02 notebook whose saved model a 05 notebook loads: the one in its language."""
    return next(p for p in pair("02") if language(p) == language(draw_notebook))


@pytest.fixture(scope="session")
def executed():
    """executed(path): the notebook after Run All in the Java kernel, run on first use and kept for
    the session, with what AFTER_RUN_ALL does for its number in the same kernel.

    02 and 05 run with a modele-dessin.zip of the user's kept aside (drawing_model_aside): 02's Run All
    saves its model there, a copy is kept (drawing_model.saved_copy); 05's Run All finds none, so it
    trains, then loads the copy that the 02 of its language saved: that 02 always runs first, selected
    or not, so 05's load check never depends on the order or the selection of the tests."""
    runs = {}

    def run_all(path):
        num = number(path)
        if num == "02":
            with drawing_model_aside():
                try:
                    return java_kernel.run_all(path, then=AFTER_RUN_ALL.get(num))
                finally:
                    keep_saved_model(path)
        if num == "05":
            why = why_notebook_for(path)
            try:
                get(why)
            except Exception:  # no model saved then: 05's load check fails and says so
                pass
            with drawing_model_aside():
                return java_kernel.run_all(path, then=load_saved_model(saved_copy(why)))
        return java_kernel.run_all(path, then=AFTER_RUN_ALL.get(num))

    def get(path):
        if path not in runs:
            try:
                runs[path] = run_all(path)
            except Exception as e:  # the kernel would not start, an action after Run All failed...
                runs[path] = e
        if isinstance(runs[path], Exception):
            raise runs[path]  # each of its tests errors with it; the notebook is not run again
        return runs[path]

    return get


def pytest_terminal_summary(terminalreporter):
    if java_kernel.NOTES:
        terminalreporter.section("notebooks")
        for line in java_kernel.NOTES:
            terminalreporter.write_line(line)
