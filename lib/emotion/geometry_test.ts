import assert from "node:assert/strict";
import {
  boxFromSquare,
  clampBox,
  iou,
  rollAngle,
  squareCrop,
  squarePadding,
  touchesEdge,
} from "./geometry.ts";

const close = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ""} ${actual} ≠ ${expected}`);

Deno.test("squarePadding centres a landscape or portrait frame in a square", () => {
  assert.deepEqual(squarePadding(640, 480), { size: 640, offsetX: 0, offsetY: 80 });
  assert.deepEqual(squarePadding(480, 640), { size: 640, offsetX: 80, offsetY: 0 });
  assert.deepEqual(squarePadding(300, 300), { size: 300, offsetX: 0, offsetY: 0 });
});

Deno.test("boxFromSquare maps detector pixels back to the frame, undoing scale and padding", () => {
  const padding = squarePadding(640, 480); // 640 square, frame 80 px down
  // A box at (32, 32) 64×64 in the 128 input is (160, 160) 320×320 in the square.
  const box = boxFromSquare(
    { x: 32, y: 32, width: 64, height: 64, score: 0.9, keypoints: [{ x: 64, y: 20 }] },
    padding,
    128,
  );
  assert.deepEqual(box, {
    x: 160,
    y: 80,
    width: 320,
    height: 320,
    score: 0.9,
    keypoints: [{ x: 320, y: 20 }],
  });
  // A round trip through the padding: the frame's own corner maps to (0, 0).
  const corner = boxFromSquare({ x: 0, y: 16, width: 128, height: 96 }, padding, 128);
  assert.deepEqual(corner, { x: 0, y: 0, width: 640, height: 480 });
});

Deno.test("clampBox clips to the frame and empties boxes outside it", () => {
  assert.deepEqual(clampBox({ x: -10, y: 450, width: 100, height: 100 }, 640, 480), {
    x: 0,
    y: 450,
    width: 90,
    height: 30,
  });
  const outside = clampBox({ x: 700, y: 10, width: 50, height: 50 }, 640, 480);
  assert.equal(outside.width, 0);
});

Deno.test("squareCrop is square, scaled around the box centre, and stays inside the frame", () => {
  const crop = squareCrop({ x: 200, y: 100, width: 100, height: 80 }, 640, 480, 1.2);
  close(crop.width, 120);
  close(crop.height, 120);
  close(crop.x + crop.width / 2, 250, "centre x");
  close(crop.y + crop.height / 2, 140, "centre y");
  // Near the right and top edges it is moved in, not shrunk.
  const edge = squareCrop({ x: 580, y: -20, width: 60, height: 60 }, 640, 480, 1.1);
  close(edge.width, 66);
  close(edge.x, 640 - 66);
  close(edge.y, 0);
  // Larger than the frame: shrunk to the frame's shorter side.
  const huge = squareCrop({ x: 0, y: 0, width: 600, height: 500 }, 640, 480, 1.2);
  assert.deepEqual([huge.width, huge.height, huge.y], [480, 480, 0]);
  assert.ok(huge.x >= 0 && huge.x + huge.width <= 640);
});

Deno.test("iou", () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };
  close(iou(a, a), 1);
  close(iou(a, { x: 5, y: 0, width: 10, height: 10 }), 50 / 150);
  assert.equal(iou(a, { x: 20, y: 20, width: 5, height: 5 }), 0);
});

Deno.test("rollAngle is 0 for level eyes and follows a tilted head", () => {
  assert.equal(rollAngle([{ x: 10, y: 50 }, { x: 30, y: 50 }]), 0);
  close(rollAngle([{ x: 10, y: 50 }, { x: 30, y: 70 }]), Math.PI / 4);
  close(rollAngle([{ x: 10, y: 50 }, { x: 30, y: 30 }]), -Math.PI / 4);
  assert.equal(rollAngle(undefined), 0);
});

Deno.test("squarePadding with a margin centres the frame in a larger square", () => {
  assert.deepEqual(squarePadding(640, 480, 1.5), { size: 960, offsetX: 160, offsetY: 240 });
  assert.deepEqual(squarePadding(480, 480, 1.5), { size: 720, offsetX: 120, offsetY: 120 });
});

Deno.test("touchesEdge: a box at any edge of the frame, within a pixel", () => {
  assert.ok(!touchesEdge({ x: 10, y: 10, width: 100, height: 100 }, 640, 480));
  assert.ok(touchesEdge({ x: 0.5, y: 10, width: 100, height: 100 }, 640, 480));
  assert.ok(touchesEdge({ x: 10, y: -30, width: 100, height: 100 }, 640, 480));
  assert.ok(touchesEdge({ x: 540, y: 10, width: 99.5, height: 100 }, 640, 480));
  assert.ok(touchesEdge({ x: 10, y: 380, width: 100, height: 100 }, 640, 480));
  assert.ok(touchesEdge({ x: -20, y: -20, width: 520, height: 520 }, 480, 480), "fills it");
});
