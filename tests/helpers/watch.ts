/**
 * Driving `/watch` in Chromium for the browser tests: a generated film in a laptop-sized
 * context, the flow from choosing the film to the film playing, and what the server stored.
 */
import assert from "node:assert/strict";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import type { RecordedSecond } from "@/lib/recording.ts";
import { faceFixtures, PHOTO_FACES, photoVideo } from "@/tests/fixtures/faces.ts";
import { type FilmFixture, makeFilm } from "@/tests/fixtures/film.ts";
import { skipBrowserTests } from "./browser.ts";

/** The fake camera's faces (a .y4m of face photos), made once per test file. */
export const fixtures = skipBrowserTests ? null : await faceFixtures(15);
/**
 * A camera in a dark room: a frontal face (sample1.jpg) at a tenth of its brightness, 2 s
 * looped. The face is found; its picture is too dark to read (the calibration fails on it).
 */
export const darkCamera = skipBrowserTests ? null : await photoVideo("frontal-dark", {
  ...PHOTO_FACES[0],
  x: PHOTO_FACES[0].x - 120,
  y: PHOTO_FACES[0].y - 120,
  side: 404,
}, { seconds: 2, filter: "lutyuv=y=val*0.1" });
export const LAPTOP = { width: 1280, height: 800 };

/** Runs `fn` in a fresh laptop-sized context with a generated film; both go afterwards. */
export async function withFilm(
  browser: Browser,
  making: Promise<FilmFixture>,
  fn: (context: BrowserContext, film: FilmFixture) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  const film = await making;
  const context = await browser.newContext({ viewport: LAPTOP, ...options });
  try {
    await fn(context, film);
  } finally {
    await context.close();
    await film.remove();
  }
}

export interface ViewingJson {
  screening: {
    id: string;
    state: string;
    durationSec: number;
    baseline: { probs: number[]; yaw: number; pitch: number } | null;
  };
  verdict: number | null;
  predictedVerdict: number | null;
  film: { slug: string; title: string; year: number | null };
  summary: { rating: number; recordedSec: number } | null;
  minutes: { seq: number; count: number }[];
  seconds: RecordedSecond[];
}

/** Keeps every camera stream the page opens in `window.__streams`, to see that it stops. */
export async function trackStreams(page: Page): Promise<void> {
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
export function cameraTracks(page: Page): Promise<{ all: number; live: number }> {
  return page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const tracks = ((window as any).__streams as MediaStream[]).flatMap((s) => s.getTracks());
    return { all: tracks.length, live: tracks.filter((t) => t.readyState === "live").length };
  });
}

/** Opens /watch and collects the page's errors. */
export async function openWatch(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/watch");
  await page.waitForSelector(".watch-page [data-island][data-hydrated]", { state: "attached" });
  return errors;
}

export async function pickFilm(page: Page, film: FilmFixture, subtitles = true): Promise<void> {
  await page.setInputFiles("#watch-film", film.film);
  await page.waitForSelector("[data-film=ready]");
  if (subtitles) {
    await page.setInputFiles("#watch-subtitles", film.srt);
    await page.waitForSelector("[data-subtitles=ready]");
  }
}

/** From consent to the film playing: the camera, the face check, the countdown. */
export async function startWatching(page: Page): Promise<void> {
  await page.waitForSelector("[data-step-card=consent]");
  await page.getByRole("button", { name: /Start the camera|Try again/ }).click();
  await page.waitForSelector("[data-step-card=face-check]", { timeout: 60_000 });
  await page.waitForSelector("[data-face=found]", { timeout: 30_000 });
  // The face check says where the analysis runs.
  assert.equal(await page.getAttribute("[data-backend]", "data-backend"), "wasm");
  await startAfterCalibration(page);
  await page.waitForSelector(".countdown", { timeout: 30_000 });
  await page.waitForSelector(".watch-stage[data-phase=playing]", { timeout: 30_000 });
}

/**
 * The face check of a new viewing: waits for the calibration to succeed (about 8 s once the
 * face is found) and starts the film. A resumed viewing skips it (its baseline is kept).
 */
export async function startAfterCalibration(page: Page): Promise<void> {
  const state = await page.getAttribute("[data-calibration]", "data-calibration");
  if (state === "kept") return; // a resumed viewing: its face check passes by itself
  await page.waitForSelector("[data-calibration=calibrated]", { timeout: 60_000 });
  await page.getByRole("button", { name: "Start the film" }).click();
}

export function recorded(page: Page): Promise<number> {
  return page.$eval("[data-recorded]", (el) => Number((el as HTMLElement).dataset.recorded))
    .catch(() => 0);
}

export async function waitRecorded(page: Page, seconds: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.querySelector<HTMLElement>("[data-recorded]")?.dataset.recorded) >= n,
    seconds,
    { timeout: timeoutMs, polling: 200 },
  );
}

export function setRate(page: Page, rate: number): Promise<void> {
  return page.$eval(".watch-stage__film", (v, r) => {
    (v as HTMLVideoElement).playbackRate = r;
  }, rate);
}

export async function viewingId(page: Page): Promise<string> {
  await page.waitForSelector("[data-step-card=done]", { timeout: 120_000 });
  const href = await page.getAttribute("[data-viewing-link]", "href");
  const id = href!.split("/").pop()!;
  assert.match(href!, /^\/screenings\/[A-Za-z0-9_-]+$/);
  return id;
}

export async function screening(url: string, id: string): Promise<ViewingJson> {
  const response = await fetch(`${url}/api/screenings/${id}`);
  assert.equal(response.status, 200);
  return await response.json();
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** The seconds' playback times, each once, 0..n-1 (a last sliver second may be missing). */
export function assertWholeFilm(seconds: RecordedSecond[], duration: number): void {
  const ts = seconds.map((s) => s.t);
  const whole = Math.floor(duration);
  const expected = range(0, whole);
  // A film a few ms longer than its whole seconds may or may not record that last sliver.
  if (ts.length === whole + 1) expected.push(whole);
  assert.deepEqual(ts, expected, "every playback second once, in order, none missing");
}

/** A short film; tests play it at four times the speed where they need a minute document. */
export function fastFilm(seconds: number): Promise<FilmFixture> {
  return makeFilm({ seconds, name: `Short.Film.${seconds}.2021.mp4`, bitrate: 60 });
}

/** Seconds of an "m:ss" clock. */
export function clockSeconds(text: string): number {
  const [m, s] = text.split(":").map(Number);
  return m * 60 + s;
}
