/**
 * The server's edge under hostile or careless requests: every body is bounded before it is
 * parsed (413 beyond), finishing needs no body, small bodies are small everywhere, and no text
 * field takes a control character. Over a real socket where `fetch` would hide the point.
 */
import assert from "node:assert/strict";
import { MAX_BODY_BYTES } from "@/lib/api/minute_input.ts";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/framework/http.ts";
import { rawStatus } from "@/tests/helpers/raw_http.ts";
import { serve } from "@/tests/helpers/server.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import {
  apiFixture,
  createViewing,
  JSON_TYPE,
  minuteBody,
  putMinute,
  storeSnapshot,
} from "./_api.ts";

const encoder = new TextEncoder();

Deno.test("a huge form to /theme is answered 413 before its body is sent, and the server stays up", async () => {
  const server = serve(await testApp());
  try {
    // 540 MB declared (what once killed the server); only the first 64 KB is ever sent.
    const status = await rawStatus(server.url, [
      "POST /theme HTTP/1.1",
      "Host: localhost",
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${540 * 1024 * 1024}`,
    ], encoder.encode("a=&".repeat(64 * 1024 / 3)));
    assert.equal(status, 413);
    // A body of unknown length is read no further than the bound either.
    const chunked = await fetch(`${server.url}/theme`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: ReadableStream.from([encoder.encode("theme=dark&" + "a=&".repeat(8 * 1024))]),
    });
    assert.equal(chunked.status, 413);
    assert.match(await chunked.text(), /This request was refused.*body: must be at most 16 KB/s);
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200, "the server still answers");
    await page.body?.cancel();
  } finally {
    await server.close();
  }
});

Deno.test("huge JSON to every API write route is answered 413 before it is read, changing nothing", async () => {
  const { app, store } = await apiFixture();
  const viewing = await createViewing(app);
  const before = await storeSnapshot(store);
  const server = serve(app);
  const auth = `Authorization: Bearer ${viewing.token}`;
  const writes: [string, number][] = [
    ["POST /api/screenings", DEFAULT_MAX_BODY_BYTES],
    [`PUT /api/screenings/${viewing.id}/minutes/0`, MAX_BODY_BYTES],
    [`POST /api/screenings/${viewing.id}/finish`, DEFAULT_MAX_BODY_BYTES],
    [`DELETE /api/screenings/${viewing.id}`, DEFAULT_MAX_BODY_BYTES],
    [`PUT /api/films/${viewing.film.slug}/imdb`, DEFAULT_MAX_BODY_BYTES],
    ["POST /api/v1/recommend", DEFAULT_MAX_BODY_BYTES],
  ];
  try {
    for (const [route, bound] of writes) {
      // Declared 100 MB, one byte over the bound sent: the answer must not wait for the rest.
      const status = await rawStatus(server.url, [
        `${route} HTTP/1.1`,
        "Host: localhost",
        "Content-Type: application/json",
        auth,
        `Content-Length: ${100 * 1024 * 1024}`,
      ], encoder.encode(`{"title":"${"x".repeat(bound)}`));
      assert.equal(status, 413, route);
      // Exactly one byte over the bound, sent whole: 413 with the JSON error.
      const [method, path] = route.split(" ");
      const res = await fetch(server.url + path, {
        method,
        headers: { ...JSON_TYPE, authorization: `Bearer ${viewing.token}` },
        body: " ".repeat(bound - 2) + "{}" + " ",
      });
      assert.equal(res.status, 413, route);
      assert.deepEqual(await res.json(), { error: `body: must be at most ${bound / 1024} KB` });
    }
    assert.deepEqual(await storeSnapshot(store), before);
    assert.equal((await fetch(`${server.url}/api/films`)).status, 200, "the server still answers");
  } finally {
    await server.close();
  }
});

Deno.test("creating a screening takes 16 KB like every small body, not 256 KB", async () => {
  const { app, store } = await apiFixture();
  const body = (padding: number) =>
    JSON.stringify({ title: "Ran", durationSec: 9720 }) + " ".repeat(padding);
  const request = (text: string) =>
    app.request("/api/screenings", { method: "POST", headers: JSON_TYPE, body: text });
  const padding = DEFAULT_MAX_BODY_BYTES - body(0).length;
  assert.equal((await request(body(padding))).status, 201, "16 KB exactly is fine");
  const over = await request(body(padding + 1));
  assert.equal(over.status, 413);
  assert.deepEqual(await over.json(), { error: "body: must be at most 16 KB" });
  assert.equal((await storeSnapshot(store)).screenings.length, 1);
});

Deno.test("finishing needs no body: a POST with neither body nor Content-Length finishes", async () => {
  const { app, store } = await apiFixture();
  const viewing = await createViewing(app);
  assert.equal((await putMinute(app, viewing, 0, minuteBody(sampleSeconds(4, 0, 60)))).status, 201);
  const server = serve(app);
  try {
    const status = await rawStatus(server.url, [
      `POST /api/screenings/${viewing.id}/finish HTTP/1.1`,
      "Host: localhost",
      `Authorization: Bearer ${viewing.token}`,
      "Connection: close",
    ]);
    assert.equal(status, 200);
  } finally {
    await server.close();
  }
  assert.equal((await store.getViewing(viewing.id))!.state, "finished");
  // An empty JSON object is still fine, and anything else is still refused.
  const withEmpty = await app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { ...JSON_TYPE, authorization: `Bearer ${viewing.token}` },
    body: "{}",
  });
  assert.equal(withEmpty.status, 200);
  const asText = await app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { "content-type": "text/plain", authorization: `Bearer ${viewing.token}` },
    body: "finish",
  });
  assert.equal(asText.status, 415);
});

