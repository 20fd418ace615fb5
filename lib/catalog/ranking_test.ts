import assert from "node:assert/strict";
import { MIN_VOTES_WEIGHT, weightedRating } from "./ranking.ts";

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

Deno.test("the weighted rating is IMDb's Bayesian estimate between R and C", () => {
  const C = 6.9;
  assert.equal(MIN_VOTES_WEIGHT, 25_000);
  assert.equal(weightedRating(9.5, 0, C), C, "no votes: the catalog mean");
  assert.ok(close(weightedRating(9.0, MIN_VOTES_WEIGHT, C), (9.0 + C) / 2), "m votes: halfway");
  assert.ok(close(weightedRating(8.0, 75_000, C), 0.75 * 8.0 + 0.25 * C));
  assert.ok(Math.abs(weightedRating(8.6, 2_000_000, C) - 8.6) < 0.03, "many votes: about R");
  // A 9.6 from 40 votes ranks below an 8.0 from 500,000.
  assert.ok(weightedRating(9.6, 40, C) < weightedRating(8.0, 500_000, C));
  // More votes move a rating away from C, toward its own value.
  let previous = C;
  for (const votes of [10, 1_000, 10_000, 100_000, 1_000_000]) {
    const wr = weightedRating(8.5, votes, C);
    assert.ok(wr > previous && wr < 8.5, `${votes}`);
    previous = wr;
  }
  assert.ok(close(weightedRating(5, 100, C, 100), (5 + C) / 2), "m is a parameter");
});
