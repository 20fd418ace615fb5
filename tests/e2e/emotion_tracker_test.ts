/**
 * EmotionTracker in real Chromium: a fake camera fed with face photos that npm packages
 * ship (see tests/fixtures/faces.ts), the worker on tfjs-wasm, both classifiers, the
 * no-face state, and the standalone module at /emotion-tracker.js under the app's CSP.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { browserTest, skipBrowserTests } from "@/tests/helpers/browser.ts";
import { openTrackerPage, trackerTestApp } from "@/tests/helpers/emotion.ts";
import { FACE_FRAMES, faceFixtures } from "@/tests/fixtures/faces.ts";
import type { ClassifierName, TrackedFrame, TrackerState } from "@/lib/emotion/tracker.ts";
import { EXPRESSIONS } from "@/lib/recording.ts";

const fixtures = skipBrowserTests ? null : await faceFixtures(15);

interface Run {
  backend: string | null;
  states: TrackerState[];
  frames: TrackedFrame[];
  error: string | null;
}

/** What to wait for before stopping: frames analysed, and how long a stretch they span. */
interface Enough {
  frames: number;
  /** From the first analysed frame's grab to the last's, in ms. */
  spanMs: number;
}

/**
 * Starts a tracker on the camera, waits until it has analysed `enough` frames (or failed, or
 * a minute passed: a loaded machine is slow, not wrong), then stops it and the camera.
 */
function trackCamera(page: Page, classifier: ClassifierName, enough: Enough): Promise<Run> {
  return page.evaluate(async ({ classifier, enough }) => {
    const states: string[] = [];
    const frames: { time: number }[] = [];
    // deno-lint-ignore no-explicit-any
    const { EmotionTracker } = window as any;
    const tracker = new EmotionTracker({
      classifier,
      onChange: (state: string) => states.push(state),
      onFrame: (frame: { time: number }) => frames.push(frame),
    });
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: 640, height: 480 },
    });
    await tracker.start(stream);
    const deadline = performance.now() + 60_000;
    const done = () =>
      frames.length >= enough.frames &&
      frames[frames.length - 1].time - frames[0].time >= enough.spanMs;
    while (!done() && tracker.state !== "error" && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const backend = tracker.backend;
    const error = tracker.error;
    tracker.stop();
    stream.getTracks().forEach((t) => t.stop());
    return { backend, states, frames, error };
  }, { classifier, enough }) as Promise<Run>;
}

function assertPlausible(frame: TrackedFrame): void {
  const { box, probs, label } = frame;
  assert.ok(box && probs && label);
  assert.equal(frame.width, 640);
  assert.equal(frame.height, 480);
  assert.ok(box.x >= 0 && box.y >= 0, `box inside the frame: ${JSON.stringify(box)}`);
  assert.ok(box.x + box.width <= 640.01 && box.y + box.height <= 480.01);
  // The fixtures' faces are 150–310 px wide.
  assert.ok(box.width > 100 && box.width < 400, `box width ${box.width}`);
  assert.ok(box.score >= 0.5 && box.score <= 1);
  assert.equal(probs.length, 7);
  assert.ok(probs.every((p) => p >= 0 && p <= 1));
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.equal(probs.indexOf(Math.max(...probs)), EXPRESSIONS.indexOf(label));
}

browserTest(
  "the tracker finds the faces on a camera, with both classifiers",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    const errors = await openTrackerPage(url, page);
    for (const classifier of ["face-api", "fer"] as const) {
      // The camera shows each photo for a second: 3 s of frames cover a smile and two switches.
      const run = await trackCamera(page, classifier, { frames: 25, spanMs: 3000 });
      assert.equal(run.error, null);
      assert.equal(run.backend, "wasm", `${classifier}: the wasm backend runs`);
      assert.equal(run.states[0], "loading");
      assert.ok(run.states.includes("face"), `${classifier}: states ${run.states}`);
      assert.equal(run.states.at(-1), "idle", "stop() ends in idle");
      assert.ok(run.frames.length >= 25, `${classifier}: ${run.frames.length} frames`);
      const faces = run.frames.filter((f) => f.box);
      assert.ok(
        faces.length >= 0.9 * run.frames.length,
        `${classifier}: faces in ${faces.length} of ${run.frames.length} frames`,
      );
      faces.forEach(assertPlausible);
      // One frame in flight at a time: frames come in the order they were grabbed.
      const times = run.frames.map((f) => f.time);
      assert.deepEqual(times, [...times].sort((a, b) => a - b));
      // The camera shows a still photo for a second, then the next: the head "moves" only
      // at the switches.
      const movements = run.frames.map((f) => f.movement).sort((a, b) => a - b);
      assert.ok(movements[Math.floor(movements.length / 2)] < 0.05, `still: ${movements}`);
      assert.ok(movements.at(-1)! > 0.2, `switches: ${movements.at(-1)}`);
      const labels = new Set(faces.map((f) => f.label));
      assert.ok(labels.has("happy"), `${classifier}: labels ${[...labels]}`);
    }
    assert.deepEqual(errors, []);
  },
  { fakeCamera: fixtures?.facesY4m, app: () => trackerTestApp() },
);

