/**
 * The upload queue's decisions, pure: which minute document to send next, how long to wait
 * after a failure, what a server answer means, and what the viewer is told. The browser side
 * (`lib/browser/uploader.ts`) does the fetching and the timers.
 *
 * A lost connection is retried without end (the documents wait in IndexedDB), with growing
 * pauses and at once when the browser says it is back online; the server treats a repeated
 * `seq` as success, so a retry never counts twice. A refusal (400, 401, 404, 409, …) is shown
 * and never retried by itself; a server error (5xx, 429) is retried a few times, then shown.
 */

/** One minute document waiting to be stored. */
export interface QueueEntry {
  seq: number;
  /** Attempts that failed so far. */
  attempts: number;
  /** Not sent again before this time (ms, the uploader's clock). */
  notBefore: number;
  /** Why it is not retried any more, or null while it is. */
  failure: string | null;
}

/** What one attempt to send a document came to. */
export type SendOutcome =
  | { kind: "stored" }
  | { kind: "network"; message: string }
  | { kind: "http"; status: number; message: string };

/** Server errors are retried this many times in all, then shown. */
export const MAX_SERVER_ATTEMPTS = 6;
export const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;

/**
 * The pause before the next attempt after `attempts` failures: 1 s, 2 s, 4 s, … up to 30 s,
 * spread by ±20% (`random` in [0, 1)) so that many browsers do not retry in step.
 */
export function backoffMs(attempts: number, random = 0.5): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

/** Whether an HTTP status is worth retrying (the server or something on the way was busy). */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

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
 * wait until the next one is due, or nothing (all sent or failed, or offline: the `online`
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
 * The entry after an attempt: null when stored (it leaves the queue), else the entry with its
 * next due time, or with `failure` set when it must not be retried.
 */
export function afterSend(
  entry: QueueEntry,
  outcome: SendOutcome,
  now: number,
  random = 0.5,
): QueueEntry | null {
  if (outcome.kind === "stored") return null;
  const attempts = entry.attempts + 1;
  if (outcome.kind === "http" && !retryableStatus(outcome.status)) {
    return { ...entry, attempts, failure: outcome.message };
  }
  if (outcome.kind === "http" && attempts >= MAX_SERVER_ATTEMPTS) {
    return {
      ...entry,
      attempts,
      failure: `${outcome.message} (gave up after ${attempts} attempts)`,
    };
  }
  return { ...entry, attempts, notBefore: now + backoffMs(attempts, random), failure: null };
}

/** Entries due at once, as when the connection comes back. */
export function dueNow(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  return entries.map((e) =>
    e.failure === null ? { ...e, notBefore: Math.min(e.notBefore, now) } : e
  );
}

/** Failed entries tried again from scratch (the viewer asked to). */
export function retryFailed(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  return entries.map((e) => e.failure === null ? e : { ...newEntry(e.seq, now) });
}

/** What the viewer sees of the uploads. */
export interface UploadStatus {
  /** Documents not stored yet and still being tried. */
  waiting: number;
  /** Documents the server refused, with why. */
  failed: { seq: number; message: string }[];
  /** The browser is offline, or the last attempt could not reach the server. */
  offline: boolean;
  /** One line for the viewer, or null when there is nothing to say. */
  message: string | null;
}

function minutes(n: number): string {
  return `${n} minute${n === 1 ? "" : "s"}`;
}

/** The status line: "offline — N minutes waiting" while the connection is lost. */
export function uploadStatus(
  entries: readonly QueueEntry[],
  { online, unreachable }: { online: boolean; unreachable: boolean },
): UploadStatus {
  const waiting = entries.filter((e) => e.failure === null).length;
  const failed = entries
    .filter((e) => e.failure !== null)
    .map((e) => ({ seq: e.seq, message: e.failure! }));
  const offline = !online || (unreachable && waiting > 0);
  let message: string | null = null;
  if (offline) message = `offline — ${minutes(waiting)} waiting`;
  else if (entries.some((e) => e.failure === null && e.attempts > 0)) {
    // A first attempt takes a moment and needs no word; a retry does.
    message = `retrying — ${minutes(waiting)} waiting`;
  }
  return { waiting, failed, offline, message };
}
