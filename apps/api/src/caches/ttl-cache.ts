/**
 * A bounded per-process map whose entries expire, each tagged with the user it is about so
 * every entry of one person can be dropped at once. `epoch` moves on every drop: a reader that
 * took it before reading the database stores its answer only if nothing was dropped meanwhile,
 * so an invalidation that lands during a miss's read is never overwritten by the stale answer.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; tag: string | null; expiresAt: number }>();
  private readonly byTag = new Map<string, Set<string>>();
  private currentEpoch = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get epoch(): number {
    return this.currentEpoch;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= nowMs) {
      this.remove(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` until `nowMs + ttlMs` (or `expiresAt`, if sooner), unless `epoch` is stale. */
  set(
    key: string,
    value: V,
    options: { tag: string | null; epoch: number; nowMs: number; expiresAt?: number },
  ): void {
    if (options.epoch !== this.currentEpoch || this.ttlMs <= 0) return;
    this.remove(key);
    if (this.entries.size >= this.maxEntries) {
      // The oldest insertion goes first (a Map iterates in insertion order).
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.remove(oldest);
    }
    const expiresAt = Math.min(options.nowMs + this.ttlMs, options.expiresAt ?? Infinity);
    this.entries.set(key, { value, tag: options.tag, expiresAt });
    if (options.tag !== null) {
      const keys = this.byTag.get(options.tag) ?? new Set();
      keys.add(key);
      this.byTag.set(options.tag, keys);
    }
  }

  drop(key: string): void {
    this.currentEpoch += 1;
    this.remove(key);
  }

  dropTag(tag: string): void {
    this.currentEpoch += 1;
    for (const key of this.byTag.get(tag) ?? []) this.remove(key);
  }

  clear(): void {
    this.currentEpoch += 1;
    this.entries.clear();
    this.byTag.clear();
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.tag === null) return;
    const keys = this.byTag.get(entry.tag);
    keys?.delete(key);
    if (keys?.size === 0) this.byTag.delete(entry.tag);
  }
}
