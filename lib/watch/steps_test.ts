import assert from "node:assert/strict";
import {
  cameraOn,
  FIRST_STEP,
  type Step,
  stepIndex,
  transition,
  type WatchEvent,
} from "./steps.ts";
import { cameraProblem } from "./problems.ts";

function run(events: WatchEvent[], from: Step = FIRST_STEP): Step[] {
  const steps: Step[] = [];
  let step = from;
  for (const event of events) {
    step = transition(step, event);
    steps.push(step);
  }
  return steps;
}

Deno.test("steps: the whole flow, in order", () => {
  const steps = run([
    { type: "film-ready" },
    { type: "start-camera" },
    { type: "camera-ready" },
    { type: "face-held" },
    { type: "countdown-done" },
    { type: "stop" },
    { type: "finished" },
  ]);
  assert.deepEqual(steps.map((s) => s.name), [
    "consent",
    "starting",
    "face-check",
    "countdown",
    "playing",
    "finishing",
    "done",
  ]);
  assert.deepEqual(steps.map(stepIndex), [1, 1, 2, 3, 3, 4, 4]);
  assert.deepEqual(steps.map(cameraOn), [false, true, true, true, true, false, false]);
});

Deno.test("steps: a camera problem returns to consent with it; trying again works", () => {
  const denied = cameraProblem(new DOMException("denied", "NotAllowedError"));
  const [, failed, again] = run([
    { type: "start-camera" },
    { type: "camera-failed", problem: denied },
    { type: "start-camera" },
  ], { name: "consent", problem: null });
  assert.deepEqual(failed, { name: "consent", problem: denied });
  assert.equal(again.name, "starting");
  assert.equal(cameraOn(failed), false);
});

Deno.test("steps: a reload mid-film offers to resume or to finish", () => {
  const [offered, reopening] = run([{ type: "unfinished-found" }, { type: "resume" }]);
  assert.equal(offered.name, "resume");
  assert.equal(reopening.name, "pick");
  const [, finishing] = run([{ type: "unfinished-found" }, { type: "finish-as-is" }]);
  assert.equal(finishing.name, "finishing");
});

Deno.test("steps: events that do not apply change nothing (the same object)", () => {
  const playing: Step = { name: "playing" };
  for (
    const event of [
      { type: "film-ready" },
      { type: "face-held" },
      { type: "back" },
      { type: "finished" },
      { type: "unfinished-found" },
    ] as WatchEvent[]
  ) {
    assert.equal(transition(playing, event), playing, event.type);
  }
  assert.equal(transition(FIRST_STEP, { type: "stop" }), FIRST_STEP);
  // A camera failure once the film is over is too late to matter.
  const done: Step = { name: "done" };
  assert.equal(transition(done, { type: "camera-failed", problem: cameraProblem(null) }), done);
});

Deno.test("steps: back returns to the film choice from every step before the film", () => {
  const before: Step[] = [
    { name: "consent", problem: null },
    { name: "starting" },
    { name: "face-check" },
    { name: "countdown" },
    { name: "done" },
  ];
  for (const step of before) assert.equal(transition(step, { type: "back" }).name, "pick");
});
