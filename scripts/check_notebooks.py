#!/usr/bin/env python3
"""Executes every notebook of notebooks/ headless with the Java kernel and checks what it shows.

Run through scripts/test-notebooks.sh (which sets up .venv, the kernel, the jar and MNIST first).
Executed copies are written to build/notebooks/. Checks, for each notebook:
  - the committed notebook has no outputs (the notebooks are the source: a teacher edits them in JupyterLab);
  - Run All raises no error in any cell, within NOTEBOOK_TIME_LIMIT_S seconds (default 60), kernel start included;
  - the training prints 50 epoch lines and the epoch-49 line shows "acc : 27.11 %" (the seed's);
  - the chart is one image/png (800 x 450), updated in place rather than 50 pictures;
  - the per-digit lines and the HTML table (10 body rows) give the seed's accuracies;
  - the test image is an image/png (224 x 224) and the prediction printed is 1;
  - each "showCode" cell shows Java source as Markdown; Layer.learn shows the seed's statements
    (e1, e_0, dw1, the weight update), each showCode follows a Markdown cell quoting the numpy code
    where the notebook says so, no showCode output shows a workspace, a kernel or a backend call, and no
    output shows the fast engine (org.mymnist.engine).
For the "why 27 %?" notebooks (02-*.ipynb), instead of the seed's figures:
  - no cell error, Run All under the limit;
  - the results table (HTML, shown after each step) has one row per step, 9 rows at the end (steps 0 to 8),
    each step trained EPOCHS epochs, and the last step (256-128 ReLU, momentum) at >= WHY_LAST_MIN % (97);
  - the start stays low (< 20 %) and learning rate 0.5 (step 3) is above 85 %;
  - at least 4 image/png outputs: the comparison chart (900 x 520), the confusion heat map, the gallery
    of misclassified digits, the first layer's weights;
  - each step builds its own TrainingConfig from the previous step's (c1 = c0..., c2 = c1...);
  - after Run All, step 3's cell (learning rate 0.5) run again in the same kernel trains the same step
    again: it prints the same configuration and its new table row (the 10th) has the same fix and the
    same accuracy as step 3's row in Run All (to 0.01; the report says whether it is exact);
  - its last cell saved the last model (784-256-128-10, ReLU) as notebooks/modele-dessin.zip, for 05; the
    check keeps a copy in build/notebooks/ and removes the file (a modele-dessin.zip of the user's is kept
    aside while 02 and 05 run, and put back).
For the drawing pad notebooks (05-*.ipynb), see run_draw_notebook: no error, Run All under the limit (with
no modele-dessin.zip beside it, so it trains), the pad's HTML with its script, its model and 100-image
agreement check and the untrusted fallback line, the Java cells after the pad on the fixed example drawing
(a 7), the same code cells in both languages; then, in the same kernel, with the model 02 saved put in
place (when 02 ran before it), the model cell loads it and the pad shows it.
For the exercise notebooks (03-*.ipynb, the solutions as committed):
  - no cell error, Run All under the limit; every check cell (check(...)) shows a green verdict;
  - the seed's network built from the student's pieces prints 3 epoch lines, epoch 0 "loss : 0.1514192334871...,
    acc : 11.51 %", then 12.01 % and 10.0 % (the seed's); the mean-gradient run ends at >= 85 % with its chart;
  - after Run All, in the same kernel: a wrong learn (without / self.outputN) makes the learn check fail with its
    hint, and the kernel goes on; the right learn again makes it pass.
For the convolution notebooks (04-*.ipynb):
  - no cell error, Run All under NOTEBOOK_CNN_TIME_LIMIT_S seconds (default 90);
  - one epoch line per EPOCHS, the chart one image/png (800 x 450) updated in place;
  - the last epoch at >= 99 % when EPOCHS >= 3, else >= 98 %; the evaluation says the same accuracy;
  - the filters, the test digit, a feature-map picture after each of the 6 stages shown, the heat map and
    the gallery are image/png outputs; every showCode cell shows Java source, and none a workspace, a kernel or a
    backend call; the comparison table has 2 rows.
Then, once: the interrupt button stops a training run within a second, keeping the model and history;
and notebook 04's training (EPOCHS = 3), stopped 2 s into its first epoch, ends its cell at once, records
no epoch, and trainer.run() finishes that epoch (at least 98 %, the model's own accuracy).
Structure (always, without a kernel; alone with --check-structure, alias --check-generated):
  - no notebook carries outputs; every cell has an id, unique in its notebook;
  - each French notebook and its English one (the same number, NN-*.ipynb and NN-*-en.ipynb) have the same
    code cells in the same order, once string literals, comments and Language.FRENCH/ENGLISH are set aside;
  - the exercise notebooks' nbgrader metadata: solution cells hold BEGIN/END SOLUTION, check cells have points
    and are locked, grade ids are unique;
  - the old generators (scripts/make_notebooks.py, make_why_notebook.py) are gone: the notebooks are the source.
--check-edits (without a kernel): adds a cell to every notebook as JupyterLab would save it, runs the repository
scripts that touch notebooks without executing them (setup-notebooks.sh, this file's structure check), checks
that each edited notebook is byte for byte what was saved, then puts the notebooks back.
Prints the wall time of each Run All and a closing line "N passed, M failed"; exits 1 on any failure.
Options: --skip-interrupt; --check-structure; --check-edits; notebook paths to run only those.
"""
import base64
import contextlib
import copy
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build" / "notebooks"
SEED_PER_DIGIT = [28.06, 80.0, 6.49, 7.52, 14.05, 6.95, 47.08, 39.2, 9.34, 23.79]
TIME_LIMIT = float(os.environ.get("NOTEBOOK_TIME_LIMIT_S", "60"))
WHY_STEPS = 9
WHY_LAST_MIN = 97.0
CNN_TIME_LIMIT = float(os.environ.get("NOTEBOOK_CNN_TIME_LIMIT_S", "90"))

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    print(f"  {'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail and not ok else ""))
    return ok


def texts(cell):
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif "data" in o and "text/plain" in o["data"]:
            out.append(o["data"]["text/plain"] + "\n")
    return "".join(out)


def pngs(cell):
    return [o["data"]["image/png"] for o in cell.get("outputs", [])
            if "data" in o and "image/png" in o["data"]]


def png_size(b64):
    raw = base64.b64decode(b64)
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", raw[16:24])


def find(nb, needle):
    return [c for c in nb.cells if c.cell_type == "code" and needle in c.source]


def without_outputs(path):
    committed = nbformat.read(path, as_version=4)
    return all(not c.get("outputs") and c.get("execution_count") is None
               for c in committed.cells if c.cell_type == "code")


def execute(path, then=None, limit=None):
    """Runs a notebook with the java kernel (Run All); returns the executed notebook, the wall time of
    Run All and what then(client, nb) returned: then runs after Run All in the same kernel, before it
    is shut down (only when Run All raised no error)."""
    print(f"\n{path.relative_to(ROOT)}")
    check(f"{path.name}: committed without outputs", without_outputs(path))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, startup_timeout=120, kernel_name="java",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    start = time.monotonic()
    error = None
    after = None
    try:
        try:
            client.execute(cleanup_kc=False)  # keep the kernel for then()
        except CellExecutionError as e:
            error = e
        except Exception as e:  # kernel died, timeout...
            error = e
        wall = time.monotonic() - start
        if then is not None and error is None:
            # execute_cell puts the cell it ran into client.nb: the executed copy stays Run All's.
            ran_all = copy.deepcopy(nb)
            after = then(client, nb)
            nb = ran_all
    finally:
        if client.km is not None:
            client._cleanup_kernel()
    BUILD.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, BUILD / path.name)
    print(f"  Run All took {wall:.1f} s, kernel start included -> {(BUILD / path.name).relative_to(ROOT)}")
    check(f"{path.name}: every cell runs without error", error is None, str(error)[-2000:] if error else "")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    check(f"{path.name}: no error output", not errors, errors[0].get("ename", "") if errors else "")
    limit = TIME_LIMIT if limit is None else limit
    check(f"{path.name}: Run All under {limit:.0f} s", wall < limit, f"{wall:.1f} s")
    return nb, wall, after


