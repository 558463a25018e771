#!/usr/bin/env bash
# Packs the library as npm would publish it and checks that the package is the SDK and its CLI
# only: no sources, tests, broker harness or prebuilt .node files inside, no harness dependency
# (testcontainers, dockerode, ssh2) at run time, and zod a peer. Then installs the tarball into a
# scratch project and checks that both entry points load: `require('goodwe-kafka')` and
# `import 'goodwe-kafka'`, with types. The native dependency is linked from this checkout rather
# than rebuilt. test/integration/packed-package.test.ts goes further (with and without the binding).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() {
  echo "check-pack: $*" >&2
  exit 1
}
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
tar -tzf "$scratch/$tarball" | sed 's#^package/##' >"$scratch/files"

if grep -qE '(^|/)(src|test|harness|\.kafka)/' "$scratch/files"; then
  fail "the tarball holds source, tests, the broker harness or broker jars: $(grep -E '(^|/)(src|test|harness|\.kafka)/' "$scratch/files" | head -3 | tr '\n' ' ')"
fi
if grep -qE '\.node$' "$scratch/files"; then
  fail "the tarball holds prebuilt native addons (a bundled dependency of the broker harness?): $(grep -E '\.node$' "$scratch/files" | tr '\n' ' ')"
fi

mkdir -p "$scratch/pkg"
tar -xzf "$scratch/$tarball" -C "$scratch/pkg" --strip-components=1
# The bundles must not carry the harness: its modules, or what only it uses.
harness='testcontainers|KafkaContainer|dockerode|ssh2|test/harness/|local-kraft-broker|kafka-jars'
if grep -lE "$harness" "$scratch/pkg/dist" -r --include='*.js' --include='*.cjs' >"$scratch/hits"; then
  fail "the bundles hold broker-harness code ($(grep -ohE "$harness" -r "$scratch/pkg/dist" --include='*.js' --include='*.cjs' | sort -u | tr '\n' ' ')) in: $(sed "s#^$scratch/pkg/##" "$scratch/hits" | tr '\n' ' ')"
fi
node -e '
const pkg = require(process.argv[1]);
const runtime = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
const harness = Object.keys(runtime).filter((name) => /(^|\/)(testcontainers|dockerode|ssh2|cpu-features)$|^@testcontainers\//.test(name));
if (harness.length > 0) { console.error(`check-pack: ${harness.join(", ")} must stay devDependencies`); process.exit(1); }
if (!pkg.peerDependencies?.zod) { console.error("check-pack: zod must be a peer dependency (the API takes zod schemas)"); process.exit(1); }
if (pkg.dependencies?.zod) { console.error("check-pack: zod must not also be a dependency: the app and the library would get two copies"); process.exit(1); }
' "$scratch/pkg/package.json"

mkdir -p "$scratch/app/node_modules/@confluentinc"
mv "$scratch/pkg" "$scratch/app/node_modules/goodwe-kafka"
for f in dist/index.js dist/index.cjs dist/index.d.ts dist/index.d.cts dist/cli/main.js dist/simulator/index.js dist/simulator/index.cjs; do
  test -f "$scratch/app/node_modules/goodwe-kafka/$f" || fail "$f is missing from the tarball"
done
ln -s "$root/node_modules/@confluentinc/kafka-javascript" "$scratch/app/node_modules/@confluentinc/kafka-javascript"
ln -s "$root/node_modules/zod" "$scratch/app/node_modules/zod"
cd "$scratch/app"
node -e "const g = require('goodwe-kafka'); if (typeof g.selfCheck !== 'function') process.exit(1); console.log('check-pack: require ok, librdkafka', g.selfCheck().librdkafkaVersion)"
echo "import { selfCheck, isGoodweKafkaError } from 'goodwe-kafka'; import { simulateFleet } from 'goodwe-kafka/simulator'; if (typeof selfCheck !== 'function' || typeof isGoodweKafkaError !== 'function' || typeof simulateFleet !== 'function') process.exit(1); console.log('check-pack: import ok');" >esm.mjs
node esm.mjs
node node_modules/goodwe-kafka/dist/cli/main.js --version
echo "check-pack: $tarball is good ($(du -h "$scratch/$tarball" | cut -f1) packed, $(du -sh node_modules/goodwe-kafka | cut -f1) unpacked)"
