/**
 * A viewing as CSV: one row per recorded second, in recording order, with a header row. Both
 * versions of a recorded second share the columns (docs/emotion.md describes each): `v` says
 * which; a version-1 second has the state its `face` implies (watching or absent) and leaves the
 * columns it never had (raw probabilities, attention, pose, quality) empty.
 * RFC 4180: CRLF between records; a field holding a comma, a double quote, CR or LF is quoted,
 * with quotes doubled. Subtitle lines keep their text, except that a text cell a spreadsheet
 * would run as a formula is neutralised (below).
 *
 * Values of the whole viewing come as last columns, the same on every row (a CSV has one table,
 * and a row then stands on its own when files are concatenated): `verdict`, the viewer's own
 * 0–10, empty when they gave none.
 */
import { EXPRESSIONS, isSecondV2, type RecordedSecond, secondState } from "@/lib/recording.ts";

export const CSV_HEADER = [
  "seq",
  "t",
  "v",
  "state",
  "emotion",
  ...EXPRESSIONS.map((label) => `p_${label}`),
  ...EXPRESSIONS.map((label) => `raw_${label}`),
  "movement",
  "attention",
  "yaw",
  "pitch",
  "face_px",
  "score",
  "brightness",
  "contrast",
  "frames",
  "line",
  "verdict",
];

/** The per-viewing values of the CSV's last columns. */
export interface ViewingColumns {
  /** The viewer's verdict, or null. */
  verdict: number | null;
}

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

/** A second's cells after `seq`, in CSV_HEADER order. */
function secondColumns(s: RecordedSecond, none: null[]): (string | number | null)[] {
  if (!isSecondV2(s)) {
    // Attention, yaw, pitch and the four quality measures did not exist in version 1.
    const missing = [null, null, null, null, null, null, null];
    const probs = s.probs ?? none;
    return [
      s.t,
      1,
      secondState(s),
      s.emotion,
      ...probs,
      ...none,
      s.movement,
      ...missing,
      s.frames,
      s.line,
    ];
  }
  const q = s.quality;
  return [
    s.t,
    2,
    s.state,
    s.emotion,
    ...(s.probs ?? none),
    ...(s.raw ?? none),
    s.movement,
    s.attention,
    s.yaw,
    s.pitch,
    q.faceSize,
    q.score,
    q.brightness,
    q.contrast,
    s.frames,
    s.line,
  ];
}

/** The CSV in pieces: the header row, then one piece per minute as it is read; each ends with CRLF. */
export async function* secondsCsvPieces(
  minutes: AsyncIterable<SequencedSeconds> | Iterable<SequencedSeconds>,
  viewing: ViewingColumns = { verdict: null },
): AsyncGenerator<string> {
  yield csvRecord(CSV_HEADER) + "\r\n";
  const none = EXPRESSIONS.map(() => null);
  const tail = "," + csvRecord([viewing.verdict]) + "\r\n";
  for await (const { seq, seconds } of minutes) {
    let rows = "";
    for (const s of seconds) rows += csvRecord([seq, ...secondColumns(s, none)]) + tail;
    yield rows;
  }
}

/** The whole CSV: header, then every second of every minute in order; ends with CRLF. */
export async function secondsCsv(
  minutes: SequencedSeconds[],
  viewing: ViewingColumns = { verdict: null },
): Promise<string> {
  return (await Array.fromAsync(secondsCsvPieces(minutes, viewing))).join("");
}
