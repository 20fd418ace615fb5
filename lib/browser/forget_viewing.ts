/**
 * Forgetting a viewing in this browser: its copy and unsent minutes (IndexedDB) and its write
 * token (localStorage). Done when the viewing is deleted, or abandoned before anything was
 * recorded. Browser-only.
 */
import { removeToken } from "./tokens.ts";
import { openWatchDb, type WatchDb } from "./watch_db.ts";

/** Forgets everything this browser kept of a viewing; `db` when the page has it open. */
export async function forgetViewing(screeningId: string, db?: WatchDb | null): Promise<void> {
  try {
    await (db ?? await openWatchDb()).removeViewing(screeningId);
  } catch {
    // Storage that cannot be opened kept nothing.
  }
  removeToken(screeningId);
}
