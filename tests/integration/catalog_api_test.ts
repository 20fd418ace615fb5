/**
 * The catalog over HTTP: mood recommendations (`POST /api/v1/recommend`), title search and
 * film links, and the `/recommend` page rendered on the server (the no-JavaScript path).
 */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { MOOD_GENRES, RECOMMENDATION_TYPES } from "@/lib/recommend/moods.ts";
import { type ApiMovie, EMPTY_CATALOG_MESSAGE } from "@/lib/recommend/recommend.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";
import type { Store } from "@/lib/store/port.ts";
import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { testApp, testStore } from "@/tests/helpers/app.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { createViewing, JSON_TYPE, minuteBody, putMinute } from "./_api.ts";

interface Fixture {
  app: Hono;
  store: Store;
  catalog: CatalogPort;
}

async function fixture(catalog?: CatalogPort): Promise<Fixture> {
  const store = await testStore();
  const c = catalog ?? await fixtureCatalog();
  return { app: await testApp(store, c), store, catalog: c };
}

const full = await fixture();
const empty = await fixture(openMemoryCatalog());

function recommend(app: Hono, body: unknown, headers: Record<string, string> = JSON_TYPE) {
  return app.request("/api/v1/recommend", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function movies(body: Record<string, unknown>, app = full.app): Promise<ApiMovie[]> {
  const res = await recommend(app, body);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).movies;
}

Deno.test("every expression and type recommends films of its genres, best weighted rating first", async () => {
  for (const type of RECOMMENDATION_TYPES) {
    for (const emotion of EXPRESSIONS) {
      const res = await recommend(full.app, {
        emotion,
        recommendation_type: type,
        num_of_movies: 4,
      });
      assert.equal(res.status, 200);
      const body = await res.json();
      const row = MOOD_GENRES[type][emotion];
      assert.deepEqual(body.genres, row.genres);
      assert.equal(body.reason, row.reason);
      assert.equal(body.emotion, emotion);
      assert.equal(body.recommendation_type, type);
      assert.equal(body.message, undefined);
      const list: ApiMovie[] = body.movies;
      assert.ok(list.length >= 1 && list.length <= 4, `${emotion}/${type}: ${list.length}`);
      for (const movie of list) {
        assert.ok(movie.genres.some((g) => row.genres.includes(g as never)), movie.title);
        assert.ok(!movie.genres.some((g) => row.avoid.includes(g as never)), movie.title);
        assert.equal(movie.imdb_url, `https://www.imdb.com/title/${movie.imdb_id}/`);
        assert.ok(movie.rating !== null && movie.votes > 0);
      }
      const scores = list.map((m) => m.weighted_rating!);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    }
  }
  // For a sad expression, lifting and keeping the mood have no film in common.
  const improve = (await movies({ emotion: "sad", recommendation_type: "improve" })).map((m) =>
    m.imdb_id
  );
  const keepup = (await movies({ emotion: "sad", recommendation_type: "keepup" })).map((m) =>
    m.imdb_id
  );
  assert.deepEqual(improve.filter((id) => keepup.includes(id)), []);
});

Deno.test("a movie carries the card's data in the EmoFace shape", async () => {
  const [first] = await movies({
    emotion: "sad",
    recommendation_type: "improve",
    num_of_movies: 1,
  });
  assert.deepEqual(first, {
    title: "The Star Café",
    original_title: "Le Café des Étoiles",
    year: 2001,
    genres: ["Comedy", "Romance"],
    rating: 8.3,
    votes: 760000,
    weighted_rating: first.weighted_rating,
    runtime_minutes: 122,
    imdb_id: "tt0100010",
    imdb_url: "https://www.imdb.com/title/tt0100010/",
    directors: ["Luc Beaumont"],
    cast: ["Claire Dubois", "Zoë Marchetti"],
  });
  // A 9.6 from 40 votes does not outrank well-known films.
  const ids = (await movies({ emotion: "sad", recommendation_type: "improve" })).map((m) =>
    m.imdb_id
  );
  // Minor Miracles (9.6 from 40 votes) ranks below Paper Lanterns (8.2 from 410,000).
  assert.ok(ids.indexOf("tt0100019") > ids.indexOf("tt0100001"), ids.join());
});

Deno.test("language keeps films with a title in that language (title.akas.language)", async () => {
  const ids = async (body: Record<string, unknown>) => (await movies(body)).map((m) => m.imdb_id);
  assert.deepEqual(
    await ids({ emotion: "sad", recommendation_type: "improve", language: "fr" }),
    ["tt0100010", "tt0100001", "tt0100021"],
  );
  assert.deepEqual(
    await ids({ emotion: "happy", recommendation_type: "keepup", language: "HI" }),
    ["tt0100027", "tt0100032"],
  );
  // A region is not a language: DE titles carry no language in the fixture.
  const none = await recommend(full.app, {
    emotion: "sad",
    recommendation_type: "improve",
    language: "de",
  });
  assert.equal(none.status, 200);
  assert.deepEqual(await none.json().then((b) => [b.movies, b.message]), [
    [],
    "No rated film in the catalog matches this mood with these filters.",
  ]);
});

Deno.test("actor keeps films a cast member of that name is in, whatever the case or accents", async () => {
  const ids = async (body: Record<string, unknown>) => (await movies(body)).map((m) => m.imdb_id);
  assert.deepEqual(
    await ids({ emotion: "fear", recommendation_type: "keepup", actor: "zoe MARCHETTI" }),
    ["tt0100004", "tt0100012"],
  );
  // "Sam Porter" is an actor and, another person, a director: only the actor's films count.
  assert.deepEqual(
    (await ids({ emotion: "sad", recommendation_type: "improve", actor: "Sam Porter" })).sort(),
    ["tt0100007", "tt0100015", "tt0100019", "tt0100021"],
  );
  assert.deepEqual(
    await ids({
      emotion: "sad",
      recommendation_type: "improve",
      actor: "Aiko Tanaka",
      language: "fr",
    }),
    ["tt0100001", "tt0100021"],
  );
  assert.deepEqual(
    await ids({ emotion: "sad", recommendation_type: "improve", actor: "Nobody Credited" }),
    [],
  );
});

Deno.test("bad requests get 400 (or 413/415) with a message, and change nothing", async () => {
  const before = await full.catalog.counts();
  const cases: [unknown, number, Record<string, string>, Record<string, string>?][] = [
    [
      { emotion: "joy", recommendation_type: "improve" },
      400,
      {
        error:
          'emotion must be one of angry, disgust, fear, happy, sad, surprise, neutral; got "joy"',
      },
    ],
    [
      { emotion: "sad", recommendation_type: "cheer up" },
      400,
      { error: 'recommendation_type must be one of improve, keepup; got "cheer up"' },
    ],
    [
      { emotion: "sad", recommendation_type: "improve", num_of_movies: 51 },
      400,
      { error: "num_of_movies must be an integer from 1 to 50; got 51" },
    ],
    [
      { emotion: "sad", recommendation_type: "improve", num_of_movies: 0 },
      400,
      { error: "num_of_movies must be an integer from 1 to 50; got 0" },
    ],
    [
      { emotion: "sad", recommendation_type: "improve", num_of_movies: 2.5 },
      400,
      { error: "num_of_movies must be an integer from 1 to 50; got 2.5" },
    ],
    [
      { emotion: "sad", recommendation_type: "improve", genre: "Comedy" },
      400,
      {
        error:
          'Unknown field "genre": the fields are emotion, num_of_movies, recommendation_type, language, actor',
      },
    ],
    ["{not json", 400, { error: "body: must be valid JSON", field: "body" }],
    ["", 400, { error: "body: must be a JSON object, got nothing", field: "body" }],
    [["sad"], 400, { error: "The body must be a JSON object" }],
    [
      { emotion: "sad", recommendation_type: "improve" },
      415,
      { error: "Content-Type: must be application/json" },
      { "content-type": "text/plain" },
    ],
    [
      JSON.stringify({ emotion: "sad", recommendation_type: "improve", actor: "x".repeat(20_000) }),
      413,
      { error: "body: must be at most 16 KB" },
    ],
  ];
  for (const [body, status, answer, headers] of cases) {
    const res = await recommend(full.app, body, headers);
    assert.equal(res.status, status, JSON.stringify(body).slice(0, 80));
    assert.deepEqual(await res.json(), answer);
  }
  // Read no further than the limit, even when the client does not say how much it sends.
  const streamed = await full.app.request("/api/v1/recommend", {
    method: "POST",
    headers: JSON_TYPE,
    body: ReadableStream.from([new TextEncoder().encode(" ".repeat(20_000))]),
  });
  assert.equal(streamed.status, 413);
  const get = await full.app.request("/api/v1/recommend");
  assert.equal(get.status, 405);
  assert.deepEqual(await full.catalog.counts(), before);
});

Deno.test("an empty catalog answers 200 with no films and how to import them", async () => {
  const res = await recommend(empty.app, { emotion: "sad", recommendation_type: "improve" });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(body.movies, []);
  assert.equal(body.message, EMPTY_CATALOG_MESSAGE);
  assert.match(body.message, /https:\/\/datasets\.imdbws\.com\/.*deno task import:imdb <dir>/);
  const search = await empty.app.request("/api/catalog/search?title=Paper+Lanterns");
  assert.deepEqual(await search.json(), { candidates: [], message: EMPTY_CATALOG_MESSAGE });
});

Deno.test("title search suggests catalog titles, the same title and year first", async () => {
  const search = async (query: string) => {
    const res = await full.app.request(`/api/catalog/search?${query}`);
    return { status: res.status, body: await res.json() };
  };
  const { status, body } = await search("title=Paper%20Lanterns&year=1958");
  assert.equal(status, 200);
  assert.deepEqual(
    body.candidates.map((c: { tconst: string }) => c.tconst),
    ["tt0100030", "tt0100001", "tt0100029"],
  );
  assert.deepEqual(body.candidates[0], {
    tconst: "tt0100030",
    title: "Paper Lanterns",
    original_title: "Paper Lanterns",
    year: 1958,
    title_type: "movie",
    rating: 6.9,
    votes: 3000,
    imdb_url: "https://www.imdb.com/title/tt0100030/",
    match: "exact",
    year_delta: 0,
    confidence: body.candidates[0].confidence,
  });
  // Through an alternative title, in another script, and from a file name.
  assert.equal((await search("title=Natsu+no+owari")).body.candidates[0].tconst, "tt0100018");
  assert.equal(
    (await search("title=the.lattice&year=1999")).body.candidates[0].tconst,
    "tt0100031",
  );
  assert.equal((await search("title=Matters+of+the+heart")).body.candidates[0].tconst, "tt0100027");
  assert.equal((await search("title=Paper+Lanterns&limit=1")).body.candidates.length, 1);
  for (
    const [query, error] of [
      ["", "title: give the film's title (1–300 characters, letters or digits)"],
      ["title=%21%21", "title: give the film's title (1–300 characters, letters or digits)"],
      ["title=Nightjar&year=20x0", "year: must be an integer from 1870 to 2100"],
      ["title=Nightjar&year=1700", "year: must be an integer from 1870 to 2100"],
      ["title=Nightjar&limit=100", "limit: must be an integer from 1 to 25"],
    ]
  ) {
    assert.deepEqual(await search(query), { status: 400, body: { error } }, query);
  }
});

Deno.test("a viewer of a film links it to a catalog title; bad links change nothing", async () => {
  const { app, catalog } = await fixture();
  const viewing = await createViewing(app, { title: "Nightjar", year: 2020, durationSec: 5340 });
  const other = await createViewing(app, {
    title: "Hollow Pines",
    year: 2016,
    durationSec: 5700,
  });
  assert.equal(viewing.film.slug, "nightjar-2020");
  const link = (
    slug: string,
    body: unknown,
    token: string | null = viewing.token,
    headers: Record<string, string> = JSON_TYPE,
  ) =>
    app.request(`/api/films/${slug}/imdb`, {
      method: "PUT",
      headers: token === null ? headers : { ...headers, authorization: `Bearer ${token}` },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const unlinked = await app.request("/api/films/nightjar-2020/imdb");
  assert.deepEqual(await unlinked.json(), { film: "nightjar-2020", tconst: null, title: null });

  const res = await link("nightjar-2020", { tconst: "tt0100012", screeningId: viewing.id });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.tconst, "tt0100012");
  assert.equal(body.title.title, "Nightjar");
  assert.deepEqual(body.title.directors, ["Sam Porter"]);
  const read = await (await app.request("/api/films/nightjar-2020/imdb")).json();
  assert.equal(read.tconst, "tt0100012");
  assert.equal(read.title.imdb_url, "https://www.imdb.com/title/tt0100012/");

  const mine = { tconst: "tt0100004", screeningId: viewing.id };
  const refused: [string, unknown, string | null, number, Record<string, string>][] = [
    [
      "nightjar-2020",
      { ...mine, tconst: "tt0999999" },
      viewing.token,
      404,
      {
        error:
          "tt0999999 is not in the film catalog: search it with /api/catalog/search, or import IMDb's datasets",
      },
    ],
    [
      "nightjar-2020",
      { ...mine, tconst: "nm0100007" },
      viewing.token,
      400,
      { error: 'tconst: must be an IMDb title id such as "tt0133093"', field: "tconst" },
    ],
    [
      "nightjar-2020",
      { ...mine, note: "x" },
      viewing.token,
      400,
      { error: "note: unknown field (allowed: tconst, screeningId)", field: "note" },
    ],
    [
      "nightjar-2020",
      { screeningId: viewing.id },
      viewing.token,
      400,
      { error: 'tconst: must be an IMDb title id such as "tt0133093"', field: "tconst" },
    ],
    [
      "nightjar-2020",
      { tconst: "tt0100004" },
      viewing.token,
      400,
      { error: "screeningId: must be the id of your screening of this film", field: "screeningId" },
    ],
    [
      "nightjar-2020",
      "nope",
      viewing.token,
      400,
      { error: "body: must be valid JSON", field: "body" },
    ],
    // Only a viewer of this film, with the token of their screening, may link it.
    [
      "nightjar-2020",
      mine,
      null,
      401,
      { error: "Authorization: a Bearer token is required to write" },
    ],
    [
      "nightjar-2020",
      mine,
      other.token,
      401,
      { error: "Authorization: this token does not open this screening" },
    ],
    [
      "nightjar-2020",
      { ...mine, screeningId: other.id },
      other.token,
      403,
      { error: `Screening ${other.id} is not of nightjar-2020` },
    ],
    [
      "no-such-film",
      mine,
      viewing.token,
      404,
      { error: 'No film "no-such-film" in the library' },
    ],
  ];
  for (const [slug, sent, token, status, answer] of refused) {
    const r = await link(slug, sent, token);
    assert.equal(r.status, status, JSON.stringify(sent));
    assert.deepEqual(await r.json(), answer);
  }
  assert.equal(await catalog.filmLink("nightjar-2020"), "tt0100012");
  assert.equal(await catalog.filmLink("hollow-pines-2016"), null);
  assert.equal(await catalog.filmLink("no-such-film"), null);
  // Linking again replaces the link.
  assert.equal((await link("nightjar-2020", mine)).status, 200);
  assert.equal(await catalog.filmLink("nightjar-2020"), "tt0100004");
  assert.equal((await app.request("/api/films/no-such-film/imdb")).status, 404);
});

function cardOrder(html: string): string[] {
  return [...html.matchAll(/<article class="catalog-card card" data-tconst="(tt\d+)"/g)].map((m) =>
    m[1]
  );
}

Deno.test("the /recommend page renders the films on the server from a GET form", async () => {
  const form = await full.app.request("/recommend");
  assert.equal(form.status, 200);
  const blank = await form.text();
  assert.match(blank, /<form method="get" action="\/recommend#results" class="mood-form card">/);
  for (const e of EXPRESSIONS) assert.match(blank, new RegExp(`name="emotion" value="${e}"`));
  assert.match(blank, /name="type" value="improve" checked/);
  assert.deepEqual(cardOrder(blank), []);
  assert.doesNotMatch(blank, /catalog is empty/);

  const res = await full.app.request("/recommend?emotion=sad&type=improve&language=&actor=");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<title>Films for a sad mood · Reelfeel<\/title>/);
  assert.match(html, /<h2 id="results-title" tabindex="-1">Films to lift a sad mood<\/h2>/);
  assert.match(html, /name="emotion" value="sad" required checked/);
  // The form's action brings the results into view, with JavaScript or without.
  assert.match(html, /<form method="get" action="\/recommend#results"/);
  assert.match(html, /<section class="section recommend-results" id="results"/);
  const api = (await movies({ emotion: "sad", recommendation_type: "improve", num_of_movies: 12 }))
    .map((m) => m.imdb_id);
  assert.deepEqual(cardOrder(html), api);
  assert.match(html, /href="https:\/\/www\.imdb\.com\/title\/tt0100010\/"/);
  assert.match(html, /Claire Dubois \(Odile\), Zoë Marchetti \(Lucie\)/);

  const filtered = await (await full.app.request(
    "/recommend?emotion=fear&type=keepup&actor=Zo%C3%AB+Marchetti&language=",
  )).text();
  assert.deepEqual(cardOrder(filtered), ["tt0100004", "tt0100012"]);
  assert.match(filtered, /Films to stay with a fearful mood, with Zoë Marchetti/);
});

Deno.test("the /recommend page explains a bad query and an empty catalog", async () => {
  const bad = await full.app.request("/recommend?emotion=joy&type=improve");
  assert.equal(bad.status, 400);
  const html = await bad.text();
  assert.match(
    html,
    /role="alert">emotion must be one of angry, disgust, fear, happy, sad, surprise, neutral; got &quot;joy&quot;</,
  );
  assert.deepEqual(cardOrder(html), []);

  const none = await (await empty.app.request("/recommend?emotion=sad&type=improve")).text();
  assert.match(none, /<h2 id="catalog-import-title">The film catalog is empty<\/h2>/);
  assert.match(none, /Download and import the catalog<\/button>/);
  assert.match(none, /<code>deno task import:imdb --download<\/code>/);
  assert.match(
    none,
    /No films yet: the film catalog is empty \(<a href="#catalog">see above<\/a>\)/,
  );
  assert.doesNotMatch(none, /No rated film in the catalog matches/);
});

function seconds(from: number, emotion: (t: number) => "sad" | "happy" | null): RecordedSecond[] {
  return Array.from({ length: 60 }, (_, i) => {
    const e = emotion(from + i);
    const probs = e === null ? null : EXPRESSIONS.map((x) => (x === e ? 0.94 : 0.01));
    return {
      t: from + i,
      face: e !== null,
      emotion: e,
      probs,
      movement: 0.01,
      frames: 10,
      line: null,
    };
  });
}

async function watch(app: Hono, title: string, emotion: (t: number) => "sad" | "happy" | null) {
  const screening = await createViewing(app, { title, year: 2001, durationSec: 120 });
  for (const seq of [0, 1]) {
    const put = await putMinute(app, screening, seq, minuteBody(seconds(seq * 60, emotion)));
    assert.equal(put.status, 201, await put.text());
  }
  const finished = await app.request(`/api/screenings/${screening.id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${screening.token}` },
  });
  assert.equal(finished.status, 200, await finished.text());
}

Deno.test("the page lists library films that drew the chosen expression from their viewers", async () => {
  const { app } = await fixture();
  await watch(app, "Weepie", (t) => (t % 4 === 0 ? "happy" : "sad"));
  await watch(app, "Laughter", (t) => (t % 10 === 0 ? "sad" : "happy"));
  await watch(app, "Empty Room", () => null);
  const html = await (await app.request("/recommend?emotion=sad&type=keepup")).text();
  const picks = [...html.matchAll(/class="library-pick__title">([^<]+)</g)].map((m) => m[1]);
  assert.deepEqual(picks, ["Weepie", "Laughter"]);
  assert.match(html, /75% of recorded seconds · 1 viewing/);
  const none = await (await app.request("/recommend?emotion=fear&type=keepup")).text();
  assert.match(none, /No film in your library has drawn a fearful expression/);
});
