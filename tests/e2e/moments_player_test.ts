/**
 * The moments player in Chromium, on a generated film (ffmpeg `testsrc` + silent audio, 3
 * minutes at 160×90) and a viewing recorded through the API whose labels make known segments:
 * the filtered player's position only ever falls inside the chosen segments, seeking outside
 * snaps to the next one, and the three exports list exactly those segments — the ffmpeg script
 * is run for real on the film, and cuts a highlights file of their total length.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { parseMomentsJson } from "@/lib/moments/mod.ts";
import { type Expression, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { browserTest } from "@/tests/helpers/browser.ts";

const FILM_SEC = 180;
/** A name that a shell or ffmpeg would misread if it were not quoted. */
const FILM_FILE = "Reel 'feel' $test (cut).mp4";

/**
 * The recorded labels: neutral everywhere but for these runs (end exclusive). With the default
 * options (gaps ≤ 2 s bridged, 3 s minimum, 3 s before and 2 s after), they give the segments
 * in EXPECTED.
 */
const RUNS: { from: number; to: number; label: Expression | null }[] = [
  { from: 20, to: 30, label: "happy" },
  { from: 45, to: 47, label: null }, // no face: never a moment
  { from: 60, to: 66, label: "surprise" },
  { from: 100, to: 104, label: "happy" },
  { from: 104, to: 105, label: "neutral" }, // a one-second gap, bridged
  { from: 105, to: 109, label: "happy" },
  { from: 140, to: 142, label: "sad" }, // two seconds: too short
  { from: 170, to: 180, label: "happy" },
];

function labelAt(t: number): Expression | null {
  return RUNS.find((r) => t >= r.from && t < r.to)?.label ?? (t >= 45 && t < 47 ? null : "neutral");
}

function recordedSecond(t: number, label: Expression | null): RecordedSecond {
  return {
    t,
    face: label !== null,
    emotion: label,
    probs: label ? EXPRESSIONS.map((e) => (e === label ? 0.76 : 0.04)) : null,
    movement: 0.1,
    frames: label ? 10 : 0,
    line: null,
  };
}

/** The segments the player must play for happy alone, and for happy + surprise. */
function expected(filmEnd: number, withSurprise: boolean) {
  return [
    { start: 17, end: 32, expression: "happy" },
    ...(withSurprise ? [{ start: 57, end: 68, expression: "surprise" }] : []),
    { start: 97, end: 111, expression: "happy" },
    { start: 167, end: Math.min(182, filmEnd), expression: "happy" },
  ];
}

async function run(cmd: string, args: string[], cwd?: string): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder();
  assert.equal(out.code, 0, `${cmd} failed: ${text.decode(out.stderr)}`);
  return text.decode(out.stdout);
}

async function makeFilm(dir: string): Promise<string> {
  const path = `${dir}/${FILM_FILE}`;
  await run("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    `testsrc=size=160x90:rate=10:duration=${FILM_SEC}`,
    "-f",
    "lavfi",
    "-i",
    `anullsrc=r=22050:cl=mono`,
    "-t",
    String(FILM_SEC),
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-g",
    "10",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-shortest",
    path,
  ]);
  return path;
}

async function durationOf(path: string): Promise<number> {
  const out = await run("ffprobe", [
    "-v",
    "error",
    "-show_entries",
    "format=duration",
    "-of",
    "csv=p=0",
    path,
  ]);
  return Number(out.trim());
}

/**
 * Records a finished viewing through the API, of a film recorded as `durationSec` long with
 * `label(t)` at each second; returns its id.
 */
