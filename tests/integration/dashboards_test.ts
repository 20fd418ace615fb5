/**
 * The dashboards' HTML, without JavaScript: every number is in the page, unknown ids and slugs
 * are 404 pages, and an empty library leads to /watch. Data is seeded through the store's real
 * write and finish path.
 */
import assert from "node:assert/strict";
import { seedViewing } from "@/lib/demo/seed.ts";
import { duration, percent, rating } from "@/lib/dashboards/format.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { testApp, testStore } from "@/tests/helpers/app.ts";
import { MAX_CHART_POINTS } from "@/lib/charts/downsample.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";
import { countingCalls } from "@/tests/helpers/counting_store.ts";

const FILM = { title: "The Quiet Harbour", year: 2020, durationSec: 3600 };
const OTHER = { title: "Loud Engines", year: null, durationSec: 1200 };
const day = (n: number) => new Date(Date.UTC(2026, 2, n, 20));

async function seeded() {
  const store = await testStore();
  const a = await seedViewing(store, FILM, syntheticViewing({ seconds: 1800, seed: 1 }), {
    startedAt: day(1),
  });
  const b = await seedViewing(store, FILM, syntheticViewing({ seconds: 1500, seed: 2 }), {
    startedAt: day(2),
  });
  const c = await seedViewing(store, OTHER, syntheticViewing({ seconds: 600, seed: 3 }), {
    startedAt: day(3),
  });
  const recording = await seedViewing(store, OTHER, syntheticViewing({ seconds: 120, seed: 4 }), {
    startedAt: day(4),
    finish: false,
  });
  return { store, app: await testApp(store), a, b, c, recording };
}

