import assert from "node:assert/strict";
import { EXPRESSIONS } from "@/lib/recording.ts";
import {
  contributions,
  MOVEMENT_THRESHOLDS,
  movementCategory,
  NO_FACE_SCORE,
  runningScores,
  scoreOf,
  SPIKE_BONUS,
  STATE_TABLE,
  summarizeViewing,
  SUSTAINED_WEIGHT,
} from "./mod.ts";
import { second, viewing, workedExample } from "@/lib/demo/hand_made.ts";

const MOVEMENT_OF = { still: 0.05, moderate: 0.5, large: 2 } as const;

Deno.test("neutral and still throughout scores exactly 65, at any length of five seconds or more", () => {
  for (const length of [5, 6, 60, 1200, 7321, 10800]) {
    const seconds = viewing([{ emotion: "neutral", count: length, movement: 0.1 }]);
    assert.equal(scoreOf(seconds), 65, `length ${length}`);
    assert.equal(summarizeViewing(seconds).rating, 65);
  }
});

Deno.test("a whole viewing in one state scores its table value", () => {
  for (const emotion of EXPRESSIONS) {
    for (const category of ["still", "moderate", "large"] as const) {
      for (const length of [5, 1200, 10800]) {
        const seconds = viewing([{ emotion, count: length, movement: MOVEMENT_OF[category] }]);
        assert.equal(
          summarizeViewing(seconds).rating,
          STATE_TABLE[emotion][category],
          `${emotion} ${category} ${length}`,
        );
      }
    }
  }
  for (const length of [5, 1200, 10800]) {
    assert.equal(scoreOf(viewing([{ emotion: null, count: length }])), NO_FACE_SCORE);
  }
});

Deno.test("the table keeps the orderings its reasons promise", () => {
  const table = STATE_TABLE;
  assert.equal(table.neutral.still, 65);
  assert.ok(table.neutral.moderate < 65 && table.neutral.large < table.neutral.moderate);
  assert.ok(table.happy.large > table.happy.moderate && table.happy.moderate > table.happy.still);
  for (const emotion of EXPRESSIONS) {
    for (const value of Object.values(table[emotion])) {
      assert.ok(value >= 50 && value <= 100 - SPIKE_BONUS, `${emotion} ${value}`);
      assert.ok(value > NO_FACE_SCORE);
    }
    assert.ok(table[emotion].large <= table.happy.large);
  }
  // The spike bonus may not exceed the smallest step up to happy-large outside a streak:
  // otherwise giving a happy second a spike could cost a neighbour's bonus and lower the score.
  const step = (table.happy.large - table.happy.moderate) / SUSTAINED_WEIGHT;
  assert.ok(SPIKE_BONUS <= step, `${SPIKE_BONUS} <= ${step}`);
});

Deno.test("movement categories have their thresholds at 0.3 and 1 face widths per second", () => {
  assert.deepEqual(MOVEMENT_THRESHOLDS, { moderate: 0.3, large: 1 });
  assert.equal(movementCategory(0), "still");
  assert.equal(movementCategory(0.2999), "still", "a face at rest, measured up to 0.25");
  assert.equal(movementCategory(0.3), "moderate");
  assert.equal(movementCategory(0.999), "moderate");
  assert.equal(movementCategory(1), "large");
  assert.equal(movementCategory(40), "large");
  assert.equal(movementCategory(NaN), "still");
  assert.equal(movementCategory(-3), "still");
});

Deno.test("golden: a sustained smile, then a short neutral stretch", () => {
  // 6 s happy still: a run of ≥ 5, so each counts in full: 80 − 50 = 30 → 6 × 30 = 180.
  // 4 s neutral still: a run of 4 < 5, so each counts (65 − 50) / 1.25 = 12 → 4 × 12 = 48.
  // mean = (180 + 48) / 10 = 22.8 → rating 50 + 22.8 = 72.8.
  const seconds = viewing([
    { emotion: "happy", count: 6 },
    { emotion: "neutral", count: 4 },
  ]);
  assert.deepEqual(contributions(seconds), [30, 30, 30, 30, 30, 30, 12, 12, 12, 12]);
  const summary = summarizeViewing(seconds);
  assert.equal(summary.rating, 72.8);
  assert.equal(summary.sustainedSec, 6);
  // Running scores: after 4 s the happy run is not sustained yet: 50 + 4 × 24 / 4 = 74;
  // after 5 s it is: 50 + 5 × 30 / 5 = 80; after 7 s: 50 + (180 + 12) / 7 = 77.43 → 77.4;
  // after 8 s: 50 + (180 + 24) / 8 = 75.5; after 9 s: 50 + (180 + 36) / 9 = 74.
  assert.deepEqual(summary.perSecond.map((p) => p.score), [
    74,
    74,
    74,
    74,
    80,
    80,
    77.4,
    75.5,
    74,
    72.8,
  ]);
  assert.equal(summary.perSecond.at(-1)!.score, summary.rating);
});

