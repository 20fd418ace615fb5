/**
 * Films whose titles share their first 80 bytes are two films, not one; a library from before
 * is migrated to the new slugs, and links to the old ones still lead to the film.
 */
import { PERSONAL_VIEWER } from "@/lib/store/port.ts";
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { filmSlug } from "@/lib/film.ts";
import { openStore, SQLITE_FILE } from "@/lib/store/open.ts";
import { openSqliteStore } from "@/lib/store/sqlite.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { inTempDir } from "@/tests/helpers/temp_dir.ts";
import { carryFilmLinks } from "@/lib/catalog/former_slugs.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { createViewing } from "./_api.ts";

const PART_ONE =
  "The Extraordinary and Entirely True Story of the Man Who Walked to the Sea, Part One";
const PART_TWO =
  "The Extraordinary and Entirely True Story of the Man Who Walked to the Sea, Part Two";
/** What slugs cut at 80 bytes made of both titles: one slug for two films. */
const OLD_SLUG = "the-extraordinary-and-entirely-true-story-of-the-man-who-walked-to-the-sea-2004";
const JAPANESE = "東京の夜に消えた少女と最後の列車を待つ男たちの長い話";
const T0 = new Date("2026-03-01T20:00:00.000Z");

/** A library as the code before this change left it (schema 2), with Part One under OLD_SLUG. */
async function libraryFromBefore(dir: string) {
  const path = `${dir}/${SQLITE_FILE}`;
  const store = openSqliteStore({ path });
  await store.upsertFilm(OLD_SLUG, { title: PART_ONE, year: 2004, durationSec: 600 }, T0);
  await store.upsertFilm("the-third-man-1949", {
    title: "The Third Man",
    year: 1949,
    durationSec: 6240,
  }, T0);
  const id = "legacy0000000000000001";
  await store.createViewing({ id, film: OLD_SLUG, durationSec: 600, tokenHash: "0", now: T0 });
  for (const [seq, seconds] of sampleMinutes(1, 3).entries()) {
    await store.putMinute({ screeningId: id, seq, seconds, now: T0 });
  }
  await store.finishViewing(id, T0);
  const before = {
    film: (await store.getFilm(OLD_SLUG))!,
    audience: await store.readAudience(OLD_SLUG),
  };
  await store.close();
  const db = new DatabaseSync(path);
  // Back to schema 2: without what migrations 3 to 7 add.
  db.exec(`DROP INDEX screenings_by_start;
    DROP INDEX screenings_by_film_start;
    CREATE INDEX screenings_by_start
      ON screenings(started_at, id, film, state, finished_at, rating, recorded_sec);
    CREATE INDEX screenings_by_film_start
      ON screenings(film, started_at, id, state, finished_at, rating, recorded_sec);
    DROP INDEX screenings_by_viewer_start;
    DROP INDEX screenings_by_film_viewer;
    DROP INDEX screenings_with_verdict;
    ALTER TABLE screenings DROP COLUMN viewer;
    DROP TABLE viewers; DROP TABLE passkeys; DROP TABLE sessions; DROP TABLE challenges;
    DROP TABLE recovery_codes;
    DROP TABLE film_aliases;
    ALTER TABLE screenings DROP COLUMN stored_bytes;
    ALTER TABLE screenings DROP COLUMN baseline;
    ALTER TABLE screenings DROP COLUMN verdict;
    ALTER TABLE screenings DROP COLUMN summary_head;
    PRAGMA user_version = 2;`);
  db.close();
  return { id, before };
}

Deno.test("a library from before keeps its films under slugs unique per title, old ones resolving", async () => {
  await inTempDir("reelfeel-slugs-", async (dir) => {
    const { id, before } = await libraryFromBefore(dir);
    const store = await openStore({ dataDir: dir });
    try {
      const slug = filmSlug(PART_ONE, 2004);
      assert.notEqual(slug, OLD_SLUG);
      const film = (await store.getFilm(slug))!;
      assert.deepEqual(film, { ...before.film, slug }, "the same film, stats and all");
      assert.deepEqual(await store.getFilm(OLD_SLUG), film, "the old slug finds it");
      assert.equal((await store.getViewing(id))!.film, slug);
      assert.equal((await store.getViewing(id))!.viewer, PERSONAL_VIEWER, "the viewer of before");
      assert.deepEqual((await store.listViewings({ film: slug, limit: 5 })).map((v) => v.id), [id]);
      assert.deepEqual(await store.readAudience(slug), before.audience);
      assert.deepEqual(await store.readAudience(OLD_SLUG), []);
      assert.ok(await store.getFilm("the-third-man-1949"), "a slug that fitted is unchanged");
      assert.deepEqual(await store.formerSlugs(), [{ slug: OLD_SLUG, film: slug }]);
      // Its IMDb link, made under the old slug, follows it (the server does this at start).
      const catalog = openMemoryCatalog();
      try {
        await catalog.linkFilm(OLD_SLUG, "tt0000001");
        assert.equal(await carryFilmLinks(store, catalog), 1);
        assert.equal(await catalog.filmLink(slug), "tt0000001");
        assert.equal(await carryFilmLinks(store, catalog), 0, "once");
      } finally {
        await catalog.close();
      }
      // Each minute's bytes count toward the viewing's limit, from before too.
      const db = new DatabaseSync(`${dir}/${SQLITE_FILE}`, { readOnly: true });
      const row = db.prepare(
        `SELECT stored_bytes AS stored, (SELECT sum(length(CAST(seconds AS BLOB))) FROM minutes
         WHERE screening_id = ?1) AS actual FROM screenings WHERE id = ?1`,
      ).get(id) as { stored: number; actual: number };
      db.close();
      assert.ok(row.stored > 0);
      assert.equal(row.stored, row.actual);

      const app = await testApp(store);
      const page = await app.request(`/films/${encodeURIComponent(OLD_SLUG)}`);
      assert.equal(page.status, 301);
      assert.equal(page.headers.get("location"), `/films/${encodeURIComponent(slug)}`);
      const api = await app.request(`/api/films/${encodeURIComponent(OLD_SLUG)}`);
      assert.equal(api.status, 200);
      assert.equal((await api.json()).film.slug, slug);
      assert.equal((await app.request(`/films/${encodeURIComponent(slug)}`)).status, 200);
      // Part Two is now a film of its own, not more viewings of Part One.
      const two = await createViewing(app, { title: PART_TWO, year: 2004, durationSec: 600 });
      assert.equal(two.film.slug, filmSlug(PART_TWO, 2004));
      assert.notEqual(two.film.slug, slug);
      assert.equal(two.film.title, PART_TWO);
    } finally {
      await store.close();
    }
  });
});

Deno.test("two Japanese titles sharing their first 26 characters are two films", async () => {
  const store = openSqliteStore({ path: ":memory:" });
  try {
    const app = await testApp(store);
    const one = await createViewing(app, { title: `${JAPANESE}第一部`, durationSec: 5400 });
    const two = await createViewing(app, { title: `${JAPANESE}第二部`, durationSec: 5400 });
    assert.notEqual(one.film.slug, two.film.slug);
    const films = await store.listFilms();
    assert.deepEqual(films.map((f) => f.title).toSorted(), [
      `${JAPANESE}第一部`,
      `${JAPANESE}第二部`,
    ]);
    const page = await app.request(`/films/${encodeURIComponent(two.film.slug)}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /第二部/);
  } finally {
    await store.close();
  }
});
