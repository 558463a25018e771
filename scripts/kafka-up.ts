// Starts a local broker for manual work and prints how to reach it. `npm run kafka:down` stops it.
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../test/harness/project-root.js';
import { startBroker } from '../test/harness/start-broker.js';

const root = projectRoot();
const stateFile = join(root, '.kafka', 'up.json');
if (existsSync(stateFile)) {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid?: number };
  const alive =
    state.pid !== undefined &&
    (() => {
      try {
        process.kill(state.pid, 0);
        return true;
      } catch {
        return false;
      }
    })();
  if (alive) {
    process.stderr.write(
      `A broker started by kafka:up is already running (pid ${state.pid}); run "npm run kafka:down" first.\n`,
    );
    process.exit(1);
  }
}
const broker = await startBroker({ root, detached: true });
const { info } = broker;
mkdirSync(join(root, '.kafka'), { recursive: true });
writeFileSync(stateFile, JSON.stringify({ pid: broker.pid, dir: broker.dir, info }, null, 2));
const u = info.user;
process.stdout.write(`Kafka ${info.version ?? ''} (${info.backend}) is running.

  PLAINTEXT       ${info.plaintext}
  SASL_PLAINTEXT  ${info.saslPlaintext ?? '-'}   mechanisms ${info.mechanisms.join(', ')}
  SASL_SSL        ${info.saslSsl ?? '-'}   CA ${info.caFile ?? '-'}
  user            ${u.name} / ${u.password}
  no-access user  ${info.unauthorizedUser ? `${info.unauthorizedUser.name} / ${info.unauthorizedUser.password}` : '-'}

Try:
  kcat -b ${info.plaintext} -L
  kcat -b ${info.saslSsl} -X security.protocol=SASL_SSL -X ssl.ca.location=${info.caFile} -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=${u.name} -X sasl.password=${u.password} -L

Stop it with: npm run kafka:down
`);
