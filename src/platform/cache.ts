/**
 * A small in-process cache with a time to live. Used for reference data (groups,
 * categories) and queue counts: several app processes each keep their own, so a change
 * made elsewhere shows after at most the TTL; a change made here clears it at once.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    const t = this.now();
    if (hit && hit.until > t) return hit.value;
    const value = load();
    this.entries.set(key, { value, until: t + this.ttlMs });
    // a failed load is not kept
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One cache per owner (a DataSource): tests with several databases do not share entries. */
export function cacheFor<O extends object, V>(registry: WeakMap<O, TtlCache<V>>, owner: O, ttlMs: number): TtlCache<V> {
  let c = registry.get(owner);
  if (!c) {
    c = new TtlCache<V>(ttlMs);
    registry.set(owner, c);
  }
  return c;
}
