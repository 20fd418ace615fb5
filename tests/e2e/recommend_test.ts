/**
 * `/recommend` in real Chromium: the mood read from a fake camera (a smiling face photo that
 * an npm package ships, see tests/fixtures/faces.ts) after consent, with the camera off again
 * and nothing sent but the chosen label; then the films for it. Also what the viewer is told
 * when the camera is blocked or missing, and the page without JavaScript.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { openMemoryStore } from "@/lib/store/open.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { browserTest, skipBrowserTests } from "@/tests/helpers/browser.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";
import { type DatasetsServer, serveDatasets } from "@/tests/helpers/datasets_server.ts";
import { CatalogImportJob } from "@/lib/catalog/import_job.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { faceFixtures } from "@/tests/fixtures/faces.ts";

/** A steady smiling face for a few seconds, made once from the face fixtures' frame. */
async function smileCamera(): Promise<string> {
  const { frames } = await faceFixtures(15);
  const path = frames["smile-1"].replace(/smile-1\.jpg$/, "recommend-smile-15fps.y4m");
  try {
    await Deno.stat(path);
    return path;
  } catch { /* make it */ }
  const tmp = `${path}.${crypto.randomUUID()}.y4m`;
  const { success, stderr } = await new Deno.Command("ffmpeg", {
    args: [
      "-v",
      "error",
      "-y",
      "-loop",
      "1",
      "-i",
      frames["smile-1"],
      "-t",
      "3",
      "-r",
      "15",
      "-pix_fmt",
      "yuv420p",
      tmp,
    ],
    stderr: "piped",
  }).output();
  if (!success) throw new Error(new TextDecoder().decode(stderr));
  await Deno.rename(tmp, path);
  return path;
}

const camera = skipBrowserTests ? undefined : await smileCamera();
const app = async () => testApp(openMemoryStore(), await fixtureCatalog());

/** Counts getUserMedia calls and keeps the streams, to check that the camera is off again. */
async function watchCamera(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __gum: number; __streams: MediaStream[] };
    w.__gum = 0;
    w.__streams = [];
    const original = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
    if (!original) return;
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      w.__gum++;
      const stream = await original(constraints);
      w.__streams.push(stream);
      return stream;
    };
  });
}

/** Whether every camera track the page got is stopped. */
function cameraOff(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    (window as unknown as { __streams: MediaStream[] }).__streams.every((s) =>
      s.getTracks().every((t) => t.readyState === "ended")
    )
  );
}

/** Asks for the camera on /recommend, consents, and returns what the viewer is told. */
async function cameraErrorText(page: Page, url: string): Promise<string> {
  await page.goto(url + "/recommend");
  await page.getByRole("button", { name: "Read my expression with the camera" }).click();
  await page.getByRole("button", { name: "Turn on the camera" }).click();
  const error = page.locator(".mood-error");
  await error.waitFor();
  return await error.innerText();
}

function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return errors;
}

browserTest(
  "the camera reads a mood after consent, turns off, and the page shows films for it",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await watchCamera(page);
    await page.goto(url + "/recommend");
    const cameraButton = page.getByRole("button", { name: "Read my expression with the camera" });
    await cameraButton.waitFor();

    // Consent first: nothing touches the camera until the viewer agrees.
    await cameraButton.click();
    await page.getByRole("heading", { name: "Read your expression with the camera?" }).waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __gum: number }).__gum), 0);

    // While the camera is on, the page may only fetch its own code and the model's files.
    const sent: string[] = [];
    page.on("request", (r) => {
      const { origin, pathname } = new URL(r.url());
      const asset = pathname.startsWith("/_build/") || pathname.startsWith("/models/");
      if (r.method() !== "GET" || origin !== url || !asset) sent.push(`${r.method()} ${r.url()}`);
    });
    await page.getByRole("button", { name: "Turn on the camera" }).click();
    // The viewer sees that the camera is on, then the countdown.
    await page.locator(".camera-on", { hasText: "Camera on" }).waitFor({ state: "visible" });
    await page.locator(".camera-on", { hasText: /reading your expression, \d s left/ })
      .waitFor({ timeout: 60_000 });
    const result = page.locator(".mood-result");
    await result.waitFor({ timeout: 30_000 });
    assert.match(
      await result.innerText(),
      /^The camera read mostly a happy expression \(\d+% of the frames with a face\)\. It is a guess from your face, not a measure of how you feel/,
    );
    assert.equal(await page.locator("input[name=emotion][value=happy]").isChecked(), true);
    assert.equal(await page.locator(".camera-on").isVisible(), false);
    assert.ok(await cameraOff(page), "every camera track is stopped");
    assert.deepEqual(sent, [], "nothing but the page's assets was fetched while the camera was on");

    // Only the label goes to the server, as a GET form.
    await page.getByRole("button", { name: "Find films for a happy mood" }).click();
    await page.waitForURL(/\/recommend\?emotion=happy&type=improve/);
    const cards = page.locator(".recommend-grid .catalog-card");
    assert.ok(await cards.count() >= 3);
    assert.equal(
      await page.locator("#results-title").innerText(),
      "Films to lift a happy mood",
    );
    assert.equal(await page.locator("input[name=emotion][value=happy]").isChecked(), true);
    assert.deepEqual(errors, []);
  },
  { fakeCamera: camera, app },
);

