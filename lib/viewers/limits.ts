/**
 * The limits that keep one viewer (or one address) from hurting the others, as pure decisions:
 * given what was counted, allowed or refused with the seconds to wait (`Retry-After`). The
 * counting is done by the routes (per viewer, from the store) and by `AddressWindows` (per
 * address, in this process).
 */

/** The numbers (shared mode); the README lists them. */
export const LIMITS = {
  /** New viewings a viewer may start in any hour. */
  viewingsPerHour: 20,
  /** Viewings of one viewer recording at once. */
  recordingAtOnce: 3,
  /** Accounts made from one address in any hour. */
  signUpsPerHour: 5,
  /** Sign-in attempts (passkey or recovery code) from one address in any 10 minutes. */
  signInsPer10Min: 30,
} as const;

const HOUR_MS = 60 * 60 * 1000;

/** Allowed, or refused with why and how many seconds to wait. */
export type LimitDecision = { allowed: true } | {
  allowed: false;
  retryAfterSec: number;
  message: string;
};

/**
 * Whether a viewer may start another viewing: `recentStarts` are the start times (ms) of their
 * latest viewings, newest first (at least `viewingsPerHour` of them when there are that many),
 * `recording` how many record now.
 */
export function mayStartViewing(
  recentStarts: readonly number[],
  recording: number,
  now: number,
  limits: { viewingsPerHour: number; recordingAtOnce: number } = LIMITS,
): LimitDecision {
  if (recording >= limits.recordingAtOnce) {
    return {
      allowed: false,
      // A recording ends when its viewer finishes it or after 30 idle minutes; try in a minute.
      retryAfterSec: 60,
      message:
        `You have ${recording} viewings recording: finish one first (at most ${limits.recordingAtOnce} at once)`,
    };
  }
  const inHour = recentStarts.filter((t) => t > now - HOUR_MS);
  if (inHour.length >= limits.viewingsPerHour) {
    // A slot frees when the oldest start of the hour's last `viewingsPerHour` is an hour old.
    const oldest = inHour[limits.viewingsPerHour - 1];
    return {
      allowed: false,
      retryAfterSec: Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000)),
      message: `At most ${limits.viewingsPerHour} new viewings an hour`,
    };
  }
  return { allowed: true };
}

/**
 * Sliding windows of attempts per key (an address), in memory: `hit` counts an attempt and
 * decides. Each process counts its own (documented: on several instances the limit is per
 * instance). Keys whose window emptied are forgotten, so memory follows the active addresses.
 */
export class AddressWindows {
  readonly #hits = new Map<string, number[]>();

  constructor(readonly max: number, readonly windowMs: number, readonly what: string) {}

  /** Counts an attempt from `key` at `now` if allowed; refuses it once `max` are in the window. */
  hit(key: string, now: number): LimitDecision {
    const since = now - this.windowMs;
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > since);
    if (hits.length >= this.max) {
      this.#hits.set(key, hits);
      return {
        allowed: false,
        retryAfterSec: Math.max(1, Math.ceil((hits[0] + this.windowMs - now) / 1000)),
        message: `Too many ${this.what} from this address: try again later`,
      };
    }
    hits.push(now);
    this.#hits.set(key, hits);
    if (this.#hits.size > 10_000) this.#forgetIdle(since);
    return { allowed: true };
  }

  #forgetIdle(since: number): void {
    for (const [key, hits] of this.#hits) {
      if (hits.every((t) => t <= since)) this.#hits.delete(key);
    }
  }
}

/** The per-address counters of one app. */
export function addressLimits() {
  return {
    signUps: new AddressWindows(LIMITS.signUpsPerHour, HOUR_MS, "sign-ups"),
    signIns: new AddressWindows(LIMITS.signInsPer10Min, 10 * 60 * 1000, "sign-in attempts"),
  };
}