Deno.test("golden: short gaps cost nothing, five seconds without a face cost 40 points each", () => {
  // 10 neutral still: 10 × 15 = 150; 3 no face (a short gap): not counted; 10 neutral still:
  // 150; 6 no face (≥ 5, distraction): 6 × (10 − 50) = −240; 1 neutral still (run of 1): 12.
  // Σ = 150 + 150 − 240 + 12 = 72 over the 27 counted seconds → 50 + 2.667 = 52.7.
  const seconds = viewing([
    { emotion: "neutral", count: 10 },
    { emotion: null, count: 3 },
    { emotion: "neutral", count: 10 },
    { emotion: null, count: 6 },
    { emotion: "neutral", count: 1 },
  ]);
  const summary = summarizeViewing(seconds);
  assert.equal(summary.rating, 52.7);
  assert.equal(summary.distractedSec, 6);
  assert.equal(summary.countedSec, 27);
  assert.deepEqual(contributions(seconds).slice(10, 13), [0, 0, 0]);
  assert.deepEqual(contributions(seconds).slice(23, 29), [-40, -40, -40, -40, -40, -40]);
  // Without the 6-second gap the last second joins the second run (11 s, sustained):
  // (150 + 11 × 15) / 21 = 15 → 65, exactly what 21 neutral seconds without the glance away
  // score: the 3-second gap cost nothing.
  const glance = seconds.filter((_, i) => i < 23 || i === 29);
  assert.equal(scoreOf(glance), 65);
  assert.equal(scoreOf(glance.filter((s) => s.face)), 65);
  // Four seconds are still a glance; the fifth makes it distraction.
  const gap = (length: number) =>
    viewing([{ emotion: "happy", count: 10 }, { emotion: null, count: length }, {
      emotion: "happy",
      count: 10,
    }]);
  assert.equal(scoreOf(gap(4)), 80);
  // (20 × 30 − 5 × 40) / 25 = 16 → 66.
  assert.equal(scoreOf(gap(5)), 66);
  // A viewing that is only a glance has nothing to rate: it stays at the start, 50.
  assert.equal(summarizeViewing(viewing([{ emotion: null, count: 4 }])).rating, 50);
});

Deno.test("golden: a jump with surprise earns the spike bonus, a jump while neutral does not", () => {
  // 5 neutral still: 5 × 15 = 75. 1 surprise large after a still face: a spike,
  // (88 − 50) / 1.25 + 5 = 30.4 + 5 = 35.4. 4 neutral still (run of 4): 4 × 12 = 48.
  // Σ = 75 + 35.4 + 48 = 158.4 over 10 s → 50 + 15.84 = 65.84 → 65.8.
  const jump = viewing([
    { emotion: "neutral", count: 5 },
    { emotion: "surprise", count: 1, movement: 1.6 },
    { emotion: "neutral", count: 4 },
  ]);
  const summary = summarizeViewing(jump);
  assert.equal(summary.rating, 65.8);
  assert.equal(summary.spikes, 1);
  assert.equal(summary.perSecond[5].contribution, 35.4);
  // The same jump while neutral: (52 − 50) / 1.25 = 1.6 and no bonus.
  // Σ = 75 + 1.6 + 48 = 124.6 → 50 + 12.46 = 62.46 → 62.5.
  const fidget = viewing([
    { emotion: "neutral", count: 5 },
    { emotion: "neutral", count: 1, movement: 1.6 },
    { emotion: "neutral", count: 4 },
  ]);
  // Now the ten neutral seconds form one sustained run: 9 × 15 + 2 = 137 → 63.7.
  assert.equal(summarizeViewing(fidget).rating, 63.7);
  assert.equal(summarizeViewing(fidget).spikes, 0);
  // Only the onset of a burst is a spike: three large seconds in a row give one bonus.
  const burst = viewing([
    { emotion: "neutral", count: 5 },
    { emotion: "happy", count: 3, movement: 2 },
  ]);
  assert.equal(summarizeViewing(burst).spikes, 1);
  // A large second right after a second without a face is not a spike (we did not see it start).
  const unseen = [second(0, null), second(1, "happy", 2)];
  assert.equal(summarizeViewing(unseen).spikes, 0);
});

