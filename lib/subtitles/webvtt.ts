/** Cues to WebVTT for the player's `<track>`. */
import { formatTimestamp } from "./timing.ts";
import type { Cue } from "./types.ts";

/**
 * Valid WebVTT: cues in start order, "HH:MM:SS.mmm" times, text with "&", "<" and ">" escaped
 * (so it stays plain text and never contains "-->") and no blank lines (which would end the cue).
 * Cues that cannot be shown (not finite, negative, or ending at or before their start) are left out.
 */
export function toWebVTT(cues: readonly Cue[]): string {
  const timed = cues
    .map((cue) => ({
      startMs: Math.round(cue.start * 1000),
      endMs: Math.round(cue.end * 1000),
      cue,
    }))
    .filter(({ startMs, endMs }) =>
      Number.isFinite(startMs) && Number.isFinite(endMs) && startMs >= 0 && endMs > startMs
    )
    .sort((a, b) => a.startMs - b.startMs);
  let vtt = "WEBVTT\n";
  for (const { startMs, endMs, cue } of timed) {
    const lines = String(cue.text).split(/\r\n|\r|\n/).map(escapeLine).filter(Boolean);
    vtt += `\n${formatTimestamp(startMs, ".")} --> ${formatTimestamp(endMs, ".")}\n`;
    for (const line of lines) vtt += line + "\n";
  }
  return vtt;
}

function escapeLine(line: string): string {
  return line
    .trim()
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("\u0000", "\uFFFD");
}
