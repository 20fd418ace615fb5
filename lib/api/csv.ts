/**
 * A viewing as CSV: one row per recorded second, in recording order, with a header row.
 * RFC 4180: CRLF between records; a field holding a comma, a double quote, CR or LF is quoted,
 * with quotes doubled. Subtitle lines keep their text exactly (commas, quotes, line breaks).
 */
import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";

export const CSV_HEADER = [
  "seq",
  "t",
  "face",
  "emotion",
  ...EXPRESSIONS.map((label) => `p_${label}`),
  "movement",
  "frames",
  "line",
];

/** One CSV field: quoted only when RFC 4180 requires it. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (without its line break). */
export function csvRecord(values: (string | number | boolean | null)[]): string {
  return values.map(csvField).join(",");
}

/** A minute's seconds with the minute's `seq`. */
export interface SequencedSeconds {
  seq: number;
  seconds: RecordedSecond[];
}

/** The whole CSV: header, then every second of every minute in order; ends with CRLF. */
export function secondsCsv(minutes: SequencedSeconds[]): string {
  const rows = [csvRecord(CSV_HEADER)];
  for (const { seq, seconds } of minutes) {
    for (const s of seconds) {
      const probs = s.probs ?? EXPRESSIONS.map(() => null);
      rows.push(csvRecord([seq, s.t, s.face, s.emotion, ...probs, s.movement, s.frames, s.line]));
    }
  }
  return rows.join("\r\n") + "\r\n";
}
