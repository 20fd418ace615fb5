/**
 * Playback time: which recorded second stands for each playback second. Seconds may arrive
 * unsorted, with gaps (paused, seeked) and with repeats (a rewatched scene). Each playback
 * second is represented by its FIRST recording: the first viewing of a scene is the reaction
 * to it, and every viewer then weighs once per second in the audience aggregates.
 */
import type { Prepared } from "./prepare.ts";

export interface Timeline {
  /** Distinct playback seconds, ascending. */
  t: number[];
  /** For each, the index (recording order) of its first recording. */
  index: number[];
}

/** Builds the playback timeline in O(n + span) when the span is reasonable, else by sorting. */
export function timelineOf(p: Prepared): Timeline {
  const { n } = p;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = p.t[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const t: number[] = [];
  const index: number[] = [];
  if (n === 0) return { t, index };
  const span = max - min + 1;
  if (span <= 4 * n + 1024) {
    const first = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) {
      if (first[p.t[i] - min] === -1) first[p.t[i] - min] = i;
    }
    for (let k = 0; k < span; k++) {
      if (first[k] !== -1) {
        t.push(min + k);
        index.push(first[k]);
      }
    }
    return { t, index };
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  order.sort((a, b) => p.t[a] - p.t[b] || a - b);
  for (const i of order) {
    if (t.length === 0 || t[t.length - 1] !== p.t[i]) {
      t.push(p.t[i]);
      index.push(i);
    }
  }
  return { t, index };
}
