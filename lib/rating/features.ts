/**
 * A viewing's reaction features, from its stored summary: what the personal model learns the
 * viewer's verdicts from. Each is a number with a name the API returns and a label the pages
 * show. A summary stored before `peakScore` and `endScore` existed uses its rating for both.
 */
import type { Expression } from "@/lib/recording.ts";
import type { ViewingSummary } from "./types.ts";

export interface FeatureDefinition {
  /** Stable identifier, as `GET /api/viewer/model` returns it. */
  name: string;
  /** What it is, in the pages' words. */
  label: string;
  of(summary: ViewingSummary): number;
}

const shareOf = (summary: ViewingSummary, label: Expression) =>
  summary.predominant.shares.find((s) => s.label === label)?.share ?? 0;

const perFaceSec = (summary: ViewingSummary, value: number) =>
  summary.faceSec > 0 ? value / summary.faceSec : 0;

const share = (label: Expression): FeatureDefinition => ({
  name: `${label}Share`,
  label: `share of ${label === "surprise" ? "surprised" : label} expressions`,
  of: (summary) => shareOf(summary, label),
});

/**
 * The features, in the order of every feature vector. Neutral's share is left out: the seven
 * shares sum to 1, so it is what the other six leave.
 */
export const FEATURES: readonly FeatureDefinition[] = [
  { name: "rating", label: "reaction rating", of: (s) => s.rating },
  share("happy"),
  share("surprise"),
  share("fear"),
  share("sad"),
  share("angry"),
  share("disgust"),
  {
    name: "sustainedShare",
    label: "share of sustained reactions",
    of: (s) => perFaceSec(s, s.sustainedSec),
  },
  {
    name: "spikesPerHour",
    label: "laughs and jumps per hour",
    of: (s) => perFaceSec(s, s.spikes * 3600),
  },
  {
    name: "distractedShare",
    label: "share of time looking away",
    of: (s) => (s.recordedSec > 0 ? s.distractedSec / s.recordedSec : 0),
  },
  { name: "peakScore", label: "score of the best minute", of: (s) => s.peakScore ?? s.rating },
  { name: "endScore", label: "score of the last five minutes", of: (s) => s.endScore ?? s.rating },
  {
    name: "favouriteStrength",
    label: "strength of the favourite 20 seconds",
    // Points per second of the best section, so a section cut short by the end compares fairly.
    of: (s) => s.favourite ? s.favourite.contribution / (s.favourite.end - s.favourite.start) : 0,
  },
  {
    name: "switchesPerMinute",
    label: "changes of expression per minute",
    of: (s) => s.volatility.switchesPerMinute,
  },
];

/** A viewing's feature vector, in `FEATURES` order. */
export function viewingFeatures(summary: ViewingSummary): number[] {
  return FEATURES.map((feature) => {
    const value = feature.of(summary);
    return Number.isFinite(value) ? value : 0;
  });
}
