/**
 * The reaction rating beside the viewer's own verdict (0–10): the pairs, their correlation,
 * a film's mean verdict, and the layout of the rating-against-verdict scatter. Viewings carry
 * `verdict` and `predictedVerdict` once the viewer has answered (and a personal model is
 * active); without them nothing is shown. Pure.
 */
import { VERDICT_MAX, VERDICT_MIN } from "@/lib/rating/verdict.ts";

/** The verdict fields a viewing may carry. */
export interface WithVerdict {
  rating: number | null;
  verdict?: number | null;
  predictedVerdict?: number | null;
}

/** A viewing with both a reaction rating and a verdict. */
export interface VerdictPair {
  rating: number;
  verdict: number;
}

/** A film's correlation is shown from this many viewings with a verdict. */
export const MIN_CORRELATION_PAIRS = 5;

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The viewings that have both a rating and a verdict, in the order given. */
export function verdictPairs(viewings: readonly WithVerdict[]): VerdictPair[] {
  return viewings.flatMap((v) =>
    finite(v.rating) && finite(v.verdict) ? [{ rating: v.rating, verdict: v.verdict }] : []
  );
}

/**
 * Pearson's correlation of rating and verdict over `pairs`, two decimals; null with fewer than
 * two pairs or when either never varies (no line can be said to fit).
 */
export function correlation(pairs: readonly VerdictPair[]): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (const p of pairs) {
    mx += p.rating / n;
    my += p.verdict / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of pairs) {
    sxy += (p.rating - mx) * (p.verdict - my);
    sxx += (p.rating - mx) ** 2;
    syy += (p.verdict - my) ** 2;
  }
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return Math.round((sxy / Math.sqrt(sxx * syy)) * 100) / 100;
}

/** A correlation in words: "strong", "moderate", "weak", or "no clear" link. */
export function correlationWords(r: number): string {
  const a = Math.abs(r);
  const strength = a >= 0.6 ? "strong" : a >= 0.3 ? "moderate" : a >= 0.1 ? "weak" : "no clear";
  if (strength === "no clear") return "no clear link";
  return `a ${strength} ${r > 0 ? "positive" : "negative"} link`;
}

export interface VerdictSummary {
  /** Viewings with a verdict. */
  n: number;
  /** Their mean verdict (one decimal), or null without any. */
  mean: number | null;
  /** Rating–verdict correlation from `MIN_CORRELATION_PAIRS` pairs on, else null. */
  correlation: number | null;
}

/** A film's viewers' verdicts: how many, their mean, and (from five on) their correlation. */
export function verdictSummary(viewings: readonly WithVerdict[]): VerdictSummary {
  const pairs = verdictPairs(viewings);
  const verdicts = viewings.map((v) => v.verdict).filter(finite);
  const n = verdicts.length;
  return {
    n,
    mean: n > 0 ? Math.round((verdicts.reduce((a, b) => a + b, 0) / n) * 10) / 10 : null,
    correlation: pairs.length >= MIN_CORRELATION_PAIRS ? correlation(pairs) : null,
  };
}

export interface ScatterLayout {
  /** The rating axis: round tens around the ratings, always holding 65. */
  x: { lo: number; hi: number; ticks: number[] };
  /** One per pair: positions as shares of the plot, 0–1 (y up from the bottom). */
  points: { x: number; y: number; rating: number; verdict: number }[];
  /** Verdict ticks (0, 5, 10 on a 0–10 axis). */
  yTicks: number[];
}

/** Where each pair sits in the rating-against-verdict scatter. */
export function scatterLayout(pairs: readonly VerdictPair[]): ScatterLayout {
  let lo = 60;
  let hi = 70;
  for (const p of pairs) {
    lo = Math.min(lo, p.rating);
    hi = Math.max(hi, p.rating);
  }
  lo = Math.max(0, Math.floor(lo / 10) * 10);
  hi = Math.min(100, Math.ceil(hi / 10) * 10);
  const ticks: number[] = [];
  const step = hi - lo > 40 ? 20 : 10;
  for (let t = lo; t <= hi; t += step) ticks.push(t);
  const span = VERDICT_MAX - VERDICT_MIN;
  return {
    x: { lo, hi, ticks },
    points: pairs.map((p) => ({
      x: (Math.min(hi, Math.max(lo, p.rating)) - lo) / (hi - lo),
      y: (Math.min(VERDICT_MAX, Math.max(VERDICT_MIN, p.verdict)) - VERDICT_MIN) / span,
      rating: p.rating,
      verdict: p.verdict,
    })),
    yTicks: [0, 5, 10],
  };
}

/** A verdict as people write it: "7.5", "7". */
export function verdictText(verdict: number | null | undefined): string {
  return finite(verdict) ? String(Math.round(verdict * 10) / 10) : "—";
}
