import assert from "node:assert/strict";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";
import { linesBetween } from "@/lib/dashboards/film_page.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import type { FilmInput } from "@/lib/film.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import type { Store } from "@/lib/store/port.ts";
import { loadFilmPage } from "./film_page.ts";

const FILM: FilmInput = { title: "Paper Moons", year: 2016, durationSec: 600 };
const SLUG = "paper-moons-2016";
const DAY = 24 * 60 * 60 * 1000;

/** The store, counting the viewings whose seconds were read. */
function countingReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const listMinutes = store.listMinutes.bind(store);
  store.listMinutes = (id) => {
    reads++;
    return listMinutes(id);
  };
  return { store, reads: () => reads };
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
  const page = (await loadFilmPage(store, catalog, SLUG))!;
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
  assert.equal(await loadFilmPage(store, catalog, "no-such-film"), null);
  assert.equal(await loadFilmPage(store, catalog, "../etc"), null);
});

Deno.test("the favourite's lines are read once, and again only when the audience changes", async () => {
  const { store, reads } = countingReads(openMemoryStore());
  const catalog = openMemoryCatalog();
  await seedViewing(store, FILM, sampleSeconds(4, 0, 300));
  await loadFilmPage(store, catalog, SLUG);
  const first = reads();
  assert.ok(first >= 1, "the first load reads a viewing's seconds");
  await loadFilmPage(store, catalog, SLUG);
  await loadFilmPage(store, catalog, SLUG);
  assert.equal(reads(), first, "later loads use the cached lines");
  await seedViewing(store, FILM, sampleSeconds(5, 0, 300));
  const afterFinish = reads();
  await loadFilmPage(store, catalog, SLUG);
  assert.ok(reads() > afterFinish, "a finished viewing changes the stats: the lines are re-read");
  // Another store has a cache of its own.
  const other = countingReads(openMemoryStore());
  await seedViewing(other.store, FILM, sampleSeconds(4, 0, 300));
  await loadFilmPage(other.store, catalog, SLUG);
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
    const page = await loadFilmPage(store, broken, SLUG);
    assert.equal(page!.imdb, null);
    assert.equal(page!.film.stats.viewings, 1);
    assert.equal(logged.length, 1, "the failure is logged");
  } finally {
    console.error = originalError;
  }
});
