#!/usr/bin/env bash
# Packs the library as npm would publish it, installs the tarball into a scratch project and checks
# that both entry points load: `require('goodwe-kafka')` and `import 'goodwe-kafka'`, with types.
# The native dependency is linked from this checkout rather than rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
mkdir -p "$scratch/app/node_modules/goodwe-kafka" "$scratch/app/node_modules/@confluentinc"
tar -xzf "$scratch/$tarball" -C "$scratch/app/node_modules/goodwe-kafka" --strip-components=1
ln -s "$root/node_modules/@confluentinc/kafka-javascript" "$scratch/app/node_modules/@confluentinc/kafka-javascript"
ln -s "$root/node_modules/zod" "$scratch/app/node_modules/zod"
for f in dist/index.js dist/index.cjs dist/index.d.ts dist/index.d.cts dist/cli/main.js; do
  test -f "$scratch/app/node_modules/goodwe-kafka/$f" || { echo "check-pack: $f is missing from the tarball"; exit 1; }
done
if tar -tzf "$scratch/$tarball" | grep -qE '(^|/)(src|test|\.kafka)/'; then
  echo "check-pack: the tarball holds source, tests or broker jars"; exit 1
fi
cd "$scratch/app"
node -e "const g = require('goodwe-kafka'); if (typeof g.selfCheck !== 'function') process.exit(1); console.log('check-pack: require ok, librdkafka', g.selfCheck().librdkafkaVersion)"
echo "import { selfCheck, isGoodweKafkaError } from 'goodwe-kafka'; if (typeof selfCheck !== 'function' || typeof isGoodweKafkaError !== 'function') process.exit(1); console.log('check-pack: import ok');" > esm.mjs
node esm.mjs
node node_modules/goodwe-kafka/dist/cli/main.js --version
echo "check-pack: $tarball is good ($(du -h "$scratch/$tarball" | cut -f1))"
