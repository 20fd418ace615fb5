/**
 * The tolerant reader: finds cues in lines of text by their timing lines, so cue numbers may be
 * missing or wrong and blank lines between cues may be missing. Like common players, a blank
 * line ends a cue's text; lines outside cues (cue numbers, the WEBVTT header, NOTE and STYLE
 * blocks, stray text) are skipped. A cue whose timing line cannot be read is skipped whole.
 */
import { looksLikeTiming, parseTiming } from "./timing.ts";

/** A cue as found in the file: 1-based line of its timing line, times, raw text lines. */
export interface RawCue {
  line: number;
  startMs: number;
  endMs: number;
  lines: string[];
}

export interface NumberedLine {
  /** 1-based line number. */
  line: number;
  text: string;
}

export interface Scan {
  cues: RawCue[];
  /** Lines meant as timing lines that could not be read. */
  unreadableTimings: NumberedLine[];
  /** The first non-blank line, if any. */
  firstContent?: NumberedLine;
}

/** How long a cue whose end comes before its start is shown (the end time is mistyped). */
export const REVERSED_CUE_MS = 2000;

const CUE_NUMBER = /^\d+$/;

/** Scans lines (without line breaks) for cues. */
export function scanLines(lines: string[]): Scan {
  const cues: RawCue[] = [];
  const unreadableTimings: NumberedLine[] = [];
  let firstContent: NumberedLine | undefined;
  // The cue whose text is being read; none after a blank line or an unreadable timing.
  let open: RawCue | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") {
      open = undefined;
      continue;
    }
    firstContent ??= { line: i + 1, text: lines[i] };
    if (!looksLikeTiming(line)) {
      open?.lines.push(line);
      continue;
    }
    // A number right above a timing line is that cue's number, even with no blank line above.
    if (open && open.lines.length > 0 && CUE_NUMBER.test(open.lines[open.lines.length - 1])) {
      open.lines.pop();
    }
    const timing = parseTiming(line);
    if (!timing) {
      unreadableTimings.push({ line: i + 1, text: lines[i] });
      open = undefined;
      continue;
    }
    const { startMs } = timing;
    const endMs = timing.endMs >= startMs ? timing.endMs : startMs + REVERSED_CUE_MS;
    open = { line: i + 1, startMs, endMs, lines: [] };
    cues.push(open);
  }
  return { cues, unreadableTimings, firstContent };
}
