/**
 * Sends a viewing's minute documents to `PUT /api/screenings/:id/minutes/:seq`, one at a time
 * in seq order, and keeps trying through a lost connection; the decisions are the pure ones of
 * `lib/watch/upload_queue.ts`. Each document is already in the outbox (IndexedDB) when it is
 * added, and leaves it only once the server stored it. Browser-only.
 */
import type { MinuteDocument } from "@/lib/recording.ts";
import {
  afterSend,
  dueNow,
  newEntry,
  nextSend,
  type QueueEntry,
  retryFailed,
  type SendOutcome,
  type UploadStatus,
  uploadStatus,
} from "@/lib/watch/upload_queue.ts";
import { apiProblem } from "@/lib/watch/problems.ts";

/** A request that hangs this long is given up and retried. */
const REQUEST_TIMEOUT_MS = 20_000;

export interface UploaderOptions {
  screeningId: string;
  token: string;
  /** Called after the server stored a document (remove it from the outbox). */
  onStored(seq: number): Promise<void> | void;
  /** Called whenever the status changes. */
  onStatus(status: UploadStatus): void;
}

/** One attempt to store a minute document. */
export async function putMinute(
  document: MinuteDocument,
  token: string,
): Promise<SendOutcome> {
  const url = `/api/screenings/${encodeURIComponent(document.screeningId)}/minutes/${document.seq}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ seconds: document.seconds }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: "network", message: error instanceof Error ? error.message : String(error) };
  }
  if (response.ok) {
    await response.body?.cancel();
    return { kind: "stored" };
  }
  const body = await response.json().catch(() => null);
  return {
    kind: "http",
    status: response.status,
    message: apiProblem(response.status, body, `Storing minute ${document.seq + 1}`),
  };
}

/** The upload queue of one viewing: retries, backoff, and the online/offline events. */
export class MinuteUploader {
  readonly #options: UploaderOptions;
  #entries: QueueEntry[] = [];
  #documents = new Map<number, MinuteDocument>();
  #busy = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unreachable = false;
  #closed = false;
  #drained: (() => void)[] = [];
  #online = () => {
    this.#entries = dueNow(this.#entries, performance.now());
    this.#unreachable = false;
    this.#changed();
  };
  #offline = () => this.#changed();

  constructor(options: UploaderOptions) {
    this.#options = options;
    addEventListener("online", this.#online);
    addEventListener("offline", this.#offline);
  }

  /** Queues documents (already in the outbox); a seq already queued is ignored. */
  add(...documents: MinuteDocument[]): void {
    for (const document of documents) {
      if (this.#documents.has(document.seq)) continue;
      this.#documents.set(document.seq, document);
      this.#entries.push(newEntry(document.seq, performance.now()));
    }
    this.#changed();
  }

  get screeningId(): string {
    return this.#options.screeningId;
  }

  /** Tries the documents the server refused once more. */
  retryFailed(): void {
    this.#entries = retryFailed(this.#entries, performance.now());
    this.#changed();
  }

  get status(): UploadStatus {
    return uploadStatus(this.#entries, {
      online: navigator.onLine,
      unreachable: this.#unreachable,
    });
  }

  /** Resolves once nothing is waiting (every document stored, or refused for good). */
  drained(): Promise<void> {
    if (this.status.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** Stops sending and listening; what is unsent stays in the outbox. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    removeEventListener("online", this.#online);
    removeEventListener("offline", this.#offline);
  }

  #changed(): void {
    if (this.#closed) return;
    const status = this.status;
    this.#options.onStatus(status);
    if (status.waiting === 0) {
      const waiters = this.#drained;
      this.#drained = [];
      waiters.forEach((resolve) => resolve());
    }
    this.#pump();
  }

  #pump(): void {
    if (this.#busy || this.#closed) return;
    clearTimeout(this.#timer);
    const next = nextSend(this.#entries, { now: performance.now(), online: navigator.onLine });
    if (next.kind === "wait") {
      this.#timer = setTimeout(() => this.#pump(), next.ms);
    } else if (next.kind === "send") {
      this.#send(next.seq);
    }
  }

  async #send(seq: number): Promise<void> {
    const document = this.#documents.get(seq);
    if (!document) return;
    this.#busy = true;
    let outcome: SendOutcome;
    try {
      outcome = await putMinute(document, this.#options.token);
    } catch (error) {
      // putMinute answers every failure as an outcome; anything else must not wedge the queue.
      outcome = {
        kind: "network",
        message: error instanceof Error ? error.message : String(error),
      };
    } finally {
      this.#busy = false;
    }
    if (this.#closed) return;
    this.#unreachable = outcome.kind === "network";
    const entry = this.#entries.find((e) => e.seq === seq);
    if (!entry) return this.#changed();
    const after = afterSend(entry, outcome, performance.now(), Math.random());
    if (after === null) {
      this.#entries = this.#entries.filter((e) => e.seq !== seq);
      this.#documents.delete(seq);
      try {
        await this.#options.onStored(seq);
      } catch {
        // The outbox copy is harmless: a resend is answered 200 by the server.
      }
    } else {
      this.#entries = this.#entries.map((e) => e.seq === seq ? after : e);
    }
    this.#changed();
  }
}
