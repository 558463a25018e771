import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../../../src/errors/error-codes.js';
import { PeerDependencyError } from '../../../src/errors/peer-dependency-error.js';
import { requireZod4 } from '../../../src/peer/require-zod-4.js';

// zod 3's schemas keep their internals under `_def` only; zod 4's also under `_zod`.
const zod3 = { string: () => ({ _def: { typeName: 'ZodString' } }) };

describe('zod peer check', () => {
  it('accepts the zod 4 the library is built and tested with', () => {
    let asked = false;
    expect(() =>
      requireZod4(z, () => {
        asked = true;
        return '4';
      }),
    ).not.toThrow();
    expect(asked).toBe(false);
  });

  it('refuses zod 3 with a PeerDependencyError naming the version found and the upgrade', () => {
    let caught: unknown;
    try {
      requireZod4(zod3, () => '3.25.76');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PeerDependencyError);
    expect((caught as PeerDependencyError).code).toBe(ErrorCode.PeerDependency);
    expect((caught as Error).message).toContain('zod 3.25.76');
    expect((caught as Error).message).toContain('npm install zod@^4');
  });

  it('still explains when the version cannot be read', () => {
    expect(() => requireZod4(zod3, () => undefined)).toThrow(/zod 3 or older/);
  });
});
