/** A client reading the benchmark topic in a child process of its own. */
export interface Contender {
  id: string;
  /** Short name for tables and the chart. */
  label: string;
  /** What it does per record, and which settings differ from the client's defaults. */
  work: string;
  /** The child script, relative to bench/. */
  script: string;
}

/** The baseline every ratio is computed against: the same native client as the library, bare. */
export const RAW_CONTENDER_ID = 'rdkafka-batch';
/** This library. */
export const OURS_CONTENDER_ID = 'goodwe-kafka';

/**
 * What this library does per record today. Gap tracking and dedupe are not in the consumer yet;
 * once they are, turn them on in goodwe-kafka.ts and say so here.
 */
export const OURS_FEATURES = 'decode + normalise + validate, gap tracking, dedupe, commits after each body';

/** Every contender, in table order. */
export const contenders: readonly Contender[] = [
  {
    id: RAW_CONTENDER_ID,
    label: 'raw @confluentinc/kafka-javascript consume(n)',
    work: 'consume(1000) loop + JSON.parse; auto-commit (5 s)',
    script: 'contenders/rdkafka-batch.ts',
  },
  {
    id: 'confluent-kafkajs',
    label: '@confluentinc/kafka-javascript KafkaJS API',
    work: 'eachBatch (default 32 per batch) + JSON.parse; auto-commit (5 s)',
    script: 'contenders/confluent-kafkajs.ts',
  },
  {
    id: 'kafkajs',
    label: 'kafkajs',
    work: 'eachBatch + JSON.parse; auto-commit (5 s)',
    script: 'contenders/kafkajs.ts',
  },
  {
    id: 'platformatic',
    label: '@platformatic/kafka',
    work: "stream 'data' events + JSON.parse; autocommit (default)",
    script: 'contenders/platformatic.ts',
  },
  {
    id: OURS_CONTENDER_ID,
    label: 'goodwe-kafka for await',
    work: OURS_FEATURES,
    script: 'contenders/goodwe-kafka.ts',
  },
];
