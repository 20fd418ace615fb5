/**
 * Subtitles: tolerant `.srt` (and WebVTT) loading, the line spoken at each second, and WebVTT
 * for the player's `<track>`. Pure functions for the browser and the server (no Deno APIs).
 *
 * Modules: `decode.ts` (bytes → text), `timing.ts` (timing lines), `scan.ts` (finding cues),
 * `parse.ts` (checks, then srt-parser-2 on the normalised file), `markup.ts` (plain text),
 * `by_second.ts`, `webvtt.ts`. srt-parser-2 alone reads none of these real-world files: missing
 * cue numbers, hours over 99, missing milliseconds, indented or CR-only lines, "," and "." mixed;
 * it keeps coordinates as text. The normaliser hands it canonical SRT instead.
 */
export type { Cue } from "./types.ts";
export { SubtitleError, type SubtitleErrorKind } from "./errors.ts";
export { MAX_SUBTITLE_BYTES, parseSubtitles } from "./parse.ts";
export { linesBySecond, MAX_INDEXED_SECONDS } from "./by_second.ts";
export { toWebVTT } from "./webvtt.ts";
export { CUE_SEPARATOR, quoteCues } from "./quotes.ts";
