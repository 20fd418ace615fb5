/** The rating's interval and provisional flag: arithmetic by hand, then properties. */
import assert from "node:assert/strict";
import type { RecordedSecond } from "@/lib/recording.ts";
import { blockSecFor, isProvisional, PROVISIONAL_BELOW_SEC, summarizeViewing } from "./mod.ts";
import { viewing, workedExample } from "@/lib/demo/hand_made.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { seededRandom } from "@/lib/random.ts";
import { scorePrepared } from "./contribution.ts";
import { prepare } from "./prepare.ts";
import { clampScore } from "./rules.ts";

const width = (seconds: RecordedSecond[]) => {
  const { interval } = summarizeViewing(seconds);
  return interval.high - interval.low;
};

Deno.test("blocks are a minute from 12 minutes to an hour, at least 10 s below, whole minutes above", () => {
  assert.equal(blockSecFor(24), 10); // 24 / 12 = 2, raised to the 10-second floor
  assert.equal(blockSecFor(600), 50); // 10 minutes: 600 / 12 = 50 s, so 12 blocks
  assert.equal(blockSecFor(720), 60); // 12 minutes: 12 blocks of a minute
  assert.equal(blockSecFor(3600), 60); // an hour: 60 blocks of a minute
  assert.equal(blockSecFor(3601), 120); // just over: 2-minute blocks, 31 of them
  assert.equal(blockSecFor(10800), 180); // 3 hours: 60 blocks of 3 minutes
});

Deno.test("a viewing in one state has no spread: neutral and still for 20 minutes is 65 (65–65)", () => {
  const summary = summarizeViewing(viewing([{ emotion: "neutral", count: 1200, movement: 0.1 }]));
  assert.equal(summary.rating, 65);
  assert.deepEqual(summary.interval, { low: 65, high: 65 });
  assert.equal(summary.provisional, false);
});

Deno.test("40 minutes alternating a happy and a neutral minute: 72.5, ± 1.645 × 15 × √(0.25 / 40) ≈ ± 1.95", () => {
  // Each minute is one sustained run: 60 × 30 points (happy) or 60 × 15 (neutral). A resample
  // draws 40 minutes; with a share h of happy ones it rates 50 + 15 + 15h. h has standard
  // deviation √(0.5 × 0.5 / 40) = 0.079, so the rating 15 × 0.079 = 1.19, and the middle 90 %
  // is 72.5 ± 1.95: about 70.5 to 74.5 (the bootstrap's draws and its 0.375-point steps allow
  // half a point either way).
  const runs = Array.from({ length: 40 }, (_, k) => ({
    emotion: k % 2 === 0 ? "happy" as const : "neutral" as const,
    count: 60,
    movement: 0.1,
  }));
  const summary = summarizeViewing(viewing(runs));
  assert.equal(summary.rating, 72.5);
  assert.ok(Math.abs(summary.interval.low - 70.55) <= 0.5, `low ${summary.interval.low}`);
  assert.ok(Math.abs(summary.interval.high - 74.45) <= 0.5, `high ${summary.interval.high}`);
});

Deno.test("the same seconds always give the same interval", () => {
  const seconds = syntheticViewing({ seconds: 2000, seed: 8, lookAway: 0.01 });
  assert.deepEqual(summarizeViewing(seconds).interval, summarizeViewing(seconds).interval);
});

Deno.test("property: what the bootstrap resamples (contribution, counted) gives back the rating exactly", () => {
  // `Scored.counted` is the one record of which seconds are in the mean: a rule that leaves
  // seconds out of it must clear them there, or intervals and peaks would drift from the rating.
  const random = seededRandom(13);
  for (let trial = 0; trial < 100; trial++) {
    const seconds = syntheticViewing({
      seconds: 1 + Math.floor(random() * 3000),
      seed: 900 + trial,
      lookAway: random() * 0.08,
    });
    const scored = scorePrepared(prepare(seconds));
    let sum = 0;
    let counted = 0;
    for (let i = 0; i < seconds.length; i++) {
      sum += scored.contribution[i];
      counted += scored.counted[i];
    }
    assert.equal(counted, scored.countedSec);
    const rebuilt = counted > 0 ? clampScore(50 + sum / counted) : 50;
    assert.ok(Math.abs(rebuilt - scored.score) < 1e-9, `${rebuilt} vs ${scored.score}`);
  }
});