/** The page's text outside scripts, tags removed: what a reader sees without JavaScript. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

Deno.test("an empty library explains the product and leads to /watch", async () => {
  const app = await testApp(await testStore());
  const res = await app.request("/");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<a class="button" href="\/watch">Watch your first film<\/a>/);
  assert.match(visibleText(html), /Your library is empty/);
  assert.doesNotMatch(html, /data-chart=/);
});

Deno.test("the library ranks the films and sums the library without JavaScript", async () => {
  const { app, store, a, b, c } = await seeded();
  const html = await (await app.request("/")).text();
  const text = visibleText(html);
  const mean = (a.screening.summary!.rating + b.screening.summary!.rating) / 2;
  const rows = [...html.matchAll(/<article class="library-card card" data-film="([^"]+)">/g)]
    .map((m) => m[1]);
  const quiet = "the-quiet-harbour-2020";
  assert.deepEqual(
    rows,
    mean >= c.screening.summary!.rating ? [quiet, "loud-engines"] : ["loud-engines", quiet],
  );
  assert.match(
    text,
    new RegExp(
      `The Quiet Harbour 2020 #\\d ${rating(Math.round(mean * 10) / 10)} mean of 2 viewings`,
    ),
  );
  const films = await store.listFilms();
  const watchSec = films.reduce((sum, f) => sum + f.stats.watchSec, 0);
  assert.equal(watchSec, 1800 + 1500 + 600);
  assert.match(text, new RegExp(`${duration(watchSec)} Watched in all`));
  const all = [a, b, c].map((v) => v.screening.summary!.rating);
  const average = Math.round((all.reduce((x, y) => x + y) / 3) * 10) / 10;
  assert.match(text, new RegExp(`${rating(average)} Average rating`));
  // Recent viewings, newest first, the one still recording included.
  const recent = [...html.matchAll(/class="recent__title" href="\/screenings\/([^"]+)"/g)]
    .map((m) => m[1]);
  assert.equal(recent.length, 4);
  assert.equal(recent[1], c.id);
  assert.equal(recent[3], a.id);
  // No chart repeats the cards, and no chart library is loaded on the library.
  assert.doesNotMatch(html, /data-chart=/);
});

Deno.test("a film page holds the audience's numbers and its viewings", async () => {
  const { app, store, a, b } = await seeded();
  const res = await app.request(`/films/${a.slug}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const text = visibleText(html);
  const film = (await store.getFilm(a.slug))!;
  assert.match(text, /The Quiet Harbour 2020 1 h 00 min · 2 viewings counted/);
  const mean = Math.round((film.stats.ratingSum / 2) * 10) / 10;
  assert.match(html, new RegExp(`<span class="big-rating__value">${rating(mean)}</span>`));
  // The distribution's table: one row per bin, the two ratings counted.
  const bins = [...html.matchAll(/<tr><td>(\d+)–(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)];
  assert.equal(bins.length, 10);
  assert.equal(bins.reduce((sum, m) => sum + Number(m[3]), 0), 2);
  // The audience per minute: 30 minutes were watched.
  const minutes = html.match(/The chart's numbers, minute by minute \((\d+) rows\)/)!;
  assert.equal(Number(minutes[1]), 30);
  // The audience's favourite section and its lines, from the viewings' stored seconds.
  assert.match(
    text,
    /The audience's favourite 20 seconds .* Favourite \d+:\d\d–\d+:\d\d \d+\.\d on its own/,
  );
  assert.match(html, /<ul class="moment__lines"><li><q>Line \d+<\/q>/);
  // Its viewings, newest first, linked.
  const viewings = [...html.matchAll(/<tr data-screening="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(viewings, [b.id, a.id]);
  assert.match(html, new RegExp(`href="/screenings/${a.id}"`));
  assert.match(html, /data-zoom-charts="audience"/);
});

Deno.test("a film page reads the aggregate, not its viewings: a few for the lines, once", async () => {
  const store = await testStore();
  let slug = "";
  for (let v = 0; v < 8; v++) {
    const seconds = syntheticViewing({ seconds: 600, seed: 20 + v });
    slug = (await seedViewing(store, FILM, seconds, { startedAt: day(1 + v) })).slug;
  }
  const read: string[] = [];
  const counting = countingCalls(store, read);
  const app = await testApp(counting);
  const page = async () => {
    read.length = 0;
    const res = await app.request(`/films/${slug}`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<ul class="moment__lines">/);
    return read.filter((name) => name === "listMinutes").length;
  };
  const first = await page();
  assert.ok(first >= 1 && first <= 3, `${first} viewings read for the favourite's lines`);
  assert.ok(read.includes("readAudience"));
  assert.equal(await page(), 0, "the lines are kept while the audience is the same");
  // Another finished viewing may move the favourite: its lines are looked up again.
  await seedViewing(store, FILM, syntheticViewing({ seconds: 600, seed: 99 }), {
    startedAt: day(20),
  });
  assert.ok((await page()) <= 3);
});

Deno.test("a finish renders the viewer's next pages: their first visit reads no seconds and no audience", async () => {
  const store = await testStore();
  for (let v = 0; v < 3; v++) {
    await seedViewing(store, FILM, syntheticViewing({ seconds: 600, seed: 40 + v }), {
      startedAt: day(1 + v),
    });
  }
  const read: string[] = [];
  const counting = countingCalls(store, read);
  const app = await testApp(counting);
  const json = { "content-type": "application/json" };
  const { id, token, film } = await (await app.request("/api/screenings", {
    method: "POST",
    headers: json,
    body: JSON.stringify(FILM),
  })).json();
  const auth = { authorization: `Bearer ${token}` };
  const seconds = syntheticViewing({ seconds: 120, seed: 50 });
  for (const seq of [0, 1]) {
    const put = await app.request(`/api/screenings/${id}/minutes/${seq}`, {
      method: "PUT",
      headers: { ...json, ...auth },
      body: JSON.stringify({ seconds: seconds.slice(seq * 60, seq * 60 + 60) }),
    });
    assert.equal(put.status, 201);
  }
  // The watch page finishes with the viewer's cookies: their pages are rendered as they see them.
  const cookie = "theme=dark";
  const finish = await app.request(`/api/screenings/${id}/finish`, {
    method: "POST",
    headers: { ...auth, cookie },
  });
  assert.equal(finish.status, 200);
  await finish.body?.cancel();
  for (const path of [`/screenings/${id}`, `/films/${film.slug}`, "/"]) {
    read.length = 0;
    const page = await app.request(path, { headers: { cookie } });
    assert.equal(page.status, 200, path);
    assert.match(await page.text(), /data-theme="dark"/);
    assert.deepEqual(
      read.filter((name) => name === "listMinutes" || name === "readAudience"),
      [],
      path,
    );
  }
});

Deno.test("a viewing page holds the rating and every insight without JavaScript", async () => {
  const { app, a } = await seeded();
  const res = await app.request(`/screenings/${a.id}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const text = visibleText(html);
  const summary = a.screening.summary!;
  assert.match(
    html,
    new RegExp(`<span class="big-rating__value">${rating(summary.rating)}</span>`),
  );
  assert.match(text, /How this rating was made It starts at 50/);
  assert.match(text, new RegExp(`${duration(summary.distractedSec)} Looked away`));
  assert.match(
    text,
    new RegExp(`${summary.volatility.switchesPerMinute.toFixed(1)} Expression changes`),
  );
  for (const share of summary.predominant.shares) {
    assert.match(text, new RegExp(`${share.label} ${percent(share.share)}`));
  }
  assert.match(text, /Expressions most often detected/);
  assert.doesNotMatch(text, /you felt/i);
  const favourite = summary.favourite!;
  for (const line of favourite.lines) assert.ok(text.includes(`${line}`), line);
  assert.equal(summary.moments.length, 2);
  // The charts' table: one row per minute watched.
  assert.match(text, /The charts' numbers, minute by minute \(30 rows\)/);
  assert.equal([...html.matchAll(/<tr><td>\d+:\d\d<\/td><td>\d+:\d\d–\d+:\d\d<\/td>/g)].length, 30);
  // Exports, and a delete that only the recording browser will show.
  assert.match(html, new RegExp(`href="/api/screenings/${a.id}" download=`));
  assert.match(html, new RegExp(`href="/api/screenings/${a.id}.csv" download=`));
  assert.match(html, /<div class="delete-viewing" hidden/);
  assert.match(html, /"name":"ViewingCharts"/);
});

Deno.test("a viewing still recording says so, with no rating yet", async () => {
  const { app, recording } = await seeded();
  const html = await (await app.request(`/screenings/${recording.id}`)).text();
  assert.match(visibleText(html), /still being recorded: 2 min received so far/);
  assert.doesNotMatch(html, /big-rating/);
});

Deno.test("unknown or malformed ids and slugs are 404 pages", async () => {
  const { app } = await seeded();
  for (
    const path of [
      "/films/no-such-film",
      "/films/Bad%20Slug!",
      "/screenings/AAAAAAAAAAAAAAAAAAAAAA",
      "/screenings/not-an-id",
    ]
  ) {
    const res = await app.request(path);
    assert.equal(res.status, 404, path);
    assert.match(await res.text(), /This reel is missing/);
  }
});

Deno.test("a film linked to IMDb data shows its catalog card; unlinked, its own", async () => {
  const store = await testStore();
  const catalog = await fixtureCatalog();
  try {
    const linked = await seedViewing(store, FILM, syntheticViewing({ seconds: 300, seed: 5 }));
    const plain = await seedViewing(store, OTHER, syntheticViewing({ seconds: 300, seed: 6 }));
    const title = (await catalog.title("tt0100006"))!; // "A Quiet Harbour" in the fixture
    await catalog.linkFilm(linked.slug, title.tconst);
    const app = await testApp(store, catalog);
    const html = await (await app.request(`/films/${linked.slug}`)).text();
    assert.match(
      html,
      new RegExp(`<article class="catalog-card card" data-tconst="${title.tconst}"`),
    );
    assert.match(html, /<h1 class="visually-hidden">The Quiet Harbour<\/h1>/);
    assert.match(visibleText(html), /1 viewing counted here/);
    const other = await (await app.request(`/films/${plain.slug}`)).text();
    assert.doesNotMatch(other, /catalog-card/);
    assert.match(other, /<h1 class="film-card__title">Loud Engines/);
  } finally {
    await catalog.close();
  }
});

Deno.test("dashboard pages answer an ETag and 304 until what they show changes", async () => {
  const { app, store, a } = await seeded();
  const paths = ["/", `/films/${a.slug}`, `/screenings/${a.id}`];
  const tags: string[] = [];
  for (const path of paths) {
    const first = await app.request(path);
    const etag = first.headers.get("etag")!;
    assert.match(etag, /^W\/"/, path);
    assert.equal(first.headers.get("cache-control"), "no-cache");
    assert.match(first.headers.get("content-security-policy") ?? "", /script-src/);
    await first.body?.cancel();
    const again = await app.request(path, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304, path);
    // The held page's inline script carries its own response's nonce: no new policy on a 304.
    assert.equal(again.headers.get("content-security-policy"), null, path);
    assert.equal(again.headers.get("etag"), etag);
    tags.push(etag);
  }
  // Another viewing of the film finishes: the library and the film page change.
  await seedViewing(store, FILM, syntheticViewing({ seconds: 600, seed: 9 }), {
    startedAt: day(9),
  });
  for (const [k, path] of paths.slice(0, 2).entries()) {
    const res = await app.request(path, { headers: { "if-none-match": tags[k] } });
    assert.equal(res.status, 200, path);
    assert.notEqual(res.headers.get("etag"), tags[k]);
    await res.body?.cancel();
  }
  // The theme is part of the page: another theme, another version.
  const dark = await app.request(paths[2], {
    headers: { "if-none-match": tags[2], cookie: "theme=dark" },
  });
  assert.equal(dark.status, 200);
  await dark.body?.cancel();
});

Deno.test("the folded charts' data comes from the API when opened, not in the page", async () => {
  const { app, a, recording } = await seeded();
  const page = await (await app.request(`/screenings/${a.id}`)).text();
  assert.doesNotMatch(page, /"expression":\{"x":\[/);
  const charts = await (await app.request(`/api/screenings/${a.id}/charts`)).json();
  // 1,800 seconds watched: each series every real second (under MAX_CHART_POINTS), in order.
  for (const series of ["expression", "movement", "score"]) {
    const { x, t, y } = charts.charts[series];
    assert.ok(x.length > 0 && x.length <= MAX_CHART_POINTS, `${series}: ${x.length}`);
    assert.ok(x.length === t.length && t.length === y.length);
    assert.ok(x.every((v: number, i: number) => i === 0 || v > x[i - 1]));
  }
  assert.equal((await app.request(`/api/screenings/${recording.id}/charts`)).status, 404);
  assert.equal((await app.request("/api/screenings/nope/charts")).status, 404);
  const chart = await (await app.request(`/api/films/${a.slug}/chart`)).json();
  assert.equal(chart.chart.t.length, chart.chart.viewers.length);
  assert.equal(chart.chart.percent.length, 8);
  assert.equal((await app.request("/api/films/no-such-film/chart")).status, 404);
});
