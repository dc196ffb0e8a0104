#!/usr/bin/env python3
"""Writes the "java" kernel spec (kernel.json) that the notebooks' metadata names, for JJava.

Used by scripts/setup-notebooks.sh (the checkout's .venv) and scripts/install-class.sh (a class's
shared Jupyter prefix). The spec starts JJava's kernel JVM itself, with the JDK given (not through
JJava's launcher, jjava-launcher.jar: a second JVM of 30 to 44 MiB a kernel that only builds this same
command line, with `java` from PATH, and waits), and gives it the settings the library needs: a heap (ND4J's off-heap arrays are bounded by the same figure),
headless drawing, the packages ND4J/JavaCPP reach into (as the jar's manifest opens them).

    kernel_spec.py KERNEL_JSON JAVA [--memory SIZE] [--ceiling] [--classpath CP] [--mnist-home DIR]
                   [--native-libraries DIR] [--many-kernels] [--threads N]

--memory is the kernel JVM's heap (-Xmx). With --ceiling it is the kernel's memory ceiling instead, heap
and ND4J's arrays together: the heap gets half of it, and each large array is first asked of
org.mymnist.backend.MemoryCeiling (-Dmymnist.memoryCeiling, through ND4J's buffer factory
-Ddatabufferfactory), which refuses one that would take the kernel over, with a message that names the
ceiling and how to raise it; the kernel goes on.

--classpath goes into JJAVA_CLASSPATH and IJAVA_CLASSPATH (IJava 1.3.0 reads the second), so that a
notebook finds the library from any folder; --mnist-home into MNIST_HOME, the folder that
MnistData.load(null) reads; --native-libraries is a folder where JavaCPP unpacked ND4J's native
libraries once, at install: the kernel loads them from there (java.library.path, JavaCPP's pathsFirst)
instead of unpacking 400 MB into each user's ~/.javacpp (JavaCPP still copies OpenBLAS there, 33 MB).
--many-kernels sizes the two JVMs for a server where many kernels share the memory: the serial
collector (no parallel GC's threads and tables), a heap that starts small and gives back what it
no longer uses, with a young generation of 16 MiB (the serial collector's default grows it with the
heap, to 50 MiB after a lesson, every page of it touched and kept), and glibc's
malloc told to give freed blocks back (two arenas; blocks of 128 KiB and more mapped on their own):
without that, the quarter GiB a whole-set training step used stays with the kernel after it; and
the JIT's optimising compiler (C2) kept for really hot code, at 30 times its usual thresholds: it
spent 8 to 10 CPU s of a Run All on JShell's compiler and the cells' code, which the quick compiler
(C1) runs well enough, while the engine's loops still reach it.
--threads N gives each kernel N compute threads (OpenBLAS's and OpenMP's: OPENBLAS_NUM_THREADS,
OMP_NUM_THREADS) instead of one per core: where thirty kernels share a few cores, more threads than
cores only wait for each other (scripts/class-load.sh measures it).
The file is written to a temporary file and renamed.
"""
import argparse
import json
import os
import re
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kernel_json")
    parser.add_argument("java")
    parser.add_argument("--memory", default="3g")
    parser.add_argument("--ceiling", action="store_true")
    parser.add_argument("--classpath")
    parser.add_argument("--mnist-home")
    parser.add_argument("--native-libraries")
    parser.add_argument("--many-kernels", action="store_true")
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()
    if not re.fullmatch(r"[1-9][0-9]*[mMgG]", args.memory):
        sys.exit(f"kernel_spec.py: --memory {args.memory!r}: expected a size such as 1g or 1536m")

    heap = args.memory
    ceiling = []
    if args.ceiling:
        number, unit = int(args.memory[:-1]), args.memory[-1].lower()
        mib = number * (1024 if unit == "g" else 1)
        heap = f"{max(256, mib // 2)}m"
        ceiling = [f"-Dmymnist.memoryCeiling={args.memory}", f"-Dorg.bytedeco.javacpp.maxBytes={args.memory}",
                   "-Ddatabufferfactory=org.mymnist.backend.CeilingDataBufferFactory"]
    options = [f"-Xmx{heap}", *ceiling, "-Djava.awt.headless=true",
               "--add-opens=java.base/java.nio=ALL-UNNAMED",
               "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
               "--add-opens=java.base/java.lang=ALL-UNNAMED"]
    if args.native_libraries:
        folders = sorted({root for root, _, files in os.walk(args.native_libraries)
                          if any(".so" in name or name.endswith((".dylib", ".dll")) for name in files)})
        if not folders:
            sys.exit(f"kernel_spec.py: --native-libraries {args.native_libraries}: no native library in it")
        options += ["-Dorg.bytedeco.javacpp.pathsFirst=true", "-Djava.library.path=" + os.pathsep.join(folders)]
    if args.many_kernels:
        options += ["-XX:+UseSerialGC", "-Xms32m", "-Xmn16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"]
        # The optimising compiler (C2) only for code that is really hot: 30 times its usual thresholds.
        options += ["-XX:Tier4InvocationThreshold=150000", "-XX:Tier4MinInvocationThreshold=18000",
                    "-XX:Tier4CompileThreshold=450000", "-XX:Tier4BackEdgeThreshold=1200000"]
    # What JJava's launcher adds to JJAVA_JVM_OPTS: the kernel reaches into JShell's internals.
    options += ["--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED"]
    env = {}
    if args.many_kernels:
        env.update({"MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "131072", "MALLOC_TRIM_THRESHOLD_": "131072"})
    if args.threads is not None:
        if args.threads < 1:
            sys.exit(f"kernel_spec.py: --threads {args.threads}: expected 1 or more")
        env.update({"OMP_NUM_THREADS": str(args.threads), "OPENBLAS_NUM_THREADS": str(args.threads)})
    if args.classpath:
        env["JJAVA_CLASSPATH"] = args.classpath
        env["IJAVA_CLASSPATH"] = args.classpath
    if args.mnist_home:
        env["MNIST_HOME"] = args.mnist_home
    spec = {
        "argv": [args.java, *options, "-jar", "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (my-mnist)",
        "language": "java",
        "interrupt_mode": "message",
        "env": env,
        "metadata": {},
    }
    folder = os.path.dirname(os.path.abspath(args.kernel_json))
    fd, tmp = tempfile.mkstemp(prefix=".kernel.json.", dir=folder)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(spec, f, indent=2)
            f.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, args.kernel_json)
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    main()
