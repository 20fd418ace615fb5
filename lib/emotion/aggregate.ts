/**
 * Per-second aggregation, pure: the frames analysed during one playback second become
 * one recorded second (lib/recording.ts), less the fields the player knows (`t`, `line`).
 */
import { type Expression, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import type { FrameAnalysis } from "./types.ts";

/** A recorded second without its playback fields. */
export type SecondSummary = Omit<RecordedSecond, "t" | "line">;

/** What aggregation needs of a frame. */
export type FrameSample = Pick<FrameAnalysis, "probs" | "label" | "movement">;

/**
 * Summarises one second's frames:
 * - `face`: a face was found in at least half of them (a stray detection is not attention);
 * - `emotion`: the mode of the face frames' labels, ties going to the higher summed
 *   probability; `probs`: their mean probabilities (both null without a face);
 * - `movement`: the path the face centre travelled, the sum of frame-to-frame movements;
 * - `frames`: how many frames were analysed.
 */
export function aggregateSecond(frames: readonly FrameSample[]): SecondSummary {
  const faces = frames.filter((f) => f.probs && f.label);
  const movement = frames.reduce((sum, f) => sum + (f.movement > 0 ? f.movement : 0), 0);
  if (faces.length === 0 || faces.length * 2 < frames.length) {
    return { face: false, emotion: null, probs: null, movement, frames: frames.length };
  }
  const counts = new Array<number>(EXPRESSIONS.length).fill(0);
  const sums = new Array<number>(EXPRESSIONS.length).fill(0);
  for (const frame of faces) {
    counts[EXPRESSIONS.indexOf(frame.label as Expression)]++;
    frame.probs!.forEach((p, i) => (sums[i] += p));
  }
  let mode = 0;
  for (let i = 1; i < EXPRESSIONS.length; i++) {
    if (counts[i] > counts[mode] || (counts[i] === counts[mode] && sums[i] > sums[mode])) mode = i;
  }
  return {
    face: true,
    emotion: EXPRESSIONS[mode],
    probs: sums.map((s) => s / faces.length),
    movement,
    frames: frames.length,
  };
}
