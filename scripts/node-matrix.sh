#!/usr/bin/env bash
# Runs the unit tests and the integration smoke test (test/integration/node-smoke.test.ts) under
# every Node.js major the README promises besides the one the main test run uses (20), each with a
# native Kafka client that loads under it (how: scripts/node-toolchain.sh).
#
# Usage: bash scripts/node-matrix.sh [VERSION...]   (default: the pinned versions, 22 and 24)
set -euo pipefail
cd "$(dirname "$0")/.."
tool=node-matrix
# shellcheck source=scripts/node-toolchain.sh
source scripts/node-toolchain.sh

versions=("$@")
[ "${#versions[@]}" -gt 0 ] || versions=("${pinned_node_versions[@]}")
started=$SECONDS
require_librdkafka

for version in "${versions[@]}"; do
  section=$SECONDS
  nodedir=$(install_node "$version")
  client=$(native_client_for "$nodedir")
  echo "node-matrix: Node $version: unit tests and the integration smoke test"
  with_node "$nodedir" "$client" "$nodedir/bin/node" node_modules/vitest/vitest.mjs run \
    --config scripts/node-matrix.vitest.config.ts \
    --project unit --project integration test/unit test/integration/node-smoke.test.ts
  echo "node-matrix: Node $version passed in $((SECONDS - section)) s"
done
echo "node-matrix: finished in $((SECONDS - started)) s"
