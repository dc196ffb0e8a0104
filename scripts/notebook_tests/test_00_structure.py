"""The committed notebooks, without a kernel: what generating them used to guarantee."""
import re

import nbformat
import pytest

from catalog import ROOT, all_notebooks, ident, language_pairs, number

pytestmark = pytest.mark.structure

CODE_NOISE = re.compile(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*(?:.|\n)*?\*/')


def code_shape(source):
    """A code cell without its string literals, comments and language constant: what French and English share."""
    stripped = CODE_NOISE.sub(lambda m: '""' if m.group(0)[0] in "\"'" else "", source)
    stripped = re.sub(r"Language\.(FRENCH|ENGLISH)", "Language.X", stripped)
    return [line.strip() for line in stripped.splitlines() if line.strip()]


def graded_notebooks():
    return [p for p in all_notebooks()
            if any("nbgrader" in c.metadata for c in nbformat.read(p, as_version=4).cells)]


@pytest.fixture(params=all_notebooks(), ids=ident)
def notebook(request):
    return request.param


@pytest.fixture(params=graded_notebooks(), ids=ident)
def graded(request):
    return [c for c in nbformat.read(request.param, as_version=4).cells if "nbgrader" in c.metadata]


def test_committed_without_outputs(notebook):
    committed = nbformat.read(notebook, as_version=4)
    carrying = [i for i, c in enumerate(committed.cells)
                if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not carrying, f"{notebook.name}: cells {carrying} carry outputs or an execution count"


def test_every_cell_has_a_unique_id(notebook):
    ids = [c.get("id") for c in nbformat.read(notebook, as_version=4).cells]
    assert all(ids) and len(set(ids)) == len(ids), f"missing or repeated: {[i for i in ids if not i or ids.count(i) > 1]}"


def test_nbgrader_grade_ids_unique(graded):
    grade_ids = [c.metadata["nbgrader"].get("grade_id") for c in graded]
    assert all(grade_ids) and len(set(grade_ids)) == len(grade_ids), f"{grade_ids}"


def test_each_solution_cell_holds_begin_and_end_solution(graded):
    solutions = [c for c in graded if c.metadata["nbgrader"].get("solution")]
    assert solutions, "no solution cell"
    unbalanced = [c.metadata["nbgrader"].get("grade_id") for c in solutions
                  if not c.source.count("BEGIN SOLUTION") == c.source.count("END SOLUTION") > 0]
    assert not unbalanced, f"without BEGIN SOLUTION / END SOLUTION pairs: {unbalanced}"


def test_each_check_cell_has_points_and_is_locked(graded):
    checks = [c.metadata["nbgrader"] for c in graded if c.metadata["nbgrader"].get("grade")]
    assert checks, "no check (grade) cell"
    wrong = [m.get("grade_id") for m in checks if not (m.get("points", 0) > 0 and m.get("locked"))]
    assert not wrong, f"without points or not locked: {wrong}"


@pytest.mark.parametrize("french, english", language_pairs(), ids=[number(f) for f, _ in language_pairs()])
def test_french_and_english_have_the_same_code_cells(french, english):
    """The same code cells in the same order, once strings, comments and Language.FRENCH/ENGLISH are set aside."""
    fr = [code_shape(c.source) for c in nbformat.read(french, as_version=4).cells if c.cell_type == "code"]
    en = [code_shape(c.source) for c in nbformat.read(english, as_version=4).cells if c.cell_type == "code"]
    differ = [i for i, (a, b) in enumerate(zip(fr, en)) if a != b]
    assert len(fr) == len(en) and not differ, (f"{french.name} / {english.name}: {len(fr)} and {len(en)} code cells;"
                                               f" first different: code cell {differ[0] if differ else '-'}")


def test_no_notebook_generator():
    """The committed notebooks are the source: the old generators are gone."""
    gone = [n for n in ("make_notebooks.py", "make_why_notebook.py", "make_cnn_notebook.py")
            if (ROOT / "scripts" / n).exists()]
    assert not gone, f"{gone}"
