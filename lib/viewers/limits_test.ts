import assert from "node:assert/strict";
import { AddressWindows, mayStartViewing } from "./limits.ts";

const MIN = 60_000;
const limits = { viewingsPerHour: 3, recordingAtOnce: 2 };

Deno.test("a viewer with 2 recordings at a limit of 2 must finish one first: wait 60 s", () => {
  const decision = mayStartViewing([], 2, 0, limits);
  assert.deepEqual(decision.allowed, false);
  assert.equal(!decision.allowed && decision.retryAfterSec, 60);
});

Deno.test("3 starts in the last hour at 3 an hour: the oldest of them frees a slot 60 min after it", () => {
  const now = 100 * MIN;
  // Started 10, 20 and 50 minutes ago: the one 50 minutes ago is an hour old in 10 minutes.
  const decision = mayStartViewing(
    [now - 10 * MIN, now - 20 * MIN, now - 50 * MIN],
    0,
    now,
    limits,
  );
  assert.equal(decision.allowed, false);
  assert.equal(!decision.allowed && decision.retryAfterSec, 10 * 60);
  // One of them 61 minutes ago: only 2 in the hour, allowed.
  assert.equal(
    mayStartViewing([now - 10 * MIN, now - 20 * MIN, now - 61 * MIN], 0, now, limits).allowed,
    true,
  );
});

Deno.test("an address may try 2 times in 10 minutes; the 3rd waits until the 1st is 10 minutes old", () => {
  const windows = new AddressWindows(2, 10 * MIN, "sign-ins");
  assert.equal(windows.hit("a", 0).allowed, true);
  assert.equal(windows.hit("a", 4 * MIN).allowed, true);
  const third = windows.hit("a", 5 * MIN);
  assert.equal(third.allowed, false);
  assert.equal(!third.allowed && third.retryAfterSec, 5 * 60, "10 min after 0, seen at 5 min");
  assert.equal(windows.hit("b", 5 * MIN).allowed, true, "another address has its own window");
  assert.equal(windows.hit("a", 10 * MIN + 1).allowed, true, "the first left the window");
});
