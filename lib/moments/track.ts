/**
 * Per-second tracks for moments, from a viewing's recorded seconds or from a film's audience
 * aggregate: one entry per playback second, ascending, each with a confidence per label.
 */
import {
  type AudienceSecond,
  type Expression,
  EXPRESSIONS,
  type RecordedSecond,
  secondState,
  watchedExpression,
} from "@/lib/recording.ts";
import { minAudience } from "@/lib/rating/audience.ts";
import { roundTo } from "@/lib/rating/rules.ts";
import type { MomentTrack, TrackSecond } from "./types.ts";

function validScores(probs: unknown): number[] | null {
  if (!Array.isArray(probs) || probs.length !== EXPRESSIONS.length) return null;
  if (!probs.every((p) => typeof p === "number" && Number.isFinite(p))) return null;
  return probs.map((p: number) => Math.min(1, Math.max(0, p)));
}

/**
 * A viewing's track: each playback second's predominant label and mean probabilities. A second
 * recorded more than once (the viewer rewound) counts by its first recording, as the audience
 * aggregate does; seconds with a non-finite or negative `t` are left out.
 */
export function viewingTrack(seconds: readonly RecordedSecond[]): MomentTrack {
  const byT = new Map<number, TrackSecond>();
  for (const s of seconds) {
    if (!Number.isFinite(s.t) || s.t < 0) continue;
    const t = Math.floor(s.t);
    if (byT.has(t)) continue;
    if (secondState(s) === "unknown") continue; // as the rating: a poor picture tells nothing
    const label: Expression | null = watchedExpression(s);
    const scores = (label && validScores(s.probs)) || EXPRESSIONS.map(() => 0);
    byT.set(t, { t, label, scores, noFace: label === null ? 1 : 0, viewers: 1 });
  }
  return {
    source: "viewing",
    seconds: [...byT.values()].sort((a, b) => a.t - b.t),
    minViewers: 1,
  };
}

/**
 * The audience's track: for each second with at least `minViewers` viewers (default
 * `minAudience`, the rule of the audience's favourite section), the share of its viewers whose predominant expression was each label,
 * and the label most of them showed (null when more viewers showed no face at all).
 */
export function audienceTrack(
  aggregate: readonly AudienceSecond[],
  minViewers = minAudience(aggregate),
): MomentTrack {
  const byT = new Map<number, TrackSecond>();
  for (const s of aggregate) {
    if (!Number.isFinite(s.t) || s.t < 0 || !(s.viewers >= minViewers) || s.viewers <= 0) {
      continue;
    }
    const t = Math.floor(s.t);
    if (byT.has(t)) continue;
    const counts = EXPRESSIONS.map((_, k) => {
      const c = s.counts?.[k];
      return typeof c === "number" && Number.isFinite(c) && c > 0 ? c : 0;
    });
    const noFace = Math.max(0, s.viewers - (Number.isFinite(s.faces) ? s.faces : 0));
    let top = 0;
    for (let k = 1; k < counts.length; k++) if (counts[k] > counts[top]) top = k;
    const label = counts[top] > 0 && counts[top] >= noFace ? EXPRESSIONS[top] : null;
    byT.set(t, {
      t,
      label,
      scores: counts.map((c) => roundTo(Math.min(1, c / s.viewers), 4)),
      noFace: roundTo(Math.min(1, noFace / s.viewers), 4),
      viewers: s.viewers,
    });
  }
  return {
    source: "audience",
    seconds: [...byT.values()].sort((a, b) => a.t - b.t),
    minViewers,
  };
}
