/**
 * The moments player's navigation, pure: where a key or a button takes the playhead, how the
 * filtered player keeps playback inside the chosen segments, and when the current segment
 * ends. Segments are those of `extractSegments`: sorted, disjoint, not touching.
 */
import {
  nextSegmentIndex,
  playbackStep,
  previousSegmentIndex,
  segmentIndexAt,
} from "./playback.ts";
import type { Segment } from "./types.ts";

/** What the timeline's keys and the player's buttons ask for. */
export type NavigationKey = "back" | "forward" | "previous" | "next" | "first" | "last";

/** Arrow keys move this many seconds. */
export const ARROW_STEP_SEC = 5;

export interface Playhead {
  /** The film's current time, in seconds. */
  time: number;
  segments: readonly Segment[];
  /** Only the moments are played (else the whole film, moments marked). */
  onlyMoments: boolean;
  durationSec: number;
}

/** Clamps a time to the film. */
export function clampTime(time: number, durationSec: number): number {
  return Math.min(Math.max(0, time), durationSec);
}

/**
 * Where `key` takes the playhead (within the film), or null when there is nowhere to go (no
 * moment to move to).
 *
 * - first / last: the first or last moment's start (the film's start or end when only the
 *   moments are not played, or there is none);
 * - previous: the start of the current moment when more than 2 s of it played, else the one
 *   before (a music player's "previous"); next: the next moment's start;
 * - back / forward: 5 s; back out of a moment goes to the last 5 s of the moment before, never
 *   forward again into the one it left.
 */
export function navigate(key: NavigationKey, p: Playhead): number | null {
  const { time, segments, onlyMoments, durationSec } = p;
  const startOf = (index: number) =>
    segments[index] ? clampTime(segments[index].start, durationSec) : null;
  const moments = onlyMoments && segments.length > 0;
  switch (key) {
    case "first":
      return moments ? startOf(0) : 0;
    case "last":
      return moments ? startOf(segments.length - 1) : durationSec;
    case "previous":
      return startOf(Math.max(0, previousSegmentIndex(segments, time)));
    case "next": {
      const current = segmentIndexAt(segments, time);
      return startOf(current >= 0 ? current + 1 : nextSegmentIndex(segments, time));
    }
    case "forward":
      return clampTime(time + ARROW_STEP_SEC, durationSec);
    case "back": {
      const target = time - ARROW_STEP_SEC;
      if (!moments || segmentIndexAt(segments, target) >= 0) return clampTime(target, durationSec);
      const next = nextSegmentIndex(segments, target);
      const before = next < 0 ? segments.length - 1 : next - 1;
      const landing = before >= 0
        ? Math.max(segments[before].start, segments[before].end - ARROW_STEP_SEC)
        : segments[0].start;
      return clampTime(landing, durationSec);
    }
  }
}

/** What the filtered player does at a time: nothing, seek into a moment, or stop. */
export type Correction =
  | { kind: "none" }
  | { kind: "seek"; to: number }
  /** After the last moment: pause, at the last moment's end (`at`) when past it. */
  | { kind: "stop"; at: number | null };

/** Keeps playback inside the moments: jump to the next one, stop after the last. */
export function keepInMoments(p: Omit<Playhead, "durationSec">): Correction {
  if (!p.onlyMoments) return { kind: "none" };
  const step = playbackStep(p.segments, p.time);
  if (step.kind === "seek") return { kind: "seek", to: step.to };
  if (step.kind === "play") return { kind: "none" };
  const last = p.segments.at(-1);
  return { kind: "stop", at: last && p.time > last.end ? last.end : null };
}

/**
 * Where "play" starts: after the last moment (or before any), from the first moment again;
 * null to play from where it is; "none" when only the moments are played and there is none.
 */
export function playFrom(p: Omit<Playhead, "durationSec">): number | null | "none" {
  if (!p.onlyMoments || playbackStep(p.segments, p.time).kind !== "end") return null;
  return p.segments.length > 0 ? p.segments[0].start : "none";
}

/**
 * Milliseconds until the moment playing ends, at `rate`, or null outside a moment: near an end
 * the player sets a timer for it, so that no frame after it shows even at a high rate.
 */
export function msToMomentEnd(
  segments: readonly Segment[],
  time: number,
  rate: number,
): number | null {
  const index = segmentIndexAt(segments, time);
  if (index < 0) return null;
  return ((segments[index].end - time) / (rate || 1)) * 1000;
}
