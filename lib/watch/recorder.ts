/**
 * The per-second recorder, pure: playback observations (the film's `currentTime`, whether it
 * plays, whether a seek happened) and analysed camera frames go in; recorded seconds come out,
 * keyed by playback second.
 *
 * - A second is the playback second `floor(currentTime)`; only played time is recorded, so a
 *   paused film records nothing, and a seek records the seconds actually played after it.
 * - Between two observations the film either played or jumped. It jumped when a seek came
 *   between them (the video's `seeking`/`seeked` events, or its `seeking` state: `seeking` in
 *   the sample), or when it went backwards, or further than its rate allows in the time that
 *   passed. Otherwise it played from one to the other, however far apart they are: a starved
 *   page that observed 3.8 s and then 6.2 s records seconds 4 and 5 as played.
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
  /** Playing (not paused, not seeking, not ended, not stalled). */
  playing: boolean;
  /** `playbackRate`; default 1. */
  rate?: number;
  /**
   * A seek is under way, or this observation is the video's `seeking` or `seeked` event: the
   * playback did not get here from the last observation by playing.
   */
  seeking?: boolean;
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
  /** The part of it that was played, in playback seconds. */
  from: number;
  to: number;
  /** When the playback left it (`performance.now()`), or null while it plays. */
  leftAt: number | null;
}

/** An observation, and whether the film played (rather than jumped) from the one before. */
interface Anchor extends PlaybackSample {
  played: boolean;
}

/** Observations kept for placing frames: frames are never older than a second or two. */
const ANCHOR_WINDOW_MS = 5000;
/**
 * How much further than `rate × elapsed` the playback may get between two observations and
 * still count as played: the media clock and the page's clock are read at slightly different
 * moments.
 */
const CLOCK_SLACK_SEC = 0.5;
const CLOCK_SLACK_RATIO = 1.25;

