/**
 * Axes of the server-rendered charts: whole-number ticks for counts (a count of viewers or
 * viewings is never 0.5) and round clock times for a film's length. Pure.
 */

const NICE = [1, 2, 5];

/**
 * Whole-number ticks from 0 for counts up to `max`: 0, step, 2·step, … with a step of 1, 2 or 5
 * times a power of ten, the last tick at or above `max`, at most `maxTicks` intervals. A max
 * of 0 (or less) gives [0, 1], so an empty chart still has a scale.
 */
export function integerTicks(max: number, maxTicks = 4): number[] {
  const top = Math.max(1, Math.ceil(Number.isFinite(max) ? max : 1));
  let step = 1;
  for (let power = 1;; power *= 10) {
    const found = NICE.map((n) => n * power).find((s) => Math.ceil(top / s) <= maxTicks);
    if (found) {
      step = found;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}

/** Round steps for a film's time axis, in seconds. */
export const TIME_STEPS = [10, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600];

/**
 * Ticks of a time axis over the whole film, [0, durationSec]: multiples of a round step (from 10
 * s to 6 h) with at most `maxTicks` ticks; the film's end is not a tick (the axis ends there).
 */
export function wholeFilmTicks(durationSec: number, maxTicks = 6): number[] {
  if (!(durationSec > 0)) return [0];
  const step = TIME_STEPS.find((s) => Math.floor(durationSec / s) + 1 <= maxTicks) ??
    TIME_STEPS[TIME_STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = 0; t < durationSec; t += step) ticks.push(t);
  return ticks;
}
