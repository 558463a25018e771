import type {
  CommittedOffset,
  ConsumerFault,
  GroupConsumer,
  GroupConsumerHooks,
} from '../../src/kafka/group-consumer.js';
import type { KafkaMessage, Partition, PartitionOffset } from '../../src/kafka/kafka-message.js';

/** One message in a fake partition's log. */
export interface FakeMessage {
  value: string | null;
  timestamp?: number;
  key?: string;
}

interface FakePartition {
  log: (KafkaMessage | undefined)[];
  /** Earliest retained offset. */
  low: number;
  committed: number | undefined;
  /** Metadata of the last commit. */
  metadata: string | undefined;
  /** Like librdkafka's application pause flag: it survives unassign and re-assign. */
  paused: boolean;
  /** Next offset to fetch while assigned. */
  position: number | undefined;
}

const key = (p: Partition): string => `${p.topic}:${p.partition}`;

/** Resolves what a test holds back, when the test says so. */
export class Hold<V = void> {
  readonly promise: Promise<V>;
  release!: (value: V) => void;
  constructor() {
    this.promise = new Promise<V>((resolve) => (this.release = resolve));
  }
}

/**
 * A fake of the group-consumer interface for tests of the consumer core's logic: partition logs
 * in memory, assignment and revocation driven by the test (through the same hooks librdkafka's
 * rebalance callback drives), pause flags that survive a revoke as librdkafka's do, retention
 * that moves the earliest offset, and hooks to hold back or fail any call.
 */
export class FakeGroupConsumer implements GroupConsumer {
  readonly partitions = new Map<string, FakePartition>();
  readonly assigned = new Set<string>();
  hooks!: GroupConsumerHooks;
  /** Every commit request that succeeded, in order. */
  readonly commits: PartitionOffset[][] = [];
  /** Every call of fetch: how many messages it asked for. */
  readonly fetches: number[] = [];
  /** Partitions unassigned through a revoke, in order. */
  readonly unassigned: Partition[] = [];
  failNextCommits = 0;
  /** When set, committed() waits for it. */
  committedHold: Hold | undefined;
  /** When set, offsetsForTimes() waits for it. */
  offsetsForTimesHold: Hold | undefined;
  /** Called at every fetch, before it returns. */
  onFetch: (() => void) | undefined;
  /** Assign every partition with messages at the first fetch after subscribing, as the group would. */
  autoAssign = true;
  #subscribed = false;
  #assignments = 0;
  #connected = false;

  constructor(readonly topic = 'ACME01') {}

  /** Adds messages to a partition's log; returns their offsets. */
  produce(partition: number, messages: readonly FakeMessage[], topic = this.topic): number[] {
    const p = this.#partition({ topic, partition });
    return messages.map((m) => {
      const offset = p.log.length;
      p.log.push({
        topic,
        partition,
        offset,
        value: m.value === null ? null : Buffer.from(m.value),
        timestamp: m.timestamp ?? Date.UTC(2026, 10, 20) + offset * 60_000,
        key: m.key ?? null,
      });
      return offset;
    });
  }

