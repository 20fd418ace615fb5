/**
 * `PUT /api/screenings/:id/minutes/:seq` input: the rules a minute document must meet before
 * anything is stored, and its canonical form (what "the same body" means for a replay).
 */
import {
  EXPRESSIONS,
  isExpression,
  LINE_MAX_CHARS,
  MOVEMENT_MAX,
  type RecordedSecond,
  type RecordedSecondV1,
  type RecordedSecondV2,
  SECOND_STATES,
  SECONDS_PER_DOCUMENT,
  type SecondState,
  type SignalQuality,
} from "@/lib/recording.ts";
import { characterCount, InputError, isRecord, rejectUnknownFields } from "./input.ts";

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 256 * 1024;
/** More analysed frames than this in one second is no camera we support. */
export const FRAMES_MAX = 240;
export const PROBS_TOLERANCE = 0.01;
/**
 * The bounds of a recorded second's numbers: what a face in front of a camera can give. Beyond
 * them a number is refused with 400 naming its field, so that no summary ever holds an absurd
 * or infinite value.
 */
export const SECOND_BOUNDS = {
  movement: MOVEMENT_MAX,
  /** Degrees: a head turned further shows no face to a camera. */
  angle: 90,
  /** Face width in the analysed frame's pixels: no camera frame is wider. */
  faceSize: 10_000,
  brightness: 255,
  /** The largest standard deviation of values in 0–255. */
  contrast: 127.5,
} as const;

const V1_FIELDS = ["t", "face", "emotion", "probs", "movement", "frames", "line"] as const;
const V2_FIELDS = [
  "t",
  "state",
  "emotion",
  "probs",
  "raw",
  "movement",
  "attention",
  "yaw",
  "pitch",
  "quality",
  "frames",
  "line",
] as const;
const QUALITY_FIELDS = ["faceSize", "score", "brightness", "contrast"] as const;

/**
 * Control characters a subtitle line may hold: line breaks and tabs. Any other C0 or C1 control
 * character (NUL, escape, …) is refused: real subtitles do not carry them (the browser's
 * subtitle reader drops them) and stored text would be cut or garbled by them.
 */
// deno-lint-ignore no-control-regex
const LINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The highest `seq` a viewing of a film this long accepts. A viewer who rewinds records more
 * seconds than the film has, so a recording may run to twice the film's length.
 */
export function maxSeq(durationSec: number): number {
  return Math.ceil((2 * (durationSec + 1)) / SECONDS_PER_DOCUMENT);
}

/** Parses the `:seq` path segment: a decimal integer from 0 to `maxSeq(durationSec)`. */
export function parseSeq(raw: string, durationSec: number): number {
  const max = maxSeq(durationSec);
  const rule = `must be an integer from 0 to ${max} (recordings may run to twice the film)`;
  if (!/^(0|[1-9][0-9]{0,8})$/.test(raw)) throw new InputError("seq", rule);
  const seq = Number(raw);
  if (seq > max) throw new InputError("seq", rule);
  return seq;
}

/** A finite number within [min, max] (`+ 0` turns -0 into 0, so equal bodies serialise equally). */
function numberIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new InputError(field, `must be a number from ${min} to ${max}`);
  }
  return value + 0;
}

/** Seven probabilities from 0 to 1 summing to 1 ± PROBS_TOLERANCE. */
function probsOf(value: unknown, field: string): number[] {
  const rule = `must be ${EXPRESSIONS.length} finite numbers from 0 to 1 summing to 1 ± ` +
    PROBS_TOLERANCE;
  if (!Array.isArray(value) || value.length !== EXPRESSIONS.length) {
    throw new InputError(field, rule);
  }
  let sum = 0;
  for (const p of value) {
    if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 1) {
      throw new InputError(field, rule);
    }
    sum += p;
  }
  // 1e-9 absorbs binary rounding, so a sum of exactly 1.01 in decimal passes.
  if (Math.abs(sum - 1) > PROBS_TOLERANCE + 1e-9) throw new InputError(field, rule);
  return value.map((p) => p + 0);
}

function tOf(value: unknown, field: string, durationSec: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > durationSec) {
    throw new InputError(field, `must be an integer from 0 to ${durationSec} (the film)`);
  }
  return value;
}

function framesOf(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > FRAMES_MAX) {
    throw new InputError(field, `must be an integer from 0 to ${FRAMES_MAX}`);
  }
  return value;
}

function lineOf(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (typeof value !== "string" || characterCount(value) > LINE_MAX_CHARS) {
    throw new InputError(field, `must be null or a string of at most ${LINE_MAX_CHARS} characters`);
  }
  if (LINE_CONTROL.test(value)) {
    throw new InputError(
      field,
      "must not hold control characters other than line breaks and tabs",
    );
  }
  return value;
}

function requireFields(value: Record<string, unknown>, fields: readonly string[], at: string) {
  rejectUnknownFields(value, fields, `${at}.`);
  for (const field of fields) {
    if (!(field in value)) throw new InputError(`${at}.${field}`, "is required");
  }
}

