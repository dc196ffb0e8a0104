#!/usr/bin/env python3
"""Where a JFR recording's samples fall: a table of the methods on top of the stack.

Reads the JSON of `jfr print --json --events jdk.ExecutionSample,jdk.NativeMethodSample FILE` on
standard input (or from the file named as the first argument) and prints, for the samples whose
stack holds a frame matching one of the --within names (all samples when none is given):

- how many samples were in Java code (jdk.ExecutionSample) and how many in native code
  (jdk.NativeMethodSample: a Java thread inside a native method, such as an OpenBLAS product
  called through JavaCPP), thread by thread;
- the methods on top of the stack (self time), with their share of those samples, native ones
  marked "(native)";
- the same samples by the project's nearest frame (the first org.mymnist method from the top),
  which says which step of the engine the time belongs to;
- the top method with the project's line that led to it (Gemm, PreparedOp, Axpy and Halves
  skipped), which says which product or operation it was.

JFR samples Java threads only: threads that native code starts for itself (OpenBLAS's own) are
not seen. Both events must be recorded at the same period for the shares to add up (see
scripts/profile-epoch.sh). Standard library only.
"""
import argparse
import collections
import json
import sys


def frame_name(frame):
    """'package.Class.method' of one JSON stack frame."""
    method = frame.get("method") or {}
    owner = ((method.get("type") or {}).get("name") or "?").replace("/", ".")
    return owner + "." + (method.get("name") or "?")


def frame_line(frame):
    """'Class.method:line' of one JSON stack frame, without the package."""
    return frame_name(frame).rsplit(".", 2)[-2] + "." + frame_name(frame).rsplit(".", 1)[-1] \
        + ":" + str(frame.get("lineNumber", "?"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", nargs="?", help="jfr print --json output (default: standard input)")
    parser.add_argument("--within", default="",
                        help="comma-separated names; keep only samples with a frame containing one of them")
    parser.add_argument("--top", type=int, default=20, help="rows in each table (default 20)")
    args = parser.parse_args()
    source = open(args.json, encoding="utf-8") if args.json else sys.stdin
    with source:
        events = json.load(source)["recording"]["events"]
    within = [w for w in args.within.split(",") if w]

    by_thread = collections.Counter()
    top = collections.Counter()
    project = collections.Counter()
    step = collections.Counter()
    total = 0
    for event in events:
        kind = event["type"]
        if kind not in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
            continue
        values = event["values"]
        frames = (values.get("stackTrace") or {}).get("frames") or []
        names = [frame_name(f) for f in frames]
        if not names or (within and not any(w in n for n in names for w in within)):
            continue
        native = kind == "jdk.NativeMethodSample"
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        total += 1
        by_thread[(thread, native)] += 1
        top[names[0] + (" (native)" if native else "")] += 1
        mine = next((n for n in names if n.startswith("org.mymnist.")), "(no org.mymnist frame)")
        project[mine] += 1
        # The top frame and the engine's line that led to it: which product, which operation.
        engine = [f for f in frames if frame_name(f).startswith("org.mymnist.")
                  and not frame_name(f).startswith(("org.mymnist.engine.Gemm.", "org.mymnist.engine.PreparedOp.",
                                                    "org.mymnist.engine.Axpy.", "org.mymnist.engine.Halves"))]
        step[names[0].rsplit(".", 1)[-1] + (" (native)" if native else "") + " < "
             + (frame_line(engine[0]) if engine else "(no org.mymnist frame)")] += 1

    if total == 0:
        print("no samples" + (" within " + args.within if within else ""))
        return 1
    print(f"{total} samples" + (f" with a frame in {args.within}" if within else ""))
    print()
    print("| thread | Java | native |")
    print("| --- | --- | --- |")
    for thread in sorted({t for t, _ in by_thread}, key=lambda t: -(by_thread[(t, False)] + by_thread[(t, True)])):
        j, n = by_thread[(thread, False)], by_thread[(thread, True)]
        print(f"| {thread} | {j} ({100 * j / total:.1f} %) | {n} ({100 * n / total:.1f} %) |")
    j = sum(c for (t, nat), c in by_thread.items() if not nat)
    print(f"| all | {j} ({100 * j / total:.1f} %) | {total - j} ({100 * (total - j) / total:.1f} %) |")
    for title, counter in (("method on top of the stack", top), ("nearest org.mymnist frame", project),
                           ("top method < the project's line that called it", step)):
        print()
        print(f"| {title} | samples | share |")
        print("| --- | --- | --- |")
        for name, count in counter.most_common(args.top):
            print(f"| `{name}` | {count} | {100 * count / total:.1f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