browserTest(
  "the camera stops when the viewer stops it and when the page is left",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await watchCamera(page);
    await page.goto(url + "/recommend");
    const turnOn = async () => {
      await page.getByRole("button", { name: /Read (my expression with the camera|it again)/ })
        .click();
      await page.getByRole("button", { name: "Turn on the camera" }).click();
      await page.locator(".camera-on").waitFor({ state: "visible" });
      await page.waitForFunction(() =>
        (window as unknown as { __streams: MediaStream[] }).__streams.some((s) => s.active)
      );
    };
    await turnOn();
    await page.getByRole("button", { name: "Stop the camera" }).click();
    await page.locator(".camera-on").waitFor({ state: "hidden" });
    assert.ok(await cameraOff(page), "the Stop button stopped every track");
    assert.equal(await page.locator(".mood-result").count(), 0, "no mood was read");

    // Leaving the page (pagehide, also sent when the page goes into the back-forward cache).
    await turnOn();
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent("pagehide")));
    await page.locator(".camera-on").waitFor({ state: "hidden" });
    assert.ok(await cameraOff(page), "leaving the page stopped every track");
    assert.equal(await page.evaluate(() => (window as unknown as { __gum: number }).__gum), 2);
    assert.deepEqual(errors, []);
  },
  { fakeCamera: camera, app },
);

browserTest(
  "a blocked camera gets a clear message and the mood can still be picked",
  async ({ url, browser }) => {
    // A camera exists, but permission is refused (no fake-UI auto-accept).
    const page = await browser.newPage();
    assert.match(await cameraErrorText(page, url), /^The camera is blocked for this site\./);
    await page.locator("label", { hasText: "Sad" }).click();
    await page.getByRole("button", { name: "Find films for a sad mood" }).click();
    await page.waitForURL(/emotion=sad/);
    assert.ok(await page.locator(".recommend-grid .catalog-card").count() >= 1);
  },
  { args: ["--use-fake-device-for-media-stream"], app },
);

browserTest(
  "without a camera the viewer is told so",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    assert.match(await cameraErrorText(page, url), /^No camera was found\./);
  },
  { args: ["--use-fake-ui-for-media-stream"], app },
);

browserTest(
  "without JavaScript the mood form still works and the camera option is hidden",
  async ({ url, browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url + "/recommend");
    assert.equal(
      await page.getByRole("button", { name: "Read my expression with the camera" }).isVisible(),
      false,
    );
    await page.locator("label", { hasText: "Afraid" }).click();
    await page.locator("label", { hasText: "Stay in this mood" }).click();
    await page.locator("#mood-actor").fill("zoe marchetti");
    await page.getByRole("button", { name: "Find films" }).click();
    await page.waitForURL(/emotion=fear&type=keepup/);
    assert.equal(
      await page.locator("#results-title").innerText(),
      "Films to stay with a fearful mood, with zoe marchetti",
    );
    assert.deepEqual(
      await page.locator(".recommend-grid .catalog-card").evaluateAll((cards) =>
        cards.map((c) => c.getAttribute("data-tconst"))
      ),
      ["tt0100004", "tt0100012"],
    );
    await context.close();
  },
  { app },
);

