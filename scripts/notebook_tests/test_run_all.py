"""Every notebook's Run All in the Java kernel: no error, within its time limit."""
import pytest

from catalog import all_notebooks, number
from fixtures import notebook_runs
from timing import RUN_ALL_CONVOLUTION_S, RUN_ALL_S, scale, seconds

pytestmark = pytest.mark.kernel

run = notebook_runs(all_notebooks())


def test_every_cell_runs_without_error(run):
    assert run.error is None, str(run.error)[-2000:]


def test_no_error_output(run):
    errors = [o for c in run.nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{errors[0].get('ename', '')}: {errors[0].get('evalue', '')[:500]}" if errors else ""


def test_run_all_within_its_time_limit(run):
    """Kernel start included: 60 s, 90 s for the convolution (04), times MYMNIST_TIME_SCALE."""
    limit = seconds(RUN_ALL_CONVOLUTION_S if number(run.path) == "04" else RUN_ALL_S)
    wall = run.wall
    assert wall < limit, (f"Run All took {wall:.1f} s, over {limit:.1f} s (MYMNIST_TIME_SCALE={scale():g};"
                          f" a loaded machine is slower: raise it there)")
