/** Property tests of the rating over many seeded random viewings. */
import assert from "node:assert/strict";
import { EXPRESSIONS, type RecordedSecondV1 } from "@/lib/recording.ts";
import { contributions, runningScores, scoreOf, summarizeViewing } from "./mod.ts";
import { second } from "@/lib/demo/hand_made.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { seededRandom } from "@/lib/random.ts";

/** Runs of 1–12 seconds of random states: plenty of short and sustained runs, gaps and spikes. */
function randomViewing(random: () => number, length: number): RecordedSecondV1[] {
  const seconds: RecordedSecondV1[] = [];
  while (seconds.length < length) {
    const emotion = random() < 0.15 ? null : EXPRESSIONS[Math.floor(random() * 7)];
    const run = 1 + Math.floor(random() * 12);
    for (let k = 0; k < run && seconds.length < length; k++) {
      const r = random();
      const movement = r < 0.5
        ? random() * 0.3
        : r < 0.75
        ? 0.3 + random() * 0.7
        : 1 + random() * 3;
      seconds.push(second(seconds.length, emotion, movement, random() < 0.5 ? "a line" : null));
    }
  }
  return seconds;
}

const TRIALS = 400;

Deno.test("property: the rating and every running score stay within 0–100", () => {
  const random = seededRandom(1);
  for (let trial = 0; trial < TRIALS; trial++) {
    const seconds = trial % 4 === 0
      ? syntheticViewing({ seconds: 50 + Math.floor(random() * 400), seed: trial, lookAway: 0.05 })
      : randomViewing(random, 1 + Math.floor(random() * 300));
    // Extreme inputs too: absurd movements and all-no-face stretches.
    if (trial % 5 === 1) { for (const s of seconds) s.movement *= 1e6; }
    const summary = summarizeViewing(seconds);
    assert.ok(summary.rating >= 0 && summary.rating <= 100, `rating ${summary.rating}`);
    for (const score of runningScores(seconds)) assert.ok(score >= 0 && score <= 100);
  }
});

Deno.test("property: the 65 anchor holds for any neutral, still viewing, in any playback order", () => {
  const random = seededRandom(2);
  for (let trial = 0; trial < 100; trial++) {
    const length = 5 + Math.floor(random() * 5000);
    const seconds = Array.from(
      { length },
      () => second(Math.floor(random() * 3000), "neutral", random() * 0.2999),
    );
    assert.equal(scoreOf(seconds), 65);
    assert.equal(summarizeViewing(seconds).rating, 65);
  }
});

Deno.test("property: giving a happy second a movement spike never lowers the score", () => {
  const random = seededRandom(3);
  let neighbourLostBonus = 0;
  for (let trial = 0; trial < TRIALS * 5; trial++) {
    const seconds = randomViewing(random, 2 + Math.floor(random() * 80));
    const i = Math.floor(random() * seconds.length);
    seconds[i] = second(seconds[i].t, "happy", random() * 1.2, seconds[i].line);
    const spiked = seconds.map((s, k) => k === i ? { ...s, movement: 1 + random() * 3 } : s);
    const before = scoreOf(seconds);
    const after = scoreOf(spiked);
    assert.ok(after >= before - 1e-9, `trial ${trial}: ${before} → ${after}`);
    assert.ok(summarizeViewing(spiked).rating >= summarizeViewing(seconds).rating);
    const next = i + 1 < seconds.length ? i + 1 : -1;
    if (next !== -1 && contributions(spiked)[next] < contributions(seconds)[next]) {
      neighbourLostBonus++;
    }
  }
  // The hard case (the next second's spike turns into the middle of a burst) must have occurred.
  assert.ok(neighbourLostBonus > 20, `neighbour lost its bonus ${neighbourLostBonus} times`);
});

Deno.test("property: distraction (five or more seconds without a face) never raises the score", () => {
  const random = seededRandom(4);
  for (let trial = 0; trial < TRIALS * 5; trial++) {
    const seconds = trial % 3 === 0
      ? syntheticViewing({ seconds: 30 + Math.floor(random() * 200), seed: 1000 + trial })
      : randomViewing(random, 5 + Math.floor(random() * 80));
    const from = Math.floor(random() * (seconds.length - 4));
    const to = Math.min(seconds.length, from + 5 + Math.floor(random() * 8));
    const lost = seconds.map((s, k) => k >= from && k < to ? second(s.t, null, 0, s.line) : s);
    const before = scoreOf(seconds);
    const after = scoreOf(lost);
    assert.ok(after <= before + 1e-9, `trial ${trial}: ${before} → ${after}`);
  }
});

Deno.test("property: a gap of fewer than five seconds without a face costs nothing", () => {
  const random = seededRandom(6);
  let checked = 0;
  for (let trial = 0; trial < TRIALS * 5; trial++) {
    const seconds = randomViewing(random, 2 + Math.floor(random() * 80));
    // A glance away between two different expressions. (Inside a run it would split the run,
    // and before a large second it would hide the start of the movement: both are rules of
    // their own.)
    const places = seconds.map((_, at) => at).filter((at) =>
      at > 0 && seconds[at - 1].face && seconds[at].face &&
      seconds[at - 1].emotion !== seconds[at].emotion && seconds[at].movement < 1
    );
    if (places.length === 0) continue;
    const at = places[Math.floor(random() * places.length)];
    const previous = seconds[at - 1];
    const gap = Array.from(
      { length: 1 + Math.floor(random() * 4) },
      () => second(previous.t, null),
    );
    const glanced = [...seconds.slice(0, at), ...gap, ...seconds.slice(at)];
    const before = scoreOf(seconds);
    const after = scoreOf(glanced);
    assert.ok(Math.abs(after - before) < 1e-9, `trial ${trial}: ${before} → ${after}`);
    checked++;
  }
  assert.ok(checked > TRIALS * 4, `only ${checked} trials had a place for a glance`);
});

/** A 3-hour viewing from the minutes of a 20-minute one, nine times over, each time reshuffled. */
function sameMinutesLonger(
  short: RecordedSecondV1[],
  random: () => number,
): RecordedSecondV1[] {
  const minutes: RecordedSecondV1[][] = [];
  for (let k = 0; k < short.length; k += 60) minutes.push(short.slice(k, k + 60));
  const long: RecordedSecondV1[] = [];
  for (let copy = 0; copy < 9; copy++) {
    const order = minutes.map((_, k) => k);
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const k of order) for (const s of minutes[k]) long.push({ ...s, t: long.length });
  }
  return long;
}

Deno.test("property: a 20-minute and a 3-hour viewing of the same make-up score within 0.5", () => {
  const random = seededRandom(5);
  let worst = 0;
  for (let trial = 0; trial < 30; trial++) {
    const short = trial % 2 === 0
      ? syntheticViewing({ seconds: 1200, seed: 500 + trial })
      : randomViewing(random, 1200);
    const long = sameMinutesLonger(short, random);
    assert.equal(long.length, 10800);
    const difference = Math.abs(summarizeViewing(short).rating - summarizeViewing(long).rating);
    worst = Math.max(worst, difference);
    assert.ok(difference <= 0.5, `trial ${trial}: ${difference}`);
    // Repeating the same 20 minutes nine times changes only the joins.
    const repeated = Array.from(
      { length: 9 },
      (_, c) => short.map((s) => ({ ...s, t: s.t + c * 1200 })),
    )
      .flat();
    assert.ok(Math.abs(scoreOf(short) - scoreOf(repeated)) <= 0.5);
  }
  assert.ok(worst > 0, "the shuffles did change something");
});
