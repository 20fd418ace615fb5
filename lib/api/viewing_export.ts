/**
 * A viewing's JSON export (`GET /api/screenings/:id`) in pieces, one per recorded minute, so
 * that the server can stream it as it reads the minutes (a viewing may hold hundreds of
 * megabytes) without holding the event loop. Joined, the pieces are exactly `JSON.stringify` of
 * the whole export.
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
 * `{ screening, film, summary, seconds: [...], minutes: [{ seq, count }] }` in pieces: the head,
 * then each minute's seconds as they are read, then the minutes' index (known only once every
 * minute has been read) and the closing brackets.
 */
export async function* viewingJsonPieces(
  head: ExportHead,
  minutes: AsyncIterable<SequencedSeconds> | Iterable<SequencedSeconds>,
): AsyncGenerator<string> {
  yield `${JSON.stringify(head).slice(0, -1)},"seconds":[`;
  const index: { seq: number; count: number }[] = [];
  let first = true;
  for await (const { seq, seconds } of minutes) {
    index.push({ seq, count: seconds.length });
    if (seconds.length === 0) continue;
    yield (first ? "" : ",") + JSON.stringify(seconds).slice(1, -1);
    first = false;
  }
  yield `],"minutes":${JSON.stringify(index)}}`;
}
