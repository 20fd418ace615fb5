/** The favourite section, moments, streaks, volatility and the other insights. */
import assert from "node:assert/strict";
import { findMoments, streaksOf, summarizeViewing, volatilityOf } from "./mod.ts";
import { EXPRESSIONS } from "@/lib/recording.ts";
import { second, viewing } from "@/lib/demo/hand_made.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { kthSmallest } from "./insights.ts";
import { seededRandom } from "@/lib/random.ts";

Deno.test("favourite: on equal sections the earliest wins, and moments do not overlap", () => {
  // 60 s of neutral still: every full section sums 20 × 15 = 300.
  const summary = summarizeViewing(viewing([{ emotion: "neutral", count: 60 }]));
  assert.deepEqual(summary.favourite, { start: 0, end: 20, contribution: 300, lines: [] });
  assert.deepEqual(summary.moments.map((m) => [m.start, m.end, m.contribution]), [
    [20, 40, 300],
    [40, 60, 300],
  ]);
});

Deno.test("favourite: the section with the highest sum, then the next two that do not overlap it", () => {
  // Neutral still (15 a second) with a happy stretch at 50–59 (sustained: 30 a second) and a
  // smaller one at 100–105 (6 s: 30 a second).
  const seconds = viewing([
    { emotion: "neutral", count: 50 },
    { emotion: "happy", count: 10, line: "Ha!" },
    { emotion: "neutral", count: 40 },
    { emotion: "happy", count: 6 },
    { emotion: "neutral", count: 34 },
  ]);
  const summary = summarizeViewing(seconds);
  // Any section holding all of 50–59: 10 × 30 + 10 × 15 = 450; the earliest starts at 40.
  assert.deepEqual(summary.favourite, { start: 40, end: 60, contribution: 450, lines: ["Ha!"] });
  // Next: a section holding 100–105 without touching 40–59: 6 × 30 + 14 × 15 = 390, earliest
  // start 86. What is left is plain neutral, 20 × 15 = 300, the earliest being 0–19.
  assert.deepEqual(summary.moments.map((m) => [m.start, m.end, m.contribution]), [
    [86, 106, 390],
    [0, 20, 300],
  ]);
  const all = [summary.favourite!, ...summary.moments];
  for (const a of all) {
    for (const b of all) if (a !== b) assert.ok(a.end <= b.start || b.end <= a.start);
  }
});

Deno.test("favourite: a viewing shorter than 20 seconds is one section", () => {
  const summary = summarizeViewing(viewing([
    { emotion: "happy", count: 8, line: "Run!", t: 300 },
  ]));
  // 8 s happy still, sustained: 8 × 30 = 240.
  assert.deepEqual(summary.favourite, { start: 300, end: 308, contribution: 240, lines: ["Run!"] });
  assert.deepEqual(summary.moments, []);
});

Deno.test("favourite: playback gaps count nothing and a section ends at its last watched second", () => {
  // Watched 0–9, skipped 10–14, watched 15–24, all happy still. The section starting at 0
  // holds 0–9 and 15–19 (15 s); the one starting at 5 holds 5–9 and 15–24 (15 s): a tie,
  // so 0 wins, and it ends after second 19.
  const seconds = [
    ...viewing([{ emotion: "happy", count: 10 }]),
    ...viewing([{ emotion: "happy", count: 10, t: 15 }]),
  ];
  const summary = summarizeViewing(seconds);
  assert.deepEqual(summary.favourite, { start: 0, end: 20, contribution: 450, lines: [] });
  // After a seek far ahead the section is cut at the last watched second.
  const seek = [
    ...viewing([{ emotion: "happy", count: 6 }]),
    ...viewing([{ emotion: "neutral", count: 5, t: 900 }]),
  ];
  assert.deepEqual(
    [summarizeViewing(seek).favourite!.start, summarizeViewing(seek).favourite!.end],
    [0, 6],
  );
});

