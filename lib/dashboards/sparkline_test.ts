import assert from "node:assert/strict";
import { sparkline } from "./sparkline.ts";

Deno.test("a sparkline spans the box: 0 at the bottom, 100 at the top, the anchor between", () => {
  const line = sparkline([0, 50, 100], { width: 100, height: 40 });
  assert.equal(line.path, "M0 40 L50 20 L100 0");
  assert.equal(line.anchorY, 14, "65 is 26 of 40 up: y = 40 - 26");
  assert.deepEqual([line.min, line.max, line.last], [0, 100, 100]);
});

Deno.test("a long viewing is thinned to evenly spaced points, first and last kept", () => {
  const scores = Array.from({ length: 1001 }, (_, i) => i / 10); // 0 … 100
  const line = sparkline(scores, { width: 200, height: 50, maxPoints: 5 });
  // Points at seconds 0, 250, 500, 750, 1000: scores 0, 25, 50, 75, 100.
  assert.equal(line.path, "M0 50 L50 37.5 L100 25 L150 12.5 L200 0");
  assert.equal(line.last, 100);
});

Deno.test("no score draws nothing; one score is one point", () => {
  assert.equal(sparkline([], { width: 10, height: 10 }).path, "");
  assert.equal(sparkline([65], { width: 10, height: 10 }).path, "M0 3.5");
});
