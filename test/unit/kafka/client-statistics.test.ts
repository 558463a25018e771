import { describe, expect, it } from 'vitest';
import { parseClientStatistics } from '../../../src/kafka/client-statistics.js';

// Trimmed from what librdkafka 2.x emits with statistics.interval.ms.
const sample = JSON.stringify({
  name: 'rdkafka#consumer-1',
  type: 'consumer',
  time: 1_795_000_000,
  replyq: 2,
  rxmsgs: 12_345,
  rx_bytes: 6_789_000,
  brokers: {
    '127.0.0.1:39092/1': {
      name: '127.0.0.1:39092/1',
      state: 'UP',
      rtt: { avg: 1500, p99: 4000 },
      connects: 1,
      disconnects: 0,
      req_timeouts: 0,
    },
    GroupCoordinator: { state: 'UP', rtt: { avg: 0 }, connects: 1, disconnects: 1, req_timeouts: 2 },
  },
  topics: {
    ACME01: {
      partitions: {
        '0': { partition: 0, fetchq_cnt: 120, fetch_state: 'active', consumer_lag: 42 },
        '-1': { partition: -1, fetchq_cnt: 0, fetch_state: 'none', consumer_lag: -1 },
        '1': { partition: 1, fetchq_cnt: 0, fetch_state: 'stopped', consumer_lag: -1 },
      },
    },
  },
  cgrp: { state: 'up', join_state: 'steady', rebalance_cnt: 3, assignment_size: 2 },
});

describe('librdkafka statistics', () => {
  it('summarises brokers, partitions and the group, leaving out the internal partition', () => {
    const stats = parseClientStatistics(sample)!;
    expect(stats.at).toEqual(new Date(1_795_000_000_000));
    expect(stats).toMatchObject({ replyQueue: 2, messagesReceived: 12_345, bytesReceived: 6_789_000 });
    expect(stats.brokers).toEqual([
      { name: '127.0.0.1:39092/1', state: 'UP', rttAvgMs: 1.5, connects: 1, disconnects: 0, requestTimeouts: 0 },
      { name: 'GroupCoordinator', state: 'UP', rttAvgMs: undefined, connects: 1, disconnects: 1, requestTimeouts: 2 },
    ]);
    expect(stats.partitions).toEqual([
      { topic: 'ACME01', partition: 0, consumerLag: 42, fetchQueueMessages: 120, fetchState: 'active' },
      { topic: 'ACME01', partition: 1, consumerLag: undefined, fetchQueueMessages: 0, fetchState: 'stopped' },
    ]);
    expect(stats.group).toEqual({ state: 'up', joinState: 'steady', rebalances: 3, assigned: 2 });
  });

  it('gives undefined for what is not JSON, rather than throwing in an event handler', () => {
    expect(parseClientStatistics('not json')).toBeUndefined();
  });
});