Deno.test("favourite: playback time, not recording order; a rewatched second counts once", () => {
  // Recorded 30–59 first, then 0–29 (the viewer started in the middle, then went back);
  // then rewatched 40–49 laughing. Playback 40–49 keeps its first recording (neutral).
  const seconds = [
    ...viewing([{ emotion: "neutral", count: 30, t: 30 }]),
    ...viewing([{ emotion: "neutral", count: 10, t: 0 }]),
    ...viewing([{ emotion: "surprise", count: 5, t: 10, line: "Look out!" }]),
    ...viewing([{ emotion: "neutral", count: 15, t: 15 }]),
    ...viewing([{ emotion: "happy", count: 10, t: 40 }]),
  ];
  const summary = summarizeViewing(seconds);
  assert.equal(summary.recordedSec, 70);
  // Surprise 10–14 (sustained: 25 a second) in neutral (15): best section holds 10–14:
  // 5 × 25 + 15 × 15 = 350, earliest start 0.
  assert.deepEqual(summary.favourite, {
    start: 0,
    end: 20,
    contribution: 350,
    lines: ["Look out!"],
  });
  // The rating counts every recorded second, the rewatch too, in recording order: neutral 40 s
  // (30–59 then 0–9, one run), surprise 5, neutral 15, happy 10, all sustained:
  // (40 × 15 + 5 × 25 + 15 × 15 + 10 × 30) / 70 = 1250 / 70 = 17.857 → 67.9.
  assert.equal(summary.rating, 67.9);
});

Deno.test("favourite: none when no section has a positive sum", () => {
  const summary = summarizeViewing(viewing([{ emotion: null, count: 90 }]));
  assert.equal(summary.favourite, null);
  assert.deepEqual(summary.moments, []);
  assert.equal(summary.distractedSec, 90);
  assert.equal(summary.rating, 10);
});

Deno.test("findMoments: one sliding pass agrees with summing every section directly", () => {
  const t = [0, 1, 2, 5, 6, 7, 8, 30, 31, 32, 33, 34, 50, 51, 52, 60, 61, 62, 63, 64, 65, 66];
  const value = t.map((x) => ((x * 7919) % 23) - 8);
  const [best] = findMoments(t, value, 1, 5);
  let expected = { start: 0, sum: -Infinity };
  for (const start of t) {
    const sum = t.reduce((s, x, k) => x >= start && x < start + 5 ? s + value[k] : s, 0);
    if (sum > expected.sum) expected = { start, sum };
  }
  assert.equal(best.start, expected.start);
  assert.equal(best.sum, expected.sum);
});

Deno.test("streaks: runs of one label, broken by another label or by a missing face", () => {
  const seconds = viewing([
    { emotion: "happy", count: 3 },
    { emotion: "neutral", count: 2 },
    { emotion: null, count: 1 },
    { emotion: "neutral", count: 4 },
    { emotion: "sad", count: 1 },
  ]);
  assert.deepEqual(streaksOf(seconds), [
    { label: "happy", seconds: 3, start: 0 },
    { label: "neutral", seconds: 2, start: 3 },
    { label: "neutral", seconds: 4, start: 6 },
    { label: "sad", seconds: 1, start: 10 },
  ]);
  // Switches: happy→neutral and neutral→sad; the gap between the neutral runs is no switch.
  // 2 switches over 10 face seconds = 12 a minute; mean streak 10 / 4 = 2.5; the longest is
  // the 4-second neutral one.
  assert.deepEqual(volatilityOf(seconds), {
    switchesPerMinute: 12,
    longestStreak: { label: "neutral", seconds: 4, start: 6 },
    meanStreakSec: 2.5,
  });
});

Deno.test("volatility: the earliest of equally long streaks, and calm versus jittery viewings", () => {
  const tie = viewing([{ emotion: "fear", count: 3 }, { emotion: "sad", count: 3 }]);
  assert.deepEqual(volatilityOf(tie).longestStreak, { label: "fear", seconds: 3, start: 0 });
  const calm = volatilityOf(viewing([{ emotion: "neutral", count: 120 }]));
  assert.equal(calm.switchesPerMinute, 0);
  const jittery = volatilityOf(
    Array.from({ length: 120 }, (_, t) => second(t, t % 2 ? "happy" : "neutral")),
  );
  // 119 switches over 2 minutes.
  assert.equal(jittery.switchesPerMinute, 59.5);
  assert.equal(jittery.meanStreakSec, 1);
});

