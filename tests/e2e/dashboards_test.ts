/**
 * The dashboards in Chromium, on data seeded through the store's real write and finish path:
 * the pages render and their charts hydrate, hovering shows a second's subtitle line, the
 * exports download exactly the stored seconds, and the recording browser can delete a viewing.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { secondsCsv } from "@/lib/api/csv.ts";
import { type SeededViewing, seedViewing } from "@/lib/demo/seed.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import type { RecordedSecond } from "@/lib/recording.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { secondsOf } from "@/lib/store/viewing_effect.ts";
import { tokenKey } from "@/lib/browser/tokens.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { browserTest } from "@/tests/helpers/browser.ts";

const FILM = { title: "The Quiet Harbour", year: 2020, durationSec: 1800 };
const OTHER = { title: "Loud Engines", year: 2024, durationSec: 1200 };

/** Twelve minutes of a viewing with a subtitle line on every second that names its second. */
function viewing(seed: number, seconds = 720): RecordedSecond[] {
  return syntheticViewing({ seconds, seed, seek: 0 }).map((s) => ({
    ...s,
    line: `Said at ${s.t}`,
  }));
}

async function seeded() {
  const store = openMemoryStore();
  const day = (n: number) => new Date(Date.UTC(2026, 2, n, 20));
  const first = await seedViewing(store, FILM, viewing(1), { startedAt: day(1) });
  const second = await seedViewing(store, FILM, viewing(2), { startedAt: day(2) });
  const other = await seedViewing(store, OTHER, viewing(3, 600), { startedAt: day(3) });
  return { store, first, second, other };
}

/** Errors a page reports: uncaught exceptions, console errors (CSP violations among them). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return errors;
}

/**
 * Waits until a second-by-second chart is drawn: it sits under "Zoom into seconds", and its
 * data and apexcharts load only once opened and in view, so this opens it and scrolls to it.
 */
async function chartReady(page: Page, name: string) {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>("details.zoom-seconds")) {
      d.open = true;
    }
  });
  // The charts' data is fetched when their place comes into view.
  await page.locator("[data-zoom-charts]").first().scrollIntoViewIfNeeded();
  await page.locator(`[data-chart="${name}"]`).scrollIntoViewIfNeeded({ timeout: 15_000 });
  await page.waitForSelector(`[data-chart="${name}"][data-chart-ready] svg`, { timeout: 15_000 });
}

let data: Awaited<ReturnType<typeof seeded>>;
const app = async () => {
  data = await seeded();
  return testApp(data.store);
};

browserTest("the library, a film and a viewing render and their charts hydrate", async (
  { url, browser },
) => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const scripts: string[] = [];
  page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
  await page.goto(url + "/");
  // Two film cards, each with its generated poster; no chart library on the library.
  assert.equal(await page.locator("article.library-card .film-poster").count(), 2);
  assert.match(await page.locator("h1").innerText(), /Your library/);
  assert.equal(await page.locator("[data-chart]").count(), 0);

  await page.click(`a[href="/films/${data.first.slug}"] >> nth=0`);
  await page.waitForURL(`**/films/${data.first.slug}`);
  // Two viewings: two dots, not a histogram; the whole film in blocks, server-rendered.
  assert.equal(await page.locator('[data-distribution="dots"] circle').count(), 2);
  assert.equal(await page.locator('[data-reaction-chart="audience"]').count(), 1);
  // apexcharts is fetched only once the second-by-second chart is opened.
  const before = scripts.length;
  await page.waitForTimeout(300);
  assert.equal(scripts.length, before, `scripts fetched unasked: ${scripts.slice(before)}`);
  await chartReady(page, "audience");
  assert.equal(await page.locator("tr[data-screening]").count(), 2);

  await page.click(`a[href="/screenings/${data.second.id}"]`);
  await page.waitForURL(`**/screenings/${data.second.id}`);
  assert.equal(await page.locator('[data-reaction-chart="viewing"]').count(), 1);
  for (const chart of ["expression", "movement", "score"]) await chartReady(page, chart);
  const rating = data.second.screening.summary!.rating.toFixed(1);
  assert.equal(await page.locator(".big-rating__value").innerText(), rating);
  // The expression chart draws every second of a 12-minute viewing as a point.
  assert.equal(await page.locator('[data-chart="expression"] .apexcharts-marker').count(), 720);
  // Without the token of this viewing, this browser is offered no delete.
  assert.equal(await page.locator(".delete-viewing button").count(), 0);
  assert.deepEqual(errors, []);
}, { app });

