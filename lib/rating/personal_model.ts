/**
 * The personal model: learns how one viewer's verdicts (0–10) follow from their reactions,
 * from the viewings they gave a verdict. Ridge regression on the standardised reaction
 * features (`features.ts`, `ridge.ts`), judged by its leave-one-out error against the
 * baseline that always answers the viewer's mean verdict. It predicts only when it beats that
 * baseline by more than chance; otherwise the honest answer is "we cannot tell yet". Pure and
 * deterministic; fitting 1,000 viewings takes a few milliseconds, so it is fitted when read.
 */
import { FEATURES, viewingFeatures } from "./features.ts";
import { fitRidge, predictRidge, type RidgeFit } from "./ridge.ts";
import { roundTo } from "./rules.ts";
import type { ViewingSummary } from "./types.ts";
import { isVerdict, roundVerdict } from "./verdict.ts";

/** The model is fitted from this many verdicts on. */
export const MODEL_MIN_VERDICTS = 5;

/**
 * The ridge penalty, fixed rather than chosen by leave-one-out, so that the leave-one-out error
 * the viewer is shown is not flattered by the choice. In standardised units each feature's
 * diagonal in ZᵀZ is n, so the penalty weighs like 4 examples: strong shrinkage with 5–10
 * verdicts (14 features), next to none with hundreds. On synthetic viewings (verdicts a linear
 * function of three features plus noise) penalties from 2 to 16 gave errors within 0.1 point
 * of each other; 4 was the best at 8–20 verdicts.
 */
export const MODEL_LAMBDA = 4;

/**
 * The model is active when it beats the baseline by more than chance explains: over the
 * verdicts, the mean of (baseline's error − model's error), both leave-one-out, is positive
 * and at least this many standard errors (a one-sided test at 95 %). Beating "your mean
 * verdict" by a hair on five verdicts is luck, not learning. On synthetic viewings with
 * verdicts of pure noise, asking for a 10 % lower error turned the model on three times in ten
 * at five verdicts; this test turns it on about one time in ten at five to twelve verdicts and
 * one in fifty from twenty on, while a real dependence turns it on most of the time from twenty
 * verdicts on.
 */
export const ACTIVE_MIN_Z = 1.645;

/** One viewing the viewer gave a verdict. */
export interface VerdictExample {
  id: string;
  summary: ViewingSummary;
  /** 0–10 in steps of 0.5; examples with anything else are left out. */
  verdict: number;
}

/** A feature's weight: how many verdict points one standard deviation of it is worth. */
export interface FeatureWeight {
  name: string;
  label: string;
  /** Two decimals; 0 for a feature that did not vary. */
  weight: number;
}

/** What `GET /api/viewer/model` answers. */
export interface ModelReport {
  /** Verdicts the model was fitted on. */
  n: number;
  /** Every feature with its weight, in `FEATURES` order; empty below `MODEL_MIN_VERDICTS`. */
  features: FeatureWeight[];
  /** Mean absolute leave-one-out error of the model, in verdict points (two decimals). */
  looMae: number | null;
  /** The same for always answering the mean of the other verdicts. */
  baselineMae: number | null;
  /** Whether predictions are shown: fitted, and clearly better than the baseline. */
  active: boolean;
}

/** A fitted personal model: its report, and what predicting needs. */
export interface PersonalModel extends ModelReport {
  /** The ridge fit; null below `MODEL_MIN_VERDICTS`. */
  fit: RidgeFit | null;
  /** For each fitted viewing, its prediction from a fit on the others (unrounded). */
  leaveOneOut: Record<string, number>;
}

