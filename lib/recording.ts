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

/** One recorded second of a viewing. */
export interface RecordedSecond {
  /** Playback second (integer): second N covers [N, N+1) of the film. */
  t: number;
  /** Whether a face was seen in this second. */
  face: boolean;
  /** The predominant expression of the second's frames; null when no face. */
  emotion: Expression | null;
  /** Mean probabilities in EXPRESSIONS order; null when no face. */
  probs: number[] | null;
  /** Distance the face centre travelled in this second, in face widths (≥ 0). */
  movement: number;
  /** Frames analysed in this second. */
  frames: number;
  /** The subtitle line spoken at this second, or null. */
  line: string | null;
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
