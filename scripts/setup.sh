#!/usr/bin/env bash
# Sets up a fresh machine for FT-JVM: builds every jar and provisions CRIU (used by
# fault-tolerance mode; record and replay work without it). Safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is not installed (need a JDK 17+ and Maven 3.8+)" >&2; exit 1; }
done
echo "[setup] building (mvn -q -B -DskipTests install) ..."
mvn -q -B -DskipTests install
PROVISION="$ROOT/checkpoint-criu/provision/provision-criu.sh"
if [[ -x "$PROVISION" || -f "$PROVISION" ]]; then
  echo "[setup] provisioning CRIU ..."
  if ! bash "$PROVISION"; then
    echo "[setup] WARNING: no usable CRIU; record/replay work, fault-tolerance mode will refuse to start" >&2
  fi
fi
echo "[setup] done. Try: ./ftjvm demo"
