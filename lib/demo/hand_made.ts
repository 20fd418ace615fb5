/** Builders for hand-made viewings in the rating tests (not a test file itself). */
import type { Expression, RecordedSecondV1 } from "@/lib/recording.ts";

/** One run of a hand-made viewing: `count` seconds of `emotion` (null: no face) moving `movement`. */
export interface Run {
  emotion: Expression | null;
  count: number;
  movement?: number;
  line?: string | null;
  /** Playback second of the run's first second; defaults to right after the previous run. */
  t?: number;
}

/** Seconds for the runs, in recording order, playback seconds counting on from the previous run. */
export function viewing(runs: Run[]): RecordedSecondV1[] {
  const seconds: RecordedSecondV1[] = [];
  let t = 0;
  for (const run of runs) {
    if (run.t !== undefined) t = run.t;
    for (let k = 0; k < run.count; k++) {
      seconds.push(second(t++, run.emotion, run.movement ?? 0, run.line ?? null));
    }
  }
  return seconds;
}

/** The 24-second viewing of docs/rating.md, "A worked example". */
export function workedExample(): RecordedSecondV1[] {
  return viewing([
    { emotion: "neutral", count: 3, movement: 0.05, line: "Where were you?" },
    { emotion: "neutral", count: 3, movement: 0.05 },
    { emotion: null, count: 2 },
    { emotion: "happy", count: 1, movement: 0.1 },
    { emotion: "happy", count: 1, movement: 1.5, line: "Ha! You fell for it." },
    { emotion: "happy", count: 2, movement: 0.5, line: "Ha! You fell for it." },
    { emotion: "happy", count: 3, movement: 0.5 },
    { emotion: null, count: 6 },
    { emotion: "sad", count: 3, movement: 0, line: "Goodbye." },
  ]);
}

/** One recorded second. */
export function second(
  t: number,
  emotion: Expression | null,
  movement = 0,
  line: string | null = null,
): RecordedSecondV1 {
  return {
    t,
    face: emotion !== null,
    emotion,
    probs: emotion === null ? null : [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4],
    movement: emotion === null ? 0 : movement,
    frames: emotion === null ? 0 : 12,
    line,
  };
}
