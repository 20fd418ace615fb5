/** Messages between the EmotionTracker (main thread) and its Web Worker. */
import type { BackendName, ClassifierName, FrameMeasurement } from "./types.ts";

export interface InitMessage {
  type: "init";
  /** Absolute URL of the directory holding the model files (ends with "/"). */
  modelsUrl: string;
  /** Absolute URL of the directory holding the tfjs `.wasm` binaries (ends with "/"). */
  wasmUrl: string;
  classifier: ClassifierName;
  backends: BackendName[];
  /** Crop side as a multiple of the face box's longer side. */
  cropScale: number;
  /** Minimum detector score (0–1). */
  minScore: number;
  /** Retry with a margin when no face is found or it reaches the edge. */
  retry: boolean;
}

export interface FrameMessage {
  type: "frame";
  id: number;
  /** Transferred: the worker closes it. */
  bitmap: ImageBitmap;
  /** Forget the previous face, so that this frame's movement is 0 (a new source). */
  reset?: boolean;
}

export type ToWorker = InitMessage | FrameMessage;

export interface ReadyMessage {
  type: "ready";
  backend: BackendName;
  classifier: ClassifierName;
}

/** A measured frame (the baseline is applied by the tracker). */
export interface ResultMessage extends FrameMeasurement {
  type: "result";
  id: number;
  /** Time the worker spent on the frame (detection with its retry, crop, classifier, pose and light), in milliseconds. */
  ms: number;
  /** The frame's size in pixels; `box` is in these pixels. */
  width: number;
  height: number;
}

/** A frame that arrived while another was being analysed: dropped, never queued. */
export interface DroppedMessage {
  type: "dropped";
  id: number;
}

export interface ErrorMessage {
  type: "error";
  /** The frame that failed, or absent when loading failed. */
  id?: number;
  message: string;
}

export type FromWorker = ReadyMessage | ResultMessage | DroppedMessage | ErrorMessage;
