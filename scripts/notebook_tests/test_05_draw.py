"""The drawing pad notebooks (05-*): the pad's page, its model and agreement check, and the Java cells after
the pad on the fixed example drawing (a 7). The drawing itself is tested in the browser."""
import re

import nbformat
import pytest

from after_run_all import MODEL_AND_PAD_CELLS
from catalog import language, pair
from fixtures import notebook_runs
from java_kernel import note
from outputs import find, htmls, png_size, pngs, texts

pytestmark = pytest.mark.kernel

run = notebook_runs(pair("05"))

FALLBACK = {"fr": "Exécutez cette cellule pour dessiner", "en": "Run this cell to draw"}


def pad_html(run):
    pad = find(run.nb, "DrawingPad.of")
    assert len(pad) == 1, f"{len(pad)} DrawingPad.of cells"
    html = "".join(o["data"].get("text/html", "") for o in pad[0].get("outputs", []) if "data" in o)
    note(f"{run.path.name} the pad's HTML: {len(html) / 1e3:.0f} kB")
    return html


def test_every_cell_has_a_stable_id(run):
    """draw-fr-NN, draw-en-NN"""
    lang = language(run.path)
    wrong = [c.get("id") for c in run.nb.cells if not re.fullmatch(rf"draw-{lang}-\d\d", c.get("id", ""))]
    assert not wrong, f"{wrong}"


def test_the_pad_cell_shows_one_html_output_with_its_script(run):
    html = pad_html(run)
    assert html.count("<script>") == 1 and "window.MyMnistPad.start(" in html, f"{len(html)} chars"


def test_the_pads_html_says_run_this_cell_until_its_script_runs(run):
    html = pad_html(run)
    assert 'class="mymnist-pad-fallback"' in html and FALLBACK[language(run.path)] in html


def test_the_pad_embeds_the_model_and_the_100_image_agreement_check(run):
    """3 layers, float32, 100 test images."""
    html = pad_html(run)
    assert html.count('"activation":') == 3 and '"check":{"count":100,' in html and '"dtype":"float32"' in html


def test_the_pad_loads_nothing_from_the_network(run):
    found = re.search(r"https?://|\bsrc=", pad_html(run))
    assert not found, f"{found.group(0) if found else ''}"


def test_the_example_drawing_is_784_values(run):
    drawn = find(run.nb, "double[] drawn = {")
    assert drawn, "no `double[] drawn = {` cell"
    assert len(re.findall(r"(?<![\w.])(?:0|1|\.\d{3})(?![\w.])", drawn[0].source.split("{", 1)[1])) == 784


def test_the_drawing_shown_as_a_224_by_224_image(run):
    shown = find(run.nb, "DigitImage.of(drawn")
    images = pngs(shown[0]) if shown else []
    assert len(images) == 1 and png_size(images[0]) == (224, 224)


def prediction(run):
    cells = find(run.nb, "model.predict(drawn)")
    said = texts(cells[0]) if cells else ""
    note(f"{run.path.name} the example drawing: {said.strip().splitlines()[0] if said.strip() else 'nothing printed'}")
    return said


def test_the_java_model_reads_the_example_drawing_as_a_7(run):
    said = prediction(run)
    read = re.search(r"(?:Java lit :|Java reads:) (\d)", said)
    assert read and read.group(1) == "7", said.strip()


def test_ten_probabilities_that_sum_to_100_percent(run):
    percents = [float(v) for v in re.findall(r"^\d ?: *([0-9.]+) %$", prediction(run), re.M)]
    assert len(percents) == 10 and abs(sum(percents) - 100) < 0.6, f"{percents}"


def test_the_first_layer_neurons_it_excites_shown_as_one_image(run):
    neurons = find(run.nb, "FirstLayerResponse.picture")
    assert neurons and len(pngs(neurons[0])) == 1 and png_size(pngs(neurons[0])[0]) is not None


def test_run_all_trained_its_own_model_5_epochs_no_modele_dessin_zip_beside_it(run):
    """A modele-dessin.zip of the user's is kept aside while 05 runs, and put back."""
    cells = find(run.nb, MODEL_AND_PAD_CELLS[0])
    trained = texts(cells[0]) if cells else ""
    assert len(re.findall(r"^(?:époque|epoch) \d+ ?: [0-9.]+ %$", trained, re.M)) == 5, trained.strip()[:300]


def test_with_02s_modele_dessin_zip_beside_it_the_model_cell_loads_it_and_the_pad_shows_it(run):
    """After Run All, in the same kernel, with the model that the 02 of its language saved (that 02 runs
    first, selected or not): the model cell says it loaded 784-256-128-10, the pad embeds two ReLU layers."""
    cells, error = run.after if run.after else ([], "Run All failed: nothing run again")
    assert error is None and len(cells) == 2, str(error)[-1000:] if error else f"{len(cells)} cells ran"
    said = texts(cells[0])
    note(f"{run.path.name} with 02's model: {said.strip()[:200]}")
    html = "".join(htmls(cells[1]))
    assert re.search(r"(?:modèle chargé :|model loaded:) modele-dessin\.zip", said) \
        and "784 -> 256 relu -> 128 relu -> 10 softmax" in said, said.strip()[:300]
    assert html.count('"activation":"relu"') == 2 and "window.MyMnistPad.start(" in html, f"{len(html)} chars"


def draw_code_shape(source):
    """A code cell with its strings, comments and Language constant taken out: the same in both languages."""
    source = re.sub(r"//[^\n]*", "", source)
    source = re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)
    return re.sub(r"Language\.(FRENCH|ENGLISH)", "Language.X", source).strip()


def test_the_same_code_cells_as_the_other_language_but_for_strings_comments_and_language(run):
    other = next(p for p in pair("05") if p != run.path)
    mine = [draw_code_shape(c.source) for c in run.nb.cells if c.cell_type == "code"]
    theirs = [draw_code_shape(c.source) for c in nbformat.read(other, as_version=4).cells if c.cell_type == "code"]
    assert mine == theirs, next((f"{a!r} / {b!r}" for a, b in zip(mine, theirs) if a != b),
                                f"{len(mine)} / {len(theirs)} cells")