def html_rows(html):
    """The header cells and the body rows (lists of cell texts) of an HTML table."""
    header = [h.strip() for h in re.findall(r"<th>(.*?)</th>", html[:html.find("<tbody")], re.S)]
    body = html[html.find("<tbody"):html.find("</tbody>")] if "<tbody" in html else ""
    rows = [[c.strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return header, rows


def step_indexes(nb):
    """The indexes of the step cells (their last line calls step(...)), in order."""
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and c.source.split("\n")[-1].startswith("step(")]


def table_of(cell):
    """The header and rows of the last HTML table a cell shows."""
    html = [o["data"]["text/html"] for o in cell.get("outputs", []) if "data" in o and "text/html" in o["data"]]
    return html_rows(html[-1]) if html else ([], [])


def stdout_of(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


RERUN_STEP = 3


def rerun_step(client, nb):
    """Runs step RERUN_STEP's cell again in the kernel that ran Run All; returns the cell, its wall
    time and the error it raised, if any."""
    indexes = step_indexes(nb)
    if len(indexes) <= RERUN_STEP:
        return None, 0.0, "no step cell to run again"
    index = indexes[RERUN_STEP]
    cell = nb.cells[index]
    start = time.monotonic()
    try:
        client.execute_cell(cell, index)
        error = None
    except Exception as e:  # CellExecutionError, timeout...
        error = e
    return cell, time.monotonic() - start, error


# The model that 02's last cell saves beside the notebooks for 05, which loads it when it is there.
DRAWING_MODEL = NOTEBOOKS / "modele-dessin.zip"
WHY_SAVED_LAYERS = [[784, 256, "relu"], [256, 128, "relu"], [128, 10, "softmax"]]
saved_for_drawing = []  # the copies, in build/notebooks/, of the models 02 saved in this run


@contextlib.contextmanager
def drawing_model_aside():
    """While a notebook runs, notebooks/modele-dessin.zip is only what the run writes: a file of the
    user's is kept aside and put back afterwards; what the run wrote is removed."""
    BUILD.mkdir(parents=True, exist_ok=True)
    kept = BUILD / (DRAWING_MODEL.name + ".kept")
    if DRAWING_MODEL.exists():
        DRAWING_MODEL.replace(kept)
    try:
        yield
    finally:
        DRAWING_MODEL.unlink(missing_ok=True)
        if kept.exists():
            kept.replace(DRAWING_MODEL)


def model_file_layers(path):
    """[input_n, output_n, activation] of each layer of a model file, or None."""
    try:
        with zipfile.ZipFile(path) as z:
            layers = json.loads(z.read("model.json"))["layers"]
        return [[l["input_n"], l["output_n"], l["activation"]] for l in layers]
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None


def run_why_notebook(path):
    with drawing_model_aside():
        nb, wall, rerun = execute(path, then=rerun_step)
        saved = model_file_layers(DRAWING_MODEL)
        if saved == WHY_SAVED_LAYERS:
            saved_for_drawing.append(shutil.copy(DRAWING_MODEL, BUILD / f"{path.stem}-modele-dessin.zip"))
    name = path.name
    check(f"{name}: the last model saved as modele-dessin.zip for 05 (784-256-128-10, ReLU)",
          saved == WHY_SAVED_LAYERS, f"{saved}")
    epochs_cell = find(nb, "int EPOCHS")
    epochs = int(re.search(r"int EPOCHS = (\d+);", epochs_cell[0].source).group(1)) if epochs_cell else -1
    step_cells = [nb.cells[i] for i in step_indexes(nb)]
    check(f"{name}: {WHY_STEPS} step cells", len(step_cells) == WHY_STEPS, f"{len(step_cells)}")
    configs = [re.match(r"TrainingConfig (c\d+) = (Recipe\.SEED\.config\(\)|c\d+)\.", c.source) for c in step_cells]
    chained = [f"{m.group(1)}={m.group(2)}" if m else "?" for m in configs]
    expected = ["c0=Recipe.SEED.config()"] + [f"c{k}=c{k - 1}" for k in range(1, WHY_STEPS)]
    check(f"{name}: each step builds its own config from the previous step's", chained == expected, f"{chained}")
    tables = [table_of(cell) for cell in step_cells]
    growing = [len(rows) for _, rows in tables]
    check(f"{name}: each step adds one row to the table", growing == list(range(1, WHY_STEPS + 1)), f"{growing}")
    header, rows = tables[-1] if tables else ([], [])
    accuracy_col = next((i for i, h in enumerate(header) if h.endswith("%")), None)
    accuracies = [float(r[accuracy_col]) for r in rows] if accuracy_col is not None else []
    epoch_counts = [int(r[1]) for r in rows if len(r) > 1]
    print(f"  steps: " + "; ".join(f"{r[0]} {r[3]} % in {r[2]} s" for r in rows if len(r) > 3))
    check(f"{name}: table columns fix, epochs, seconds, accuracy", len(header) == 4 and accuracy_col == 3, f"{header}")
    check(f"{name}: every step trained EPOCHS = {epochs} epochs", epoch_counts == [epochs] * WHY_STEPS, f"{epoch_counts}")
    check(f"{name}: the start stays under 20 %", accuracies and accuracies[0] < 20, f"{accuracies}")
    check(f"{name}: learning rate 0.5 (step 3) above 85 %", len(accuracies) > 3 and accuracies[3] > 85, f"{accuracies}")
    check(f"{name}: last step (256-128 ReLU, momentum) at >= {WHY_LAST_MIN} %",
          len(accuracies) == WHY_STEPS and accuracies[-1] >= WHY_LAST_MIN, f"{accuracies}")
    images = [p for c in nb.cells if c.cell_type == "code" for p in pngs(c)]
    check(f"{name}: at least 4 images (chart, heat map, gallery, weights)", len(images) >= 4, f"{len(images)}")
    chart = pngs(find(nb, "curves.image()")[-1]) if find(nb, "curves.image()") else []
    check(f"{name}: comparison chart is 900 x 520", len(chart) == 1 and png_size(chart[0]) == (900, 520),
          f"{[png_size(c) for c in chart]}")
    for needle, what in (("ConfusionHeatMap", "heat map"), ("DigitGallery.of", "gallery"), ("WeightImages", "weights")):
        cells = find(nb, needle)
        shown = pngs(cells[-1]) if cells else []
        check(f"{name}: {what} shown as one image", len(shown) == 1 and png_size(shown[0]) is not None)
    evaluation = texts(find(nb, "Evaluation.of")[0]) if find(nb, "Evaluation.of") else ""
    said = re.search(r"([0-9.]+) %", evaluation)
    check(f"{name}: the evaluation's accuracy is the last step's",
          said and accuracies and abs(float(said.group(1)) - accuracies[-1]) < 0.006, evaluation.strip())

    cell, seconds, error = rerun if rerun else (None, 0.0, "Run All failed: nothing run again")
    check(f"{name}: step {RERUN_STEP}'s cell runs again without error", cell is not None and error is None,
          str(error)[-1000:])
    if cell is not None and error is None and len(step_cells) > RERUN_STEP and len(rows) > RERUN_STEP:
        _, again = table_of(cell)
        first_config = stdout_of(step_cells[RERUN_STEP]).strip().splitlines()[:1]
        again_config = stdout_of(cell).strip().splitlines()[:1]
        check(f"{name}: step {RERUN_STEP} run again prints the same configuration",
              first_config and first_config == again_config, f"{first_config} then {again_config}")
        new_row = again[-1] if again else []
        same_fix = len(again) == WHY_STEPS + 1 and new_row and new_row[0] == rows[RERUN_STEP][0]
        before = accuracies[RERUN_STEP]
        after = float(new_row[3]) if same_fix and len(new_row) > 3 else float("nan")
        print(f"  step {RERUN_STEP} run again ({seconds:.1f} s): {after} % (Run All: {before} %"
              f"{', exactly the same' if after == before else ''})")
        check(f"{name}: step {RERUN_STEP} run again adds its row ({WHY_STEPS + 1} rows, same fix)", same_fix,
              f"{len(again)} rows, last {new_row}")
        check(f"{name}: step {RERUN_STEP} run again reaches the same accuracy as in Run All (to 0.01)",
              abs(after - before) <= 0.01, f"Run All {before} %, again {after} %")
    return wall


# --- The drawing pad notebooks (05-dessin.ipynb, 05-draw-en.ipynb) ----------------------------------
DRAW_FALLBACK = {"fr": "Exécutez cette cellule pour dessiner", "en": "Run this cell to draw"}


def draw_code_shape(source):
    """A code cell with its strings, comments and Language constant taken out: the same in both languages."""
    source = re.sub(r"//[^\n]*", "", source)
    source = re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)
    return re.sub(r"Language\.(FRENCH|ENGLISH)", "Language.X", source).strip()


def load_saved_model(client, nb):
    """After Run All of 05, in its kernel: the model cell and the pad cell run again with the model that
    02 saved put beside the notebook. Returns those two cells and the error, if any; None if no 02 ran."""
    if not saved_for_drawing:
        return None
    shutil.copy(saved_for_drawing[-1], DRAWING_MODEL)
    cells = []
    try:
        for needle in ("Files.exists(saved)", "DrawingPad.of"):
            index = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and needle in c.source)
            client.execute_cell(nb.cells[index], index)
            cells.append(nb.cells[index])
        return cells, None
    except Exception as e:  # CellExecutionError, timeout, no such cell...
        return cells, e