  #partition(p: Partition): FakePartition {
    let found = this.partitions.get(key(p));
    if (!found) {
      found = { log: [], low: 0, committed: undefined, metadata: undefined, paused: false, position: undefined };
      this.partitions.set(key(p), found);
    }
    return found;
  }

  /** Retention deletes everything before `offset`. */
  deleteBefore(p: Partition, offset: number): void {
    const found = this.#partition(p);
    for (let i = found.low; i < offset; i++) found.log[i] = undefined;
    found.low = offset;
  }

  committedOffset(p: Partition): number | undefined {
    return this.#partition(p).committed;
  }

  isPaused(p: Partition): boolean {
    return this.#partition(p).paused;
  }

  /** The group gives these partitions to this member (what librdkafka's rebalance callback does). */
  assign(partitions: Partition[]): void {
    this.#assignments++;
    for (const p of partitions) {
      this.assigned.add(key(p));
      const found = this.#partition(p);
      found.position = found.committed ?? found.low;
    }
    this.hooks.onAssign(partitions);
  }

  /** The group takes these partitions away: commit what the core returns, unassign, tell it. */
  revoke(partitions: Partition[], lost = false): void {
    let commits: PartitionOffset[] = [];
    try {
      commits = this.hooks.onRevoke(partitions, lost);
    } finally {
      if (!lost) this.#store(commits);
      for (const p of partitions) {
        this.assigned.delete(key(p));
        this.unassigned.push(p);
      }
      this.hooks.onRevoked(partitions, lost);
    }
  }

  fault(fault: ConsumerFault): void {
    this.hooks.onFault(fault);
  }

  #store(positions: readonly PartitionOffset[]): void {
    for (const position of positions) {
      const found = this.#partition(position);
      found.committed = Number(position.offset);
      found.metadata = position.metadata;
    }
    if (positions.length > 0) this.commits.push([...positions]);
  }

  connect(): Promise<void> {
    this.#connected = true;
    return Promise.resolve();
  }

  checkTopic(topic: string): Promise<number> {
    return Promise.resolve([...this.partitions.keys()].filter((k) => k.startsWith(`${topic}:`)).length || 1);
  }

  subscribe(): void {
    this.#subscribed = true;
  }

  /** Sets the group's committed offset (and metadata) of a partition, as an earlier run would have. */
  setCommitted(p: Partition, offset: number, metadata?: string): void {
    this.#partition(p).committed = offset;
    this.#partition(p).metadata = metadata;
  }

  /** The metadata committed with a partition's offset. */
  committedMetadata(p: Partition): string | undefined {
    return this.#partition(p).metadata;
  }

  /** The messages of a partition's log in `[from, to)`, as a side reader would read them. */
  readLog(p: Partition, from: number, to: number): KafkaMessage[] {
    const found = this.#partition(p);
    return found.log.slice(Math.max(from, found.low), to).filter((m): m is KafkaMessage => m !== undefined);
  }

  /** Every partition of the topic. */
  allPartitions(topic = this.topic): Partition[] {
    return [...this.partitions.keys()]
      .filter((k) => k.startsWith(`${topic}:`))
      .map((k) => ({ topic, partition: Number(k.slice(topic.length + 1)) }));
  }

  async fetch(max: number, waitMs: number): Promise<KafkaMessage[]> {
    if (this.#subscribed && this.autoAssign) {
      this.autoAssign = false;
      this.assign(this.allPartitions());
    }
    this.fetches.push(max);
    this.onFetch?.();
    const out: KafkaMessage[] = [];
    for (const k of this.assigned) {
      const p = this.partitions.get(k)!;
      if (p.paused || p.position === undefined) continue;
      // Out of retention: librdkafka resets to the earliest offset (auto.offset.reset=earliest).
      if (p.position < p.low) p.position = p.low;
      while (out.length < max && p.position < p.log.length) {
        const message = p.log[p.position++];
        if (message) out.push(message);
      }
    }
    // A real fetch waits for data; a short pause keeps an idle loop from spinning.
    if (out.length === 0) await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 5)));
    else await Promise.resolve();
    return out;
  }

  commit(positions: PartitionOffset[]): Promise<void> {
    if (this.failNextCommits > 0) {
      this.failNextCommits--;
      return Promise.reject(
        Object.assign(new Error('Committing offsets failed: coordinator not available'), { code: 'GWK_KAFKA' }),
      );
    }
    this.#store(positions);
    return Promise.resolve();
  }

  /** How many of the next committed() calls fail, as when the group coordinator is away. */
  failNextCommitted = 0;

  async committed(partitions: Partition[]): Promise<CommittedOffset[]> {
    await this.committedHold?.promise;
    if (this.failNextCommitted > 0) {
      this.failNextCommitted--;
      throw Object.assign(new Error('Reading committed offsets failed: coordinator not available'), {
        code: 'GWK_KAFKA',
      });
    }
    return partitions.map((p) => {
      const { committed, metadata } = this.#partition(p);
      return { ...p, offset: committed === undefined ? undefined : String(committed), metadata };
    });
  }

  /** How many of the next watermarks() calls fail, as when the partition leader is away. */
  failNextWatermarks = 0;

  watermarks(p: Partition): Promise<{ low: string; high: string }> {
    if (this.failNextWatermarks > 0) {
      this.failNextWatermarks--;
      return Promise.reject(
        Object.assign(new Error('Reading offsets failed: Local: Timed out'), { code: 'GWK_TIMEOUT' }),
      );
    }
    const found = this.#partition(p);
    return Promise.resolve({ low: String(found.low), high: String(found.log.length) });
  }

  cachedHighWatermark(p: Partition): number | undefined {
    return this.#partition(p).log.length;
  }

  async offsetsForTimes(partitions: Partition[], timeMs: number): Promise<Map<number, string | undefined>> {
    await this.offsetsForTimesHold?.promise;
    const result = new Map<number, string | undefined>();
    for (const p of partitions) {
      const found = this.#partition(p);
      const hit = found.log.find((m) => m !== undefined && (m.timestamp ?? 0) >= timeMs);
      result.set(p.partition, hit ? String(hit.offset) : undefined);
    }
    return result;
  }

  /** How many of the next seeks fail, as librdkafka's seek can when a broker is away. */
  failNextSeeks = 0;
  /** When set, seek() waits for it before it moves the position. */
  seekHold: Hold | undefined;
  /** Every seek asked for, in order. */
  readonly seeks: PartitionOffset[] = [];

  async seek(position: PartitionOffset): Promise<void> {
    this.seeks.push(position);
    const assignments = this.#assignments;
    await this.seekHold?.promise;
    // Assigned again meanwhile: the new assignment's start wins, as librdkafka's op versions make it.
    if (this.#assignments !== assignments) return;
    if (this.failNextSeeks > 0) {
      this.failNextSeeks--;
      throw Object.assign(new Error('Seeking failed: Local: Timed out'), { code: 'GWK_TIMEOUT' });
    }
    this.#partition(position).position = Number(position.offset);
  }

  /** Moves a partition's fetch position without telling the consumer, as a client reset would. */
  setPosition(p: Partition, offset: number): void {
    this.#partition(p).position = offset;
  }

  pause(partitions: Partition[]): void {
    for (const p of partitions) this.#partition(p).paused = true;
  }

  resume(partitions: Partition[]): void {
    for (const p of partitions) this.#partition(p).paused = false;
  }

  probe(): Promise<void> {
    return Promise.resolve();
  }

  isConnected(): boolean {
    return this.#connected;
  }

  statistics(): undefined {
    return undefined;
  }

  disconnect(): Promise<void> {
    if (this.#connected && this.assigned.size > 0) {
      this.revoke([...this.assigned].map((k) => ({ topic: k.split(':')[0]!, partition: Number(k.split(':')[1]) })));
    }
    this.#connected = false;
    return Promise.resolve();
  }
}
