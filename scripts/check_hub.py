#!/usr/bin/env python3
"""A class on a real JupyterHub, driven through the hub: started by scripts/test-hub.sh, which
installs the class's environment, creates the system users, starts the hub and stops everything
afterwards. Run with the class environment's Python (it has requests and tornado).

  1. The first student logs in on the hub's login page in headless Chromium, opens the teacher's
     nbgitpuller link and runs all of 01 through JupyterLab's menu (browser-test/hub-student.mjs).
     At the same time the others' servers are started through the hub's REST API, each pulls the
     notebooks through nbgitpuller's API and runs all of 01 in a kernel over the single-user
     server's websocket: every code cell, outputs checked (27.11 % at epoch 49, the chart).
     30 s into those runs the hub is restarted (SIGTERM, then started again, as a teacher who changes
     a setting): every server and kernel must go on, and every run end with 27.11 %.
  2. The memory of each student's kernel (one JVM: the kernel spec starts it without JJava's launcher;
     Pss_Anon and Pss of /proc/PID/smaps_rollup) after its Run All, all kernels up.
     Then 02, 04 and 05 from the pulled folder, one after the other, in one student's kernels.
  3. Each student's files are theirs: a cell of one student that reads another's home, or writes the
     shared jar, data or kernel spec, fails with a permission error.
  4. nbgrader through its exchange: the teacher generates and releases the exercise notebook (the
     commands typed in the teacher's terminal, run as the teacher); two students fetch it and submit
     it through their servers' assignment API (JupyterLab's Assignments tab), one solved, one as
     handed out; the teacher collects and autogrades: full points and 0.

Environment: HUB_URL, HUB_TOKEN (a service token with admin scopes), STUDENTS (comma-separated),
PASSWORD (the first student's), TEACHER, PREFIX, REPO (the course repository's git URL),
COURSE (the teacher's course folder), ROOT (the checkout), OUT (the test's folder), CHROMIUM.
Prints PASS/FAIL lines and "N passed, M failed"; exits 1 on any failure.
"""
import asyncio
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import requests
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

HUB = os.environ["HUB_URL"]
HUB_TOKEN = os.environ["HUB_TOKEN"]
STUDENTS = os.environ["STUDENTS"].split(",")
TEACHER = os.environ["TEACHER"]
PREFIX = Path(os.environ["PREFIX"])
REPO = os.environ["REPO"]
COURSE = Path(os.environ["COURSE"])
ROOT = Path(os.environ["ROOT"])
OUT = Path(os.environ["OUT"])
TARGET = "my-mnist"                          # where nbgitpuller puts the course repository
NOTEBOOK = f"{TARGET}/notebooks/01-my-mnist.ipynb"
ASSIGNMENT, EXERCISE = "03-exercices", "03-exercices.ipynb"
OTHER_LESSONS = ["02-pourquoi-27.ipynb", "04-convolution.ipynb", "05-dessin.ipynb"]
RESTART_AFTER_S = 30                         # the hub's restart, into the three Run All
CELL_TIMEOUT = 300

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"  {'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail and not ok else ""), flush=True)
    return ok


def log(message, start=time.monotonic()):
    print(f"[check-hub {time.monotonic() - start:6.1f} s] {message}", flush=True)


def hub_api(method, path, token=HUB_TOKEN, **kw):
    r = requests.request(method, f"{HUB}/hub/api{path}", headers={"Authorization": f"token {token}"}, timeout=120, **kw)
    if r.status_code >= 400:
        raise RuntimeError(f"{method} /hub/api{path}: {r.status_code} {r.text[:300]}")
    return r.json() if r.text else None


def user_api(user, token, method, path, **kw):
    """A request to the user's single-user server, through the hub's proxy."""
    r = requests.request(method, f"{HUB}/user/{user}{path}", headers={"Authorization": f"token {token}"},
                         timeout=kw.pop("timeout", 120), **kw)
    if r.status_code >= 400:
        raise RuntimeError(f"{method} /user/{user}{path}: {r.status_code} {r.text[:300]}")
    return r


def pull_link(urlpath):
    query = urllib.parse.urlencode({"repo": REPO, "branch": "main", "targetpath": TARGET, "urlpath": urlpath})
    return f"/hub/user-redirect/git-pull?{query}"


