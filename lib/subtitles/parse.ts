/**
 * `parseSubtitles`: decode, check that the input is subtitles at all, find the cues tolerantly,
 * write them as canonical SRT and let srt-parser-2 read that, then make the text plain.
 *
 * Not subtitles (a SubtitleError): more than MAX_SUBTITLE_BYTES; empty; not text (over 5% control
 * characters, e.g. a video picked by mistake); no readable timing line; or more unreadable
 * timing lines than readable ones (a timing format we do not know, e.g. frames). Tolerated
 * damage: a cue whose timing line cannot be read is skipped, the rest are kept.
 */
import Parser from "srt-parser-2";
import { decodeSubtitleBytes } from "./decode.ts";
import { SubtitleError } from "./errors.ts";
import { plainText } from "./markup.ts";
import { type RawCue, scanLines } from "./scan.ts";
import { formatTimestamp } from "./timing.ts";
import type { Cue } from "./types.ts";

/** Larger inputs are refused: a film's subtitles are a few hundred kilobytes. */
export const MAX_SUBTITLE_BYTES = 10 * 1024 * 1024;

/** Above this share of control characters the input is not text. */
const MAX_CONTROL_SHARE = 0.05;
const CONTROL_SAMPLE = 65536;

/** srt-parser-2 reads one- or two-digit hours only. */
const PARSER_MAX_MS = 100 * 3600 * 1000;
const PARSER_PLACEHOLDER = "99:59:59,999";
/**
 * srt-parser-2's cue pattern backtracks quadratically over a run of digits (100,000 digits take
 * it 10 s), so runs longer than any real subtitle's are shortened before it sees them.
 */
const LONG_DIGITS = /\d{33,}/g;

/**
 * Reads subtitles (SRT, tolerantly, or WebVTT) from text or from a file's bytes. Returns the
 * cues with text, sorted by start (overlaps kept). Throws only SubtitleError.
 */
export function parseSubtitles(input: string | Uint8Array | ArrayBuffer): Cue[] {
  try {
    return parse(input);
  } catch (error) {
    if (error instanceof SubtitleError) throw error;
    // Never expected: the fuzz test checks it does not happen.
    const reason = `The subtitles could not be read (${String(error)}).`;
    throw new SubtitleError("internal", reason, 1, "");
  }
}

function parse(input: string | Uint8Array | ArrayBuffer): Cue[] {
  const text = toText(input);
  const lines = text.split(/\r\n|\r|\n/);
  if (text.trim() === "") throw new SubtitleError("empty", "The file is empty.", 1, "");
  assertText(text, lines);

  const scan = scanLines(lines);
  const bad = scan.unreadableTimings;
  if (scan.cues.length === 0) {
    const first = bad[0] ?? scan.firstContent!;
    throw new SubtitleError(
      "no-timings",
      'No subtitle timings were found (lines like "00:01:02,500 --> 00:01:04,000").',
      first.line,
      first.text,
    );
  }
  if (bad.length > scan.cues.length) {
    throw new SubtitleError(
      "mostly-unreadable",
      `Most timing lines could not be read (${bad.length} of ${bad.length + scan.cues.length}).`,
      bad[0].line,
      bad[0].text,
    );
  }
  return readCanonical(scan.cues)
    .filter((cue) => cue.text !== "")
    .sort((a, b) => a.start - b.start);
}

function toText(input: string | Uint8Array | ArrayBuffer): string {
  if (typeof input === "string") {
    if (input.length > MAX_SUBTITLE_BYTES) throw tooLarge(input.length, input.slice(0, 200));
    return stripTrailingPadding(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  }
  const bytes = input instanceof Uint8Array
    ? input
    : input instanceof ArrayBuffer
    ? new Uint8Array(input)
    : undefined;
  if (!bytes) {
    throw new SubtitleError("not-text", "Subtitles must be text or a file's bytes.", 1, "");
  }
  if (bytes.length > MAX_SUBTITLE_BYTES) {
    throw tooLarge(bytes.length, decodeSubtitleBytes(bytes.subarray(0, 200)));
  }
  return stripTrailingPadding(decodeSubtitleBytes(bytes));
}

function tooLarge(size: number, head: string): SubtitleError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return new SubtitleError(
    "too-large",
    `The file is ${mb(size)} MB, too large for subtitles (at most ${mb(MAX_SUBTITLE_BYTES)} MB).`,
    1,
    head.split(/\r\n|\r|\n/, 1)[0],
  );
}

/** Drops the zero bytes and DOS end-of-file marks some tools leave at the end of a file. */
function stripTrailingPadding(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0 || text.charCodeAt(end - 1) === 0x1a)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Throws when the text is mostly control characters: a binary file, not subtitles. */
function assertText(text: string, lines: string[]): void {
  const sample = Math.min(text.length, CONTROL_SAMPLE);
  let controls = 0;
  let first = -1;
  for (let i = 0; i < sample; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) {
      controls++;
      if (first < 0) first = i;
    }
  }
  if (controls <= sample * MAX_CONTROL_SHARE) return;
  const line = text.slice(0, first).split(/\r\n|\r|\n/).length;
  throw new SubtitleError(
    "not-text",
    "This is not a text file, so it cannot be subtitles.",
    line,
    lines[line - 1],
  );
}

/**
 * Writes the cues as canonical SRT (numbered 1…n, "HH:MM:SS,mmm", a blank line after each),
 * reads it with srt-parser-2 and maps its answer back, cue by cue.
 */
function readCanonical(cues: RawCue[]): Cue[] {
  let srt = "";
  for (let i = 0; i < cues.length; i++) {
    const { startMs, endMs, lines } = cues[i];
    const text = lines.join("\n").replace(LONG_DIGITS, (digits) => digits.slice(0, 32) + "…");
    srt += `${i + 1}\n${parserTimestamp(startMs)} --> ${parserTimestamp(endMs)}\n${text}\n\n`;
  }
  const items = new Parser().fromSrt(srt);
  if (items.length !== cues.length) {
    throw new Error(`srt-parser-2 read ${items.length} of ${cues.length} cues`);
  }
  return items.map((item, i) => {
    if (item.id !== String(i + 1)) throw new Error(`srt-parser-2 misread cue ${i + 1}`);
    const { startMs, endMs } = cues[i];
    return {
      // Times srt-parser-2 cannot hold (100 hours and more) are ours.
      start: startMs < PARSER_MAX_MS ? item.startSeconds : startMs / 1000,
      end: endMs < PARSER_MAX_MS ? item.endSeconds : endMs / 1000,
      text: plainText(item.text),
    };
  });
}

function parserTimestamp(ms: number): string {
  return ms < PARSER_MAX_MS ? formatTimestamp(ms, ",") : PARSER_PLACEHOLDER;
}
