import assert from "node:assert/strict";
import { extremaIndices, MAX_CHART_POINTS } from "./downsample.ts";
import { seededRandom } from "@/lib/random.ts";

function randomSeries(seed: number, length: number): number[] {
  const random = seededRandom(seed);
  let value = 0;
  return Array.from({ length }, () => (value += random() - 0.5));
}

Deno.test("downsampling keeps at most N points, in order, with both endpoints", () => {
  for (
    const [length, max] of [[10_800, 2000], [7201, 2000], [5000, 3], [5000, 2], [2001, 2000], [
      100,
      7,
    ]]
  ) {
    const series = randomSeries(length, length);
    const keep = extremaIndices(length, (i) => series[i], max);
    assert.ok(keep.length <= max, `${keep.length} > ${max} for ${length}`);
    assert.equal(keep[0], 0);
    assert.equal(keep.at(-1), length - 1);
    for (let k = 1; k < keep.length; k++) assert.ok(keep[k] > keep[k - 1], "strictly ascending");
  }
});

Deno.test("downsampling keeps the global extremes, wherever they are", () => {
  for (let seed = 1; seed <= 30; seed++) {
    const series = randomSeries(seed, 10_800);
    // A one-second spike and a one-second dip somewhere in the middle.
    const random = seededRandom(seed * 31);
    const spike = 1 + Math.floor(random() * 10_797);
    const dip = 1 + Math.floor(random() * 10_797);
    series[spike] = 1e6;
    if (dip !== spike) series[dip] = -1e6;
    const kept = extremaIndices(series.length, (i) => series[i]).map((i) => series[i]);
    assert.equal(Math.max(...kept), Math.max(...series));
    assert.equal(Math.min(...kept), Math.min(...series));
  }
});

Deno.test("downsampling keeps every local peak wider than a bucket", () => {
  // Flat with a peak of 12 seconds every 300 seconds: 36 peaks in 3 hours.
  const series = Array.from({ length: 10_800 }, (_, i) => (i % 300 < 12 ? 5 + (i % 7) : 0));
  const keep = extremaIndices(series.length, (i) => series[i], 400);
  for (let start = 0; start < series.length; start += 300) {
    const peak = Math.max(...series.slice(start, start + 12));
    assert.ok(
      keep.some((i) => i >= start && i < start + 12 && series[i] === peak),
      `the peak at ${start} is kept`,
    );
  }
});

Deno.test("a series that fits is returned whole; bad input is refused", () => {
  assert.deepEqual(extremaIndices(5, (i) => i, 5), [0, 1, 2, 3, 4]);
  assert.deepEqual(extremaIndices(0, () => 0), []);
  assert.deepEqual(extremaIndices(1, () => 0), [0]);
  assert.equal(MAX_CHART_POINTS, 2000);
  assert.throws(() => extremaIndices(10, () => 0, 1), RangeError);
  // Non-finite values count as 0 and never break the order.
  const keep = extremaIndices(5000, (i) => (i % 2 ? NaN : i), 100);
  assert.ok(keep.length <= 100);
  assert.equal(keep.at(-1), 4999);
});
