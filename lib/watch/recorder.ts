/**
 * The per-second recorder, pure: playback observations (the film's `currentTime`, whether it
 * plays) and analysed camera frames go in; recorded seconds come out, keyed by playback second.
 *
 * - A second is the playback second `floor(currentTime)`; only playing time is recorded, so a
 *   paused film records nothing, and a seek records the seconds actually played after it.
 * - A frame belongs to the playback second that was playing when it was grabbed (`frame.time`,
 *   `performance.now()`), found from the observations around that moment; frames grabbed while
 *   paused or seeking are dropped.
 * - Results arrive a little after their frame was grabbed, so a second is kept open after the
 *   playback left it until a frame of a later second arrives (frames come back in grab order)
 *   or `graceMs` passed.
 * - A second played for less than `minPlayedSec` without any frame (the sliver before a seek)
 *   is not recorded.
 */
import { aggregateSecond, type FrameSample } from "@/lib/emotion/aggregate.ts";
import type { RecordedSecond } from "@/lib/recording.ts";

/** What the player reports, several times a second and on every play, pause and seek. */
export interface PlaybackSample {
  /** `performance.now()` of the observation. */
  now: number;
  /** The film's `currentTime`, in seconds. */
  time: number;
  /** Playing (not paused, not seeking, not ended). */
  playing: boolean;
  /** `playbackRate`; default 1. */
  rate?: number;
}

/** An analysed frame and when it was grabbed. */
export interface RecorderFrame extends FrameSample {
  /** `performance.now()` when the frame was grabbed. */
  time: number;
}

export interface RecorderOptions {
  /** The subtitle line of each playback second (`linesBySecond`), or empty. */
  lines: readonly (string | null)[];
  /** The film's length as the server knows it: seconds beyond it are not recorded. */
  durationSec: number;
  /** How long a left second waits for late frames; default 500 ms. */
  graceMs?: number;
  /** Frameless seconds played for less than this are dropped; default 0.5 s. */
  minPlayedSec?: number;
}

interface OpenSecond {
  t: number;
  frames: FrameSample[];
  /** First and last playback time seen in it. */
  from: number;
  to: number;
  /** When the playback left it (`performance.now()`), or null while it plays. */
  leftAt: number | null;
}

/** Observations kept for placing frames: frames are never older than a second or two. */
const ANCHOR_WINDOW_MS = 5000;

export class SecondRecorder {
  readonly #lines: readonly (string | null)[];
  readonly #maxT: number;
  readonly #graceMs: number;
  readonly #minPlayedSec: number;
  #anchors: PlaybackSample[] = [];
  #current: OpenSecond | null = null;
  #closing: OpenSecond | null = null;

  constructor(options: RecorderOptions) {
    this.#lines = options.lines;
    this.#maxT = options.durationSec;
    this.#graceMs = options.graceMs ?? 500;
    this.#minPlayedSec = options.minPlayedSec ?? 0.5;
  }

  /** The playback second being recorded, or null. */
  get currentSecond(): number | null {
    return this.#current?.t ?? null;
  }

  /** Takes one playback observation; returns the seconds it closed, in order. */
  observe(sample: PlaybackSample): RecordedSecond[] {
    const last = this.#anchors.at(-1);
    if (last && sample.now < last.now) return []; // out of order: ignore
    this.#anchors.push(sample);
    while (this.#anchors.length > 2 && this.#anchors[1].now < sample.now - ANCHOR_WINDOW_MS) {
      this.#anchors.shift();
    }
    const closed: RecordedSecond[] = [];
    const closing = this.#closing;
    if (closing && closing.leftAt !== null && sample.now - closing.leftAt >= this.#graceMs) {
      this.#emit(closing, closed);
      this.#closing = null;
    }
    if (!sample.playing || !Number.isFinite(sample.time) || sample.time < 0) return closed;
    const t = Math.floor(sample.time);
    const current = this.#current;
    if (current && current.t === t) {
      current.from = Math.min(current.from, sample.time);
      current.to = Math.max(current.to, sample.time);
      return closed;
    }
    if (current) {
      // Two seconds left within the grace period (a seek): the older one is done.
      if (this.#closing) this.#emit(this.#closing, closed);
      current.leftAt = sample.now;
      this.#closing = current;
      this.#current = null;
    }
    if (this.#closing?.t === t) {
      // Back into the second just left (a small seek back): it is done, a new one begins.
      this.#emit(this.#closing, closed);
      this.#closing = null;
    }
    if (t <= this.#maxT) {
      this.#current = { t, frames: [], from: sample.time, to: sample.time, leftAt: null };
    }
    return closed;
  }

  /**
   * Where the playback was at `time` (`performance.now()`): interpolated from the observation
   * before it, or null when it was not playing then or is not known.
   */
  playbackAt(time: number): number | null {
    let i = this.#anchors.length - 1;
    while (i >= 0 && this.#anchors[i].now > time) i--;
    if (i < 0) return null;
    const anchor = this.#anchors[i];
    if (!anchor.playing) return null;
    const next = this.#anchors[i + 1];
    let at = anchor.time + ((time - anchor.now) / 1000) * (anchor.rate ?? 1);
    // A stall (buffering) does not advance playback; never run past the next observation.
    if (next && next.playing && next.time >= anchor.time) at = Math.min(at, next.time);
    return at;
  }

  /** Takes one analysed frame; returns the seconds it closed. */
  frame(frame: RecorderFrame): RecordedSecond[] {
    const closed: RecordedSecond[] = [];
    const at = this.playbackAt(frame.time);
    if (at === null) return closed;
    const t = Math.floor(at);
    const sample: FrameSample = frame;
    if (this.#current?.t === t) {
      this.#current.frames.push(sample);
      this.#current.to = Math.max(this.#current.to, at);
      // Frames come back in grab order: nothing more is coming for the second left before.
      if (this.#closing) {
        this.#emit(this.#closing, closed);
        this.#closing = null;
      }
    } else if (this.#closing?.t === t) {
      this.#closing.frames.push(sample);
    }
    return closed;
  }

  /** Ends the recording: closes the open seconds and returns them. */
  end(): RecordedSecond[] {
    const closed: RecordedSecond[] = [];
    if (this.#closing) this.#emit(this.#closing, closed);
    if (this.#current) this.#emit(this.#current, closed);
    this.#closing = null;
    this.#current = null;
    return closed;
  }

  #emit(second: OpenSecond, into: RecordedSecond[]): void {
    if (second.frames.length === 0 && second.to - second.from < this.#minPlayedSec) return;
    const summary = aggregateSecond(second.frames);
    into.push({ t: second.t, ...summary, line: this.#lines[second.t] ?? null });
  }
}