def run_draw_notebook(path):
    with drawing_model_aside():
        nb, wall, loaded = execute(path, then=load_saved_model)
    name = path.name
    lang = "en" if path.stem.endswith("-en") else "fr"
    check(f"{name}: every cell has a stable id (draw-{lang}-NN)",
          all(re.fullmatch(rf"draw-{lang}-\d\d", c.get("id", "")) for c in nb.cells))
    pad = find(nb, "DrawingPad.of")
    html = "".join(o["data"].get("text/html", "") for c in pad for o in c.get("outputs", []) if "data" in o)
    check(f"{name}: the pad cell shows one HTML output with its script",
          len(pad) == 1 and html.count("<script>") == 1 and "window.MyMnistPad.start(" in html, f"{len(html)} chars")
    check(f"{name}: the pad's HTML says '{DRAW_FALLBACK[lang]}' until its script runs",
          'class="mymnist-pad-fallback"' in html and DRAW_FALLBACK[lang] in html)
    check(f"{name}: the pad embeds the model (3 layers) and the 100-image agreement check",
          html.count('"activation":') == 3 and '"check":{"count":100,' in html and '"dtype":"float32"' in html)
    check(f"{name}: the pad loads nothing from the network", not re.search(r"https?://|\bsrc=", html))
    print(f"  the pad's HTML: {len(html) / 1e3:.0f} kB")
    drawn = find(nb, "double[] drawn = {")
    check(f"{name}: the example drawing is 784 values", drawn and len(re.findall(
        r"(?<![\w.])(?:0|1|\.\d{3})(?![\w.])", drawn[0].source.split("{", 1)[1])) == 784)
    shown = find(nb, "DigitImage.of(drawn")
    images = pngs(shown[0]) if shown else []
    check(f"{name}: the drawing shown as a 224 x 224 image", len(images) == 1 and png_size(images[0]) == (224, 224))
    said = texts(find(nb, "model.predict(drawn)")[0]) if find(nb, "model.predict(drawn)") else ""
    read = re.search(r"(?:Java lit :|Java reads:) (\d)", said)
    percents = [float(v) for v in re.findall(r"^\d ?: *([0-9.]+) %$", said, re.M)]
    print(f"  the example drawing: {said.strip().splitlines()[0] if said.strip() else 'nothing printed'}")
    check(f"{name}: the Java model reads the example drawing as a 7", read and read.group(1) == "7", said.strip())
    check(f"{name}: ten probabilities that sum to 100 %", len(percents) == 10 and abs(sum(percents) - 100) < 0.6,
          f"{percents}")
    neurons = find(nb, "FirstLayerResponse.picture")
    check(f"{name}: the first-layer neurons it excites shown as one image",
          neurons and len(pngs(neurons[0])) == 1 and png_size(pngs(neurons[0])[0]) is not None)
    other = NOTEBOOKS / ("05-dessin.ipynb" if lang == "en" else "05-draw-en.ipynb")
    if other.exists():
        mine = [draw_code_shape(c.source) for c in nb.cells if c.cell_type == "code"]
        theirs = [draw_code_shape(c.source) for c in nbformat.read(other, as_version=4).cells if c.cell_type == "code"]
        check(f"{name}: the same code cells as {other.name}, but for strings, comments and Language", mine == theirs,
              next((f"{a!r} / {b!r}" for a, b in zip(mine, theirs) if a != b), f"{len(mine)} / {len(theirs)} cells"))
    trained = texts(find(nb, "Files.exists(saved)")[0]) if find(nb, "Files.exists(saved)") else ""
    check(f"{name}: Run All trained its own model, 5 epochs (no modele-dessin.zip beside it)",
          len(re.findall(r"^(?:époque|epoch) \d+ ?: [0-9.]+ %$", trained, re.M)) == 5, trained.strip()[:300])
    if loaded is None:
        print("  (the load of 02's saved model not checked: no 02 ran before it, or Run All failed)")
    else:
        cells, error = loaded
        said = texts(cells[0]) if cells else ""
        pad_html = "".join(o["data"].get("text/html", "") for o in cells[1].get("outputs", []) if "data" in o) \
            if len(cells) > 1 else ""
        print(f"  with 02's model: {said.strip()[:200]}")
        check(f"{name}: with 02's modele-dessin.zip beside it, the model cell loads it and the pad shows it",
              error is None and re.search(r"(?:modèle chargé :|model loaded:) modele-dessin\.zip", said)
              and "784 -> 256 relu -> 128 relu -> 10 softmax" in said
              and pad_html.count('"activation":"relu"') == 2 and "window.MyMnistPad.start(" in pad_html,
              str(error)[-1000:] if error else said.strip()[:300])
    return wall


