#!/usr/bin/env python3
"""A class's load on the local hub of scripts/test-hub.sh: N students run all of 01 at once.

Run by scripts/class-load.sh N (through test-hub.sh, which makes the hub, the users and the install,
and passes the same environment as to check_hub.py, whose helpers this uses). The steps:

1. every student's server started and the course pulled (nbgitpuller);
2. one student runs all of 01 alone: the time that gives ideal_s = N x that time / cores;
3. all N run all of 01 at once over the kernels' websockets, while one more user runs `1 + 1` every
   few seconds (one_line_p95_s) and /proc/meminfo is read every second (peak_used_gib); each kernel's
   memory (the kernel JVM, smaps_rollup) and CPU time are read as soon as its Run All ends;
4. the idle kernels are stopped by the servers' kernel culler (the recipe's
   MappingKernelManager.cull_idle_timeout, shortened for the test): one student's kernel is gone and
   its memory with it; that student comes back, runs from the top and gets 27.11 % again.

Prints PASS/FAIL lines, then, as its last line, one JSON object with the figures.
"""
import asyncio
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_hub as hub  # noqa: E402  (its environment is ours)
from check_hub import NOTEBOOK, OUT, Kernel, check, log, text_of, user_api  # noqa: E402
from tornado.httpclient import HTTPRequest  # noqa: E402
from tornado.websocket import websocket_connect  # noqa: E402

ONE_LINE_EVERY_S = 3
CONNECT_TIMEOUT_S = 180   # thirty kernels starting at once on two cores take a while to answer


class LoadKernel(Kernel):
    """check_hub's kernel, whose websocket waits longer and tries again, as JupyterLab does."""

    async def connect(self):
        ws_url = hub.HUB.replace("http", "ws", 1) + f"/user/{self.user}/api/kernels/{self.kernel_id}/channels"
        error = None
        for _ in range(5):
            try:
                self.ws = await websocket_connect(HTTPRequest(
                    ws_url, headers={"Authorization": f"token {self.token}"},
                    connect_timeout=CONNECT_TIMEOUT_S, request_timeout=CONNECT_TIMEOUT_S),
                    max_message_size=256 * 1024 * 1024)
                return
            except Exception as e:  # noqa: BLE001 (tried again, then raised)
                error = e
                await asyncio.sleep(5)
        raise error

KERNEL_IDLE_TIMEOUT = int(os.environ["MYMNIST_KERNEL_IDLE_TIMEOUT"])


def used_gib():
    fields = {}
    with open("/proc/meminfo") as f:
        for line in f:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
    return (fields["MemTotal"] - fields["MemAvailable"]) / (1 << 20)


