import assert from "node:assert/strict";
import { audienceShare, scoreOf, summarizeViewing } from "./mod.ts";
import { viewing } from "@/lib/demo/hand_made.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import type {
  Expression,
  RecordedSecond,
  RecordedSecondV1,
  RecordedSecondV2,
  SecondState,
} from "@/lib/recording.ts";

const QUALITY = { faceSize: 120, score: 0.95, brightness: 120, contrast: 40 };

/** A version-1 second as the version-2 browser would record it, in `state`. */
function asV2(s: RecordedSecondV1, state?: SecondState): RecordedSecondV2 {
  const st = state ?? (s.face ? "watching" : "absent");
  const face = st === "watching" || st === "away";
  const probs = face ? (s.probs ?? [0, 0, 0, 0, 0, 0, 1]) : null;
  return {
    t: s.t,
    state: st,
    emotion: st === "watching" ? s.emotion : null,
    probs,
    raw: probs,
    movement: s.movement,
    attention: st === "watching" ? 1 : 0,
    yaw: face ? 0 : null,
    pitch: face ? 0 : null,
    quality: QUALITY,
    frames: s.frames,
    line: s.line,
  };
}

Deno.test("version 2 watching and absent seconds rate exactly as version 1 faces and no faces", () => {
  const v1 = sampleSeconds(7, 0, 600);
  const v2 = v1.map((s) => asV2(s));
  assert.deepEqual(summarizeViewing(v2), summarizeViewing(v1));
  assert.deepEqual(audienceShare(v2), audienceShare(v1));
});

Deno.test("away counts as no face: five seconds of it are distraction, fewer cost nothing", () => {
  const happy = (count: number): { emotion: Expression; count: number } => ({
    emotion: "happy",
    count,
  });
  const base = viewing([happy(10), { emotion: "happy", count: 6 }, happy(10)]);
  const turned = (n: number) =>
    base.map((s, i) => (i >= 10 && i < 10 + n ? asV2(s, "away") : asV2(s)));
  const noFace = (n: number) =>
    viewing([
      happy(10),
      { emotion: null, count: n },
      { emotion: "happy", count: 6 - n },
      happy(10),
    ]);
  for (const n of [3, 6]) {
    assert.equal(scoreOf(turned(n)), scoreOf(noFace(n)), `${n} seconds turned away`);
  }
  assert.equal(summarizeViewing(turned(6)).distractedSec, 6);
  assert.equal(summarizeViewing(turned(3)).distractedSec, 0);
});

Deno.test("unknown seconds are left out entirely: as if they had not been recorded", () => {
  const v1 = sampleSeconds(8, 0, 300);
  const marked: RecordedSecond[] = v1.map((s, i) => asV2(s, i % 7 === 3 ? "unknown" : undefined));
  const without = v1.filter((_, i) => i % 7 !== 3);
  const summary = summarizeViewing(marked);
  assert.deepEqual(summary, summarizeViewing(without));
  assert.equal(summary.recordedSec, without.length);
  assert.equal(summary.perSecond.length, without.length);
  assert.deepEqual(audienceShare(marked), audienceShare(without));
  // An unknown second inside a streak does not break it: neutral, unknown, neutral … is one run.
  const run = viewing([{ emotion: "neutral", count: 6 }]).map((s, i) =>
    i === 2 ? asV2(s, "unknown") : asV2(s)
  );
  assert.equal(summarizeViewing(run).volatility.longestStreak?.seconds, 5);
  assert.equal(scoreOf(run), 65, "five neutral, still seconds: a sustained run");
  // Nothing but unknown seconds: nothing rated, the neutral start.
  const dark = v1.slice(0, 20).map((s) => asV2(s, "unknown"));
  assert.equal(summarizeViewing(dark).rating, 50);
  assert.equal(summarizeViewing(dark).recordedSec, 0);
});

Deno.test("a watching second whose label is not valid counts as no face, as in version 1", () => {
  const [s] = sampleSeconds(9, 0, 1);
  const odd = {
    ...asV2({ ...s, face: true, emotion: "happy" }),
    emotion: "smug",
  } as unknown as RecordedSecondV2;
  assert.equal(summarizeViewing([odd]).faceSec, 0);
});
