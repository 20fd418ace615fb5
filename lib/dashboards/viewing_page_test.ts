import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { summarizeViewing } from "@/lib/rating/mod.ts";
import { EXPRESSIONS } from "@/lib/recording.ts";
import assert from "node:assert/strict";
import {
  contributionBand,
  EXPRESSION_ROWS,
  scoreRange,
  sectionRating,
  viewingCharts,
  viewingMinutes,
} from "./viewing_page.ts";

const threeHours = syntheticViewing({ seconds: 10_800, seed: 7, seek: 0.002 });
const summary = summarizeViewing(threeHours);

Deno.test("viewing charts: at most 2,000 real seconds a series, each with its own line", () => {
  const charts = viewingCharts(summary, threeHours);
  for (const series of [charts.expression, charts.movement, charts.score]) {
    assert.ok(series.x.length <= 2000 && series.x.length > 1000, `${series.x.length} points`);
    assert.equal(series.x[0], 0);
    assert.equal(series.x.at(-1), threeHours.length - 1);
    series.x.forEach((i, k) => {
      const second = threeHours[i];
      assert.equal(series.t[k], second.t);
      const line = series.line[k] >= 0 ? charts.lines[series.line[k]] : null;
      assert.equal(line, second.line, `the line of point ${k}`);
    });
  }
  assert.equal(new Set(charts.lines).size, charts.lines.length, "lines are listed once");
  const { expression, movement, score } = charts;
  expression.x.forEach((i, k) => {
    assert.equal(EXPRESSION_ROWS[expression.y[k]], threeHours[i].emotion);
    assert.equal(expression.c[k], summary.perSecond[i].contribution);
  });
  // The peaks survive: the largest move, the lowest and highest score, the extreme contributions.
  const allMoves = threeHours.map((s) => s.movement);
  assert.equal(
    Math.max(...movement.y),
    Math.max(...allMoves.map((m) => Math.round(m * 1000) / 1000)),
  );
  const scores = summary.perSecond.map((p) => p.score);
  assert.equal(Math.min(...score.y), Math.min(...scores));
  assert.equal(Math.max(...score.y), Math.max(...scores));
  const contributions = summary.perSecond.map((p) => p.contribution);
  assert.equal(Math.min(...expression.c), Math.min(...contributions));
  assert.equal(Math.max(...expression.c), Math.max(...contributions));
});

Deno.test("viewing charts: a short viewing is drawn whole", () => {
  const seconds = syntheticViewing({ seconds: 300, seed: 3 });
  const charts = viewingCharts(summarizeViewing(seconds), seconds);
  assert.deepEqual(charts.movement.x, seconds.map((_, i) => i));
});

Deno.test("viewing minutes: one row a minute whose contributions add up to the rating", () => {
  const rows = viewingMinutes(summary, threeHours);
  assert.equal(rows.length, 180);
  const total = rows.reduce((sum, row) => sum + row.contribution, 0);
  const expected = 50 + total / summary.countedSec;
  assert.ok(Math.abs(expected - summary.rating) < 0.1, `${expected} vs ${summary.rating}`);
  assert.equal(rows.at(-1)!.score, summary.rating);
  assert.equal(rows.reduce((sum, row) => sum + row.faceSec, 0), summary.faceSec);
  const first = threeHours.slice(0, 60);
  const counts = EXPRESSIONS.map((e) => first.filter((s) => s.emotion === e).length);
  assert.equal(rows[0].top, EXPRESSIONS[counts.indexOf(Math.max(...counts))]);
  assert.equal(
    rows[0].movementMax,
    Math.max(...first.filter((s) => s.face).map((s) => s.movement)),
  );
});

Deno.test("contribution bands and section ratings", () => {
  assert.equal(contributionBand(-40), 0);
  assert.equal(contributionBand(0), 1);
  assert.equal(contributionBand(12), 2);
  assert.equal(contributionBand(29.99), 3);
  assert.equal(contributionBand(50), 4);
  assert.equal(sectionRating({ start: 100, end: 120, contribution: 600 }), 80);
  assert.equal(sectionRating({ start: 0, end: 20, contribution: -2000 }), 0);
  assert.deepEqual(scoreRange([61.2, 68.4]), { min: 55, max: 75, tickAmount: 4 });
  assert.deepEqual(scoreRange([52, 75]), { min: 45, max: 80, tickAmount: 7 });
  assert.deepEqual(scoreRange([40, 75.5]), { min: 30, max: 90, tickAmount: 6 });
  assert.deepEqual(scoreRange([2, 99]), { min: 0, max: 100, tickAmount: 5 });
  assert.deepEqual(scoreRange([]), { min: 0, max: 100, tickAmount: 5 });
  // Ticks fall on whole steps of 5, 10 or 20 points, however wide the range.
  for (let lo = 0; lo <= 95; lo += 7) {
    for (let hi = lo; hi <= 100; hi += 9) {
      const { min, max, tickAmount } = scoreRange([lo, hi]);
      assert.ok(min <= lo && max >= hi && tickAmount >= 1, `${lo}–${hi}`);
      const step = (max - min) / tickAmount;
      assert.ok([5, 10, 20].includes(step) && min % step === 0, `${lo}–${hi}: ${min}–${max}`);
      assert.ok(tickAmount <= 8 && min >= 0 && max <= 100);
    }
  }
});
