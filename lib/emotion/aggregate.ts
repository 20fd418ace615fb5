/**
 * Per-second aggregation, pure: the frames analysed during one playback second become one
 * recorded second (version 2, lib/recording.ts), less the fields the player knows (`t`, `line`).
 */
import {
  type Expression,
  EXPRESSIONS,
  MOVEMENT_MAX,
  type RecordedSecondV2,
  type SecondState,
  type SignalQuality,
} from "@/lib/recording.ts";
import { QUALITY_THRESHOLDS } from "./quality.ts";
import type { FrameAnalysis } from "./types.ts";

/** A recorded second without its playback fields. */
export type SecondSummary = Omit<RecordedSecondV2, "t" | "line">;

/** What aggregation needs of a frame. */
export type FrameSample = Pick<
  FrameAnalysis,
  "raw" | "probs" | "label" | "yaw" | "pitch" | "movement" | "quality" | "state"
>;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

function meanProbs(frames: FrameSample[], key: "raw" | "probs"): number[] {
  const sums = new Array<number>(EXPRESSIONS.length).fill(0);
  for (const f of frames) f[key]!.forEach((p, i) => (sums[i] += p));
  return sums.map((s) => s / frames.length);
}

/** The state most of a second's frames were in (see `aggregateSecond`). */
function secondStateOf(frames: readonly FrameSample[]): SecondState {
  const n = frames.length;
  if (n < QUALITY_THRESHOLDS.minFrames) return "unknown";
  const count = { watching: 0, away: 0, absent: 0, unknown: 0 };
  for (const f of frames) count[f.state]++;
  if (count.unknown * 2 > n) return "unknown";
  const faces = count.watching + count.away;
  if (faces * 2 < n - count.unknown) return "absent";
  return count.watching >= count.away ? "watching" : "away";
}

/**
 * Summarises one second's frames:
 * - `state`: unknown with fewer than `minFrames` frames or when most frames were unknown;
 *   otherwise absent when a face was in fewer than half of the other frames; otherwise
 *   watching, or away when more of the face frames were turned away than facing;
 * - `probs` / `raw`: the mean calibrated / raw probabilities of the usable face frames
 *   (watching or away), null without any;
 * - `emotion`: when watching, the mode of those frames' labels, ties going to the higher summed
 *   calibrated probability; null otherwise;
 * - `attention`: the share of the frames that faced the screen (watching);
 * - `yaw` / `pitch`: mean relative pose of the usable face frames, null without;
 * - `quality`: median face size and mean detector score of the frames with a face, mean
 *   brightness and contrast of all frames (0 without frames);
 * - `movement`: the path the face centre travelled, the sum of frame-to-frame movements, capped
 *   at MOVEMENT_MAX;
 * - `frames`: how many frames were analysed.
 */
export function aggregateSecond(frames: readonly FrameSample[]): SecondSummary {
  const state = secondStateOf(frames);
  const usable = frames.filter((f) =>
    (f.state === "watching" || f.state === "away") && f.raw && f.probs
  );
  const withFace = frames.filter((f) => f.quality.faceSize > 0);
  const posed = usable.filter((f) => f.yaw !== null && f.pitch !== null);
  const quality: SignalQuality = {
    faceSize: median(withFace.map((f) => f.quality.faceSize)),
    score: mean(withFace.map((f) => f.quality.score)),
    brightness: mean(frames.map((f) => f.quality.brightness)),
    contrast: mean(frames.map((f) => f.quality.contrast)),
  };
  let emotion: Expression | null = null;
  const probs = usable.length > 0 ? meanProbs(usable, "probs") : null;
  if (state === "watching" && probs) {
    const counts = new Array<number>(EXPRESSIONS.length).fill(0);
    for (const f of usable) if (f.label) counts[EXPRESSIONS.indexOf(f.label)]++;
    let mode = 0;
    for (let i = 1; i < EXPRESSIONS.length; i++) {
      if (counts[i] > counts[mode] || (counts[i] === counts[mode] && probs[i] > probs[mode])) {
        mode = i;
      }
    }
    emotion = EXPRESSIONS[mode];
  }
  return {
    state,
    emotion,
    probs,
    raw: usable.length > 0 ? meanProbs(usable, "raw") : null,
    movement: Math.min(
      MOVEMENT_MAX,
      frames.reduce((sum, f) => sum + (f.movement > 0 ? f.movement : 0), 0),
    ),
    attention: frames.length > 0
      ? frames.filter((f) => f.state === "watching").length / frames.length
      : 0,
    yaw: posed.length > 0 ? mean(posed.map((f) => f.yaw!)) : null,
    pitch: posed.length > 0 ? mean(posed.map((f) => f.pitch!)) : null,
    quality,
    frames: frames.length,
  };
}
