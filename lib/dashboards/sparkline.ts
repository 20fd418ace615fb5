/**
 * A small score-evolution line, as SVG path data (no chart library): the score after each
 * recorded second, thinned to at most `maxPoints` evenly spaced points, drawn in a
 * `width` × `height` box with 0–100 from bottom to top. Pure.
 */

/** What a sparkline draws. */
export interface Sparkline {
  /** The line's path data ("M x y L x y …"), or "" with no point. */
  path: string;
  /** The anchor (65) as a y coordinate, for its dotted line. */
  anchorY: number;
  /** The lowest and highest score drawn, and the last one. */
  min: number;
  max: number;
  last: number | null;
}

/** Coordinates are rounded to this many decimals: enough for a small SVG, short to send. */
const round = (value: number) => Math.round(value * 10) / 10;

/** The sparkline of `scores` (0–100 each, in order); `anchor` is the reference rating's y. */
export function sparkline(
  scores: readonly number[],
  { width, height, maxPoints = 120, anchor = 65 }: {
    width: number;
    height: number;
    maxPoints?: number;
    anchor?: number;
  },
): Sparkline {
  const y = (score: number) => round(height - (Math.min(100, Math.max(0, score)) / 100) * height);
  const n = scores.length;
  if (n === 0) return { path: "", anchorY: y(anchor), min: 0, max: 0, last: null };
  const count = Math.min(n, Math.max(2, maxPoints));
  const picked = n <= count
    ? [...scores]
    : Array.from({ length: count }, (_, i) => scores[Math.round((i * (n - 1)) / (count - 1))]);
  const step = picked.length > 1 ? width / (picked.length - 1) : 0;
  const path = picked
    .map((score, i) => `${i === 0 ? "M" : "L"}${round(i * step)} ${y(score)}`)
    .join(" ");
  return {
    path,
    anchorY: y(anchor),
    min: Math.min(...scores),
    max: Math.max(...scores),
    last: scores[n - 1],
  };
}
