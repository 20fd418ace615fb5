import assert from "node:assert/strict";
import {
  datasetsBaseUrl,
  datasetUrl,
  ifRangeValidator,
  md5OfEtag,
  parseContentRange,
  parseRemoteFile,
  planAnswer,
  type RemoteFile,
  requestHeaders,
  sizeProblem,
} from "./download.ts";

const URL_ = "http://127.0.0.1:9/title.basics.tsv.gz";
const remote = (over: Partial<RemoteFile> = {}): RemoteFile => ({
  url: URL_,
  etag: '"0123456789abcdef0123456789abcdef"',
  lastModified: "Sat, 06 Dec 2025 07:00:00 GMT",
  size: 1000,
  ...over,
});
const answer = (status: number, over: Record<string, string | null> = {}) => ({
  status,
  contentLength: null,
  contentRange: null,
  etag: '"0123456789abcdef0123456789abcdef"',
  lastModified: null,
  ...over,
});

Deno.test("the base URL: the flag, else the environment, else IMDb's; always ending in /", () => {
  assert.equal(datasetsBaseUrl(undefined, undefined), "https://datasets.imdbws.com/");
  assert.equal(
    datasetsBaseUrl(undefined, "http://127.0.0.1:8080/imdb"),
    "http://127.0.0.1:8080/imdb/",
  );
  assert.equal(datasetsBaseUrl("http://mirror/x/", "http://env/"), "http://mirror/x/");
  assert.equal(datasetsBaseUrl("  ", "http://env/"), "http://env/");
  assert.throws(() => datasetsBaseUrl("ftp://x/", undefined), /not http\(s\)/);
  assert.throws(() => datasetsBaseUrl("nope", undefined), /is not a URL/);
  assert.equal(
    datasetUrl("http://127.0.0.1:8080/imdb/", "title.akas"),
    "http://127.0.0.1:8080/imdb/title.akas.tsv.gz",
  );
});

Deno.test("a part of 400 bytes is continued from byte 400, tied to its ETag", () => {
  assert.deepEqual(requestHeaders({ bytes: 400, remote: remote() }, null), {
    range: "bytes=400-",
    "if-range": '"0123456789abcdef0123456789abcdef"',
  });
  // A weak ETag cannot tie a range; Last-Modified can; with neither the part is not continued.
  assert.equal(ifRangeValidator(remote({ etag: 'W/"x"' })), "Sat, 06 Dec 2025 07:00:00 GMT");
  assert.deepEqual(
    requestHeaders({ bytes: 400, remote: remote({ etag: null, lastModified: null }) }, null),
    {},
  );
});

Deno.test("a complete download is asked for again only if the server's file changed", () => {
  assert.deepEqual(requestHeaders(null, remote()), {
    "if-none-match": '"0123456789abcdef0123456789abcdef"',
  });
  assert.deepEqual(requestHeaders(null, remote({ etag: null })), {
    "if-modified-since": "Sat, 06 Dec 2025 07:00:00 GMT",
  });
  assert.deepEqual(requestHeaders(null, null), {});
});

Deno.test("Content-Range headers are read, others are not", () => {
  assert.deepEqual(parseContentRange("bytes 400-999/1000"), { start: 400, end: 999, total: 1000 });
  assert.deepEqual(parseContentRange("bytes */1000"), { start: null, end: null, total: 1000 });
  assert.equal(parseContentRange("items 1-2/3"), null);
  assert.equal(parseContentRange(null), null);
});

Deno.test("answers: 200 starts over, 206 from byte 400 appends, 304 keeps the file", () => {
  assert.deepEqual(planAnswer(URL_, answer(200, { contentLength: "1000" }), 400, remote()), {
    kind: "start",
    remote: { ...remote(), lastModified: null },
  });
  assert.equal(
    planAnswer(URL_, answer(206, { contentRange: "bytes 400-999/1000" }), 400, remote()).kind,
    "append",
  );
  assert.deepEqual(planAnswer(URL_, answer(304), 0, null), { kind: "up to date" });
});

Deno.test("a 206 that is not the rest of the same file drops the part", () => {
  const from0 = planAnswer(URL_, answer(206, { contentRange: "bytes 0-999/1000" }), 400, remote());
  assert.equal(from0.kind, "restart");
  const grown = planAnswer(
    URL_,
    answer(206, { contentRange: "bytes 400-1199/1200" }),
    400,
    remote(),
  );
  assert.deepEqual(grown, { kind: "restart", reason: "the file is now 1200 bytes, not 1000" });
});

Deno.test("a 416 for a part that already holds all 1000 bytes means: verify it", () => {
  const done = planAnswer(URL_, answer(416, { contentRange: "bytes */1000" }), 1000, remote());
  assert.deepEqual(done, { kind: "complete part" });
  const other = planAnswer(URL_, answer(416, { contentRange: "bytes */900" }), 1000, remote());
  assert.equal(other.kind, "restart");
});

Deno.test("a missing file or a server error fails with the address", () => {
  assert.deepEqual(planAnswer(URL_, answer(404), 0, null), {
    kind: "fail",
    reason: `${URL_} was not found (404): is the address right?`,
  });
  assert.equal(planAnswer(URL_, answer(503), 0, null).kind, "fail");
});

Deno.test("an ETag states an MD5 only when it is 32 hex digits, strong and single-part", () => {
  assert.equal(md5OfEtag('"0123456789ABCDEF0123456789abcdef"'), "0123456789abcdef0123456789abcdef");
  assert.equal(md5OfEtag('W/"0123456789abcdef0123456789abcdef"'), null);
  assert.equal(md5OfEtag('"0123456789abcdef0123456789abcdef-12"'), null);
  assert.equal(md5OfEtag(null), null);
});

Deno.test("a download of 999 of 1000 bytes is short, 1001 too long, unknown sizes pass", () => {
  assert.equal(sizeProblem(remote(), 999), "it has 999 of its 1000 bytes");
  assert.equal(sizeProblem(remote(), 1001), "it has 1001 bytes, more than the 1000 announced");
  assert.equal(sizeProblem(remote(), 1000), null);
  assert.equal(sizeProblem(remote({ size: null }), 5), null);
});

Deno.test("stored server facts are read back, and a damaged record is ignored", () => {
  assert.deepEqual(parseRemoteFile(JSON.stringify(remote())), remote());
  assert.equal(parseRemoteFile("{"), null);
  assert.equal(parseRemoteFile(JSON.stringify({ ...remote(), size: -1 })), null);
});
