/**
 * A viewing as CSV: one row per recorded second, in recording order, with a header row.
 * RFC 4180: CRLF between records; a field holding a comma, a double quote, CR or LF is quoted,
 * with quotes doubled. Subtitle lines keep their text, except that a text cell a spreadsheet
 * would run as a formula is neutralised (below).
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

/**
 * Text a spreadsheet reads as a formula (OWASP, "CSV injection"): it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return. Such a cell gets a leading `'`, which spreadsheets
 * show as text. Numbers are never text here, so a negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text that could run as a formula neutralised, quoted only when needed. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text = typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : String(value);
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

/** The CSV in pieces: the header row, then one piece per minute; each ends with CRLF. */
export function* secondsCsvPieces(minutes: Iterable<SequencedSeconds>): Generator<string> {
  yield csvRecord(CSV_HEADER) + "\r\n";
  for (const { seq, seconds } of minutes) {
    let rows = "";
    for (const s of seconds) {
      const probs = s.probs ?? EXPRESSIONS.map(() => null);
      rows += csvRecord([seq, s.t, s.face, s.emotion, ...probs, s.movement, s.frames, s.line]) +
        "\r\n";
    }
    yield rows;
  }
}

/** The whole CSV: header, then every second of every minute in order; ends with CRLF. */
export function secondsCsv(minutes: SequencedSeconds[]): string {
  return [...secondsCsvPieces(minutes)].join("");
}
