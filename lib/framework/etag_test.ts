import assert from "node:assert/strict";
import { matchesETag, pageETag } from "./etag.ts";

const request = (ifNoneMatch?: string) =>
  new Request("http://x/", { headers: ifNoneMatch ? { "if-none-match": ifNoneMatch } : {} });

Deno.test("a page's ETag changes with its data and context, not with derived fields", async () => {
  const a = await pageETag({ film: { stats: 1 }, chart: [1, 2] }, ["light"]);
  assert.match(a, /^W\/"[\w-]{24}"$/);
  assert.equal(await pageETag({ film: { stats: 1 }, chart: [3] }, ["light"]), a);
  assert.notEqual(await pageETag({ film: { stats: 2 }, chart: [1, 2] }, ["light"]), a);
  assert.notEqual(await pageETag({ film: { stats: 1 }, chart: [1, 2] }, ["dark"]), a);
});

Deno.test("If-None-Match names the page's version: weakly, in a list, or as *", () => {
  const etag = 'W/"abc"';
  assert.ok(matchesETag(request('W/"abc"'), etag));
  assert.ok(matchesETag(request('"x", "abc"'), etag));
  assert.ok(matchesETag(request("*"), etag));
  assert.ok(!matchesETag(request('W/"abd"'), etag));
  assert.ok(!matchesETag(request(), etag));
});