/** The playback second a tooltip is about ("Film 12:34"), its line (or null) and its rows. */
async function tooltip(page: Page, chart: string) {
  const tip = page.locator(`[data-chart="${chart}"] .chart-tip`);
  await tip.waitFor({ state: "visible", timeout: 5000 });
  // One read of the whole tooltip: it may be redrawn between two reads. Its rows by their
  // elements, not its innerText, which loses the breaks whenever the tooltip is fading out.
  const { heading, line, rows } = await tip.evaluate((el) => ({
    heading: el.querySelector(".chart-tip__heading")?.textContent ?? "",
    line: el.querySelector(".chart-tip__line")?.textContent ?? null,
    rows: Object.fromEntries(
      [...el.querySelectorAll(".chart-tip__row")].map((row) => [
        row.querySelector("span")?.textContent ?? "",
        row.querySelector("b")?.textContent ?? "",
      ]),
    ),
  }));
  const [, m, s] = heading.match(/^Film (\d+):(\d\d)$/)!;
  return { t: Number(m) * 60 + Number(s), line, rows };
}

/** Moves the pointer onto a point of the page (two moves: charts react to movement). */
async function hover(page: Page, x: number, y: number) {
  await page.mouse.move(x, y);
  await page.mouse.move(x + 0.5, y);
}

browserTest("hovering a chart shows the subtitle line of that second", async ({ url, browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(url + `/screenings/${data.first.id}`);
  const seconds = secondsOf((await data.store.listMinutes(data.first.id))!);
  const at = (t: number) => seconds.find((second) => second.t === t)!;
  // The line charts answer anywhere along x.
  for (const chart of ["movement", "score"]) {
    await chartReady(page, chart);
    const plot = page.locator(`[data-chart="${chart}"] .apexcharts-grid`).first();
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    for (const fraction of [0.2, 0.55, 0.9]) {
      await hover(page, box.x + box.width * fraction, box.y + box.height / 2);
      const { t, line } = await tooltip(page, chart);
      assert.equal(line, at(t).line, `${chart} at ${t}`);
      // Where the pointer is: the x axis runs over the 720 seconds watched.
      assert.ok(Math.abs(t - 719 * fraction) < 40, `${chart}: ${t} near ${719 * fraction}`);
    }
  }
  // The expression chart answers on its points.
  await chartReady(page, "expression");
  const chart = page.locator('[data-chart="expression"]');
  await chart.scrollIntoViewIfNeeded();
  for (const n of [10, 200, 500]) {
    const box = (await chart.locator(".apexcharts-marker").nth(n).boundingBox())!;
    await hover(page, box.x + box.width / 2, box.y + box.height / 2);
    const { t, line, rows } = await tooltip(page, "expression");
    assert.equal(line, at(t).line, `expression at ${t}`);
    assert.equal(rows["Expression"], at(t).emotion ?? "no face", `expression at ${t}`);
  }
  assert.deepEqual(errors, []);
}, { app });

browserTest("dragging across a chart zooms the three charts together", async ({ url, browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(url + `/screenings/${data.first.id}`);
  for (const chart of ["expression", "movement", "score"]) await chartReady(page, chart);
  const labels = (chart: string) =>
    page.locator(`[data-chart="${chart}"] .apexcharts-xaxis-label`).evaluateAll((texts) =>
      texts.map((text) => text.querySelector("tspan")?.textContent ?? "").filter((t) => t !== "")
    );
  const before = await labels("score");
  assert.equal(before.at(-1), "12:00");
  const plot = page.locator('[data-chart="movement"] .apexcharts-grid').first();
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  // About 72 seconds from about 4:48 are shown now, in every chart.
  const inRange = (text: string) => {
    const [m, s] = text.split(":").map(Number);
    return m * 60 + s >= 250 && m * 60 + s <= 400;
  };
  for (const chart of ["movement", "score", "expression"]) {
    await page.waitForFunction(
      (name) => {
        const last = [
          ...document.querySelectorAll(`[data-chart="${name}"] .apexcharts-xaxis-label`),
        ]
          .at(-1)?.querySelector("tspan")?.textContent;
        return last !== undefined && last !== "12:00";
      },
      chart,
      { timeout: 5000 },
    );
    const after = await labels(chart);
    assert.ok(after.every(inRange), `${chart}: ${after.join(" ")}`);
  }
  assert.deepEqual(errors, []);
}, { app });

browserTest("the exports download exactly the stored seconds, as JSON and CSV", async (
  { url, browser },
) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url + `/screenings/${data.first.id}`);
  const minutes = (await data.store.listMinutes(data.first.id))!;

  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.click("[data-export=json]"),
  ]);
  assert.equal(json.suggestedFilename(), `reelfeel-${data.first.slug}-${data.first.id}.json`);
  const body = JSON.parse(await Deno.readTextFile((await json.path())!));
  assert.deepEqual(body.seconds, secondsOf(minutes));
  assert.equal(body.summary.rating, data.first.screening.summary!.rating);

  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("[data-export=csv]")]);
  assert.equal(csv.suggestedFilename(), `reelfeel-${data.first.slug}-${data.first.id}.csv`);
  assert.equal(await Deno.readTextFile((await csv.path())!), await secondsCsv(minutes));
  await context.close();
}, { app });

