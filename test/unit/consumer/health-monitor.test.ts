import { describe, expect, it } from 'vitest';
import { HealthMonitor } from '../../../src/consumer/health-monitor.js';
import { silentLogger } from '../../../src/internal/logger.js';

function monitor(lag = 0) {
  let now = 1_000_000;
  const failures: Error[] = [];
  const health = new HealthMonitor({
    clock: { now: () => now },
    logger: silentLogger,
    maxUnavailableMs: 60_000,
    stallTimeoutMs: 10_000,
    brokers: '127.0.0.1:9092',
    probe: () => Promise.resolve(),
    totalLag: () => lag,
    fail: (error) => failures.push(error),
  });
  health.running();
  return { health, failures, advance: (ms: number) => (now += ms) };
}

describe('health monitor', () => {
  it('says stalled when a loop body holds its records longer than stallTimeoutMs, even with no lag', () => {
    const { health, advance } = monitor(0);
    health.delivered();
    advance(10_001);
    health.tick();
    expect(health.state).toBe('stalled');
    health.bodyFinished();
    expect(health.state).toBe('running');
  });

  it('stays running while bodies finish in time and nothing waits', () => {
    const { health, advance } = monitor(0);
    for (let i = 0; i < 5; i++) {
      health.delivered();
      advance(9_000);
      health.bodyFinished();
      health.tick();
    }
    advance(60_000); // idle with no lag: nothing to deliver
    health.tick();
    expect(health.state).toBe('running');
  });

  it('says stalled when records wait and nothing was delivered for stallTimeoutMs', () => {
    const { health, advance } = monitor(5);
    health.delivered();
    health.bodyFinished();
    advance(10_001);
    health.tick();
    expect(health.state).toBe('stalled');
  });

  it('fails the consumer once brokers stay unreachable longer than maxUnavailableMs', () => {
    const { health, failures, advance } = monitor(0);
    health.brokersDown(new Error('all brokers down'));
    advance(59_000);
    health.tick();
    expect(failures).toEqual([]);
    advance(2_000);
    health.tick();
    expect(failures[0]?.message).toContain('maxUnavailableMs');
  });
});