def start_server(user):
    """Adds the system user to the hub (as a first login would), then starts their server."""
    if requests.get(f"{HUB}/hub/api/users/{user}", headers={"Authorization": f"token {HUB_TOKEN}"}).status_code == 404:
        hub_api("POST", f"/users/{user}")
    hub_api("POST", f"/users/{user}/server")
    for _ in range(240):
        model = hub_api("GET", f"/users/{user}")
        if model.get("servers", {}).get("", {}).get("ready"):
            return
        time.sleep(0.5)
    raise RuntimeError(f"{user}'s server was not ready in 120 s")


def token_for(user):
    return hub_api("POST", f"/users/{user}/tokens", json={"note": "check_hub", "expires_in": 3600})["token"]


def pull(user, token):
    """nbgitpuller's API, as its page calls it: an event stream that ends with phase 'finished'."""
    query = urllib.parse.urlencode({"repo": REPO, "branch": "main", "targetpath": TARGET})
    r = user_api(user, token, "GET", f"/git-pull/api?{query}", stream=True, timeout=300)
    phases = []
    for line in r.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            event = json.loads(line[5:])
            phases.append(event.get("phase"))
            if event.get("phase") in ("finished", "error"):
                return event.get("phase"), event.get("message", "")
    return phases[-1] if phases else None, ""


