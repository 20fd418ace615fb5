import assert from "node:assert/strict";
import { PERSONAL } from "@/lib/viewers/config.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";
import { linesBetween } from "@/lib/dashboards/film_page.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import type { FilmInput } from "@/lib/film.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { countingCalls } from "@/tests/helpers/counting_store.ts";
import type { Store } from "@/lib/store/port.ts";
import { loadFilmPage } from "./film_page.ts";

const FILM: FilmInput = { title: "Paper Moons", year: 2016, durationSec: 600 };
const SLUG = "paper-moons-2016";
const DAY = 24 * 60 * 60 * 1000;

/** The store, counting the viewings whose seconds were read. */
function countingReads(store: Store): { store: Store; reads: () => number } {
  const calls: string[] = [];
  return {
    store: countingCalls(store, calls),
    reads: () => calls.filter((name) => name === "listMinutes").length,
  };
}

Deno.test("a film page: the film, its audience, its viewings newest first; no film is null", async () => {
  const store = openMemoryStore();
  const catalog = openMemoryCatalog();
  const start = Date.UTC(2026, 0, 1);
  await seedViewing(store, FILM, sampleSeconds(1, 0, 300), { startedAt: new Date(start) });
  const latest = await seedViewing(store, FILM, sampleSeconds(2, 0, 300), {
    startedAt: new Date(start + DAY),
  });
  await seedViewing(store, FILM, sampleSeconds(3, 0, 60), {
    startedAt: new Date(start + 2 * DAY),
    finish: false,
  });
  const page = (await loadFilmPage(store, catalog, SLUG, PERSONAL))!;
  assert.equal(page.film.slug, SLUG);
  assert.equal(page.film.stats.viewings, 2, "the viewing still recording is not counted");
  assert.deepEqual(page.viewings.map((v) => v.state), ["recording", "finished", "finished"]);
  assert.equal(page.viewings[1].id, latest.id);
  assert.equal(page.mean, Math.round((page.film.stats.ratingSum / 2) * 10) / 10);
  assert.equal(page.imdb, null, "not linked to a catalog title");
  assert.equal(page.minutes.length, 5, "300 seconds are five minutes of audience");
  // The favourite's lines come from the latest finished viewing that has any in its window.
  const { start: from, end: to } = page.favourite!;
  const expected = linesBetween(sampleSeconds(2, 0, 300), from, to);
  assert.ok(expected.length > 0, "the window holds lines");
  assert.deepEqual(page.favourite!.lines, expected);
  assert.equal(await loadFilmPage(store, catalog, "no-such-film", PERSONAL), null);
  assert.equal(await loadFilmPage(store, catalog, "../etc", PERSONAL), null);
});

Deno.test("the favourite's lines are read once, and again only when the audience changes", async () => {
  const { store, reads } = countingReads(openMemoryStore());
  const catalog = openMemoryCatalog();
  await seedViewing(store, FILM, sampleSeconds(4, 0, 300));
  await loadFilmPage(store, catalog, SLUG, PERSONAL);
  const first = reads();
  assert.ok(first >= 1, "the first load reads a viewing's seconds");
  await loadFilmPage(store, catalog, SLUG, PERSONAL);
  await loadFilmPage(store, catalog, SLUG, PERSONAL);
  assert.equal(reads(), first, "later loads use the cached lines");
  await seedViewing(store, FILM, sampleSeconds(5, 0, 300));
  const afterFinish = reads();
  await loadFilmPage(store, catalog, SLUG, PERSONAL);
  assert.ok(reads() > afterFinish, "a finished viewing changes the stats: the lines are re-read");
  // Another store has a cache of its own.
  const other = countingReads(openMemoryStore());
  await seedViewing(other.store, FILM, sampleSeconds(4, 0, 300));
  await loadFilmPage(other.store, catalog, SLUG, PERSONAL);
  assert.ok(other.reads() >= 1);
});

Deno.test("a catalog that fails leaves the film page without its IMDb card", async () => {
  const store = openMemoryStore();
  await seedViewing(store, FILM, sampleSeconds(6, 0, 120));
  const broken: CatalogPort = openMemoryCatalog();
  broken.filmLink = () => Promise.reject(new Error("catalog is down"));
  const originalError = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const page = await loadFilmPage(store, broken, SLUG, PERSONAL);
    assert.equal(page!.imdb, null);
    assert.equal(page!.film.stats.viewings, 1);
    assert.equal(logged.length, 1, "the failure is logged");
  } finally {
    console.error = originalError;
  }
});

Deno.test("shared mode: the audience's numbers stay hidden until 3 viewers finished; only own viewings are listed", async () => {
  const store = openMemoryStore();
  const catalog = openMemoryCatalog();
  const a = { id: "viewer-a", admin: false };
  const own = await seedViewing(store, FILM, sampleSeconds(7, 0, 120), { viewer: a.id });
  const other = await seedViewing(store, FILM, sampleSeconds(8, 0, 120), { viewer: "viewer-b" });
  const closed = (await loadFilmPage(store, catalog, SLUG, a, "passkeys"))!;
  assert.deepEqual(closed.audience, { viewers: 2, open: false, needed: 1 });
  assert.deepEqual(closed.viewings.map((v) => v.id), [own.id], "never B's viewing");
  assert.equal(closed.film.stats.viewings, 1, "the stats are A's own");
  assert.equal(closed.minutes.length, 0, "no audience chart");
  assert.equal(closed.favourite, null);
  const nobody = (await loadFilmPage(store, catalog, SLUG, null, "passkeys"))!;
  assert.deepEqual(nobody.viewings, []);
  assert.equal(nobody.film.stats.viewings, 0);
  assert.ok(!JSON.stringify(nobody).includes(other.id) && !JSON.stringify(nobody).includes(own.id));
  await seedViewing(store, FILM, sampleSeconds(9, 0, 120), { viewer: "viewer-c" });
  const open = (await loadFilmPage(store, catalog, SLUG, a, "passkeys"))!;
  assert.deepEqual(open.audience, { viewers: 3, open: true, needed: 0 });
  assert.equal(open.film.stats.viewings, 3, "now the audience's stats");
  assert.equal(open.minutes.length, 2, "120 seconds: two minutes of audience");
  assert.deepEqual(open.viewings.map((v) => v.id), [own.id]);
});
