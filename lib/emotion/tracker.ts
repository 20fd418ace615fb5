/**
 * EmotionTracker: facial-expression tracking for a web page, on the main thread, with all
 * inference in a Web Worker. Usable on its own (also served as `/emotion-tracker.js`):
 *
 *   const tracker = new EmotionTracker({ onChange(state, previous) {}, onFrame(frame) {} });
 *   await tracker.start(stream);          // a MediaStream or a playing <video>
 *   const frame = await tracker.poll(img); // or analyse one image on demand
 *   tracker.stop();
 *
 * Frames never leave the browser. The tracker grabs frames with `createImageBitmap`,
 * transfers them to the worker and keeps at most one in flight: when the worker is busy
 * the camera's frames are skipped, never queued, so results stay current and the main
 * thread only ever does a few milliseconds of work per frame.
 */
import type { Expression } from "@/lib/recording.ts";
import type { FromWorker, InitMessage, ResultMessage } from "./protocol.ts";
import {
  type BackendName,
  type ClassifierName,
  DEFAULT_BACKENDS,
  type Detection,
  type FrameAnalysis,
} from "./types.ts";

export type { BackendName, ClassifierName, Detection, Expression, FrameAnalysis };

/**
 * - `idle`: not started, or stopped;
 * - `loading`: the worker is loading tfjs and the models, or no frame has been analysed yet;
 * - `face` / `no-face`: whether the last analysed frame had a face;
 * - `error`: loading or analysis failed (see `error`); call `start` again to retry.
 */
export type TrackerState = "idle" | "loading" | "no-face" | "face" | "error";

/** One analysed frame, with its box in the pixels of the source (the video's `videoWidth`). */
export interface TrackedFrame extends FrameAnalysis {
  /** Milliseconds the worker spent on the frame. */
  ms: number;
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

export class EmotionTracker {
  #state: TrackerState = "idle";
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
  readonly #options: EmotionTrackerOptions;

  constructor(options: EmotionTrackerOptions = {}) {
    this.#options = options;
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
      x: message.box.x * s,
      y: message.box.y * s,
      width: message.box.width * s,
      height: message.box.height * s,
      score: message.box.score,
    };
    return {
      box,
      probs: message.probs,
      label: message.label,
      movement: message.movement,
      ms: message.ms,
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
    size: { width: number; height: number; time: number },
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
    this.#last = frame;
    this.#setState(frame.box ? "face" : "no-face");
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
    this.#grab(video, now).then((frame) => {
      if (frame && this.#running) {
        this.#accept(frame);
        this.#options.onFrame?.(frame);
      }
      this.#schedule(this.#lastGrab + interval - performance.now());
    }, (error) => {
      if (this.#running) this.#fail(errorText(error));
    });
  }

  async #grab(source: HTMLVideoElement, time: number): Promise<TrackedFrame | null> {
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
    return await this.#analyse(bitmap, { width, height, time });
  }

  /**
   * Analyses one image (a video, canvas, image, ImageBitmap, ImageData or Blob) and
   * resolves with its result; waits for a frame already in flight rather than dropping it.
   */
  async poll(image: ImageBitmapSource): Promise<FrameAnalysis & TrackedFrame> {
    await this.load();
    const time = performance.now();
    const bitmap = await createImageBitmap(image);
    const frame = await this.#analyse(bitmap, {
      width: bitmap.width,
      height: bitmap.height,
      time,
    });
    if (!frame) throw new Error("the worker dropped the frame");
    this.#accept(frame);
    return frame;
  }

  #halt(): void {
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
