#!/usr/bin/env bash
# Runs benchmarks and rewrites their sections of bench/RESULTS.md (the other sections stay).
# Usage: bench/run-benchmarks.sh [all|agent|server|startup|contended|thread-reads|ft|ft-pause|ft-recovery|ft-throughput] [rounds=3] [seconds=5]
#   agent  JMH clock/lock overhead, bank replay speed, server throughput in record mode
#          (~3 min, plus about 2 x (warm-up + seconds + 2) s per round), startup, contended and
#          thread-reads
#   server  only the server throughput (record mode against plain, about 2 x (warm-up + seconds
#          + 2) s per round)
#   contended  JMH: the same locks taken by one thread per core, plain and recording (~2 min)
#   thread-reads  JMH: the current thread's name, id and toString(), plain and recording (~1 min)
#   startup  the agent's start: a trivial program started 2 x rounds times (at least 5) with and
#          without the agent (~1 min)
#   ft     fault tolerance: checkpoint pause against RSS, recovery time after kill -9, key-value
#          throughput with/without ftjvm run and group commit (root and CRIU needed; ~15 min)
#   all    both (the default); a bare number as first argument still means "all" with that many rounds
# Environment: FT_HEAPS_MB (default 64,512), FT_TAILS (default 0,10000,100000) for short runs;
# BENCH_NOTE, a sentence written under each section's header (e.g. "shared, busy machine");
# BENCH_SERVER_WARMUP, the unmeasured warm-up client's seconds before each server run (default 15).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B -ntp -DskipTests package
java -jar bench/target/benchmarks.jar "$ROOT" "$@"
