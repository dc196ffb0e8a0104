"""The fixture a notebook's test module declares: its notebooks after Run All."""
import pytest

from catalog import ident


def notebook_runs(paths):
    """A module fixture named run, parametrized by notebook (test ids "01-fr", "01-en"): each notebook
    of paths after Run All in the Java kernel. A notebook runs once a session, whichever modules ask."""

    @pytest.fixture(scope="module", params=paths, ids=ident)
    def run(request, executed):
        return executed(request.param)

    return run