# ---- exercise notebooks (03-*.ipynb) ----------------------------------------------------------------

EXERCISE_CHECKS = 8
WRONG_LEARN = """INDArray learn(StudentLayer self, INDArray e_2) {
    INDArray e1 = e_2.mul(self.activation.derivative(self.predictedOutput_));
    INDArray e_0 = e1.mmul(self.weight.transpose());
    self.weight.subi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));
    return e_0;
}"""


def htmls(cell):
    return [o["data"]["text/html"] for o in cell.get("outputs", []) if "data" in o and "text/html" in o["data"]]


def wrong_then_right_learn(client, nb):
    """After Run All: a wrong learn, its check; then the right learn again, its check. Returns both check cells."""
    learn = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("INDArray learn("))
    checked = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("check(Check.learn("))
    right = nb.cells[learn].source
    outcome = []
    for source in (WRONG_LEARN, right):
        nb.cells[learn].source = source
        client.execute_cell(nb.cells[learn], learn)
        try:
            client.execute_cell(nb.cells[checked], checked)
        except Exception:  # CellExecutionError: the check throws when wrong, as it should
            pass
        outcome.append(copy.deepcopy(nb.cells[checked]))
    return outcome


def run_exercise_notebook(path):
    nb, wall, after = execute(path, then=wrong_then_right_learn)
    name = path.name
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
    green = [c for c in checks if any("✔" in h for h in htmls(c)) and not any("✘" in h for h in htmls(c))]
    check(f"{name}: {EXERCISE_CHECKS} check cells, every one green", len(checks) == EXERCISE_CHECKS
          and len(green) == len(checks), f"{len(green)} green of {len(checks)}: "
          + "; ".join(texts(c)[:200] for c in checks if c not in green))
    seed = find(nb, "net.train(")
    lines = re.findall(r"^Epoch : (\d+) loss : ([0-9.eE-]+), acc : ([0-9.]+) %$", texts(seed[0]) if seed else "", re.M)
    print("  the student's network: " + "; ".join(f"epoch {e} loss {l} acc {a} %" for e, l, a in lines))
    check(f"{name}: the student's network prints 3 epoch lines", len(lines) == 3, f"{lines}")
    check(f"{name}: epoch 0 is the seed's (loss : 0.1514192334871..., acc : 11.51 %)",
          lines and lines[0][1].startswith("0.1514192334871") and lines[0][2] == "11.51", f"{lines[:1]}")
    check(f"{name}: epochs 1 and 2 at the seed's 12.01 % and 10.0 %",
          [a for _, _, a in lines[1:3]] == ["12.01", "10.0"], f"{lines}")
    climb = find(nb, "trainer.run()")
    climbed = re.findall(r"^Epoch : (\d+) loss : [0-9.eE-]+, acc : ([0-9.]+) %$", texts(climb[0]) if climb else "", re.M)
    print("  the mean-gradient run: " + ", ".join(f"{a} %" for _, a in climbed))
    check(f"{name}: the mean-gradient run climbs to >= 85 % in 3 epochs",
          len(climbed) == 3 and float(climbed[-1][1]) >= 85, f"{climbed}")
    chart = pngs(climb[0]) if climb else []
    check(f"{name}: its chart is one image/png updated in place, 800 x 450",
          len(chart) == 1 and png_size(chart[0]) == (800, 450), f"{len(chart)} images")
    wrong, right = after if after else (None, None)
    wrong_text = texts(wrong) + "".join(htmls(wrong)) + "".join(o.get("evalue", "") for o in wrong.get("outputs", [])) if wrong else ""
    check(f"{name}: a wrong learn (no / self.outputN) fails its check with the hint",
          wrong is not None and "self.outputN" in wrong_text and any(o.get("output_type") == "error" for o in wrong.outputs),
          wrong_text[-400:])
    check(f"{name}: the right learn again passes its check (the kernel went on)",
          right is not None and any("✔" in h for h in htmls(right)) and not any(o.get("output_type") == "error" for o in right.outputs))
    return wall


