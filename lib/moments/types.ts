/** The shapes of moments: per-second tracks, extraction options and segments. JSON-safe. */
import type { Expression } from "@/lib/recording.ts";

/** Whose reactions a track holds: one viewing's, or the film audience's. */
export type MomentSource = "viewing" | "audience";

/** One playback second of a track. */
export interface TrackSecond {
  /** Playback second (integer): it covers [t, t + 1) of the film. */
  t: number;
  /**
   * Confidence per label, in EXPRESSIONS order: for a viewing, the second's mean probabilities
   * (all 0 without a face); for the audience, the share of the second's viewers whose
   * predominant expression was that label.
   */
  scores: number[];
  /**
   * For a viewing, the second's predominant label (null without a face); for the audience, the
   * label most viewers showed (null when no viewer showed a face, or more viewers showed none).
   */
  label: Expression | null;
  /** Share of the second's viewers with no face in view (a viewing: 1 without a face, else 0). */
  noFace: number;
  /** For the audience: the viewers who recorded this second; for a viewing: 1. */
  viewers: number;
}

/** Per-second data for moments: seconds ascending, one per `t`, only the seconds that count. */
export interface MomentTrack {
  source: MomentSource;
  seconds: TrackSecond[];
  /**
   * For the audience: the fewest viewers a second needs to count (seconds with fewer were left
   * out). For a viewing: 1.
   */
  minViewers: number;
}

/** How segments are extracted; every field has a documented default (`DEFAULT_MOMENT_OPTIONS`). */
export interface MomentOptions {
  /** Runs of qualifying seconds separated by at most this many other seconds are merged. */
  gapToleranceSec: number;
  /** Runs shorter than this (first to last qualifying second, gaps included) are dropped. */
  minLengthSec: number;
  /** Seconds of context kept before a run (clamped to the film's start). */
  padBeforeSec: number;
  /** Seconds kept after a run (clamped to the film's end). */
  padAfterSec: number;
  /**
   * Audience only: the smallest share of a second's viewers showing an expression for the
   * second to count (besides standing out from the baseline).
   */
  audienceShare: number;
  /** The longest a moment may be, padding included (seconds). */
  maxLengthSec: number;
  /**
   * How far above its baseline share (the whole track's) an expression must be at a second to
   * stand out: at least this many points of share and at least half its baseline again.
   */
  standOut: number;
}

/** One expression's part of a mixed segment. */
export interface SegmentMix {
  expression: Expression;
  /** Share of the segment's qualifying seconds that counted for it (0–1, two decimals). */
  share: number;
}

/** A stretch of the film where the chosen expressions dominated. */
export interface Segment {
  /** Start in film seconds (inclusive), padding included. */
  start: number;
  /** End in film seconds (exclusive), padding included. */
  end: number;
  /** The chosen expression that dominated its qualifying seconds. */
  expression: Expression;
  /**
   * Mean confidence (0–1, three decimals) of `expression` over the seconds that showed it: the
   * mean probability for a viewing, the mean share of viewers for the audience.
   */
  confidence: number;
  /**
   * Present when the segment is mixed (a second chosen expression holds at least
   * `MIXED_SHARE` of its qualifying seconds): every expression it showed, largest share first.
   */
  mix?: SegmentMix[];
}
