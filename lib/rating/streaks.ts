/**
 * Streaks (runs of consecutive recorded seconds with the same expression, broken by a change
 * of label or by a second without a face) and volatility, in recording order.
 */
import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { roundTo } from "./rules.ts";
import { NO_FACE, prepare, type Prepared } from "./prepare.ts";
import type { Streak, Volatility } from "./types.ts";

/** Every streak of a prepared viewing, in recording order. */
export function streaksOfPrepared(p: Prepared): Streak[] {
  const streaks: Streak[] = [];
  let i = 0;
  while (i < p.n) {
    const l = p.label[i];
    let j = i + 1;
    while (j < p.n && p.label[j] === l) j++;
    if (l !== NO_FACE) streaks.push({ label: EXPRESSIONS[l], seconds: j - i, start: p.t[i] });
    i = j;
  }
  return streaks;
}

/** Every streak of a viewing, in recording order. */
export function streaksOf(seconds: readonly RecordedSecond[]): Streak[] {
  return streaksOfPrepared(prepare(seconds));
}

/**
 * Volatility of a prepared viewing: changes of label between consecutive seconds with a face
 * (a gap without a face in between does not hide a change) per minute with a face, the
 * longest streak (the earliest on a tie) and the mean streak length.
 */
export function volatilityOfPrepared(p: Prepared): Volatility {
  let switches = 0;
  let previous = NO_FACE;
  let streakCount = 0;
  let longest: Streak | null = null;
  let i = 0;
  while (i < p.n) {
    const l = p.label[i];
    let j = i + 1;
    while (j < p.n && p.label[j] === l) j++;
    if (l !== NO_FACE) {
      if (previous !== NO_FACE && previous !== l) switches++;
      previous = l;
      streakCount++;
      if (longest === null || j - i > longest.seconds) {
        longest = { label: EXPRESSIONS[l], seconds: j - i, start: p.t[i] };
      }
    }
    i = j;
  }
  return {
    switchesPerMinute: p.faceSec > 0 ? roundTo(switches / (p.faceSec / 60), 2) : 0,
    longestStreak: longest,
    meanStreakSec: streakCount > 0 ? roundTo(p.faceSec / streakCount, 2) : 0,
  };
}

/** Volatility of a viewing: see `volatilityOfPrepared`. */
export function volatilityOf(seconds: readonly RecordedSecond[]): Volatility {
  return volatilityOfPrepared(prepare(seconds));
}
