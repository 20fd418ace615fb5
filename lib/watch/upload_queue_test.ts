import assert from "node:assert/strict";
import {
  afterSend,
  backoffMs,
  dueNow,
  MAX_BACKOFF_MS,
  MAX_SERVER_ATTEMPTS,
  newEntry,
  nextSend,
  type QueueEntry,
  retryableStatus,
  retryFailed,
  uploadStatus,
} from "./upload_queue.ts";

const NETWORK = { kind: "network", message: "Failed to fetch" } as const;

Deno.test("queue: sends the lowest due seq first, one at a time", () => {
  const entries = [newEntry(2, 0), newEntry(0, 0), newEntry(1, 0)];
  assert.deepEqual(nextSend(entries, { now: 0, online: true }), { kind: "send", seq: 0 });
  assert.deepEqual(nextSend([], { now: 0, online: true }), { kind: "idle" });
  // Offline: nothing is tried; the `online` event starts it again.
  assert.deepEqual(nextSend(entries, { now: 0, online: false }), { kind: "idle" });
});

Deno.test("queue: a stored document leaves the queue", () => {
  assert.equal(afterSend(newEntry(0, 0), { kind: "stored" }, 10), null);
});

Deno.test("queue: a lost connection backs off 1 s, 2 s, 4 s … up to 30 s, without end", () => {
  let entry: QueueEntry = newEntry(0, 0);
  const waits: number[] = [];
  for (let i = 0; i < 12; i++) {
    const now = 1000 * i;
    entry = afterSend(entry, NETWORK, now)!;
    assert.equal(entry.failure, null, "a lost connection is never given up");
    waits.push(entry.notBefore - now);
  }
  assert.deepEqual(waits.slice(0, 6), [1000, 2000, 4000, 8000, 16000, 30000]);
  assert.ok(waits.every((w) => w <= MAX_BACKOFF_MS));
  // The next send waits until the entry is due.
  const waitFor = nextSend([entry], { now: entry.notBefore - 500, online: true });
  assert.deepEqual(waitFor, { kind: "wait", ms: 500 });
  // The connection comes back: due at once.
  const [back] = dueNow([entry], entry.notBefore - 20_000);
  assert.deepEqual(nextSend([back], { now: entry.notBefore - 20_000, online: true }), {
    kind: "send",
    seq: 0,
  });
});

Deno.test("queue: the spread of the backoff stays within ±20%", () => {
  assert.equal(backoffMs(1, 0), 800);
  assert.equal(backoffMs(1, 0.999999), 1200);
  assert.equal(backoffMs(100, 0.5), MAX_BACKOFF_MS);
});

Deno.test("queue: a refusal (400, 409, …) is shown, never retried by itself", () => {
  for (const status of [400, 401, 404, 409, 413]) {
    const entry = afterSend(newEntry(3, 0), {
      kind: "http",
      status,
      message: `refused ${status}`,
    }, 5)!;
    assert.equal(entry.failure, `refused ${status}`);
    assert.deepEqual(nextSend([entry], { now: 1e9, online: true }), { kind: "idle" });
  }
});

Deno.test("queue: server errors are retried a few times, then shown", () => {
  assert.ok(retryableStatus(503) && retryableStatus(429) && retryableStatus(408));
  assert.ok(!retryableStatus(409));
  let entry: QueueEntry = newEntry(0, 0);
  let tries = 0;
  while (entry.failure === null) {
    entry = afterSend(entry, { kind: "http", status: 503, message: "busy" }, 0)!;
    tries++;
    assert.ok(tries <= MAX_SERVER_ATTEMPTS, "it stops");
  }
  assert.equal(tries, MAX_SERVER_ATTEMPTS);
  assert.match(entry.failure, /busy \(gave up after 6 attempts\)/);
  // The viewer asks to try again: from scratch.
  const [again] = retryFailed([entry], 50);
  assert.deepEqual(again, newEntry(0, 50));
});

Deno.test("status: offline — N minutes waiting, while the connection is lost", () => {
  const waiting = [newEntry(0, 0), newEntry(1, 0)];
  assert.equal(
    uploadStatus(waiting, { online: false, unreachable: false }).message,
    "offline — 2 minutes waiting",
  );
  assert.equal(
    uploadStatus([newEntry(0, 0)], { online: true, unreachable: true }).message,
    "offline — 1 minute waiting",
  );
  assert.equal(
    uploadStatus([], { online: false, unreachable: false }).message,
    "offline — 0 minutes waiting",
  );
  // Online, a first attempt under way: nothing to say.
  const quiet = uploadStatus(waiting, { online: true, unreachable: false });
  assert.equal(quiet.message, null);
  assert.equal(quiet.waiting, 2);
  const retrying = afterSend(newEntry(0, 0), { kind: "http", status: 503, message: "x" }, 0)!;
  assert.equal(
    uploadStatus([retrying], { online: true, unreachable: false }).message,
    "retrying — 1 minute waiting",
  );
  const refused = afterSend(newEntry(4, 0), { kind: "http", status: 409, message: "no" }, 0)!;
  const status = uploadStatus([refused], { online: true, unreachable: false });
  assert.deepEqual(status.failed, [{ seq: 4, message: "no" }]);
  assert.equal(status.waiting, 0);
});
