/** parseSubtitles on files written the way real tools and people write them, one per tolerance. */
import assert from "node:assert/strict";
import { type Cue, parseSubtitles } from "./mod.ts";

function fixture(name: string): Uint8Array {
  return Deno.readFileSync(new URL(`../../tests/fixtures/subtitles/${name}`, import.meta.url));
}

function cue(start: number, end: number, text: string): Cue {
  return { start, end, text };
}

Deno.test("a subtitle editor's file: UTF-8 with BOM, CRLF, markup", () => {
  const bytes = fixture("editor_utf8_bom_crlf.srt");
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the fixture has its BOM");
  assert.deepEqual(parseSubtitles(bytes), [
    cue(1.25, 3.8, "Où est la gare, s’il vous plaît ?"),
    cue(4, 6.5, "Über den Fluss…\n— Señor, ¡espere!"),
    cue(60, 62, "Naïve café crème."),
  ]);
});

Deno.test("a Windows-1252 file with accented letters, €, curly quotes and guillemets", () => {
  assert.deepEqual(parseSubtitles(fixture("windows1252_accents.srt")), [
    cue(2, 4, "Où êtes-vous, Françoise ?"),
    cue(5, 7.5, "Déjà vu… l’été « à Paris »."),
    cue(8, 9, "Ça coûte 5 € — señor Muñoz."),
  ]);
});

Deno.test("UTF-16 little- and big-endian with a BOM, and little-endian without one", () => {
  const expected = [cue(1, 2, "Grüße aus Köln"), cue(3, 4.5, "日本語の字幕です")];
  assert.deepEqual(parseSubtitles(fixture("utf16le_bom.srt")), expected);
  assert.deepEqual(parseSubtitles(fixture("utf16be_bom.srt")), expected);
  assert.deepEqual(parseSubtitles(fixture("utf16le_no_bom.srt")), expected);
});

Deno.test("UTF-8 with one broken byte stays UTF-8 (one replacement character)", () => {
  assert.deepEqual(parseSubtitles(fixture("utf8_one_bad_byte.srt")), [
    cue(1, 2, "Crème brûlée à la française."),
    cue(3, 4, "Bad byte: \uFFFD."),
  ]);
});

Deno.test("CR, LF and CRLF line endings read alike", () => {
  const expected = [cue(1, 2, "First line\nsecond line"), cue(3, 4, "Third")];
  const cr = fixture("cr_line_endings.srt");
  assert.ok(!cr.includes(0x0a), "the fixture has CR only");
  assert.deepEqual(parseSubtitles(cr), expected);
  const text = new TextDecoder().decode(cr);
  assert.deepEqual(parseSubtitles(text.replaceAll("\r", "\n")), expected);
  assert.deepEqual(parseSubtitles(text.replaceAll("\r", "\r\n")), expected);
});

Deno.test("missing cue numbers", () => {
  assert.deepEqual(parseSubtitles(fixture("missing_numbers.srt")), [
    cue(1, 2, "No number here."),
    cue(3, 4, "Nor here."),
    cue(5, 6, "This one has a number."),
  ]);
});

Deno.test("wrong cue numbers (repeated, out of sequence, zero)", () => {
  assert.deepEqual(parseSubtitles(fixture("wrong_numbers.srt")), [
    cue(1, 2, "One."),
    cue(3, 4, "Two, numbered 1."),
    cue(5, 6, "Three, numbered 7."),
    cue(7, 8, "Four, numbered 0."),
  ]);
});

Deno.test("no blank line between cues, with and without numbers", () => {
  assert.deepEqual(parseSubtitles(fixture("no_blank_lines.srt")), [
    cue(1, 2, "Packed together."),
    cue(3, 4, "Two lines,\nstill packed."),
    cue(5, 6, "No number, no blank line."),
    cue(7, 8, "Last."),
  ]);
});

Deno.test("leading and trailing whitespace, blank lines of spaces, tabs", () => {
  assert.deepEqual(parseSubtitles(fixture("whitespace.srt")), [
    cue(1, 2, "Indented text."),
    cue(3, 4, "Trailing spaces.\nand gaps inside"),
  ]);
});

Deno.test("one-digit hours", () => {
  assert.deepEqual(parseSubtitles(fixture("one_digit_hours.srt")), [
    cue(1, 2, "Hour with one digit."),
    cue(3723.4, 3725, "An hour in."),
  ]);
});

Deno.test("hours over 99", () => {
  assert.deepEqual(parseSubtitles(fixture("hours_over_99.srt")), [
    cue(99 * 3600 + 59 * 60 + 58, 100 * 3600 + 1.5, "Across the hundredth hour."),
    cue(123 * 3600 + 4 * 60 + 5.678, 123 * 3600 + 4 * 60 + 7, "Livestream, day five."),
  ]);
});

Deno.test("milliseconds with 1, 2, 3 or 4 digits, or none (a decimal fraction)", () => {
  assert.deepEqual(parseSubtitles(fixture("millisecond_digits.srt")), [
    cue(1.5, 2.25, "One and two digits."),
    cue(3.125, 4, "Three digits, then none."),
    cue(5, 6, "None, then an empty fraction."),
    cue(7.123, 8, "Four digits."),
  ]);
});

