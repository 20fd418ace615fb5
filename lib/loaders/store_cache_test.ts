import assert from "node:assert/strict";
import { openMemoryStore } from "@/lib/store/open.ts";
import { storeCache } from "./store_cache.ts";

Deno.test("a store cache answers for the same version only, per store, bounded", () => {
  const cache = storeCache<number>(2);
  const a = openMemoryStore();
  const b = openMemoryStore();
  cache.set(a, "x", "v1", 1);
  assert.equal(cache.get(a, "x", "v1"), 1);
  assert.equal(cache.get(a, "x", "v2"), undefined); // the data changed
  assert.equal(cache.get(b, "x", "v1"), undefined); // another store
  cache.set(a, "y", "v1", 2);
  cache.set(a, "z", "v1", 3); // past the limit: "x", the oldest, goes
  assert.equal(cache.get(a, "x", "v1"), undefined);
  assert.equal(cache.get(a, "z", "v1"), 3);
});
