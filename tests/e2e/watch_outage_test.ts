/**
 * `/watch` through long silences and outages, on the page's own clock (Playwright's fake
 * clock, moved ahead by minutes): a paused film says it is alive every few minutes, and a
 * server without that route changes nothing; a server failing for minutes is retried for as
 * long as the page is open, and "Try again" only hurries it; the recording bar fades while
 * the film plays untouched.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { browserTest } from "@/tests/helpers/browser.ts";
import {
  assertWholeFilm,
  fastFilm,
  fixtures,
  openWatch,
  pickFilm,
  screening,
  setRate,
  startWatching,
  viewingId,
  waitRecorded,
  withFilm,
} from "@/tests/helpers/watch.ts";

/** Waits (in real time) until `check` holds. */
async function until(page: Page, check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await page.waitForTimeout(100);
  assert.ok(check(), what);
}

function pause(page: Page, paused: boolean): Promise<void> {
  return page.$eval(".watch-stage__film", (v, paused) => {
    const film = v as HTMLVideoElement;
    if (paused) film.pause();
    else film.play();
  }, paused);
}

browserTest(
  "watch: a paused film says it is alive every few minutes; a server without the route changes nothing",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(20), async (context, film) => {
      const page = await context.newPage();
      await page.clock.install();
      const alive: { auth: string | undefined; body: string | null }[] = [];
      // An older server: the route does not exist.
      await page.route(/\/api\/screenings\/[^/]+\/alive$/, (route) => {
        const request = route.request();
        alive.push({ auth: request.headers().authorization, body: request.postData() });
        return route.fulfill({
          status: 404,
          contentType: "application/json",
          body: JSON.stringify({ error: "Not found" }),
        });
      });
      const errors = await openWatch(page, url);
      await pickFilm(page, film, false);
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      await waitRecorded(page, 2, 30_000);

      // Untouched, the recording bar fades; a move of the pointer brings it back.
      await page.waitForSelector(".watch-stage[data-idle=true]", { timeout: 10_000 });
      await page.mouse.move(200, 200);
      await page.mouse.move(220, 240);
      await page.waitForSelector(".watch-stage[data-idle=false]", { timeout: 5_000 });

      await pause(page, true);
      await page.clock.fastForward("04:00");
      await page.waitForTimeout(500);
      assert.equal(alive.length, 0, "four minutes of silence: nothing yet");
      await page.clock.fastForward("02:00");
      await until(page, () => alive.length === 1, "six minutes: the page said it is alive");
      const token = await page.evaluate(() =>
        Object.entries(localStorage).find(([key]) => key.startsWith("reelfeel:token:"))?.[1]
      );
      assert.deepEqual(alive[0], { auth: `Bearer ${token}`, body: null }, "a token, no body");
      await page.clock.fastForward("05:30");
      await until(page, () => alive.length === 2, "and again five minutes later");
      // Paused, the bar stays in view.
      assert.equal(await page.getAttribute(".watch-stage", "data-idle"), "false");

      // The 404s disturbed nothing: the film plays on to its end and every second is there.
      await pause(page, false);
      const id = await viewingId(page);
      const json = await screening(url, id);
      assertWholeFilm(json.seconds, film.duration);
      assert.equal(json.screening.state, "finished");
      assert.deepEqual(errors, []);
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);

browserTest(
  "watch: minutes the server fails to store (503) are retried for as long as the page is open",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(70), async (context, film) => {
      const page = await context.newPage();
      await page.clock.install();
      let failing = true;
      const attempts = new Map<number, number>();
      await page.route(/\/minutes\/\d+$/, (route) => {
        const seq = Number(route.request().url().split("/").pop());
        attempts.set(seq, (attempts.get(seq) ?? 0) + 1);
        if (!failing) return route.continue();
        return route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: "The server is busy" }),
        });
      });
      const errors = await openWatch(page, url);
      await pickFilm(page, film, false);
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      await setRate(page, 4);
      // The film ends (two minute documents, neither stored); finishing waits for them.
      await page.waitForSelector("[data-step-card=finishing]", { timeout: 60_000 });
      await until(page, () => (attempts.get(1) ?? 0) >= 1, "the last minute was tried");
      // Ten minutes of a failing server, on the page's clock.
      for (let i = 0; i < 15; i++) {
        await page.clock.fastForward(40_000);
        await page.waitForTimeout(200);
      }
      assert.ok(attempts.get(0)! > 10, `minute 1 tried ${attempts.get(0)} times, still going`);
      assert.equal(await page.$(".upload-failures"), null, "never given up, never a refusal");
      const status = page.locator("[data-step-card=finishing] .upload-status");
      assert.equal(await status.innerText(), "Retrying — 2 minutes waiting to send");

      // The server is back: "Try again" hurries what the queue was retrying anyway.
      failing = false;
      await page.getByRole("button", { name: "Try again" }).click();
      const id = await viewingId(page);
      const json = await screening(url, id);
      assert.deepEqual(json.minutes.map((m) => m.seq), [0, 1]);
      assertWholeFilm(json.seconds, film.duration);
      assert.deepEqual(errors, []);
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);
