// Draws docs/images/gap-timeline.svg from a real run against a local broker: a consumer reads a
// morning, is offline while an hour is written, comes back at the end of the log and refills the
// hour it missed from the log; one inverter was also silent at the source for twenty-five minutes.
// Run with `npx tsx scripts/gap-timeline.ts`.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goodweConnection } from '../src/auth/goodwe-connection.js';
import { projectRoot } from '../test/harness/project-root.js';
import { startBroker } from '../test/harness/start-broker.js';
import { createTelemetryConsumer } from '../src/consumer/create-telemetry-consumer.js';
import { FileGapStateStore } from '../src/gaps/file-gap-state-store.js';
import type { GapEvent } from '../src/gaps/gap-outcome.js';
import { KafkaAdmin } from '../src/kafka/kafka-admin.js';
import { KafkaProducer } from '../src/kafka/kafka-producer.js';

const MINUTE = 60_000;
const day = Date.UTC(2026, 10, 20);
const at = (h: number, m = 0): number => day + (h * 60 + m) * MINUTE;
const fleet = ['5010KETU21AB0001', '5010KETU21AB0002', '5010KETU21AB0003'];
const silent = fleet[1]!;

interface Dot {
  serial: string;
  time: number;
  source: 'live' | 'refill';
}

const root = projectRoot();
await using broker = await startBroker({ root });
const bootstrapServers = broker.info.plaintext;
const topic = 'TIMELINE';
{
  await using admin = new KafkaAdmin({ 'bootstrap.servers': bootstrapServers });
  await admin.createTopic({ topic, partitions: 1 });
}
const publish = async (from: number, to: number, skip: (serial: string, t: number) => boolean = () => false) => {
  await using producer = await KafkaProducer.connect({ 'bootstrap.servers': bootstrapServers });
  for (let t = from; t <= to; t += 5 * MINUTE) {
    for (const sn of fleet) {
      if (skip(sn, t)) continue;
      await producer.send({
        topic,
        key: sn,
        timestamp: t,
        value: Buffer.from(JSON.stringify({ sn, last_time: t, pac: 2500 })),
      });
    }
  }
};
const storeDir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-timeline-'));
const gaps = { refill: true, expectedIntervalMs: 5 * MINUTE, settleMs: 500, store: new FileGapStateStore(storeDir) };
const connection = goodweConnection({ bootstrapServers, topic, tls: false });
const dots: Dot[] = [];
const events: GapEvent[] = [];

async function consume(
  groupId: string,
  until: () => boolean,
  reset: 'earliest' | 'latest',
  onReady?: () => Promise<void>,
) {
  let assigned = false;
  const consumer = createTelemetryConsumer({
    connection,
    groupId,
    autoOffsetReset: reset,
    onAssign: () => (assigned = true),
    gaps: { ...gaps, onGap: (event) => events.push(event) },
  });
  const run = (async () => {
    for await (const r of consumer)
      dots.push({
        serial: r.value.serialNumber,
        time: r.value.time!.getTime(),
        source: r.source === 'refill' ? 'refill' : 'live',
      });
  })();
  while (!assigned) await new Promise((resolve) => setTimeout(resolve, 50));
  await onReady?.();
  while (!until()) await new Promise((resolve) => setTimeout(resolve, 100));
  await consumer.close();
  await run;
}

// Morning: read live.
await publish(at(6), at(7, 30));
await consume('morning', () => dots.length >= 19 * 3, 'earliest');
// 07:35-08:30 is written while the consumer is offline.
await publish(at(7, 35), at(8, 30));
// The consumer comes back at the end of the log; one inverter is silent 09:20-09:40 at the source.
const liveAfter = () => dots.filter((d) => d.time >= at(8, 35)).length;
await consume(
  'afternoon',
  () => liveAfter() >= 3 * 18 - 5 && events.length >= 4,
  'latest',
  async () => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await publish(at(8, 35), at(10), (sn, t) => sn === silent && t >= at(9, 20) && t <= at(9, 40));
  },
);
rmSync(storeDir, { recursive: true, force: true });

