#!/usr/bin/env python3
"""Executes every notebook of notebooks/ headless with the Java kernel and checks what it shows.

Run through scripts/test-notebooks.sh (which sets up .venv, the kernel, the jar and MNIST first).
Executed copies are written to build/notebooks/. Checks, for each notebook:
  - the committed notebook has no outputs, and matches scripts/make_notebooks.py;
  - Run All raises no error in any cell, within NOTEBOOK_TIME_LIMIT_S seconds (default 60), kernel start included;
  - the training prints 50 epoch lines and the epoch-49 line shows "acc : 27.11 %" (the seed's);
  - the chart is one image/png (800 x 450), updated in place rather than 50 pictures;
  - the per-digit lines and the HTML table (10 body rows) give the seed's accuracies;
  - the test image is an image/png (224 x 224) and the prediction printed is 1;
  - each "showCode" cell shows Java source as Markdown.
For the "why 27 %?" notebooks (02-*.ipynb), instead of the seed's figures:
  - no cell error, Run All under the limit;
  - the results table (HTML, shown after each step) has one row per step, 9 rows at the end (steps 0 to 8),
    each step trained EPOCHS epochs, and the last step (256-128 ReLU, momentum) at >= WHY_LAST_MIN % (97);
  - the start stays low (< 20 %) and learning rate 0.5 (step 3) is above 85 %;
  - at least 4 image/png outputs: the comparison chart (900 x 520), the confusion heat map, the gallery
    of misclassified digits, the first layer's weights.
For the convolution notebooks (04-*.ipynb):
  - no cell error, Run All under NOTEBOOK_CNN_TIME_LIMIT_S seconds (default 90);
  - one epoch line per EPOCHS, the chart one image/png (800 x 450) updated in place;
  - the last epoch at >= 99 % when EPOCHS >= 3, else >= 98 %; the evaluation says the same accuracy;
  - the filters, the test digit, a feature-map picture after each of the 6 stages shown, the heat map and
    the gallery are image/png outputs; every showCode cell shows Java source; the comparison table has 2 rows.
Then, once: the interrupt button stops a training run within a second, keeping the model and history.
Prints the wall time of each Run All and a closing line "N passed, M failed"; exits 1 on any failure.
Options: --skip-interrupt, and notebook paths to run only those.
"""
import base64
import os
import re
import struct
import subprocess
import sys
import time
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


def execute(path, limit=None):
    """Runs a notebook with the java kernel; returns the executed notebook and the wall time."""
    print(f"\n{path.relative_to(ROOT)}")
    committed = nbformat.read(path, as_version=4)
    check(f"{path.name}: committed without outputs",
          all(not c.get("outputs") and c.get("execution_count") is None
              for c in committed.cells if c.cell_type == "code"))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, startup_timeout=120, kernel_name="java",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    start = time.monotonic()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = e
    except Exception as e:  # kernel died, timeout...
        error = e
    wall = time.monotonic() - start
    BUILD.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, BUILD / path.name)
    print(f"  Run All took {wall:.1f} s, kernel start included -> {(BUILD / path.name).relative_to(ROOT)}")
    check(f"{path.name}: every cell runs without error", error is None, str(error)[-2000:] if error else "")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    check(f"{path.name}: no error output", not errors, errors[0].get("ename", "") if errors else "")
    limit = TIME_LIMIT if limit is None else limit
    check(f"{path.name}: Run All under {limit:.0f} s", wall < limit, f"{wall:.1f} s")
    return nb, wall


