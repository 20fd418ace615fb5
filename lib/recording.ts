/**
 * The data model of a recording: what the browser records each
 * second, the minute documents it sends, and the per-second audience aggregates.
 * Shared by the browser, the rating engine and the store.
 */

/** The seven expression labels, in the order of every `probs` array. */
export const EXPRESSIONS = [
  "angry",
  "disgust",
  "fear",
  "happy",
  "sad",
  "surprise",
  "neutral",
] as const;

export type Expression = typeof EXPRESSIONS[number];

/**
 * What a recorded second saw (version 2): a face facing the screen, a face turned away from it,
 * no face, or a picture too poor to tell (too dark, too small, too few frames).
 */
export type SecondState = "watching" | "away" | "absent" | "unknown";

/** Every state, for validation. */
export const SECOND_STATES: readonly SecondState[] = ["watching", "away", "absent", "unknown"];

/**
 * How good the picture of a second was, from its analysed frames (see docs/emotion.md for the
 * thresholds under which a second is `unknown`).
 */
export interface SignalQuality {
  /** Median width of the face box in the analysed frame's pixels; 0 without a face. */
  faceSize: number;
  /** Mean face detector score (0–1); 0 without a face. */
  score: number;
  /** Mean luma (0–255) of the face crop, or of the whole frame without a face. */
  brightness: number;
  /** Mean RMS contrast (standard deviation of luma, 0–127.5) of the same pixels. */
  contrast: number;
}

/** The fields both versions of a recorded second share. */
interface SecondFields {
  /** Playback second (integer): second N covers [N, N+1) of the film. */
  t: number;
  /** Distance the face centre travelled in this second, in face widths (≥ 0). */
  movement: number;
  /** Frames analysed in this second. */
  frames: number;
  /** The subtitle line spoken at this second, or null. */
  line: string | null;
}

/** One recorded second, version 1 (recorded before calibration, pose and quality existed). */
export interface RecordedSecondV1 extends SecondFields {
  /** Whether a face was seen in this second. */
  face: boolean;
  /** The predominant expression of the second's frames; null when no face. */
  emotion: Expression | null;
  /** Mean probabilities in EXPRESSIONS order; null when no face. */
  probs: number[] | null;
}

/** One recorded second, version 2. docs/emotion.md describes every field. */
export interface RecordedSecondV2 extends SecondFields {
  state: SecondState;
  /** The predominant calibrated expression; null unless `state` is "watching". */
  emotion: Expression | null;
  /** Mean calibrated probabilities (EXPRESSIONS order) of the face frames; null without a face. */
  probs: number[] | null;
  /** Mean raw probabilities, as the classifier gave them, of the same frames; null without. */
  raw: number[] | null;
  /** Share (0–1) of the analysed frames in which a face faced the screen. */
  attention: number;
  /** Mean head yaw and pitch in degrees relative to the calibrated pose; null without a face. */
  yaw: number | null;
  pitch: number | null;
  quality: SignalQuality;
}

/** One recorded second of a viewing, in either version; `state` tells version 2 apart. */
export type RecordedSecond = RecordedSecondV1 | RecordedSecondV2;

/** Whether a second is version 2. */
export function isSecondV2(second: RecordedSecond): second is RecordedSecondV2 {
  return "state" in second;
}

/** The state of a second of either version: a version-1 face is "watching", no face "absent". */
export function secondState(second: RecordedSecond): SecondState {
  if (isSecondV2(second)) return second.state;
  return second.face === true ? "watching" : "absent";
}

/**
 * The expression a second counts with: its label when a face watched the screen (and the label
 * is valid), otherwise null.
 */
export function watchedExpression(second: RecordedSecond): Expression | null {
  return secondState(second) === "watching" && isExpression(second.emotion) ? second.emotion : null;
}

/** One document per 60 recorded seconds of a viewing; `seq` counts from 0. */
export interface MinuteDocument {
  screeningId: string;
  seq: number;
  seconds: RecordedSecond[];
}

/**
 * The longest subtitle line a recorded second may carry, in characters: the browser cuts a
 * longer one (overlapping cues joined) to this, and the server refuses anything longer.
 */
export const LINE_MAX_CHARS = 1000;

/**
 * The most movement a second may record, in face widths per second. A head thrown back in a
 * laugh or a jump out of the seat moves a few widths in a second (a face about 15 cm wide at 2 m
 * a second is about 13); more than this is the detector jumping between faces, not a face. The
 * browser caps a second's movement to it and the server refuses more.
 */
export const MOVEMENT_MAX = 20;

/** Seconds per minute document. */
export const SECONDS_PER_DOCUMENT = 60;

/**
 * One playback second of a film, summed over its finished viewings, updated
 * incrementally so that a film page costs O(film length), not O(viewers).
 */
export interface AudienceSecond {
  t: number;
  /** Finished viewings that recorded this second. */
  viewers: number;
  /** Of them, how many saw a face. */
  faces: number;
  /** Viewings whose predominant expression at this second was each label, in EXPRESSIONS order. */
  counts: number[];
  /** Summed rating contribution of this second. */
  contribution: number;
  /** Summed movement, in face widths. */
  movement: number;
}

/** Whether a value is one of the seven expression labels. */
export function isExpression(value: unknown): value is Expression {
  return typeof value === "string" && (EXPRESSIONS as readonly string[]).includes(value);
}

/** The canonical text of a minute's seconds: two bodies are "the same" when these are equal. */
export function canonicalSeconds(seconds: RecordedSecond[]): string {
  return JSON.stringify(seconds);
}
