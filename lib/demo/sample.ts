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
