/**
 * The filtered player's rules, as pure functions of the segments and the current time: play
 * inside a segment, jump to the next one at its end (or after a seek outside), stop after the
 * last. Segments are those of `extractSegments`: sorted, disjoint, not touching.
 */
import type { Segment } from "./types.ts";

/** The index of the segment that holds `time` (start inclusive, end exclusive), or -1. */
export function segmentIndexAt(segments: readonly Segment[], time: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (time < segments[mid].start) hi = mid - 1;
    else if (time >= segments[mid].end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The index of the first segment that ends after `time` (holding it, or after it), or -1. */
export function nextSegmentIndex(segments: readonly Segment[], time: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].end <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo < segments.length ? lo : -1;
}

/** What the player should do at `time`: keep playing, seek to a segment's start, or stop. */
export type PlaybackStep =
  | { kind: "play"; index: number }
  | { kind: "seek"; index: number; to: number }
  | { kind: "end" };

/** The player's next step at `time` (see PlaybackStep). With no segment, it is the end. */
export function playbackStep(segments: readonly Segment[], time: number): PlaybackStep {
  const next = nextSegmentIndex(segments, time);
  if (next < 0) return { kind: "end" };
  const segment = segments[next];
  return time >= segment.start
    ? { kind: "play", index: next }
    : { kind: "seek", index: next, to: segment.start };
}

/**
 * The segment "previous" goes to from `time`: the start of the current segment when more than
 * `restartAfterSec` of it has played (as a music player does), else the segment before. -1 when
 * there is none.
 */
export function previousSegmentIndex(
  segments: readonly Segment[],
  time: number,
  restartAfterSec = 2,
): number {
  const next = nextSegmentIndex(segments, time);
  const current = next < 0 ? segments.length : next;
  if (next >= 0 && time - segments[next].start > restartAfterSec) return next;
  return current - 1;
}
