import assert from "node:assert/strict";
import { minAudience } from "@/lib/rating/mod.ts";
import { applyAudienceShare, audienceShare } from "@/lib/rating/mod.ts";
import {
  audienceTrack,
  DEFAULT_MOMENT_OPTIONS,
  defaultExpressions,
  describeSecond,
  expressionCounts,
  extractSegments,
  type MomentOptions,
  momentOptions,
  type Segment,
  segmentName,
  segmentTitle,
  standOutThresholds,
  totalLength,
  viewingTrack,
} from "./mod.ts";
import {
  type AudienceSecond,
  type Expression,
  EXPRESSIONS,
  type RecordedSecond,
} from "@/lib/recording.ts";

const CODES: Record<string, Expression> = {
  a: "angry",
  d: "disgust",
  f: "fear",
  h: "happy",
  s: "sad",
  u: "surprise",
  ".": "neutral",
};

/**
 * A viewing from a pattern, one character a second from `from`: a letter of CODES is a second
 * with that label (probability `p`), "-" a second without a face, " " a second not recorded.
 */
function viewing(pattern: string, from = 0, p = 0.8): RecordedSecond[] {
  const seconds: RecordedSecond[] = [];
  [...pattern].forEach((c, i) => {
    if (c === " ") return;
    const label = CODES[c] ?? null;
    const probs = label
      ? EXPRESSIONS.map((e) => (e === label ? p : Math.round(((1 - p) / 6) * 1e4) / 1e4))
      : null;
    seconds.push({
      t: from + i,
      face: label !== null,
      emotion: label,
      probs,
      movement: 0,
      frames: 10,
      line: null,
    });
  });
  return seconds;
}

const NO_PAD: Partial<MomentOptions> = { padBeforeSec: 0, padAfterSec: 0 };

/**
 * A viewing track from a pattern, followed at 200 s (past the 100-s film of most tests) by 40
 * neutral seconds, so that the pattern's expressions stand out from the viewing's baseline.
 */
function calmTrack(pattern: string, from = 0, p = 0.8) {
  return viewingTrack([...viewing(pattern, from, p), ...viewing(".".repeat(40), 200)]);
}
const spans = (segments: Segment[]) => segments.map((s) => [s.start, s.end]);

Deno.test("no data, no choice or no qualifying second gives no segment", () => {
  assert.deepEqual(extractSegments(viewingTrack([]), ["happy"], 100), []);
  assert.deepEqual(extractSegments(audienceTrack([]), ["happy"], 100), []);
  assert.deepEqual(extractSegments(viewingTrack(viewing("hhhhhh")), [], 100), []);
  assert.deepEqual(extractSegments(viewingTrack(viewing("......--")), ["happy"], 100), []);
});

Deno.test("adjacent qualifying seconds make one segment with its expression and confidence", () => {
  const track = viewingTrack(viewing("....hhhh....", 10, 0.82));
  assert.deepEqual(extractSegments(track, ["happy"], 100, NO_PAD), [
    { start: 14, end: 18, expression: "happy", confidence: 0.82 },
  ]);
  // Not chosen: nothing; neutral chosen: the two neutral runs.
  assert.deepEqual(extractSegments(track, ["sad"], 100, NO_PAD), []);
  assert.deepEqual(spans(extractSegments(track, ["neutral"], 100, NO_PAD)), [[10, 14], [18, 22]]);
});

Deno.test("gaps up to the tolerance are bridged, longer ones split", () => {
  const two = calmTrack("hhh..hhh");
  assert.deepEqual(spans(extractSegments(two, ["happy"], 100, NO_PAD)), [[0, 8]]);
  const three = calmTrack("hhh...hhh");
  assert.deepEqual(spans(extractSegments(three, ["happy"], 100, NO_PAD)), [[0, 3], [6, 9]]);
  assert.deepEqual(
    spans(extractSegments(three, ["happy"], 100, { ...NO_PAD, gapToleranceSec: 3 })),
    [[0, 9]],
  );
  assert.deepEqual(
    spans(extractSegments(two, ["happy"], 100, { ...NO_PAD, gapToleranceSec: 0 })),
    [[0, 3], [5, 8]],
  );
  // Seconds that were not recorded, or without a face, are gaps like any other.
  assert.deepEqual(
    spans(extractSegments(calmTrack("hhh  hhh"), ["happy"], 100, NO_PAD)),
    [[0, 8]],
  );
  assert.deepEqual(
    spans(extractSegments(calmTrack("hhh   hhh"), ["happy"], 100, NO_PAD)),
    [[0, 3], [6, 9]],
  );
  assert.deepEqual(
    spans(extractSegments(calmTrack("hhh--hhh"), ["happy"], 100, NO_PAD)),
    [[0, 8]],
  );
});

