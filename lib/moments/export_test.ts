import assert from "node:assert/strict";
import {
  chaptersVtt,
  commentText,
  DEFAULT_MOMENT_OPTIONS,
  downloadName,
  fileStem,
  highlightsFile,
  highlightsFileName,
  type HighlightsInput,
  type MomentsDocument,
  MomentsFormatError,
  momentsJson,
  parseMomentsJson,
  type Segment,
  segmentTitle,
} from "./mod.ts";

const SEGMENTS: Segment[] = [
  { start: 39, end: 58, expression: "happy", confidence: 0.82 },
  { start: 95, end: 103, expression: "surprise", confidence: 0.613 },
  { start: 3595.5, end: 3720.25, expression: "sad", confidence: 0.5 },
];

/** Reads WebVTT strictly enough to catch a malformed file: header, then timed cues. */
function readVtt(vtt: string): { start: number; end: number; text: string }[] {
  const blocks = vtt.replace(/\n+$/, "").split(/\n\n/);
  assert.equal(blocks[0], "WEBVTT");
  const time = (s: string) => {
    const m = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/.exec(s);
    assert.ok(m, `bad timestamp ${s}`);
    return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
  };
  return blocks.slice(1).map((block) => {
    const [timing, ...text] = block.split("\n");
    const [start, end] = timing.split(" --> ");
    assert.ok(!text.join("\n").includes("-->"));
    return { start: time(start), end: time(end), text: text.join("\n") };
  });
}

Deno.test("chapters: valid WebVTT with exactly one titled cue per segment", () => {
  const cues = readVtt(chaptersVtt(SEGMENTS));
  assert.deepEqual(cues, [
    { start: 39, end: 58, text: "Happy · 0:39–0:58" },
    { start: 95, end: 103, text: "Surprise · 1:35–1:43" },
    { start: 3595.5, end: 3720.25, text: "Sad · 59:55–1:02:00" },
  ]);
  assert.equal(chaptersVtt([]), "WEBVTT\n");
  assert.equal(segmentTitle(SEGMENTS[0]), "Happy · 0:39–0:58");
});

const DOC: MomentsDocument = {
  format: "reelfeel-moments",
  version: 1,
  film: { slug: "the-film-2020", title: 'The "Film"', durationSec: 5400.04 },
  source: "viewing",
  screeningId: "abc",
  expressions: ["happy", "surprise", "sad"],
  options: {
    gapToleranceSec: 2,
    minLengthSec: 3,
    padBeforeSec: 3,
    padAfterSec: 2,
    audienceShare: 0.4,
    maxLengthSec: 60,
    standOut: 0.2,
  },
  minViewers: 1,
  segments: SEGMENTS,
};

Deno.test("JSON: the export reads back as it was written; other files are refused", () => {
  assert.deepEqual(parseMomentsJson(momentsJson(DOC)), DOC);
  const audience = {
    ...DOC,
    source: "audience" as const,
    screeningId: null,
    minViewers: 3,
    segments: [],
  };
  assert.deepEqual(parseMomentsJson(momentsJson(audience)), audience);
  const broken = [
    "not json",
    "[]",
    JSON.stringify({ ...DOC, format: "other" }),
    JSON.stringify({ ...DOC, version: 2 }),
    JSON.stringify({ ...DOC, expressions: ["joy"] }),
    JSON.stringify({ ...DOC, segments: [{ ...SEGMENTS[0], end: 10 }] }),
    JSON.stringify({ ...DOC, segments: [{ ...SEGMENTS[0], expression: "bored" }] }),
    JSON.stringify({ ...DOC, options: { ...DOC.options, padAfterSec: -1 } }),
  ];
  for (const text of broken) assert.throws(() => parseMomentsJson(text), MomentsFormatError, text);
});

Deno.test("file names: stems, the highlights file, and safe download names", () => {
  assert.equal(fileStem("My film.final.mkv"), "My film.final");
  assert.equal(fileStem("noext"), "noext");
  assert.equal(fileStem(""), "film");
  assert.equal(highlightsFileName('It\'s a "film".mp4'), 'It\'s a "film"_highlights.mp4');
  assert.equal(downloadName('a:b|c"d.mp4', "_moments.vtt"), "a_b_c_d_moments.vtt");
  assert.equal(commentText("one\ntwo\r\nthree\u2028four"), "one two three four");
});

Deno.test("highlightsFile: each kind named after the film file, holding the moments on show", () => {
  const segments: Segment[] = [{ start: 17, end: 32, expression: "happy", confidence: 0.76 }];
  const input: HighlightsInput = {
    film: { slug: "film-2020", title: "Film", durationSec: 180 },
    fileName: "My Film.mkv",
    source: "audience",
    screeningId: "ignored-for-the-audience",
    expressions: ["happy"],
    options: { ...DEFAULT_MOMENT_OPTIONS },
    minViewers: 3,
    segments,
    sourceLabel: "the audience",
  };
  const vtt = highlightsFile("vtt", input);
  assert.deepEqual([vtt.fileName, vtt.type], ["My Film_moments.vtt", "text/vtt"]);
  assert.match(vtt.text, /00:00:17\.000 --> 00:00:32\.000\nHappy · 0:17–0:32/);
  const json = highlightsFile("json", input);
  assert.equal(json.fileName, "My Film_moments.json");
  const doc = parseMomentsJson(json.text);
  assert.deepEqual(doc.segments, segments);
  assert.equal(doc.screeningId, null, "an audience export names no viewing");
  assert.equal(doc.minViewers, 3);
  const viewing = parseMomentsJson(
    highlightsFile("json", { ...input, source: "viewing", screeningId: "v1" }).text,
  );
  assert.equal(viewing.screeningId, "v1");
  const sh = highlightsFile("sh", input);
  assert.deepEqual([sh.fileName, sh.type], ["My Film_highlights.sh", "text/x-shellscript"]);
  assert.match(sh.text, /1 moment \(happy\) of the audience/);
  assert.match(sh.text, /in='\.\/My Film\.mkv'/);
});
