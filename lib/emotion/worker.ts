/**
 * The inference Web Worker (a module worker; see EmotionTracker). It loads the models once,
 * then measures each transferred ImageBitmap and posts `{ box, raw, pose, light, movement, ms }`
 * (FrameMeasurement); the tracker applies the viewer's baseline.
 * One frame at a time: a frame that arrives while another is being analysed is dropped
 * (answered with "dropped"), never queued, so results never lag behind the camera.
 */
/// <reference lib="webworker" />
import { selectBackend } from "./backend.ts";
import { loadClassifier } from "./classifiers.ts";
import { BlazeFaceDetector } from "./detector.ts";
import { FramePipeline } from "./pipeline.ts";
import type { FromWorker, InitMessage, ToWorker } from "./protocol.ts";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let pipeline: Promise<FramePipeline> | null = null;
let busy = false;

function post(message: FromWorker): void {
  scope.postMessage(message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function init(message: InitMessage): Promise<FramePipeline> {
  const backend = await selectBackend(message.backends, message.wasmUrl);
  const [detector, classifier] = await Promise.all([
    BlazeFaceDetector.load(message.modelsUrl),
    loadClassifier(message.classifier, message.modelsUrl),
  ]);
  const result = new FramePipeline(detector, classifier, {
    cropScale: message.cropScale,
    minScore: message.minScore,
    retry: message.retry,
  });
  // One run on a blank frame compiles the kernels, so the first real frame is not slow.
  const blank = new OffscreenCanvas(64, 48);
  await result.findFace(blank, 64, 48);
  await result.classify(blank, { x: 0, y: 0, width: 48, height: 48, score: 1 }, 64, 48);
  result.reset();
  post({ type: "ready", backend, classifier: message.classifier });
  return result;
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "init") {
    pipeline = init(message);
    pipeline.catch((error) => post({ type: "error", message: errorText(error) }));
    return;
  }
  const { id, bitmap } = message;
  if (busy || !pipeline) {
    bitmap.close();
    post({ type: "dropped", id });
    return;
  }
  busy = true;
  const started = performance.now();
  try {
    const ready = await pipeline;
    if (message.reset) ready.reset();
    const result = await ready.analyse(bitmap, bitmap.width, bitmap.height);
    post({
      type: "result",
      id,
      ...result,
      ms: performance.now() - started,
      width: bitmap.width,
      height: bitmap.height,
    });
  } catch (error) {
    post({ type: "error", id, message: errorText(error) });
  } finally {
    bitmap.close();
    busy = false;
  }
};
