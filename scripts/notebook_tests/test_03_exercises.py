"""The exercise notebooks (03-*), solutions as committed: every check green, the student's network trains as
the seed, and after Run All a wrong learn fails its check with its hint while the kernel goes on."""
import re

import pytest

from catalog import pair
from fixtures import notebook_runs
from java_kernel import note
from outputs import find, has_error, htmls, png_size, pngs, texts

pytestmark = pytest.mark.kernel

run = notebook_runs(pair("03"))

CHECK_CELLS = 8
EPOCH_LINE = re.compile(r"^Epoch : (\d+) loss : ([0-9.eE-]+), acc : ([0-9.]+) %$", re.M)


def green(cell):
    return any("✔" in h for h in htmls(cell)) and not any("✘" in h for h in htmls(cell))


def test_8_check_cells_every_one_green(run):
    checks = [c for c in run.nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
    red = [c for c in checks if not green(c)]
    assert len(checks) == CHECK_CELLS and not red, (f"{len(checks) - len(red)} green of {len(checks)}: "
                                                    + "; ".join(texts(c)[:200] for c in red))


def student_network(run):
    cells = find(run.nb, "net.train(")
    lines = EPOCH_LINE.findall(texts(cells[0]) if cells else "")
    note(f"{run.path.name} the student's network: " + "; ".join(f"epoch {e} loss {l} acc {a} %" for e, l, a in lines))
    return lines


def test_the_students_network_prints_3_epoch_lines(run):
    assert len(student_network(run)) == 3


def test_the_students_epoch_0_is_the_seeds(run):
    """loss : 0.1514192334871..., acc : 11.51 %"""
    lines = student_network(run)
    assert lines and lines[0][1].startswith("0.1514192334871") and lines[0][2] == "11.51", f"{lines[:1]}"


def test_the_students_epochs_1_and_2_at_the_seeds_12_01_and_10_0_percent(run):
    assert [a for _, _, a in student_network(run)[1:3]] == ["12.01", "10.0"]


def mean_gradient(run):
    cells = find(run.nb, "trainer.run()")
    assert cells, "no trainer.run() cell"
    return cells[0]


def test_the_mean_gradient_run_climbs_to_85_percent_in_3_epochs(run):
    climbed = [(e, a) for e, _, a in EPOCH_LINE.findall(texts(mean_gradient(run)))]
    note(f"{run.path.name} the mean-gradient run: " + ", ".join(f"{a} %" for _, a in climbed))
    assert len(climbed) == 3 and float(climbed[-1][1]) >= 85, f"{climbed}"


def test_the_mean_gradient_chart_is_one_png_updated_in_place(run):
    chart = pngs(mean_gradient(run))
    assert len(chart) == 1 and png_size(chart[0]) == (800, 450), f"{len(chart)} images"


# ---- after Run All, in the same kernel (after_run_all.wrong_then_right_learn) ------------------------

def test_a_wrong_learn_fails_its_check_with_the_hint(run):
    """The learn without / self.outputN."""
    assert run.after, "Run All failed: no wrong learn tried"
    wrong = run.after[0]
    said = texts(wrong) + "".join(htmls(wrong)) + "".join(o.get("evalue", "") for o in wrong.get("outputs", []))
    assert "self.outputN" in said and has_error(wrong), said[-400:]


def test_the_right_learn_again_passes_its_check(run):
    """The kernel went on after the failed check."""
    assert run.after, "Run All failed: no right learn tried again"
    right = run.after[1]
    assert any("✔" in h for h in htmls(right)) and not has_error(right), texts(right)[-400:]
