/**
 * A small per-process cache whose entries expire `ttlMs` after they were stored, bounded to
 * `maxEntries` (the oldest entry goes first). Only for reads whose staleness a caller tolerates or
 * re-checks.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached value, or the one `load` returns (then cached). A load that throws caches nothing. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.value;
    const value = await load();
    if (this.ttlMs > 0) {
      this.entries.delete(key);
      this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
