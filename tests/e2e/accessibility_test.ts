/**
 * axe-core (npm) in Chromium on every page and every state of the watch flow that the fake
 * camera reaches, in the light and dark themes, on a laptop (1280 px) and a phone (390 px):
 * no serious or critical violation of the WCAG 2.2 A and AA rules. Pages: the library, a film,
 * a viewing (every chart drawn), /recommend with and without results, with an empty catalog
 * before, during and after a failed import, the 404 and error pages. Watch flow: pick, the film
 * picked, consent, the camera starting, face check (found, and no face), countdown, playing
 * (online and offline), open in another tab, resume, finishing, done, and a blocked camera.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { CatalogImportJob } from "@/lib/catalog/import_job.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { axeViolations, describeViolations } from "@/tests/helpers/axe.ts";
import { browserTest } from "@/tests/helpers/browser.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";
import { type DatasetsServer, serveDatasets } from "@/tests/helpers/datasets_server.ts";
import {
  darkCamera,
  fastFilm,
  fixtures,
  openWatch,
  pickFilm,
  withFilm,
} from "@/tests/helpers/watch.ts";

export const VARIANTS = [
  { name: "light 1280", scheme: "light", viewport: { width: 1280, height: 800 } },
  { name: "dark 1280", scheme: "dark", viewport: { width: 1280, height: 800 } },
  { name: "light 390", scheme: "light", viewport: { width: 390, height: 844 } },
  { name: "dark 390", scheme: "dark", viewport: { width: 390, height: 844 } },
] as const;

type Variant = typeof VARIANTS[number];

/** Waits until the page has drawn: two animation frames, and every chart in it drawn. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("[data-chart]")].every((c) =>
        c.hasAttribute("data-chart-ready")
      ),
    undefined,
    { timeout: 15_000 },
  );
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // Colours fade when the theme changes: judge them once the fades are over (endless
    // animations, like the camera light's pulse, are left running).
    const fades = document.getAnimations().filter((a) =>
      a.effect?.getComputedTiming().iterations !== Infinity
    );
    await Promise.all(fades.map((a) => a.finished.catch(() => {})));
  });
}

/** Opens the folded charts and brings every lazily drawn one into view once, then goes back up. */
async function drawEverything(page: Page): Promise<void> {
  // The second-by-second charts fold under "Zoom into seconds": audit them open.
  await page.evaluate(() => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>("details.zoom-seconds")) {
      d.open = true;
    }
  });
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.evaluate((top) => scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  // The folded charts fetch their data once in view: wait until every one has it.
  await page.waitForFunction(() => !document.querySelector("[data-zoom-charts] > [role=status]"));
  const after = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y < after; y += 600) {
    await page.evaluate((top) => scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await settled(page);
  await page.evaluate(() => scrollTo(0, 0));
}

/**
 * Audits the page as it is in the given variants (all four by default), adding what axe finds
 * to `found`.
 */
export async function audit(
  page: Page,
  label: string,
  found: string[],
  variants: readonly Variant[] = VARIANTS,
): Promise<void> {
  for (const variant of variants) {
    await page.setViewportSize(variant.viewport);
    await page.emulateMedia({ colorScheme: variant.scheme });
    await settled(page);
    const violations = await axeViolations(page);
    if (violations.length > 0) {
      found.push(describeViolations(`${label}, ${variant.name}`, violations));
    }
  }
}

const FILM = { title: "The Quiet Harbour", year: 2020, durationSec: 1800 };
const OTHER = { title: "Loud Engines", year: 2024, durationSec: 1200 };

let seeded: { film: string; viewing: string };

async function seededApp() {
  const store = openMemoryStore();
  const day = (n: number) => new Date(Date.UTC(2026, 2, n, 20));
  const seconds = (seed: number, count = 720) =>
    syntheticViewing({ seconds: count, seed, seek: 0 }).map((s) => ({ ...s, line: `Line ${s.t}` }));
  const first = await seedViewing(store, FILM, seconds(1), { startedAt: day(1) });
  await seedViewing(store, FILM, seconds(2), { startedAt: day(2) });
  await seedViewing(store, FILM, seconds(4), { startedAt: day(4) });
  await seedViewing(store, OTHER, seconds(3, 600), { startedAt: day(3) });
  seeded = { film: first.slug, viewing: first.id };
  return testApp(store, await fixtureCatalog());
}

browserTest(
  "accessibility: the library, a film, a viewing, /recommend, the 404 and error pages",
  async ({ url, browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const found: string[] = [];
    const pages = [
      ["/", "the library"],
      [`/films/${seeded.film}`, "a film"],
      [`/screenings/${seeded.viewing}`, "a viewing"],
      ["/recommend", "/recommend"],
      ["/recommend?emotion=sad&type=improve#results", "/recommend with results"],
      ["/no-such-page", "the 404 page"],
      // GET on a POST-only route: the error page with its message.
      ["/theme", "the error page"],
    ];
    for (const [path, label] of pages) {
      await page.goto(url + path);
      await page.waitForLoadState("networkidle");
      await drawEverything(page);
      await audit(page, label, found);
    }
    await context.close();
    assert.ok(found.length === 0, `axe found:\n${found.join("\n\n")}`);
  },
  { app: seededApp },
);

let datasets: DatasetsServer;

browserTest(
  "accessibility: /recommend with an empty catalog, before, during and after a failed import",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    const found: string[] = [];
    try {
      await page.goto(url + "/recommend?emotion=happy&type=keepup");
      await page.waitForSelector("[data-island][data-hydrated]");
      await audit(page, "/recommend, empty catalog", found);
      await page.getByRole("button", { name: "Download and import the catalog" }).click();
      await page.waitForSelector("[data-import=running] progress");
      await audit(page, "/recommend, importing", found);
    } finally {
      await datasets.close();
    }
    // The server is gone: the import stops with what to do.
    await page.waitForSelector("[data-import=failed]", { timeout: 30_000 });
    await audit(page, "/recommend, import failed", found);
    assert.ok(found.length === 0, `axe found:\n${found.join("\n\n")}`);
  },
  {
    app: async () => {
      // Slow enough to stay "running" through the four audits (about 18 s for the five files).
      datasets = await serveDatasets({ pace: { bytes: 40, everyMs: 200 } });
      const catalog = openMemoryCatalog();
      const dir = await Deno.makeTempDir({ prefix: "reelfeel-a11y-import-" });
      const job = new CatalogImportJob({ catalog, dir, baseUrl: datasets.url });
      return testApp(openMemoryStore(), catalog, { catalogImport: job });
    },
  },
);

/** Holds the requests matching `pattern` until `release()` (to keep a passing state on screen). */
async function holdRequests(page: Page, pattern: RegExp) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let seen = false;
  await page.route(pattern, async (route) => {
    seen = true;
    await held;
    await route.continue().catch(() => {}); // the page may have moved on
  });
  return { release, seen: () => seen };
}

