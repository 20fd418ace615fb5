/**
 * `/watch` in real Chromium, with a fake camera fed by face photos that npm packages ship
 * (tests/fixtures/faces.ts) and generated films (tests/fixtures/film.ts): the whole flow on a
 * 3-minute film at normal speed with the network cut for a minute, camera errors, resuming
 * after a reload, finishing an interrupted viewing as it is, a refused minute, and bad files.
 */
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import { browserTest, skipBrowserTests } from "../helpers/browser.ts";
import { faceFixtures } from "../fixtures/faces.ts";
import { type FilmFixture, makeFilm } from "../fixtures/film.ts";
import { EXPRESSIONS, type RecordedSecond } from "../../lib/recording.ts";

const fixtures = skipBrowserTests ? null : await faceFixtures(15);
const LAPTOP = { width: 1280, height: 800 };

interface ScreeningJson {
  screening: { id: string; state: string; durationSec: number };
  film: { slug: string; title: string; year: number | null };
  summary: { rating: number; recordedSec: number } | null;
  minutes: { seq: number; count: number }[];
  seconds: RecordedSecond[];
}

/** Keeps every camera stream the page opens in `window.__streams`, to see that it stops. */
async function trackStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    const open = media.getUserMedia.bind(media);
    const streams: MediaStream[] = [];
    // deno-lint-ignore no-explicit-any
    (window as any).__streams = streams;
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
}

/** The camera's tracks the page opened: how many, and how many still live. */
function cameraTracks(page: Page): Promise<{ all: number; live: number }> {
  return page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const tracks = ((window as any).__streams as MediaStream[]).flatMap((s) => s.getTracks());
    return { all: tracks.length, live: tracks.filter((t) => t.readyState === "live").length };
  });
}

/** Opens /watch and collects the page's errors. */
async function openWatch(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/watch");
  await page.waitForSelector(".watch-page [data-island][data-hydrated]", { state: "attached" });
  return errors;
}

async function pickFilm(page: Page, film: FilmFixture, subtitles = true): Promise<void> {
  await page.setInputFiles("#watch-film", film.film);
  await page.waitForSelector("[data-film=ready]");
  if (subtitles) {
    await page.setInputFiles("#watch-subtitles", film.srt);
    await page.waitForSelector("[data-subtitles=ready]");
  }
}

/** From consent to the film playing: the camera, the face check, the countdown. */
async function startWatching(page: Page): Promise<void> {
  await page.waitForSelector("[data-step-card=consent]");
  await page.getByRole("button", { name: /Start the camera|Try again/ }).click();
  await page.waitForSelector("[data-step-card=face-check]", { timeout: 60_000 });
  await page.waitForSelector("[data-face=found]", { timeout: 30_000 });
  await page.waitForSelector(".countdown", { timeout: 30_000 });
  await page.waitForSelector(".watch-stage[data-phase=playing]", { timeout: 30_000 });
}

function recorded(page: Page): Promise<number> {
  return page.$eval("[data-recorded]", (el) => Number((el as HTMLElement).dataset.recorded))
    .catch(() => 0);
}

async function waitRecorded(page: Page, seconds: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.querySelector<HTMLElement>("[data-recorded]")?.dataset.recorded) >= n,
    seconds,
    { timeout: timeoutMs, polling: 200 },
  );
}

function setRate(page: Page, rate: number): Promise<void> {
  return page.$eval(".watch-stage__film", (v, r) => {
    (v as HTMLVideoElement).playbackRate = r;
  }, rate);
}

async function viewingId(page: Page): Promise<string> {
  await page.waitForSelector("[data-step-card=done]", { timeout: 120_000 });
  const href = await page.getAttribute("[data-viewing-link]", "href");
  const id = href!.split("/").pop()!;
  assert.match(href!, /^\/screenings\/[A-Za-z0-9_-]+$/);
  return id;
}

