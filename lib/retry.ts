/**
 * When to try a request again, and how long to wait first: shared by the upload queue and the
 * finishing of a viewing. Pure.
 */

export const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;

/**
 * The pause before the next attempt after `attempts` failures: 1 s, 2 s, 4 s, … up to 30 s,
 * spread by ±20% (`random` in [0, 1)) so that many browsers do not retry in step.
 */
export function backoffMs(attempts: number, random = 0.5): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

/**
 * Whether a failed request is worth trying again by itself: the server was not reached
 * (status 0), or it or something on the way was busy (408, 429, 5xx). Anything else is a
 * refusal that the same request would get again.
 */
export function retryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
