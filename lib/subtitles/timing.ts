/**
 * Timing lines ("00:01:02,500 --> 00:01:04,000") read tolerantly: one- to three-digit hours,
 * or none (WebVTT's "01:02.500"); "," or "." before a fraction of 0 to 3 (or more) digits, or
 * no fraction; "->" for "-->"; anything after the end time (SRT coordinates, WebVTT settings).
 */

export interface Timing {
  startMs: number;
  endMs: number;
}

// Hours (or minutes when only two parts), minutes (or seconds), seconds, fraction.
const TIMESTAMP = String.raw`(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?(?:[,.](\d*))?`;
const TIMING = new RegExp(String.raw`^${TIMESTAMP}[ \t]*-{1,3}>[ \t]*${TIMESTAMP}(?:[ \t].*)?$`);
// Two timestamps with no arrow between them: a timing line, damaged.
const TWO_TIMESTAMPS = /^\d+:\d+[:.,]\d+\D+\d+:\d+[:.,]\d+/;

/**
 * Whether a trimmed line is meant as a timing line, readable or not: it starts with a digit and
 * has an arrow and a colon, or two timestamps. Such a line is never cue text, so text like
 * "<i>10 --> 20</i>" or "I'm going -> there" stays text.
 */
export function looksLikeTiming(line: string): boolean {
  const first = line.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return false;
  return (line.includes("->") && line.includes(":")) || TWO_TIMESTAMPS.test(line);
}

/** Reads a trimmed timing line; undefined when it cannot be read. */
export function parseTiming(line: string): Timing | undefined {
  const m = TIMING.exec(line);
  if (!m) return undefined;
  return { startMs: toMs(m[1], m[2], m[3], m[4]), endMs: toMs(m[5], m[6], m[7], m[8]) };
}

function toMs(a: string, b: string, c: string | undefined, fraction: string | undefined): number {
  // Two parts are minutes and seconds (WebVTT), three are hours, minutes and seconds.
  const [hours, minutes, seconds] = c === undefined ? [0, +a, +b] : [+a, +b, +c];
  // The fraction is decimal, as in WebVTT and srt-parser-2: ",5" is half a second.
  const ms = fraction ? +fraction.slice(0, 3).padEnd(3, "0") : 0;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

/** Formats milliseconds as "HH:MM:SS" + separator + "mmm" (hours may have more digits). */
export function formatTimestamp(totalMs: number, separator: "," | "."): string {
  const ms = totalMs % 1000;
  const totalSeconds = (totalMs - ms) / 1000;
  const seconds = totalSeconds % 60;
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const hours = Math.floor(totalSeconds / 3600);
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}${separator}${pad(ms, 3)}`;
}

function pad(n: number, digits: number): string {
  return String(n).padStart(digits, "0");
}
