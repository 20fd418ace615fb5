/** The uploader of the viewing being recorded or finished, and its status for the page. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { MinuteUploader } from "../../lib/browser/uploader.ts";
import type { WatchDb } from "../../lib/browser/watch_db.ts";
import type { MinuteDocument } from "../../lib/recording.ts";
import type { UploadStatus } from "../../lib/watch/upload_queue.ts";
import type { ViewingRecord } from "../../lib/watch/viewing.ts";

export function useUploads(db: WatchDb | null) {
  const [status, setStatus] = useState<UploadStatus | null>(null);
  const uploader = useRef<MinuteUploader | null>(null);

  /** Starts sending a viewing's outbox (again after a reload); one viewing at a time. */
  const start = useCallback(async (record: ViewingRecord): Promise<MinuteUploader> => {
    const current = uploader.current;
    if (current?.screeningId === record.screeningId) return current;
    current?.close();
    const next = new MinuteUploader({
      screeningId: record.screeningId,
      token: record.token,
      onStored: (seq) => db?.removeMinute(record.screeningId, seq),
      onStatus: setStatus,
    });
    uploader.current = next;
    if (db) next.add(...await db.outbox(record.screeningId));
    setStatus(next.status);
    return next;
  }, [db]);

  const add = useCallback((document: MinuteDocument) => uploader.current?.add(document), []);
  const retry = useCallback(() => uploader.current?.retryFailed(), []);
  const close = useCallback(() => {
    uploader.current?.close();
    uploader.current = null;
    setStatus(null);
  }, []);

  useEffect(() => () => uploader.current?.close(), []);
  return { status, start, add, retry, close, current: uploader };
}
