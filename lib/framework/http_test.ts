import assert from "node:assert/strict";
import { HttpError, InputError } from "./errors.ts";
import { json, readJson, readOptionalJson, textStream } from "./http.ts";

Deno.test("JSON answers are never cached and say their length", async () => {
  const res = json({ word: "é" }, 201, { location: "/x" });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.equal(res.headers.get("content-length"), "13", '{"word":"é"} is 13 bytes in UTF-8');
  assert.equal(res.headers.get("location"), "/x");
  assert.deepEqual(await res.json(), { word: "é" });
});

const post = (body: string | null, type = "application/json") =>
  new Request("http://x/", { method: "POST", headers: { "content-type": type }, body });

Deno.test("a JSON body: its type, its encoding and its syntax are each a clear refusal", async () => {
  assert.deepEqual(await readJson(post('{"a":1}')), { a: 1 });
  await assert.rejects(() => readJson(post('{"a":1}', "text/plain")), HttpError);
  await assert.rejects(
    () =>
      readJson(
        new Request("http://x/", {
          method: "POST",
          body: new Uint8Array([0x7b, 0xff]),
          headers: { "content-type": "application/json" },
        }),
      ),
    (e) => e instanceof InputError && e.message === "body: must be UTF-8 text",
  );
  await assert.rejects(() => readJson(post("{")), /body: must be valid JSON/);
  await assert.rejects(() => readJson(post("  ")), /body: must be a JSON object, got nothing/);
});

Deno.test("an optional JSON body may be nothing at all, whatever the headers", async () => {
  assert.equal(await readOptionalJson(post(null, "")), undefined);
  assert.equal(await readOptionalJson(post("", "text/plain")), undefined);
  assert.deepEqual(await readOptionalJson(post("{}")), {});
  await assert.rejects(
    () => readOptionalJson(post("x", "text/plain")),
    (e) => e instanceof HttpError && e.status === 415,
  );
});

Deno.test("a text stream lets other work run while a reader that never waits drains it", async () => {
  // Ten pieces of 4 ms of work each: 40 ms in all, read in a loop with nothing to wait for.
  function* pieces() {
    for (let k = 0; k < 10; k++) {
      const until = performance.now() + 4;
      while (performance.now() < until) { /* work */ }
      yield `${k},`;
    }
  }
  let timerRanAfterPieces = -1;
  let produced = 0;
  const counted = (function* () {
    for (const piece of pieces()) {
      produced++;
      yield piece;
    }
  })();
  setTimeout(() => timerRanAfterPieces = produced, 0);
  const reader = textStream(counted).getReader();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  assert.equal(text, "0,1,2,3,4,5,6,7,8,9,");
  assert.ok(
    timerRanAfterPieces >= 0 && timerRanAfterPieces < 10,
    `a timer due at once ran only after all ${produced} pieces`,
  );
});