/** The watch flow's state on screen: its step, and on the stage its phase. */
function watchState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const step = document.querySelector<HTMLElement>(".watch[data-step]")?.dataset.step ?? "?";
    const phase = document.querySelector<HTMLElement>(".watch-stage[data-phase]")?.dataset.phase;
    return phase ? `${step}/${phase}` : step;
  });
}

for (const width of [1280, 390] as const) {
  const variants = VARIANTS.filter((v) => v.viewport.width === width);
  browserTest(
    `accessibility: every state of the watch flow at ${width} px, light and dark`,
    async ({ url, browser }) => {
      await withFilm(browser, fastFilm(60), async (context, film) => {
        const page = await context.newPage();
        await page.setViewportSize(variants[0].viewport);
        const found: string[] = [];
        const check = async (expected: string, detail = "") => {
          const state = await watchState(page);
          assert.equal(state, expected, `the flow is at ${expected}`);
          await audit(page, `/watch, ${state}${detail}`, found, variants);
        };
        await openWatch(page, url);
        await check("pick");
        await pickFilm(page, film);
        await check("pick");
        await page.click(".watch button[type=submit]");
        await page.waitForSelector("[data-step-card=consent]");
        await check("consent");

        // The camera is on while the models load: held, so that this state stays on screen.
        const models = await holdRequests(page, /\/models\/blazeface-front\.json$/);
        await page.getByRole("button", { name: "Start the camera" }).click();
        await page.waitForFunction(() => document.querySelector(".watch[data-step=starting]"));
        await check("starting");
        models.release();

        await page.waitForSelector("[data-step-card=face-check]", { timeout: 60_000 });
        await check("face-check");
        await page.waitForSelector("[data-calibration=calibrating]", { timeout: 60_000 });
        await check("face-check", ", calibrating");
        await page.waitForSelector("[data-calibration=calibrated]", { timeout: 60_000 });
        await check("face-check", ", calibrated");
        await page.getByRole("button", { name: "Start the film" }).click();
        await page.waitForSelector(".countdown", { timeout: 30_000 });
        await check("countdown/countdown");
        await page.waitForSelector(".watch-stage[data-phase=playing]", { timeout: 30_000 });
        await check("playing/playing");
        await context.setOffline(true);
        await page.waitForSelector("[data-offline=true]");
        await check("playing/playing", ", offline");
        await context.setOffline(false);
        // The same flow opened in another tab while this one records.
        const other = await context.newPage();
        await openWatch(other, url);
        await other.waitForSelector("[data-elsewhere]");
        await audit(other, "/watch, open in another tab", found, variants);
        await other.close();

        // A reload mid-film: the viewing is offered to resume or to finish as it is.
        await page.reload();
        await page.waitForSelector("[data-step-card=resume]", { timeout: 30_000 });
        await check("resume");
        const finish = await holdRequests(page, /\/finish$/);
        await page.getByRole("button", { name: "Finish it as it is" }).click();
        await page.waitForSelector("[data-step-card=finishing]", { timeout: 30_000 });
        await check("finishing");
        finish.release();
        await page.waitForSelector("[data-step-card=done]", { timeout: 60_000 });
        await check("done");
        assert.ok(found.length === 0, `axe found:\n${found.join("\n\n")}`);
      }, { viewport: variants[0].viewport });
    },
    { fakeCamera: fixtures?.facesY4m },
  );
}

