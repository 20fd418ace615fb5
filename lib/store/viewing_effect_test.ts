import assert from "node:assert/strict";
import { EXPRESSIONS, type RecordedSecond, secondState } from "@/lib/recording.ts";
import { seededRandom } from "@/lib/random.ts";
import { runInSlices } from "@/lib/slices.ts";
import { sampleMinutes, sampleSeconds, sampleSecondsV2 } from "@/lib/demo/sample.ts";
import { packShare, unpackShare, viewingEffect, viewingEffectSlices } from "./viewing_effect.ts";

/** Finite numbers a client could send, from the smallest to the largest a double holds. */
const EXTREMES = [0, 5e-324, 1e-300, 0.25, 1, 99.999, 100, 1e6, 1e200, 1e308, Number.MAX_VALUE];

/** The path of every number in `value` that is not finite, and every null where none belongs. */
function nonFinite(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  }
  return [];
}

function extremeSeconds(random: () => number, durationSec: number): RecordedSecond[] {
  const length = 1 + Math.floor(random() * 300);
  return Array.from({ length }, () => {
    const face = random() < 0.8;
    const probs = EXPRESSIONS.map(() => EXTREMES[Math.floor(random() * EXTREMES.length)]);
    return {
      t: random() < 0.1 ? durationSec : Math.floor(random() * (durationSec + 1)),
      face,
      emotion: face ? EXPRESSIONS[Math.floor(random() * EXPRESSIONS.length)] : null,
      probs: face ? probs : null,
      movement: face ? EXTREMES[Math.floor(random() * EXTREMES.length)] : 0,
      frames: Math.floor(random() * 241),
      line: random() < 0.3 ? "=1+1" : null,
    };
  });
}

Deno.test("property: what finishing stores holds no NaN, Infinity or null number, whatever the input", () => {
  const random = seededRandom(12);
  for (let trial = 0; trial < 300; trial++) {
    const durationSec = 1 + Math.floor(random() * 43_200);
    const minutes = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      (_, seq) => ({ seq, seconds: extremeSeconds(random, durationSec) }),
    );
    // Two seconds at 1e308 once made the summary's movement mean Infinity, stored as null.
    if (trial === 0) {
      minutes[0].seconds[0] = { ...minutes[0].seconds[0], face: true, emotion: "happy" };
      minutes[0].seconds[0].probs = [0, 0, 0, 1, 0, 0, 0];
      minutes[0].seconds.push({ ...minutes[0].seconds[0], t: 0 });
      minutes[0].seconds[0].movement = minutes[0].seconds.at(-1)!.movement = 1e308;
    }
    const effect = viewingEffect(minutes, durationSec);
    const stored = {
      summary: effect.summary,
      share: effect.stats ? packShare(effect.share) : null,
      stats: effect.stats,
    };
    assert.deepEqual(nonFinite(stored), [], `trial ${trial}`);
    // What the store writes as JSON reads back the same: nothing turned into null.
    assert.deepEqual(JSON.parse(JSON.stringify(stored)), stored, `trial ${trial}`);
  }
});

Deno.test("finishing in slices computes exactly what finishing at once does", async () => {
  const minutes = sampleMinutes(7, 30).map((seconds, seq) => ({ seq, seconds }));
  let pauses = 0;
  const sliced = await runInSlices(viewingEffectSlices(minutes, 1800), {
    sliceMs: 0,
    pause: () => Promise.resolve(void pauses++),
  });
  assert.deepEqual(sliced, viewingEffect(minutes, 1800));
  assert.ok(pauses >= 5, `${pauses} pauses: one between each pass at least`);
});

Deno.test("a viewing recorded in version 2: unknown seconds leave the share, away ones have no face", () => {
  const minutes = [
    { seq: 1, seconds: sampleSecondsV2(2, 60, 60) },
    { seq: 0, seconds: sampleSecondsV2(1, 0, 60) },
  ];
  const effect = viewingEffect(minutes, 120);
  const all = [...minutes[1].seconds, ...minutes[0].seconds];
  const rated = all.filter((s) => secondState(s) !== "unknown");
  assert.ok(rated.length < all.length, "the sample has unknown seconds");
  assert.deepEqual(effect.share.map((s) => s.t), rated.map((s) => s.t));
  for (const [k, s] of effect.share.entries()) {
    assert.equal(s.faces, secondState(rated[k]) === "watching" ? 1 : 0, `t=${s.t}`);
  }
  assert.equal(effect.summary.recordedSec, rated.length);
  assert.equal(effect.stats!.watchSec, all.length, "time watched counts every recorded second");
  assert.equal(effect.stats!.finished, 1, "it recorded the film's last minute");
  assert.deepEqual(unpackShare(packShare(effect.share)), effect.share);
});

Deno.test("a viewing whose minutes are of both versions (resumed after an update) rates as one", () => {
  const effect = viewingEffect([
    { seq: 0, seconds: sampleSeconds(3, 0, 60) },
    { seq: 1, seconds: sampleSecondsV2(4, 60, 60) },
  ], 7200);
  assert.equal(
    effect.share.length,
    120 - sampleSecondsV2(4, 60, 60).filter((s) => s.state === "unknown").length,
  );
  assert.ok(effect.summary.rating >= 0 && effect.summary.rating <= 100);
  assert.equal(effect.stats!.finished, 0);
});
