/**
 * Two `/watch` tabs of one browser: the viewing being recorded in the first is held by it (Web
 * Locks); the second says so and offers nothing that touches it, and takes it over only once
 * the first tab is gone.
 */
import assert from "node:assert/strict";
import type { Request } from "playwright-core";
import { browserTest } from "@/tests/helpers/browser.ts";
import {
  fastFilm,
  fixtures,
  openWatch,
  pickFilm,
  screening,
  startWatching,
  viewingId,
  waitRecorded,
  withFilm,
} from "@/tests/helpers/watch.ts";

browserTest(
  "watch: a viewing recorded in one tab is left alone by another, which takes it over once the first is closed",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(90), async (context, film) => {
      const first = await context.newPage();
      await openWatch(first, url);
      await pickFilm(first, film, false);
      await first.click(".watch button[type=submit]");
      await startWatching(first);
      await waitRecorded(first, 4, 30_000);

      // The second tab of the same browser: same IndexedDB, same saved viewing.
      const second = await context.newPage();
      const touched: string[] = [];
      second.on("request", (r: Request) => {
        if (r.method() !== "GET") touched.push(`${r.method()} ${r.url()}`);
      });
      const errors = await openWatch(second, url);
      const notice = second.locator("[data-elsewhere]");
      await notice.waitFor();
      assert.match(
        await notice.innerText(),
        /^Short Film.* is being recorded in another tab of this browser\./,
      );
      // Nothing that touches it: no resume offer, no "finish it as it is".
      await second.waitForTimeout(1000);
      assert.equal(await second.$("[data-step-card=resume]"), null);
      assert.equal(await second.getByRole("button", { name: "Finish it as it is" }).count(), 0);
      assert.equal(await second.getByRole("button", { name: /^Continue from/ }).count(), 0);
      // A film can still be chosen here.
      assert.equal(await second.$("[data-step-card=pick]") !== null, true);
      assert.deepEqual(touched, [], "the second tab sent nothing");
      // The first tab records on, undisturbed.
      await waitRecorded(first, 8, 30_000);

      // The first tab is closed mid-film: the second may now resume it, or finish it as it is.
      await first.close();
      await second.waitForSelector("[data-step-card=resume]", { timeout: 15_000 });
      assert.equal(await second.$("[data-elsewhere]"), null);
      await second.getByRole("button", { name: "Finish it as it is" }).click();
      const id = await viewingId(second);
      const json = await screening(url, id);
      const ts = json.seconds.map((s) => s.t);
      assert.ok(ts.length >= 8, `${ts.length} seconds recorded by the first tab`);
      assert.deepEqual(ts, Array.from({ length: ts.length }, (_, i) => i), "each once, in order");
      assert.equal(json.screening.state, "finished");
      assert.deepEqual(errors, []);
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);
