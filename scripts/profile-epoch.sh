#!/usr/bin/env bash
# Where an epoch's time goes: samples of one training run, by method, Java against native code.
#
#   scripts/profile-epoch.sh mlp [OUT]   bench --recipe modern --optimizer sgd --lr 0.5 --epochs 20
#                                        (784-32-16-10, batches of 64, float32, plain SGD: the epoch
#                                        docs/performance.md times, 20 epochs for enough samples)
#   scripts/profile-epoch.sh cnn [OUT]   train --recipe cnn --epochs 1 (one epoch of the LeNet-shaped
#                                        network, then its evaluation)
#
# Runs from the project's root, on target/my-mnist.jar (built by `mvn -B -q package -DskipTests`
# when missing or older than the sources) and the MNIST files of the default folder ($MNIST_HOME,
# else the per-user cache; `java -jar target/my-mnist.jar fetch` gets them). Writes into OUT
# (default target/profile/KIND):
#   run.txt          what the command printed (its timings are those of a run under a profiler)
#   KIND.jfr         the Flight Recorder file: Java samples (jdk.ExecutionSample) and samples of Java
#                    threads inside native methods (jdk.NativeMethodSample), both every PERIOD
#                    (default 2 ms for mlp, 10 ms for cnn), so that their counts compare
#   top.txt          scripts/jfr_top.py on the samples taken inside EpochLoop.epoch (and, for cnn, in
#                    the engine's helper thread, engine.Halves): Java against native, thread by
#                    thread; the methods on top of the stack; the nearest org.mymnist frame
#   hot-methods.txt  `jfr view hot-methods` (Java samples only) when a JDK 21+ jfr is found
#                    (JFR_JDK, else the newest under /usr/lib/jvm)
#   perf.txt         with PERF=1 and a working `perf`: a second run sampled by perf (cpu-clock, every
#                    thread, OpenBLAS's own included, the JIT's code named through
#                    -XX:+DumpPerfMapAtExit), by library and by symbol; it covers the whole run,
#                    JVM start and data loading included
# JAVA_HOME picks the JVM that runs the command (default: java on PATH).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

kind="${1:-}"
case "$kind" in
  mlp) args=(bench --recipe modern --optimizer sgd --lr 0.5 --epochs 20); period="${PERIOD:-2 ms}"
       within="EpochLoop.epoch" ;;
  cnn) args=(train --recipe cnn --epochs 1); period="${PERIOD:-10 ms}"
       within="EpochLoop.epoch,engine.Halves" ;;
  *) echo "usage: scripts/profile-epoch.sh mlp|cnn [OUT]" >&2; exit 2 ;;
esac
out="${2:-target/profile/$kind}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

source scripts/java-tools.sh
find_java profile-epoch
build_library_jar profile-epoch
jfr_tool="$(dirname "$JAVA")/jfr"
view_jdk="${JFR_JDK:-$(ls -d /usr/lib/jvm/*/ 2>/dev/null | while read -r d; do
  [ -x "$d/bin/jfr" ] && v="$("$d/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = //p')" && [ "${v%%.*}" -ge 21 ] 2>/dev/null && echo "$v $d"
done | sort -n | tail -1 | cut -d' ' -f2-)}"

# The two sampling events at one period, and allocation samples (which code allocates per batch).
cat > "$out/epoch.jfc" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="epoch" description="scripts/profile-epoch.sh: samples at one period">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">$period</setting></event>
  <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">$period</setting></event>
  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">150/s</setting><setting name="stackTrace">true</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
EOF

echo "[profile-epoch] $kind: java -jar target/my-mnist.jar ${args[*]} under JFR (every $period)"
"$JAVA" -XX:StartFlightRecording="filename=$out/$kind.jfr,settings=$out/epoch.jfc" \
  -jar target/my-mnist.jar "${args[@]}" 2>&1 | tee "$out/run.txt"
"$jfr_tool" print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$out/$kind.jfr" \
  | python3 scripts/jfr_top.py --within "$within" --top 25 > "$out/top.txt"
"$jfr_tool" summary "$out/$kind.jfr" >> "$out/top.txt"
if [ -n "$view_jdk" ]; then
  "$view_jdk/bin/jfr" view --width 160 hot-methods "$out/$kind.jfr" > "$out/hot-methods.txt" 2>&1 || true
  "$view_jdk/bin/jfr" view --width 160 allocation-by-site "$out/$kind.jfr" > "$out/allocation-by-site.txt" 2>&1 || true
fi
echo "[profile-epoch] $out/top.txt:"
cat "$out/top.txt"

if [ "${PERF:-0}" = 1 ]; then
  command -v perf >/dev/null 2>&1 || { echo "[profile-epoch] PERF=1 but perf is not installed" >&2; exit 1; }
  echo "[profile-epoch] the same run under perf record -e cpu-clock"
  perf record -q -e cpu-clock -F 999 -o "$out/perf.data" -- \
    "$JAVA" -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -jar target/my-mnist.jar "${args[@]}" \
    > "$out/perf-run.txt" 2>&1
  {
    echo "# by library"
    perf report -i "$out/perf.data" --stdio --sort dso 2>/dev/null | grep -v '^#' | grep -v '^$' | sed -n '1,15p'
    echo "# by library and symbol"
    perf report -i "$out/perf.data" --stdio --sort dso,sym 2>/dev/null | grep -v '^#' | grep -v '^$' | sed -n '1,40p'
    echo "# by thread"
    perf report -i "$out/perf.data" --stdio --sort pid 2>/dev/null | grep -v '^#' | grep -v '^$' | sed -n '1,12p'
  } > "$out/perf.txt"
  cat "$out/perf.txt"
fi
