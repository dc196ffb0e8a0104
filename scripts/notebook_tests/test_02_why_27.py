"""The "why 27 %?" notebooks (02-*): nine steps from the seed to 97 %, each its own config, a table that grows,
and step 3 run again in the same kernel training the same again."""
import re

import pytest

from after_run_all import RERUN_STEP, step_indexes
from catalog import pair
from drawing_model import WHY_SAVED_LAYERS, model_file_layers, saved_copy
from fixtures import notebook_runs
from java_kernel import note
from outputs import epochs_setting, find, png_size, pngs, stdout_of, table_of, texts

pytestmark = pytest.mark.kernel

run = notebook_runs(pair("02"))

STEPS = 9
LAST_MIN = 97.0


def step_cells(run):
    return [run.nb.cells[i] for i in step_indexes(run.nb)]


def final_table(run):
    """The header and rows of the table the last step shows (one row a step)."""
    cells = step_cells(run)
    return table_of(cells[-1]) if cells else ([], [])


def accuracies(run):
    header, rows = final_table(run)
    col = next((i for i, h in enumerate(header) if h.endswith("%")), None)
    values = [float(r[col]) for r in rows] if col is not None else []
    if values:
        note(f"{run.path.name} steps: " + "; ".join(f"{r[0]} {r[3]} % in {r[2]} s" for r in rows if len(r) > 3))
    return values


def test_9_step_cells(run):
    assert len(step_cells(run)) == STEPS


def test_each_step_builds_its_own_config_from_the_previous_steps(run):
    configs = [re.match(r"TrainingConfig (c\d+) = (Recipe\.SEED\.config\(\)|c\d+)\.", c.source) for c in step_cells(run)]
    chained = [f"{m.group(1)}={m.group(2)}" if m else "?" for m in configs]
    assert chained == ["c0=Recipe.SEED.config()"] + [f"c{k}=c{k - 1}" for k in range(1, STEPS)]


def test_each_step_adds_one_row_to_the_table(run):
    assert [len(table_of(c)[1]) for c in step_cells(run)] == list(range(1, STEPS + 1))


def test_table_columns_fix_epochs_seconds_accuracy(run):
    header, _ = final_table(run)
    assert len(header) == 4 and header[3].endswith("%") and not any(h.endswith("%") for h in header[:3]), f"{header}"


def test_every_step_trained_epochs_epochs(run):
    _, rows = final_table(run)
    assert [int(r[1]) for r in rows if len(r) > 1] == [epochs_setting(run.nb)] * STEPS


def test_the_start_stays_under_20_percent(run):
    values = accuracies(run)
    assert values and values[0] < 20, f"{values}"


def test_learning_rate_0_5_step_3_above_85_percent(run):
    values = accuracies(run)
    assert len(values) > 3 and values[3] > 85, f"{values}"


def test_last_step_256_128_relu_momentum_at_97_percent_or_more(run):
    values = accuracies(run)
    assert len(values) == STEPS and values[-1] >= LAST_MIN, f"{values}"


def test_at_least_4_images_chart_heat_map_gallery_weights(run):
    images = [p for c in run.nb.cells if c.cell_type == "code" for p in pngs(c)]
    assert len(images) >= 4


def test_comparison_chart_is_900_by_520(run):
    cells = find(run.nb, "curves.image()")
    chart = pngs(cells[-1]) if cells else []
    assert len(chart) == 1 and png_size(chart[0]) == (900, 520), f"{[png_size(c) for c in chart]}"


@pytest.mark.parametrize("needle", ["ConfusionHeatMap", "DigitGallery.of", "WeightImages"],
                         ids=["heat_map", "gallery", "weights"])
def test_picture_shown_as_one_image(run, needle):
    cells = find(run.nb, needle)
    shown = pngs(cells[-1]) if cells else []
    assert len(shown) == 1 and png_size(shown[0]) is not None, f"{len(shown)} images"


def test_the_evaluations_accuracy_is_the_last_steps(run):
    cells = find(run.nb, "Evaluation.of")
    evaluation = texts(cells[0]) if cells else ""
    said = re.search(r"([0-9.]+) %", evaluation)
    values = accuracies(run)
    assert said and values and abs(float(said.group(1)) - values[-1]) < 0.006, evaluation.strip()


def test_the_last_model_saved_as_modele_dessin_zip_for_05_784_256_128_10_relu(run):
    """Its last cell saves it beside the notebook; the tests keep a copy in build/notebooks/ and remove
    the file (a modele-dessin.zip of the user's is kept aside while 02 runs, and put back)."""
    saved = model_file_layers(saved_copy(run.path))
    assert saved == WHY_SAVED_LAYERS, f"{saved} in {saved_copy(run.path)}"


# ---- step 3 run again after Run All, in the same kernel (after_run_all.rerun_step) ----------------

def rerun(run):
    """The step cell run again, its wall time; fails the test when it did not run or raised."""
    cell, seconds, error = run.after if run.after else (None, 0.0, "Run All failed: nothing run again")
    assert cell is not None and error is None, str(error)[-1000:]
    return cell, seconds


def test_step_3s_cell_runs_again_without_error(run):
    rerun(run)


def test_step_3_run_again_prints_the_same_configuration(run):
    cell, _ = rerun(run)
    first = stdout_of(step_cells(run)[RERUN_STEP]).strip().splitlines()[:1]
    again = stdout_of(cell).strip().splitlines()[:1]
    assert first and first == again


def again_row(run):
    cell, _ = rerun(run)
    _, rows = table_of(cell)
    return rows


def test_step_3_run_again_adds_its_row_with_the_same_fix(run):
    rows = again_row(run)
    _, first = final_table(run)
    assert len(rows) == STEPS + 1 and len(first) > RERUN_STEP and rows[-1][0] == first[RERUN_STEP][0], \
        f"{len(rows)} rows, last {rows[-1] if rows else None}"


def test_step_3_run_again_reaches_the_same_accuracy_as_in_run_all(run):
    """To 0.01; the note says whether it is exact."""
    rows = again_row(run)
    before = accuracies(run)[RERUN_STEP]
    after = float(rows[-1][3]) if len(rows) == STEPS + 1 and len(rows[-1]) > 3 else float("nan")
    _, seconds = rerun(run)
    note(f"{run.path.name} step {RERUN_STEP} run again ({seconds:.1f} s): {after} % (Run All: {before} %"
         f"{', exactly the same' if after == before else ''})")
    assert abs(after - before) <= 0.01, f"Run All {before} %, again {after} %"