Deno.test("worked example of docs/rating.md", async () => {
  // The viewing and every number below are in docs/rating.md, "A worked example".
  const seconds = workedExample();
  const summary = summarizeViewing(seconds);
  // 90 + (30 + 45 + 5 × 38 + 5) + 6 × (−40) + 3 × 17.6 = 172.8 over the 22 counted seconds
  // (the 2-second gap is left out) → 50 + 7.85 = 57.9.
  assert.equal(summary.rating, 57.9);
  assert.equal(summary.countedSec, 22);
  assert.deepEqual(
    summary.perSecond.map((p) => p.contribution),
    [15, 15, 15, 15, 15, 15, 0, 0, 30, 50, 38, 38, 38, 38, 38, -40, -40, -40, -40, -40, -40]
      .concat([17.6, 17.6, 17.6]),
  );
  assert.equal(summary.perSecond[7].score, 65); // after 8 s: 50 + 90 / 6 (the gap is open)
  assert.deepEqual(summary.favourite, {
    start: 0,
    end: 20,
    contribution: 160, // 90 + 0 + 270 − 5 × 40
    lines: ["Where were you?", "Ha! You fell for it."],
  });
  assert.deepEqual(summary.moments, [{
    start: 21,
    end: 24,
    contribution: 52.8,
    lines: ["Goodbye."],
  }]);
  assert.equal(summary.distractedSec, 6);
  assert.equal(summary.sustainedSec, 13);
  assert.equal(summary.spikes, 1);
  assert.equal(summary.predominant.top, "happy");
  assert.deepEqual(
    summary.predominant.shares.filter((s) => s.share > 0),
    [{ label: "happy", share: 0.4375 }, { label: "sad", share: 0.1875 }, {
      label: "neutral",
      share: 0.375,
    }],
  );
  assert.deepEqual(summary.volatility, {
    switchesPerMinute: 7.5, // 2 switches over 16 face seconds
    longestStreak: { label: "happy", seconds: 7, start: 8 },
    meanStreakSec: 5.33, // 16 / 3
  });
  assert.deepEqual(summary.movement, {
    mean: 0.275, // (6 × 0.05 + 0.1 + 1.5 + 5 × 0.5 + 3 × 0) / 16
    p95: 1.5,
    max: 1.5,
    seconds: { still: 10, moderate: 5, large: 1 },
  });
  const doc = await Deno.readTextFile(new URL("../../docs/rating.md", import.meta.url));
  for (const number of ["172.8", "22 counted", "57.9", "90 / 6", "160", "52.8", "7.5"]) {
    assert.ok(doc.includes(number), `docs/rating.md mentions ${number}`);
  }
});

Deno.test("running score: the last point is the rating, each point is the prefix's score", () => {
  const seconds = viewing([
    { emotion: "neutral", count: 7 },
    { emotion: null, count: 8 },
    { emotion: "fear", count: 4, movement: 0.3 },
    { emotion: "happy", count: 9, movement: 1.2 },
  ]);
  const running = runningScores(seconds);
  for (let k = 1; k <= seconds.length; k++) {
    assert.ok(Math.abs(running[k - 1] - scoreOf(seconds.slice(0, k))) < 1e-9, `prefix ${k}`);
  }
});

Deno.test("an empty viewing scores 50 and has no favourite", () => {
  const summary = summarizeViewing([]);
  assert.equal(summary.rating, 50);
  assert.equal(summary.favourite, null);
  assert.deepEqual(summary.moments, []);
  assert.equal(summary.predominant.top, null);
  assert.equal(summary.volatility.longestStreak, null);
});
