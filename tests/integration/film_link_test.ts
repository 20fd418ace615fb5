/** The film page offers "Which film is this?" only while the film is unlinked and has viewings. */
import assert from "node:assert/strict";
import { testApp, testStore } from "@/tests/helpers/app.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";
import { createViewing, JSON_TYPE } from "./_api.ts";

const islandProps = (html: string) =>
  JSON.parse(html.match(/<script type="application\/json" id="__islands">(.*?)<\/script>/)![1])
    .find((island: { name: string }) => island.name === "FilmLinker")?.props;

Deno.test("an unlinked film's page carries the linker with its viewings; a linked one does not", async () => {
  const catalog = await fixtureCatalog();
  const app = await testApp(await testStore(), catalog);
  const viewing = await createViewing(app, {
    title: "Paper Lanterns",
    year: 2004,
    durationSec: 600,
  });
  const page = async () => await (await app.request(`/films/${viewing.film.slug}`)).text();

  const props = islandProps(await page());
  assert.deepEqual(props, {
    slug: viewing.film.slug,
    title: "Paper Lanterns",
    year: 2004,
    screeningIds: [viewing.id],
    mode: "link",
  });

  const linked = await app.request(`/api/films/${viewing.film.slug}/imdb`, {
    method: "PUT",
    headers: { ...JSON_TYPE, authorization: `Bearer ${viewing.token}` },
    body: JSON.stringify({ tconst: "tt0100001", screeningId: viewing.id }),
  });
  assert.equal(linked.status, 200, await linked.clone().text());
  const html = await page();
  assert.equal(islandProps(html), undefined);
  assert.match(html, /IMDb/);
  catalog.close();
});