def html_rows(html):
    """The header cells and the body rows (lists of cell texts) of an HTML table."""
    header = [h.strip() for h in re.findall(r"<th>(.*?)</th>", html[:html.find("<tbody")], re.S)]
    body = html[html.find("<tbody"):html.find("</tbody>")] if "<tbody" in html else ""
    rows = [[c.strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return header, rows


def run_why_notebook(path):
    nb, wall = execute(path)
    name = path.name
    epochs_cell = find(nb, "int EPOCHS")
    epochs = int(re.search(r"int EPOCHS = (\d+);", epochs_cell[0].source).group(1)) if epochs_cell else -1
    step_cells = [c for c in nb.cells if c.cell_type == "code" and c.source.split("\n")[-1].startswith("step(")]
    check(f"{name}: {WHY_STEPS} step cells", len(step_cells) == WHY_STEPS, f"{len(step_cells)}")
    tables = []
    for cell in step_cells:
        html = [o["data"]["text/html"] for o in cell.get("outputs", []) if "data" in o and "text/html" in o["data"]]
        tables.append(html_rows(html[-1]) if html else ([], []))
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
    return wall


def run_cnn_notebook(path):
    nb, wall = execute(path, CNN_TIME_LIMIT)
    name = path.name
    epochs_cell = find(nb, "int EPOCHS")
    epochs = int(re.search(r"int EPOCHS = (\d+);", epochs_cell[0].source).group(1)) if epochs_cell else -1
    training = find(nb, "trainer.run()")
    log = texts(training[0]) if training else ""
    lines = re.findall(r"^epoch (\d+)  loss ([0-9.]+)  accuracy ([0-9.]+) %", log, re.M)
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
    comparison = find(nb, "comparison.html()")
    html = [o["data"]["text/html"] for c in comparison for o in c.get("outputs", [])
            if "data" in o and "text/html" in o["data"]]
    header, rows = html_rows(html[-1]) if html else ([], [])
    print("  comparison: " + "; ".join(" | ".join(r) for r in rows))
    check(f"{name}: comparison table has the dense and the convolutional rows", len(rows) == 2, f"{rows}")
    return wall


def run_notebook(path):
    if path.name.startswith("02-"):
        return run_why_notebook(path)
    if path.name.startswith("04-"):
        return run_cnn_notebook(path)
    nb, wall = execute(path)

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
    if "accuracy %" in header:
        col = header.index("accuracy %")
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
    return wall


def check_interrupt():
    """Starts a training run, presses interrupt after 3 epochs, checks it stops within a second."""
    print("\ninterrupt")
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="java", cwd=str(NOTEBOOKS))
    try:
        def run(code, timeout=300):
            msg_id = kc.execute(code)
            out = []
            while True:
                msg = kc.get_iopub_msg(timeout=timeout)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                t, c = msg["msg_type"], msg["content"]
                if t == "stream":
                    out.append(c["text"])
                elif t in ("execute_result", "display_data"):
                    out.append(c["data"].get("text/plain", ""))
                elif t == "error":
                    out.append("ERROR " + c["ename"] + ": " + c["evalue"])
                elif t == "status" and c["execution_state"] == "idle":
                    return "".join(out)

        nb = nbformat.read(NOTEBOOKS / "01-my-mnist-en.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if "trainer.run()" in cell.source:
                break
            out = run(cell.source)
            if "ERROR" in out:
                return check("interrupt: notebook cells before training run", False, out[-500:])
        training = [c.source for c in nb.cells if "trainer.run()" in c.source][0]
        msg_id = kc.execute(training.replace(".epochs(50)", ".epochs(1000)"))
        epochs = 0
        while epochs < 3:
            msg = kc.get_iopub_msg(timeout=120)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                epochs += msg["content"]["text"].count("Epoch : ")
        pressed = time.monotonic()
        km.interrupt_kernel()
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        cell_ended = time.monotonic() - pressed
        check("interrupt: the training cell ends within a second", cell_ended < 1.0, f"{cell_ended:.2f} s")
        # The loop itself ends at the end of its epoch (< 1 s here); then nothing more is added.
        # The epoch that was running when the button was pressed may still print its line into this
        # cell's output: only the value on the last line counts.
        first = run("Thread.sleep(1000); trainer.history().size()").strip().splitlines()[-1]
        second = run("Thread.sleep(1500); trainer.history().size()").strip().splitlines()[-1]
        check("interrupt: training stopped, history kept", first == second
              and first.isdigit() and int(first) >= 3, f"{first!r} then {second!r}")
        # The model is the one of the last recorded epoch: its accuracy is that epoch's, to the bit.
        same = run("model.computeAccuracy(x_test, y_test) * 100 == trainer.history().last().accuracy()")
        check("interrupt: the model kept what it learned (accuracy of the last epoch recorded)",
              same.strip() == "true", same)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    paths = [Path(a).resolve() for a in args] or sorted(NOTEBOOKS.glob("*.ipynb"))
    gen = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_notebooks.py"), "--check"],
                         capture_output=True, text=True)
    check("notebooks match scripts/make_notebooks.py", gen.returncode == 0, gen.stdout.strip())
    walls = {}
    for path in paths:
        walls[path.name] = run_notebook(path)
    if "--skip-interrupt" not in sys.argv:
        try:
            check_interrupt()
        except Exception as e:
            check("interrupt: check ran", False, repr(e))
    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    print()
    for name, wall in walls.items():
        print(f"Run All {name}: {wall:.1f} s (kernel start included)")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
