#!/usr/bin/env bash
# Runs the JMH and macro benchmarks and rewrites bench/RESULTS.md. Takes about two minutes.
# Usage: bench/run-benchmarks.sh [rounds=3] [seconds=5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B -DskipTests package
java -jar bench/target/benchmarks.jar "$ROOT" "${1:-3}" "${2:-5}"