/** Where the results heading is after submitting: in the viewport, below the sticky header. */
async function resultsPlacement(page: Page) {
  return await page.evaluate(() => {
    const heading = document.getElementById("results-title")!.getBoundingClientRect();
    const header = document.querySelector(".site-header")!.getBoundingClientRect();
    return {
      top: heading.top,
      bottom: heading.bottom,
      headerBottom: header.bottom,
      height: innerHeight,
      focused: document.activeElement?.id || null,
    };
  });
}

for (const javaScriptEnabled of [true, false]) {
  browserTest(
    `after "Find films" the results come into view ${
      javaScriptEnabled ? "and take the focus" : "without JavaScript"
    }, on a laptop and a phone`,
    async ({ url, browser }) => {
      for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
        const context = await browser.newContext({ viewport, javaScriptEnabled });
        const page = await context.newPage();
        await page.goto(url + "/recommend");
        if (javaScriptEnabled) await page.waitForSelector("[data-island][data-hydrated]");
        await page.locator("label", { hasText: "Sad" }).click();
        await page.getByRole("button", { name: /^Find films/ }).click();
        await page.waitForURL(/\/recommend\?emotion=sad&type=improve.*#results$/);
        if (javaScriptEnabled) {
          await page.waitForFunction(() => document.activeElement?.id === "results-title");
        }
        // The browser's scroll to #results lands after the page's load.
        await page.waitForFunction(() => scrollY > 0);
        const at = await resultsPlacement(page);
        const where = `${viewport.width}px: ${JSON.stringify(at)}`;
        assert.ok(at.top >= at.headerBottom, `the heading is below the sticky header (${where})`);
        assert.ok(at.bottom <= at.height, `the heading is in the window (${where})`);
        assert.equal(at.focused, javaScriptEnabled ? "results-title" : null, where);
        await context.close();
      }
    },
    { app },
  );
}

/** The app with an empty catalog whose import downloads from `baseUrl` into a fresh folder. */
function importingApp(baseUrl: () => string) {
  return async () => {
    const catalog = openMemoryCatalog();
    const dir = await Deno.makeTempDir({ prefix: "reelfeel-e2e-import-" });
    const job = new CatalogImportJob({ catalog, dir, baseUrl: baseUrl(), progressIntervalMs: 100 });
    return testApp(openMemoryStore(), catalog, { catalogImport: job });
  };
}

let datasets: DatasetsServer;

browserTest(
  "an empty catalog is downloaded and imported with one button, with progress, then the films show",
  async ({ url, browser }) => {
    try {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      await page.goto(url + "/recommend?emotion=sad&type=improve#results");
      await page.waitForSelector("[data-island][data-hydrated]");
      assert.equal(await page.locator(".recommend-grid .catalog-card").count(), 0);
      await page.getByRole("button", { name: "Download and import the catalog" }).click();
      // The progress, file by file, in words and as a bar.
      const step = page.locator("#catalog-import-step");
      await step.filter({
        hasText: /^(Downloading|Checking) title\.basics\.tsv\.gz \(file 1 of 5\)$/,
      })
        .waitFor();
      assert.equal(await page.getByRole("progressbar", { name: /title\.basics/ }).count(), 1);
      // Done: the page loads again with the films the query asked for.
      await page.locator(".recommend-grid .catalog-card").first().waitFor({ timeout: 30_000 });
      const cards = await page.locator(".recommend-grid .catalog-card").count();
      assert.ok(cards >= 3, `${cards} cards: ${await page.locator("main").innerText()}`);
      assert.equal(await page.locator(".catalog-import").count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await datasets.close();
    }
  },
  {
    app: async () => {
      datasets = await serveDatasets({ pace: { bytes: 150, everyMs: 150 } });
      return await importingApp(() => datasets.url)();
    },
  },
);

browserTest(
  "when IMDb cannot be reached the viewer is told so, and what to do",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    await page.goto(url + "/recommend");
    await page.waitForSelector("[data-island][data-hydrated]");
    await page.getByRole("button", { name: "Download and import the catalog" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(
      text,
      /^The download failed: IMDb could not be reached\. 127\.0\.0\.1:9 cannot be reached/,
    );
    assert.match(text, /Check that this computer is online, then try again/);
    assert.match(text, /deno task import:imdb <folder>/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "alert");
    await page.getByRole("button", { name: "Try again" }).waitFor();
  },
  { app: importingApp(() => "http://127.0.0.1:9/") },
);