Deno.test("runs shorter than the minimum length are dropped; bridged gaps count in the length", () => {
  const track = viewingTrack(viewing("hh....hhh....h.h....h"));
  assert.deepEqual(spans(extractSegments(track, ["happy"], 100, NO_PAD)), [[6, 9], [13, 16]]);
  assert.deepEqual(
    spans(extractSegments(track, ["happy"], 100, { ...NO_PAD, minLengthSec: 1 })),
    [[0, 2], [6, 9], [13, 16], [20, 21]],
  );
  assert.deepEqual(extractSegments(track, ["happy"], 100, { ...NO_PAD, minLengthSec: 4 }), []);
});

Deno.test("padding is added around runs and clamped to the film", () => {
  const track = viewingTrack(viewing("hhh.......hhhh......hhh"));
  // Runs [0,3), [10,14), [20,23); film of 23.5 s.
  const segments = extractSegments(track, ["happy"], 23.5);
  assert.equal(DEFAULT_MOMENT_OPTIONS.padBeforeSec, 3);
  assert.equal(DEFAULT_MOMENT_OPTIONS.padAfterSec, 2);
  assert.deepEqual(spans(segments), [[0, 5], [7, 16], [17, 23.5]]);
  for (const s of segments) assert.ok(s.start >= 0 && s.end <= 23.5 && s.start < s.end);
});

Deno.test("padded segments that overlap or touch are merged", () => {
  const track = viewingTrack(viewing("hhh......hhh.......hhh"));
  // Runs [0,3), [9,12), [19,22).
  const pad = { padBeforeSec: 3, padAfterSec: 3 };
  // [0,6) and [6,15) touch; [16,25) stays apart.
  assert.deepEqual(spans(extractSegments(track, ["happy"], 100, pad)), [[0, 15], [16, 25]]);
  assert.deepEqual(
    spans(extractSegments(track, ["happy"], 100, { padBeforeSec: 4, padAfterSec: 3 })),
    [[0, 25]],
  );
  assert.deepEqual(
    spans(extractSegments(track, ["happy"], 100, { padBeforeSec: 1, padAfterSec: 1 })),
    [
      [0, 4],
      [8, 13],
      [18, 23],
    ],
  );
});

Deno.test("a segment of several chosen expressions takes the one most of its seconds showed", () => {
  const calm = viewing(".".repeat(40), 200);
  const track = viewingTrack([...viewing("hh", 0, 0.9), ...viewing("uuu", 2, 0.6), ...calm]);
  // Two of its five seconds were happy: a mixed moment, named by its mix.
  assert.deepEqual(extractSegments(track, ["happy", "surprise"], 100, NO_PAD), [
    {
      start: 0,
      end: 5,
      expression: "surprise",
      confidence: 0.6,
      mix: [{ expression: "surprise", share: 0.6 }, { expression: "happy", share: 0.4 }],
    },
  ]);
  // A tie in seconds goes to the larger summed confidence.
  const tie = viewingTrack([...viewing("hh", 0, 0.5), ...viewing("uu", 2, 0.7), ...calm]);
  assert.equal(extractSegments(tie, ["surprise", "happy"], 100, NO_PAD)[0].expression, "surprise");
  // Merged by padding: the tallies add up.
  const merged = viewingTrack([...viewing("hhh", 0, 0.9), ...viewing("uuuu", 7, 0.5), ...calm]);
  assert.deepEqual(
    extractSegments(merged, ["happy", "surprise"], 100, { padBeforeSec: 2, padAfterSec: 2 }),
    [
      {
        start: 0,
        end: 13,
        expression: "surprise",
        confidence: 0.5,
        mix: [{ expression: "surprise", share: 0.57 }, { expression: "happy", share: 0.43 }],
      },
    ],
  );
});

