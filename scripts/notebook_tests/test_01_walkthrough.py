"""The walkthrough (01-*): the seed's training replayed, its figures, and the teaching code it shows."""
import re

import pytest

from catalog import language, pair
from fixtures import notebook_runs
from outputs import find, has_error, html_rows, machinery_shown, markdowns, png_size, pngs, texts

pytestmark = pytest.mark.kernel

run = notebook_runs(pair("01"))

SEED_PER_DIGIT = [28.06, 80.0, 6.49, 7.52, 14.05, 6.95, 47.08, 39.2, 9.34, 23.79]
#: The per-digit table's accuracy header, in the notebook's language (perDigitTable(Language...)).
ACCURACY_HEADER = {"fr": "exactitude %", "en": "accuracy %"}
EPOCH_LINE = re.compile(r"^Epoch : (\d+) loss : ([0-9.eE-]+), acc : ([0-9.]+) %$", re.M)


def training(run):
    cells = find(run.nb, "trainer.run()")
    assert cells, "no trainer.run() cell"
    return cells[0]


def epoch_lines(run):
    """{epoch: (loss, accuracy)} as the training printed them."""
    return {int(e): (loss, acc) for e, loss, acc in EPOCH_LINE.findall(texts(training(run)))}


def test_50_epoch_lines(run):
    assert len(EPOCH_LINE.findall(texts(training(run)))) == 50


def test_epoch_49_shows_the_seeds_27_11_percent(run):
    assert epoch_lines(run).get(49, (None, None))[1] == "27.11", f"epoch 49: {epoch_lines(run).get(49)}"


def test_epoch_0_shows_the_seeds_11_51_percent(run):
    assert epoch_lines(run).get(0, (None, None))[1] == "11.51", f"epoch 0: {epoch_lines(run).get(0)}"


def test_training_chart_is_one_png_updated_in_place(run):
    chart = pngs(training(run))
    assert len(chart) == 1 and png_size(chart[0]) == (800, 450), \
        f"{len(chart)} images, size {png_size(chart[0]) if chart else None}"


def test_the_saves_folder_and_room_are_checked_before_training(run):
    room = find(run.nb, "ModelFile.checkRoom(")
    assert room, "no ModelFile.checkRoom cell"
    assert run.nb.cells.index(room[0]) < run.nb.cells.index(training(run)), "checked after the training"
    assert not has_error(room[0]), texts(room[0])[-300:]


def per_digit(run):
    cells = find(run.nb, "perDigitTable")
    assert cells, "no perDigitTable cell"
    return cells


def per_digit_table(run):
    html = "".join(o["data"]["text/html"] for c in per_digit(run) for o in c.get("outputs", [])
                   if "data" in o and "text/html" in o["data"])
    return html_rows(html) if html else ([], [])


def test_per_digit_lines_give_the_seeds_values(run):
    found = re.findall(r"^For (\d) accuracy is ([0-9.]+)$", texts(per_digit(run)[0]), re.M)
    assert [float(v) for _, v in sorted((int(d), v) for d, v in found)] == SEED_PER_DIGIT


def test_per_digit_html_table_has_10_rows(run):
    _, rows = per_digit_table(run)
    assert len(rows) == 10, f"{len(rows)} rows"


def test_per_digit_html_table_holds_the_seeds_accuracies(run):
    """Under its header in the notebook's language: exactitude % (French), accuracy % (English)."""
    header, rows = per_digit_table(run)
    accuracy = ACCURACY_HEADER[language(run.path)]
    assert accuracy in header, f"header {header}, expected {accuracy!r}"
    col = header.index(accuracy)
    values = [float(r[col]) if col < len(r) else float("nan") for r in rows]
    assert len(values) == 10 and all(abs(a - b) < 0.005 for a, b in zip(values, SEED_PER_DIGIT)), f"{values}"


def test_test_image_is_a_224_by_224_png(run):
    digit = find(run.nb, "DigitImage.of")
    images = pngs(digit[0]) if digit else []
    assert len(images) == 1 and png_size(images[0]) == (224, 224), f"{len(images)} images"


def test_prediction_for_test_image_2_is_1(run):
    prediction = find(run.nb, "argMax()")
    said = texts(prediction[0]) if prediction else ""
    assert re.search(r"pr[eé]diction ?: 1 ", said), said.strip()


def test_library_source_shown_in_every_show_code_cell(run):
    cells = [c for c in find(run.nb, "showCode(") if c.source.startswith("showCode(")]
    shown = [c for c in cells if "```java" in markdowns(c)]
    assert cells and len(shown) == len(cells), f"{len(shown)} of {len(cells)}"


def test_layer_learn_shows_the_seeds_statements(run):
    learn = "".join(markdowns(c) for c in find(run.nb, 'showCode(Layer.class, "learn")'))
    statements = ["learn(INDArray e_2", "INDArray e1 = e_2", "INDArray e_0 =", "INDArray dw1 =",
                  "weight.subi(", "return e_0;"]
    assert all(t in learn for t in statements), f"missing {[t for t in statements if t not in learn]}"


#: Each showCode of the network, and the numpy line the Markdown cell before it quotes.
QUOTED = {"showCode(Sigmoid.class)": "def sigmoid(", 'showCode(Layer.class, "calculate")': "def calculate(",
          'showCode(Layer.class, "learn")': "def learn(", "showCode(MeanSquaredError.class)": "def mse(",
          'showCode(Model.class, "predictLoss")': "def predict_loss(",
          'showCode(Model.class, "computeAccuracy")': "def compute_accuracy(",
          'showCode(Model.class, "backpropagation")': "def backpropagation("}


def test_each_show_code_of_the_network_follows_the_numpy_code_it_replaces(run):
    cells = run.nb.cells
    missing = []
    for needle, numpy_line in QUOTED.items():
        index = next((i for i, c in enumerate(cells) if c.cell_type == "code" and needle in c.source), None)
        before = cells[index - 1] if index else None
        if before is None or before.cell_type != "markdown" or numpy_line not in before.source:
            missing.append(needle)
    assert not missing


def test_no_show_code_output_shows_a_workspace_a_kernel_or_a_backend_call(run):
    cells = [c for c in find(run.nb, "showCode(") if c.source.startswith("showCode(")]
    assert cells, "no showCode cell"
    found = machinery_shown(run.nb)
    assert not found, f"{found}"


def test_no_output_shows_the_fast_engine(run):
    outputs = "".join(o["data"].get("text/markdown", "") + o["data"].get("text/plain", "")
                      for c in run.nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "data" in o)
    assert "org.mymnist.engine" not in outputs and "MiniBatchEngine" not in outputs