Deno.test("'.' instead of ',' before the milliseconds, also mixed in one line", () => {
  assert.deepEqual(parseSubtitles(fixture("dot_separator.srt")), [
    cue(1, 2.5, "Dots."),
    cue(3, 4.75, "A comma and a dot."),
  ]);
});

Deno.test("coordinates after the timestamps are ignored", () => {
  assert.deepEqual(parseSubtitles(fixture("coordinates.srt")), [
    cue(1, 2, "Positioned."),
    cue(3, 4, "Top of the screen."),
  ]);
});

Deno.test("empty cues (no text, only markup, only spaces) are dropped, the rest kept", () => {
  assert.deepEqual(parseSubtitles(fixture("empty_cues.srt")), [cue(7, 8, "Finally, words.")]);
});

Deno.test("cues out of order come back sorted by start; overlaps are kept", () => {
  assert.deepEqual(parseSubtitles(fixture("out_of_order_overlapping.srt")), [
    cue(1, 5, "First, long."),
    cue(4, 6, "Second, overlapping the first."),
    cue(4, 4.5, "Starts with the second."),
    cue(10, 12, "Third in time."),
  ]);
});

Deno.test("markup is removed: <i> <b> <u> <font>, {\\an8}, <br>; entities decoded", () => {
  assert.deepEqual(parseSubtitles(fixture("markup.srt")), [
    cue(1, 2, "Italic and bold and under"),
    cue(3, 4, "Yellow, on top"),
    cue(5, 6, "Line one\nline two\nline three"),
    cue(7, 8, "Tom & Jerry: 3 < 4, I <3 you, a -> b"),
  ]);
});

Deno.test("WebVTT: header, STYLE, NOTE and REGION blocks, identifiers, settings, voice tags", () => {
  assert.deepEqual(parseSubtitles(fixture("webvtt.vtt")), [
    cue(1, 3.5, "Hello & welcome"),
    cue(4, 6, "Yellow karaoke"),
    cue(3723.25, 3724, "<not a tag> and “quotes”"),
  ]);
});

Deno.test("a cue with an unreadable timing is skipped; one ending before it starts is kept", () => {
  assert.deepEqual(parseSubtitles(fixture("damaged_cue.srt")), [
    cue(1, 2, "Fine."),
    cue(5, 7, "End before start."), // shown for 2 s: the end time was mistyped
    cue(7, 8, "Fine again."),
  ]);
});

Deno.test("zero bytes and an end-of-file mark after the last cue are ignored", () => {
  assert.deepEqual(parseSubtitles(fixture("trailing_padding.srt")), [cue(1, 2, "Padded file.")]);
});

Deno.test("text and bytes give the same cues; a BOM in a string is dropped", () => {
  const bytes = fixture("editor_utf8_bom_crlf.srt");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  assert.equal(text.charCodeAt(0), 0xfeff);
  assert.deepEqual(parseSubtitles(text), parseSubtitles(bytes));
  assert.deepEqual(parseSubtitles(bytes.buffer as ArrayBuffer), parseSubtitles(bytes));
});

Deno.test("text that merely contains an arrow or timestamps in markup stays text", () => {
  const srt = "1\n00:00:01,000 --> 00:00:02,000\n<i>00:00:05,000 --> 00:00:06,000</i>\n" +
    "I'm going --> there\n\n2\n00:00:03,000 --> 00:00:04,000\nNext\n";
  assert.deepEqual(parseSubtitles(srt), [
    cue(1, 2, "00:00:05,000 --> 00:00:06,000\nI'm going --> there"),
    cue(3, 4, "Next"),
  ]);
});

Deno.test("a blank line ends a cue's text, as in players; a number above a timing is its number", () => {
  const srt = "1\n00:00:01,000 --> 00:00:02,000\nShown\n\nstray text, not shown\n" +
    "00:00:03,000 --> 00:00:04,000\nThe year was\n1984\n00:00:05,000 --> 00:00:06,000\nLast\n";
  assert.deepEqual(parseSubtitles(srt), [
    cue(1, 2, "Shown"),
    cue(3, 4, "The year was"), // "1984" right above a timing line reads as the next cue's number
    cue(5, 6, "Last"),
  ]);
});

Deno.test("a long run of digits in a cue is shortened (and does not stall srt-parser-2)", () => {
  const cues = parseSubtitles(`1\n00:00:01,000 --> 00:00:02,000\n${"9".repeat(100_000)}\n`);
  assert.deepEqual(cues, [cue(1, 2, "9".repeat(32) + "…")]);
});

Deno.test("the same text twice, at different times, stays two cues", () => {
  const srt =
    "1\n00:00:01,000 --> 00:00:02,000\nAgain\n\n2\n00:00:03,000 --> 00:00:04,000\nAgain\n";
  assert.deepEqual(parseSubtitles(srt), [cue(1, 2, "Again"), cue(3, 4, "Again")]);
});
