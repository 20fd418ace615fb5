/** This browser's watch storage (IndexedDB), and the viewing a reload interrupted, if any. */
import { useEffect, useState } from "preact/hooks";
import { openWatchDb, type WatchDb } from "@/lib/browser/watch_db.ts";
import type { ViewingRecord } from "@/lib/watch/saved_viewing.ts";

export function useWatchDb() {
  const [db, setDb] = useState<WatchDb | null>(null);
  const [unfinished, setUnfinished] = useState<ViewingRecord | null>(null);
  useEffect(() => {
    let live = true;
    openWatchDb().then(async (opened) => {
      const latest = await opened.latestViewing().catch(() => null);
      if (!live) return;
      setDb(opened);
      setUnfinished(latest);
    });
    return () => {
      live = false;
    };
  }, []);
  return { db, unfinished, setUnfinished };
}
