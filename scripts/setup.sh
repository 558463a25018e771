#!/usr/bin/env bash
# Installs everything goodwe-kafka needs to build, test and run its demo on a Debian machine:
# the libraries librdkafka is compiled against, Java and Maven for the local test broker, the npm
# packages, and the Apache Kafka broker jars from Maven Central. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential python3                        # node-gyp
  zlib1g-dev libssl-dev libzstd-dev liblz4-dev   # librdkafka: compression and TLS
  libsasl2-dev libcurl4-openssl-dev              # librdkafka: SASL and OIDC
  openjdk-17-jre-headless maven                  # the local Kafka broker for tests and the demo
  procps kcat                                    # pgrep for the harness test; kcat for poking a broker by hand
  postgresql                                     # a throwaway PostgreSQL server for the goodwe-kafka/postgres tests
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The prebuilt binary of @confluentinc/kafka-javascript cannot always be downloaded; building
# librdkafka from source against the system libraries works everywhere (about 2-3 minutes).
# `npm install` rather than `npm ci`: it installs the locked versions too, but keeps an existing
# node_modules, so a second run does not rebuild librdkafka; and `npm ci` rejects lock files
# written without other platforms' optional packages, which this npm configuration produces.
echo "setup: installing npm packages (builds librdkafka the first time)"
CKJS_LINKING=dynamic npm install --no-audit --no-fund

echo "setup: fetching the Apache Kafka broker jars"
if ! ls .kafka/libs/kafka_2.13-*.jar >/dev/null 2>&1; then
  mvn -B -q -f tools/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PWD/.kafka/libs"
fi

node -e "const k=require('@confluentinc/kafka-javascript'); console.log('setup: librdkafka ' + k.librdkafkaVersion + ' with ' + k.features.join(','))"
