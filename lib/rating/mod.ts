/**
 * The rating and insights engine: pure TypeScript, no I/O, used by the server to precompute
 * a viewing's summary and the film's audience aggregates, and by the browser for a live
 * preview; with the reference a rating is read against and the viewer's personal model. The
 * rules are in `rules.ts` and explained in `docs/rating.md`.
 */
export { analyseViewing, summarizeViewing, type ViewingAnalysis } from "./summary.ts";
export { isRated, ratedSeconds } from "./prepare.ts";
export { contributions, runningScores, scoreOf } from "./contribution.ts";
export { findMoments } from "./window.ts";
export { streaksOf, volatilityOf } from "./streaks.ts";
export { movementSummaryOf, predominantOf } from "./insights.ts";
export {
  BLOCK_SEC,
  blockSecFor,
  BOOTSTRAP_RESAMPLES,
  INTERVAL_LEVEL,
  isProvisional,
  PROVISIONAL_BELOW_SEC,
  ratingInterval,
} from "./confidence.ts";
export { type Arc, arcOf, END_SEC, PEAK_SEC } from "./arc.ts";
export {
  ANCHOR_MEANING,
  ANCHOR_RATING,
  MIN_AUDIENCE_RATINGS,
  MIN_OWN_RATINGS,
  placeAmong,
  placeInHistogram,
  type RatingPlace,
  type RatingReference,
  ratingReference,
} from "./reference.ts";
export { isVerdict, roundVerdict, VERDICT_MAX, VERDICT_MIN, VERDICT_STEP } from "./verdict.ts";
export { type FeatureDefinition, FEATURES, viewingFeatures } from "./features.ts";
export {
  ACTIVE_MIN_Z,
  type FeatureWeight,
  fitPersonalModel,
  MODEL_LAMBDA,
  MODEL_MIN_VERDICTS,
  type ModelReport,
  modelReport,
  type PersonalModel,
  predictedVerdict,
  predictVerdict,
  type VerdictExample,
  type VerdictPrediction,
} from "./personal_model.ts";
export {
  applyAudienceShare,
  audienceExpressionShares,
  audienceFavourite,
  audienceShare,
  audienceShareOf,
  filmRatingStats,
  minAudience,
  SHARE_QUANTUM,
} from "./audience.ts";
export {
  clampScore,
  DISTRACTION_CONTRIBUTION,
  DISTRACTION_MIN_SEC,
  MOMENT_COUNT,
  MOVEMENT_MAX,
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
  RatingInterval,
  Streak,
  ViewingSummary,
  Volatility,
} from "./types.ts";
