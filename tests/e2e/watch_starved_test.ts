/**
 * Recording on a starved page: while the film plays, the page's main thread is blocked for
 * 2.5 s at a time (as on a busy laptop: no timer, no event, no frame grabbed meanwhile) and
 * the film plays on. Every played second must still be recorded exactly once, at 1× and at 4×
 * (10 s of film per block). `.ci/run` runs this file again beside `stress-ng --cpu 2`.
 */
import assert from "node:assert/strict";
import { secondState } from "@/lib/recording.ts";
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

function filmTime(page: Page): Promise<number> {
  return page.$eval(".watch-stage__film", (v) => (v as HTMLVideoElement).currentTime);
}

/** Blocks the page's main thread for `ms`; the film's playback goes on without it. */
async function starve(page: Page, ms: number): Promise<{ from: number; to: number }> {
  const from = await filmTime(page);
  await page.evaluate((ms) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // Busy: nothing else runs on this thread.
    }
  }, ms);
  // Read in a task of its own: within one task the media element keeps its time still.
  return { from, to: await filmTime(page) };
}

for (const rate of [1, 4]) {
  browserTest(
    `watch, starved: every second played at ${rate}× is recorded exactly once`,
    async ({ url, browser }) => {
      // 24 s of film at 1×, 100 s (two minute documents) at 4×: about 25 s either way.
      const seconds = rate === 1 ? 24 : 100;
      await withFilm(browser, fastFilm(seconds), async (context, film) => {
        const page = await context.newPage();
        const errors = await openWatch(page, url);
        await pickFilm(page, film);
        await page.click(".watch button[type=submit]");
        await startWatching(page);
        if (rate !== 1) await setRate(page, rate);
        await waitRecorded(page, 2 * rate, 60_000);
        const blocks = [await starve(page, 2500)];
        await page.waitForTimeout(1500);
        blocks.push(await starve(page, 2500));
        const id = await viewingId(page);
        const json = await screening(url, id);
        // The film played on while the page was blocked; nothing was observed meanwhile.
        for (const { from, to } of blocks) {
          assert.ok(to - from >= 2 * rate, `the film moved ${from} → ${to} during a block`);
        }
        assertWholeFilm(json.seconds, film.duration);
        for (const s of json.seconds) assert.equal(s.line, film.lineAt(s.t), `line at ${s.t}`);
        assert.deepEqual(
          json.minutes.map((m) => m.seq),
          seconds > 60 ? [0, 1] : [0],
        );
        // The summary rates every recorded second but the unknown ones (a starved picture).
        const rated = json.seconds.filter((s) => secondState(s) !== "unknown").length;
        assert.equal(json.summary?.recordedSec, rated);
        assert.deepEqual(errors, []);
      });
    },
    { fakeCamera: fixtures?.facesY4m },
  );
}
