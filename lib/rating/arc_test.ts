import assert from "node:assert/strict";
import { summarizeViewing } from "./mod.ts";
import { viewing } from "@/lib/demo/hand_made.ts";

Deno.test("peak is the best minute, end the last five: 10 neutral minutes then a happy one", () => {
  // Neutral and still, sustained: 15 points a second; the happy minute: 30 a second.
  const summary = summarizeViewing(viewing([
    { emotion: "neutral", count: 600, movement: 0.1 },
    { emotion: "happy", count: 60, movement: 0.1 },
  ]));
  assert.equal(summary.peakScore, 80); // 50 + 30
  assert.equal(summary.endScore, 68); // 50 + (240 × 15 + 60 × 30) / 300 = 50 + 18
  assert.equal(summary.rating, 66.4); // 50 + (600 × 15 + 60 × 30) / 660 = 50 + 16.36
});

Deno.test("the end of a viewing that drifted away: two good hours, then 5 minutes looking away", () => {
  const summary = summarizeViewing(viewing([
    { emotion: "happy", count: 7200, movement: 0.1 },
    { emotion: null, count: 300 },
  ]));
  assert.equal(summary.endScore, 10); // the last 300 s are distraction: 50 − 40
  assert.equal(summary.peakScore, 80);
  // 50 + (7200 × 30 − 300 × 40) / 7500 = 50 + 27.2
  assert.equal(summary.rating, 77.2);
});

Deno.test("a viewing shorter than a minute is its own peak and end", () => {
  const summary = summarizeViewing(viewing([
    { emotion: "happy", count: 6, movement: 0.1 },
    { emotion: null, count: 2 },
    { emotion: "neutral", count: 4, movement: 0.1 },
  ]));
  // 6 × 30 + 4 × 12 = 228 over 10 counted seconds (the 2-second gap costs nothing) → 72.8.
  assert.equal(summary.rating, 72.8);
  assert.equal(summary.peakScore, 72.8);
  assert.equal(summary.endScore, 72.8);
});

Deno.test("no minute of glimpses between glances away is half counted: the peak falls back to the rating", () => {
  // 5 minutes of 1 s happy (24 points: 30 / 1.25, not sustained) and 4 s without a face (a
  // short gap, not counted): every minute has 12 counted seconds, under 30.
  const glimpses = Array.from({ length: 60 }, () => [
    { emotion: "happy" as const, count: 1, movement: 0.1 },
    { emotion: null, count: 4 },
  ]).flat();
  const summary = summarizeViewing(viewing(glimpses));
  assert.equal(summary.rating, 74); // 50 + 24
  assert.equal(summary.peakScore, 74);
  assert.equal(summary.endScore, 74);
});