export class SecondRecorder {
  readonly #lines: readonly (string | null)[];
  readonly #maxT: number;
  readonly #graceMs: number;
  readonly #minPlayedSec: number;
  #anchors: Anchor[] = [];
  /** The second the playback is in, while it is there. */
  #current: OpenSecond | null = null;
  /** Seconds the playback left that wait for late frames, in the order they were played. */
  #left: OpenSecond[] = [];

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
    const previous = this.#anchors.at(-1);
    if (previous && sample.now < previous.now) return []; // out of order: ignore
    const closed: RecordedSecond[] = [];
    this.#expire(sample.now, closed);
    if (!Number.isFinite(sample.time) || sample.time < 0) return closed;
    const played = previous !== undefined && playedBetween(previous, sample);
    this.#anchors.push({ ...sample, played });
    while (this.#anchors.length > 2 && this.#anchors[1].now < sample.now - ANCHOR_WINDOW_MS) {
      this.#anchors.shift();
    }
    if (played) {
      this.#play(previous!.time, sample.time, sample, closed);
      return closed;
    }
    // A jump (or the first observation).
    const current = this.#current;
    const t = Math.floor(sample.time);
    if (current && current.t === t) {
      // A small seek inside the second: the same second goes on.
      if (sample.playing) {
        current.from = Math.min(current.from, sample.time);
        current.to = Math.max(current.to, sample.time);
      }
      return closed;
    }
    if (current) this.#leave(current, sample.now);
    if (sample.playing) this.#enter(t, sample.time, sample.time, closed);
    return closed;
  }

  /**
   * Where the playback was at `time` (`performance.now()`), from the observations around it,
   * or null when it was not playing then or is not known.
   */
  playbackAt(time: number): number | null {
    let i = this.#anchors.length - 1;
    while (i >= 0 && this.#anchors[i].now > time) i--;
    if (i < 0) return null;
    const anchor = this.#anchors[i];
    const next = this.#anchors[i + 1] as Anchor | undefined;
    if (next?.played && !anchor.playing) {
      // Paused (or stalled) at the observation before, playing by the one after: it played
      // up to `next`, at its rate; before that it stood still.
      const at = next.time - ((next.now - time) / 1000) * (next.rate ?? 1);
      return at >= anchor.time && next.time > anchor.time ? at : null;
    }
    if (!anchor.playing) return null;
    const at = anchor.time + ((time - anchor.now) / 1000) * (anchor.rate ?? 1);
    // A stall (buffering) or a pause does not advance playback: never run past the next
    // observation reached by playing.
    return next?.played ? Math.min(at, next.time) : at;
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
      // Frames come back in grab order: nothing more is coming for the seconds left before.
      this.#emitLeft(this.#left.length, closed);
      return closed;
    }
    const k = this.#left.findLastIndex((s) => s.t === t);
    if (k >= 0) {
      this.#left[k].frames.push(sample);
      this.#emitLeft(k, closed);
    }
    return closed;
  }

  /** Ends the recording: closes the open seconds and returns them. */
  end(): RecordedSecond[] {
    const closed: RecordedSecond[] = [];
    this.#emitLeft(this.#left.length, closed);
    if (this.#current) this.#emit(this.#current, closed);
    this.#current = null;
    return closed;
  }

  /** The film played from `from` to `sample.time`: each second it went through is recorded. */
  #play(from: number, to: number, sample: PlaybackSample, closed: RecordedSecond[]): void {
    const first = Math.floor(from);
    const last = Math.floor(to);
    let current = this.#current;
    if (current && current.t !== first) {
      this.#leave(current, sample.now);
      current = null;
    }
    if (!current) {
      // Only a playing film opens a second: a paused one at the same place records nothing.
      if (last === first && !sample.playing) return;
      current = this.#enter(first, from, from, closed);
      if (!current) return;
    }
    if (last === first) {
      current.to = Math.max(current.to, to);
      return;
    }
    current.to = first + 1;
    this.#leave(current, sample.now);
    for (let t = first + 1; t < last; t++) {
      const whole = this.#enter(t, t, t + 1, closed);
      if (whole) this.#leave(whole, sample.now);
    }
    this.#enter(last, last, to, closed);
  }

  /** Opens second `t` as the current one, played from `from` to `to` so far. */
  #enter(t: number, from: number, to: number, closed: RecordedSecond[]): OpenSecond | null {
    // Back into a second that waits for late frames (a small seek back): it is done.
    const k = this.#left.findLastIndex((s) => s.t === t);
    if (k >= 0) this.#emitLeft(k + 1, closed);
    this.#current = t <= this.#maxT ? { t, frames: [], from, to, leftAt: null } : null;
    return this.#current;
  }

  #leave(second: OpenSecond, now: number): void {
    second.leftAt = now;
    this.#left.push(second);
    if (this.#current === second) this.#current = null;
  }

  /** Emits the left seconds whose grace period is over (they are in the order they left). */
  #expire(now: number, closed: RecordedSecond[]): void {
    let n = 0;
    while (n < this.#left.length && now - this.#left[n].leftAt! >= this.#graceMs) n++;
    this.#emitLeft(n, closed);
  }

  /** Emits the first `n` left seconds. */
  #emitLeft(n: number, closed: RecordedSecond[]): void {
    for (const second of this.#left.splice(0, n)) this.#emit(second, closed);
  }

  #emit(second: OpenSecond, into: RecordedSecond[]): void {
    if (second.frames.length === 0 && second.to - second.from < this.#minPlayedSec) return;
    const summary = aggregateSecond(second.frames);
    into.push({ t: second.t, ...summary, line: this.#lines[second.t] ?? null });
  }
}

/** Whether the film got from one observation to the next by playing (not by a seek). */
function playedBetween(before: PlaybackSample, after: PlaybackSample): boolean {
  if (after.seeking) return false;
  const advance = after.time - before.time;
  if (!(advance >= 0)) return false;
  const elapsedSec = (after.now - before.now) / 1000;
  const rate = Math.max(before.rate ?? 1, after.rate ?? 1);
  return advance <= elapsedSec * rate * CLOCK_SLACK_RATIO + CLOCK_SLACK_SEC;
}
