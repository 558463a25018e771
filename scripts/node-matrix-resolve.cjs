/* eslint-disable no-undef, @typescript-eslint/no-require-imports -- a CommonJS preload for Node itself */
// Preloaded by scripts/node-matrix.sh (NODE_OPTIONS=--require): makes every require of the native
// Kafka client, the library's own lazy createRequire included, load the copy built for the Node
// that runs the tests (GWK_NATIVE_CLIENT); the one in node_modules is built for another Node ABI.
const Module = require('node:module');

const target = process.env.GWK_NATIVE_CLIENT;
if (target) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return resolve.call(this, request === '@confluentinc/kafka-javascript' ? target : request, ...rest);
  };
}