def run_cnn_notebook(path):
    nb, wall, _ = execute(path, limit=CNN_TIME_LIMIT)
    name = path.name
    epochs_cell = find(nb, "int EPOCHS")
    epochs = int(re.search(r"int EPOCHS = (\d+);", epochs_cell[0].source).group(1)) if epochs_cell else -1
    training = find(nb, "trainer.run()")
    log = texts(training[0]) if training else ""
    lines = re.findall(r"^(?:epoch|époque) (\d+)  (?:loss|perte) ([0-9.]+)  (?:accuracy|exactitude) ([0-9.]+) %", log, re.M)
    print("  epochs: " + "; ".join(f"{e}: {a} %" for e, _, a in lines))
    check(f"{name}: {epochs} epoch lines (EPOCHS)", len(lines) == epochs, f"{len(lines)}")
    chart = pngs(training[0]) if training else []
    check(f"{name}: training chart is one image/png updated in place, 800 x 450",
          len(chart) == 1 and png_size(chart[0]) == (800, 450), f"{len(chart)} images")
    minimum = 99.0 if epochs >= 3 else 98.0
    last = float(lines[-1][2]) if lines else 0.0
    check(f"{name}: accuracy after {epochs} epoch(s) >= {minimum} %", last >= minimum, f"{last}")
    evaluation = texts(find(nb, "Evaluation.of")[0]) if find(nb, "Evaluation.of") else ""
    said = re.search(r"([0-9.]+) %", evaluation)
    check(f"{name}: the evaluation's accuracy is the training's",
          said and abs(float(said.group(1)) - last) < 0.006, evaluation.strip())
    for needle, what, count in (("ChannelImages.filters", "first layer's filters", 1),
                                ("DigitImage.of", "test digit", 1),
                                ("ChannelImages.maps", "feature maps after each of 6 stages", 6),
                                ("ConfusionHeatMap", "heat map", 1), ("DigitGallery.of", "gallery", 1)):
        cells = find(nb, needle)
        shown = pngs(cells[-1]) if cells else []
        check(f"{name}: {what} shown ({count} image/png)",
              len(shown) == count and all(png_size(p) is not None for p in shown), f"{len(shown)}")
    code_cells = [c for c in find(nb, "showCode(") if c.source.startswith("showCode(")]
    shown = [c for c in code_cells if any("data" in o and "```java" in o["data"].get("text/markdown", "")
                                          for o in c.outputs)]
    check(f"{name}: library source shown in every showCode cell", code_cells and len(shown) == len(code_cells),
          f"{len(shown)} of {len(code_cells)}")
    check_no_machinery_shown(nb, name)
    comparison = find(nb, "comparison.html()")
    html = [o["data"]["text/html"] for c in comparison for o in c.get("outputs", [])
            if "data" in o and "text/html" in o["data"]]
    header, rows = html_rows(html[-1]) if html else ([], [])
    print("  comparison: " + "; ".join(" | ".join(r) for r in rows))
    check(f"{name}: comparison table has the dense and the convolutional rows", len(rows) == 2, f"{rows}")
    return wall


MACHINERY = re.compile(r"[Ww]orkspace|NativeBackend|\bkernel\(\)|\bKernel\b|Nd4j\.get(?:Environment|Executioner|MemoryManager)")