/** A version-1 second (`face`, no `state`): as the first version accepted it, bounded. */
function parseSecondV1(
  value: Record<string, unknown>,
  at: string,
  durationSec: number,
): RecordedSecondV1 {
  requireFields(value, V1_FIELDS, at);
  const { face, emotion, probs, movement } = value;
  const t = tOf(value.t, `${at}.t`, durationSec);
  if (typeof face !== "boolean") throw new InputError(`${at}.face`, "must be true or false");
  if (face ? !isExpression(emotion) : emotion !== null) {
    throw new InputError(
      `${at}.emotion`,
      face ? `must be one of ${EXPRESSIONS.join(", ")}` : "must be null when face is false",
    );
  }
  if (!face && probs !== null) {
    throw new InputError(`${at}.probs`, "must be null when face is false");
  }
  const cleanProbs = face ? probsOf(probs, `${at}.probs`) : null;
  if (typeof movement !== "number" || !Number.isFinite(movement) || movement < 0) {
    throw new InputError(`${at}.movement`, "must be a finite number ≥ 0");
  }
  // The first version's browser did not cap movement: a minute it left unsent is capped here
  // rather than refused, so that it is not lost.
  return {
    t,
    face,
    emotion: face ? emotion as RecordedSecondV1["emotion"] : null,
    probs: cleanProbs,
    movement: Math.min(MOVEMENT_MAX, movement) + 0,
    frames: framesOf(value.frames, `${at}.frames`),
    line: lineOf(value.line, `${at}.line`),
  };
}

function qualityOf(value: unknown, at: string): SignalQuality {
  if (!isRecord(value)) throw new InputError(at, "must be an object");
  requireFields(value, QUALITY_FIELDS, at);
  const b = SECOND_BOUNDS;
  return {
    faceSize: numberIn(value.faceSize, `${at}.faceSize`, 0, b.faceSize),
    score: numberIn(value.score, `${at}.score`, 0, 1),
    brightness: numberIn(value.brightness, `${at}.brightness`, 0, b.brightness),
    contrast: numberIn(value.contrast, `${at}.contrast`, 0, b.contrast),
  };
}

function angleOf(value: unknown, field: string): number | null {
  return value === null ? null : numberIn(value, field, -SECOND_BOUNDS.angle, SECOND_BOUNDS.angle);
}

/** A version-2 second (`state`): every field present, every number within SECOND_BOUNDS. */
function parseSecondV2(
  value: Record<string, unknown>,
  at: string,
  durationSec: number,
): RecordedSecondV2 {
  requireFields(value, V2_FIELDS, at);
  const t = tOf(value.t, `${at}.t`, durationSec);
  const state = value.state as SecondState;
  if (!SECOND_STATES.includes(state)) {
    throw new InputError(`${at}.state`, `must be one of ${SECOND_STATES.join(", ")}`);
  }
  const watching = state === "watching";
  if (watching ? !isExpression(value.emotion) : value.emotion !== null) {
    throw new InputError(
      `${at}.emotion`,
      watching
        ? `must be one of ${EXPRESSIONS.join(", ")} when watching`
        : "must be null unless watching",
    );
  }
  // probs and raw come from the same frames: both present or both null, and present when
  // watching (the label was chosen from them).
  const probs = value.probs === null && !watching ? null : probsOf(value.probs, `${at}.probs`);
  if (probs === null && value.raw !== null) {
    throw new InputError(`${at}.raw`, "must be null when probs is null");
  }
  const raw = probs === null ? null : probsOf(value.raw, `${at}.raw`);
  return {
    t,
    state,
    emotion: watching ? value.emotion as RecordedSecondV2["emotion"] : null,
    probs,
    raw,
    movement: numberIn(value.movement, `${at}.movement`, 0, SECOND_BOUNDS.movement),
    attention: numberIn(value.attention, `${at}.attention`, 0, 1),
    yaw: angleOf(value.yaw, `${at}.yaw`),
    pitch: angleOf(value.pitch, `${at}.pitch`),
    quality: qualityOf(value.quality, `${at}.quality`),
    frames: framesOf(value.frames, `${at}.frames`),
    line: lineOf(value.line, `${at}.line`),
  };
}

/**
 * One recorded second of either version (a `state` field makes it version 2), as a fresh
 * object in a fixed key order: the canonical form that replays are compared in.
 */
function parseSecond(value: unknown, at: string, durationSec: number): RecordedSecond {
  if (!isRecord(value)) throw new InputError(at, "must be an object");
  return "state" in value
    ? parseSecondV2(value, at, durationSec)
    : parseSecondV1(value, at, durationSec);
}

/**
 * Validates a minute document's body, `{ seconds: [...] }`, against the viewing's film
 * length. `screeningId` and `seq` may be repeated in the body; they must then match the URL.
 * Returns the seconds in canonical form; throws an InputError naming the field and the rule.
 */
export function parseMinuteBody(
  body: unknown,
  expected: { screeningId: string; seq: number; durationSec: number },
): RecordedSecond[] {
  if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
  rejectUnknownFields(body, ["seconds", "screeningId", "seq"]);
  if ("screeningId" in body && body.screeningId !== expected.screeningId) {
    throw new InputError("screeningId", "must match the screening in the URL");
  }
  if ("seq" in body && body.seq !== expected.seq) {
    throw new InputError("seq", "must match the seq in the URL");
  }
  const { seconds } = body;
  if (!Array.isArray(seconds) || seconds.length < 1 || seconds.length > SECONDS_PER_DOCUMENT) {
    throw new InputError("seconds", `must be an array of 1 to ${SECONDS_PER_DOCUMENT} seconds`);
  }
  return seconds.map((second, i) => parseSecond(second, `seconds[${i}]`, expected.durationSec));
}
