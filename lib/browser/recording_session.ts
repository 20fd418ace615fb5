/**
 * Recording a viewing: the film's playback and the camera's analysed frames go through the
 * pure recorder (`lib/watch/recorder.ts`); each recorded second is kept in IndexedDB with the
 * viewing, every 60 make a minute document that goes to the outbox and the uploader.
 * Browser-only: this is where the film's <video> element, the timers and the storage meet.
 */
import { flushBatch } from "@/lib/watch/batcher.ts";
import { type PlaybackSample, SecondRecorder } from "@/lib/watch/recorder.ts";
import { recordSecond, type ViewingRecord } from "@/lib/watch/saved_viewing.ts";
import type { MinuteDocument, RecordedSecond } from "@/lib/recording.ts";
import type { CameraSession } from "./camera_session.ts";
import type { MinuteUploader } from "./uploader.ts";
import type { WatchDb } from "./watch_db.ts";

/** How often the playback is observed besides its own events. */
const OBSERVE_EVERY_MS = 100;

const PLAYBACK_EVENTS = [
  "play",
  "playing",
  "pause",
  "seeking",
  "seeked",
  "timeupdate",
  "ratechange",
  "waiting",
  "ended",
] as const;

export interface RecordingOptions {
  /** The film's <video>. */
  video: HTMLVideoElement;
  camera: CameraSession;
  record: ViewingRecord;
  /** The subtitle line of each playback second. */
  lines: readonly (string | null)[];
  db: WatchDb;
  uploader: MinuteUploader;
  /** The record after each recorded second, once it is kept in IndexedDB. */
  onRecord(record: ViewingRecord): void;
}

/**
 * Reads the film element's playback state; `event` is the media event that asked, if any. A
 * seek is known from the element (its `seeking` state, its `seeking`/`seeked` events), never
 * guessed from the time: on a starved page the time may leap forward by playing alone.
 */
export function playbackSample(video: HTMLVideoElement, event?: string): PlaybackSample {
  return {
    now: performance.now(),
    time: video.currentTime,
    // HAVE_FUTURE_DATA: a stalled film (buffering) shows a still picture, not the film.
    playing: !video.paused && !video.ended && !video.seeking && video.readyState >= 3,
    rate: video.playbackRate,
    seeking: video.seeking || event === "seeking" || event === "seeked",
  };
}

/** Records one viewing while the film plays; `stop()` hands back the final record. */
export class RecordingSession {
  readonly #o: RecordingOptions;
  readonly #recorder: SecondRecorder;
  #record: ViewingRecord;
  #writes: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setInterval> | undefined;
  #running = false;
  #observe = (event?: Event) =>
    this.#take(this.#recorder.observe(playbackSample(this.#o.video, event?.type)));

  constructor(options: RecordingOptions) {
    this.#o = options;
    this.#record = options.record;
    this.#recorder = new SecondRecorder({
      lines: options.lines,
      durationSec: options.record.durationSec,
    });
  }

  get record(): ViewingRecord {
    return this.#record;
  }

  /** Starts listening to the film and the camera. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const { video, camera } = this.#o;
    for (const type of PLAYBACK_EVENTS) video.addEventListener(type, this.#observe);
    this.#timer = setInterval(() => this.#observe(), OBSERVE_EVERY_MS);
    camera.onFrame = (frame) => {
      if (!this.#running) return;
      this.#observe();
      this.#take(this.#recorder.frame(frame));
    };
    this.#observe();
  }

  /**
   * Stops recording: the open seconds are closed and the last, partial minute document is
   * made; resolves with the final record once everything is stored in IndexedDB and queued.
   */
  async stop(): Promise<ViewingRecord> {
    if (this.#running) {
      // What played since the last observation counts too.
      this.#observe();
      this.#running = false;
      const { video, camera } = this.#o;
      for (const type of PLAYBACK_EVENTS) video.removeEventListener(type, this.#observe);
      clearInterval(this.#timer);
      camera.onFrame = null;
      this.#take(this.#recorder.end());
      const { state, document } = flushBatch(this.#record.batch, this.#record.screeningId);
      if (document) {
        this.#record = { ...this.#record, batch: state, updatedAt: new Date().toISOString() };
        this.#commit(this.#record, document);
      }
    }
    await this.#writes;
    return this.#record;
  }

  #take(seconds: RecordedSecond[]): void {
    for (const second of seconds) {
      const { record, document } = recordSecond(this.#record, second, new Date().toISOString());
      this.#record = record;
      if (document) this.#commit(record, document);
      else this.#save(record);
      // Shown once kept: the count on the page is of seconds a closed tab cannot lose.
      this.#writes = this.#writes.then(() => this.#o.onRecord(record));
    }
  }

  #save(record: ViewingRecord): void {
    this.#writes = this.#writes.then(() => this.#o.db.saveViewing(record)).catch(() => {
      // Storage refused (quota, private mode): recording goes on; only resuming is lost.
    });
  }

  #commit(record: ViewingRecord, document: MinuteDocument): void {
    const { db, uploader } = this.#o;
    this.#writes = this.#writes
      .then(() => db.commitMinute(record, document))
      .catch(() => {})
      // Queued once it is in the outbox, so that it is never only in flight.
      .then(() => uploader.add(document));
  }
}
