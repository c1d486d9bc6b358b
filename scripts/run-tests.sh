#!/usr/bin/env bash
# Runs every test: the whole build and test suite on Java 17, then again on Temurin 25
# (the integration tests fork the application JVMs with the same Java that runs Maven).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA17="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PROVISION="$ROOT/checkpoint-criu/provision/provision-criu.sh"
if [[ -f "$PROVISION" ]]; then
  bash "$PROVISION" || echo "[tests] WARNING: CRIU could not be provisioned; real-CRIU tests will say so" >&2
fi
status=0
for jdk in "$JAVA17" "$JAVA25"; do
  if [[ ! -x "$jdk/bin/java" ]]; then
    echo "[tests] missing JDK: $jdk" >&2
    exit 1
  fi
  echo "=== tests on $("$jdk/bin/java" -version 2>&1 | head -1) ($jdk)"
  JAVA_HOME="$jdk" mvn -B -ntp install || status=$?
  [[ $status -eq 0 ]] || break
done
exit $status
