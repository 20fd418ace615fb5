import assert from "node:assert/strict";
import { InputError } from "./input.ts";
import { parseMinuteBody, SECOND_BOUNDS } from "./minute_input.ts";
import {
  canonicalSeconds,
  EXPRESSIONS,
  MOVEMENT_MAX,
  type RecordedSecond,
  type RecordedSecondV2,
  SECOND_STATES,
} from "@/lib/recording.ts";
import { audienceShare, summarizeViewing } from "@/lib/rating/mod.ts";
import { seededRandom } from "@/lib/random.ts";
import { sampleSeconds, sampleSecondsV2 } from "@/lib/demo/sample.ts";

const expected = { screeningId: "s", seq: 0, durationSec: 600 };
const parse = (seconds: unknown[]) => parseMinuteBody({ seconds }, expected);
const fails = (second: unknown, field: string, rule?: RegExp) =>
  assert.throws(
    () => parse([second]),
    (e) => e instanceof InputError && e.field === field && (!rule || rule.test(e.rule)),
    `${field}: ${JSON.stringify(second)}`,
  );

const watching: RecordedSecondV2 = {
  t: 3,
  state: "watching",
  emotion: "happy",
  probs: [0, 0, 0, 0.8, 0, 0, 0.2],
  raw: [0, 0, 0, 0.5, 0.2, 0, 0.3],
  movement: 0.1,
  attention: 0.9,
  yaw: -4.5,
  pitch: 2,
  quality: { faceSize: 120, score: 0.93, brightness: 110, contrast: 35 },
  frames: 14,
  line: "Hello.\nHello!",
};

Deno.test("version 2 seconds come back canonical, with every field", () => {
  const seconds = sampleSecondsV2(1, 0, 60);
  assert.ok(new Set(seconds.map((s) => s.state)).size === 4, "all four states sampled");
  const parsed = parse(seconds);
  assert.deepEqual(parsed, seconds);
  // Keys in another order: the same canonical text.
  const shuffled = seconds.map((s) => Object.fromEntries(Object.entries(s).reverse()));
  assert.equal(canonicalSeconds(parse(shuffled)), canonicalSeconds(parsed));
});

Deno.test("version 1 and version 2 seconds may share a minute (a resumed viewing)", () => {
  const mixed = [...sampleSeconds(2, 0, 30), ...sampleSecondsV2(3, 30, 30)];
  assert.deepEqual(parse(mixed), mixed);
});

Deno.test("version 2: states, labels and probabilities agree with each other", () => {
  parse([watching]);
  fails({ ...watching, state: "dozing" }, "seconds[0].state", /watching, away, absent, unknown/);
  fails({ ...watching, emotion: null }, "seconds[0].emotion", /when watching/);
  fails({ ...watching, state: "away" }, "seconds[0].emotion", /null unless watching/);
  parse([{ ...watching, state: "away", emotion: null }]);
  parse([{
    ...watching,
    state: "absent",
    emotion: null,
    probs: null,
    raw: null,
    yaw: null,
    pitch: null,
  }]);
  fails({ ...watching, probs: null }, "seconds[0].probs", /7 finite numbers/);
  fails(
    { ...watching, state: "unknown", emotion: null, probs: null },
    "seconds[0].raw",
    /null when probs is null/,
  );
  fails({ ...watching, raw: null }, "seconds[0].raw");
  fails({ ...watching, raw: [0, 0, 0, 0.5, 0, 0, 0.3] }, "seconds[0].raw", /summing to 1/);
  fails({ ...watching, face: true }, "seconds[0].face", /unknown field/);
  const { quality: _, ...withoutQuality } = watching;
  fails(withoutQuality, "seconds[0].quality", /is required/);
  fails({ ...watching, quality: { ...watching.quality, light: 3 } }, "seconds[0].quality.light");
});

Deno.test("version 2: every number within what a face in front of a camera can give", () => {
  const b = SECOND_BOUNDS;
  const edges: [string, (v: number) => unknown, number, number][] = [
    ["movement", (v) => ({ ...watching, movement: v }), 0, b.movement],
    ["attention", (v) => ({ ...watching, attention: v }), 0, 1],
    ["yaw", (v) => ({ ...watching, yaw: v }), -b.angle, b.angle],
    ["pitch", (v) => ({ ...watching, pitch: v }), -b.angle, b.angle],
    [
      "quality.faceSize",
      (v) => ({ ...watching, quality: { ...watching.quality, faceSize: v } }),
      0,
      b.faceSize,
    ],
    ["quality.score", (v) => ({ ...watching, quality: { ...watching.quality, score: v } }), 0, 1],
    [
      "quality.brightness",
      (v) => ({ ...watching, quality: { ...watching.quality, brightness: v } }),
      0,
      255,
    ],
    [
      "quality.contrast",
      (v) => ({ ...watching, quality: { ...watching.quality, contrast: v } }),
      0,
      127.5,
    ],
  ];
  for (const [field, make, min, max] of edges) {
    parse([make(min)]);
    parse([make(max)]);
    for (const bad of [min - 1e-9, max + 1e-6, 1e308, -1e308, Infinity, NaN]) {
      fails(make(bad), `seconds[0].${field}`, new RegExp(`from ${min} to ${max}`));
    }
  }
  fails({ ...watching, frames: 241 }, "seconds[0].frames");
  fails({ ...watching, yaw: "3" }, "seconds[0].yaw");
  // -0 and denormals are numbers like any other; -0 is stored as 0.
  const [tiny] = parse([{ ...watching, movement: 5e-324, yaw: -0 }]) as RecordedSecondV2[];
  assert.equal(tiny.movement, 5e-324);
  assert.ok(Object.is(tiny.yaw, 0));
});

