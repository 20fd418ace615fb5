/**
 * `deno task bench inference [--json]`: the in-browser expression pipeline in headless
 * Chromium (needs `deno task build`, ffmpeg and Chromium):
 * - per-frame latency of the worker pipeline (detect → crop → classify) on real face
 *   frames, and, in the same page on the same frames taken in turn with ours,
 *   `@vladmandic/human`'s face + emotion pipeline (human 3.3.6 from npm, pinned and checked,
 *   with human-models 3.0.4 models);
 * - frames analysed per second from a 30 fps camera while a 1080p video plays, and the
 *   main thread's long tasks (> 50 ms) meanwhile, against playback alone and human;
 * - beside the worker's time (detection with its retry, crop, classifier, pose, light), the
 *   round trip: grabbing the frame, transferring it, messaging and applying the baseline;
 * - `calibratedShareNeutral`: the share of neutral labels on a resting face (the clip of
 *   tests/fixtures/face_videos.ts), before and after `calibrate()`, for both classifiers.
 */
import { type Page } from "playwright-core";
import { type BenchResult, quantile, round } from "./_harness.ts";
import { launchBrowser } from "@/tests/helpers/browser.ts";
import { serveFiles, TRACKER_PAGE, trackerTestApp } from "@/tests/helpers/emotion.ts";
import { serve } from "@/tests/helpers/server.ts";
import { FACE_FRAMES, faceFixtures, facePhotos, PHOTO_FACES } from "@/tests/fixtures/faces.ts";
import { clipMp4, RESTING_CLIP } from "@/tests/fixtures/face_videos.ts";
import {
  cacheDir,
  ensureFiles,
  ensureModels,
  HUMAN_MODELS,
  type NpmTarball,
  type PackageFile,
} from "@/scripts/models.ts";

const HUMAN: NpmTarball = {
  name: "@vladmandic/human",
  version: "3.3.6",
  url: "https://registry.npmjs.org/@vladmandic/human/-/human-3.3.6.tgz",
  integrity:
    "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==",
};

/** human's bundle and its default face detector and emotion models. */
const HUMAN_FILES: PackageFile[] = [
  {
    tarball: HUMAN,
    path: "package/dist/human.esm.js",
    dest: "human.esm.js",
    sha256: "e7c85047fb9492bd983b43d5217b54e9fb44393966f4c5db7c7ced1fdaf1fd9e",
  },
  {
    tarball: HUMAN_MODELS,
    path: "package/models/blazeface.json",
    dest: "models/blazeface.json",
    sha256: "cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f",
  },
  {
    tarball: HUMAN_MODELS,
    path: "package/models/blazeface.bin",
    dest: "models/blazeface.bin",
    sha256: "dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72",
  },
  {
    tarball: HUMAN_MODELS,
    path: "package/models/emotion.json",
    dest: "models/emotion.json",
    sha256: "56f7e557eb0c863a8b9ab04ac7ccba756e93bf2c27dce135ef0e8712b80b7ad2",
  },
  {
    tarball: HUMAN_MODELS,
    path: "package/models/emotion.bin",
    dest: "models/emotion.bin",
    sha256: "927ac8224f356ab1e68c2bcfbfa07b0c8567047d1bcf817388ba6e38214c4987",
  },
];

const ROUNDS = 60;
const PLAYBACK_SECONDS = 10;

async function make1080p(dir: string): Promise<string> {
  const path = `${dir}/testsrc-1080p.mp4`;
  const { success, stderr } = await new Deno.Command("ffmpeg", {
    args: [
      ...["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=1920x1080:rate=30"],
      ...["-t", "8", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path],
    ],
    stderr: "piped",
  }).output();
  if (!success) throw new Error(`ffmpeg: ${new TextDecoder().decode(stderr)}`);
  return path;
}

interface Latency {
  workerMs: number[];
  roundTripMs: number[];
  faces: number;
  backend: string;
}

interface Latencies {
  ours: Latency;
  fer: Latency;
  human: Latency;
  /** Worker time of tight crops (face-api), on which the detector runs again with a margin. */
  retryMs: number[];
  retried: number;
  tightFrames: number;
}