async function screening(url: string, id: string): Promise<ScreeningJson> {
  const response = await fetch(`${url}/api/screenings/${id}`);
  assert.equal(response.status, 200);
  return await response.json();
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** The seconds' playback times, each once, 0..n-1 (a last sliver second may be missing). */
function assertWholeFilm(seconds: RecordedSecond[], duration: number): void {
  const ts = seconds.map((s) => s.t);
  const whole = Math.floor(duration);
  const expected = range(0, whole);
  // A film a few ms longer than its whole seconds may or may not record that last sliver.
  if (ts.length === whole + 1) expected.push(whole);
  assert.deepEqual(ts, expected, "every playback second once, in order, none missing");
}

browserTest(
  "watch: a 3-minute film recorded whole at normal speed, through a minute offline",
  async ({ url, browser }) => {
    const film = await makeFilm({ seconds: 180 });
    const context = await browser.newContext({ viewport: LAPTOP });
    try {
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
      assert.ok(shown.has("offline — 0 minutes waiting"), [...shown].join(" | "));
      assert.ok(shown.has("offline — 1 minute waiting"), [...shown].join(" | "));
      assert.ok([...shown].every((m) => /^offline — \d+ minutes? waiting$/.test(m)));

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
      const faces = json.seconds.filter((s) => s.face);
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
      assert.ok(json.summary && json.summary.recordedSec === json.seconds.length);
      const shownRating = await page.getAttribute(".watch-end__rating", "data-rating");
      assert.equal(Number(shownRating), json.summary!.rating);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await film.remove();
    }
  },
  { fakeCamera: fixtures?.facesY4m },
);

/** A short film at four times the speed, for the tests that need a minute document. */
async function fastFilm(seconds: number): Promise<FilmFixture> {
  return await makeFilm({ seconds, name: `Short.Film.${seconds}.2021.mp4`, bitrate: 60 });
}

browserTest(
  "watch: reloading mid-film offers to resume; the same file continues where it stopped",
  async ({ url, browser }) => {
    const film = await fastFilm(80);
    const context = await browser.newContext({ viewport: LAPTOP });
    try {
      const page = await context.newPage();
      const errors = await openWatch(page, url);
      await pickFilm(page, film);
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      await setRate(page, 4);
      await waitRecorded(page, 64, 60_000);
      await page.reload();
      await page.waitForSelector("[data-step-card=resume]", { timeout: 10_000 });
      const offer = await page.textContent("[data-step-card=resume]");
      assert.match(offer!, /Short Film/);
      assert.match(offer!, new RegExp(film.film.split("/").pop()!.replaceAll(".", "\\.")));
      await page.getByRole("button", { name: /^Continue from 1:0\d$/ }).click();
      // Another file is refused with the reason.
      await page.setInputFiles("#watch-film", film.srt);
      await page.waitForSelector("[data-film=bad]");
      assert.match(await page.textContent("[data-film=bad]") ?? "", /not the file of the viewing/);
      await page.setInputFiles("#watch-film", film.film);
      await startWatching(page);
      await page.waitForFunction(
        () => document.querySelector<HTMLVideoElement>(".watch-stage__film")!.currentTime > 0,
      );
      const startedAt = await page.$eval(
        ".watch-stage__film",
        (v) => (v as HTMLVideoElement).currentTime,
      );
      assert.ok(startedAt >= 63 && startedAt < 70, `resumed at ${startedAt} s`);
      await setRate(page, 4);
      const id = await viewingId(page);
      const json = await screening(url, id);
      assertWholeFilm(json.seconds, film.duration);
      assert.deepEqual(json.minutes.map((m) => m.seq), [0, 1]);
      assert.equal(json.minutes[0].count, 60);
      for (const s of json.seconds) assert.equal(s.line, film.lineAt(s.t), `line at ${s.t}`);
      assert.equal(json.screening.state, "finished");
      // Nothing is left to resume.
      await page.reload();
      await page.waitForSelector("[data-step-card=pick]");
      assert.equal(await page.$("[data-step-card=resume]"), null);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await film.remove();
    }
  },
  { fakeCamera: fixtures?.facesY4m },
);

browserTest(
  "watch: an interrupted viewing can be finished as it is",
  async ({ url, browser }) => {
    const film = await fastFilm(30);
    const context = await browser.newContext({ viewport: LAPTOP });
    try {
      const page = await context.newPage();
      await openWatch(page, url);
      await pickFilm(page, film, false);
      await page.click(".watch button[type=submit]");
      await startWatching(page);
      await setRate(page, 4);
      await waitRecorded(page, 12, 30_000);
      await page.reload();
      await page.waitForSelector("[data-step-card=resume]", { timeout: 10_000 });
      await page.getByRole("button", { name: "Finish it as it is" }).click();
      const id = await viewingId(page);
      const json = await screening(url, id);
      const ts = json.seconds.map((s) => s.t);
      assert.ok(ts.length >= 12 && ts.length < 30, `${ts.length} seconds`);
      assert.deepEqual(ts, range(0, ts.length));
      assert.ok(json.seconds.every((s) => s.line === null), "no subtitles, no lines");
      assert.equal(json.screening.state, "finished");
      assert.equal(json.summary?.recordedSec, ts.length);
    } finally {
      await context.close();
      await film.remove();
    }
  },
  { fakeCamera: fixtures?.facesY4m },
);

browserTest(
  "watch: a minute the server refuses (409) is shown, not retried forever, and can be left out",
  async ({ url, browser }) => {
    const film = await fastFilm(100);
    const context = await browser.newContext({ viewport: LAPTOP });
    try {
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
      assert.match(
        await page.textContent(".watch-stage .upload-failures") ?? "",
        /Storing minute 1 failed: seq 0: already stored with different seconds/,
      );
      await page.waitForTimeout(3000);
      assert.equal(refusals, 1, "a refusal is not retried by itself");
      // The viewer stops before the end of the film.
      await page.getByRole("button", { name: "Stop", exact: true }).click();
      await page.waitForSelector("[data-step-card=finishing]", { timeout: 10_000 });
      assert.deepEqual(await cameraTracks(page), { all: 1, live: 0 }, "the camera is off");
      await page.getByRole("button", { name: "Finish without the refused minutes" }).click();
      const id = await viewingId(page);
      const json = await screening(url, id);
      assert.deepEqual(json.minutes.map((m) => m.seq), [1]);
      const ts = json.seconds.map((s) => s.t);
      assert.deepEqual(ts, range(60, 60 + ts.length), "seconds from 60 on, until the stop");
      assert.ok(ts.at(-1)! < 95, `stopped at ${ts.at(-1)}`);
      assert.equal(json.summary?.recordedSec, ts.length);
      assert.equal(refusals, 1);
    } finally {
      await context.close();
      await film.remove();
    }
  },
  { fakeCamera: fixtures?.facesY4m },
);

async function deniedOrMissing(
  url: string,
  context: BrowserContext,
  kind: string,
  title: RegExp,
): Promise<void> {
  const film = await fastFilm(5);
  try {
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
  } finally {
    await film.remove();
  }
}

browserTest(
  "watch: a denied camera permission gets its own message, and nothing is recorded",
  async ({ url, browser }) => {
    const context = await browser.newContext({ viewport: LAPTOP });
    try {
      await deniedOrMissing(url, context, "denied", /Camera permission denied/);
    } finally {
      await context.close();
    }
  },
  // A camera exists, but without the fake-UI flag headless Chromium denies the permission.
  { args: ["--use-fake-device-for-media-stream"] },
);

browserTest(
  "watch: no camera at all gets its own message, and nothing is recorded",
  async ({ url, browser }) => {
    const context = await browser.newContext({ viewport: LAPTOP, permissions: ["camera"] });
    try {
      await deniedOrMissing(url, context, "no-camera", /No camera found/);
    } finally {
      await context.close();
    }
  },
);

browserTest(
  "watch: a file the browser cannot play and broken subtitles are explained",
  async ({ url, browser }) => {
    const dir = await Deno.makeTempDir({ prefix: "reelfeel-watch-bad-" });
    const film = await fastFilm(5);
    try {
      const page = await browser.newPage({ viewport: LAPTOP });
      const errors = await openWatch(page, url);
      await Deno.writeTextFile(
        `${dir}/Not.A.Film.2020.mp4`,
        "this is text, not a film\n".repeat(50),
      );
      await page.setInputFiles("#watch-film", `${dir}/Not.A.Film.2020.mp4`);
      await page.waitForSelector("[data-film=bad]");
      assert.match(await page.textContent("[data-film=bad]") ?? "", /cannot play "Not\.A\.Film/);
      assert.ok(await page.isDisabled(".watch button[type=submit]"));

      await page.setInputFiles("#watch-film", film.film);
      await page.waitForSelector("[data-film=ready]");
      await Deno.writeFile(`${dir}/broken.srt`, new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 7]));
      await page.setInputFiles("#watch-subtitles", `${dir}/broken.srt`);
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
    } finally {
      await film.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
);
