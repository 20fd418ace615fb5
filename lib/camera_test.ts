import assert from "node:assert/strict";
import { cameraProblem, cameraProblemText, noMediaDevices, trackerProblem } from "./camera.ts";

Deno.test("camera errors: each cause has its own message", () => {
  const kind = (name: string) => cameraProblem(new DOMException("x", name)).kind;
  assert.equal(kind("NotFoundError"), "no-camera");
  assert.equal(kind("OverconstrainedError"), "no-camera");
  assert.equal(kind("NotAllowedError"), "denied");
  assert.equal(kind("SecurityError"), "denied");
  assert.equal(kind("NotReadableError"), "in-use");
  assert.equal(kind("AbortError"), "in-use");
  assert.equal(cameraProblem(new TypeError("no")).kind, "unsupported");
  assert.equal(noMediaDevices().kind, "unsupported");
  const messages = new Set(
    ["NotFoundError", "NotAllowedError", "NotReadableError"].map((n) =>
      cameraProblem(new DOMException("x", n)).fix
    ),
  );
  assert.equal(messages.size, 3);
  assert.match(cameraProblem(new DOMException("x", "NotAllowedError")).fix, /Allow the camera/);
  // Something unforeseen keeps its own words.
  const other = cameraProblem(new Error("the driver exploded"));
  assert.equal(other.kind, "failed");
  assert.match(other.fix, /the driver exploded/);
});

Deno.test("camera errors: one table words them as a heading or as a paragraph", () => {
  const denied = cameraProblem(new DOMException("x", "NotAllowedError"));
  // /watch shows the title over the fix; /recommend one paragraph that opens with what happened.
  assert.equal(denied.title, "Camera permission denied");
  assert.match(
    cameraProblemText(denied),
    /^The camera is blocked for this site\. .*Allow the camera/,
  );
  const missing = cameraProblem(new DOMException("x", "NotFoundError"));
  assert.equal(missing.title, "No camera found");
  assert.match(cameraProblemText(missing), /^No camera was found\. /);
  assert.match(cameraProblemText(noMediaDevices()), /HTTPS or localhost/);
  assert.equal(
    cameraProblemText(cameraProblem(new DOMException("odd", "InvalidStateError"))),
    "The camera could not start. (odd) Try again, or reload the page.",
  );
  assert.match(cameraProblemText(cameraProblem(null)), /^The camera could not start\. \(null\)/);
  const model = trackerProblem("no WebAssembly");
  assert.equal(model.title, "The expression model did not start");
  assert.match(model.fix, /could not run in this browser: no WebAssembly\. Reload the page/);
});
