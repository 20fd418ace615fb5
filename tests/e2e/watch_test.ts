/**
 * `/watch` in real Chromium, with a fake camera fed by face photos that npm packages ship
 * (tests/fixtures/faces.ts) and generated films (tests/fixtures/film.ts): the whole flow on a
 * 3-minute film at normal speed with the network cut for a minute, camera errors, resuming
 * after a reload, finishing an interrupted viewing as it is, a refused minute, and bad files.
 */
import assert from "node:assert/strict";
import type { BrowserContext } from "playwright-core";
import { browserTest } from "@/tests/helpers/browser.ts";
import { type FilmFixture, makeFilm } from "@/tests/fixtures/film.ts";
import { EXPRESSIONS, secondState } from "@/lib/recording.ts";
import {
  assertWholeFilm,
  cameraTracks,
  clockSeconds,
  fastFilm,
  fixtures,
  openWatch,
  pickFilm,
  range,
  recorded,
  screening,
  setRate,
  startWatching,
  trackStreams,
  viewingId,
  waitRecorded,
  withFilm,
} from "@/tests/helpers/watch.ts";

browserTest(
  "watch: a 3-minute film recorded whole at normal speed, through a minute offline",
  async ({ url, browser }) => {
    await withFilm(browser, makeFilm({ seconds: 180 }), async (context, film) => {
      const filmBytes = (await Deno.stat(film.film)).size;
      assert.ok(filmBytes > 1024 * 1024, `the film (${filmBytes} bytes) is larger than 1 MB`);
      const page = await context.newPage();
      const requests: { method: string; url: string; bytes: number }[] = [];
      page.on("request", (r) => {
        requests.push({ method: r.method(), url: r.url(), bytes: r.postDataBuffer()?.length ?? 0 });
      });
      const stored: { seq: number; status: number }[] = [];
      page.on("response", (r) => {
        const m = r.url().match(/\/minutes\/(\d+)$/);
        if (m && r.request().method() === "PUT") {
          stored.push({ seq: Number(m[1]), status: r.status() });
        }
      });
      await trackStreams(page);
      const errors = await openWatch(page, url);
      await pickFilm(page, film);
      // The title comes from the file name, and is editable.
      assert.equal(await page.inputValue("#watch-film-title"), "Test Pattern");
      assert.equal(await page.inputValue("#watch-film-year"), "2019");
      await page.fill("#watch-film-title", "Test Pattern Film");
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      assert.equal(
        await page.textContent(".rec-indicator"),
        "Recording expressions",
        "the recording indicator shows while recording",
      );
      assert.deepEqual(await cameraTracks(page), { all: 1, live: 1 });

      // The network is cut for a minute, across the first minute document.
      await waitRecorded(page, 40, 90_000);
      await context.setOffline(true);
      const cutAt = await recorded(page);
      const shown = new Set<string>();
      const cutUntil = Date.now() + 60_000;
      while (Date.now() < cutUntil) {
        const text = await page.textContent("[data-offline=true]").catch(() => null);
        if (text) shown.add(text);
        await page.waitForTimeout(500);
      }
      const restoredAt = await recorded(page);
      await context.setOffline(false);
      assert.ok(cutAt < 60 && restoredAt > 60, `cut from ${cutAt} s to ${restoredAt} s`);
      // Nothing waits at first: no "0 minutes"; then the first minute document waits.
      assert.ok(shown.has("Offline — recording continues"), [...shown].join(" | "));
      assert.ok(
        shown.has("Offline — recording continues; 1 minute waiting to send"),
        [...shown].join(" | "),
      );
      assert.ok(
        [...shown].every((m) =>
          /^Offline — recording continues(; \d+ minutes? waiting to send)?$/.test(m)
        ),
      );

      const id = await viewingId(page);
      assert.deepEqual(await cameraTracks(page), { all: 1, live: 0 }, "the camera is off");
      // The token stays in this browser, for "delete this viewing" on the viewing's page.
      const token = await page.evaluate((id) => localStorage.getItem(`reelfeel:token:${id}`), id);
      assert.match(token ?? "", /^[A-Za-z0-9_-]{20,}$/);
      const json = await screening(url, id);
      assert.equal(json.screening.state, "finished");
      assert.equal(json.film.title, "Test Pattern Film");
      assert.equal(json.film.year, 2019);

      // Every minute stored exactly once: seq 0..N-1, each second once, none missing.
      const seqs = json.minutes.map((m) => m.seq);
      assert.deepEqual(seqs, range(0, seqs.length));
      assert.equal(seqs.length, 3);
      assert.deepEqual(json.minutes.map((m) => m.count).slice(0, 2), [60, 60]);
      assertWholeFilm(json.seconds, film.duration);
      for (const seq of seqs) {
        const created = stored.filter((s) => s.seq === seq && s.status === 201);
        assert.equal(created.length, 1, `seq ${seq} stored once: ${JSON.stringify(stored)}`);
      }
      assert.ok(
        stored.every((s) => s.status === 201 || s.status === 200),
        JSON.stringify(stored),
      );

      // Faces in most seconds, labels from the model.
      const faces = json.seconds.filter((s) => secondState(s) === "watching");
      assert.ok(faces.length >= 0.9 * json.seconds.length, `faces in ${faces.length} seconds`);
      for (const s of faces) {
        assert.ok(EXPRESSIONS.includes(s.emotion!), `label ${s.emotion}`);
        assert.equal(s.probs!.length, 7);
        assert.ok(Math.abs(s.probs!.reduce((a, b) => a + b, 0) - 1) < 1e-4);
      }
      assert.ok(new Set(faces.map((s) => s.emotion)).size >= 2, "more than one expression");
      const frames = json.seconds.reduce((n, s) => n + s.frames, 0) / json.seconds.length;
      assert.ok(frames >= 5, `${frames} frames analysed a second`);

      // Each second's line is the .srt line at that playback second.
      for (const s of json.seconds) assert.equal(s.line, film.lineAt(s.t), `line at ${s.t}`);
      assert.ok(json.seconds.filter((s) => s.line !== null).length >= 60);

      // The film stayed local: no request body near its size, none over 1 MB.
      const largest = Math.max(...requests.map((r) => r.bytes));
      assert.ok(largest < 1024 * 1024, `largest request body: ${largest} bytes`);
      assert.ok(requests.every((r) => r.url.startsWith(url) || r.url.startsWith("blob:")));

      // The end screen shows the server's rating and links to the viewing.
      const rated = json.seconds.filter((s) => secondState(s) !== "unknown");
      assert.ok(json.summary && json.summary.recordedSec === rated.length);
      const shownRating = await page.getAttribute(".watch-end__rating", "data-rating");
      assert.equal(Number(shownRating), json.summary!.rating);
      assert.deepEqual(errors, []);
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);

browserTest(
  "watch: reloading mid-film offers to resume; the same file continues where it stopped",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(80), async (context, film) => {
      const page = await context.newPage();
      const errors = await openWatch(page, url);
      await pickFilm(page, film);
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      await setRate(page, 4);
      await waitRecorded(page, 64, 60_000);
      // Back to normal speed, so that the film cannot run out while the page reloads.
      await setRate(page, 1);
      await page.reload();
      await page.waitForSelector("[data-step-card=resume]", { timeout: 30_000 });
      const offer = await page.textContent("[data-step-card=resume]");
      assert.match(offer!, /Short Film/);
      assert.match(offer!, new RegExp(film.film.split("/").pop()!.replaceAll(".", "\\.")));
      const resume = page.getByRole("button", { name: /^Continue from \d+:\d\d$/ });
      const from = clockSeconds((await resume.textContent())!.replace("Continue from ", ""));
      assert.ok(from >= 64 && from < 80, `offered to continue from ${from} s`);
      await resume.click();
      // Another file is refused with the reason.
      await page.setInputFiles("#watch-film", film.srt);
      await page.waitForSelector("[data-film=bad]");
      assert.match(await page.textContent("[data-film=bad]") ?? "", /not the file of the viewing/);
      await page.setInputFiles("#watch-film", film.film);
      await page.getByRole("button", { name: /Start the camera|Try again/ }).click();
      await page.waitForSelector("[data-step-card=face-check]", { timeout: 60_000 });
      const resumedCheck = await page.getAttribute("[data-calibration]", "data-calibration");
      await page.waitForSelector(".watch-stage[data-phase=playing]", { timeout: 60_000 });
      await page.waitForFunction(
        () => document.querySelector<HTMLVideoElement>(".watch-stage__film")!.currentTime > 0,
      );
      const startedAt = await page.$eval(
        ".watch-stage__film",
        (v) => (v as HTMLVideoElement).currentTime,
      );
      assert.ok(startedAt >= from && startedAt < from + 3, `resumed at ${startedAt} s`);
      await setRate(page, 4);
      const id = await viewingId(page);
      const json = await screening(url, id);
      assertWholeFilm(json.seconds, film.duration);
      assert.deepEqual(json.minutes.map((m) => m.seq), [0, 1]);
      assert.equal(json.minutes[0].count, 60);
      for (const s of json.seconds) assert.equal(s.line, film.lineAt(s.t), `line at ${s.t}`);
      assert.equal(json.screening.state, "finished");
      // The calibration made at the start is kept with the viewing (the resumed face check
      // did not calibrate again: its tracker starts with the stored baseline).
      assert.equal(json.screening.baseline?.probs.length, EXPRESSIONS.length);
      assert.equal(resumedCheck, "kept");
      // Nothing is left to resume.
      await page.reload();
      await page.waitForSelector("[data-step-card=pick]");
      assert.equal(await page.$("[data-step-card=resume]"), null);
      assert.deepEqual(errors, []);
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);

browserTest(
  "watch: an interrupted viewing can be finished as it is",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(30), async (context, film) => {
      const page = await context.newPage();
      await openWatch(page, url);
      await pickFilm(page, film, false);
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      await setRate(page, 4);
      await waitRecorded(page, 12, 30_000);
      await setRate(page, 1); // the film must not end before the reload
      await page.reload();
      await page.waitForSelector("[data-step-card=resume]", { timeout: 30_000 });
      await page.getByRole("button", { name: "Finish it as it is" }).click();
      const id = await viewingId(page);
      const json = await screening(url, id);
      const ts = json.seconds.map((s) => s.t);
      assert.ok(ts.length >= 12 && ts.length < 30, `${ts.length} seconds`);
      assert.deepEqual(ts, range(0, ts.length));
      assert.ok(json.seconds.every((s) => s.line === null), "no subtitles, no lines");
      assert.equal(json.screening.state, "finished");
      // The summary rates every recorded second but the unknown ones (a poor or starved picture).
      const rated = json.seconds.filter((s) => secondState(s) !== "unknown").length;
      assert.equal(json.summary?.recordedSec, rated);
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);

browserTest(
  "watch: a minute the server refuses (409) is shown, not retried forever, and can be left out",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(100), async (context, film) => {
      const page = await context.newPage();
      let refusals = 0;
      await page.route(/\/minutes\/0$/, (route) => {
        refusals++;
        return route.fulfill({
          status: 409,
          contentType: "application/json",
          body: JSON.stringify({ error: "seq 0: already stored with different seconds" }),
        });
      });
      await trackStreams(page);
      await openWatch(page, url);
      await pickFilm(page, film);
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      await setRate(page, 4);
      await page.waitForSelector(".watch-stage .upload-failures", { timeout: 60_000 });
      await setRate(page, 1); // the film must not end before the viewer stops it
      assert.match(
        await page.textContent(".watch-stage .upload-failures") ?? "",
        /Storing minute 1 failed: seq 0: already stored with different seconds/,
      );
      // The viewer stops before the end of the film.
      await page.getByRole("button", { name: "Stop", exact: true }).click();
      await page.waitForSelector("[data-step-card=finishing]", { timeout: 10_000 });
      assert.deepEqual(await cameraTracks(page), { all: 1, live: 0 }, "the camera is off");
      // Offered only while the refused minute is left alone: a retry would clear it.
      await page.getByRole("button", { name: "Finish without the refused minutes" }).click();
      const id = await viewingId(page);
      const json = await screening(url, id);
      assert.deepEqual(json.minutes.map((m) => m.seq), [1]);
      const ts = json.seconds.map((s) => s.t);
      assert.deepEqual(ts, range(60, 60 + ts.length), "seconds from 60 on, until the stop");
      assert.ok(ts.at(-1)! < 95, `stopped at ${ts.at(-1)}`);
      // The summary rates every recorded second but the unknown ones (a poor or starved picture).
      const rated = json.seconds.filter((s) => secondState(s) !== "unknown").length;
      assert.equal(json.summary?.recordedSec, rated);
      assert.equal(refusals, 1, "a refusal is not retried by itself");
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);

browserTest(
  "watch: the camera goes off at once when the viewer cancels, even while the models load",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(5), async (context, film) => {
      const page = await context.newPage();
      await trackStreams(page);
      const errors = await openWatch(page, url);
      // The detector's model is held back, so that the viewer cancels while it loads.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding = false;
      await page.route(/\/models\/blazeface-front\.json$/, async (route) => {
        holding = true;
        await held;
        await route.continue().catch(() => {}); // the worker may be gone by then
      });
      await pickFilm(page, film, false);
      await page.click(".watch button[type=submit]");
      await page.getByRole("button", { name: "Start the camera" }).click();
      await page.waitForSelector("[data-step-card=consent] .rec-indicator");
      assert.deepEqual(await cameraTracks(page), { all: 1, live: 1 }, "the camera light is on");
      let problem: string | null = null;
      for (let wait = 0; !holding && !problem && wait < 300; wait++) {
        await page.waitForTimeout(100);
        problem = await page.$eval("[data-camera-problem]", (e) => e.textContent).catch(() => null);
      }
      assert.ok(holding, `the models are loading when the viewer cancels ${problem ?? ""}`);
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.waitForSelector("[data-step-card=pick]");
      assert.deepEqual(await cameraTracks(page), { all: 1, live: 0 }, "off, the models unloaded");
      release();
      await page.unroute(/\/models\/blazeface-front\.json$/);

      // Without the WebAssembly binaries the analysis falls back, and the face check says so.
      await page.route(/\/models\/wasm\//, (route) => route.fulfill({ status: 404 }));
      await page.click(".watch button[type=submit]");
      await page.getByRole("button", { name: "Start the camera" }).click();
      await page.waitForSelector("[data-step-card=face-check]", { timeout: 90_000 });
      const note = page.locator("[data-backend]");
      assert.notEqual(await note.getAttribute("data-backend"), "wasm");
      assert.match(await note.textContent() ?? "", /WebAssembly is not available/);
      await page.getByRole("button", { name: "Stop the camera" }).click();
      await page.waitForSelector("[data-step-card=pick]");
      assert.deepEqual(await cameraTracks(page), { all: 2, live: 0 }, "off from the face check");
      const films = await (await fetch(`${url}/api/films`)).json();
      assert.deepEqual(films.films, [], "nothing was created");
      assert.deepEqual(errors, []);
    });
  },
  { fakeCamera: fixtures?.facesY4m },
);

async function deniedOrMissing(
  url: string,
  context: BrowserContext,
  film: FilmFixture,
  kind: string,
  title: RegExp,
): Promise<void> {
  const page = await context.newPage();
  const posts: string[] = [];
  page.on("request", (r) => r.method() !== "GET" && posts.push(`${r.method()} ${r.url()}`));
  await openWatch(page, url);
  await pickFilm(page, film);
  await page.click(".watch button[type=submit]");
  await page.waitForSelector("[data-step-card=consent]");
  await page.getByRole("button", { name: "Start the camera" }).click();
  await page.waitForSelector(`[data-camera-problem=${kind}]`, { timeout: 20_000 });
  const text = await page.textContent(`[data-camera-problem=${kind}]`);
  assert.match(text!, title);
  assert.match(text!, /Nothing was recorded/);
  assert.equal(await page.$(".rec-indicator"), null, "no camera light");
  assert.deepEqual(posts, [], "no screening created, nothing sent");
  const films = await (await fetch(`${url}/api/films`)).json();
  assert.deepEqual(films.films, []);
}

const CAMERA_PROBLEMS = [
  {
    name: "a denied camera permission",
    kind: "denied",
    title: /Camera permission denied/,
    // A camera exists, but without the fake-UI flag headless Chromium denies the permission.
    browser: { args: ["--use-fake-device-for-media-stream"] },
    context: {},
  },
  {
    name: "no camera at all",
    kind: "no-camera",
    title: /No camera found/,
    browser: {},
    context: { permissions: ["camera"] },
  },
];

for (const problem of CAMERA_PROBLEMS) {
  browserTest(
    `watch: ${problem.name} gets its own message, and nothing is recorded`,
    async ({ url, browser }) => {
      await withFilm(
        browser,
        fastFilm(5),
        (context, film) => deniedOrMissing(url, context, film, problem.kind, problem.title),
        problem.context,
      );
    },
    problem.browser,
  );
}

browserTest(
  "watch: a file the browser cannot play and broken subtitles are explained",
  async ({ url, browser }) => {
    await withFilm(browser, fastFilm(5), async (context, film) => {
      const page = await context.newPage();
      const errors = await openWatch(page, url);
      const bad = `${film.dir}/Not.A.Film.2020.mp4`;
      await Deno.writeTextFile(bad, "this is text, not a film\n".repeat(50));
      await page.setInputFiles("#watch-film", bad);
      await page.waitForSelector("[data-film=bad]");
      assert.match(await page.textContent("[data-film=bad]") ?? "", /cannot play "Not\.A\.Film/);
      assert.ok(await page.isDisabled(".watch button[type=submit]"));

      await page.setInputFiles("#watch-film", film.film);
      await page.waitForSelector("[data-film=ready]");
      const broken = `${film.dir}/broken.srt`;
      await Deno.writeFile(broken, new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 7]));
      await page.setInputFiles("#watch-subtitles", broken);
      await page.waitForSelector("[data-subtitles=bad]");
      const said = await page.textContent("[data-subtitles=bad]");
      assert.match(said!, /cannot be used/);
      assert.match(said!, /Line 1 could not be read/);
      assert.match(said!, /continue without subtitles/);
      // The viewer can go on without them.
      await page.click(".watch button[type=submit]");
      await page.waitForSelector("[data-step-card=consent]");
      assert.match(await page.textContent("[data-step-card=consent]") ?? "", /none: no subtitles/);
      assert.deepEqual(errors, []);
    });
  },
);