def cpu_seconds(user):
    """CPU time (user and system) of the user's Java processes (the kernel JVM)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.stat(f"/proc/{pid}").st_uid != hub_uid(user):
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"java" not in f.read().split(b"\0")[0]:
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


def hub_uid(user, cache={}):
    if user not in cache:
        import pwd
        cache[user] = pwd.getpwnam(user).pw_uid
    return cache[user]


async def run_all(user, token):
    """Runs all of 01 in a new kernel; returns the notebook, seconds, errors, and the kernel (open)."""
    # The REST calls are blocking (requests): in threads, so that thirty students start side by side.
    start = time.monotonic()
    nb = (await asyncio.to_thread(user_api, user, token, "GET", f"/api/contents/{NOTEBOOK}")).json()["content"]
    kernel = await asyncio.to_thread(LoadKernel, user, token, NOTEBOOK)
    await kernel.connect()
    nb = await kernel.run_notebook(nb)
    seconds = time.monotonic() - start
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    errors = [text_of(c.get("outputs", []))[:200] for c in code if c.get("status") != "ok"]
    printed = "\n".join(text_of(c.get("outputs", [])) for c in code)
    last = [line for line in printed.splitlines() if line.startswith("Epoch : 49 ")]
    if not last or not last[-1].endswith("acc : 27.11 %"):
        errors.append(f"epoch 49: {last[-1] if last else 'missing'}")
    return nb, seconds, errors, kernel


async def student(user, token, t0, figures):
    try:
        _, seconds, errors, kernel = await run_all(user, token)
    except Exception as e:  # noqa: BLE001 (a kernel lost counts as an error)
        figures[user] = {"errors": [f"kernel lost: {e!r}"], "finished_s": time.monotonic() - t0}
        return
    finished = time.monotonic() - t0
    n, anon, pss = hub.process_memory(user)
    figures[user] = {"errors": errors, "seconds": seconds, "finished_s": finished, "jvms": n,
                     "anon_mib": anon, "pss_mib": pss, "cpu_s": cpu_seconds(user), "kernel": kernel}


async def one_liner(user, token, stop, latencies):
    kernel = await asyncio.to_thread(LoadKernel, user, token, NOTEBOOK)
    await kernel.connect()
    await kernel.execute("1 + 1")   # the kernel's start is not the latency measured
    while not stop.is_set():
        start = time.monotonic()
        outputs, status = await kernel.execute("1 + 1")
        latencies.append(time.monotonic() - start if status == "ok" and text_of(outputs).strip() == "2" else float("inf"))
        try:
            await asyncio.wait_for(stop.wait(), ONE_LINE_EVERY_S)
        except asyncio.TimeoutError:
            pass
    await kernel.close()


async def sample_memory(stop, peak):
    while not stop.is_set():
        peak[0] = max(peak[0], used_gib())
        try:
            await asyncio.wait_for(stop.wait(), 1)
        except asyncio.TimeoutError:
            pass


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else float("inf")


async def main():
    users = hub.STUDENTS
    students, extra = users[:-1], users[-1]
    n = len(students)
    # A cell's limit grows with the class: with 30 at once on 2 cores, 01's training cell alone runs
    # for minutes (each student gets a fifteenth of a core).
    hub.CELL_TIMEOUT = max(hub.CELL_TIMEOUT, 60 * n)
    tokens = {}
    for user in users:
        hub.start_server(user)
        tokens[user] = hub.token_for(user)
        phase, message = hub.pull(user, tokens[user])
        if phase != "finished":
            check(f"{user}: nbgitpuller pulled the course repository", False, f"{phase} {message}")
    log(f"{len(users)} servers started and pulled")

    # One student alone: the reference for ideal_s, measured in this run.
    _, alone_s, errors, kernel = await run_all(students[0], tokens[students[0]])
    alone_cpu_s = cpu_seconds(students[0])
    await kernel.close()
    check(f"{students[0]}: Run All of 01 alone, 27.11 % ({alone_s:.1f} s)", not errors, errors)
    cores = os.cpu_count()
    ideal_s = n * alone_s / cores
    log(f"alone: {alone_s:.1f} s, {alone_cpu_s:.1f} CPU s; ideal for {n} on {cores} cores: {ideal_s:.0f} s")

    # All N at once, one more user typing 1 + 1, the machine's memory sampled.
    stop, latencies, peak, figures = asyncio.Event(), [], [used_gib()], {}
    samplers = [asyncio.create_task(sample_memory(stop, peak)),
                asyncio.create_task(one_liner(extra, tokens[extra], stop, latencies))]
    await asyncio.sleep(2 * ONE_LINE_EVERY_S)
    t0 = time.monotonic()
    await asyncio.gather(*(student(u, tokens[u], t0, figures) for u in students))
    last_finished_s = max(f["finished_s"] for f in figures.values())
    stop.set()
    await asyncio.gather(*samplers, return_exceptions=True)
    errors = sum(len(f["errors"]) for f in figures.values())
    for user, f in sorted(figures.items()):
        print(f"  {user}: {f.get('seconds', 0):.0f} s, finished at {f['finished_s']:.0f} s, Pss_Anon {f.get('anon_mib', 0):.0f} MiB,"
              f" Pss {f.get('pss_mib', 0):.0f} MiB, CPU {f.get('cpu_s', 0):.1f} s{'; ' + ' | '.join(f['errors']) if f['errors'] else ''}")
    check(f"{n} students at once: every Run All of 01 ends at 27.11 %, no cell error, no kernel lost", errors == 0, errors)

    # An idle kernel is culled, and its memory comes back; its student comes back and runs again.
    culled_user = min((u for u in students if not figures[u]["errors"]), key=lambda u: figures[u]["finished_s"],
                      default=students[0])
    kernel = figures[culled_user].get("kernel")
    deadline = time.monotonic() + KERNEL_IDLE_TIMEOUT + 120
    while time.monotonic() < deadline and (kernel and hub.kernels_of(culled_user, tokens[culled_user])):
        await asyncio.sleep(5)
    culled = kernel is not None and not hub.kernels_of(culled_user, tokens[culled_user])
    jvms, anon_after, _ = hub.process_memory(culled_user)
    check(f"{culled_user}: the kernel left idle is stopped by the culler (after {KERNEL_IDLE_TIMEOUT} s idle), its memory back"
          f" (was {figures[culled_user].get('anon_mib', 0):.0f} MiB, now {anon_after:.0f} MiB in {jvms} JVMs)",
          culled and jvms == 0, f"kernels {hub.kernels_of(culled_user, tokens[culled_user])}")
    _, again_s, again_errors, kernel = await run_all(culled_user, tokens[culled_user])
    await kernel.close()
    check(f"{culled_user}: back after the cull, Run All from the top gives 27.11 % again ({again_s:.0f} s)",
          not again_errors, again_errors)
    for f in figures.values():
        if f.get("kernel"):
            try:
                await f["kernel"].close()
            except Exception:  # noqa: BLE001 (culled already)
                pass

    measured = [f for f in figures.values() if "anon_mib" in f]
    line = {
        "students": n,
        "errors": errors,
        "kernel_anon_mib_max": round(max((f["anon_mib"] for f in measured), default=0)),
        "kernel_pss_mib_max": round(max((f["pss_mib"] for f in measured), default=0)),
        "peak_used_gib": round(peak[0], 2),
        "last_finished_s": round(last_finished_s, 1),
        "ideal_s": round(ideal_s, 1),
        "alone_s": round(alone_s, 1),
        "alone_cpu_s": round(alone_cpu_s, 1),
        "one_line_p95_s": round(p95(latencies), 2),
        "one_line_samples": len(latencies),
        "cpu_s_per_run_all_median": round(statistics.median(f["cpu_s"] for f in measured), 1) if measured else None,
        "culled_kernel_anon_mib_before_after": [round(figures[culled_user].get("anon_mib", 0)), round(anon_after)],
        "cores": cores,
    }
    (OUT / "class-load.json").write_text(json.dumps(line, indent=2))
    failed = hub.results.count(False)
    print(f"{len(hub.results) - failed} passed, {failed} failed")
    print(json.dumps(line))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    asyncio.run(main())