# --- A notebook's code cells run in a kernel over the server's websocket ----------------------------
class Kernel:
    def __init__(self, user, token, path):
        self.user, self.token = user, token
        session = user_api(user, token, "POST", "/api/sessions", json={
            "path": path, "type": "notebook", "name": Path(path).name, "kernel": {"name": "java"}}).json()
        self.session_id, self.kernel_id = session["id"], session["kernel"]["id"]
        self.ws = None
        self.client_session = uuid.uuid4().hex

    async def connect(self):
        ws_url = HUB.replace("http", "ws", 1) + f"/user/{self.user}/api/kernels/{self.kernel_id}/channels"
        self.ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {self.token}"}),
                                          max_message_size=256 * 1024 * 1024)

    async def execute(self, code):
        """Runs one cell; returns its outputs (nbformat's shape) and the reply's status."""
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.user,
                       "session": self.client_session, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        outputs, status, idle = [], None, False
        deadline = time.monotonic() + CELL_TIMEOUT
        while status is None or not idle:
            raw = await asyncio.wait_for(self.ws.read_message(), max(1.0, deadline - time.monotonic()))
            if raw is None:
                raise RuntimeError(f"{self.user}'s kernel websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                status = content["status"]
                idle = True   # the reply ends the cell: JJava may send no idle status
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("display_data", "execute_result"):
                outputs.append({"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {})})
            elif kind == "update_display_data":
                display_id = content.get("transient", {}).get("display_id")
                for o in outputs:
                    if o.get("display_id") == display_id:
                        o["data"] = content["data"]
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"]})
            if kind == "display_data" and content.get("transient", {}).get("display_id"):
                outputs[-1]["display_id"] = content["transient"]["display_id"]
        return outputs, status

    async def run_notebook(self, nb):
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            cell["outputs"], cell["status"] = await self.execute(source)
            if cell["status"] != "ok":
                break
        return nb

    async def close(self):
        if self.ws:
            self.ws.close()
        user_api(self.user, self.token, "DELETE", f"/api/sessions/{self.session_id}")


def text_of(outputs):
    out = []
    for o in outputs:
        if o["output_type"] == "stream":
            out.append(o["text"])
        elif o["output_type"] == "error":
            out.append(f"{o['ename']}: {o['evalue']}")
        elif "text/plain" in o.get("data", {}):
            out.append(o["data"]["text/plain"])
    return "".join(out)


def check_run_all(user, nb, seconds):
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    errors = [text_of(c["outputs"])[:200] for c in code if c.get("status") != "ok"]
    check(f"{user}: every code cell of 01 ran without an error ({len(code)} cells, {seconds:.0f} s)",
          not errors and all("status" in c for c in code), " | ".join(errors))
    printed = "\n".join(text_of(c.get("outputs", [])) for c in code)
    last = [line for line in printed.splitlines() if line.startswith("Epoch : 49 ")]
    check(f"{user}: epoch 49 at 27.11 %", last and last[-1].endswith("acc : 27.11 %"), last)
    training = next((c for c in code if "trainer.run()" in "".join(c["source"])), None)
    pngs = [o for o in (training or {}).get("outputs", []) if "image/png" in o.get("data", {})]
    check(f"{user}: the training chart is a PNG in the cell's output", len(pngs) == 1, f"{len(pngs)} pictures")


async def run_all_over_websocket(user, token):
    nb = user_api(user, token, "GET", f"/api/contents/{NOTEBOOK}").json()["content"]
    kernel = Kernel(user, token, NOTEBOOK)
    await kernel.connect()
    start = time.monotonic()
    nb = await kernel.run_notebook(nb)
    seconds = time.monotonic() - start
    (OUT / f"executed-{user}-01.ipynb").write_text(json.dumps(nb))
    check_run_all(user, nb, seconds)
    return kernel, seconds


# --- The memory ceiling (install-class.sh --memory, 1536m by default) -------------------------------
CEILING = "1.5 GiB"
RUNAWAY_CELLS = {
    "Nd4j.create(100_000, 100_000)": "Nd4j.create(100_000, 100_000);",
    # 784 x 200,000 weights: 1.2 GiB of float64 arrays, and as much again on the heap while drawn.
    "a model withHidden(200_000)": "org.mymnist.training.Recipe.SEED.config().withHidden(200_000).newModel();",
}


async def check_ceiling(runaway, neighbour):
    """Cells that ask for more than the ceiling get its message; the kernel and its neighbour go on."""
    pid = "ProcessHandle.current().pid()"
    before = {k.user: text_of((await k.execute(pid))[0]).strip() for k in (runaway, neighbour)}
    for name, code in RUNAWAY_CELLS.items():
        outputs, status = await runaway.execute(code)
        said = text_of(outputs)
        check(f"{runaway.user}: {name} is refused with the ceiling's message ({CEILING}, how to raise it)",
              status == "error" and f"memory ceiling is {CEILING}" in said and "install-class.sh" in said
              and "Restart Kernel" in said, said[:600])
        print(f"  said    {said.strip()[:400]}")
    outputs, status = await runaway.execute("1 + 1")
    check(f"{runaway.user}: the kernel goes on after the refusals (1 + 1)", status == "ok" and text_of(outputs).strip() == "2",
          text_of(outputs)[:300])
    outputs, _ = await runaway.execute("model.computeAccuracy(x_test, y_test)")
    check(f"{runaway.user}: its notebook's model and data are still there (accuracy 0.2711)",
          text_of(outputs).strip().startswith("0.2711"), text_of(outputs)[:300])
    after = {k.user: text_of((await k.execute(pid))[0]).strip() for k in (runaway, neighbour)}
    check("the ceiling: neither kernel restarted (the same JVM before and after)", before == after and all(before.values()),
          f"{before} -> {after}")
    outputs, status = await neighbour.execute("model.computeAccuracy(x_test, y_test)")
    check(f"{neighbour.user}: the neighbour's kernel is untouched (its model answers, accuracy 0.2711)",
          status == "ok" and text_of(outputs).strip().startswith("0.2711"), text_of(outputs)[:300])
    _, anon, _ = process_memory(runaway.user)
    check(f"{runaway.user}: the kernel stays under its ceiling after the refusals ({anon:.0f} MiB)", anon < 1024, anon)


# --- A hub restart in the middle of the lesson -----------------------------------------------------
def kernels_of(user, token):
    return sorted(k["id"] for k in user_api(user, token, "GET", "/api/kernels").json())


def servers_started():
    return {u: hub_api("GET", f"/users/{u}")["servers"].get("", {}).get("started") for u in STUDENTS}


async def restart_hub_during(delay, tokens):
    """Restarts the hub `delay` seconds into the students' Run All, as a teacher who changes a setting
    would (SIGTERM, then the same start); returns what must not change, before and after."""
    await asyncio.sleep(delay)
    tokens.setdefault(STUDENTS[0], await asyncio.to_thread(token_for, STUDENTS[0]))
    before = (await asyncio.to_thread(servers_started),
              {u: await asyncio.to_thread(kernels_of, u, t) for u, t in tokens.items() if u in STUDENTS})
    pid = int((OUT / "hub.pid").read_text())
    start = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    while Path(f"/proc/{pid}").exists():
        await asyncio.sleep(0.2)
    await asyncio.to_thread(subprocess.run, [str(OUT / "start-hub.sh")], check=True)
    for _ in range(240):
        try:
            await asyncio.to_thread(hub_api, "GET", "/")
            break
        except (requests.RequestException, RuntimeError):
            await asyncio.sleep(0.5)
    log(f"the hub restarted in {time.monotonic() - start:.1f} s, {delay} s into the students' Run All")
    after = (await asyncio.to_thread(servers_started),
             {u: await asyncio.to_thread(kernels_of, u, t) for u, t in tokens.items() if u in STUDENTS})
    return before, after


# --- Memory of a user's kernel: its JVM(s), summed over the process tree --------------------------------
def process_memory(user, pattern="java"):
    """The number of USER's processes named PATTERN (pgrep -f for a path), their Pss_Anon and Pss in MiB."""
    pids = subprocess.run(["pgrep", "-u", user, *(["-f"] if "/" in pattern else []), pattern],
                          capture_output=True, text=True).stdout.split()
    anon = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                key, _, value = line.partition(":")
                if key == "Pss_Anon":
                    anon += int(value.split()[0])
                elif key == "Pss":
                    pss += int(value.split()[0])
        except OSError:
            pass
    return len(pids), anon / 1024, pss / 1024


# --- Each student's files are theirs ----------------------------------------------------------------
def permission_cell(other):
    share = PREFIX / "share" / "my-mnist"
    attempts = {
        f"list {other}'s home": f'java.nio.file.Files.list(java.nio.file.Path.of("/home/{other}")).count()',
        f"read {other}'s notebook": f'java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/home/{other}/{NOTEBOOK}"))',
        "write the shared jar": f'java.nio.file.Files.write(java.nio.file.Path.of("{share}/my-mnist.jar"), new byte[1], java.nio.file.StandardOpenOption.APPEND)',
        "add a file to the shared data": f'java.nio.file.Files.write(java.nio.file.Path.of("{share}/mnist/extra"), new byte[1])',
        "write the kernel spec": f'java.nio.file.Files.write(java.nio.file.Path.of("{PREFIX}/share/jupyter/kernels/java/kernel.json"), new byte[1])',
    }
    lines = []
    for name, statement in attempts.items():
        lines.append(f'try {{ {statement}; System.out.println("{name}: ALLOWED"); }} '
                     f'catch (java.nio.file.AccessDeniedException e) {{ System.out.println("{name}: DENIED " + e.getMessage()); }} '
                     f'catch (Exception e) {{ System.out.println("{name}: OTHER " + e); }}')
    return "\n".join(lines), list(attempts)


# --- nbgrader ---------------------------------------------------------------------------------------
def as_teacher(*args):
    env = {"PATH": f"{PREFIX / 'bin'}:/usr/bin:/bin", "HOME": f"/home/{TEACHER}", "LANG": "C.UTF-8"}
    start = time.monotonic()
    run = subprocess.run(["runuser", "-u", TEACHER, "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()],
                          str(PREFIX / "bin" / "nbgrader"), *args], cwd=COURSE, capture_output=True, text=True)
    log(f"{TEACHER}$ nbgrader {' '.join(args)}: exit {run.returncode} in {time.monotonic() - start:.1f} s")
    if run.returncode:
        print(run.stdout[-2000:] + run.stderr[-3000:])
    return run


def solve(student_nb, teacher_nb):
    """The student's notebook with each solution cell holding the teacher's solution."""
    solutions = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in teacher_nb["cells"]
                 if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
    for c in student_nb["cells"]:
        grade_id = c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if c.get("metadata", {}).get("nbgrader", {}).get("solution") and grade_id in solutions:
            c["source"] = solutions[grade_id]
    return student_nb, len(solutions)


def nbgrader_round_trip(tokens, solver, untouched):
    check("teacher: nbgrader generate_assignment", as_teacher("generate_assignment", ASSIGNMENT, "--force").returncode == 0)
    check("teacher: nbgrader release_assignment to the exchange",
          as_teacher("release_assignment", ASSIGNMENT, "--force").returncode == 0)
    for student in (solver, untouched):
        listed = user_api(student, tokens[student], "GET", "/assignments?course_id=my-mnist").json()
        names = [a.get("assignment_id") for a in listed.get("value", [])] if isinstance(listed, dict) else []
        check(f"{student}: the Assignments tab lists {ASSIGNMENT} as released", ASSIGNMENT in names, str(listed)[:300])
        fetched = user_api(student, tokens[student], "POST", "/assignments/fetch",
                           data={"course_id": "my-mnist", "assignment_id": ASSIGNMENT}).json()
        check(f"{student}: fetches it through the server", fetched.get("success"), str(fetched)[:300])
    path = f"/api/contents/{ASSIGNMENT}/{EXERCISE}"
    handed_out = user_api(solver, tokens[solver], "GET", path).json()["content"]
    teacher_version = json.loads((ROOT / "notebooks" / EXERCISE).read_text(encoding="utf-8"))
    solved, count = solve(handed_out, teacher_version)
    user_api(solver, tokens[solver], "PUT", path, json={"type": "notebook", "format": "json", "content": solved})
    log(f"{solver} wrote the {count} pieces")
    for student in (solver, untouched):
        submitted = user_api(student, tokens[student], "POST", "/assignments/submit",
                             data={"course_id": "my-mnist", "assignment_id": ASSIGNMENT}).json()
        check(f"{student}: submits through the server", submitted.get("success"), str(submitted)[:300])
    check("teacher: nbgrader collect", as_teacher("collect", ASSIGNMENT).returncode == 0)
    start = time.monotonic()
    check("teacher: nbgrader autograde", as_teacher("autograde", ASSIGNMENT, "--force").returncode == 0)
    autograde_s = time.monotonic() - start
    grades = COURSE / "grades.csv"
    as_teacher("export", "--to", str(grades))
    scores = {}
    if grades.exists():
        with open(grades, newline="") as f:
            for row in csv.DictReader(f):
                scores[row["student_id"]] = (float(row["score"]), float(row["max_score"]))
    log(f"scores {scores}")
    full = scores.get(solver, (None, None))
    check(f"{solver} (solved) gets full points", full[0] is not None and full[0] == full[1] and full[1] > 0, scores)
    zero = scores.get(untouched, (None, None))
    check(f"{untouched} (as handed out) gets 0 points", zero[0] == 0.0 and zero[1] == full[1], scores)
    return autograde_s


async def main():
    t0 = time.monotonic()
    browser_student, others = STUDENTS[0], STUDENTS[1:]
    hub_api("GET", "/")

    # 1. The browser student logs in (the hub starts their server); the others through the API.
    env = dict(os.environ, STUDENT=browser_student, PULL_LINK=pull_link(f"lab/tree/{NOTEBOOK}"),
               NOTEBOOK=Path(NOTEBOOK).name, OUT=str(OUT))
    browser = await asyncio.create_subprocess_exec("node", str(ROOT / "browser-test" / "hub-student.mjs"), env=env)
    tokens = {}
    for user in others + [TEACHER]:
        start_server(user)
        tokens[user] = token_for(user)
    log(f"servers of {', '.join(others + [TEACHER])} started through the REST API")
    for user in others:
        phase, message = pull(user, tokens[user])
        if not check(f"{user}: nbgitpuller pulled the course repository", phase == "finished", f"{phase} {message}"):
            continue
        listing = user_api(user, tokens[user], "GET", f"/api/contents/{TARGET}/notebooks").json()
        names = {item["name"] for item in listing["content"]}
        check(f"{user}: the pulled notebooks are all there", {f"0{i}" for i in range(1, 6)} <= {n[:2] for n in names}, sorted(names))
    restart = asyncio.create_task(restart_hub_during(RESTART_AFTER_S, tokens))
    runs = await asyncio.gather(*(run_all_over_websocket(user, tokens[user]) for user in others), return_exceptions=True)
    rc = await browser.wait()
    try:
        (servers_before, kernels_before), (servers_after, kernels_after) = await restart
        check("the hub restarted mid-lesson: every student's server kept running (the same start time)",
              servers_before == servers_after and all(servers_before.values()), f"{servers_before} -> {servers_after}")
        check("the hub restarted mid-lesson: no kernel lost or restarted (the same kernels before and after)",
              kernels_before == kernels_after and all(kernels_before.values()), f"{kernels_before} -> {kernels_after}")
    except Exception as e:  # noqa: BLE001 (reported as a failed check)
        check("the hub restarted mid-lesson", False, repr(e))
    browser_results = (OUT / "hub-browser-results").read_text().split() if (OUT / "hub-browser-results").exists() else ["0", "1"]
    results.extend([True] * int(browser_results[0]) + [False] * int(browser_results[1]))
    check(f"{browser_student}: the browser run exited 0", rc == 0, rc)
    kernels = []
    for user, run in zip(others, runs):
        if isinstance(run, BaseException):
            check(f"{user}: Run All over the websocket", False, repr(run))
        else:
            kernels.append(run[0])
    log(f"three Run All of 01 at once: {time.monotonic() - t0:.0f} s since the start")

    # 2. Memory of each kernel, all of them up after Run All.
    memory = {}
    for user in STUDENTS:
        n, anon, pss = process_memory(user)
        _, server_anon, server_pss = process_memory(user, str(PREFIX / "bin" / "jupyterhub-singleuser"))
        memory[user] = {"kernel_jvms": n, "kernel_Pss_Anon_MiB": round(anon), "kernel_Pss_MiB": round(pss),
                        "server_Pss_Anon_MiB": round(server_anon), "server_Pss_MiB": round(server_pss)}
        print(f"  memory  {user}: {n} JVM(s), Pss_Anon {anon:.0f} MiB, Pss {pss:.0f} MiB;"
              f" their single-user server: Pss_Anon {server_anon:.0f} MiB, Pss {server_pss:.0f} MiB")
        check(f"{user}: one kernel JVM (no launcher JVM beside it) runs as {user}", n == 1, n)

    # 3. Permissions, from the second student's kernel.
    if kernels:
        code, names = permission_cell(browser_student)
        outputs, status = await kernels[0].execute(code)
        printed = text_of(outputs)
        for name in names:
            line = next((line for line in printed.splitlines() if line.startswith(f"{name}:")), "")
            check(f"{kernels[0].user}: {name} is refused (permission error)", " DENIED " in f"{line} ", line or printed[:300])
    # 4. The memory ceiling: a runaway cell in one student's kernel, the neighbour's kernel beside it.
    if len(kernels) >= 2:
        await check_ceiling(kernels[0], kernels[1])
    for kernel in kernels:
        await kernel.close()
    for user in [browser_student]:
        try:
            tok = token_for(user)
            for session in user_api(user, tok, "GET", "/api/sessions").json():
                user_api(user, tok, "DELETE", f"/api/sessions/{session['id']}")
        except RuntimeError as e:
            print(f"  note: {e}")

    # The other lessons from the pulled folder too, one after the other in one student's kernels.
    lessons = {}
    if len(others) >= 2:
        user = others[1]
        for name in OTHER_LESSONS:
            path = f"{TARGET}/notebooks/{name}"
            nb = user_api(user, tokens[user], "GET", f"/api/contents/{path}").json()["content"]
            kernel = Kernel(user, tokens[user], path)
            await kernel.connect()
            start = time.monotonic()
            nb = await kernel.run_notebook(nb)
            seconds = time.monotonic() - start
            n, anon, pss = process_memory(user)
            lessons[name] = {"seconds": round(seconds, 1), "Pss_Anon_MiB": round(anon), "Pss_MiB": round(pss)}
            await kernel.close()
            (OUT / f"executed-{user}-{name}").write_text(json.dumps(nb))
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            errors = [text_of(c["outputs"])[:200] for c in code if c.get("status") != "ok"]
            pictures = sum(1 for c in code for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
            print(f"  memory  {user}, {name}: Pss_Anon {anon:.0f} MiB, Pss {pss:.0f} MiB after Run All ({seconds:.0f} s)")
            check(f"{user}: all of {name} runs from the pulled folder without an error ({len(code)} cells, {pictures} pictures)",
                  not errors and all("status" in c for c in code) and pictures > 0, " | ".join(errors))
    (OUT / "memory.json").write_text(json.dumps({"01, three at once": memory, "one after the other": lessons}, indent=2))

    # 5. nbgrader through the exchange.
    if len(others) >= 2:
        autograde_s = nbgrader_round_trip(tokens, others[0], others[1])
        log(f"autograde of two submissions: {autograde_s:.0f} s")

    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    asyncio.run(main())
