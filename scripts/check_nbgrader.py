#!/usr/bin/env python3
"""The nbgrader round trip of the exercise notebooks, as a teacher runs it, in build/nbgrader/:

  1. a course folder with scripts/nbgrader_config.py and the assignment "03-exercices" holding
     notebooks/03-exercices.ipynb and notebooks/03-exercises-en.ipynb (the teacher's versions, with solutions);
  2. nbgrader generate_assignment: the student versions, in release/; checks that no solution is left
     in them (every BEGIN SOLUTION region replaced by the stub) and that the checks are still there;
  3. two submissions: "untouched" (the student versions as they were handed out) and "solution"
     (the teacher's versions); nbgrader autograde runs both in the Java kernel;
  4. the scores from nbgrader's gradebook (nbgrader export, CSV): 0 for "untouched", full points
     for "solution"; in the untouched autograded notebooks, every check cell failed with a hint that
     says the piece is not written yet, and the kernel survived to the last cell.

The kernel finds the library through JJAVA_CLASSPATH (and IJAVA_CLASSPATH, for IJava), set here: the
notebooks are run from nbgrader's folders, where ../target is not the project's.
Run through scripts/test-nbgrader.sh. Prints "N passed, M failed"; exits 1 on any failure.
--release-only stops after step 2: the student versions, for a worksheet without grading, in
build/nbgrader/release/03-exercices/ (about 40 s).
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "build" / "nbgrader"
ASSIGNMENT = "03-exercices"
NOTEBOOKS = ["03-exercices.ipynb", "03-exercises-en.ipynb"]
STUB = 'throw new UnsupportedOperationException("à vous : écrivez ce morceau / your turn: write this piece");'
NOT_WRITTEN = ("n'est pas encore écrit", "is not written yet", "pas encore écrit", "not written yet")

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    print(f"  {'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail and not ok else ""))
    return ok


def nbgrader(*args):
    start = time.monotonic()
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "nbgrader"), *args], cwd=COURSE, capture_output=True, text=True)
    print(f"  nbgrader {' '.join(args)}: exit {run.returncode} in {time.monotonic() - start:.1f} s")
    if run.returncode != 0:
        print(run.stdout[-3000:] + run.stderr[-3000:])
    return run


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    s = cell["source"]
    return "".join(s) if isinstance(s, list) else s


def meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def output_text(cell):
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", "") if isinstance(o.get("text"), str) else "".join(o["text"]))
        elif o.get("output_type") == "error":
            out.append(o.get("ename", "") + ": " + o.get("evalue", ""))
        for v in o.get("data", {}).values():
            out.append(v if isinstance(v, str) else "".join(v))
    return "\n".join(out)


def main():
    os.environ["PATH"] = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"  # alembic, for nbgrader db
    jars = f"{ROOT / 'target' / 'my-mnist.jar'}{os.pathsep}{ROOT / 'target' / 'lib'}/*.jar"
    os.environ["JJAVA_CLASSPATH"] = jars
    os.environ["IJAVA_CLASSPATH"] = jars
    if COURSE.exists():
        shutil.rmtree(COURSE)
    (COURSE / "source" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "nbgrader_config.py", COURSE / "nbgrader_config.py")
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / name, COURSE / "source" / ASSIGNMENT / name)
    print(f"course folder {COURSE.relative_to(ROOT)}")

    check("nbgrader db assignment add", nbgrader("db", "assignment", "add", ASSIGNMENT).returncode == 0)
    for student in ("untouched", "solution"):
        check(f"nbgrader db student add {student}", nbgrader("db", "student", "add", student).returncode == 0)
    check("nbgrader generate_assignment", nbgrader("generate_assignment", ASSIGNMENT, "--force").returncode == 0)

    max_points = 0
    for name in NOTEBOOKS:
        teacher, student = cells(COURSE / "source" / ASSIGNMENT / name), None
        released = COURSE / "release" / ASSIGNMENT / name
        if not check(f"{name}: student version written", released.exists()):
            continue
        student = cells(released)
        solutions = [c for c in teacher if meta(c).get("solution")]
        graded = [c for c in teacher if meta(c).get("grade")]
        max_points += sum(meta(c).get("points", 0) for c in graded)
        text = "\n".join(source(c) for c in student)
        check(f"{name}: no solution left in the student version",
              "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
              and "self.weight.subi(dw1.transpose().mul(self.lr));" not in text
              and "predicted.sub(target).div(predicted.rows())" not in text)
        stubs = [c for c in student if meta(c).get("solution")]
        check(f"{name}: each of the {len(solutions)} solution cells holds the stub",
              len(stubs) == len(solutions) and all(STUB in source(c) for c in stubs))
        check(f"{name}: the {len(graded)} check cells are still there, unchanged",
              [source(c) for c in student if meta(c).get("grade")] == [source(c) for c in graded])
        check(f"{name}: no output in the student version", all(not c.get("outputs") for c in student))

    if "--release-only" in sys.argv:
        print(f"student versions in {(COURSE / 'release' / ASSIGNMENT).relative_to(ROOT)}/")
        failed = sum(1 for _, ok in results if not ok)
        print(f"{len(results) - failed} passed, {failed} failed")
        sys.exit(1 if failed else 0)

    for student, src in (("untouched", COURSE / "release" / ASSIGNMENT), ("solution", COURSE / "source" / ASSIGNMENT)):
        dest = COURSE / "submitted" / student / ASSIGNMENT
        dest.mkdir(parents=True)
        for name in NOTEBOOKS:
            shutil.copy(src / name, dest / name)
    start = time.monotonic()
    check("nbgrader autograde", nbgrader("autograde", ASSIGNMENT, "--force").returncode == 0)
    print(f"  autograde of 2 x {len(NOTEBOOKS)} notebooks: {time.monotonic() - start:.1f} s")

    export = nbgrader("export", "--to", str(COURSE / "grades.csv"))
    check("nbgrader export", export.returncode == 0)
    scores = {}
    if (COURSE / "grades.csv").exists():
        with open(COURSE / "grades.csv", newline="") as f:
            for row in csv.DictReader(f):
                scores[row["student_id"]] = (float(row["score"]), float(row["max_score"]))
    print(f"  scores: {scores}")
    check(f"untouched student version scores 0 of {max_points}", scores.get("untouched") == (0.0, float(max_points)),
          f"{scores.get('untouched')}")
    check(f"solutions score {max_points} of {max_points}",
          scores.get("solution") == (float(max_points), float(max_points)), f"{scores.get('solution')}")

    for name in NOTEBOOKS:
        graded = COURSE / "autograded" / "untouched" / ASSIGNMENT / name
        if not check(f"{name}: untouched notebook autograded", graded.exists()):
            continue
        nb = cells(graded)
        checks = [c for c in nb if meta(c).get("grade")]
        silent = [source(c) for c in checks if not any(h in output_text(c) for h in NOT_WRITTEN)]
        check(f"{name} untouched: each of the {len(checks)} checks fails saying the piece is not written yet",
              checks and not silent, f"{silent}")
        code = [c for c in nb if c["cell_type"] == "code"]
        check(f"{name} untouched: the kernel survived to the last cell",
              code and code[-1].get("execution_count") is not None and code[-1].get("outputs"))
        solved = cells(COURSE / "autograded" / "solution" / ASSIGNMENT / name)
        errors = [source(c)[:60] for c in solved if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
        check(f"{name} solution: no cell error", not errors, f"{errors}")
        printed = "\n".join(output_text(c) for c in solved)
        check(f"{name} solution: prints the seed's first epoch line (loss 0.1514192334871...)",
              "Epoch : 0 loss : 0.1514192334871" in printed and "acc : 11.51 %" in printed)

    failed = sum(1 for _, ok in results if not ok)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
