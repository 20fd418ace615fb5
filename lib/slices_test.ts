import assert from "node:assert/strict";
import { runInSlices, runToEnd, type Slices } from "./slices.ts";

/** Sums 1..n, yielding after every number, and logs what it did. */
function* counting(n: number, log: string[]): Slices<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    log.push(`slice ${i}`);
    yield;
  }
  return sum;
}

Deno.test("slices run to their end at once: 1 + 2 + 3 + 4 = 10", () => {
  const log: string[] = [];
  assert.equal(runToEnd(counting(4, log)), 10);
  assert.equal(log.length, 4);
});

Deno.test("slices hand the loop back between slices once the time budget is spent", async () => {
  const log: string[] = [];
  // A zero budget: a pause after every slice, so a timer set meanwhile runs in between.
  const rests: number[] = [];
  const result = runInSlices(counting(3, log), {
    sliceMs: 0,
    pause: (ranMs) => {
      log.push("pause");
      rests.push(ranMs);
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
  assert.deepEqual(log, ["slice 1", "pause"], "the first pause comes after the first slice");
  assert.equal(await result, 6);
  assert.deepEqual(log, ["slice 1", "pause", "slice 2", "pause", "slice 3", "pause"]);
  // Each pause is told how long the slices before it ran (the default rests that long).
  assert.equal(rests.length, 3);
  assert.ok(rests.every((ms) => ms >= 0));
  // A budget no slice reaches: no pause at all.
  const straight: string[] = [];
  let paused = 0;
  assert.equal(
    await runInSlices(counting(3, straight), {
      sliceMs: 60_000,
      pause: () => Promise.resolve(void paused++),
    }),
    6,
  );
  assert.equal(paused, 0);
});
