/**
 * EmotionTracker: facial-expression tracking for a web page, on the main thread, with all
 * inference in a Web Worker. Usable on its own (also served as `/emotion-tracker.js`):
 *
 *   const tracker = new EmotionTracker({ onChange(state, previous) {}, onFrame(frame) {} });
 *   await tracker.start(stream);          // a MediaStream or a playing <video>
 *   const baseline = await tracker.calibrate({ seconds: 8 }); // the viewer at rest
 *   const frame = await tracker.poll(img); // or analyse one image on demand
 *   tracker.stop();
 *
 * Each result carries the classifier's `raw` probabilities, the `probs` calibrated to the
 * viewer's baseline (and their `label`), the head's `yaw` and `pitch` relative to the
 * calibrated pose, the picture's `quality` and a `state`: watching, away, absent or unknown.
 *
 * Frames never leave the browser. The tracker grabs frames with `createImageBitmap`,
 * transfers them to the worker and keeps at most one in flight: when the worker is busy
 * the camera's frames are skipped, never queued, so results stay current and the main
 * thread only ever does a few milliseconds of work per frame.
 */
import type { Expression } from "@/lib/recording.ts";
import { assessFrame } from "./assess.ts";
import { type Baseline, baselineOf, type BaselineSample, checkBaseline } from "./calibration.ts";
import type { FromWorker, InitMessage, ResultMessage } from "./protocol.ts";
import {
  type BackendName,
  type ClassifierName,
  DEFAULT_BACKENDS,
  type Detection,
  type FrameAnalysis,
  type FrameMeasurement,
  type FrameQuality,
  type FrameState,
  type HeadPose,
  type QualityIssue,
} from "./types.ts";

export type {
  BackendName,
  Baseline,
  ClassifierName,
  Detection,
  Expression,
  FrameAnalysis,
  FrameQuality,
  FrameState,
  HeadPose,
  QualityIssue,
};

/** Why a calibration failed: too few usable face frames, and what was wrong with the others. */
export class CalibrationError extends Error {
  constructor(
    message: string,
    /** Frames analysed during the calibration. */
    readonly frames: number,
    /** Of them, frames with a face and a good enough picture. */
    readonly usable: number,
    /**
     * What kept the other frames from counting, most frequent first: "no-face" or a quality
     * issue ("small": move closer; "dark" or "flat": more light; "uncertain").
     */
    readonly issues: (QualityIssue | "no-face")[],
  ) {
    super(message);
    this.name = "CalibrationError";
  }
}

/**
 * - `idle`: not started, or stopped;
 * - `loading`: the worker is loading tfjs and the models, or no frame has been analysed yet;
 * - `face` / `no-face`: whether the last analysed frame had a face;
 * - `error`: loading or analysis failed (see `error`); call `start` again to retry.
 */
export type TrackerState = "idle" | "loading" | "no-face" | "face" | "error";

/**
 * One analysed frame, with its box (and key points) in the pixels of the source (the video's
 * `videoWidth`); `quality.faceSize` is in the pixels of the analysed frame (at most
 * `maxFrameSide` on its longer side), which is what the classifier saw.
 */
export interface TrackedFrame extends FrameAnalysis {
  /** The head pose before the baseline's was subtracted, or null without a face. */
  pose: HeadPose | null;
  /** Milliseconds the worker spent on the frame. */
  ms: number;
  /**
   * Milliseconds from the start of grabbing the frame to its result on the main thread: the
   * worker's time plus capture, transfer and messaging.
   */
  roundTripMs: number;
  /** Whether the detector ran again on the frame placed with a margin. */
  retried: boolean;
  /** `performance.now()` when the frame was grabbed. */
  time: number;
  /** The source's size in pixels. */
  width: number;
  height: number;
}

export interface EmotionTrackerOptions {
  /** Called on every state change. */
  onChange?: (state: TrackerState, previous: TrackerState) => void;
  /** Called with each frame analysed while started (not for `poll`). */
  onFrame?: (frame: TrackedFrame) => void;
  /** The viewer's baseline to start with (e.g. a stored one); see `calibrate`. */
  baseline?: Baseline | null;
  /** Expression classifier: "face-api" (default) or "fer". */
  classifier?: ClassifierName;
  /** tfjs backends to try in order; default wasm, webgl, cpu. */
  backends?: BackendName[];
  /** Most frames analysed per second; default 30. */
  maxFps?: number;
  /** Frames are scaled down so that their longer side is at most this; default 640. */
  maxFrameSide?: number;
  /** Crop side as a multiple of the face box's longer side; default 1.1. */
  cropScale?: number;
  /** Minimum face detector score, 0–1; default 0.5. */
  minScore?: number;
  /**
   * Look again, with a margin around the frame, when no face is found or the face reaches the
   * frame's edge (a face filling the frame is otherwise often missed); default true.
   */
  retry?: boolean;
  /** The worker script; by default read from the build manifest beside this module. */
  workerUrl?: string | URL;
  /** Directory of the model files; default `/models/` on this module's origin. */
  modelsUrl?: string | URL;
  /** Directory of the tfjs `.wasm` files; default `/models/wasm/` on this module's origin. */
  wasmUrl?: string | URL;
}