def check_no_machinery_shown(nb, name):
    """No showCode output shows engine machinery: a workspace, a kernel, a backend call."""
    shown = "".join(o["data"].get("text/markdown", "") for c in find(nb, "showCode(") if c.source.startswith("showCode(")
                    for o in c.get("outputs", []) if "data" in o)
    found = sorted(set(MACHINERY.findall(shown)))
    check(f"{name}: no showCode output shows a workspace, a kernel or a backend call", shown and not found, f"{found}")


def run_notebook(path):
    if path.name.startswith("02-"):
        return run_why_notebook(path)
    if path.name.startswith("05-"):
        return run_draw_notebook(path)
    if path.name.startswith("03-"):
        return run_exercise_notebook(path)
    if path.name.startswith("04-"):
        return run_cnn_notebook(path)
    nb, wall, _ = execute(path)

    training = find(nb, "trainer.run()")
    log = texts(training[0]) if training else ""
    lines = re.findall(r"^Epoch : (\d+) loss : ([0-9.eE-]+), acc : ([0-9.]+) %$", log, re.M)
    check(f"{path.name}: 50 epoch lines", len(lines) == 50, f"{len(lines)} lines")
    last = [l for l in lines if l[0] == "49"]
    check(f"{path.name}: epoch 49 shows acc : 27.11 %", last and last[0][2] == "27.11",
          f"epoch 49: {last[0] if last else 'missing'}")
    first = [l for l in lines if l[0] == "0"]
    check(f"{path.name}: epoch 0 shows acc : 11.51 %", first and first[0][2] == "11.51",
          f"epoch 0: {first[0] if first else 'missing'}")
    chart = pngs(training[0]) if training else []
    check(f"{path.name}: training chart is one image/png updated in place, 800 x 450",
          len(chart) == 1 and png_size(chart[0]) == (800, 450),
          f"{len(chart)} images, size {png_size(chart[0]) if chart else None}")

    room = find(nb, "ModelFile.checkRoom(")
    check(f"{path.name}: the save's folder and room are checked before training, without error",
          room and training and nb.cells.index(room[0]) < nb.cells.index(training[0])
          and not any(o.get("output_type") == "error" for o in room[0].outputs),
          texts(room[0])[-300:] if room else "no ModelFile.checkRoom cell")

    per_digit = find(nb, "perDigitTable")
    digit_text = texts(per_digit[0]) if per_digit else ""
    printed = [float(v) for _, v in sorted(
        (int(d), v) for d, v in re.findall(r"^For (\d) accuracy is ([0-9.]+)$", digit_text, re.M))]
    check(f"{path.name}: per-digit lines give the seed's values", printed == SEED_PER_DIGIT, f"{printed}")
    html = "".join(o["data"]["text/html"] for c in per_digit for o in c.get("outputs", [])
                   if "data" in o and "text/html" in o["data"])
    body = html[html.find("<tbody"):html.find("</tbody>")] if "<tbody" in html else ""
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    check(f"{path.name}: per-digit HTML table has 10 rows", len(rows) == 10, f"{len(rows)} rows")
    header = re.findall(r"<th>(.*?)</th>", html[:html.find("<tbody")] if html else "", re.S)
    header = [h.strip() for h in header]
    table_values = []
    accuracy_header = "exactitude %" if "exactitude %" in header else "accuracy %"
    if accuracy_header in header:
        col = header.index(accuracy_header)
        for row in rows:
            cells = [c.strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            table_values.append(float(cells[col]) if col < len(cells) else float("nan"))
    check(f"{path.name}: per-digit HTML table holds the seed's accuracies",
          len(table_values) == 10 and all(abs(a - b) < 0.005 for a, b in zip(table_values, SEED_PER_DIGIT)),
          f"header {header}, values {table_values}")

    digit = find(nb, "DigitImage.of")
    images = pngs(digit[0]) if digit else []
    check(f"{path.name}: test image is an image/png, 224 x 224",
          len(images) == 1 and png_size(images[0]) == (224, 224),
          f"{len(images)} images")
    prediction = find(nb, "argMax()")
    said = texts(prediction[0]) if prediction else ""
    check(f"{path.name}: prediction for test image 2 is 1", re.search(r"pr[eé]diction ?: 1 ", said), said.strip())

    code_cells = find(nb, "showCode(")
    shown = [c for c in code_cells if c.source.startswith("showCode(")
             and any("data" in o and "```java" in o["data"].get("text/markdown", "") for o in c.outputs)]
    check(f"{path.name}: library source shown in every showCode cell",
          code_cells and len(shown) == len([c for c in code_cells if c.source.startswith("showCode(")]),
          f"{len(shown)} of {len(code_cells)}")
    learn = find(nb, "showCode(Layer.class, \"learn\")")
    learn_md = "".join(o["data"].get("text/markdown", "") for c in learn for o in c.outputs if "data" in o)
    statements = ["learn(INDArray e_2", "INDArray e1 = e_2", "INDArray e_0 =", "INDArray dw1 =",
                  "weight.subi(", "return e_0;"]
    check(f"{path.name}: Layer.learn shows the seed's statements",
          all(t in learn_md for t in statements), f"missing {[t for t in statements if t not in learn_md]}")
    # The Markdown cell before each of these showCode cells quotes the numpy code it replaces.
    quoted = {"showCode(Sigmoid.class)": "def sigmoid(", "showCode(Layer.class, \"calculate\")": "def calculate(",
              "showCode(Layer.class, \"learn\")": "def learn(", "showCode(MeanSquaredError.class)": "def mse(",
              "showCode(Model.class, \"predictLoss\")": "def predict_loss(",
              "showCode(Model.class, \"computeAccuracy\")": "def compute_accuracy(",
              "showCode(Model.class, \"backpropagation\")": "def backpropagation("}
    missing = []
    for needle, numpy_line in quoted.items():
        index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and needle in c.source), None)
        before = nb.cells[index - 1] if index else None
        if before is None or before.cell_type != "markdown" or numpy_line not in before.source:
            missing.append(needle)
    check(f"{path.name}: each showCode of the network follows the numpy code it replaces", not missing,
          f"{missing}")
    check_no_machinery_shown(nb, path.name)
    outputs = "".join(o["data"].get("text/markdown", "") + o["data"].get("text/plain", "")
                      for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "data" in o)
    check(f"{path.name}: no output shows the fast engine",
          "org.mymnist.engine" not in outputs and "MiniBatchEngine" not in outputs)
    return wall