Deno.test("a rewound second counts by its first recording; seconds past the film are ignored", () => {
  const seconds = [
    ...viewing("hhhh", 0),
    ...viewing("....", 0),
    ...viewing("hhhh", 50),
    ...viewing(".".repeat(12), 60),
  ];
  const track = viewingTrack(seconds);
  assert.equal(track.seconds.length, 20);
  assert.deepEqual(spans(extractSegments(track, ["happy"], 100, NO_PAD)), [[0, 4], [50, 54]]);
  assert.deepEqual(spans(extractSegments(track, ["happy"], 52, NO_PAD)), [[0, 4]]);
  // Unknown length: the end of the last second stands for it.
  assert.deepEqual(spans(extractSegments(track, ["happy"], NaN)), [[0, 6], [47, 56]]);
});

Deno.test("extraction is deterministic and ignores the order of the chosen expressions", () => {
  const track = viewingTrack(viewing("hhuu..ss.hh...aaaa.uuu.hhhhh"));
  const a = extractSegments(track, ["happy", "surprise", "angry"], 60);
  const b = extractSegments(track, ["angry", "happy", "surprise", "happy"], 60);
  assert.deepEqual(a, b);
  assert.deepEqual(
    a,
    extractSegments(viewingTrack(viewing("hhuu..ss.hh...aaaa.uuu.hhhhh")), [
      "happy",
      "surprise",
      "angry",
    ], 60),
  );
});

Deno.test("options: defaults are documented values; invalid values are refused", () => {
  assert.deepEqual(momentOptions(), {
    gapToleranceSec: 2,
    minLengthSec: 3,
    padBeforeSec: 3,
    padAfterSec: 2,
    audienceShare: 0.25,
    maxLengthSec: 60,
    standOut: 0.2,
  });
  assert.throws(() => momentOptions({ minLengthSec: -1 }), RangeError);
  assert.throws(() => momentOptions({ gapToleranceSec: NaN }), RangeError);
});

/** An audience second: `viewers` recorded it, `faces` of them with a face, counts by label. */
function audience(
  t: number,
  viewers: number,
  counts: Partial<Record<Expression, number>>,
): AudienceSecond {
  const row = EXPRESSIONS.map((e) => counts[e] ?? 0);
  return {
    t,
    viewers,
    faces: row.reduce((a, b) => a + b, 0),
    counts: row,
    contribution: 0,
    movement: 0,
  };
}

/** Five audience seconds from `t`, all alike. */
function audienceRun(t: number, viewers: number, counts: Partial<Record<Expression, number>>) {
  return Array.from({ length: 5 }, (_, i) => audience(t + i, viewers, counts));
}

Deno.test("audience: a share qualifies when it stands out from the film's own baseline", () => {
  const aggregate = [
    ...audienceRun(0, 10, { happy: 4, neutral: 6 }), // 40%
    ...audienceRun(10, 10, { happy: 2, neutral: 8 }), // 20%: under the 25% floor
    ...audienceRun(20, 10, { happy: 3, sad: 3, neutral: 4 }),
    ...audienceRun(30, 10, { happy: 3, sad: 2, neutral: 2, fear: 3 }),
    ...audienceRun(40, 10, { happy: 3 }), // 70% no face
    ...Array.from({ length: 40 }, (_, i) => audience(100 + i, 10, { neutral: 10 })),
  ];
  const track = audienceTrack(aggregate);
  assert.equal(track.minViewers, 5);
  // Baselines over 650 viewer-seconds: happy 75 (11.5%), sad 25 (3.8%), fear 15 (2.3%).
  const thresholds = standOutThresholds(track);
  const at = (e: Expression) => Math.round(thresholds[EXPRESSIONS.indexOf(e)] * 1000) / 1000;
  assert.equal(at("happy"), 0.315); // 0.115 + 0.2
  assert.equal(at("sad"), 0.25); // 0.038 + 0.2 is under the 25% floor
  assert.deepEqual(extractSegments(track, ["happy"], 200, NO_PAD), [
    { start: 0, end: 5, expression: "happy", confidence: 0.4 },
  ]);
  // A lower bar lets the 30% seconds in, never the 20% ones (under the floor).
  assert.deepEqual(
    spans(extractSegments(track, ["happy"], 200, { ...NO_PAD, standOut: 0.05 })),
    [[0, 5], [20, 25], [30, 35], [40, 45]],
  );
  // Happy and sad: at 20–25 sad (30% against its 3.8%) stands out, happy (30% against 11.5%)
  // does not; fear at 30–35 is not chosen.
  assert.deepEqual(extractSegments(track, ["happy", "sad"], 200, NO_PAD), [
    { start: 0, end: 5, expression: "happy", confidence: 0.4 },
    { start: 20, end: 25, expression: "sad", confidence: 0.3 },
  ]);
});

