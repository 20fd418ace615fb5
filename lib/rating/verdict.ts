/**
 * The viewer's own verdict on a film: how much they liked it, 0 to 10 in half points. The
 * reaction rating is what the face did; the verdict is what the viewer says.
 */

export const VERDICT_MIN = 0;
export const VERDICT_MAX = 10;
export const VERDICT_STEP = 0.5;

/** Whether `value` is a verdict: a number from 0 to 10 in steps of 0.5. */
export function isVerdict(value: unknown): value is number {
  return typeof value === "number" && value >= VERDICT_MIN && value <= VERDICT_MAX &&
    Number.isInteger(value / VERDICT_STEP);
}

/** The nearest verdict to `value`: clamped to 0–10 and rounded to the nearest half point. */
export function roundVerdict(value: number): number {
  const clamped = Math.min(VERDICT_MAX, Math.max(VERDICT_MIN, Number.isFinite(value) ? value : 0));
  return Math.round(clamped / VERDICT_STEP) * VERDICT_STEP;
}
