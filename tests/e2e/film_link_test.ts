/** Linking a film to its IMDb title from its page, as the viewer who recorded it. */
import assert from "node:assert/strict";
import { openMemoryStore } from "@/lib/store/open.ts";
import { tokenKey } from "@/lib/browser/tokens.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { browserTest } from "@/tests/helpers/browser.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";

const catalog = await fixtureCatalog();

browserTest(
  "a viewer of a film confirms its IMDb title and the page shows its card; others are not asked",
  async ({ url, browser }) => {
    const created = await fetch(`${url}/api/screenings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Paper Lanterns", year: 2004, durationSec: 600 }),
    });
    assert.equal(created.status, 201);
    const viewing = await created.json();
    const filmPage = `${url}/films/${viewing.film.slug}`;

    // Someone who did not record a viewing of this film is not asked.
    const stranger = await browser.newPage();
    await stranger.goto(filmPage);
    await stranger.waitForFunction(() => document.querySelector("[data-island][data-hydrated]"));
    assert.equal(await stranger.locator(".film-linker").count(), 0);

    // The viewer who recorded it holds its token in this browser.
    const page = await browser.newPage();
    await page.goto(url + "/");
    await page.evaluate(([key, token]) => localStorage.setItem(key, token), [
      tokenKey(viewing.id),
      viewing.token,
    ]);
    await page.goto(filmPage);
    const linker = page.locator(".film-linker");
    await linker.getByText("Which film is this?").waitFor();
    const first = linker.locator("li").first();
    await first.getByText("Paper Lanterns (2004)").waitFor();
    assert.match(await linker.innerText(), /Paper Lanterns \(1958\)/);

    await Promise.all([
      page.waitForNavigation(),
      first.getByRole("button", { name: "This one" }).click(),
    ]);
    assert.equal(await catalog.filmLink(viewing.film.slug), "tt0100001");
    assert.equal(await page.locator(".film-linker").count(), 0);
    const card = await page.locator(`.catalog-card[data-tconst="tt0100001"]`).innerText();
    assert.match(card, /8\.2/);
    assert.match(card, /Animation/);
  },
  { app: () => testApp(openMemoryStore(), catalog) },
);
