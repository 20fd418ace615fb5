/**
 * This browser's watch storage (IndexedDB) and the viewings saved in it. The newest one this
 * tab can hold (`lib/browser/viewing_lock.ts`) is offered to resume; one that another tab
 * holds is named, and taken over once that tab lets go of it (finished, or closed). Every
 * viewing this tab records is held by it until it is finished or abandoned.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { holdViewing, type ViewingHold, waitToHoldViewing } from "@/lib/browser/viewing_lock.ts";
import { openWatchDb, type WatchDb } from "@/lib/browser/watch_db.ts";
import type { ViewingRecord } from "@/lib/watch/saved_viewing.ts";
import type { WatchEvent } from "@/lib/watch/watch_state.ts";

export function useSavedViewings(dispatch: (event: WatchEvent) => void) {
  const [db, setDb] = useState<WatchDb | null>(null);
  const holds = useRef(new Map<string, ViewingHold>());

  /** Holds a viewing for this tab; false when another tab holds it. */
  const hold = useCallback(async (screeningId: string): Promise<boolean> => {
    if (holds.current.has(screeningId)) return true;
    const held = await holdViewing(screeningId);
    if (held) holds.current.set(screeningId, held);
    return held !== null;
  }, []);

  /** Lets go of a viewing (finished or abandoned): another tab may take it. */
  const release = useCallback((screeningId: string) => {
    holds.current.get(screeningId)?.release();
    holds.current.delete(screeningId);
  }, []);

  useEffect(() => {
    let live = true;
    const waiting = new AbortController();
    (async () => {
      const opened = await openWatchDb();
      const saved = await opened.viewings().catch((): ViewingRecord[] => []);
      if (!live) return;
      setDb(opened);
      let elsewhere: ViewingRecord | null = null;
      for (const record of saved) {
        if (await hold(record.screeningId)) {
          if (!live) return release(record.screeningId);
          return dispatch({ type: "saved-viewings", unfinished: record, elsewhere: null });
        }
        elsewhere ??= record;
      }
      dispatch({ type: "saved-viewings", unfinished: null, elsewhere });
      if (!elsewhere) return;
      // The other tab lets go of it when it finished the viewing, or was closed.
      const taken = await waitToHoldViewing(elsewhere.screeningId, waiting.signal);
      if (!taken) return;
      holds.current.set(taken.screeningId, taken);
      const still = live ? await opened.viewing(taken.screeningId).catch(() => null) : null;
      if (!still) release(taken.screeningId);
      if (live) dispatch({ type: "saved-viewings", unfinished: still, elsewhere: null });
    })();
    return () => {
      live = false;
      waiting.abort();
      for (const id of [...holds.current.keys()]) release(id);
    };
  }, []);

  return { db, hold, release };
}