class Kernel:
    """A Java kernel started in notebooks/, to run cells one by one and interrupt them."""

    def __init__(self):
        from jupyter_client.manager import start_new_kernel
        self.km, self.kc = start_new_kernel(kernel_name="java", cwd=str(NOTEBOOKS))

    def run(self, code, timeout=300):
        """Runs code; returns its streams, results and errors as text once the kernel is idle."""
        return self.wait(self.kc.execute(code), timeout)

    def wait(self, msg_id, timeout=300, until_epochs=None, until_display=False):
        """What the execution msg_id printed, when it is done (or once it printed until_epochs epoch
        lines, or once it displayed something)."""
        out = []
        epochs = 0
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            t, c = msg["msg_type"], msg["content"]
            if t == "stream":
                out.append(c["text"])
                epochs += len(re.findall(r"^(?:Epoch : |epoch |époque )\d+", c["text"], re.M))
                if until_epochs is not None and epochs >= until_epochs:
                    return "".join(out)
            elif t in ("execute_result", "display_data"):
                out.append(c["data"].get("text/plain", ""))
                if until_display and t == "display_data":
                    return "".join(out)
            elif t == "error":
                out.append("ERROR " + c["ename"] + ": " + c["evalue"])
            elif t == "status" and c["execution_state"] == "idle":
                return "".join(out)

    def run_cells_before(self, nb, needle, replace=None):
        """Runs the notebook's code cells before the first one containing needle; False on an error."""
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if needle in cell.source:
                return True
            source = replace(cell.source) if replace else cell.source
            if "ERROR" in self.run(source):
                return False
        return True

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def check_interrupt():
    """Starts a training run, presses interrupt after 3 epochs, checks it stops within a second."""
    print("\ninterrupt")
    kernel = Kernel()
    try:
        nb = nbformat.read(NOTEBOOKS / "01-my-mnist-en.ipynb", as_version=4)
        if not kernel.run_cells_before(nb, "trainer.run()"):
            return check("interrupt: notebook cells before training run", False)
        # The notebook's room check, pointed at a folder that does not exist, refuses before any training.
        refused = kernel.run('ModelFile.checkRoom(model, Path.of("no-such-folder", "demo.zip"), 50)')
        check("save check: a save into a missing folder is refused before training, naming the folder",
              "ERROR" in refused and "no-such-folder" in refused and "does not exist" in refused, refused[-300:])
        training = [c.source for c in nb.cells if c.cell_type == "code" and "trainer.run()" in c.source][0]
        msg_id = kernel.kc.execute(training.replace(".epochs(50)", ".epochs(1000)"))
        kernel.wait(msg_id, timeout=120, until_epochs=3)
        pressed = time.monotonic()
        kernel.km.interrupt_kernel()
        kernel.wait(msg_id, timeout=60)
        cell_ended = time.monotonic() - pressed
        check("interrupt: the training cell ends within a second", cell_ended < 1.0, f"{cell_ended:.2f} s")
        # The loop itself ends at the end of its epoch (< 1 s here); then nothing more is added.
        # The epoch that was running when the button was pressed may still print its line into this
        # cell's output: only the value on the last line counts.
        first = kernel.run("Thread.sleep(1000); trainer.history().size()").strip().splitlines()[-1]
        second = kernel.run("Thread.sleep(1500); trainer.history().size()").strip().splitlines()[-1]
        check("interrupt: training stopped, history kept", first == second
              and first.isdigit() and int(first) >= 3, f"{first!r} then {second!r}")
        # The model is the one of the last recorded epoch: its accuracy is that epoch's, to the bit.
        same = kernel.run("model.computeAccuracy(x_test, y_test) * 100 == trainer.history().last().accuracy()")
        check("interrupt: the model kept what it learned (accuracy of the last epoch recorded)",
              same.strip() == "true", same)
    finally:
        kernel.close()


def check_interrupt_convolution():
    """Notebook 04 with EPOCHS = 3: interrupt during the first epoch, then trainer.run() finishes it."""
    print("\ninterrupt and resume (convolution)")
    kernel = Kernel()
    try:
        nb = nbformat.read(NOTEBOOKS / "04-convolution-en.ipynb", as_version=4)
        if not kernel.run_cells_before(nb, "trainer.run()", lambda s: re.sub(r"int EPOCHS = \d+;", "int EPOCHS = 3;", s)):
            return check("convolution interrupt: notebook cells before training run", False)
        training = [c.source for c in nb.cells if c.cell_type == "code" and "trainer.run()" in c.source][0]
        msg_id = kernel.kc.execute(training)
        # The empty chart is displayed just before trainer.run(): interrupt 2 s into the first epoch.
        kernel.wait(msg_id, timeout=120, until_display=True)
        time.sleep(2)
        pressed = time.monotonic()
        kernel.km.interrupt_kernel()
        out = kernel.wait(msg_id, timeout=120)
        ended = time.monotonic() - pressed
        check(f"convolution interrupt: the training cell ends at once ({ended:.2f} s)", ended < 2, out[-300:])
        # The training thread ends its batch (JJava's stop ends the cell first); nothing is recorded.
        size = kernel.run("Thread.sleep(500); trainer.history().size() + \" \" + trainer.stopped()").strip().splitlines()[-1]
        check("convolution interrupt: stopped inside the first epoch, none recorded", size == "0 true", repr(size))
        resumed = kernel.run("trainer.epochs(1).run(); trainer.history().size() + \" \" + trainer.history().last().epoch()"
                             " + \" \" + trainer.history().last().accuracy()")
        last = resumed.strip().splitlines()[-1].split(" ")
        check("convolution interrupt: trainer.run() finishes the first epoch, where it stopped",
              len(last) == 3 and last[:2] == ["1", "0"] and float(last[2]) >= 98.0, resumed[-300:])
        same = kernel.run("Evaluation.of(model, xTest, testLabels).accuracy() == trainer.history().last().accuracy()")
        check("convolution interrupt: the model is the one of that epoch", same.strip().endswith("true"), same[-300:])
    finally:
        kernel.close()