Deno.test("property: the interval holds the rating and lies within 0–100, one decimal", () => {
  const random = seededRandom(11);
  for (let trial = 0; trial < 150; trial++) {
    const seconds = syntheticViewing({
      seconds: 1 + Math.floor(random() * 4000),
      seed: trial,
      lookAway: random() * 0.05,
    });
    const { rating, interval } = summarizeViewing(seconds);
    assert.ok(
      interval.low <= rating && rating <= interval.high,
      `${trial}: ${JSON.stringify(interval)} ${rating}`,
    );
    assert.ok(interval.low >= 0 && interval.high <= 100);
    for (const bound of [interval.low, interval.high]) {
      assert.equal(Math.round(bound * 10) / 10, bound);
    }
  }
});

Deno.test("property: the same minutes four times over halve the interval (√4 = 2)", () => {
  let ratios = 0;
  for (let seed = 1; seed <= 20; seed++) {
    // 15 minutes (15 one-minute blocks) against the same 15 minutes four times (60 blocks).
    const once = syntheticViewing({ seconds: 900, seed, lookAway: 0.01 });
    const fourTimes = [0, 1, 2, 3].flatMap((k) => once.map((s) => ({ ...s, t: s.t + k * 900 })));
    const ratio = width(fourTimes) / width(once);
    assert.ok(ratio < 0.75, `seed ${seed}: width ratio ${ratio}`);
    ratios += ratio / 20;
  }
  assert.ok(ratios > 0.4 && ratios < 0.6, `mean ratio ${ratios}`);
});

Deno.test("property: longer viewings of the same kind have narrower intervals on average", () => {
  let short = 0;
  let long = 0;
  for (let seed = 1; seed <= 20; seed++) {
    short += width(syntheticViewing({ seconds: 600, seed, lookAway: 0.01 })) / 20;
    long += width(syntheticViewing({ seconds: 5400, seed: 100 + seed, lookAway: 0.01 })) / 20;
  }
  // 10 minutes against 90: about √9 = 3 times narrower.
  assert.ok(long < short / 2, `10 min ${short.toFixed(2)}, 90 min ${long.toFixed(2)}`);
});

Deno.test("provisional below 5 minutes with a face: 299 face seconds among 1,299 are, 300 are not", () => {
  assert.equal(PROVISIONAL_BELOW_SEC, 300);
  const withFaces = (faces: number) =>
    summarizeViewing(viewing([
      { emotion: "happy", count: faces, movement: 0.1 },
      { emotion: null, count: 1000 },
    ]));
  assert.equal(withFaces(299).provisional, true);
  assert.equal(withFaces(300).provisional, false);
  assert.equal(isProvisional(0), true);
  // A 4-minute viewing with a face throughout is a first impression, however clear.
  assert.equal(summarizeViewing(viewing([{ emotion: "happy", count: 240 }])).provisional, true);
});

Deno.test("property: provisional exactly when fewer than 300 seconds had a face", () => {
  const random = seededRandom(12);
  for (let trial = 0; trial < 60; trial++) {
    const seconds = syntheticViewing({
      seconds: 100 + Math.floor(random() * 500),
      seed: 500 + trial,
      lookAway: random() * 0.1,
    });
    const summary = summarizeViewing(seconds);
    assert.equal(summary.provisional, summary.faceSec < 300, `faceSec ${summary.faceSec}`);
  }
});

Deno.test("an empty viewing rates 50, with the point interval 50–50, and is provisional", () => {
  const summary = summarizeViewing([]);
  assert.equal(summary.rating, 50);
  assert.deepEqual(summary.interval, { low: 50, high: 50 });
  assert.equal(summary.provisional, true);
});

Deno.test("worked example of docs/rating.md, continued: 57.9 (49.7 to 67.7), provisional", () => {
  // Three 10-second blocks: 170 over 8 counted seconds, −10 over 10, 12.8 over 4. Of the 27
  // equally likely draws of three blocks, the 5th percentile is the second lowest, the middle
  // block twice and the last once: 50 + (−10 − 10 + 12.8) / 24 = 49.7; the 95th the second
  // highest, the first twice and the last once: 50 + (170 + 170 + 12.8) / 20 = 67.64 → 67.7.
  const summary = summarizeViewing(workedExample());
  assert.equal(summary.rating, 57.9);
  assert.deepEqual(summary.interval, { low: 49.7, high: 67.7 });
  assert.equal(summary.provisional, true);
  assert.equal(summary.peakScore, 57.9);
  assert.equal(summary.endScore, 57.9);
});
