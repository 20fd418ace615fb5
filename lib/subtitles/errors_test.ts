/** What is not subtitles: a SubtitleError naming the first line that could not be read. */
import assert from "node:assert/strict";
import { MAX_SUBTITLE_BYTES, parseSubtitles, SubtitleError } from "./mod.ts";

function fixture(name: string): Uint8Array {
  return Deno.readFileSync(new URL(`../../tests/fixtures/subtitles/${name}`, import.meta.url));
}

function errorOf(input: unknown): SubtitleError {
  try {
    parseSubtitles(input as string);
  } catch (error) {
    assert.ok(error instanceof SubtitleError, `not a SubtitleError: ${error}`);
    return error;
  }
  assert.fail("parsed without an error");
}

Deno.test("prose names its first line and says no timings were found", () => {
  const error = errorOf(fixture("prose.txt"));
  assert.equal(error.kind, "no-timings");
  assert.equal(error.line, 1);
  assert.equal(error.excerpt, "Chapter one");
  assert.match(error.message, /No subtitle timings were found/);
  assert.match(error.message, /Line 1 could not be read: "Chapter one"/);
  assert.equal(error.name, "SubtitleError");
  assert.ok(error instanceof Error);
});

Deno.test("the first line named is the first non-blank one", () => {
  const error = errorOf("\n\n   \nHello there\nmore\n");
  assert.equal(error.line, 4);
  assert.equal(error.excerpt, "Hello there");
});

Deno.test("another subtitle format (MicroDVD) is not read", () => {
  const error = errorOf(fixture("microdvd.sub"));
  assert.equal(error.kind, "no-timings");
  assert.equal(error.line, 1);
  assert.equal(error.excerpt, "{0}{25}Hello there.");
});

Deno.test("when every timing line is unreadable, the first of them is named", () => {
  const error = errorOf("1\n00:00:01:12 --> 00:00:02:05\nFrames\n\n2\n00:00:03 -- 00:00:04\nB\n");
  assert.equal(error.kind, "no-timings");
  assert.equal(error.line, 2);
  assert.equal(error.excerpt, "00:00:01:12 --> 00:00:02:05");
});

Deno.test("mostly unreadable timings (frames, not milliseconds) are not subtitles we can time", () => {
  const error = errorOf(fixture("frames_timing.srt"));
  assert.equal(error.kind, "mostly-unreadable");
  assert.equal(error.line, 2);
  assert.match(error.message, /Most timing lines could not be read \(3 of 4\)/);
});

Deno.test("as many readable timings as unreadable ones is tolerable damage", () => {
  const cues = parseSubtitles(
    "1\n00:00:01,000 --> 00:00:02,000\nKept\n\n2\n00:00:0x,000 --> 00:00:04,000\nLost\n",
  );
  assert.deepEqual(cues, [{ start: 1, end: 2, text: "Kept" }]);
});

Deno.test("a video picked by mistake is not a text file", () => {
  const error = errorOf(fixture("video.mp4"));
  assert.equal(error.kind, "not-text");
  assert.equal(error.line, 1);
  assert.match(error.excerpt, /ftypisom/);
  assert.ok(error.excerpt.length <= 40);
});

Deno.test("empty files: no bytes, only a BOM and blank lines, only zero bytes", () => {
  for (const input of [new Uint8Array(0), "", fixture("empty.srt"), new Uint8Array(64)]) {
    const error = errorOf(input);
    assert.equal(error.kind, "empty");
    assert.equal(error.line, 1);
    assert.match(error.message, /The file is empty/);
  }
});

Deno.test("a file larger than any subtitles is refused before it is decoded", () => {
  const bytes = new Uint8Array(MAX_SUBTITLE_BYTES + 1).fill(0x41);
  bytes.set(new TextEncoder().encode("first line\n"));
  const error = errorOf(bytes);
  assert.equal(error.kind, "too-large");
  assert.equal(error.excerpt, "first line");
  assert.match(error.message, /too large for subtitles/);
});

Deno.test("something that is neither text nor bytes is a SubtitleError too", () => {
  for (const input of [undefined, null, 42, {}, [1, 2]]) {
    assert.equal(errorOf(input).kind, "not-text");
  }
});

Deno.test("a long first line is shortened in the message; control characters are shown as �", () => {
  const error = errorOf("x".repeat(100) + "\n");
  assert.equal(error.excerpt, "x".repeat(39) + "…");
  assert.equal(errorOf("a\u0001b no timing here").excerpt, "a\uFFFDb no timing here");
});