/**
 * In the page, /watch's IndexedDB database as lib/browser/watch_db.ts lays it out: `keep` stores
 * a viewing in progress and two unsent minutes for each id, as /watch does; then it answers how
 * many of each it holds for `count`.
 */
async function watchDb(
  { keep, count }: { keep: string[]; count: string },
): Promise<{ viewings: number; minutes: number }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open("reelfeel-watch", 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore("viewings", { keyPath: "screeningId" });
      open.result.createObjectStore("outbox", { keyPath: ["screeningId", "seq"] });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction(["viewings", "outbox"], "readwrite");
  for (const screeningId of keep) {
    tx.objectStore("viewings").put({ screeningId, updatedAt: new Date().toISOString() });
    for (const seq of [3, 4]) tx.objectStore("outbox").put({ screeningId, seq, seconds: [] });
  }
  const counted = (req: IDBRequest<number>) =>
    new Promise<number>((resolve) => (req.onsuccess = () => resolve(req.result)));
  const [viewings, minutes] = await Promise.all([
    counted(tx.objectStore("viewings").count(count)),
    counted(tx.objectStore("outbox").count(IDBKeyRange.bound([count, 0], [count, Infinity]))),
  ]);
  db.close();
  return { viewings, minutes };
}

browserTest("the browser holding a viewing's token deletes it, and it is gone everywhere", async (
  { url, browser },
) => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const { first, second, store } = data;
  // Another viewing: this browser has no token for it, so no button.
  await page.goto(url + `/screenings/${second.id}`);
  await page.evaluate(([key, token]) => localStorage.setItem(key, token), [
    tokenKey(first.id),
    first.token,
  ]);
  await page.waitForSelector(".delete-viewing[hidden]", { state: "attached" });
  assert.equal(await page.locator(".delete-viewing button").count(), 0);

  // What /watch keeps of the two viewings to resume them and resend their minutes.
  assert.deepEqual(
    await page.evaluate(watchDb, { keep: [first.id, second.id], count: first.id }),
    { viewings: 1, minutes: 2 },
  );

  await page.goto(url + `/screenings/${first.id}`);
  await page.click("text=Delete this viewing");
  // Asked first: keeping it changes nothing.
  await page.click("text=Keep it");
  assert.notEqual(await store.getViewing(first.id), null);
  await page.click("text=Delete this viewing");
  await page.click("text=Delete for good");
  await page.waitForURL(`**/films/${first.slug}`);

  assert.equal(await store.getViewing(first.id), null);
  assert.equal(await store.listMinutes(first.id), null);
  assert.equal((await store.getFilm(first.slug))!.stats.viewings, 1);
  assert.equal(await page.locator(`tr[data-screening="${first.id}"]`).count(), 0);
  assert.equal(await page.locator(`tr[data-screening="${second.id}"]`).count(), 1);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), tokenKey(first.id)), null);
  const kept = (id: string) => page.evaluate(watchDb, { keep: [], count: id });
  assert.deepEqual(await kept(first.id), { viewings: 0, minutes: 0 });
  assert.deepEqual(await kept(second.id), { viewings: 1, minutes: 2 });
  assert.equal((await page.goto(url + `/screenings/${first.id}`))!.status(), 404);
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
}, { app });

/** Film titles and subtitle lines are the viewers' own text: markup in them stays text. */
const PROBE = '<img src="/xss-probe" class="xss-probe">';
let probeData: { viewing: SeededViewing; other: SeededViewing };

