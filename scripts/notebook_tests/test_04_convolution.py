"""The convolution notebooks (04-*): EPOCHS epochs to 99 %, the chart, the pictures of what the network sees."""
import re

import pytest

from catalog import pair
from fixtures import notebook_runs
from java_kernel import note
from outputs import epochs_setting, find, html_rows, htmls, machinery_shown, markdowns, png_size, pngs, texts

pytestmark = pytest.mark.kernel

run = notebook_runs(pair("04"))

#: epoch N  loss X  accuracy Y %, in French époque N  perte X  exactitude Y %.
EPOCH_LINE = re.compile(r"^(?:epoch|époque) (\d+)  (?:loss|perte) ([0-9.]+)  (?:accuracy|exactitude) ([0-9.]+) %", re.M)


def training(run):
    cells = find(run.nb, "trainer.run()")
    assert cells, "no trainer.run() cell"
    return cells[0]


def epoch_lines(run):
    lines = EPOCH_LINE.findall(texts(training(run)))
    note(f"{run.path.name} epochs: " + "; ".join(f"{e}: {a} %" for e, _, a in lines))
    return lines


def test_one_epoch_line_per_epochs(run):
    assert len(epoch_lines(run)) == epochs_setting(run.nb)


def test_training_chart_is_one_png_updated_in_place(run):
    chart = pngs(training(run))
    assert len(chart) == 1 and png_size(chart[0]) == (800, 450), f"{len(chart)} images"


def test_accuracy_99_percent_after_3_epochs_or_more_else_98(run):
    epochs = epochs_setting(run.nb)
    minimum = 99.0 if epochs >= 3 else 98.0
    lines = epoch_lines(run)
    last = float(lines[-1][2]) if lines else 0.0
    assert last >= minimum, f"{last} % after {epochs} epoch(s), expected {minimum} % or more"


def test_the_evaluations_accuracy_is_the_trainings(run):
    lines = epoch_lines(run)
    cells = find(run.nb, "Evaluation.of")
    evaluation = texts(cells[0]) if cells else ""
    said = re.search(r"([0-9.]+) %", evaluation)
    assert lines and said and abs(float(said.group(1)) - float(lines[-1][2])) < 0.006, evaluation.strip()


@pytest.mark.parametrize("needle, count", [("ChannelImages.filters", 1), ("DigitImage.of", 1),
                                           ("ChannelImages.maps", 6), ("ConfusionHeatMap", 1),
                                           ("DigitGallery.of", 1)],
                         ids=["first_layers_filters", "test_digit", "feature_maps_after_each_of_6_stages",
                              "heat_map", "gallery"])
def test_picture_shown(run, needle, count):
    cells = find(run.nb, needle)
    shown = pngs(cells[-1]) if cells else []
    assert len(shown) == count and all(png_size(p) is not None for p in shown), f"{len(shown)} image/png"


def test_library_source_shown_in_every_show_code_cell(run):
    cells = [c for c in find(run.nb, "showCode(") if c.source.startswith("showCode(")]
    shown = [c for c in cells if "```java" in markdowns(c)]
    assert cells and len(shown) == len(cells), f"{len(shown)} of {len(cells)}"


def test_no_show_code_output_shows_a_workspace_a_kernel_or_a_backend_call(run):
    cells = [c for c in find(run.nb, "showCode(") if c.source.startswith("showCode(")]
    assert cells, "no showCode cell"
    found = machinery_shown(run.nb)
    assert not found, f"{found}"


def test_comparison_table_has_the_dense_and_the_convolutional_rows(run):
    html = [h for c in find(run.nb, "comparison.html()") for h in htmls(c)]
    _, rows = html_rows(html[-1]) if html else ([], [])
    note(f"{run.path.name} comparison: " + "; ".join(" | ".join(r) for r in rows))
    assert len(rows) == 2, f"{rows}"
