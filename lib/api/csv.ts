/**
 * A viewing as CSV: one row per recorded second, in recording order, with a header row. Both
 * versions of a recorded second share the columns (docs/emotion.md describes each): `v` says
 * which; a version-1 second has the state its `face` implies (watching or absent) and leaves the
 * columns it never had (raw probabilities, attention, pose, quality) empty.
 * RFC 4180: CRLF between records; a field holding a comma, a double quote, CR or LF is quoted,
 * with quotes doubled. Subtitle lines keep their text exactly (commas, quotes, line breaks).
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

/** The whole CSV: header, then every second of every minute in order; ends with CRLF. */
export function secondsCsv(minutes: SequencedSeconds[]): string {
  const rows = [csvRecord(CSV_HEADER)];
  const none = EXPRESSIONS.map(() => null);
  for (const { seq, seconds } of minutes) {
    for (const s of seconds) rows.push(csvRecord([seq, ...secondColumns(s, none)]));
  }
  return rows.join("\r\n") + "\r\n";
}
