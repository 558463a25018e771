type Build = (slots: readonly unknown[]) => Record<string, unknown>;

interface TrieNode {
  readonly next: (TrieNode | undefined)[];
  build: Build | undefined;
}

// Beyond these (hostile or chaotic input) records are built with plain stores, so memory stays
// bounded whatever arrives.
const MAX_SHAPES = 512;
const MAX_NODES = 16_384;

/**
 * Builds plain objects from a slot array: one property per filled slot, in slot order.
 *
 * Adding keys one by one to a fresh object (`out[key] = value`) sends every store through V8's
 * megamorphic path and was the largest cost of decoding. Instead, each distinct set of filled
 * slots (a fleet has a few, one per payload family) gets a builder compiled once that returns an
 * object literal, so records of one family share one hidden class. The set is tracked while the
 * slots are filled: {@link RecordBuilder.add} steps through a trie, one array lookup per field.
 *
 * One instance serves one slot array at a time: `reset()`, `add()` per newly filled slot, `build()`.
 */
export class RecordBuilder {
  readonly #names: readonly string[];
  readonly #root: TrieNode = { next: [], build: undefined };
  readonly #compiled = new Map<string, Build>();
  #nodes = 1;
  #canCompile = true;
  #cursor: TrieNode | undefined = this.#root;

  /** @param names the property name of each slot */
  constructor(names: readonly string[]) {
    this.#names = names;
  }

  /** Starts a new record. */
  reset(): void {
    this.#cursor = this.#root;
  }

  /** Records that slot `index` has just been filled. */
  add(index: number): void {
    const node = this.#cursor;
    if (node === undefined) return; // over the node limit: this record takes the slow path
    let child = node.next[index];
    if (child === undefined && this.#nodes < MAX_NODES) {
      child = node.next[index] = { next: [], build: undefined };
      this.#nodes++;
    }
    this.#cursor = child;
  }

  /** Returns a new object holding the filled (not `undefined`) slots, and clears every slot. */
  build(slots: unknown[]): Record<string, unknown> {
    const node = this.#cursor;
    const build = node?.build ?? this.#slowBuild(node, slots);
    const out = build(slots);
    slots.fill(undefined);
    return out;
  }

  #slowBuild(node: TrieNode | undefined, slots: readonly unknown[]): Build {
    const indexes: number[] = [];
    for (let index = 0; index < slots.length; index++) if (slots[index] !== undefined) indexes.push(index);
    const key = indexes.join(',');
    let build = this.#compiled.get(key) ?? this.#compile(key, indexes);
    if (build === undefined) {
      const names = this.#names;
      build = (values) => {
        const out: Record<string, unknown> = {};
        for (const index of indexes) out[names[index] as string] = values[index];
        return out;
      };
    }
    if (node !== undefined) node.build = build;
    return build;
  }

  #compile(key: string, indexes: readonly number[]): Build | undefined {
    if (!this.#canCompile || this.#compiled.size >= MAX_SHAPES) return undefined;
    const body = indexes.map((index) => `${JSON.stringify(this.#names[index])}: s[${index}]`).join(', ');
    try {
      const build = new Function('s', `return { ${body} };`) as Build;
      this.#compiled.set(key, build);
      return build;
    } catch {
      this.#canCompile = false; // code generation from strings is disabled in this runtime
      return undefined;
    }
  }
}