# ---- structure: what generating the notebooks used to guarantee ---------------------------------------

CODE_NOISE = re.compile(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*(?:.|\n)*?\*/')


def code_shape(source):
    """A code cell without its string literals, comments and language constant: what French and English share."""
    stripped = CODE_NOISE.sub(lambda m: '""' if m.group(0)[0] in "\"'" else "", source)
    stripped = re.sub(r"Language\.(FRENCH|ENGLISH)", "Language.X", stripped)
    return [line.strip() for line in stripped.splitlines() if line.strip()]


def language_pairs():
    """(French, English) notebooks: NN-*-en.ipynb and the other NN-*.ipynb of the same number."""
    pairs = []
    for english in sorted(NOTEBOOKS.glob("*-en.ipynb")):
        number = english.name.split("-")[0]
        french = [p for p in sorted(NOTEBOOKS.glob(f"{number}-*.ipynb")) if p != english and not p.name.endswith("-en.ipynb")]
        if len(french) == 1:
            pairs.append((french[0], english))
    return pairs


def check_structure():
    print("\nstructure")
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        check(f"{path.name}: committed without outputs", without_outputs(path))
        nb = nbformat.read(path, as_version=4)
        ids = [c.get("id") for c in nb.cells]
        check(f"{path.name}: every cell has an id, unique", all(ids) and len(set(ids)) == len(ids),
              f"{[i for i in ids if not i or ids.count(i) > 1]}")
        graded = [c for c in nb.cells if "nbgrader" in c.metadata]
        if graded:
            meta = [c.metadata["nbgrader"] for c in graded]
            grade_ids = [m.get("grade_id") for m in meta]
            solutions = [c for c in graded if c.metadata["nbgrader"].get("solution")]
            checks = [c for c in graded if c.metadata["nbgrader"].get("grade")]
            check(f"{path.name}: nbgrader grade ids unique", len(set(grade_ids)) == len(grade_ids) and all(grade_ids))
            check(f"{path.name}: each solution cell holds BEGIN SOLUTION / END SOLUTION",
                  solutions and all(c.source.count("BEGIN SOLUTION") == c.source.count("END SOLUTION") > 0 for c in solutions))
            check(f"{path.name}: each check cell has points and is locked",
                  checks and all(c.metadata["nbgrader"].get("points", 0) > 0 and c.metadata["nbgrader"].get("locked")
                                 for c in checks))
    for french, english in language_pairs():
        fr = [code_shape(c.source) for c in nbformat.read(french, as_version=4).cells if c.cell_type == "code"]
        en = [code_shape(c.source) for c in nbformat.read(english, as_version=4).cells if c.cell_type == "code"]
        differ = [i for i, (a, b) in enumerate(zip(fr, en)) if a != b]
        check(f"{french.name} / {english.name}: the same code cells in the same order (strings, comments and"
              f" language aside)", len(fr) == len(en) and not differ,
              f"{len(fr)} and {len(en)} code cells; first different: code cell {differ[0] if differ else '-'}")
    gone = [name for name in ("make_notebooks.py", "make_why_notebook.py", "make_cnn_notebook.py") if (ROOT / "scripts" / name).exists()]
    check("no notebook generator: the committed notebooks are the source", not gone, f"{gone}")


def check_edits():
    """A teacher's edit in JupyterLab survives the repository's scripts."""
    print("\na JupyterLab edit survives the scripts")
    import uuid
    originals = {p: p.read_bytes() for p in sorted(NOTEBOOKS.glob("*.ipynb"))}
    edited = {}
    try:
        for path in originals:
            nb = nbformat.read(path, as_version=4)
            cell = nbformat.v4.new_markdown_cell("A teacher's note, added in JupyterLab.")
            cell.id = str(uuid.uuid4())
            nb.cells.insert(1, cell)
            nb.cells[0].source += "\n\n(edited)"
            nbformat.write(nb, path)
            edited[path] = path.read_bytes()
        env = dict(os.environ, SKIP_MNIST_FETCH="1")
        for script in (["bash", str(ROOT / "scripts" / "setup-notebooks.sh")],
                       [sys.executable, str(Path(__file__).resolve()), "--check-structure"]):
            run = subprocess.run(script, capture_output=True, text=True, env=env, cwd=ROOT)
            name = Path(script[1]).name
            check(f"{name} ran (exit {run.returncode})", run.returncode == 0,
                  run.stdout[-500:] + run.stderr[-500:])
            changed = [p.name for p in edited if p.read_bytes() != edited[p]]
            check(f"every edited notebook is unchanged after {name}", not changed, f"{changed}")
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    check("the notebooks are back as committed", all(p.read_bytes() == d for p, d in originals.items()))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    paths = [Path(a).resolve() for a in args] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if "--check-edits" in sys.argv:
        check_edits()
        failed = sum(1 for _, ok in results if not ok)
        print(f"{len(results) - failed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    check_structure()
    if "--check-structure" in sys.argv or "--check-generated" in sys.argv:
        failed = sum(1 for _, ok in results if not ok)
        print(f"{len(results) - failed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    walls = {}
    for path in paths:
        walls[path.name] = run_notebook(path)
    if "--skip-interrupt" not in sys.argv:
        try:
            check_interrupt()
        except Exception as e:
            check("interrupt: check ran", False, repr(e))
        try:
            check_interrupt_convolution()
        except Exception as e:
            check("convolution interrupt: check ran", False, repr(e))
    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    print()
    for name, wall in walls.items():
        print(f"Run All {name}: {wall:.1f} s (kernel start included)")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
