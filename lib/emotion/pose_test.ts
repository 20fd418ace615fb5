import assert from "node:assert/strict";
import { HEAD_MODEL, headPose } from "./pose.ts";
import type { Point } from "./types.ts";

const RAD = Math.PI / 180;

/**
 * The generic head tilted sideways by `roll` (about its own forward axis), turned by `yaw`, then
 * by `pitch` (degrees), seen from the front without perspective at `scale` pixels per
 * millimetre, nose at (300, 200): BlazeFace's key points (the eye on the image's left first).
 */
function project(yaw: number, pitch: number, roll = 0, scale = 2): Point[] {
  const h = HEAD_MODEL;
  const points = [
    [-h.eyeHalfSpan, h.eyeHeight, -h.eyeDepth],
    [h.eyeHalfSpan, h.eyeHeight, -h.eyeDepth],
    [0, 0, 0],
    [0, -h.mouthDrop, -h.mouthDepth],
  ];
  return points.map(([x0, y0, z]) => {
    // The head's own roll…
    const x = x0 * Math.cos(roll * RAD) - y0 * Math.sin(roll * RAD);
    const y = x0 * Math.sin(roll * RAD) + y0 * Math.cos(roll * RAD);
    // …yaw about the vertical axis (nose to the image's right for positive yaw)…
    const x1 = x * Math.cos(yaw * RAD) + z * Math.sin(yaw * RAD);
    const z1 = -x * Math.sin(yaw * RAD) + z * Math.cos(yaw * RAD);
    // …then pitch about the horizontal axis (the face turns up for positive pitch).
    const y2 = y * Math.cos(pitch * RAD) + z1 * Math.sin(pitch * RAD);
    // Image coordinates: y down.
    return { x: 300 + x1 * scale, y: 200 - y2 * scale };
  });
}

Deno.test("headPose recovers the yaw of a generic head turned sideways, either way", () => {
  for (const yaw of [-60, -30, -10, 0, 10, 30, 60]) {
    const pose = headPose(project(yaw, 0))!;
    assert.ok(Math.abs(pose.yaw - yaw) < 1e-6, `yaw ${yaw}: ${pose.yaw}`);
    assert.ok(Math.abs(pose.pitch) < 1e-6, `pitch at yaw ${yaw}: ${pose.pitch}`);
  }
});

Deno.test("headPose recovers the pitch of a head turned up or down", () => {
  for (const pitch of [-40, -20, 0, 20, 40]) {
    const pose = headPose(project(0, pitch))!;
    assert.ok(Math.abs(pose.pitch - pitch) < 1e-6, `pitch ${pitch}: ${pose.pitch}`);
    assert.ok(Math.abs(pose.yaw) < 1e-6);
  }
});

Deno.test("headPose does not depend on a tilt of the head, on distance or on where the face is", () => {
  const upright = headPose(project(25, -15))!;
  for (const roll of [-30, 15, 40]) {
    for (const scale of [0.5, 4]) {
      const pose = headPose(project(25, -15, roll, scale))!;
      assert.ok(Math.abs(pose.yaw - upright.yaw) < 1e-6, `roll ${roll} scale ${scale}`);
      assert.ok(Math.abs(pose.pitch - upright.pitch) < 1e-6);
    }
  }
});

Deno.test("headPose of a head turned both sideways and up recovers both angles", () => {
  for (const [yaw, pitch] of [[30, 20], [-45, -25], [15, -35]]) {
    const pose = headPose(project(yaw, pitch))!;
    assert.ok(Math.abs(pose.yaw - yaw) < 1e-6, `yaw ${yaw}: ${pose.yaw}`);
    assert.ok(Math.abs(pose.pitch - pitch) < 1e-6, `pitch ${pitch}: ${pose.pitch}`);
  }
});

Deno.test("headPose needs four key points that are not all on one line", () => {
  assert.equal(headPose(undefined), null);
  assert.equal(headPose(project(0, 0).slice(0, 3)), null);
  const spot = { x: 5, y: 5 };
  assert.equal(headPose([spot, spot, spot, spot]), null);
  const line = [0, 1, 2, 3].map((k) => ({ x: 10, y: 10 * k }));
  assert.equal(headPose(line), null);
});
