#!/usr/bin/env bash
# Measurements behind docs/spark.md. Usage (from the repository root):
#   spark/bench.sh series local[1] 200 200        # series per minute, one executor core
#   spark/bench.sh series local[2] 200 200        # two cores
#   spark/bench.sh dataparallel local[2] 2 10     # S2 LSTM, 2 partitions x 32, 10 steps
#   spark/bench.sh localsgd local[2] 2 4          # local SGD (average every 4 steps) vs synchronous SGD
#   spark/bench.sh sharded local[2] 2 10          # S2 steps through the driver vs sharded parameters: sync ms, driver bytes
# Prints RESULT lines with the load average (1, 5, 15 min) beside each figure.
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor build: the project's modules resolve to their target/ folders (the last module, spark, writes
# last); skip it with NOBUILD=1 when running several measurements in a row
if [ -z "${NOBUILD:-}" ]; then
./mvnw -q -B -o -pl spark -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/spark/target/test.classpath" -Dmdep.includeScope=test >/dev/null
fi
CP="spark/target/classes:spark/target/test-classes:$(cat spark/target/test.classpath)"
FLAGS="$(tr '\n' ' ' < spark/pom.xml | sed 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:')"
exec java -Xss4m -Xmx4g $FLAGS -Dlog4j2.configurationFile=spark/src/test/resources/log4j2-test.properties \
  -cp "$CP" dev.gated.spark.bench.SparkBench "$@"
