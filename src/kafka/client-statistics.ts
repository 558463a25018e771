/** One broker connection, from librdkafka's statistics. */
export interface BrokerStatistics {
  /** `host:port/nodeId` as librdkafka names it. */
  name: string;
  /** `UP`, `DOWN`, `CONNECT`, `AUTH`, ... */
  state: string;
  /** Mean round-trip time of requests in the last interval, ms. */
  rttAvgMs: number | undefined;
  /** Connections made, and lost, since the client started. */
  connects: number;
  /** Connections lost since the client started. */
  disconnects: number;
  /** Requests that timed out since the client started. */
  requestTimeouts: number;
}

/** One partition this client fetches, from librdkafka's statistics. */
export interface PartitionClientStatistics {
  /** The topic. */
  topic: string;
  /** The partition number. */
  partition: number;
  /** Messages between the committed offset and the end of the partition, as librdkafka sees it. */
  consumerLag: number | undefined;
  /** Messages prefetched and waiting in librdkafka's queue. */
  fetchQueueMessages: number;
  /** `active`, `stopped`, `offset-query`, ... */
  fetchState: string;
}

/**
 * A summary of librdkafka's own statistics (emitted every `statisticsIntervalMs`): broker
 * connections and latency, prefetch queues and the group's state.
 */
export interface ClientStatistics {
  /** When librdkafka took them. */
  at: Date;
  /** Operations waiting in the client's reply queue. */
  replyQueue: number;
  /** Messages received from brokers since the client started. */
  messagesReceived: number;
  /** Bytes received from brokers since the client started. */
  bytesReceived: number;
  /** Broker connections (the bootstrap ones included). */
  brokers: BrokerStatistics[];
  /** Partitions this client fetches. */
  partitions: PartitionClientStatistics[];
  /** The consumer group, for a group member. */
  group:
    | {
        /** `up`, `wait-coord`, ... */
        state: string;
        /** `steady`, `wait-join`, ... */
        joinState: string;
        /** Rebalances since the client started. */
        rebalances: number;
        /** Partitions assigned now. */
        assigned: number;
      }
    | undefined;
}

type Json = Record<string, unknown>;
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const entries = (value: unknown): [string, Json][] =>
  typeof value === 'object' && value !== null ? (Object.entries(value) as [string, Json][]) : [];

/** Reads librdkafka's statistics JSON (`statistics.interval.ms`) into a summary; `undefined` if it is not JSON. */
export function parseClientStatistics(json: string): ClientStatistics | undefined {
  let raw: Json;
  try {
    raw = JSON.parse(json) as Json;
  } catch {
    return undefined;
  }
  const partitions: PartitionClientStatistics[] = [];
  for (const [topic, t] of entries(raw['topics'])) {
    for (const [, p] of entries(t['partitions'])) {
      const partition = num(p['partition']);
      if (partition < 0) continue; // librdkafka's internal "unassigned" partition
      const lag = p['consumer_lag'];
      partitions.push({
        topic,
        partition,
        consumerLag: typeof lag === 'number' && lag >= 0 ? lag : undefined,
        fetchQueueMessages: num(p['fetchq_cnt']),
        fetchState: text(p['fetch_state']),
      });
    }
  }
  const cgrp = raw['cgrp'] as Json | undefined;
  return {
    at: new Date(num(raw['time']) * 1000),
    replyQueue: num(raw['replyq']),
    messagesReceived: num(raw['rxmsgs']),
    bytesReceived: num(raw['rx_bytes']),
    brokers: entries(raw['brokers']).map(([name, b]) => {
      const rtt = (b['rtt'] as Json | undefined)?.['avg'];
      return {
        name,
        state: text(b['state']),
        rttAvgMs: typeof rtt === 'number' && rtt > 0 ? rtt / 1000 : undefined,
        connects: num(b['connects']),
        disconnects: num(b['disconnects']),
        requestTimeouts: num(b['req_timeouts']),
      };
    }),
    partitions,
    group: cgrp
      ? {
          state: text(cgrp['state']),
          joinState: text(cgrp['join_state']),
          rebalances: num(cgrp['rebalance_cnt']),
          assigned: num(cgrp['assignment_size']),
        }
      : undefined,
  };
}
