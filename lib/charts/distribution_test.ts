import assert from "node:assert/strict";
import { distributionLayout, type DotsLayout, type HistogramLayout } from "./distribution.ts";

const bins = (entries: Record<number, number>) =>
  Array.from({ length: 10 }, (_, k) => entries[k] ?? 0);

Deno.test("two viewings are two dots, not a histogram of empty bins", () => {
  const layout = distributionLayout(bins({ 6: 2 }), [66.1, 65.7]) as DotsLayout;
  assert.equal(layout.kind, "dots");
  // Ascending; 0.4 points apart, so the second goes to its own row.
  assert.deepEqual(layout.dots, [
    { rating: 65.7, x: 0.657, row: 0 },
    { rating: 66.1, x: 0.661, row: 1 },
  ]);
  assert.equal(layout.rows, 2);
  // Far apart: one row.
  const apart = distributionLayout(bins({ 4: 1, 7: 1 }), [45, 72]) as DotsLayout;
  assert.deepEqual(apart.dots.map((d) => d.row), [0, 0]);
});

Deno.test("from five viewings, a histogram with whole-number ticks and no bar below zero", () => {
  const layout = distributionLayout(bins({ 5: 1, 6: 3, 7: 1 }), null) as HistogramLayout;
  assert.equal(layout.kind, "histogram");
  assert.deepEqual(layout.ticks, [0, 1, 2, 3]);
  assert.deepEqual(layout.bars.map((b) => b.count), [0, 0, 0, 0, 0, 1, 3, 1, 0, 0]);
  assert.equal(layout.bars[6].height, 1);
  assert.equal(layout.bars[5].height, 1 / 3);
  for (const bar of layout.bars) assert.ok(bar.height >= 0 && bar.height <= 1);
  assert.deepEqual([layout.bars[0].from, layout.bars[9].to], [0, 100]);
});

Deno.test("few viewings whose ratings are not all known fall back to the histogram", () => {
  // Negative or broken counts count as nothing: no bar below zero.
  const layout = distributionLayout([-1, NaN, 0, 0, 0, 0, 1, 0, 0, 0], null) as HistogramLayout;
  assert.equal(layout.kind, "histogram");
  assert.deepEqual(layout.ticks, [0, 1]);
  assert.ok(layout.bars.every((b) => b.height >= 0));
});
