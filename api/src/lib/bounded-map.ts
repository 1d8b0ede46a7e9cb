/**
 * A Map that keeps at most `capacity` entries: setting a key makes it the newest, and the oldest
 * goes when there are too many. For caches of what an instance has seen (sessions, buckets).
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.capacity) super.delete(this.keys().next().value!);
    return this;
  }
}