browserTest(
  "a camera without a face gives the no-face state",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    const errors = await openTrackerPage(url, page);
    const run = await trackCamera(page, "face-api", { frames: 10, spanMs: 0 });
    assert.equal(run.error, null);
    assert.ok(run.frames.length >= 10, `${run.frames.length} frames`);
    assert.ok(run.frames.every((f) => f.box === null && f.probs === null && f.label === null));
    assert.deepEqual(run.states, ["loading", "no-face", "idle"]);
    assert.deepEqual(errors, []);
  },
  { fakeCamera: fixtures?.emptyY4m, app: () => trackerTestApp() },
);

browserTest(
  "poll() reads the expressions a person reads on the photos, and backends fall back",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    const errors = await openTrackerPage(url, page);
    const photos: Record<string, number[]> = {};
    for (const spec of FACE_FRAMES) {
      photos[spec.name] = [...await Deno.readFile(fixtures!.frames[spec.name])];
    }
    const results = await page.evaluate(async (photos) => {
      // deno-lint-ignore no-explicit-any
      const { EmotionTracker } = window as any;
      const out: Record<string, unknown> = {};
      const blobs = Object.entries(photos).map(([name, bytes]) =>
        [name, new Blob([new Uint8Array(bytes)], { type: "image/jpeg" })] as const
      );
      for (
        const [key, options] of [
          ["face-api", { classifier: "face-api" }],
          ["fer", { classifier: "fer" }],
          // The WebAssembly binaries cannot be had: it falls back to the next backend.
          ["fallback", {
            classifier: "face-api",
            wasmUrl: "/no-wasm-here/",
            backends: ["wasm", "cpu"],
          }],
        ] as const
      ) {
        const tracker = new EmotionTracker(options);
        const labels: Record<string, string | null> = {};
        // The cpu backend takes about a second a frame here: one photo is enough for it.
        for (const [name, blob] of key === "fallback" ? blobs.slice(0, 1) : blobs) {
          labels[name] = (await tracker.poll(blob)).label;
        }
        out[key] = { labels, backend: tracker.backend };
        tracker.stop();
      }
      return out;
    }, photos) as Record<string, { labels: Record<string, string>; backend: string }>;
    const expected = Object.fromEntries(FACE_FRAMES.map((f) => [f.name, f.expression]));
    assert.deepEqual(results["face-api"], { labels: expected, backend: "wasm" });
    assert.deepEqual(results.fer, { labels: expected, backend: "wasm" });
    assert.deepEqual(results.fallback, {
      labels: { [FACE_FRAMES[0].name]: FACE_FRAMES[0].expression },
      backend: "cpu",
    });
    assert.deepEqual(errors, []);
  },
  { app: () => trackerTestApp() },
);

browserTest(
  "missing models put the tracker in the error state with a clear message",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    await openTrackerPage(url, page);
    const result = await page.evaluate(async () => {
      // deno-lint-ignore no-explicit-any
      const { EmotionTracker } = window as any;
      const states: string[] = [];
      const tracker = new EmotionTracker({
        modelsUrl: "/no-models-here/",
        onChange: (state: string) => states.push(state),
      });
      const rejected = await tracker.load().then(() => null, (e: Error) => e.message);
      return { rejected, states, error: tracker.error };
    });
    assert.match(result.rejected!, /no-models-here/);
    assert.equal(result.error, result.rejected);
    assert.deepEqual(result.states, ["loading", "error"]);

    // stop() while the models load: back to idle, no error, and start() settles.
    const stopped = await page.evaluate(async () => {
      // deno-lint-ignore no-explicit-any
      const { EmotionTracker } = window as any;
      const states: string[] = [];
      const tracker = new EmotionTracker({ onChange: (state: string) => states.push(state) });
      const canvas = document.createElement("canvas");
      const started = tracker.start(canvas.captureStream());
      tracker.stop();
      await started;
      return { states, error: tracker.error };
    });
    assert.deepEqual(stopped, { states: ["loading", "idle"], error: null });
  },
  { app: () => trackerTestApp() },
);
