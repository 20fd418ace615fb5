/**
 * The rating and insights engine: pure TypeScript, no I/O, used by the server to precompute
 * a viewing's summary and the film's audience aggregates, and by the browser for a live
 * preview. The rules are in `rules.ts` and explained in `docs/rating.md`.
 */
export { summarizeViewing } from "./summary.ts";
export { isRated, ratedSeconds } from "./prepare.ts";
export { contributions, runningScores, scoreOf } from "./contribution.ts";
export { findMoments } from "./window.ts";
export { streaksOf, volatilityOf } from "./streaks.ts";
export { movementSummaryOf, predominantOf } from "./insights.ts";
export {
  applyAudienceShare,
  audienceExpressionShares,
  audienceFavourite,
  audienceShare,
  filmRatingStats,
  minAudience,
  SHARE_QUANTUM,
} from "./audience.ts";
export {
  clampScore,
  DISTRACTION_CONTRIBUTION,
  DISTRACTION_MIN_SEC,
  MOMENT_COUNT,
  MOVEMENT_THRESHOLDS,
  movementCategory,
  NO_FACE_SCORE,
  SPIKE_BONUS,
  SPIKE_EXPRESSIONS,
  START_SCORE,
  STATE_TABLE,
  stateContribution,
  SUSTAINED_MIN_SEC,
  SUSTAINED_WEIGHT,
  WINDOW_SEC,
} from "./rules.ts";
export type {
  AudienceExpressionSecond,
  AudienceMoment,
  ExpressionShare,
  FilmRatingStats,
  Moment,
  MovementCategory,
  MovementSummary,
  PerSecondPoint,
  Predominant,
  Streak,
  ViewingSummary,
  Volatility,
} from "./types.ts";
