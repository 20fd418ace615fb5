/**
 * Quoting what was said in a stretch of seconds: each recorded second carries the line of every
 * cue it overlaps, joined with `CUE_SEPARATOR` (see `linesBySecond`), so two cues that share a
 * second come back as "A", "A / B", "B". A quote wants each cue once, whole, in order.
 */

/** How `linesBySecond` joins the cues that overlap one second. */
export const CUE_SEPARATOR = " / ";

/**
 * The distinct cues in `lines` (each second's line, in playback order), each once and whole, in
 * the order they were first said. A joined line is split back into its cues; a cue cut short
 * with "…" (a second holding too many cues) is left out when the whole cue is there too.
 */
export function quoteCues(lines: Iterable<string | null>): string[] {
  const cues: string[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (typeof line !== "string") continue;
    for (const part of line.split(CUE_SEPARATOR)) {
      const cue = part.trim();
      if (cue === "" || seen.has(cue)) continue;
      seen.add(cue);
      cues.push(cue);
    }
  }
  return cues.filter((cue) => {
    if (!cue.endsWith("…")) return true;
    const head = cue.slice(0, -1).trimEnd();
    return !cues.some((other) => other !== cue && other.startsWith(head));
  });
}
