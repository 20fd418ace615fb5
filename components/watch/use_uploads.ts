/** The uploader of the viewing being recorded or finished, and its status for the page. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { MinuteUploader } from "@/lib/browser/uploader.ts";
import type { WatchDb } from "@/lib/browser/watch_db.ts";
import type { UploadStatus } from "@/lib/watch/upload_queue.ts";
import type { ViewingRecord } from "@/lib/watch/saved_viewing.ts";

/** `onStored` hears of every minute the server stored (the server heard from the page). */
export function useUploads(db: WatchDb | null, onStored: () => void) {
  const [status, setStatus] = useState<UploadStatus | null>(null);
  const uploader = useRef<MinuteUploader | null>(null);
  /** The viewing being sent, and its uploader once the outbox is queued in it. */
  const started = useRef<{ screeningId: string; ready: Promise<MinuteUploader> } | null>(null);
  const stored = useRef(onStored);
  stored.current = onStored;

  /**
   * Starts sending a viewing's outbox (again after a reload); one viewing at a time. Every
   * caller for the same viewing gets the same promise, which resolves only once the outbox is
   * queued: finishing must not take an empty queue for "everything is stored".
   */
  const start = useCallback((record: ViewingRecord): Promise<MinuteUploader> => {
    if (started.current?.screeningId === record.screeningId) return started.current.ready;
    uploader.current?.close();
    const next = new MinuteUploader({
      screeningId: record.screeningId,
      token: record.token,
      onStored: (seq) => {
        stored.current();
        return db?.removeMinute(record.screeningId, seq);
      },
      onStatus: setStatus,
    });
    uploader.current = next;
    const ready = (async () => {
      // An unreadable outbox has nothing to resend; the recording itself goes on.
      if (db) next.add(...await db.outbox(record.screeningId).catch(() => []));
      setStatus(next.status);
      return next;
    })();
    started.current = { screeningId: record.screeningId, ready };
    return ready;
  }, [db]);

  /** "Try again": everything due now. */
  const hurry = useCallback(() => uploader.current?.hurry(), []);
  const close = useCallback(() => {
    uploader.current?.close();
    uploader.current = null;
    started.current = null;
    setStatus(null);
  }, []);

  useEffect(() => () => uploader.current?.close(), []);
  return { status, start, hurry, close, current: uploader };
}