/** A predicted verdict with its typical error. */
export interface VerdictPrediction {
  /** 0–10 in steps of 0.5. */
  verdict: number;
  /** The model's leave-one-out mean absolute error, one decimal: "± 1.2". */
  plusMinus: number;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Whether the model's errors are smaller than the baseline's by more than chance: the mean
 * paired improvement is positive and at least `ACTIVE_MIN_Z` standard errors.
 */
export function clearlyBetter(baselineErrors: readonly number[], modelErrors: readonly number[]) {
  const n = baselineErrors.length;
  if (n < 2 || modelErrors.length !== n) return false;
  const gains = baselineErrors.map((e, i) => e - modelErrors[i]);
  const gain = mean(gains);
  const variance = gains.reduce((a, g) => a + (g - gain) ** 2, 0) / (n - 1);
  return gain > 0 && gain >= ACTIVE_MIN_Z * Math.sqrt(variance / n);
}

/**
 * Fits the viewer's model on their verdicts and judges it (`judgeLeaveOneOut`). Below
 * `MODEL_MIN_VERDICTS` valid examples it returns an inactive model with `n` and nothing else.
 */
export function fitPersonalModel(examples: readonly VerdictExample[]): PersonalModel {
  const valid = examples.filter((e) => isVerdict(e.verdict));
  const n = valid.length;
  if (n < MODEL_MIN_VERDICTS) {
    return {
      n,
      features: [],
      looMae: null,
      baselineMae: null,
      active: false,
      fit: null,
      leaveOneOut: {},
    };
  }
  const y = valid.map((e) => e.verdict);
  const fit = fitRidge(valid.map((e) => viewingFeatures(e.summary)), y, MODEL_LAMBDA);
  const { looMae, baselineMae, active } = judgeLeaveOneOut(y, fit.leaveOneOut);
  const leaveOneOut: Record<string, number> = {};
  valid.forEach((e, i) => leaveOneOut[e.id] = fit.leaveOneOut[i]);
  return {
    n,
    features: FEATURES.map((feature, j) => ({
      name: feature.name,
      label: feature.label,
      weight: roundTo(fit.coefficients[j], 2) || 0, // never -0
    })),
    looMae,
    baselineMae,
    active,
    fit,
    leaveOneOut,
  };
}

/**
 * Judges leave-one-out predictions of `verdicts` against the baseline. Both errors are those of
 * what the viewer would be shown, verdicts rounded to half points: the model's prediction for
 * each verdict from a fit on the others, and the baseline's, the mean of the other verdicts.
 * Errors are rounded to two decimals; `active` is `clearlyBetter` on the unrounded ones.
 */
export function judgeLeaveOneOut(
  verdicts: readonly number[],
  leaveOneOut: readonly number[],
): { looMae: number; baselineMae: number; active: boolean } {
  const n = verdicts.length;
  const sum = verdicts.reduce((a, b) => a + b, 0);
  const modelErrors = verdicts.map((v, i) => Math.abs(v - roundVerdict(leaveOneOut[i])));
  const baselineErrors = verdicts.map((v) => Math.abs(v - roundVerdict((sum - v) / (n - 1))));
  return {
    looMae: roundTo(mean(modelErrors), 2),
    baselineMae: roundTo(mean(baselineErrors), 2),
    active: clearlyBetter(baselineErrors, modelErrors),
  };
}

/** The model's public report: `{ n, features, looMae, baselineMae, active }`. */
export function modelReport(model: PersonalModel): ModelReport {
  const { n, features, looMae, baselineMae, active } = model;
  return { n, features, looMae, baselineMae, active };
}

/**
 * The verdict the model expects for a viewing, with its ± (the leave-one-out error); null when
 * the model is not active. A viewing the model was fitted on gets its leave-one-out prediction,
 * so its own verdict never predicts itself.
 */
export function predictVerdict(
  model: PersonalModel,
  viewing: { id?: string; summary: ViewingSummary },
): VerdictPrediction | null {
  if (!model.active || model.fit === null || model.looMae === null) return null;
  const own = viewing.id === undefined ? undefined : model.leaveOneOut[viewing.id];
  const raw = own ?? predictRidge(model.fit, viewingFeatures(viewing.summary));
  return { verdict: roundVerdict(raw), plusMinus: roundTo(model.looMae, 1) };
}

/** A finished viewing's `predictedVerdict`: the predicted verdict, or null when inactive. */
export function predictedVerdict(
  model: PersonalModel,
  viewing: { id?: string; summary: ViewingSummary },
): number | null {
  return predictVerdict(model, viewing)?.verdict ?? null;
}