Deno.test("audience: seconds with too few viewers are left out", () => {
  const calm = Array.from({ length: 40 }, (_, i) => audience(300 + i, 8, { neutral: 8 }));
  const aggregate = [
    ...audienceRun(0, 8, { happy: 8 }),
    ...audienceRun(100, 3, { happy: 3 }), // fewer than half of the peak of 8
    ...audienceRun(200, 4, { happy: 4 }), // exactly half
    ...calm,
  ];
  assert.equal(minAudience(aggregate), 4);
  assert.deepEqual(spans(extractSegments(audienceTrack(aggregate), ["happy"], 400, NO_PAD)), [[
    0,
    5,
  ], [200, 205]]);
  assert.deepEqual(
    spans(extractSegments(audienceTrack(aggregate, 1), ["happy"], 400, NO_PAD)),
    [[0, 5], [100, 105], [200, 205]],
  );
  assert.equal(minAudience([]), 1);
});

/** A pattern of `length` seconds of `fill`, with `overrides` ([from, to, code]) written over it. */
function pattern(
  length: number,
  fill: (t: number) => string,
  overrides: [number, number, string][],
) {
  const codes = Array.from({ length }, (_, t) => fill(t));
  for (const [from, to, code] of overrides) codes.fill(code, from, to);
  return codes.join("");
}

Deno.test("two viewers: no 'Happy 0:00–3:18' — moments are short and stand out from the pair", () => {
  // The case, 4:28 of film: viewer A smiles most of the time (8 s of every 12) and is
  // sad twice; viewer B is calm, laughs with A at 1:40 and is sad with A at 2:30 and alone at
  // 3:20. Before, every second A smiled was "the audience" (one of two is 50%), gaps bridged
  // it into one happy moment of 3:18 holding A's sad stretch.
  const a = pattern(268, (t) => (t % 12 < 8 ? "h" : "."), [[60, 80, "s"], [100, 110, "h"], [
    150,
    165,
    "s",
  ]]);
  const b = pattern(268, () => ".", [[100, 110, "h"], [150, 160, "s"], [200, 204, "s"]]);
  let aggregate: AudienceSecond[] = [];
  for (const p of [a, b]) aggregate = applyAudienceShare(aggregate, audienceShare(viewing(p)), 1);
  const track = audienceTrack(aggregate);
  const chosen = defaultExpressions(track, 268);
  assert.deepEqual([...chosen], ["happy", "sad"]);
  const segments = extractSegments(track, chosen, 268);
  // Happy only where both laughed (A alone is A's baseline); sad where it stood out.
  assert.deepEqual(segments.map((s) => [s.start, s.end, s.expression]), [
    [57, 82, "sad"],
    [97, 112, "happy"],
    [147, 167, "sad"],
    [197, 206, "sad"],
  ]);
  for (const s of segments) assert.ok(s.end - s.start <= DEFAULT_MOMENT_OPTIONS.maxLengthSec);
  assert.ok(totalLength(segments) < 268 / 3, `${totalLength(segments)} s of moments`);
});

Deno.test("a moment is at most 60 s: a long run is cut, its parts never overlap", () => {
  const track = viewingTrack(viewing("h".repeat(90) + ".".repeat(200)));
  const segments = extractSegments(track, ["happy"], 400);
  // Runs of at most 55 s (60 less 3 + 2 of padding): [0,55) and [55,90); the second's padding
  // would overlap the first, so it starts where the first ends.
  assert.deepEqual(spans(segments), [[0, 57], [57, 92]]);
  assert.deepEqual(
    spans(extractSegments(track, ["happy"], 400, { maxLengthSec: 30 })),
    [[0, 27], [27, 52], [52, 77], [77, 92]],
  );
});

