import assert from "node:assert/strict";
import { backoffMs, MAX_BACKOFF_MS } from "@/lib/retry.ts";
import {
  afterSend,
  dueNow,
  hurry,
  newEntry,
  nextSend,
  type QueueEntry,
  uploadStatus,
} from "./upload_queue.ts";

const NETWORK = { ok: false, status: 0, message: "Failed to fetch" } as const;
const RECORDING = { online: true, unreachable: false, recording: true };

Deno.test("queue: sends the lowest due seq first, one at a time", () => {
  const entries = [newEntry(2, 0), newEntry(0, 0), newEntry(1, 0)];
  assert.deepEqual(nextSend(entries, { now: 0, online: true }), { kind: "send", seq: 0 });
  assert.deepEqual(nextSend([], { now: 0, online: true }), { kind: "idle" });
  // Offline: nothing is tried; the `online` event starts it again.
  assert.deepEqual(nextSend(entries, { now: 0, online: false }), { kind: "idle" });
});

Deno.test("queue: a stored document leaves the queue", () => {
  assert.equal(afterSend(newEntry(0, 0), { ok: true }, 10), null);
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

Deno.test("queue: a refusal (400, 401, 404, 409, 413) is shown, never retried by itself", () => {
  for (const status of [400, 401, 404, 409, 413]) {
    const entry = afterSend(
      newEntry(3, 0),
      { ok: false, status, message: `refused ${status}` },
      5,
    )!;
    assert.equal(entry.failure, `refused ${status}`);
    assert.deepEqual(nextSend([entry], { now: 1e9, online: true }), { kind: "idle" });
  }
});

Deno.test("queue: server errors (5xx, 429, 408) are retried for as long as the page is open", () => {
  for (const status of [500, 502, 503, 429, 408]) {
    let entry: QueueEntry = newEntry(0, 0);
    // An hour of failures at the longest pause is 120 attempts; none gives up.
    for (let i = 0; i < 200; i++) {
      const now = i * MAX_BACKOFF_MS;
      entry = afterSend(entry, { ok: false, status, message: "busy" }, now)!;
      assert.equal(entry.failure, null, `${status}, attempt ${i + 1}`);
      assert.ok(entry.notBefore - now <= MAX_BACKOFF_MS * 1.2, "the pause is capped");
    }
    assert.equal(entry.attempts, 200);
    assert.deepEqual(nextSend([entry], { now: entry.notBefore, online: true }), {
      kind: "send",
      seq: 0,
    });
  }
});

Deno.test("queue: Try again only hurries: due now, and refused documents from scratch", () => {
  const waiting = afterSend(newEntry(1, 0), { ok: false, status: 503, message: "busy" }, 0)!;
  const refused = afterSend(newEntry(2, 0), { ok: false, status: 409, message: "no" }, 0)!;
  assert.ok(waiting.notBefore > 500);
  const [a, b] = hurry([waiting, refused], 500);
  assert.deepEqual(a, { ...waiting, notBefore: 500 }, "still counting its attempts");
  assert.deepEqual(b, newEntry(2, 500));
  assert.deepEqual(nextSend([a, b], { now: 500, online: true }), { kind: "send", seq: 1 });
});

Deno.test("status: offline while recording says that recording goes on, and what waits", () => {
  const waiting = [newEntry(0, 0), newEntry(1, 0)];
  const offline = { online: false, unreachable: false, recording: true };
  assert.equal(
    uploadStatus(waiting, offline).message,
    "Offline — recording continues; 2 minutes waiting to send",
  );
  assert.equal(
    uploadStatus([newEntry(0, 0)], { online: true, unreachable: true, recording: true }).message,
    "Offline — recording continues; 1 minute waiting to send",
  );
  // Nothing waits yet: no "0 minutes".
  assert.equal(uploadStatus([], offline).message, "Offline — recording continues");
  // After the film, only what waits.
  assert.equal(
    uploadStatus(waiting, { ...offline, recording: false }).message,
    "Offline — 2 minutes waiting to send",
  );
});

Deno.test("status: quiet on a first attempt, a word on a retry, refusals listed", () => {
  const waiting = [newEntry(0, 0), newEntry(1, 0)];
  const quiet = uploadStatus(waiting, RECORDING);
  assert.equal(quiet.message, null);
  assert.equal(quiet.waiting, 2);
  assert.equal(quiet.retrying, false);
  const retrying = afterSend(newEntry(0, 0), { ok: false, status: 503, message: "x" }, 0)!;
  const status = uploadStatus([retrying], RECORDING);
  assert.equal(status.message, "Retrying — 1 minute waiting to send");
  assert.equal(status.retrying, true);
  const refused = afterSend(newEntry(4, 0), { ok: false, status: 409, message: "no" }, 0)!;
  const shown = uploadStatus([refused], RECORDING);
  assert.deepEqual(shown.failed, [{ seq: 4, message: "no" }]);
  assert.equal(shown.waiting, 0);
});