browserTest("titles and lines holding markup stay text in every chart and tooltip", async (
  { url, browser },
) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  const probes: string[] = [];
  page.on(
    "request",
    (request) => new URL(request.url()).pathname === "/xss-probe" && probes.push(request.url()),
  );
  const injected = () => page.locator(".xss-probe").count();
  /** Hovers the `nth` of a chart's `targets` in turn, each until its tooltip shows. */
  const hoverEach = async (chart: string, targets: string, nth: number[]) => {
    await chartReady(page, chart);
    const found = page.locator(`[data-chart="${chart}"] ${targets}`);
    for (const k of nth) {
      await found.nth(k).scrollIntoViewIfNeeded();
      const box = (await found.nth(k).boundingBox())!;
      await hover(page, box.x + box.width / 2, box.y + box.height / 2);
      await page.locator(`[data-chart="${chart}"] .chart-tip`).waitFor();
    }
    return page.locator(`[data-chart="${chart}"] .chart-tip`);
  };

  await page.goto(url + "/");
  const card = page.locator("article.library-card h3 a").first();
  assert.match(await card.textContent() ?? "", /^Probe <img src="\/xss-probe"/);

  await page.goto(url + `/films/${probeData.viewing.slug}`);
  await hoverEach("audience", ".apexcharts-grid", [0]);

  await page.goto(url + `/screenings/${probeData.viewing.id}`);
  for (const chart of ["movement", "score"]) {
    const tip = await hoverEach(chart, ".apexcharts-grid", [0]);
    assert.equal(await tip.locator(".chart-tip__line").textContent(), PROBE);
  }
  const tip = await hoverEach("expression", ".apexcharts-marker", [10, 100, 200]);
  // No second of this viewing is below 0, so one band of the expression chart has no point:
  // its tooltips once broke on such an empty series.
  assert.equal(await page.locator('[data-chart="expression"] .apexcharts-series').count(), 4);
  assert.equal(await tip.locator(".chart-tip__line").textContent(), PROBE);

  assert.equal(await injected(), 0, "markup from a title or a line became elements");
  assert.deepEqual(probes, []);
  assert.deepEqual(errors, []);
}, {
  app: async () => {
    const store = openMemoryStore();
    const film = { title: `Probe ${PROBE}`, year: 2020, durationSec: 600 };
    const lines = syntheticViewing({ seconds: 300, seed: 9, seek: 0 }).map((s) => ({
      ...s,
      line: PROBE,
    }));
    probeData = {
      viewing: await seedViewing(store, film, lines),
      other: await seedViewing(store, { ...film, year: 2021 }, viewing(5, 300)),
    };
    return testApp(store);
  },
});

/** Whether two boxes overlap by more than a pixel each way. */
const overlaps = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) =>
  a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height &&
  b.y + 1 < a.y + a.height;

browserTest(
  "at 390 px nothing covers a chart's data, no label is cut, headings clear the header",
  async (
    { url, browser },
  ) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = watchErrors(page);
    for (
      const [path, charts] of [
        [`/films/${data.first.slug}`, ["audience"]],
        [`/screenings/${data.first.id}`, ["expression", "movement", "score"]],
      ] as const
    ) {
      await page.goto(url + path);
      // Nothing wider than the phone.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), path);
      // Every label of the server-rendered charts lies inside its chart.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll<SVGSVGElement>(".svg-chart__svg")].flatMap((svg) => {
          const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll("text")].filter((text) => {
            const t = text.getBoundingClientRect();
            return t.left < box.left - 1 || t.right > box.right + 1;
          }).map((text) => text.textContent);
        })
      );
      assert.deepEqual(cut, [], `${path}: labels cut`);
      // The zoom toolbar sits above the plot, not on the data.
      for (const chart of charts) {
        await chartReady(page, chart);
        const plot = (await page.locator(`[data-chart="${chart}"] .apexcharts-grid`).first()
          .boundingBox())!;
        const toolbar = await page.locator(`[data-chart="${chart}"] .apexcharts-toolbar`)
          .boundingBox();
        assert.ok(toolbar, `${chart}: toolbar`);
        assert.ok(
          !overlaps(plot, toolbar),
          `${chart}: toolbar ${JSON.stringify(toolbar)} on the plot ${JSON.stringify(plot)}`,
        );
      }
      // A heading scrolled to (as a link to it would) is not under the header.
      const covered = await page.evaluate(() =>
        [...document.querySelectorAll("main h2")].filter((h) => {
          h.scrollIntoView();
          const r = h.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + 4, r.top + 4);
          return !hit || !h.contains(hit);
        }).map((h) => h.textContent)
      );
      assert.deepEqual(covered, [], `${path}: headings under the header`);
    }
    // The watch flow's step list is not under the header either.
    await page.goto(url + "/watch");
    await page.evaluate(() => scrollTo(0, 120));
    const steps = await page.evaluate(() => {
      const list = document.querySelector(".watch-steps")!;
      list.scrollIntoView();
      const r = list.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 2);
      return !!hit && list.contains(hit);
    });
    assert.ok(steps, "the step list is under the header");
    assert.deepEqual(errors, []);
  },
  { app },
);