Deno.test("a viewer's constant expression is their baseline, not a moment", () => {
  // Happy 75% of the time: happy seconds do not stand out (threshold max(0.95, 1.125) > 1).
  const smiley = viewingTrack(viewing("hhhhhh..".repeat(20)));
  assert.deepEqual(extractSegments(smiley, ["happy"], 200), []);
  // The same smiles in a calm viewing do.
  const calm = viewingTrack(viewing("hhhhhh..".repeat(2) + ".".repeat(100)));
  assert.deepEqual(spans(extractSegments(calm, ["happy"], 200, NO_PAD)), [[0, 14]]);
});

Deno.test("a mixed moment is named by its mix", () => {
  const mixed = {
    start: 0,
    end: 10,
    expression: "happy" as const,
    confidence: 0.7,
    mix: [{ expression: "happy" as const, share: 0.6 }, { expression: "sad" as const, share: 0.4 }],
  };
  assert.equal(segmentName(mixed), "Happy 60% + sad 40%");
  assert.equal(segmentTitle(mixed), "Happy 60% + sad 40% · 0:00–0:10");
  const { mix: _mix, ...pure } = mixed;
  assert.equal(segmentName(pure), "Happy");
});

Deno.test("audience track: shares of viewers and the label most of them showed", () => {
  const track = audienceTrack([
    audience(3, 4, { happy: 1, sad: 1 }),
    audience(4, 4, { surprise: 3 }),
  ]);
  assert.deepEqual(track.seconds[0], {
    t: 3,
    label: null, // two of four showed no face: more than any label
    scores: [0, 0, 0, 0.25, 0.25, 0, 0],
    noFace: 0.5,
    viewers: 4,
  });
  assert.equal(track.seconds[1].label, "surprise");
});

Deno.test("expression counts: each expression's segments when chosen alone", () => {
  const track = viewingTrack(viewing("hhhh......uuu.......ss"));
  const counts = expressionCounts(track, 100, NO_PAD);
  assert.deepEqual(counts.map((c) => c.expression), [...EXPRESSIONS]);
  const by = Object.fromEntries(counts.map((c) => [c.expression, [c.segments, c.seconds]]));
  assert.deepEqual(by.happy, [1, 4]);
  assert.deepEqual(by.surprise, [1, 3]);
  assert.deepEqual(by.sad, [0, 0]); // two seconds: too short
  assert.deepEqual(by.neutral, [2, 13]);
  assert.equal(totalLength([{ start: 0.1, end: 0.3, expression: "sad", confidence: 1 }]), 0.2);
});

Deno.test("default expressions: the non-neutral ones that make a moment on their own", () => {
  // Happy holds 4 s and surprise 13 s (moments); sad 2 s (too short); neutral is never chosen.
  const track = viewingTrack(viewing("hhhh......uuuuuuuuuuuuu.......ss"));
  assert.deepEqual([...defaultExpressions(track, 100)], ["happy", "surprise"]);
  assert.deepEqual([...defaultExpressions(null, 100)], []);
});

Deno.test("describeSecond: the label and its confidence, in the source's terms", () => {
  const viewingSeconds = viewingTrack(viewing("h-", 0, 0.823)).seconds;
  assert.equal(describeSecond(viewingSeconds[0], "viewing"), "Happy · 82% confidence");
  assert.equal(describeSecond(viewingSeconds[1], "viewing"), "no face in view");
  assert.equal(describeSecond(undefined, "viewing"), "not recorded");
  const crowd = audienceTrack([
    audience(0, 12, { happy: 7, neutral: 4 }),
    audience(1, 1, { surprise: 1 }),
    audience(2, 4, { sad: 1 }),
  ], 1).seconds;
  assert.equal(describeSecond(crowd[0], "audience"), "Happy · 58% of 12 viewers");
  assert.equal(describeSecond(crowd[1], "audience"), "Surprise · 100% of 1 viewer");
  assert.equal(describeSecond(crowd[2], "audience"), "mostly no face in view (4 viewers)");
});