/**
 * Our pipeline with each classifier (in its worker) and human's face + emotion pipeline (on
 * the page's main thread), on the same bitmaps, taken in turn round after round: each round
 * reads every frame with each of the three, then the tight crops with ours. The machine is
 * shared and its speed drifts within seconds; taken in turn, the three see the same moments,
 * so their ratio is fair, and the medians cover the whole run (about half a minute) rather
 * than whichever few seconds one of them happened to run in.
 */
function latencies(page: Page): Promise<Latencies> {
  return page.evaluate(async ({ rounds }) => {
    // deno-lint-ignore no-explicit-any
    const w = window as any;
    const bitmaps: ImageBitmap[] = w.benchFrames;
    const tight: ImageBitmap[] = w.benchTightFrames;
    const human = w.benchHuman;
    const trackers = {
      ours: new w.EmotionTracker({ classifier: "face-api" }),
      fer: new w.EmotionTracker({ classifier: "fer" }),
    };
    await trackers.ours.load();
    await trackers.fer.load();
    const empty = () => ({ workerMs: [] as number[], roundTripMs: [] as number[], faces: 0 });
    const results = { ours: empty(), fer: empty(), human: empty() };
    const retryMs: number[] = [];
    let retried = 0;
    for (let round = -1; round < rounds; round++) {
      const warmUp = round < 0; // compiles kernels and fills caches; not counted
      for (const name of ["ours", "fer"] as const) {
        for (const bitmap of bitmaps) {
          const t0 = performance.now();
          const frame = await trackers[name].poll(bitmap);
          if (warmUp) continue;
          results[name].roundTripMs.push(performance.now() - t0);
          results[name].workerMs.push(frame.ms);
          if (frame.box) results[name].faces++;
        }
      }
      for (const bitmap of bitmaps) {
        const t0 = performance.now();
        const result = await human.detect(bitmap);
        if (warmUp) continue;
        const ms = performance.now() - t0;
        results.human.workerMs.push(ms);
        results.human.roundTripMs.push(ms);
        if (result.face.length) results.human.faces++;
      }
      for (const bitmap of tight) {
        const frame = await trackers.ours.poll(bitmap);
        if (warmUp || !frame.retried) continue;
        retried++;
        retryMs.push(frame.ms);
      }
    }
    const backends = { ours: trackers.ours.backend, fer: trackers.fer.backend };
    trackers.ours.stop();
    trackers.fer.stop();
    return {
      ours: { ...results.ours, backend: backends.ours },
      fer: { ...results.fer, backend: backends.fer },
      human: { ...results.human, backend: human.tf.getBackend() },
      retryMs,
      retried,
      tightFrames: tight.length * rounds,
    };
  }, { rounds: ROUNDS });
}

interface Playback {
  seconds: number;
  frames: number;
  /** Per analysed frame: the worker's time, and from grabbing the frame to its result. */
  workerMs: number[];
  roundTripMs: number[];
  faces: number;
  longTasks: number[];
  loadingLongTasks: number[];
  videoFrames: number;
  droppedVideoFrames: number;
}

