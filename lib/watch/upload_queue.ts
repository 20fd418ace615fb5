/**
 * The upload queue's decisions, pure: which minute document to send next, how long to wait
 * after a failure, what a server answer means, and what the viewer is told. The browser side
 * (`lib/browser/uploader.ts`) does the fetching and the timers.
 *
 * A document that could not be stored for a reason that may pass (no connection, a busy or
 * failing server: status 0, 408, 429, 5xx) is retried for as long as the page is open, with
 * growing pauses capped at `MAX_BACKOFF_MS`, and at once when the browser says it is back
 * online; it waits in IndexedDB meanwhile and is sent again on the next visit. The server
 * treats a repeated `seq` as success, so a retry never counts twice. A refusal (400, 401, 404,
 * 409, 413, …) is shown and never retried by itself. "Try again" (`hurry`) only makes
 * everything due now.
 */
import { backoffMs, retryableStatus } from "@/lib/retry.ts";

/** One minute document waiting to be stored. */
export interface QueueEntry {
  seq: number;
  /** Attempts that failed so far. */
  attempts: number;
  /** Not sent again before this time (ms, the uploader's clock). */
  notBefore: number;
  /** Why the server refused it (not retried by itself), or null while it is being tried. */
  failure: string | null;
}

/** What one attempt to send a document came to (an `ApiResult` fits: status 0 = not reached). */
export type SendOutcome = { ok: true } | { ok: false; status: number; message: string };

/** A new entry, due at once. */
export function newEntry(seq: number, now: number): QueueEntry {
  return { seq, attempts: 0, notBefore: now, failure: null };
}

export type NextSend =
  | { kind: "send"; seq: number }
  | { kind: "wait"; ms: number }
  | { kind: "idle" };

/**
 * What to do now: send the lowest due `seq` (in order, so the server sees the film in order),
 * wait until the next one is due, or nothing (all sent or refused, or offline: the `online`
 * event starts it again).
 */
export function nextSend(
  entries: readonly QueueEntry[],
  { now, online }: { now: number; online: boolean },
): NextSend {
  if (!online) return { kind: "idle" };
  const live = entries.filter((e) => e.failure === null);
  if (live.length === 0) return { kind: "idle" };
  const due = live.filter((e) => e.notBefore <= now).sort((a, b) => a.seq - b.seq);
  if (due.length > 0) return { kind: "send", seq: due[0].seq };
  const soonest = Math.min(...live.map((e) => e.notBefore));
  return { kind: "wait", ms: Math.max(0, soonest - now) };
}

/**
 * The entry after an attempt: null when stored (it leaves the queue); with `failure` set when
 * the server refused it; else due again after the backoff, however many attempts failed.
 */
export function afterSend(
  entry: QueueEntry,
  outcome: SendOutcome,
  now: number,
  random = 0.5,
): QueueEntry | null {
  if (outcome.ok) return null;
  const attempts = entry.attempts + 1;
  if (!retryableStatus(outcome.status)) return { ...entry, attempts, failure: outcome.message };
  return { ...entry, attempts, notBefore: now + backoffMs(attempts, random), failure: null };
}

/** Entries being tried become due at once, as when the connection comes back. */
export function dueNow(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  return entries.map((e) =>
    e.failure === null ? { ...e, notBefore: Math.min(e.notBefore, now) } : e
  );
}

/**
 * "Try again": everything due now, refused documents tried once more from scratch. Nothing
 * else changes: the queue was already retrying what may pass.
 */
export function hurry(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  return dueNow(entries, now).map((e) => e.failure === null ? e : newEntry(e.seq, now));
}

/** What the viewer sees of the uploads. */
export interface UploadStatus {
  /** Documents not stored yet and still being tried. */
  waiting: number;
  /** Documents the server refused, with why. */
  failed: { seq: number; message: string }[];
  /** The browser is offline, or the last attempt could not reach the server. */
  offline: boolean;
  /** A document is being tried again after a failure ("Try again" can hurry it). */
  retrying: boolean;
  /** One line for the viewer, or null when there is nothing to say. */
  message: string | null;
}

function minutesToSend(n: number): string {
  return `${n} minute${n === 1 ? "" : "s"} waiting to send`;
}

/**
 * The status line. Offline while recording: "Offline — recording continues; 2 minutes waiting
 * to send" (no count while nothing waits); after it: "Offline — 2 minutes waiting to send".
 * Retrying online: "Retrying — 1 minute waiting to send". A first attempt needs no word.
 */
export function uploadStatus(
  entries: readonly QueueEntry[],
  { online, unreachable, recording }: {
    online: boolean;
    unreachable: boolean;
    /** The film is being recorded (not yet at the end). */
    recording: boolean;
  },
): UploadStatus {
  const waiting = entries.filter((e) => e.failure === null).length;
  const failed = entries
    .filter((e) => e.failure !== null)
    .map((e) => ({ seq: e.seq, message: e.failure! }));
  const offline = !online || (unreachable && waiting > 0);
  const retrying = entries.some((e) => e.failure === null && e.attempts > 0);
  let message: string | null = null;
  if (offline) {
    const parts = recording ? ["recording continues"] : [];
    if (waiting > 0 || !recording) parts.push(minutesToSend(waiting));
    message = `Offline — ${parts.join("; ")}`;
  } else if (retrying) message = `Retrying — ${minutesToSend(waiting)}`;
  return { waiting, failed, offline, retrying, message };
}
