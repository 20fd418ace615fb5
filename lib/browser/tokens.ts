/**
 * Write tokens of the viewings recorded in this browser, kept in localStorage under
 * `reelfeel:token:<screeningId>`. A token is the capability to write or delete its viewing; it
 * never leaves this browser except in an `Authorization` header to this site. Browser-only.
 * Storage can be unavailable (private modes, blocked storage): then nothing is remembered.
 */

/** The localStorage key of a viewing's token. */
export function tokenKey(screeningId: string): string {
  return `reelfeel:token:${screeningId}`;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // access itself can throw when storage is blocked
  }
}

/** The token of a viewing recorded in this browser, or null. */
export function getToken(screeningId: string): string | null {
  try {
    return storage()?.getItem(tokenKey(screeningId)) ?? null;
  } catch {
    return null;
  }
}

/** Remembers a viewing's token; false when the browser would not keep it. */
export function setToken(screeningId: string, token: string): boolean {
  try {
    const store = storage();
    if (!store) return false;
    store.setItem(tokenKey(screeningId), token);
    return true;
  } catch {
    return false; // quota exceeded or storage blocked
  }
}

/** Forgets a viewing's token (after the viewing was deleted). */
export function removeToken(screeningId: string): void {
  try {
    storage()?.removeItem(tokenKey(screeningId));
  } catch {
    // Nothing to forget where nothing could be kept.
  }
}