/** Plays the 1080p video; `mode` says what else runs meanwhile. */
function playback(page: Page, mode: "none" | "tracker" | "human"): Promise<Playback> {
  return page.evaluate(async ({ mode, seconds }) => {
    // deno-lint-ignore no-explicit-any
    const w = window as any;
    const film: HTMLVideoElement = w.benchFilm;
    const camera: HTMLVideoElement = w.benchCamera;
    await film.play();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const quality0 = film.getVideoPlaybackQuality();
    w.benchLongTasks.length = 0;
    const started = performance.now();
    let frames = 0;
    let faces = 0;
    let measuring = false;
    const workerMs: number[] = [];
    const roundTripMs: number[] = [];
    let stop = () => {};
    if (mode === "tracker") {
      const tracker = new w.EmotionTracker({
        onFrame: (frame: { box: unknown; ms: number; roundTripMs: number }) => {
          frames++;
          if (frame.box) faces++;
          if (measuring) {
            workerMs.push(frame.ms);
            roundTripMs.push(frame.roundTripMs);
          }
        },
      });
      await tracker.load();
      await tracker.start(camera);
      stop = () => tracker.stop();
    } else if (mode === "human") {
      let running = true;
      (async () => {
        while (running) {
          const result = await w.benchHuman.detect(camera);
          frames++;
          if (result.face.length) faces++;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      })();
      stop = () => (running = false);
    }
    const measureFrom = performance.now();
    measuring = true;
    const framesAtStart = frames;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const elapsed = (performance.now() - measureFrom) / 1000;
    const counted = frames - framesAtStart;
    stop();
    const quality = film.getVideoPlaybackQuality();
    film.pause();
    // Long tasks while the pipeline loads (worker start, model fetches) are told apart.
    const tasks = w.benchLongTasks.filter((t: { start: number }) => t.start >= started);
    const longTasks = tasks
      .filter((t: { start: number }) => t.start >= measureFrom)
      .map((t: { duration: number }) => t.duration);
    const loadingLongTasks = tasks
      .filter((t: { start: number }) => t.start < measureFrom)
      .map((t: { duration: number }) => t.duration);
    return {
      seconds: elapsed,
      frames: counted,
      workerMs,
      roundTripMs,
      faces,
      longTasks,
      loadingLongTasks,
      videoFrames: quality.totalVideoFrames - quality0.totalVideoFrames,
      droppedVideoFrames: quality.droppedVideoFrames - quality0.droppedVideoFrames,
    };
  }, { mode, seconds: PLAYBACK_SECONDS });
}

/** Neutral labels on a resting face, before and after calibration. */
interface RestingShare {
  /** Frames analysed after the calibration. */
  frames: number;
  /** Their share labelled neutral from the raw probabilities, and once calibrated. */
  before: number;
  after: number;
}

/**
 * Plays the resting-face clip to a tracker, calibrates on its first 8 seconds through the
 * public API, and reads the rest of the clip with and without the baseline (`raw` is what the
 * label would be without it).
 */
function restingShare(page: Page, classifier: string): Promise<RestingShare> {
  return page.evaluate(async ({ classifier, url }) => {
    // deno-lint-ignore no-explicit-any
    const w = window as any;
    const video = document.createElement("video");
    video.muted = true;
    video.playsInline = true;
    video.src = url;
    document.body.append(video);
    await new Promise((resolve) => (video.oncanplay = resolve));
    const after: { raw: number[]; label: string }[] = [];
    let calibrated = false;
    const tracker = new w.EmotionTracker({
      classifier,
      onFrame: (f: { raw: number[] | null; label: string }) => {
        if (calibrated && f.raw) after.push({ raw: f.raw, label: f.label });
      },
    });
    await tracker.load();
    await video.play();
    await tracker.start(video);
    await tracker.calibrate({ seconds: 8 });
    calibrated = true;
    await new Promise((resolve) => (video.onended = resolve));
    tracker.stop();
    video.remove();
    const neutral = 6; // EXPRESSIONS index
    const top = (p: number[]) => p.indexOf(Math.max(...p));
    return {
      frames: after.length,
      before: after.filter((f) => top(f.raw) === neutral).length / after.length,
      after: after.filter((f) => f.label === "neutral").length / after.length,
    };
  }, { classifier, url: "/__bench__/resting/resting.mp4" });
}

export default async function inference(): Promise<BenchResult> {
  await ensureModels(() => {});
  const humanDir = `${cacheDir()}/bench/human`;
  await ensureFiles(HUMAN_FILES, humanDir, (m) => console.error(m));
  const fixtures = await faceFixtures(30);
  const tmp = await Deno.makeTempDir({ prefix: "reelfeel-bench-inference-" });
  const film = await make1080p(tmp);
  const resting = await clipMp4(RESTING_CLIP.clip, RESTING_CLIP.span);
  await Deno.copyFile(resting, `${tmp}/resting.mp4`);
  const photos = await facePhotos();
  const frameDir = fixtures.frames[FACE_FRAMES[0].name].replace(/\/[^/]+$/, "");
  const app = await trackerTestApp({
    extend(app) {
      serveFiles(app, "/__bench__/human/", humanDir);
      serveFiles(app, "/__bench__/human-models/", `${humanDir}/models`);
      serveFiles(app, "/__bench__/frames/", frameDir);
      serveFiles(app, "/__bench__/film/", tmp);
      serveFiles(app, "/__bench__/resting/", tmp);
      serveFiles(app, "/__bench__/photos/", photos["sample1.jpg"].replace(/\/[^/]+$/, ""));
    },
  });
  const server = serve(app);
  const browser = await launchBrowser({
    fakeCamera: fixtures.facesY4m,
    args: ["--autoplay-policy=no-user-gesture-required"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url + TRACKER_PAGE);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
    await page.evaluate(async ({ names, filmUrl, tight }) => {
      // deno-lint-ignore no-explicit-any
      const w = window as any;
      w.benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.benchLongTasks.push({ start: e.startTime, duration: e.duration });
        }
      }).observe({ type: "longtask" });
      w.benchFrames = await Promise.all(
        names.map(async (name: string) =>
          await createImageBitmap(await (await fetch(`/__bench__/frames/${name}.jpg`)).blob())
        ),
      );
      // Faces filling their frame: the detector looks twice (the retry with a margin).
      w.benchTightFrames = await Promise.all(
        tight.map(async (f: { photo: string; x: number; y: number; side: number }) => {
          const photo = await createImageBitmap(
            await (await fetch(`/__bench__/photos/${f.photo}`)).blob(),
          );
          return await createImageBitmap(photo, f.x, f.y, f.side, f.side, {
            resizeWidth: 480,
            resizeHeight: 480,
          });
        }),
      );
      const film = document.createElement("video");
      film.muted = true;
      film.loop = true;
      film.playsInline = true;
      film.src = filmUrl;
      film.width = 960;
      document.body.append(film);
      await new Promise((resolve, reject) => {
        film.oncanplay = resolve;
        film.onerror = () =>
          reject(new Error(`the 1080p film does not play: ${film.error?.message}`));
      });
      w.benchFilm = film;
      const camera = document.querySelector("video#camera") as HTMLVideoElement;
      camera.srcObject = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 480, frameRate: 30 },
      });
      await camera.play();
      w.benchCamera = camera;
      const { Human } = await import("/__bench__/human/human.esm.js");
      const human = new Human({
        backend: "wasm",
        wasmPath: "/models/wasm/",
        modelBasePath: "/__bench__/human-models/",
        debug: false,
        async: true,
        warmup: "none",
        cacheSensitivity: 0,
        filter: { enabled: false },
        face: {
          enabled: true,
          detector: {
            modelPath: "blazeface.json",
            rotation: false,
            maxDetected: 1,
            skipFrames: 0,
            skipTime: 0,
          },
          mesh: { enabled: false },
          iris: { enabled: false },
          attention: { enabled: false },
          description: { enabled: false },
          emotion: { enabled: true, modelPath: "emotion.json", skipFrames: 0, skipTime: 0 },
          antispoof: { enabled: false },
          liveness: { enabled: false },
        },
        body: { enabled: false },
        hand: { enabled: false },
        object: { enabled: false },
        gesture: { enabled: false },
        segmentation: { enabled: false },
      });
      await human.load();
      w.benchHuman = human;
    }, {
      names: FACE_FRAMES.map((f) => f.name),
      filmUrl: `/__bench__/film/${film.split("/").pop()}`,
      tight: PHOTO_FACES.slice(0, 4),
    });

    const { ours, fer, human, ...tight } = await latencies(page);
    const alone = await playback(page, "none");
    const tracked = await playback(page, "tracker");
    const humanPlayback = await playback(page, "human");
    const restingFaceApi = await restingShare(page, "face-api");
    const restingFer = await restingShare(page, "fer");
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);

    const med = (xs: number[]) => round(quantile(xs, 0.5));
    const p95 = (xs: number[]) => round(quantile(xs, 0.95));
    const fps = (p: Playback) => round(p.frames / p.seconds);
    const over50 = (p: Playback) => p.longTasks.filter((d) => d > 50).length;
    const frames = FACE_FRAMES.length * ROUNDS;
    const json = {
      frameMedianMs: med(ours.workerMs),
      frameP95Ms: p95(ours.workerMs),
      roundTripMedianMs: med(ours.roundTripMs),
      retryFrameMedianMs: med(tight.retryMs),
      retriedShareOfTightFrames: round(tight.retried / tight.tightFrames, 2),
      playbackFrameMedianMs: med(tracked.workerMs),
      playbackRoundTripMedianMs: med(tracked.roundTripMs),
      playbackRoundTripP95Ms: p95(tracked.roundTripMs),
      calibratedShareNeutral: {
        before: round(restingFaceApi.before, 3),
        after: round(restingFaceApi.after, 3),
        frames: restingFaceApi.frames,
      },
      ferCalibratedShareNeutral: {
        before: round(restingFer.before, 3),
        after: round(restingFer.after, 3),
        frames: restingFer.frames,
      },
      ferFrameMedianMs: med(fer.workerMs),
      playbackFps: fps(tracked),
      longTasks: over50(tracked),
      longTasksPlaybackAlone: over50(alone),
      longTasksWhileLoading: tracked.loadingLongTasks.filter((d) => d > 50).length,
      longTaskDurationsMs: tracked.longTasks.map((d) => round(d)),
      humanFrameMedianMs: med(human.workerMs),
      humanFrameP95Ms: p95(human.workerMs),
      humanPlaybackFps: fps(humanPlayback),
      humanLongTasks: over50(humanPlayback),
      humanToOursRatio: round(quantile(human.workerMs, 0.5) / quantile(ours.workerMs, 0.5), 2),
      backend: ours.backend,
      humanBackend: human.backend,
      facesFound: ours.faces / frames,
      humanFacesFound: human.faces / frames,
      droppedVideoFrames: tracked.droppedVideoFrames,
    };
    return {
      tables: [{
        title:
          `Per frame, ${frames} frames (${FACE_FRAMES.length} real 640×480 face photos × ${ROUNDS})`,
        rows: [
          {
            pipeline: "ours: face-api (worker)",
            "median ms": json.frameMedianMs,
            "p95 ms": json.frameP95Ms,
            "round trip median ms": json.roundTripMedianMs,
            "faces found": round(ours.faces / frames, 2),
            backend: ours.backend,
          },
          {
            pipeline: "ours: face-api, tight crops (detector twice)",
            "median ms": json.retryFrameMedianMs,
            "p95 ms": p95(tight.retryMs),
            "round trip median ms": "",
            "faces found": "",
            backend: ours.backend,
          },
          {
            pipeline: "ours: fer (worker)",
            "median ms": json.ferFrameMedianMs,
            "p95 ms": p95(fer.workerMs),
            "round trip median ms": med(fer.roundTripMs),
            "faces found": round(fer.faces / frames, 2),
            backend: fer.backend,
          },
          {
            pipeline: "human 3.3.6 face + emotion (main thread)",
            "median ms": json.humanFrameMedianMs,
            "p95 ms": json.humanFrameP95Ms,
            "round trip median ms": json.humanFrameMedianMs,
            "faces found": round(human.faces / frames, 2),
            backend: human.backend,
          },
        ],
      }, {
        title: `While a 1080p video plays (${PLAYBACK_SECONDS} s each; camera 640×480 at 30 fps)`,
        rows: [alone, tracked, humanPlayback].map((p, i) => ({
          running: ["playback alone", "ours (EmotionTracker)", "human on the main thread"][i],
          "frames analysed/s": i === 0 ? 0 : fps(p),
          "worker ms (median)": i === 1 ? med(p.workerMs) : "",
          "grab to result ms (median)": i === 1 ? med(p.roundTripMs) : "",
          "long tasks > 50 ms": over50(p),
          "longest task ms": round(Math.max(0, ...p.longTasks)),
          "video frames dropped": p.droppedVideoFrames,
        })),
      }, {
        title: "Neutral labels on a resting face (clip of person A), after an 8 s calibrate()",
        rows: [{ classifier: "face-api", r: restingFaceApi }, { classifier: "fer", r: restingFer }]
          .map(({ classifier, r }) => ({
            classifier,
            frames: r.frames,
            "neutral, raw": round(r.before, 3),
            "neutral, calibrated": round(r.after, 3),
          })),
      }],
      json,
      notes: [
        `human ÷ ours, median per frame: ${json.humanToOursRatio}×. human config: wasm ` +
        `backend, blazeface.json + emotion.json, mesh/iris/description/antispoof off, no ` +
        `frame caching (cacheSensitivity 0, skipFrames 0), image filter off.`,
        "Ours: worker time from receiving the ImageBitmap to posting the result; round trip adds grabbing, transfer and messaging.",
        "Per frame: ours (face-api, fer) and human read each frame in turn, round after round, so that all three see the same moments of this shared machine.",
      ],
    };
  } finally {
    await browser.close();
    await server.close();
    await Deno.remove(tmp, { recursive: true });
  }
}