const CONTROLS = [
  "\u0000Secret Film",
  "Secret\u0007Film",
  "Secret\tFilm",
  "Secret Film\n",
  "Secret\u007fFilm",
  "Secret\u009bFilm",
];

Deno.test("a title holding a control character is refused naming the field, and nothing is stored", async () => {
  const { app, store } = await apiFixture();
  for (const title of CONTROLS) {
    const res = await app.request("/api/screenings", {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify({ title, durationSec: 5400 }),
    });
    assert.equal(res.status, 400, JSON.stringify(title));
    const body = await res.json();
    assert.equal(body.field, "title");
    assert.match(body.error, /^title: must not contain control characters/);
  }
  assert.deepEqual(await storeSnapshot(store), { films: [], audiences: [], screenings: [] });
});

Deno.test("search, recommend and film links refuse control characters naming the field", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app);
  const search = await app.request(
    `/api/catalog/search?title=${encodeURIComponent("Secret\u0000Film")}`,
  );
  assert.equal(search.status, 400);
  assert.deepEqual(await search.json(), {
    error: "title: must not contain control characters (U+0000–U+001F, U+007F–U+009F)",
    field: "title",
  });
  for (const field of ["actor", "language"]) {
    const res = await app.request("/api/v1/recommend", {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify({ emotion: "sad", recommendation_type: "improve", [field]: "fr\u0000" }),
    });
    assert.equal(res.status, 400, field);
    assert.equal((await res.json()).field, field);
  }
  const link = await app.request(`/api/films/${viewing.film.slug}/imdb`, {
    method: "PUT",
    headers: { ...JSON_TYPE, authorization: `Bearer ${viewing.token}` },
    body: JSON.stringify({ tconst: "tt0133093", screeningId: `${viewing.id}\u0000` }),
  });
  assert.equal(link.status, 400);
  assert.equal((await link.json()).field, "screeningId");
  // The page's form goes through the same rule, and says so on the page.
  const page = await app.request("/recommend?emotion=sad&type=improve&actor=A%00B");
  assert.equal(page.status, 400);
  assert.match(await page.text(), /actor: must not contain control characters/);
});
