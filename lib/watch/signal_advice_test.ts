import assert from "node:assert/strict";
import { adviceFor, frameIssues, POOR_SIGNAL_MS, poorSignalNotice } from "./signal_advice.ts";

Deno.test("the advice names what to fix for the most pressing issue", () => {
  assert.equal(adviceFor(["small", "dark"]), "Move closer");
  assert.equal(adviceFor(["dark"]), "More light, please");
  assert.equal(adviceFor(["flat"]), "More light, please");
  assert.equal(adviceFor(["no-face"]), "We can't see your face");
  assert.equal(adviceFor(["uncertain"]), "Face the camera");
  assert.equal(adviceFor([]), null);
});

Deno.test("a frame without a face has one issue, no face; with one, its picture's issues", () => {
  const quality = { issues: ["dark" as const] };
  assert.deepEqual(frameIssues({ box: null, quality }), ["no-face"]);
  assert.deepEqual(frameIssues({ box: {}, quality }), ["dark"]);
});

Deno.test("the film's indicator appears only after more than 10 s of a poor picture", () => {
  assert.equal(POOR_SIGNAL_MS, 10_000);
  assert.equal(poorSignalNotice(null, ["dark"]), null, "no frame yet");
  assert.equal(poorSignalNotice(0, []), null);
  assert.equal(poorSignalNotice(10_000, ["dark"]), null, "10 s is not more than 10 s");
  assert.equal(
    poorSignalNotice(12_400, ["dark", "small"]),
    "Poor picture for 12 s: expressions are unknown. More light, please.",
  );
  assert.equal(
    poorSignalNotice(30_000, []),
    "Poor picture for 30 s: expressions are unknown.",
  );
});
