import assert from "node:assert/strict";
import type { RecordedSecond } from "@/lib/recording.ts";
import { addSecond, type BatchState, EMPTY_BATCH, flushBatch } from "./batcher.ts";

const second = (t: number): RecordedSecond => ({
  t,
  face: false,
  emotion: null,
  probs: null,
  movement: 0,
  frames: 10,
  line: null,
});

Deno.test("batcher: 60 recorded seconds per document, numbered from 0, then the rest", () => {
  let state: BatchState = EMPTY_BATCH;
  const docs = [];
  for (let t = 0; t < 150; t++) {
    const result = addSecond(state, "s1", second(t));
    state = result.state;
    if (result.document) docs.push(result.document);
  }
  assert.deepEqual(docs.map((d) => [d.seq, d.seconds.length]), [[0, 60], [1, 60]]);
  assert.equal(docs[1].seconds[0].t, 60);
  assert.equal(docs[0].screeningId, "s1");
  assert.equal(state.seconds.length, 30);
  const last = flushBatch(state, "s1");
  assert.deepEqual([last.document?.seq, last.document?.seconds.length], [2, 30]);
  assert.deepEqual(last.state, { nextSeq: 3, seconds: [] });
  // Nothing pending: no document.
  assert.equal(flushBatch(last.state, "s1").document, null);
});

Deno.test("batcher: seconds are counted as recorded, not by playback second (a rewatch)", () => {
  let state: BatchState = EMPTY_BATCH;
  let doc = null;
  for (let i = 0; i < 60; i++) ({ state, document: doc } = addSecond(state, "s", second(i % 10)));
  assert.equal(doc?.seconds.length, 60);
  assert.deepEqual(doc?.seconds.slice(9, 12).map((s) => s.t), [9, 0, 1]);
});

Deno.test("batcher: the state does not change in place (it is kept in IndexedDB)", () => {
  const before: BatchState = { nextSeq: 4, seconds: [second(1)] };
  const copy = structuredClone(before);
  addSecond(before, "s", second(2));
  flushBatch(before, "s");
  assert.deepEqual(before, copy);
});
