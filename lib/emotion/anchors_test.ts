import assert from "node:assert/strict";
import {
  arrangeOutputs,
  BLAZEFACE_REGRESSORS,
  blazefaceAnchors,
  decodeDetections,
  type RawOutputs,
} from "./anchors.ts";

Deno.test("the front model's 896 anchors: a 16×16 grid ×2, then an 8×8 grid ×6", () => {
  const anchors = blazefaceAnchors();
  assert.equal(anchors.length, 896);
  assert.deepEqual(anchors[0], { x: 0.5 / 16, y: 0.5 / 16 });
  assert.deepEqual(anchors[1], anchors[0], "two anchors per fine cell");
  assert.deepEqual(anchors[2], { x: 1.5 / 16, y: 0.5 / 16 }, "row by row");
  assert.deepEqual(anchors[32], { x: 0.5 / 16, y: 1.5 / 16 });
  assert.deepEqual(anchors[511], { x: 15.5 / 16, y: 15.5 / 16 });
  assert.deepEqual(anchors[512], { x: 0.5 / 8, y: 0.5 / 8 });
  assert.deepEqual(anchors[517], anchors[512], "six anchors per coarse cell");
  assert.deepEqual(anchors[518], { x: 1.5 / 8, y: 0.5 / 8 });
  assert.deepEqual(anchors[895], { x: 7.5 / 8, y: 7.5 / 8 });
});

function filled(length: number, value: number) {
  return new Float32Array(length).fill(value);
}

Deno.test("arrangeOutputs tells the four outputs apart by shape, whatever their order", () => {
  const outputs = [
    { shape: [1, 384, 16], data: filled(384 * 16, 4) },
    { shape: [1, 512, 1], data: filled(512, 1) },
    { shape: [1, 512, 16], data: filled(512 * 16, 3) },
    { shape: [1, 384, 1], data: filled(384, 2) },
  ];
  const raw = arrangeOutputs(outputs);
  assert.equal(raw.scores.length, 896);
  assert.equal(raw.scores[511], 1);
  assert.equal(raw.scores[512], 2);
  assert.equal(raw.regressors.length, 896 * 16);
  assert.equal(raw.regressors[512 * 16 - 1], 3);
  assert.equal(raw.regressors[512 * 16], 4);
  assert.deepEqual(arrangeOutputs([...outputs].reverse()), raw);
  assert.throws(
    () => arrangeOutputs([{ shape: [1, 896, 17], data: filled(896 * 17, 0) }]),
    /unexpected detector outputs \[1,896,17\]/,
  );
});

function rawWith(faces: { anchor: number; logit: number; r: number[] }[]): RawOutputs {
  const raw = { scores: filled(896, -10), regressors: filled(896 * BLAZEFACE_REGRESSORS, 0) };
  for (const face of faces) {
    raw.scores[face.anchor] = face.logit;
    raw.regressors.set(face.r, face.anchor * BLAZEFACE_REGRESSORS);
  }
  return raw;
}

Deno.test("decodeDetections: centre = anchor + offset, size in input pixels, sigmoid score", () => {
  const anchors = blazefaceAnchors();
  // Anchor 600 is a coarse cell: index 88 of 384 → cell 14 → row 1, col 6: centre (104, 24).
  const eyes = [-10, -5, 10, -5];
  const raw = rawWith([{ anchor: 600, logit: 2, r: [3, -4, 40, 40, ...eyes] }]);
  const [face, ...rest] = decodeDetections(raw, anchors);
  assert.equal(rest.length, 0);
  assert.ok(Math.abs(face.x - (104 + 3 - 20)) < 1e-4, `x ${face.x}`);
  assert.ok(Math.abs(face.y - (24 - 4 - 20)) < 1e-4, `y ${face.y}`);
  assert.equal(face.width, 40);
  assert.ok(Math.abs(face.score - 1 / (1 + Math.exp(-2))) < 1e-6);
  assert.deepEqual(face.keypoints![0], { x: 94, y: 19 });
  assert.deepEqual(face.keypoints![1], { x: 114, y: 19 });
});

Deno.test("decodeDetections drops low scores and merges overlapping candidates, best first", () => {
  const anchors = blazefaceAnchors();
  const raw = rawWith([
    // Two candidates for one face in neighbouring fine anchors (centres 4 px apart)…
    { anchor: 2 * (16 * 8 + 8), logit: 3, r: [0, 0, 30, 30] },
    { anchor: 2 * (16 * 8 + 9), logit: 1, r: [-4, 0, 30, 30] },
    // …a second face elsewhere…
    { anchor: 2 * (16 * 2 + 2), logit: 4, r: [0, 0, 20, 20] },
    // …and a weak one under the threshold.
    { anchor: 2 * (16 * 14 + 14), logit: -1, r: [0, 0, 20, 20] },
  ]);
  const faces = decodeDetections(raw, anchors, { minScore: 0.5 });
  assert.equal(faces.length, 2);
  assert.ok(faces[0].score > faces[1].score);
  assert.equal(faces[0].width, 20);
  // The merged face lies between its two candidates, nearer the stronger one.
  const mergedX = faces[1].x + faces[1].width / 2;
  assert.ok(mergedX > 68 && mergedX < 68 + 4 / 2, `merged centre ${mergedX}`);
  assert.equal(decodeDetections(raw, anchors, { minScore: 0.99 }).length, 0);
});