/**
 * Audits the state the camera's start leads to, waiting for `shown`, in all four variants:
 * for a camera that stays in one state (no face, or no permission).
 */
function cameraStateTest(
  name: string,
  shown: string,
  state: string,
  camera: { fakeCamera?: string; args?: string[] },
) {
  browserTest(
    `accessibility: ${name}, light and dark, laptop and phone`,
    async ({ url, browser }) => {
      await withFilm(browser, fastFilm(5), async (context, film) => {
        const page = await context.newPage();
        const found: string[] = [];
        await openWatch(page, url);
        await pickFilm(page, film, false);
        await page.click(".watch button[type=submit]");
        await page.getByRole("button", { name: "Start the camera" }).click();
        await page.waitForSelector(shown, { timeout: 60_000 });
        await audit(page, `/watch, ${name}`, found);
        assert.equal(await watchState(page), state);
        assert.ok(found.length === 0, `axe found:\n${found.join("\n\n")}`);
      });
    },
    camera,
  );
}

cameraStateTest("the face check while no face is in view", "[data-face=missing]", "face-check", {
  fakeCamera: fixtures?.emptyY4m,
});
cameraStateTest(
  "the face check's calibration problem in a dark room",
  "[data-calibration-problem]",
  "face-check",
  { fakeCamera: darkCamera ?? undefined },
);
// A camera exists, but permission is refused (no fake-UI auto-accept).
cameraStateTest(
  "the consent step after the camera was blocked",
  "[data-camera-problem]",
  "consent",
  {
    args: ["--use-fake-device-for-media-stream"],
  },
);
