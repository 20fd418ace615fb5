/** The line spoken at each second of the film, for the per-second recording. */
import { LINE_MAX_CHARS } from "@/lib/recording.ts";
import type { Cue } from "./types.ts";
import { CUE_SEPARATOR } from "./quotes.ts";

/**
 * The index never runs past 1,000 hours (the longest time a timing line can hold): a longer
 * duration is broken metadata, and an array that long would exhaust memory.
 */
export const MAX_INDEXED_SECONDS = 1000 * 3600;

/**
 * Entry N is what is said during second N, i.e. [N, N+1) (entry 89 is the 90th second), or null.
 * A cue counts for every second it overlaps (a zero-length cue for the second it sits in);
 * cues overlapping one second are joined with " / " in start order (the same text once), a
 * cue's own lines with a space, and cut to LINE_MAX_CHARS (the server's limit) so that one
 * second of many cues never costs its minute. The length is ⌈durationSec⌉ when that is a finite number ≥ 0
 * (cues past it are ignored), else up to the last cue's end; never over MAX_INDEXED_SECONDS.
 * Time is O(seconds covered).
 */
export function linesBySecond(cues: readonly Cue[], durationSec?: number): (string | null)[] {
  const usable = cues.filter((cue) =>
    Number.isFinite(cue.start) && Number.isFinite(cue.end) && typeof cue.text === "string"
  );
  const sorted = isSortedByStart(usable) ? usable : [...usable].sort((a, b) => a.start - b.start);
  const length = Math.min(
    MAX_INDEXED_SECONDS,
    durationSec !== undefined && Number.isFinite(durationSec) && durationSec >= 0
      ? Math.ceil(durationSec)
      : Math.ceil(sorted.reduce((latest, cue) => Math.max(latest, cue.end), 0)),
  );

  const parts: (string[] | undefined)[] = new Array(length);
  for (const cue of sorted) {
    const text = cue.text.split("\n").map((line) => line.trim()).filter(Boolean).join(" ");
    if (!text) continue;
    // A cue covers [start, end); one without length (or, mistyped, ending before it starts)
    // covers the second it starts in. A cue wholly before 0 covers nothing.
    const last = Math.min(
      length - 1,
      cue.end > cue.start ? Math.ceil(cue.end) - 1 : Math.floor(cue.start),
    );
    const first = Math.max(0, Math.floor(cue.start));
    for (let second = first; second <= last; second++) {
      const said = parts[second];
      if (!said) parts[second] = [text];
      else if (!said.includes(text)) said.push(text);
    }
  }
  const lines: (string | null)[] = new Array(length);
  for (let second = 0; second < length; second++) {
    const said = parts[second];
    lines[second] = said ? cutLine(said.join(CUE_SEPARATOR)) : null;
  }
  return lines;
}

/**
 * A line of at most `max` characters (code points, as the server counts them): a longer one
 * keeps its beginning and ends with "…".
 */
export function cutLine(line: string, max = LINE_MAX_CHARS): string {
  if (line.length <= max) return line; // UTF-16 units ≥ code points: short enough
  const points = Array.from(line);
  return points.length <= max ? line : `${points.slice(0, max - 1).join("").trimEnd()}…`;
}

function isSortedByStart(cues: readonly Cue[]): boolean {
  for (let i = 1; i < cues.length; i++) if (cues[i].start < cues[i - 1].start) return false;
  return true;
}
