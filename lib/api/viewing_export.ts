/**
 * A viewing's JSON export (`GET /api/screenings/:id`) in pieces, one per recorded minute, so
 * that the server can stream it (a viewing may hold hundreds of megabytes) without holding
 * the event loop. Joined, the pieces are exactly `JSON.stringify` of the whole export.
 */
import type { SequencedSeconds } from "./csv.ts";

/**
 * What precedes the seconds: the viewing, its film and summary, and what else the viewing's
 * result carries (`verdict`, `predictedVerdict`, …), each already JSON-ready.
 */
export interface ExportHead {
  screening: unknown;
  film: unknown;
  summary: unknown;
  [field: string]: unknown;
}

/**
 * `{ screening, film, summary, minutes: [{ seq, count }], seconds: [...] }` in pieces: the head
 * and the minutes' index first, then each minute's seconds, then the closing brackets.
 */
export function* viewingJsonPieces(
  head: ExportHead,
  minutes: readonly SequencedSeconds[],
): Generator<string> {
  const index = minutes.map((m) => ({ seq: m.seq, count: m.seconds.length }));
  yield `${JSON.stringify(head).slice(0, -1)},"minutes":${JSON.stringify(index)},"seconds":[`;
  let first = true;
  for (const { seconds } of minutes) {
    if (seconds.length === 0) continue;
    yield (first ? "" : ",") + JSON.stringify(seconds).slice(1, -1);
    first = false;
  }
  yield "]}";
}
