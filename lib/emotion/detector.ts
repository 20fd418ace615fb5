/** The BlazeFace (front) face detector, run with tfjs in the worker. */
import * as tf from "@tensorflow/tfjs-core";
import { type GraphModel, loadGraphModel } from "@tensorflow/tfjs-converter";
import {
  type Anchor,
  arrangeOutputs,
  BLAZEFACE_INPUT,
  blazefaceAnchors,
  decodeDetections,
  type DecodeOptions,
} from "./anchors.ts";
import type { Detection } from "./types.ts";

/** BlazeFace front: faces in a 128×128 input. */
export class BlazeFaceDetector {
  readonly inputSize = BLAZEFACE_INPUT;
  readonly #anchors: Anchor[] = blazefaceAnchors();

  private constructor(private readonly model: GraphModel) {}

  /** Loads `blazeface-front.json` (and its weights) from `modelsUrl`. */
  static async load(modelsUrl: string): Promise<BlazeFaceDetector> {
    return new BlazeFaceDetector(await loadGraphModel(`${modelsUrl}blazeface-front.json`));
  }

  /**
   * Finds faces in a 128×128 input (RGB in [-1, 1], see `detectorInput`); boxes are in
   * input pixels, best first.
   */
  async detect(input: Float32Array, options?: DecodeOptions): Promise<Detection[]> {
    const x = tf.tensor4d(input, [1, this.inputSize, this.inputSize, 3]);
    let outputs: tf.Tensor[] = [];
    try {
      const result = this.model.execute(x);
      outputs = Array.isArray(result) ? result : [result];
      const shaped = await Promise.all(
        outputs.map(async (t) => ({ shape: t.shape, data: (await t.data()) as Float32Array })),
      );
      return decodeDetections(arrangeOutputs(shaped), this.#anchors, options);
    } finally {
      x.dispose();
      tf.dispose(outputs);
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
