#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Maven jars alone (no Spark download):
#   1. builds the module and lays out SPARK_HOME the way Spark's launcher expects it (SPARK_HOME/jars holds
#      Spark's jars: the spark module's "provided" dependencies; a RELEASE file marks it as a distribution);
#   2. starts a Master and two Workers on 127.0.0.1 (one core each), so each executor is its own JVM, started
#      by its Worker's ExecutorRunner with the classpath SPARK_HOME/jars/*;
#   3. runs the same job (dev.gated.spark.job.FitSeriesJob on a generated panel) twice through Spark's own
#      entry point org.apache.spark.deploy.SparkSubmit: --master local[2], then --master spark://127.0.0.1:PORT;
#   4. compares the two outputs (dev.gated.spark.job.OutputComparison: same rows, doubles to a relative 1e-9,
#      everything else exactly, wall-clock train_seconds left out) and exits 3 when they differ.
# Every process it starts is stopped on exit (trap). Usage, from anywhere:
#   spark/cluster/run-standalone.sh [SERIES]        # default 24 series; NOBUILD=1 skips the Maven build
#   KILL_EXECUTOR=1 spark/cluster/run-standalone.sh # also kills -9 one executor JVM once it has started its third
#                                                   # task; Spark reruns its tasks; exit 4 if no task was lost
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SERIES=${1:-24}
TOLERANCE=${TOLERANCE:-1e-9}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gated-standalone.XXXXXX")
PIDS=()
stop_all() {
  local rc=$? pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done   # Workers kill their executors on SIGTERM
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  local left
  left=$(pgrep -f "$WORK/spark-home" || true)
  if [ -n "$left" ]; then echo "still running after the stop, killed: $left" >&2; kill $left 2>/dev/null || true; fi
  if [ "$rc" -ne 0 ]; then
    for log in "$WORK"/*.log; do [ -e "$log" ] && { echo "--- $log (last lines)"; grep -v '^\s*at ' "$log" | tail -8; }; done >&2
    KEEP=1
  fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
START=$(date +%s)

say "load average: $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
SPARK_HOME=$WORK/spark-home
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"
if [ -z "${NOBUILD:-}" ]; then
  say "building the spark module and its runtime classpath (in-reactor, offline)"
  ./mvnw -q -B -o -pl spark -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$WORK/runtime.classpath" -DincludeScope=runtime >/dev/null
else
  ./mvnw -q -B -o -pl spark -am dependency:build-classpath \
    -Dmdep.outputFile="$WORK/runtime.classpath" -DincludeScope=runtime >/dev/null
fi
# Spark's own jars, as a Spark distribution ships them: the runtime closure of spark-sql_2.13 alone (a pom
# with that one dependency, resolved offline from the local Maven repository)
SPARK_VERSION=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' spark/pom.xml)
mkdir -p "$WORK/distribution"
cat > "$WORK/distribution/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>spark-distribution</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
    <version>$SPARK_VERSION</version></dependency></dependencies>
</project>
POM
./mvnw -q -B -o -f "$WORK/distribution/pom.xml" dependency:build-classpath \
  -Dmdep.outputFile="$WORK/spark.classpath" -DincludeScope=runtime >/dev/null
(cat "$WORK/spark.classpath"; echo) | tr ':' '\n' | grep . | while read -r jar; do ln -s "$jar" "$SPARK_HOME/jars/"; done
echo "Spark $SPARK_VERSION built for Scala 2.13 (jars from Maven Central, laid out by spark/cluster/run-standalone.sh)" \
  > "$SPARK_HOME/RELEASE"
cat > "$SPARK_HOME/conf/log4j2.properties" <<'LOG'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.master.name = org.apache.spark.deploy
logger.master.level = info
logger.tasks.name = org.apache.spark.executor.Executor
logger.tasks.level = info
logger.lost.name = org.apache.spark.scheduler
logger.lost.level = warn
LOG
# the application's jars: Gated's modules and their libraries, less what Spark already brings
APP_JARS=$( (cat "$WORK/runtime.classpath"; echo) | tr ':' '\n' | grep . | while read -r jar; do
  [ -e "$SPARK_HOME/jars/$(basename "$jar")" ] || echo "$jar"; done | paste -sd, -)
APP_JAR=$ROOT/spark/target/gated-spark-0.1.0-SNAPSHOT.jar
say "SPARK_HOME=$SPARK_HOME: Spark $SPARK_VERSION, $(ls "$SPARK_HOME/jars" | wc -l) jars; application jars: $(echo "$APP_JARS" | tr ',' '\n' | sed "s:.*/::" | paste -sd" ")"

# Java 17: the options Spark's launcher adds (JavaModuleOptions), as the module's pom lists them
FLAGS="$(tr '\n' ' ' < spark/pom.xml | sed 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:')"
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS=$WORK/local
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
spark_class() { java $FLAGS -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" "$@"; }
# for the daemons, started with &: exec makes the background subshell the JVM itself, so $! is the JVM's pid and
# the trap's kill reaches it (a plain function call would leave the JVM running as the subshell's child)
daemon() { exec java $FLAGS -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" "$@"; }
wait_for() {   # FILE PATTERN WHAT
  for _ in $(seq 1 240); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "timed out waiting for $3; its log:" >&2; tail -20 "$1" >&2; return 1
}

MASTER_PORT=$(free_port)
say "starting the Master on spark://127.0.0.1:$MASTER_PORT"
daemon -Xmx256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$MASTER_PORT" \
  --webui-port "$(free_port)" > "$WORK/master.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/master.log" "I have been elected leader" "the Master"
for w in 1 2; do
  daemon -Xmx256m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port "$(free_port)" --work-dir "$WORK/worker$w" "spark://127.0.0.1:$MASTER_PORT" > "$WORK/worker$w.log" 2>&1 &
  PIDS+=($!)
done
for w in 1 2; do wait_for "$WORK/worker$w.log" "Successfully registered with master" "Worker $w"; done
say "two Workers registered (1 core, 1 GB each)"

submit() {   # MASTER OUT [extra job args]
  local master=$1 out=$2; shift 2
  spark_class -Xmx1g -Xss4m org.apache.spark.deploy.SparkSubmit --master "$master" \
    --class dev.gated.spark.job.FitSeriesJob --jars "$APP_JARS" \
    --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false \
    --conf spark.executor.memory=768m --conf spark.executor.cores=1 --conf spark.cores.max=2 \
    --conf "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector -Xss4m" \
    --conf spark.task.maxFailures=4 \
    "$APP_JAR" --generate "$SERIES" --data "$ROOT/../shared/data" --out "$out" "$@"
}

T0=$(date +%s)
say "job 1: SparkSubmit --master local[2]"
submit 'local[2]' "$WORK/out-local" 2> "$WORK/local.log"
T1=$(date +%s)
say "job 2: SparkSubmit --master spark://127.0.0.1:$MASTER_PORT (two executor JVMs)"
if [ -n "${KILL_EXECUTOR:-}" ]; then
  (   # once an executor of this cluster has started its KILL_AFTER_TASKS-th task (3: the fitting stage), kill -9 it
    for _ in $(seq 1 1200); do
      for pid in $(pgrep -f CoarseGrainedExecutorBackend || true); do
        dir=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
        case "$dir" in
          "$WORK"/worker*)
            if [ "$(grep -c 'Running task' "$dir/stderr" 2>/dev/null || true)" -ge "${KILL_AFTER_TASKS:-3}" ]; then
              sleep 3; say "killing executor JVM $pid (${dir#$WORK/}) while it runs: $(grep 'Running task' "$dir/stderr" | tail -1 | sed 's/.*INFO //')"
              kill -9 "$pid"; exit 0
            fi ;;
        esac
      done
      sleep 0.5
    done
  ) &
  PIDS+=($!)
fi
submit "spark://127.0.0.1:$MASTER_PORT" "$WORK/out-cluster" 2> "$WORK/cluster.log"
T2=$(date +%s)
if [ -n "${KILL_EXECUTOR:-}" ]; then
  LOST=$(grep -c "Lost task" "$WORK/cluster.log" || true)
  grep -m3 -E "Lost executor|Lost task" "$WORK/cluster.log" | cut -c1-220 || true
  if [ "$LOST" -eq 0 ]; then
    echo "KILL_EXECUTOR: no task was lost (the kill came before or after the executor's tasks); set KILL_AFTER_TASKS" >&2
    exit 4
  fi
  say "the killed executor's $LOST task(s) were rerun elsewhere"
fi
EXECUTORS=$(ls -d "$WORK"/worker*/app-*/* 2>/dev/null | wc -l)
say "the cluster job ran $EXECUTORS executor(s): $(ls -d "$WORK"/worker*/app-*/* 2>/dev/null | sed "s:$WORK/::" | paste -sd' ')"
grep -h "Launch command" "$WORK"/worker1.log | head -1 | cut -c1-400 || true

say "comparing the two runs"
set +e
spark_class -Xmx1g org.apache.spark.deploy.SparkSubmit --master 'local[1]' --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 --class dev.gated.spark.job.OutputComparison --jars "$APP_JARS" \
  "$APP_JAR" "$WORK/out-local" "$WORK/out-cluster" --tolerance "$TOLERANCE" 2> "$WORK/compare.log"
RC=$?
set -e
END=$(date +%s)
say "local[2] job $((T1 - T0)) s (JVM start included), cluster job $((T2 - T1)) s, whole script $((END - START)) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$RC" -ne 0 ]; then
  echo "MISMATCH: the cluster run differs from the local[2] run (exit $RC); see above" >&2
  tail -5 "$WORK/compare.log" >&2
  KEEP=1
  exit 3
fi
say "PASS: the standalone cluster's results and forecasts equal the local[2] run's"