// --- render ---
const width = 900;
const left = 150;
const right = 20;
const rowHeight = 60;
const top = 70;
const height = top + fleet.length * rowHeight + 70;
const x0 = at(6);
const x1 = at(10);
const x = (t: number): number => left + ((t - x0) / (x1 - x0)) * (width - left - right);
const colour = { live: '#2563eb', refill: '#f97316' } as const;
const outcomeColour: Record<string, string> = {
  refilled: '#fed7aa',
  partial: '#fde68a',
  'not-in-log': '#e5e7eb',
  'beyond-retention': '#fecaca',
};
const parts: string[] = [];
parts.push(
  `<rect x="${x(at(7, 32))}" y="${top - 30}" width="${x(at(8, 33)) - x(at(7, 32))}" height="${fleet.length * rowHeight + 20}" fill="#f3f4f6" />`,
);
parts.push(
  `<text x="${x(at(8, 2))}" y="${top - 36}" text-anchor="middle" font-size="12" fill="#374151">consumer offline</text>`,
);
fleet.forEach((sn, row) => {
  const y = top + row * rowHeight;
  parts.push(
    `<text x="${left - 10}" y="${y + 4}" text-anchor="end" font-size="12" font-family="monospace">${sn}</text>`,
  );
  parts.push(`<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" stroke="#d1d5db" />`);
  for (const event of events.filter((e) => e.serialNumber === sn)) {
    const gx = x(event.from.getTime());
    const gw = x(event.to.getTime()) - gx;
    parts.push(
      `<rect x="${gx}" y="${y - 14}" width="${gw}" height="28" fill="${outcomeColour[event.outcome] ?? '#e5e7eb'}" opacity="0.8" />`,
    );
    parts.push(
      `<text x="${gx + gw / 2}" y="${y - 18}" text-anchor="middle" font-size="11" fill="#111827">${event.outcome} (${event.recovered})</text>`,
    );
  }
  for (const dot of dots.filter((d) => d.serial === sn)) {
    parts.push(`<circle cx="${x(dot.time)}" cy="${y}" r="3.5" fill="${colour[dot.source]}" />`);
  }
});
for (let h = 6; h <= 10; h++) {
  const tx = x(at(h));
  parts.push(
    `<line x1="${tx}" y1="${top + fleet.length * rowHeight - 30}" x2="${tx}" y2="${top + fleet.length * rowHeight - 24}" stroke="#6b7280" />`,
  );
  parts.push(
    `<text x="${tx}" y="${top + fleet.length * rowHeight - 10}" text-anchor="middle" font-size="12">${String(h).padStart(2, '0')}:00</text>`,
  );
}
const legendY = height - 22;
parts.push(
  `<circle cx="${left}" cy="${legendY}" r="4" fill="${colour.live}" /><text x="${left + 10}" y="${legendY + 4}" font-size="12">live record</text>`,
);
parts.push(
  `<circle cx="${left + 120}" cy="${legendY}" r="4" fill="${colour.refill}" /><text x="${left + 130}" y="${legendY + 4}" font-size="12">refilled from the log</text>`,
);
parts.push(
  `<text x="${left + 300}" y="${legendY + 4}" font-size="12">bands: gaps, labelled outcome (readings recovered)</text>`,
);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white" />
<text x="${left}" y="24" font-size="15" font-weight="bold">Gaps and refill, from a real run (topic ${topic}, 20 Nov 2026, UTC)</text>
${parts.join('\n')}
</svg>
`;
mkdirSync(join(root, 'docs', 'images'), { recursive: true });
writeFileSync(join(root, 'docs', 'images', 'gap-timeline.svg'), svg);
console.log(
  `wrote docs/images/gap-timeline.svg: ${dots.length} records (${dots.filter((d) => d.source === 'refill').length} refilled), ${events.length} gap events: ${events.map((e) => `${e.serialNumber} ${e.outcome}`).join(', ')}`,
);
