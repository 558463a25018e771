import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A self-signed broker certificate in a PKCS12 keystore, and its PEM to trust. */
export interface TlsMaterial {
  p12File: string;
  caFile: string;
  passphrase: string;
}

/**
 * Writes a self-signed certificate for `localhost` / `127.0.0.1` into `dir` with the JDK's keytool.
 * Clients verify the broker against `caFile`, host name included.
 */
export async function makeTlsMaterial(dir: string): Promise<TlsMaterial> {
  const material: TlsMaterial = {
    p12File: join(dir, 'broker.p12'),
    caFile: join(dir, 'ca.pem'),
    passphrase: 'test-pass',
  };
  const store = ['-storetype', 'PKCS12', '-keystore', material.p12File, '-storepass', material.passphrase];
  await run('keytool', [
    ...['-genkeypair', '-alias', 'broker', '-keyalg', 'RSA', '-keysize', '2048', '-validity', '3650'],
    ...[
      '-dname',
      'CN=localhost',
      '-ext',
      'SAN=dns:localhost,ip:127.0.0.1',
      '-keypass',
      material.passphrase,
      '-noprompt',
    ],
    ...store,
  ]);
  await run('keytool', ['-exportcert', '-rfc', '-alias', 'broker', '-file', material.caFile, ...store]);
  return material;
}