Deno.test("version 1: movement beyond what a face can do is capped, not refused (nothing is lost)", () => {
  const [v1] = sampleSeconds(4, 0, 1);
  const face = { ...v1, face: true, emotion: "happy", probs: [0, 0, 0, 1, 0, 0, 0] };
  assert.equal(parse([{ ...face, movement: 1e308 }])[0].movement, MOVEMENT_MAX);
  assert.equal(parse([{ ...face, movement: 3.5 }])[0].movement, 3.5);
  fails({ ...face, movement: Infinity }, "seconds[0].movement");
  fails({ ...face, movement: -1 }, "seconds[0].movement");
});

Deno.test("a line may hold line breaks and tabs, no other control character", () => {
  for (const line of ["two\nlines", "cr\r\nlf", "a\ttab", "ünïcödé ♪ 歌", ""]) {
    assert.equal(parse([{ ...watching, line }])[0].line, line);
  }
  for (
    const bad of [
      "\u0000Secret",
      "bell\u0007",
      "esc\u001b[31m",
      "del\u007f",
      "c1\u0085",
      "ff\u000c",
    ]
  ) {
    fails({ ...watching, line: bad }, "seconds[0].line", /control characters/);
    fails({ ...sampleSeconds(5, 0, 1)[0], line: bad }, "seconds[0].line", /control characters/);
  }
});

/** Numbers at the edges of what a double holds, and of what each field allows. */
const EXTREMES = [
  0,
  -0,
  5e-324,
  2.2250738585072014e-308,
  1e-300,
  0.5,
  1,
  1.0000001,
  20,
  90,
  -90,
  127.5,
  255,
  10_000,
  2 ** 53,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
];

/** Every number in a value is finite; nulls only where the summary's type allows one. */
function assertFinite(value: unknown, path: string, nullable: readonly string[]): void {
  if (value === null) {
    assert.ok(nullable.some((n) => path.endsWith(n)), `null at ${path}`);
  } else if (typeof value === "number") {
    assert.ok(Number.isFinite(value), `${value} at ${path}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertFinite(v, `${path}[${i}]`, nullable));
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as object)) assertFinite(v, `${path}.${k}`, nullable);
  }
}

Deno.test("property: whatever passes the edge, summaries hold no null, NaN or Infinity", () => {
  const random = seededRandom(12);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const num = (plausible: number) => (random() < 0.5 ? pick(EXTREMES) : plausible);
  const probs = () => {
    if (random() < 0.2) return EXPRESSIONS.map(() => pick(EXTREMES));
    const k = Math.floor(random() * 7);
    return EXPRESSIONS.map((_, i) => (i === k ? 1 : 0));
  };
  let accepted = 0;
  let refused = 0;
  for (let trial = 0; trial < 300; trial++) {
    const seconds: RecordedSecond[] = [];
    for (let t = 0; t < 1 + Math.floor(random() * 60); t++) {
      const emotion = pick(EXPRESSIONS);
      const candidate = random() < 0.5
        ? {
          t,
          face: random() < 0.8,
          emotion,
          probs: probs(),
          movement: num(random()),
          frames: Math.floor(num(12)),
          line: null,
        }
        : {
          t,
          state: pick(SECOND_STATES),
          emotion,
          probs: probs(),
          raw: probs(),
          movement: num(random()),
          attention: num(random()),
          yaw: num(random() * 40 - 20),
          pitch: num(random() * 40 - 20),
          quality: {
            faceSize: num(120),
            score: num(0.9),
            brightness: num(100),
            contrast: num(30),
          },
          frames: Math.floor(num(12)),
          line: null,
        };
      // A v1 second without a face has no label: make some of them valid that way.
      if ("face" in candidate && !candidate.face) {
        Object.assign(candidate, { emotion: null, probs: null });
      }
      if ("state" in candidate && candidate.state !== "watching") {
        Object.assign(candidate, { emotion: null });
      }
      try {
        seconds.push(...parseMinuteBody({ seconds: [candidate] }, expected));
        accepted++;
      } catch (error) {
        assert.ok(error instanceof InputError, String(error));
        refused++;
      }
    }
    const summary = summarizeViewing(seconds);
    assertFinite(summary, "summary", ["favourite", "top", "longestStreak"]);
    assertFinite(audienceShare(seconds), "share", []);
  }
  // Both paths were taken many times: the property is not vacuous.
  assert.ok(accepted > 500 && refused > 500, `accepted ${accepted}, refused ${refused}`);
});

Deno.test("a viewing stored before the edge was bounded still summarises to finite numbers", () => {
  // Issue 12: two seconds at 1e308 made the movement mean and max null, for good.
  const seconds = sampleSeconds(6, 0, 10).map((s) => ({
    ...s,
    face: true,
    emotion: "happy" as const,
    probs: [0, 0, 0, 1, 0, 0, 0],
  }));
  seconds[3].movement = 1e308;
  seconds[4].movement = Number.MAX_VALUE;
  const summary = summarizeViewing(seconds);
  assertFinite(summary, "summary", ["favourite", "top", "longestStreak"]);
  assert.equal(summary.movement.max, MOVEMENT_MAX);
});
