#!/usr/bin/env bash
# Runs the whole benchmark (bench/run.ts) under another Node.js major: gets that Node and a native
# Kafka client built for it (scripts/node-toolchain.sh, shared with node-matrix.sh), then runs the
# runner under it. The runner takes the peer clients from bench/peers-node<major>/ when that folder
# exists (the newest releases that install on that Node; bench/harness/node-target.ts), installing
# them there on first use, and the report names the Node and the client versions it loaded.
#
# Usage: bash scripts/bench-node.sh MAJOR|VERSION [bench flags]   (or: npm run bench -- --node 22 ...)
set -euo pipefail
cd "$(dirname "$0")/.."
tool=bench-node
# shellcheck source=scripts/node-toolchain.sh
source scripts/node-toolchain.sh

[ $# -ge 1 ] || fail "usage: bash scripts/bench-node.sh MAJOR|VERSION [bench flags]"
version=$(pinned_node_version "$1")
shift
require_librdkafka
nodedir=$(install_node "$version")
client=$(native_client_for "$nodedir")
# --node again: the runner checks it runs under the Node it was asked for.
with_node "$nodedir" "$client" "$nodedir/bin/node" --import tsx bench/run.ts --node "$version" "$@"
