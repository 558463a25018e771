// Checks the application's zod when the library loads. zod is a peer dependency: the library
// builds its schemas with the application's copy, so that a schema the application extends and
// the library's own are one zod and keep their types. With zod 3 those schemas fail to build
// ("z.int is not a function") and extended fields would type as `unknown`; this says why instead.
// src/index.ts, src/simulator/index.ts and src/cli/main.ts import it first, so it runs before
// any schema is built. package.json lists it under "sideEffects" so the bundler keeps it.
import { createRequire } from 'node:module';
import { z } from 'zod';
import { PeerDependencyError } from '../errors/peer-dependency-error.js';

/** The zod versions the library supports, as in package.json's peerDependencies. */
export const ZOD_PEER_RANGE = '^4.0.0';

/**
 * Throws a {@link PeerDependencyError} when `zod` is older than 4, which the library tells by its
 * schemas: zod 4's carry their internals under `_zod`, zod 3's do not. `version` names the version
 * found, for the message.
 */
export function requireZod4(zod: { string(): object }, version: () => string | undefined): void {
  if ('_zod' in zod.string()) return;
  const found = version();
  throw new PeerDependencyError(
    `goodwe-kafka needs zod ${ZOD_PEER_RANGE} (a peer dependency), but the application has zod ${found ?? '3 or older'}: ` +
      'its schemas cannot be built and extended fields would type as unknown. Upgrade it: npm install zod@^4',
  );
}

function installedZodVersion(): string | undefined {
  try {
    // import.meta.url is shimmed to the file's URL in the CommonJS build (tsup `shims`).
    return (createRequire(import.meta.url)('zod/package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

requireZod4(z, installedZodVersion);
