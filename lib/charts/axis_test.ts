import assert from "node:assert/strict";
import { integerTicks, wholeFilmTicks } from "./axis.ts";

Deno.test("count ticks are whole numbers: one or two viewers read 0, 1, 2 — never 0.5", () => {
  assert.deepEqual(integerTicks(1), [0, 1]);
  assert.deepEqual(integerTicks(2), [0, 1, 2]);
  assert.deepEqual(integerTicks(0), [0, 1]);
  assert.deepEqual(integerTicks(5), [0, 2, 4, 6]);
  assert.deepEqual(integerTicks(7), [0, 2, 4, 6, 8]);
  assert.deepEqual(integerTicks(40), [0, 10, 20, 30, 40]);
  assert.deepEqual(integerTicks(43), [0, 20, 40, 60]);
  for (const max of [1, 3, 9, 17, 250, 999]) {
    const ticks = integerTicks(max);
    assert.ok(ticks.every(Number.isInteger), `${max}: ${ticks}`);
    assert.ok(ticks.at(-1)! >= max && ticks.length <= 5, `${max}: ${ticks}`);
  }
});

Deno.test("time ticks span the whole film in round steps", () => {
  // 14:48: every 5 minutes up to 10:00 (the axis itself ends at 14:48).
  assert.deepEqual(wholeFilmTicks(888), [0, 300, 600]);
  // 1 h 48: every 20 minutes.
  assert.deepEqual(wholeFilmTicks(6480), [0, 1200, 2400, 3600, 4800, 6000]);
  assert.deepEqual(wholeFilmTicks(45), [0, 10, 20, 30, 40]);
  assert.deepEqual(wholeFilmTicks(0), [0]);
});
