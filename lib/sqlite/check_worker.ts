/**
 * The worker behind `checkIntegrity`: runs `PRAGMA quick_check(limit)` on a read-only
 * connection of its own and posts SQLite's findings (`["ok"]` when there is nothing wrong).
 * It says when it is ready, so that the time allowed counts from then.
 */
import { DatabaseSync } from "node:sqlite";

self.onmessage = (event: MessageEvent<{ path: string; limit: number }>) => {
  const { path, limit } = event.data;
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const rows = db.prepare(`PRAGMA quick_check(${Math.max(1, Math.floor(limit))})`).all();
      self.postMessage({ findings: rows.map((row) => String(Object.values(row)[0])) });
    } finally {
      db.close();
    }
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};

self.postMessage({ ready: true });