async function recordViewing(
  base: string,
  durationSec = FILM_SEC,
  label: (t: number) => Expression | null = labelAt,
): Promise<string> {
  const created = await fetch(`${base}/api/screenings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Moments test film", year: 2024, durationSec }),
  });
  assert.equal(created.status, 201);
  const { id, token } = await created.json();
  for (let seq = 0; seq * 60 < durationSec; seq++) {
    const seconds = Array.from({ length: 60 }, (_, i) => seq * 60 + i)
      .map((t) => recordedSecond(t, label(t)));
    const put = await fetch(`${base}/api/screenings/${id}/minutes/${seq}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ seconds }),
    });
    assert.ok(put.ok, `minute ${seq}: ${put.status} ${await put.text()}`);
  }
  const finished = await fetch(`${base}/api/screenings/${id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  assert.ok(finished.ok, `finish: ${finished.status} ${await finished.text()}`);
  return id;
}

/** The segments the page shows, read from its list of moments. */
function pageSegments(page: Page) {
  return page.$$eval(".moments-list__item", (items) => items.map((item) => item.textContent));
}

async function download(page: Page, kind: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`[data-export="${kind}"]`),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await Deno.readTextFile(path) };
}

/**
 * How far outside the segments the position may be seen. The player sets a timer for the end
 * of the segment playing and checks on every animation frame; at 8× the largest overshoot seen
 * here was 0.13 s of film (16 ms). At 4×, 0.5 s of film is 125 ms of wall time: room for a
 * timer late on a busy machine, and far smaller than any gap between the segments (≥ 25 s).
 */
const TOLERANCE_SEC = 0.5;
const RATE = 4;

browserTest(
  "moments player: plays only the chosen segments and exports exactly them",
  async ({ url, browser }) => {
    const dir = await Deno.makeTempDir({ prefix: "reelfeel-moments-e2e-" });
    try {
      const [filmPath, id] = await Promise.all([makeFilm(dir), recordViewing(url)]);
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(`${url}/screenings/${id}`);
      await page.waitForSelector(".moments-player [type=file]", { state: "attached" });
      await page.waitForFunction(() =>
        document.querySelector("[data-island][data-hydrated] .moments-player")
      );
      await page.setInputFiles(".moments-player input[type=file]", filmPath);
      await page.waitForSelector(".moments-chips");
      await page.waitForFunction(() =>
        document.querySelector<HTMLVideoElement>(".moments-player__video")!.readyState >= 1
      );
      const filmEnd = await page.$eval(
        ".moments-player__video",
        (v: HTMLVideoElement) => v.duration,
      );
      assert.ok(Math.abs(filmEnd - FILM_SEC) < 0.5, `the film lasts ${filmEnd}`);

      // Chips: happy and surprise have moments and are chosen; sad (2 s) has none.
      const chips = await page.$$eval(".moments-chip", (els) =>
        Object.fromEntries(els.map((el) => [
          el.getAttribute("data-expression"),
          {
            pressed: el.getAttribute("aria-pressed"),
            disabled: (el as HTMLButtonElement).disabled,
            segments: el.getAttribute("data-segments"),
          },
        ])));
      assert.deepEqual(chips.happy, { pressed: "true", disabled: false, segments: "3" });
      assert.deepEqual(chips.surprise, { pressed: "true", disabled: false, segments: "1" });
      assert.deepEqual(chips.sad, { pressed: "false", disabled: true, segments: "0" });
      assert.equal((await pageSegments(page)).length, 4);

      // The timeline draws each second: a chosen expression opaque, the others faint.
      const pixel = (t: number) =>
        page.$eval(".moments-timeline__bars", (c: HTMLCanvasElement, t: number) => {
          const duration =
            document.querySelector<HTMLVideoElement>(".moments-player__video")!.duration;
          const x = Math.floor(((t + 0.5) * c.width) / duration);
          return [...c.getContext("2d")!.getImageData(x, c.height - 1, 1, 1).data];
        }, t);
      assert.deepEqual(await pixel(25), [245, 165, 36, 255]); // happy, --expr-happy
      assert.deepEqual(await pixel(62), [18, 165, 148, 255]); // surprise
      const neutral = await pixel(80);
      assert.ok(neutral[3] > 50 && neutral[3] < 110, `neutral is faint: ${neutral}`);
      assert.equal((await pixel(46))[3], 0); // no face: nothing drawn

      // Happy alone.
      await page.click('.moments-chip[data-expression="surprise"]');
      await page.waitForSelector('.moments-player[data-segments="3"]');
      const happy = expected(filmEnd, false);

      // Record the position on every timeupdate, seek and every 5 ms, then play at RATE.
      await page.$eval(".moments-player__video", (v: HTMLVideoElement, rate: number) => {
        const w = globalThis as unknown as { samples: { t: number; paused: boolean }[] };
        w.samples = [];
        const sample = () => w.samples.push({ t: v.currentTime, paused: v.paused });
        for (const type of ["timeupdate", "seeked", "seeking", "play", "pause"]) {
          v.addEventListener(type, sample);
        }
        setInterval(sample, 5);
        v.muted = true;
        v.defaultPlaybackRate = rate;
        v.playbackRate = rate;
      }, RATE);
      // Before playing, the player already stands at the first moment.
      assert.equal(
        await page.$eval(".moments-player__video", (v: HTMLVideoElement) => v.currentTime),
        17,
      );
      await page.click('[data-action="play"]');
      await page.waitForFunction(
        () => {
          const v = document.querySelector<HTMLVideoElement>(".moments-player__video")!;
          return v.paused && v.currentTime > 160;
        },
        undefined,
        { timeout: 60_000, polling: 100 },
      );
      const samples: { t: number; paused: boolean }[] = await page.evaluate(() =>
        (globalThis as unknown as { samples: { t: number; paused: boolean }[] }).samples
      );
      assert.ok(samples.length > 200, `${samples.length} samples`);
      const outside = samples.filter(({ t }) =>
        !happy.some((s) => t >= s.start - TOLERANCE_SEC && t <= s.end + TOLERANCE_SEC)
      );
      assert.deepEqual(outside, [], "the position left the chosen segments");
      // Every segment was played through, in order, and it stopped after the last.
      for (const s of happy) {
        assert.ok(samples.some(({ t }) => t >= s.start && t < s.start + 1), `reached ${s.start}`);
        assert.ok(
          samples.some(({ t }) => t > s.end - 1 && t <= s.end + TOLERANCE_SEC),
          `played to ${s.end}`,
        );
      }
      const last = samples[samples.length - 1];
      assert.ok(
        last.paused && Math.abs(last.t - happy[2].end) <= TOLERANCE_SEC,
        JSON.stringify(last),
      );

      // Seeking between moments snaps to the next one; the keyboard moves between moments.
      // Sets the position as a viewer's seek would, and reads it once the player settled.
      const seekTo = async (time: number) => {
        await page.$eval(".moments-player__video", (v: HTMLVideoElement, time: number) => {
          v.currentTime = time;
        }, time);
        await page.waitForFunction(() =>
          !document.querySelector<HTMLVideoElement>(".moments-player__video")!.seeking
        );
        return await page.$eval(".moments-player__video", (v: HTMLVideoElement) => v.currentTime);
      };
      assert.equal(await seekTo(50), 97);
      assert.equal(await seekTo(20), 20);
      await page.focus(".moments-timeline");
      await page.keyboard.press("PageDown");
      await page.waitForFunction(() =>
        document.querySelector<HTMLVideoElement>(".moments-player__video")!.currentTime === 97
      );
      await page.keyboard.press("Home");
      await page.waitForFunction(() =>
        document.querySelector<HTMLVideoElement>(".moments-player__video")!.currentTime === 17
      );
      assert.match(
        await page.$eval(".moments-player__expression", (el) => el.textContent ?? ""),
        /^Neutral · 76% confidence$/,
      );
      await seekTo(25);
      await page.waitForFunction(() =>
        document.querySelector(".moments-player__expression")?.textContent ===
          "Happy · 76% confidence"
      );

      // Exports, for happy and surprise: exactly the chosen segments.
      await page.click('.moments-chip[data-expression="surprise"]');
      await page.waitForSelector('.moments-player[data-segments="4"]');
      const both = expected(filmEnd, true);
      const vtt = await download(page, "vtt");
      assert.equal(vtt.name, "Reel 'feel' $test (cut)_moments.vtt");
      const cues = vtt.text.trimEnd().split("\n\n");
      assert.equal(cues.shift(), "WEBVTT");
      const clock = (s: number) =>
        `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
      assert.deepEqual(
        cues.map((cue) => cue.split("\n")[1]),
        both.map((s) =>
          `${s.expression[0].toUpperCase()}${s.expression.slice(1)} · ${clock(s.start)}–${
            clock(s.end)
          }`
        ),
      );
      assert.deepEqual(
        cues.map((cue) => cue.split("\n")[0]),
        both.map((s) => {
          const ts = (x: number) => new Date(Math.round(x * 1000)).toISOString().slice(11, 23);
          return `${ts(s.start)} --> ${ts(s.end)}`;
        }),
      );

      const json = await download(page, "json");
      const doc = parseMomentsJson(json.text);
      assert.equal(doc.source, "viewing");
      assert.equal(doc.screeningId, id);
      assert.deepEqual(doc.expressions, ["happy", "surprise"]);
      assert.deepEqual(
        doc.segments.map(({ start, end, expression }) => ({ start, end, expression })),
        both,
      );
      for (const s of doc.segments) assert.equal(s.confidence, 0.76);

      const script = await download(page, "sh");
      assert.equal(script.name, "Reel 'feel' $test (cut)_highlights.sh");
      await Deno.writeTextFile(`${dir}/cut.sh`, script.text);
      await run("sh", ["./cut.sh"], dir);
      const highlights = await durationOf(`${dir}/Reel 'feel' $test (cut)_highlights.mp4`);
      const total = both.reduce((sum, s) => sum + s.end - s.start, 0);
      assert.ok(
        Math.abs(highlights - total) < 0.5,
        `highlights last ${highlights} s, moments ${total} s`,
      );

      // The audience (this one viewer) is offered too, with its own wording.
      await page.check('input[type=radio][value="audience"]');
      await page.waitForSelector('.moments-player[data-source="audience"]');
      await seekTo(25);
      await page.waitForFunction(() =>
        document.querySelector(".moments-player__expression")?.textContent ===
          "Happy · 100% of 1 viewer"
      );

      assert.deepEqual(errors, []);

      // Opening another file frees the first one's object URL: the page no longer holds it.
      const video = ".moments-player__video";
      const firstUrl = await page.$eval(video, (v: HTMLVideoElement) => v.src);
      await page.setInputFiles(".moments-player__file input[type=file]", filmPath);
      await page.waitForFunction(
        ([selector, old]) => {
          const v = document.querySelector<HTMLVideoElement>(selector)!;
          return v.src !== old && v.readyState >= 1;
        },
        [video, firstUrl],
      );
      // Whether a fresh video element can still read a URL (the CSP allows no fetch of blob:).
      const readable = (blobUrl: string) =>
        page.evaluate((u) =>
          new Promise<boolean>((resolve) => {
            const probe = document.createElement("video");
            probe.onloadedmetadata = () => resolve(true);
            probe.onerror = () => resolve(false);
            probe.preload = "metadata";
            probe.src = u;
          }), blobUrl);
      // (The revoked URL logs a "not found" to the console.)
      assert.equal(await readable(firstUrl), false, "the first file's URL was revoked");
      assert.equal(await readable(await page.$eval(video, (v: HTMLVideoElement) => v.src)), true);

      await context.close();
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

browserTest(
  "moments player: a shorter file than the one recorded keeps only the moments inside it",
  async ({ url, browser }) => {
    const dir = await Deno.makeTempDir({ prefix: "reelfeel-moments-e2e-" });
    try {
      // Recorded on a 5-minute file: happy at 200–210 s only, past the end of the 3-minute one.
      const [filmPath, id] = await Promise.all([
        makeFilm(dir),
        recordViewing(url, 300, (t) => (t >= 200 && t < 210 ? "happy" : "neutral")),
      ]);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${url}/screenings/${id}`);
      await page.waitForFunction(() =>
        document.querySelector("[data-island][data-hydrated] .moments-player")
      );
      await page.setInputFiles(".moments-player input[type=file]", filmPath);
      await page.waitForSelector(".moments-player .notice--warn");
      // Happy has no moment in this file: nothing is chosen, and the player stays where it was
      // rather than jumping to where the longer file's moment would be.
      await page.waitForSelector('.moments-chip[data-expression="happy"][disabled]');
      assert.equal(await page.locator(".moments-list__item").count(), 0);
      const position = await page.$eval(
        ".moments-player__video",
        (v: HTMLVideoElement) => v.currentTime,
      );
      assert.equal(position, 0);
      assert.match(await page.locator(".notice--warn").innerText(), /recorded on a file of 5:00/);
      assert.deepEqual(errors, []);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
