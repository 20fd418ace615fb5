/**
 * RGBA pixels (as `getImageData` gives them) to the float inputs each model expects, pure.
 * Done in plain loops: the inputs are tiny (at most 128×128), cheaper than tensor ops.
 */

/** BlazeFace: RGB scaled from [0, 255] to [-1, 1]. */
export function detectorInput(rgba: ArrayLike<number>): Float32Array {
  const pixels = rgba.length / 4;
  const out = new Float32Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    out[p * 3] = rgba[p * 4] / 127.5 - 1;
    out[p * 3 + 1] = rgba[p * 4 + 1] / 127.5 - 1;
    out[p * 3 + 2] = rgba[p * 4 + 2] / 127.5 - 1;
  }
  return out;
}

/** face-api's mean RGB, subtracted before dividing by 255. */
export const FACE_API_MEAN_RGB = [122.782, 117.001, 104.298] as const;

/** face-api expression model: (RGB − mean) / 255. */
export function faceApiInput(rgba: ArrayLike<number>): Float32Array {
  const pixels = rgba.length / 4;
  const [mr, mg, mb] = FACE_API_MEAN_RGB;
  const out = new Float32Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    out[p * 3] = (rgba[p * 4] - mr) / 255;
    out[p * 3 + 1] = (rgba[p * 4 + 1] - mg) / 255;
    out[p * 3 + 2] = (rgba[p * 4 + 2] - mb) / 255;
  }
  return out;
}

/** human-models' emotion model: gray (ITU-R 601 weights) in [0, 1], then scaled to [-1, 1]. */
export function ferInput(rgba: ArrayLike<number>): Float32Array {
  const pixels = rgba.length / 4;
  const out = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) {
    const gray = (0.2989 * rgba[p * 4] + 0.587 * rgba[p * 4 + 1] + 0.114 * rgba[p * 4 + 2]) / 255;
    out[p] = (gray - 0.5) * 2;
  }
  return out;
}
