/**
 * One frame through the models, in the worker: pad to a square and scale to the detector's
 * input, find the face, crop it square, classify the crop. Scaling and cropping are done by
 * drawing the bitmap on small OffscreenCanvases, so the full frame never becomes a tensor.
 */
import type { BlazeFaceDetector } from "./detector.ts";
import type { ExpressionClassifier } from "./classifiers.ts";
import { boxFromSquare, clampBox, rollAngle, squareCrop, squarePadding } from "./geometry.ts";
import { topExpression } from "./labels.ts";
import { movementBetween } from "./movement.ts";
import { detectorInput } from "./pixels.ts";
import type { Detection, FrameAnalysis } from "./types.ts";

export interface PipelineOptions {
  /** Crop side as a multiple of the face box's longer side (about 1.0–1.2 suits face-api). */
  cropScale?: number;
  /** Minimum detector score (0–1). */
  minScore?: number;
  /** Turn the crop so that the eyes are level (default true). */
  align?: boolean;
}

function context(size: number): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(size, size).getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("OffscreenCanvas 2D is not available");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "medium";
  return ctx;
}

/** The detector and a classifier, and the previous face for movement. */
export class FramePipeline {
  readonly #detectorCtx: OffscreenCanvasRenderingContext2D;
  readonly #cropCtx: OffscreenCanvasRenderingContext2D;
  #previous: Detection | null = null;

  constructor(
    private readonly detector: BlazeFaceDetector,
    private readonly classifier: ExpressionClassifier,
    private readonly options: PipelineOptions = {},
  ) {
    this.#detectorCtx = context(detector.inputSize);
    this.#cropCtx = context(classifier.inputSize);
  }

  /** Forgets the previous face, so that the next frame's movement is 0. */
  reset(): void {
    this.#previous = null;
  }

  /** The largest face in the frame (the viewer sits nearest the camera). */
  async findFace(frame: CanvasImageSource, width: number, height: number) {
    const size = this.detector.inputSize;
    const padding = squarePadding(width, height);
    const scale = size / padding.size;
    const ctx = this.#detectorCtx;
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(
      frame,
      padding.offsetX * scale,
      padding.offsetY * scale,
      width * scale,
      height * scale,
    );
    const input = detectorInput(ctx.getImageData(0, 0, size, size).data);
    const faces = (await this.detector.detect(input, { minScore: this.options.minScore }))
      .map((face) => clampBox(boxFromSquare(face, padding, size), width, height))
      .filter((face) => face.width > 1 && face.height > 1);
    faces.sort((a, b) => b.width * b.height - a.width * a.height);
    return faces[0] ?? null;
  }

  /**
   * Classifies the square crop around `box`, turned so that the eyes are level: the
   * classifiers were trained on upright faces, and a tilted head otherwise reads as another
   * expression (a laugh with the head on one side came out "sad").
   */
  async classify(frame: CanvasImageSource, box: Detection, width: number, height: number) {
    const crop = squareCrop(box, width, height, this.options.cropScale ?? 1.1);
    const size = this.classifier.inputSize;
    const ctx = this.#cropCtx;
    const angle = this.options.align === false ? 0 : rollAngle(box.keypoints);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, size, size);
    ctx.translate(size / 2, size / 2);
    ctx.rotate(-angle);
    ctx.scale(size / crop.width, size / crop.height);
    ctx.translate(-(crop.x + crop.width / 2), -(crop.y + crop.height / 2));
    ctx.drawImage(frame, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    return await this.classifier.classify(ctx.getImageData(0, 0, size, size).data);
  }

  /** Detect → crop → classify; movement is measured from the previous analysed frame. */
  async analyse(frame: CanvasImageSource, width: number, height: number): Promise<FrameAnalysis> {
    const box = await this.findFace(frame, width, height);
    const movement = movementBetween(this.#previous, box);
    this.#previous = box;
    if (!box) return { box: null, probs: null, label: null, movement };
    const probs = await this.classify(frame, box, width, height);
    return { box, probs, label: topExpression(probs), movement };
  }
}
