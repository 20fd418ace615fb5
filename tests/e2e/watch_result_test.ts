/**
 * The face check's calibration and the end of the watch flow, in real Chromium with a fake
 * camera fed by face photos: a dark room is told "More light, please"; a good picture calibrates
 * (and can calibrate again), the baseline is stored with the viewing, and the result shows the
 * rating against its reference, the verdict the viewer's model expects, and takes the verdict.
 */
import assert from "node:assert/strict";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { roundVerdict } from "@/lib/rating/verdict.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import type { Store } from "@/lib/store/port.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { browserTest } from "@/tests/helpers/browser.ts";
import {
  darkCamera,
  fastFilm,
  fixtures,
  openWatch,
  pickFilm,
  screening,
  setRate,
  viewingId,
  withFilm,
} from "@/tests/helpers/watch.ts";

browserTest(
  "watch: in a dark room the calibration says what to fix, and can be tried again",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(10), async (context, film) => {
      const page = await context.newPage();
      const errors = await openWatch(page, url);
      await pickFilm(page, film, false);
      await page.click(".watch button[type=submit]");
      await page.getByRole("button", { name: "Start the camera" }).click();
      // The face is found (darkness is not absence), so the calibration runs, and fails.
      await page.waitForSelector("[data-calibration=calibrating]", { timeout: 60_000 });
      const problem = page.locator("[data-calibration-problem]");
      await problem.waitFor({ timeout: 60_000 });
      assert.match(await problem.textContent() ?? "", /More light, please\.$/);
      assert.equal(await page.textContent("[data-face]"), "More light, please.");
      await page.getByRole("button", { name: "Try again" }).click();
      await page.waitForSelector("[data-calibration=calibrating]");
      assert.equal(await page.$("[data-calibration-problem]"), null);
      const films = await (await fetch(`${url}/api/films`)).json();
      assert.deepEqual(films.films, [], "no viewing is created before a calibration");
      assert.deepEqual(errors, []);
    });
  },
  { fakeCamera: darkCamera ?? undefined },
);

/** Earlier viewings whose verdicts follow their rating: the viewer's model is active. */
async function viewerWithVerdicts(store: Store): Promise<void> {
  const film = { title: "Earlier Film", year: 2001, durationSec: 600 };
  const seeded: { id: string; rating: number }[] = [];
  for (let seed = 10; seed < 24; seed++) {
    const { id, screening } = await seedViewing(store, film, sampleMinutes(seed, 1).flat(), {
      startedAt: new Date(Date.now() - (30 - seed) * 86_400_000),
    });
    seeded.push({ id, rating: screening.summary!.rating });
  }
  const low = Math.min(...seeded.map((s) => s.rating));
  const high = Math.max(...seeded.map((s) => s.rating));
  for (const { id, rating } of seeded) {
    await store.setVerdict(id, roundVerdict(1 + (8 * (rating - low)) / (high - low)));
  }
}

browserTest(
  "watch: the result reads the rating against its reference and takes the viewer's verdict",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(24), async (context, film) => {
      const page = await context.newPage();
      const errors = await openWatch(page, url);
      await pickFilm(page, film);
      await page.click(".watch button[type=submit]");
      await page.getByRole("button", { name: "Start the camera" }).click();
      // Calibrating, with its progress; then calibrated, and it can be redone before the film.
      await page.waitForSelector(
        "[data-calibration=calibrating] progress[aria-label=Calibration]",
        {
          timeout: 60_000,
        },
      );
      await page.waitForSelector("[data-calibration=calibrated]", { timeout: 60_000 });
      await page.getByRole("button", { name: "Calibrate again" }).click();
      await page.waitForSelector("[data-calibration=calibrating]");
      await page.waitForSelector("[data-calibration=calibrated]", { timeout: 60_000 });
      await page.getByRole("button", { name: "Start the film" }).click();
      await page.waitForSelector(".watch-stage[data-phase=playing]", { timeout: 30_000 });
      await setRate(page, 4);
      const id = await viewingId(page);
      const json = await screening(url, id);
      assert.equal(json.screening.baseline?.probs.length, 7, "the baseline is stored");

      // The rating with its reference: the anchor, its place among the 15 viewings, provisional.
      const end = page.locator("[data-step-card=done]");
      assert.equal(
        await end.locator("[data-rating]").getAttribute("data-rating"),
        String(json.summary!.rating),
      );
      const reference = await end.locator("[data-reference]").innerText();
      assert.match(reference, /65 means watched attentively, face at rest\./);
      assert.match(reference, /Probably between \d+\.\d and \d+\.\d \(90 % interval\)\./);
      assert.match(reference, /Higher than \d+ of your 14 other viewings \(percentile \d+\)\./);
      assert.equal(await end.locator("[data-provisional]").count(), 1, "24 s: provisional");
      assert.equal(await end.locator(".watch-end__spark path").count(), 1);
      // The model's expectation, as the API gives it, before the question.
      assert.equal(typeof json.predictedVerdict, "number");
      const prediction = await end.locator("[data-prediction]").innerText();
      assert.match(
        prediction,
        new RegExp(
          `^Reelfeel expects you'd give it ${json.predictedVerdict!.toFixed(1)}, ± \\d\\.\\d`,
        ),
      );

      // The verdict, by keyboard: 5 and three half points up is 6.5.
      const range = end.getByLabel("How much did you like it?");
      await range.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      await end.getByRole("button", { name: "Save my verdict" }).click();
      await end.getByText("Your verdict: 6.5 out of 10.").waitFor();
      assert.equal((await screening(url, id)).verdict, 6.5);

      // Changeable later on the viewing's page, and removable.
      await page.click("[data-viewing-link]");
      await page.waitForSelector("form.verdict[data-verdict='6.5']");
      await page.getByRole("button", { name: "Remove my verdict" }).click();
      await page.getByText("Your verdict is removed.").waitFor();
      assert.equal((await screening(url, id)).verdict, null);
      assert.deepEqual(errors, []);
    });
  },
  {
    fakeCamera: fixtures?.facesY4m,
    app: async () => {
      const store = await openMemoryStore();
      await viewerWithVerdicts(store);
      return await testApp(store);
    },
  },
);
