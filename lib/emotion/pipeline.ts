/**
 * One frame through the models, in the worker: pad to a square and scale to the detector's
 * input, find the face (again with a margin when it is missing or cut by the frame's edge),
 * crop it square, classify the crop, and measure what the quality and pose need. Scaling and
 * cropping are done by drawing the bitmap on small OffscreenCanvases, so the full frame never
 * becomes a tensor.
 */
import type { BlazeFaceDetector } from "./detector.ts";
import type { ExpressionClassifier } from "./classifiers.ts";
import {
  boxFromSquare,
  clampBox,
  rollAngle,
  squareCrop,
  squarePadding,
  touchesEdge,
} from "./geometry.ts";
import { movementBetween } from "./movement.ts";
import { detectorInput } from "./pixels.ts";
import { headPose } from "./pose.ts";
import { lightOf } from "./quality.ts";
import type { Detection, FrameMeasurement, Light } from "./types.ts";

/**
 * The retry's canvas, as a multiple of the frame's longer side. On tight face photos the
 * detector missed 6.4 % as they were and 0.3 % placed on a canvas with such a margin.
 */
export const RETRY_MARGIN = 1.5;

/** The face's light is measured on the crop less this share of its side on each edge. */
export const FACE_LIGHT_INSET = 0.2;

export interface PipelineOptions {
  /** Crop side as a multiple of the face box's longer side (about 1.0–1.2 suits face-api). */
  cropScale?: number;
  /** Minimum detector score (0–1). */
  minScore?: number;
  /** Turn the crop so that the eyes are level (default true). */
  align?: boolean;
  /** Retry a frame without a face, or with a face at its edge, with a margin (default true). */
  retry?: boolean;
}

function context(size: number): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(size, size).getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("OffscreenCanvas 2D is not available");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "medium";
  return ctx;
}

/** The face the detector found (in frame pixels, not clipped) and the frame's light. */
export interface FoundFace {
  face: Detection | null;
  /** Whether the detector ran again with a margin. */
  retried: boolean;
  /** The frame's light, measured on the detector's input; only without a face (null with one). */
  light: Light | null;
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

  /** One detector pass on the frame centred in a square `margin` × its longer side. */
  async #detect(frame: CanvasImageSource, width: number, height: number, margin: number) {
    const size = this.detector.inputSize;
    const padding = squarePadding(width, height, margin);
    const scale = size / padding.size;
    const ctx = this.#detectorCtx;
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, size, size);
    const x = padding.offsetX * scale;
    const y = padding.offsetY * scale;
    ctx.drawImage(frame, x, y, width * scale, height * scale);
    const pixels = ctx.getImageData(0, 0, size, size).data;
    const input = detectorInput(pixels);
    const faces = (await this.detector.detect(input, { minScore: this.options.minScore }))
      .map((face) => boxFromSquare(face, padding, size))
      .filter((face) => clampBox(face, width, height).width > 1);
    // The viewer sits nearest the camera: the largest face (within the frame) is theirs.
    const area = (d: Detection) => {
      const c = clampBox(d, width, height);
      return c.width * c.height;
    };
    faces.sort((a, b) => area(b) - area(a));
    const region = {
      x: Math.floor(x),
      y: Math.floor(y),
      width: Math.max(1, Math.ceil(width * scale)),
      height: Math.max(1, Math.ceil(height * scale)),
    };
    return { face: faces[0] ?? null, region, pixels };
  }

  /**
   * Finds the largest face. When there is none, or it reaches the frame's edge, the detector
   * runs again on the frame placed with a margin (RETRY_MARGIN) and that answer is kept when
   * it found a face.
   */
  async findFace(frame: CanvasImageSource, width: number, height: number): Promise<FoundFace> {
    const first = await this.#detect(frame, width, height, 1);
    let face = first.face;
    let retried = false;
    if (this.options.retry !== false && (!face || touchesEdge(face, width, height))) {
      retried = true;
      const second = await this.#detect(frame, width, height, RETRY_MARGIN);
      if (second.face) face = second.face;
    }
    // The frame's light matters only without a face (with one, the crop's is measured).
    const size = this.detector.inputSize;
    const light = face ? null : lightOf(first.pixels, size, first.region);
    return { face, retried, light };
  }

  /**
   * Classifies the square crop around `box`, turned so that the eyes are level: the
   * classifiers were trained on upright faces, and a tilted head otherwise reads as another
   * expression (a laugh with the head on one side came out "sad"). Also measures the crop's
   * light.
   */
  async classify(
    frame: CanvasImageSource,
    box: Detection,
    width: number,
    height: number,
  ): Promise<{ raw: number[]; light: Light }> {
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
    const pixels = ctx.getImageData(0, 0, size, size).data;
    // The light of the face itself: the crop's middle, without background or turned corners.
    const inner = Math.round(size * FACE_LIGHT_INSET);
    const face = { x: inner, y: inner, width: size - 2 * inner, height: size - 2 * inner };
    return { raw: await this.classifier.classify(pixels), light: lightOf(pixels, size, face) };
  }

  /**
   * Detect (with the retry) → crop → classify → pose and light; movement is measured from the
   * previous analysed frame.
   */
  async analyse(
    frame: CanvasImageSource,
    width: number,
    height: number,
  ): Promise<FrameMeasurement> {
    const found = await this.findFace(frame, width, height);
    const box = found.face && clampBox(found.face, width, height);
    const movement = movementBetween(this.#previous, box);
    this.#previous = box;
    if (!found.face || !box) {
      return {
        box: null,
        raw: null,
        pose: null,
        light: found.light!,
        movement,
        retried: found.retried,
      };
    }
    const { raw, light } = await this.classify(frame, box, width, height);
    return {
      box,
      raw,
      pose: headPose(found.face.keypoints),
      light,
      movement,
      retried: found.retried,
    };
  }
}
