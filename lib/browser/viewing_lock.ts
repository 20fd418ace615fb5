/**
 * A viewing being recorded is held by its tab (the Web Locks API, `navigator.locks`): another
 * `/watch` tab of this browser sees it held and leaves it alone (no resume, no "finish it as it
 * is"), and may take it over once the holding tab finished it or was closed. Browser-only.
 * Where the API is missing every tab may hold every viewing, as before there were locks.
 */

/** A viewing this tab holds until `release()` (or until the tab goes). */
export interface ViewingHold {
  readonly screeningId: string;
  release(): void;
}

const lockName = (screeningId: string) => `reelfeel:viewing:${screeningId}`;

function locks(): LockManager | null {
  return typeof navigator !== "undefined" && navigator.locks ? navigator.locks : null;
}

/** A hold on a viewing: the lock is kept until `release()` ends the callback's promise. */
function acquire(
  screeningId: string,
  options: LockOptions,
): Promise<ViewingHold | null> {
  const manager = locks();
  if (!manager) return Promise.resolve({ screeningId, release() {} });
  return new Promise((resolve) => {
    manager.request(lockName(screeningId), options, (lock) => {
      if (!lock) return resolve(null); // ifAvailable, and another tab holds it
      return new Promise<void>((release) => resolve({ screeningId, release }));
    }).catch(() => resolve(null)); // aborted while waiting
  });
}

/** Holds the viewing at once, or null when another tab holds it. */
export function holdViewing(screeningId: string): Promise<ViewingHold | null> {
  return acquire(screeningId, { ifAvailable: true });
}

/**
 * Waits until no other tab holds the viewing (it finished it, or was closed), then holds it;
 * null when `signal` ends the wait first.
 */
export function waitToHoldViewing(
  screeningId: string,
  signal: AbortSignal,
): Promise<ViewingHold | null> {
  return acquire(screeningId, { signal });
}
