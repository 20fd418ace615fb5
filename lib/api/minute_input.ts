/**
 * `PUT /api/screenings/:id/minutes/:seq` input: the rules a minute document must meet before
 * anything is stored, and its canonical form (what "the same body" means for a replay).
 */
import {
  EXPRESSIONS,
  isExpression,
  LINE_MAX_CHARS,
  type RecordedSecond,
  SECONDS_PER_DOCUMENT,
} from "@/lib/recording.ts";
import { characterCount, InputError, isRecord, rejectUnknownFields } from "./input.ts";

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 256 * 1024;
/** More analysed frames than this in one second is no camera we support. */
export const FRAMES_MAX = 240;
export const PROBS_TOLERANCE = 0.01;

const SECOND_FIELDS = ["t", "face", "emotion", "probs", "movement", "frames", "line"] as const;

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

function parseSecond(value: unknown, at: string, durationSec: number): RecordedSecond {
  if (!isRecord(value)) throw new InputError(at, "must be an object");
  rejectUnknownFields(value, SECOND_FIELDS, `${at}.`);
  for (const field of SECOND_FIELDS) {
    if (!(field in value)) throw new InputError(`${at}.${field}`, "is required");
  }
  const { t, face, emotion, probs, movement, frames, line } = value;
  if (typeof t !== "number" || !Number.isInteger(t) || t < 0 || t > durationSec) {
    throw new InputError(`${at}.t`, `must be an integer from 0 to ${durationSec} (the film)`);
  }
  if (typeof face !== "boolean") throw new InputError(`${at}.face`, "must be true or false");
  if (face ? !isExpression(emotion) : emotion !== null) {
    throw new InputError(
      `${at}.emotion`,
      face ? `must be one of ${EXPRESSIONS.join(", ")}` : "must be null when face is false",
    );
  }
  let cleanProbs: number[] | null = null;
  if (!face) {
    if (probs !== null) throw new InputError(`${at}.probs`, "must be null when face is false");
  } else {
    const rule = `must be ${EXPRESSIONS.length} finite numbers from 0 to 1 summing to 1 ± ` +
      PROBS_TOLERANCE;
    if (!Array.isArray(probs) || probs.length !== EXPRESSIONS.length) {
      throw new InputError(`${at}.probs`, rule);
    }
    let sum = 0;
    for (const p of probs) {
      if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 1) {
        throw new InputError(`${at}.probs`, rule);
      }
      sum += p;
    }
    // 1e-9 absorbs binary rounding, so a sum of exactly 1.01 in decimal passes.
    if (Math.abs(sum - 1) > PROBS_TOLERANCE + 1e-9) throw new InputError(`${at}.probs`, rule);
    cleanProbs = probs.map((p) => p + 0); // +0 turns -0 into 0, so equal bodies serialise equally
  }
  if (typeof movement !== "number" || !Number.isFinite(movement) || movement < 0) {
    throw new InputError(`${at}.movement`, "must be a finite number ≥ 0");
  }
  if (
    typeof frames !== "number" || !Number.isInteger(frames) || frames < 0 || frames > FRAMES_MAX
  ) {
    throw new InputError(`${at}.frames`, `must be an integer from 0 to ${FRAMES_MAX}`);
  }
  if (line !== null && (typeof line !== "string" || characterCount(line) > LINE_MAX_CHARS)) {
    throw new InputError(
      `${at}.line`,
      `must be null or a string of at most ${LINE_MAX_CHARS} characters`,
    );
  }
  // A fresh object in a fixed key order: the canonical form that replays are compared in.
  return {
    t,
    face,
    emotion: face ? emotion as RecordedSecond["emotion"] : null,
    probs: cleanProbs,
    movement: movement + 0,
    frames,
    line: line as string | null,
  };
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
