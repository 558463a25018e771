import type { ValueWork } from '../harness/value-work.js';

/** A client reading the benchmark topic in a child process of its own. */
export interface Contender {
  id: string;
  /** Short name for tables and the chart. */
  label: string;
  /** What it does per record, and which settings differ from the client's defaults. */
  work: string;
  /** The child script, relative to bench/. */
  script: string;
  /** The client, for the table that puts its JSON.parse and typed telemetry speeds side by side. */
  client: string;
  /** What a peer does per value: `JSON.parse`, or this library's `decodeTelemetry`; ours always decode. */
  valueWork: ValueWork;
}

/** The baseline every ratio is computed against: the same native client as the library, bare. */
export const RAW_CONTENDER_ID = 'rdkafka-batch';
/** This library. */
export const OURS_CONTENDER_ID = 'goodwe-kafka';
/** This library's batch API. */
export const OURS_BATCHES_CONTENDER_ID = 'goodwe-kafka-batches';

const RAW_CLIENT = 'raw @confluentinc/kafka-javascript consume(n)';
const TYPED = ' + decodeTelemetry';

/**
 * What this library does per record today. Gap tracking and dedupe are not in the consumer yet;
 * once they are, turn them on in goodwe-kafka.ts and say so here.
 */
export const OURS_FEATURES = 'decode + normalise + validate, gap tracking, dedupe, commits after each body';

/** Every contender, in table order. */
export const contenders: readonly Contender[] = [
  {
    id: RAW_CONTENDER_ID,
    label: RAW_CLIENT,
    work: 'consume(1000) loop + JSON.parse; auto-commit (5 s)',
    script: 'contenders/rdkafka-batch.ts',
    client: RAW_CLIENT,
    valueWork: 'json',
  },
  {
    id: 'confluent-kafkajs',
    label: '@confluentinc/kafka-javascript KafkaJS API',
    work: 'eachBatch (default 32 per batch) + JSON.parse; auto-commit (5 s)',
    script: 'contenders/confluent-kafkajs.ts',
    client: '@confluentinc/kafka-javascript KafkaJS API',
    valueWork: 'json',
  },
  {
    id: 'kafkajs',
    label: 'kafkajs',
    work: 'eachBatch + JSON.parse; auto-commit (5 s)',
    script: 'contenders/kafkajs.ts',
    client: 'kafkajs',
    valueWork: 'json',
  },
  {
    id: 'platformatic',
    label: '@platformatic/kafka',
    work: "stream 'data' events + JSON.parse; autocommit (default)",
    script: 'contenders/platformatic.ts',
    client: '@platformatic/kafka',
    valueWork: 'json',
  },
  {
    id: `${RAW_CONTENDER_ID}-typed`,
    label: `${RAW_CLIENT}${TYPED}`,
    work: 'consume(1000) loop + decodeTelemetry (parse, normalise, validate); auto-commit (5 s)',
    script: 'contenders/rdkafka-batch.ts',
    client: RAW_CLIENT,
    valueWork: 'telemetry',
  },
  {
    id: 'kafkajs-typed',
    label: `kafkajs${TYPED}`,
    work: 'eachBatch + decodeTelemetry; auto-commit (5 s)',
    script: 'contenders/kafkajs.ts',
    client: 'kafkajs',
    valueWork: 'telemetry',
  },
  {
    id: 'platformatic-typed',
    label: `@platformatic/kafka${TYPED}`,
    work: "stream 'data' events + decodeTelemetry; autocommit (default)",
    script: 'contenders/platformatic.ts',
    client: '@platformatic/kafka',
    valueWork: 'telemetry',
  },
  {
    id: OURS_CONTENDER_ID,
    label: 'goodwe-kafka for await',
    work: OURS_FEATURES,
    script: 'contenders/goodwe-kafka.ts',
    client: 'goodwe-kafka',
    valueWork: 'telemetry',
  },
  {
    id: OURS_BATCHES_CONTENDER_ID,
    label: 'goodwe-kafka batches(1000, 100 ms)',
    work: `batches({ maxRecords: 1000, maxWaitMs: 100 }): ${OURS_FEATURES.replace('after each body', "after each batch's body")}`,
    script: 'contenders/goodwe-kafka-batches.ts',
    client: 'goodwe-kafka batches',
    valueWork: 'telemetry',
  },
];