interface Pending {
  id: number;
  time: number;
  /** `performance.now()` when grabbing the frame began. */
  grabbed: number;
  /** Source pixels per bitmap pixel. */
  scale: number;
  width: number;
  height: number;
  resolve(frame: TrackedFrame | null): void;
  reject(error: Error): void;
}

const WORKER_ENTRY = "emotion-worker";

function directory(url: string | URL): string {
  const href = new URL(url, import.meta.url).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** The worker's built file, from the build manifest that sits beside this module. */
async function builtWorkerUrl(): Promise<string> {
  const manifestUrl = new URL("manifest.json", import.meta.url);
  const response = await fetch(manifestUrl);
  if (!response.ok) throw new Error(`could not load ${manifestUrl}: HTTP ${response.status}`);
  const manifest: { entries?: Record<string, string> } = await response.json();
  const file = manifest.entries?.[WORKER_ENTRY];
  if (!file) throw new Error(`the build has no ${WORKER_ENTRY} entry: run \`deno task build\``);
  return new URL(file, manifestUrl).href;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How a calibration is run. */
export interface CalibrateOptions {
  /** How long to watch the viewer at rest, in seconds; default 8. */
  seconds?: number;
  /**
   * The least share (0–1) of the frames that must show a face with a good enough picture;
   * default 0.5. At least 5 such frames are always needed.
   */
  minShare?: number;
}

/** Frames with a usable face a calibration needs at the least. */
export const CALIBRATION_MIN_FRAMES = 5;

/** How long a calibration waits for a first frame before it gives up. */
const CALIBRATION_WAIT_MS = 15_000;

interface Calibration {
  /** `performance.now()` of its first frame's result. */
  firstAt: number | null;
  samples: BaselineSample[];
  frames: number;
  issues: Map<QualityIssue | "no-face", number>;
}

export class EmotionTracker {
  #state: TrackerState = "idle";
  #baseline: Baseline | null = null;
  #calibration: Calibration | null = null;
  #cancelCalibration: ((error: Error) => void) | null = null;
  /** When the first frame and the last frame with a usable picture were grabbed. */
  #firstTime = 0;
  #lastUsable: number | null = null;
  #backend: BackendName | null = null;
  #error: string | null = null;
  #last: TrackedFrame | null = null;
  #worker: Worker | null = null;
  #ready: Promise<void> | null = null;
  #pending: Pending | null = null;
  /** Settles when the frame in flight does, whatever its outcome. */
  #inFlight: Promise<unknown> = Promise.resolve();
  #nextId = 1;
  #video: HTMLVideoElement | null = null;
  #ownVideo = false;
  #running = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastGrab = -Infinity;
  #lastMediaTime = -1;
  #reset = false;
  #abortLoad: (() => void) | null = null;
  /** Bumped by each stop, so that a load still under way knows it is void. */
  #generation = 0;
  /** Bumped by each start and stop, so that a frame of the source left behind is dropped. */
  #source = 0;
  readonly #options: EmotionTrackerOptions;

  constructor(options: EmotionTrackerOptions = {}) {
    this.#options = options;
    if (options.baseline) this.#baseline = checkBaseline(options.baseline);
  }

  /**
   * The viewer's baseline: seven mean probabilities (EXPRESSIONS order) and the head's mean
   * `yaw` and `pitch` at rest, or null before a calibration. Setting it (e.g. a stored one,
   * when a viewing resumes) applies from the next result on; null removes it. A baseline that
   * is not one throws a TypeError.
   */
  get baseline(): Baseline | null {
    return this.#baseline && { ...this.#baseline, probs: [...this.#baseline.probs] };
  }

  set baseline(value: Baseline | null) {
    this.#baseline = value === null ? null : checkBaseline(value);
  }

  /**
   * Milliseconds since the last frame whose picture was good enough (any state but unknown),
   * while frames come in; 0 when the last one was; null before any. A page can show a discreet
   * "poor signal" indicator when this exceeds 10 s, with what to fix from
   * `last.quality.issues`.
   */
  get poorSignalMs(): number | null {
    if (!this.#last) return null;
    if (this.#last.state !== "unknown") return 0;
    return this.#last.time - (this.#lastUsable ?? this.#firstTime);
  }

  /** The current state. */
  get state(): TrackerState {
    return this.#state;
  }

  /** The tfjs backend the worker uses ("wasm", "webgl" or "cpu"), once loaded. */
  get backend(): BackendName | null {
    return this.#backend;
  }

  /** Why the state is "error". */
  get error(): string | null {
    return this.#error;
  }

  /** The last frame analysed. */
  get last(): TrackedFrame | null {
    return this.#last;
  }

  /** The expression classifier this tracker runs. */
  get classifier(): ClassifierName {
    return this.#options.classifier ?? "face-api";
  }

  #setState(state: TrackerState): void {
    const previous = this.#state;
    if (state === previous) return;
    this.#state = state;
    this.#options.onChange?.(state, previous);
  }

  #fail(message: string): void {
    this.#error = message;
    this.#running = false;
    clearTimeout(this.#timer);
    this.#setState("error");
  }

  /** Starts the worker and loads the models (start and poll call it); resolves when ready. */
  load(): Promise<void> {
    if (this.#ready) return this.#ready;
    this.#error = null;
    this.#setState("loading");
    const ready: Promise<void> = this.#spawn().catch((error) => {
      // stop() during loading ends in "idle", not "error".
      if (this.#ready !== ready) throw error;
      this.#terminate();
      this.#fail(errorText(error));
      throw error;
    });
    this.#ready = ready;
    return ready;
  }

  async #spawn(): Promise<void> {
    const o = this.#options;
    const generation = this.#generation;
    const workerUrl = o.workerUrl
      ? new URL(o.workerUrl, location.href).href
      : await builtWorkerUrl();
    if (generation !== this.#generation) throw new Error("the tracker was stopped while loading");
    const worker = new Worker(workerUrl, { type: "module", name: "emotion" });
    this.#worker = worker;
    const init: InitMessage = {
      type: "init",
      modelsUrl: directory(o.modelsUrl ?? "/models/"),
      wasmUrl: directory(o.wasmUrl ?? "/models/wasm/"),
      classifier: this.classifier,
      backends: [...(o.backends ?? DEFAULT_BACKENDS)],
      cropScale: o.cropScale ?? 1.1,
      minScore: o.minScore ?? 0.5,
      retry: o.retry ?? true,
    };
    let loaded = false;
    await new Promise<void>((resolve, reject) => {
      this.#abortLoad = () => reject(new Error("the tracker was stopped while loading"));
      worker.onerror = (event) => {
        event.preventDefault();
        const error = new Error(`the inference worker failed: ${event.message || "load error"}`);
        if (!loaded) return reject(error); // load() reports it
        // A worker that died after loading is replaced on the next start() or poll().
        this.#pending?.reject(error);
        this.#pending = null;
        this.#terminate();
        this.#fail(error.message);
      };
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === "ready") {
          this.#backend = message.backend;
          this.#abortLoad = null;
          loaded = true;
          resolve();
        } else if (message.type === "error" && message.id === undefined) {
          reject(new Error(message.message));
        } else {
          this.#settle(message);
        }
      };
      worker.postMessage(init);
    });
  }

  #settle(message: Exclude<FromWorker, { type: "ready" }>): void {
    const pending = this.#pending;
    if (!pending || message.id !== pending.id) return;
    this.#pending = null;
    if (message.type === "dropped") pending.resolve(null);
    else if (message.type === "error") pending.reject(new Error(message.message));
    else pending.resolve(this.#frame(message, pending));
  }

  #frame(message: ResultMessage, pending: Pending): TrackedFrame {
    const s = pending.scale;
    const box = message.box && {
      ...message.box,
      x: message.box.x * s,
      y: message.box.y * s,
      width: message.box.width * s,
      height: message.box.height * s,
      keypoints: message.box.keypoints?.map((p) => ({ x: p.x * s, y: p.y * s })),
    };
    const measurement: FrameMeasurement = {
      box: message.box,
      raw: message.raw,
      pose: message.pose,
      light: message.light,
      movement: message.movement,
      retried: message.retried,
    };
    return {
      ...assessFrame(measurement, this.#baseline),
      box,
      pose: message.pose,
      ms: message.ms,
      roundTripMs: performance.now() - pending.grabbed,
      retried: message.retried,
      time: pending.time,
      width: pending.width,
      height: pending.height,
    };
  }

  /**
   * Sends one bitmap to the worker once no other frame is in flight (start()'s loop and poll()
   * may both be grabbing); resolves with its result, or null when the worker dropped it.
   */
  async #analyse(
    bitmap: ImageBitmap,
    size: { width: number; height: number; time: number; grabbed: number },
  ): Promise<TrackedFrame | null> {
    while (this.#pending) await this.#inFlight;
    const worker = this.#worker;
    if (!worker) {
      bitmap.close();
      throw new Error("the tracker is stopped");
    }
    const id = this.#nextId++;
    const reset = this.#reset;
    this.#reset = false;
    const result = new Promise<TrackedFrame | null>((resolve, reject) => {
      this.#pending = {
        id,
        time: size.time,
        grabbed: size.grabbed,
        scale: size.width / bitmap.width,
        width: size.width,
        height: size.height,
        resolve,
        reject,
      };
      worker.postMessage({ type: "frame", id, bitmap, reset }, [bitmap]);
    });
    this.#inFlight = result.catch(() => {});
    return await result;
  }

  #accept(frame: TrackedFrame): void {
    if (!this.#last) this.#firstTime = frame.time;
    this.#last = frame;
    if (frame.state !== "unknown") this.#lastUsable = frame.time;
    this.#setState(frame.box ? "face" : "no-face");
  }

  /**
   * Watches the viewer at rest for `seconds` (default 8) on the running camera and resolves
   * with the baseline, which the tracker then uses: the mean raw probabilities and head pose of
   * the frames with a face and a good enough picture (whatever their pose: the camera may sit
   * beside the screen). Rejects with a CalibrationError when fewer than `minShare` (0.5) of the
   * frames, or fewer than 5, were usable; its `issues` say what to fix. The previous baseline
   * stays until a calibration succeeds. The time counts from the first frame analysed after the
   * call. Needs `start()` first; `stop()` rejects it.
   */
  async calibrate(options: CalibrateOptions = {}): Promise<Baseline> {
    const seconds = options.seconds ?? 8;
    const minShare = options.minShare ?? 0.5;
    if (!(seconds > 0)) throw new RangeError("calibrate({ seconds }) needs a positive duration");
    if (!this.#running) throw new Error("calibrate() needs a running tracker: call start() first");
    if (this.#calibration) throw new Error("a calibration is already running");
    const calibration: Calibration = { firstAt: null, samples: [], frames: 0, issues: new Map() };
    this.#calibration = calibration;
    const started = performance.now();
    try {
      await new Promise<void>((resolve, reject) => {
        this.#cancelCalibration = reject;
        // The time counts from the first analysed frame (the models may still be loading);
        // a camera that gives no frames ends it by the clock.
        const check = () => {
          const now = performance.now();
          const first = calibration.firstAt;
          if (first !== null && now - first >= seconds * 1000) return resolve();
          if (now - started >= seconds * 1000 + CALIBRATION_WAIT_MS) return resolve();
          if (this.#calibration === calibration) setTimeout(check, 50);
        };
        check();
      });
    } finally {
      this.#calibration = null;
      this.#cancelCalibration = null;
    }
    const { samples, frames } = calibration;
    const baseline = baselineOf(samples);
    if (
      !baseline || samples.length < CALIBRATION_MIN_FRAMES || samples.length < minShare * frames
    ) {
      const issues = [...calibration.issues.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
      throw new CalibrationError(
        `calibration needs a face in good light: ${samples.length} of ${frames} frames were ` +
          `usable` + (issues.length ? ` (${issues.join(", ")})` : ""),
        frames,
        samples.length,
        issues,
      );
    }
    this.#baseline = baseline;
    return this.baseline!;
  }

  #collect(frame: TrackedFrame): void {
    const calibration = this.#calibration;
    if (!calibration) return;
    calibration.firstAt ??= performance.now();
    calibration.frames++;
    if (frame.raw && frame.pose && frame.quality.issues.length === 0) {
      calibration.samples.push({ raw: frame.raw, pose: frame.pose });
      return;
    }
    // Without a face, a dark or flat picture is the thing to fix first: no face shows in the dark.
    const issues: (QualityIssue | "no-face")[] = frame.box || frame.quality.issues.length
      ? frame.quality.issues
      : ["no-face"];
    for (const issue of issues) {
      calibration.issues.set(issue, (calibration.issues.get(issue) ?? 0) + 1);
    }
  }

  /**
   * Tracks a camera stream or a playing video element until `stop()`. A stream is played
   * in a video element of the tracker's own; the caller keeps ownership of the stream (stop
   * its tracks to turn the camera off).
   */
  async start(source: MediaStream | HTMLVideoElement): Promise<void> {
    this.#halt();
    let video: HTMLVideoElement;
    if (typeof MediaStream !== "undefined" && source instanceof MediaStream) {
      video = document.createElement("video");
      video.muted = true;
      video.playsInline = true;
      video.srcObject = source;
      this.#ownVideo = true;
    } else if (source instanceof HTMLVideoElement) {
      video = source;
      this.#ownVideo = false;
    } else {
      throw new TypeError("start() takes a MediaStream or an HTMLVideoElement");
    }
    this.#video = video;
    this.#reset = true;
    this.#running = true;
    const loading = this.load();
    loading.catch(() => {}); // awaited below; this only keeps it from counting as unhandled
    try {
      if (this.#ownVideo) await video.play();
      await loading;
    } catch (error) {
      if (!this.#running) return; // stop() meanwhile: nothing to report
      throw error;
    }
    if (this.#running) this.#tick();
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    if (this.#running) this.#timer = setTimeout(() => this.#tick(), Math.max(0, delay));
  }

  #tick(): void {
    const video = this.#video;
    if (!this.#running || !video) return;
    const interval = 1000 / (this.#options.maxFps ?? 30);
    if (this.#pending) return this.#schedule(interval); // a poll() is in flight
    const now = performance.now();
    const wait = this.#lastGrab + interval - now;
    if (wait > 1) return this.#schedule(wait);
    // Nothing new to see: no picture yet, or the same picture as last time.
    if (video.readyState < 2 || !video.videoWidth || video.currentTime === this.#lastMediaTime) {
      return this.#schedule(Math.min(interval, 15));
    }
    this.#lastGrab = now;
    this.#lastMediaTime = video.currentTime;
    // A frame of a source that start() or stop() has since left is not this source's.
    const source = this.#source;
    this.#grab(video, now).then((frame) => {
      if (source !== this.#source) return;
      if (frame && this.#running) {
        this.#accept(frame);
        this.#collect(frame);
        this.#options.onFrame?.(frame);
      }
      this.#schedule(this.#lastGrab + interval - performance.now());
    }, (error) => {
      if (this.#running && source === this.#source) this.#fail(errorText(error));
    });
  }

  async #grab(source: HTMLVideoElement, time: number): Promise<TrackedFrame | null> {
    const grabbed = performance.now();
    const width = source.videoWidth;
    const height = source.videoHeight;
    const side = this.#options.maxFrameSide ?? 640;
    const scale = Math.min(1, side / Math.max(width, height));
    const bitmap = scale < 1
      ? await createImageBitmap(source, {
        resizeWidth: Math.round(width * scale),
        resizeHeight: Math.round(height * scale),
        resizeQuality: "medium",
      })
      : await createImageBitmap(source);
    if (!this.#running) {
      bitmap.close();
      return null;
    }
    return await this.#analyse(bitmap, { width, height, time, grabbed });
  }

  /**
   * Analyses one image (a video, canvas, image, ImageBitmap, ImageData or Blob) and resolves
   * with its result, read against the current baseline; waits for a frame already in flight
   * rather than dropping it. Its movement is measured from the previous analysed frame.
   */
  async poll(image: ImageBitmapSource): Promise<TrackedFrame> {
    await this.load();
    const time = performance.now();
    const bitmap = await createImageBitmap(image);
    const frame = await this.#analyse(bitmap, {
      width: bitmap.width,
      height: bitmap.height,
      time,
      grabbed: time,
    });
    if (!frame) throw new Error("the worker dropped the frame");
    this.#accept(frame);
    return frame;
  }

  #halt(): void {
    this.#cancelCalibration?.(new Error("the tracker was stopped during calibration"));
    this.#source++;
    this.#running = false;
    clearTimeout(this.#timer);
    if (this.#video && this.#ownVideo) {
      this.#video.pause();
      this.#video.srcObject = null;
    }
    this.#video = null;
    this.#lastMediaTime = -1;
  }

  #terminate(): void {
    this.#generation++;
    const abort = this.#abortLoad;
    this.#abortLoad = null;
    this.#worker?.terminate();
    this.#worker = null;
    this.#ready = null;
    this.#pending?.reject(new Error("the tracker was stopped"));
    this.#pending = null;
    abort?.();
  }

  /** Stops tracking and ends the worker; `start` or `poll` loads it again. */
  stop(): void {
    this.#halt();
    this.#terminate();
    this.#backend = null;
    this.#setState("idle");
  }
}
