import assert from "node:assert/strict";
import { idleStatus, type ImportJobStatus } from "@/lib/catalog/import_status.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";
import { loadRecommendPage, PAGE_FILMS } from "./recommend_page.ts";

const query = (text: string) => new URLSearchParams(text);

/** `count` seconds of one expression, face in view. */
function seconds(count: number, emotion: "sad" | "happy"): RecordedSecond[] {
  const probs = EXPRESSIONS.map((e) => (e === emotion ? 1 : 0));
  return Array.from({ length: count }, (_, t) => ({
    t,
    face: true,
    emotion,
    probs,
    movement: 0.1,
    frames: 10,
    line: null,
  }));
}

Deno.test("the recommend page without a query shows the form alone", async () => {
  const { page, status } = await loadRecommendPage(
    openMemoryStore(),
    openMemoryCatalog(),
    query(""),
  );
  assert.equal(status, 200);
  assert.equal(page.result, null);
  assert.equal(page.error, null);
  assert.equal(page.catalogEmpty, true);
  assert.deepEqual(page.form, { emotion: null, type: "improve", language: "", actor: "" });
});

Deno.test("a query that breaks a rule shows the form again with why, as a 400", async () => {
  const { page, status } = await loadRecommendPage(
    openMemoryStore(),
    openMemoryCatalog(),
    query("emotion=joy&type=improve&actor=%20Zo%C3%AB%20"),
  );
  assert.equal(status, 400);
  assert.match(page.error!, /^emotion must be one of angry, .*; got "joy"$/);
  assert.equal(page.result, null);
  assert.deepEqual(page.form, { emotion: null, type: "improve", language: "", actor: "Zoë" });
});

Deno.test("a valid query: the catalog's films for the mood and the library films that drew it", async () => {
  const store = openMemoryStore();
  const sad = await seedViewing(
    store,
    { title: "Rain", year: 2001, durationSec: 600 },
    seconds(300, "sad"),
  );
  await seedViewing(store, { title: "Sun", year: 2002, durationSec: 600 }, seconds(300, "happy"));
  const { page, status } = await loadRecommendPage(
    store,
    await fixtureCatalog(),
    query("emotion=sad&type=improve"),
  );
  assert.equal(status, 200);
  const result = page.result!;
  assert.equal(result.request.num_of_movies, PAGE_FILMS, "the page shows 12 films unless n says");
  assert.ok(result.recommendation.movies.length > 0);
  assert.equal(result.library[0].slug, sad.slug, "the film whose viewers looked sad comes first");
  assert.equal(page.form.emotion, "sad");
});

Deno.test("the catalog import is offered while the catalog is empty, and shown while one runs or failed", async () => {
  const status = (state: ImportJobStatus["state"]) => ({
    status: { ...idleStatus(), state },
    mayStart: true,
  });
  const empty = openMemoryCatalog();
  const full = await fixtureCatalog();
  const load = async (catalog: CatalogPort, importing: ReturnType<typeof status>) =>
    (await loadRecommendPage(openMemoryStore(), catalog, query(""), importing)).page.catalogImport;
  assert.deepEqual(await load(empty, status("idle")), status("idle"));
  assert.equal(await load(full, status("idle")), null, "a catalog is there");
  assert.equal(await load(full, status("done")), null);
  assert.deepEqual(await load(full, status("running")), status("running"), "an update under way");
  assert.deepEqual(await load(full, status("failed")), status("failed"));
});
