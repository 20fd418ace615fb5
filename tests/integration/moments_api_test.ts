/**
 * `GET /api/films/:slug/audience`, which the moments player fetches when the film is opened:
 * the film's per-second aggregate, lean, matching the store's; 404 for an unknown film.
 */
import assert from "node:assert/strict";
import { audienceTrack, extractSegments } from "@/lib/moments/mod.ts";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { testApp, testStore } from "@/tests/helpers/app.ts";

const store = await testStore();
const app = await testApp(store);

async function recordViewing(seed: number): Promise<string> {
  const created = await app.request("/api/screenings", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Audience film", year: 2001, durationSec: 300 }),
  });
  assert.equal(created.status, 201);
  const { id, token } = await created.json();
  const auth = { authorization: `Bearer ${token}` };
  for (const [seq, seconds] of sampleMinutes(seed, 3).entries()) {
    const put = await app.request(`/api/screenings/${id}/minutes/${seq}`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ seconds }),
    });
    assert.ok(put.ok, await put.text());
  }
  const finished = await app.request(`/api/screenings/${id}/finish`, {
    method: "POST",
    headers: auth,
  });
  assert.ok(finished.ok, await finished.text());
  return id;
}

Deno.test("the audience endpoint answers the film's aggregate, lean", async () => {
  const empty = await app.request("/api/films/audience-film-2001/audience");
  assert.equal(empty.status, 404);

  await recordViewing(1);
  const one = await (await app.request("/api/films/audience-film-2001/audience")).json();
  assert.deepEqual(one.film, {
    slug: "audience-film-2001",
    title: "Audience film",
    durationSec: 300,
    viewings: 1,
  });
  await recordViewing(2);
  const res = await app.request("/api/films/audience-film-2001/audience");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  const body = await res.json();
  assert.equal(body.film.viewings, 2);
  const stored = await store.readAudience("audience-film-2001");
  assert.equal(body.seconds.length, stored.length);
  assert.deepEqual(
    body.seconds,
    stored.map(({ t, viewers, faces, counts }) => ({ t, viewers, faces, counts })),
  );
  assert.ok(body.seconds.some((s: { viewers: number }) => s.viewers === 2));
  // What the player makes of it is what the store's aggregate gives.
  const lean = body.seconds.map((s: object) => ({ ...s, contribution: 0, movement: 0 }));
  const expressions = ["happy", "surprise", "sad"] as const;
  assert.deepEqual(
    extractSegments(audienceTrack(lean), expressions, 300),
    extractSegments(audienceTrack(stored), expressions, 300),
  );
});

Deno.test("an unknown or malformed film slug is a JSON 404", async () => {
  for (const slug of ["no-such-film", "..%2F..", "UPPER"]) {
    const res = await app.request(`/api/films/${slug}/audience`);
    assert.equal(res.status, 404, slug);
    assert.match((await res.json()).error, /No film/);
  }
});
