/**
 * Sends a viewing's minute documents to `PUT /api/screenings/:id/minutes/:seq`, one at a time
 * in seq order, and keeps trying what may pass (no connection, a busy server) for as long as
 * the page is open; the decisions are the pure ones of `lib/watch/upload_queue.ts`. Each
 * document is already in the outbox (IndexedDB) when it is added, and leaves it only once the
 * server stored it, so what is unsent when the page closes is sent on the next visit.
 * Browser-only.
 */
import type { MinuteDocument } from "@/lib/recording.ts";
import {
  afterSend,
  dueNow,
  hurry,
  newEntry,
  nextSend,
  type QueueEntry,
  type UploadStatus,
  uploadStatus,
} from "@/lib/watch/upload_queue.ts";
import { putMinute } from "./api.ts";

export interface UploaderOptions {
  screeningId: string;
  token: string;
  /** Called after the server stored a document (remove it from the outbox). */
  onStored(seq: number): Promise<void> | void;
  /** Called whenever the status changes. */
  onStatus(status: UploadStatus): void;
}

/** The upload queue of one viewing: retries, backoff, and the online/offline events. */
export class MinuteUploader {
  readonly #options: UploaderOptions;
  #entries: QueueEntry[] = [];
  #documents = new Map<number, MinuteDocument>();
  #busy = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unreachable = false;
  #recording = false;
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

  /** "Try again": everything due now, refused documents once more. */
  hurry(): void {
    this.#entries = hurry(this.#entries, performance.now());
    this.#changed();
  }

  /** Whether the film is being recorded (the status words an outage for it). */
  set recording(recording: boolean) {
    if (this.#recording === recording) return;
    this.#recording = recording;
    this.#changed();
  }

  get status(): UploadStatus {
    return uploadStatus(this.#entries, {
      online: navigator.onLine,
      unreachable: this.#unreachable,
      recording: this.#recording,
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
    const outcome = await putMinute(document, this.#options.token);
    this.#busy = false;
    if (this.#closed) return;
    this.#unreachable = !outcome.ok && outcome.status === 0;
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
