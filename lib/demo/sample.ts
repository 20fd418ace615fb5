/**
 * Synthetic but realistic recordings for tests and benchmarks: a viewer whose expression
 * drifts in runs of a few seconds, who sometimes looks away, moves a little and now and then a
 * lot, with subtitle lines (commas, quotes, line breaks) on about a third of the seconds.
 * Deterministic for a given seed.
 */
import { seededRandom } from "@/lib/random.ts";
import {
  EXPRESSIONS,
  type RecordedSecondV1,
  type RecordedSecondV2,
  SECONDS_PER_DOCUMENT,
} from "@/lib/recording.ts";

const LINES = [
  "Where were you last night?",
  'She said, "not here", and left.',
  "- Run!\n- I can't, my leg...",
  "Well, well, well.",
  "It's 3,000 miles, give or take.",
  "I'm not \"fine\", I'm furious.",
  "Don't look back.",
  "You came back, after all.",
];

/** `count` recorded seconds from playback second `fromT`, in recording order. */
export function sampleSeconds(seed: number, fromT: number, count: number): RecordedSecondV1[] {
  const random = seededRandom(seed);
  const seconds: RecordedSecondV1[] = [];
  let label = Math.floor(random() * EXPRESSIONS.length);
  let line: string | null = null;
  for (let i = 0; i < count; i++) {
    if (random() < 0.2) label = Math.floor(random() * EXPRESSIONS.length);
    if (random() < 0.25) line = random() < 0.4 ? LINES[Math.floor(random() * LINES.length)] : null;
    const face = random() > 0.08;
    let probs: number[] | null = null;
    if (face) {
      const raw = EXPRESSIONS.map((_, k) => (k === label ? 3 + random() * 4 : random()));
      const sum = raw.reduce((a, b) => a + b, 0);
      probs = raw.map((p) => Math.round((p / sum) * 10_000) / 10_000);
    }
    const movement = face
      ? Math.round((random() < 0.05 ? 1 + random() * 2 : random() * 0.3) * 1000) / 1000
      : 0;
    seconds.push({
      t: fromT + i,
      face,
      emotion: face ? EXPRESSIONS[label] : null,
      probs,
      movement,
      frames: face ? 8 + Math.floor(random() * 8) : Math.floor(random() * 8),
      line,
    });
  }
  return seconds;
}

/** The minute documents' seconds of a viewing that recorded `minutes` full minutes from t=0. */
export function sampleMinutes(seed: number, minutes: number): RecordedSecondV1[][] {
  return Array.from(
    { length: minutes },
    (_, seq) => sampleSeconds(seed * 1000 + seq, seq * SECONDS_PER_DOCUMENT, SECONDS_PER_DOCUMENT),
  );
}

/**
 * `count` version-2 recorded seconds from playback second `fromT`: mostly watching, some turned
 * away, absent or unknown (a poor picture), with calibrated and raw probabilities, pose and
 * quality as the browser records them.
 */
export function sampleSecondsV2(seed: number, fromT: number, count: number): RecordedSecondV2[] {
  const random = seededRandom(seed);
  const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;
  const distribution = (top: number) => {
    const raw = EXPRESSIONS.map((_, k) => (k === top ? 3 + random() * 4 : random()));
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((p) => round(p / sum));
  };
  const seconds: RecordedSecondV2[] = [];
  let label = Math.floor(random() * EXPRESSIONS.length);
  for (let i = 0; i < count; i++) {
    if (random() < 0.2) label = Math.floor(random() * EXPRESSIONS.length);
    const r = random();
    const state = r < 0.8 ? "watching" : r < 0.86 ? "away" : r < 0.92 ? "absent" : "unknown";
    const face = state === "watching" || state === "away";
    const frames = state === "unknown" && random() < 0.5
      ? Math.floor(random() * 2)
      : 8 + Math.floor(random() * 8);
    seconds.push({
      t: fromT + i,
      state,
      emotion: state === "watching" ? EXPRESSIONS[label] : null,
      probs: face ? distribution(label) : null,
      raw: face ? distribution(random() < 0.7 ? label : 6) : null,
      movement: face ? round(random() < 0.05 ? 1 + random() * 2 : random() * 0.3, 3) : 0,
      attention: state === "watching"
        ? round(0.5 + random() / 2, 3)
        : state === "away"
        ? round(random() / 2, 3)
        : 0,
      yaw: face ? round(state === "away" ? 35 + random() * 30 : random() * 20 - 10, 1) : null,
      pitch: face ? round(random() * 16 - 8, 1) : null,
      quality: {
        faceSize: face ? round(80 + random() * 120, 1) : 0,
        score: face ? round(0.8 + random() * 0.19, 3) : 0,
        brightness: round(state === "unknown" ? random() * 30 : 70 + random() * 80, 1),
        contrast: round(state === "unknown" ? random() * 8 : 15 + random() * 30, 1),
      },
      frames,
      line: random() < 0.3 ? LINES[Math.floor(random() * LINES.length)] : null,
    });
  }
  return seconds;
}
