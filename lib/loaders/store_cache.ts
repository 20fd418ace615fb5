/**
 * What a page derives from stored data, kept in memory per store while the data it came from
 * stays the same: each entry is filed under an id (a film's slug, a viewing's id) with the key
 * of the version it was computed from (e.g. the film's stats), and a different key is a miss.
 * Bounded: past `limit` ids the least recently stored go first.
 */
import type { Store } from "@/lib/store/port.ts";

export interface StoreCache<T> {
  /** The value for `id` computed from version `key`, or undefined. */
  get(store: Store, id: string, key: string): T | undefined;
  set(store: Store, id: string, key: string, value: T): void;
}

/** A cache of at most `limit` ids per store. */
export function storeCache<T>(limit: number): StoreCache<T> {
  const byStore = new WeakMap<Store, Map<string, { key: string; value: T }>>();
  return {
    get(store, id, key) {
      const entry = byStore.get(store)?.get(id);
      return entry?.key === key ? entry.value : undefined;
    },
    set(store, id, key, value) {
      let entries = byStore.get(store);
      if (!entries) byStore.set(store, entries = new Map());
      entries.delete(id);
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(id, { key, value });
    },
  };
}
