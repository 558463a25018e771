import { afterEach, describe, expect, it } from 'vitest';
import type { GroupConsumerHooks } from '../../../src/kafka/group-consumer.js';
import { KafkaGroupConsumer } from '../../../src/kafka/kafka-group-consumer.js';
import { setNativeLoaderForTests, type NativeModule } from '../../../src/kafka/native.js';

// librdkafka's rebalance "error" codes: the callback's way of saying assign or revoke.
const REVOKE = -174;

/** Stands in for the binding's KafkaConsumer: records what the group consumer asks of it. */
class StubNativeConsumer {
  static last: StubNativeConsumer | undefined;
  readonly calls: string[] = [];
  readonly commits: { positions: unknown[]; callback: (error: unknown) => void }[] = [];
  readonly rebalance: (error: { code: number }, assignment: { topic: string; partition: number }[]) => void;

  constructor(config: { rebalance_cb: StubNativeConsumer['rebalance'] }) {
    this.rebalance = config.rebalance_cb;
    StubNativeConsumer.last = this;
  }
  on(): void {}
  setDefaultIsTimeoutOnlyForFirstMessage(): void {}
  rebalanceProtocol(): string {
    return 'COOPERATIVE';
  }
  assignmentLost(): boolean {
    return false;
  }
  commitCb(positions: unknown[], callback: (error: unknown) => void): void {
    this.calls.push('commitCb');
    this.commits.push({ positions, callback });
  }
  commitSync(): void {
    // What a coordinator that does not answer does to a synchronous commit: the call does not return.
    throw new Error('commitSync would block the event loop until the coordinator answers');
  }
  incrementalUnassign(): void {
    this.calls.push('incrementalUnassign');
  }
}

describe('the rebalance callback with a coordinator that does not answer', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('sends the revoked partitions commit asynchronously and releases them at once, never waiting for the answer', () => {
    restore = setNativeLoaderForTests(() => ({ KafkaConsumer: StubNativeConsumer }) as unknown as NativeModule);
    const events: string[] = [];
    const faults: unknown[] = [];
    const hooks: GroupConsumerHooks = {
      onAssign: () => undefined,
      onRevoke: () => [{ topic: 'ACME01', partition: 0, offset: '42' }],
      onRevoked: () => events.push('revoked'),
      onFault: (fault) => faults.push(fault),
    };
    new KafkaGroupConsumer({ 'bootstrap.servers': '127.0.0.1:1', 'group.id': 'g' }, hooks);
    const client = StubNativeConsumer.last!;

    client.rebalance({ code: REVOKE }, [{ topic: 'ACME01', partition: 0 }]);

    // The commit was sent, the partition released and the core told, while the commit is unanswered.
    expect(client.calls).toEqual(['commitCb', 'incrementalUnassign']);
    expect(client.commits[0]?.positions).toEqual([{ topic: 'ACME01', partition: 0, offset: 42 }]);
    expect(events).toEqual(['revoked']);
    expect(faults).toEqual([]);
    // A commit that fails later is reported, not lost in the callback.
    client.commits[0]!.callback(Object.assign(new Error('Broker: Coordinator not available'), { code: 15 }));
    expect(faults).toHaveLength(1);
  });
});
