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

Deno.test("derived fields are left out at any depth, in arrays too, and the data is untouched", async () => {
  const data = {
    cards: [{ slug: "a", poster: [1, 2] }, { slug: "b", finished: { minutes: [1], rating: 70 } }],
    when: new Date(0),
  };
  const a = await pageETag(data, []);
  const otherMinutes = structuredClone(data);
  otherMinutes.cards[1].finished!.minutes = [2, 3];
  assert.equal(await pageETag(otherMinutes, []), a);
  const otherRating = structuredClone(data);
  otherRating.cards[1].finished!.rating = 71;
  assert.notEqual(await pageETag(otherRating, []), a);
  const otherPoster = structuredClone(data);
  otherPoster.cards[0].poster = [1, 3];
  assert.notEqual(await pageETag(otherPoster, []), a);
  assert.notEqual(await pageETag({ ...data, when: new Date(1) }, []), a);
  assert.deepEqual(data.cards[1].finished, { minutes: [1], rating: 70 });
});

Deno.test("If-None-Match names the page's version: weakly, in a list, or as *", () => {
  const etag = 'W/"abc"';
  assert.ok(matchesETag(request('W/"abc"'), etag));
  assert.ok(matchesETag(request('"x", "abc"'), etag));
  assert.ok(matchesETag(request("*"), etag));
  assert.ok(!matchesETag(request('W/"abd"'), etag));
  assert.ok(!matchesETag(request(), etag));
});