Deno.test("predominant and movement: shares of face seconds and percentiles", () => {
  const seconds = viewing([
    { emotion: "neutral", count: 15, movement: 0.1 },
    { emotion: "happy", count: 4, movement: 1.2 },
    { emotion: null, count: 30 },
    { emotion: "angry", count: 1, movement: 0.4 },
  ]);
  const summary = summarizeViewing(seconds);
  assert.equal(summary.faceSec, 20);
  assert.equal(summary.predominant.top, "neutral");
  assert.deepEqual(summary.predominant.shares.map((s) => s.label), [...EXPRESSIONS]);
  assert.deepEqual(summary.predominant.shares.map((s) => s.share), [0.05, 0, 0, 0.2, 0, 0, 0.75]);
  // p95 of 20 values by nearest rank is the 19th smallest: 1.2.
  assert.deepEqual(summary.movement, {
    mean: 0.335, // (15 × 0.1 + 4 × 1.2 + 0.4) / 20
    p95: 1.2,
    max: 1.2,
    seconds: { still: 15, moderate: 1, large: 4 },
  });
});

Deno.test("kthSmallest agrees with sorting, ties and all, at every rank", () => {
  const random = seededRandom(41);
  for (let trial = 0; trial < 500; trial++) {
    const n = 1 + Math.floor(random() * 120);
    // Many ties (whole numbers) among distinct values, as recorded movements have.
    const values = Float64Array.from(
      { length: n },
      () => random() < 0.4 ? Math.floor(random() * 3) : random() * 3,
    );
    const sorted = Float64Array.from(values).sort();
    const k = Math.floor(random() * n);
    assert.equal(kthSmallest(Float64Array.from(values), k), sorted[k], `trial ${trial}, k ${k}`);
  }
});

Deno.test("bad seconds: a face without a label counts as no face, bad movement as still", () => {
  const seconds = viewing([{ emotion: "neutral", count: 10 }]);
  seconds[3] = { ...seconds[3], emotion: null };
  seconds[4] = { ...seconds[4], movement: NaN };
  seconds[5] = { ...seconds[5], movement: -2 };
  const summary = summarizeViewing(seconds);
  assert.equal(summary.faceSec, 9);
  assert.equal(summary.movement.seconds.still, 9);
  // Runs: 3 neutral (unsustained, 3 × 12), a 1-second gap (not counted), 6 neutral
  // (sustained, 6 × 15): (36 + 90) / 9 = 14 → 64.
  assert.equal(summary.rating, 64);
});

Deno.test("a summary survives JSON unchanged, even for a long, messy viewing", () => {
  const seconds = syntheticViewing({ seconds: 3000, seed: 9, lookAway: 0.02, seek: 0.01 });
  const summary = summarizeViewing(seconds);
  assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
  assert.equal(summary.perSecond.length, 3000);
  assert.ok(summary.favourite !== null && summary.moments.length === 2);
});

Deno.test("favourite: two cues sharing a second are quoted once each, whole, in order", () => {
  // Second 52 held both cues ("A / B"): before, the favourite quoted "Ha!", "Ha! / Stop it.",
  // then "Stop it.".
  const seconds = viewing([
    { emotion: "neutral", count: 50 },
    { emotion: "happy", count: 2, line: "Ha!" },
    { emotion: "happy", count: 1, line: "Ha! / Stop it." },
    { emotion: "happy", count: 7, line: "Stop it." },
    { emotion: "neutral", count: 40 },
  ]);
  assert.deepEqual(summarizeViewing(seconds).favourite?.lines, ["Ha!", "Stop it."]);
});
