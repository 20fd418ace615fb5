/**
 * The shapes the rating engine returns. Everything here is JSON-serialisable (plain objects,
 * arrays, strings, finite numbers, null): the store keeps a `ViewingSummary` as-is and the
 * dashboards render it, on the server and in islands.
 */
import type { Expression } from "@/lib/recording.ts";

/** Movement categories, from movement in face widths per second (see `rules.ts`). */
export type MovementCategory = "still" | "moderate" | "large";

/** One point of the "score evolution" chart: one recorded second, in recording order. */
export interface PerSecondPoint {
  /** Playback second. */
  t: number;
  /** This second's final contribution, in score points (0.01 precision). */
  contribution: number;
  /** The rating the viewing would have had if it had ended after this second (0.1 precision). */
  score: number;
}

/** A 20-second section of the film, in playback time. */
export interface Moment {
  /** First playback second of the section (inclusive). */
  start: number;
  /** End of the section in playback seconds (exclusive): at most `start + 20`. */
  end: number;
  /** Summed contribution of the section's playback seconds, in score points (0.01 precision). */
  contribution: number;
  /** The distinct subtitle lines said in the section, in playback order. */
  lines: string[];
}

/** The share of one label among the seconds with a face. */
export interface ExpressionShare {
  label: Expression;
  /** 0–1, four decimals. */
  share: number;
}

export interface Predominant {
  /** All seven labels, in `EXPRESSIONS` order; shares of the seconds with a face (sum ≈ 1). */
  shares: ExpressionShare[];
  /** The label with the largest share (the earlier label in `EXPRESSIONS` on a tie); null without a face. */
  top: Expression | null;
}

/** A run of consecutive recorded seconds with the same expression. */
export interface Streak {
  label: Expression;
  /** Its length in recorded seconds. */
  seconds: number;
  /** Playback second of its first second. */
  start: number;
}

export interface Volatility {
  /** Changes of expression between consecutive seconds with a face, per minute with a face. */
  switchesPerMinute: number;
  /** The longest streak (the earliest on a tie); null without a face. */
  longestStreak: Streak | null;
  /** Mean streak length in seconds; 0 without a face. */
  meanStreakSec: number;
}

export interface MovementSummary {
  /** Mean movement over the seconds with a face, in face widths per second. */
  mean: number;
  /** 95th percentile (nearest rank) over the seconds with a face. */
  p95: number;
  /** Largest movement of a second with a face. */
  max: number;
  /** Seconds with a face per movement category. */
  seconds: Record<MovementCategory, number>;
}

/** Where a rating probably lies: the middle 90 % of its bootstrap over minutes (`confidence.ts`). */
export interface RatingInterval {
  /** Lower bound, one decimal, never above the rating. */
  low: number;
  /** Upper bound, one decimal, never below the rating. */
  high: number;
}

/** The rating and insights of one viewing: `summarizeViewing(seconds)`. */
export interface ViewingSummary {
  /** The score out of 100, one decimal. */
  rating: number;
  /** The rating's 90 % interval, from a bootstrap over its minutes. */
  interval: RatingInterval;
  /** True when fewer than 5 minutes had a face read (`faceSec` < 300): a first impression. */
  provisional: boolean;
  /** Score of the best minute of recording (one decimal): the peak of the viewing. */
  peakScore: number;
  /** Score of the last five recorded minutes (one decimal): how the viewing ended. */
  endScore: number;
  /** Recorded seconds (a rewatched playback second counts each time it was recorded). */
  recordedSec: number;
  /** Recorded seconds with a face. */
  faceSec: number;
  /**
   * Recorded seconds the rating is the mean over: all but those in gaps of fewer than five
   * seconds without a face, which cost nothing.
   */
  countedSec: number;
  /** Seconds in runs of five or more seconds without a face (recording order). */
  distractedSec: number;
  /** Seconds in runs of five or more seconds of the same expression (sustained reactions). */
  sustainedSec: number;
  /** Movement spikes that came with happy, surprise or angry (a laugh, a jump). */
  spikes: number;
  /** One point per recorded second, in recording order. */
  perSecond: PerSecondPoint[];
  /** The 20-second section with the highest summed contribution; null when none is positive. */
  favourite: Moment | null;
  /** The next two best sections, not overlapping the favourite or each other (0–2 of them). */
  moments: Moment[];
  predominant: Predominant;
  volatility: Volatility;
  movement: MovementSummary;
}

/** A film's ratings over its finished viewings. */
export interface FilmRatingStats {
  /** Number of ratings. */
  count: number;
  /** Mean rating, one decimal; null without ratings. */
  mean: number | null;
  /** Ten 10-point bins: [0,10), [10,20), …, [90,100] (100 falls in the last bin). */
  histogram: number[];
}

/** The audience's expressions at one playback second. */
export interface AudienceExpressionSecond {
  t: number;
  viewers: number;
  /** Share of each label among the viewers with a face, in `EXPRESSIONS` order (zeros without a face). */
  shares: number[];
  /** Share of the viewers without a face at this second. */
  noFace: number;
}

/** The audience's favourite section, from the per-second aggregate. */
export interface AudienceMoment {
  start: number;
  /** Exclusive end, at most `start + 20`. */
  end: number;
  /** Sum over the section's counted seconds of the mean contribution per viewer. */
  contribution: number;
  /** The fewest viewers a second needed to count (see `audienceFavourite`). */
  minViewers: number;
}
