/**
 * The two expression classifiers behind one interface, run with tfjs in the worker.
 * Each takes the RGBA pixels of a square face crop of its own input size and returns
 * seven probabilities in EXPRESSIONS order.
 */
import * as tf from "@tensorflow/tfjs-core";
import { type GraphModel, loadGraphModel } from "@tensorflow/tfjs-converter";
import { FACE_API_ORDER, FER_ORDER, normalise, toExpressionOrder } from "./labels.ts";
import { faceApiInput, ferInput } from "./pixels.ts";
import type { ClassifierName } from "./types.ts";

/** A facial-expression classifier of square face crops. */
export interface ExpressionClassifier {
  readonly name: ClassifierName;
  /** Side of the square crop it takes, in pixels. */
  readonly inputSize: number;
  /** Probabilities in EXPRESSIONS order, summing to 1, for the crop's RGBA pixels. */
  classify(rgba: Uint8ClampedArray): Promise<number[]>;
  dispose(): void;
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response;
}

type WeightMap = Record<string, tf.Tensor>;

/**
 * face-api's expression network, defined here from its weights (the package ships weights
 * only): four densely connected blocks of a strided 3×3 convolution followed by three
 * depthwise-separable convolutions, each fed the sum of the previous outputs (112 → 7×7),
 * a 7×7 average pool, and a fully connected layer to 7 logits.
 */
export class FaceApiClassifier implements ExpressionClassifier {
  readonly name = "face-api";
  readonly inputSize = 112;

  private constructor(private readonly weights: WeightMap) {}

  /** Loads `face_expression_model-weights_manifest.json` and its quantised weights. */
  static async load(modelsUrl: string): Promise<FaceApiClassifier> {
    const manifestUrl = `${modelsUrl}face_expression_model-weights_manifest.json`;
    const manifest: tf.io.WeightsManifestConfig = await (await fetchOk(manifestUrl)).json();
    const weights: WeightMap = {};
    for (const group of manifest) {
      const buffers = await Promise.all(
        group.paths.map(async (path) =>
          await (await fetchOk(new URL(path, manifestUrl).href)).arrayBuffer()
        ),
      );
      Object.assign(weights, tf.io.decodeWeights(buffers, group.weights));
    }
    for (const block of [0, 1, 2, 3]) {
      for (const conv of [0, 1, 2, 3]) {
        const prefix = `dense${block}/conv${conv}/`;
        const needed = block === 0 && conv === 0
          ? ["filters", "bias"]
          : ["depthwise_filter", "pointwise_filter", "bias"];
        for (const name of needed) {
          if (!weights[prefix + name]) throw new Error(`face-api weights lack ${prefix}${name}`);
        }
      }
    }
    if (!weights["fc/weights"] || !weights["fc/bias"]) throw new Error("face-api weights lack fc");
    return new FaceApiClassifier(weights);
  }

  /** Depthwise 3×3 then pointwise 1×1 with bias, and the ReLU folded into the latter if asked. */
  #separable(
    x: tf.Tensor4D,
    prefix: string,
    stride: 1 | 2,
    activation: "relu" | "linear" = "linear",
  ): tf.Tensor4D {
    const w = this.weights;
    const depthwise = tf.depthwiseConv2d(
      x,
      w[`${prefix}depthwise_filter`] as tf.Tensor4D,
      stride,
      "same",
    );
    return tf.fused.conv2d({
      x: depthwise,
      filter: w[`${prefix}pointwise_filter`] as tf.Tensor4D,
      strides: 1,
      pad: "same",
      bias: w[`${prefix}bias`],
      activation,
    });
  }

  /**
   * One dense block: out1 = relu(conv0(x)), then each further conv reads relu of the sum of
   * the outputs so far, and the block returns relu of all four. The sums are kept running
   * (out1 + out2, then + out3, then + out4): the same additions in the same order as
   * face-api's, with fewer passes over the feature maps.
   */
  #denseBlock(x: tf.Tensor4D, block: number): tf.Tensor4D {
    const w = this.weights;
    const p = (conv: number) => `dense${block}/conv${conv}/`;
    const out1 = block === 0
      ? tf.fused.conv2d({
        x,
        filter: w[`${p(0)}filters`] as tf.Tensor4D,
        strides: 2,
        pad: "same",
        bias: w[`${p(0)}bias`],
        activation: "relu",
      })
      : this.#separable(x, p(0), 2, "relu");
    const sum2 = tf.add<tf.Tensor4D>(out1, this.#separable(out1, p(1), 1));
    const sum3 = tf.add<tf.Tensor4D>(sum2, this.#separable(tf.relu(sum2), p(2), 1));
    return tf.relu(tf.add<tf.Tensor4D>(sum3, this.#separable(tf.relu(sum3), p(3), 1)));
  }

  async classify(rgba: Uint8ClampedArray): Promise<number[]> {
    const logits = tf.tidy(() => {
      let x = tf.tensor4d(faceApiInput(rgba), [1, this.inputSize, this.inputSize, 3]);
      for (const block of [0, 1, 2, 3]) x = this.#denseBlock(x, block);
      const pooled = tf.reshape(tf.avgPool(x, [7, 7], [2, 2], "valid"), [1, 256]);
      return tf.softmax(
        tf.add(
          tf.matMul(pooled, this.weights["fc/weights"] as tf.Tensor2D),
          this.weights["fc/bias"],
        ),
      );
    });
    try {
      return normalise(toExpressionOrder(await logits.data(), FACE_API_ORDER));
    } finally {
      logits.dispose();
    }
  }

  dispose(): void {
    tf.dispose(Object.values(this.weights));
  }
}

/** human-models' `emotion` network (a FER2013-style model on 64×64 gray faces). */
export class FerClassifier implements ExpressionClassifier {
  readonly name = "fer";
  readonly inputSize = 64;

  private constructor(private readonly model: GraphModel) {}

  /** Loads `emotion.json` (and its weights) from `modelsUrl`. */
  static async load(modelsUrl: string): Promise<FerClassifier> {
    return new FerClassifier(await loadGraphModel(`${modelsUrl}emotion.json`));
  }

  async classify(rgba: Uint8ClampedArray): Promise<number[]> {
    const x = tf.tensor4d(ferInput(rgba), [1, this.inputSize, this.inputSize, 1]);
    const y = this.model.execute(x) as tf.Tensor;
    try {
      return normalise(toExpressionOrder(await y.data(), FER_ORDER));
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Loads the classifier a setting names. */
export async function loadClassifier(
  name: ClassifierName,
  modelsUrl: string,
): Promise<ExpressionClassifier> {
  if (name === "fer") return await FerClassifier.load(modelsUrl);
  if (name === "face-api") return await FaceApiClassifier.load(modelsUrl);
  throw new Error(`unknown classifier "${name}" (use "face-api" or "fer")`);
}
