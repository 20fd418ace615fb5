/**
 * Finishing a viewing: once every minute is stored (or refused, and the viewer chose to go on
 * without it), `POST …/finish`, retried through a lost connection; then this browser forgets
 * its copy and lets go of it.
 */
import { useRef } from "preact/hooks";
import { finishViewing, isRetryable } from "@/lib/browser/api.ts";
import type { WatchDb } from "@/lib/browser/watch_db.ts";
import { backoffMs } from "@/lib/retry.ts";
import type { ViewingRecord } from "@/lib/watch/saved_viewing.ts";
import type { WatchEvent } from "@/lib/watch/watch_state.ts";
import type { useUploads } from "./use_uploads.ts";

/** Finishing is retried this many times through a lost connection before asking the viewer. */
const FINISH_ATTEMPTS = 8;

export function useFinish(
  { db, uploads, dispatch, release }: {
    db: WatchDb | null;
    uploads: ReturnType<typeof useUploads>;
    dispatch: (event: WatchEvent) => void;
    /** Lets go of the viewing once it is finished. */
    release: (screeningId: string) => void;
  },
) {
  /** Counts runs: a run the viewer left behind (another film) stops where it is. */
  const run = useRef(0);

  /** Finishes `record`; `force` goes on without the minutes the server refused. */
  const finish = async (record: ViewingRecord, force = false) => {
    const mine = ++run.current;
    dispatch({ type: "finish-retry" });
    const uploader = await uploads.start(record);
    await uploader.drained();
    if (mine !== run.current) return;
    if (!force && uploader.status.failed.length > 0) return; // the viewer decides
    for (let attempt = 1;; attempt++) {
      const done = await finishViewing(record.screeningId, record.token);
      if (mine !== run.current) return;
      if (done.ok) {
        await db?.removeViewing(record.screeningId).catch(() => {});
        uploads.close();
        release(record.screeningId);
        const { summary, reference, prediction, verdict } = done.data;
        return dispatch({
          type: "finished",
          summary,
          details: { reference: reference ?? null, prediction: prediction ?? null, verdict },
        });
      }
      if (!isRetryable(done) || attempt >= FINISH_ATTEMPTS) {
        return dispatch({ type: "finish-failed", message: done.message });
      }
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, Math.random())));
    }
  };

  return { finish, cancel: () => run.current++ };
}
