import assert from "node:assert/strict";
import { filmLength, filmProblem } from "./problems.ts";
import { fileMismatch, fileSize, newViewing, recordSecond, resumeAt } from "./saved_viewing.ts";

Deno.test("films the browser cannot play are named with a way out", () => {
  assert.match(filmProblem(4, "a.mkv"), /cannot play "a\.mkv".*MP4/);
  assert.match(filmProblem(null, "a.mkv"), /cannot play/);
  assert.match(filmProblem(3, "a.mkv"), /damaged/);
  assert.match(filmProblem(2, "a.mkv"), /could not be read/);
  assert.equal(filmLength(5399.6, "a"), 5400);
  assert.equal(filmLength(0.2, "a"), 1);
  assert.match(String(filmLength(Infinity, "a")), /cannot tell how long/);
  assert.match(String(filmLength(NaN, "a")), /cannot tell how long/);
  assert.match(String(filmLength(13 * 3600, "a")), /12 hours/);
});

Deno.test("viewing: seconds and minute documents, and where to resume", () => {
  let record = newViewing({
    screeningId: "abc",
    token: "t",
    film: { slug: "f", title: "F", year: null },
    durationSec: 200,
    file: { name: "f.mp4", size: 1234 },
    subtitles: null,
    startedAt: "2026-01-01T00:00:00Z",
  });
  assert.equal(resumeAt(record), 0);
  let documents = 0;
  for (let t = 0; t < 75; t++) {
    const next = recordSecond(record, {
      t,
      face: false,
      emotion: null,
      probs: null,
      movement: 0,
      frames: 1,
      line: null,
    }, "2026-01-01T00:01:00Z");
    record = next.record;
    if (next.document) documents++;
  }
  assert.equal(documents, 1);
  assert.equal(record.recordedSec, 75);
  assert.equal(record.lastT, 74);
  assert.equal(record.batch.nextSeq, 1);
  assert.equal(record.batch.seconds.length, 15);
  assert.equal(resumeAt(record), 75);
  assert.equal(resumeAt({ ...record, lastT: 200 }), 200);
});

Deno.test("resume: only the same file (name and size) continues a viewing", () => {
  const expected = { name: "Film.mkv", size: 700_000_000 };
  assert.equal(fileMismatch(expected, { ...expected }), null);
  assert.match(
    fileMismatch(expected, { name: "Other.mkv", size: 700_000_000 })!,
    /is not "Film\.mkv"/,
  );
  assert.match(fileMismatch(expected, { name: "Film.mkv", size: 5 })!, /different size/);
  assert.equal(fileSize(700_000_000), "700 MB");
  assert.equal(fileSize(1_500), "1.5 KB");
  assert.equal(fileSize(12), "12 bytes");
});
