/**
 * Recorded seconds into minute documents, pure: every SECONDS_PER_DOCUMENT recorded seconds
 * make one document, numbered from 0, and the last partial one is made at the end. The state
 * is plain data, so that a viewing interrupted by a reload continues with the same numbers.
 */
import { type MinuteDocument, type RecordedSecond, SECONDS_PER_DOCUMENT } from "@/lib/recording.ts";

/** Where the batching of one viewing stands. */
export interface BatchState {
  /** The `seq` of the next document. */
  nextSeq: number;
  /** Recorded seconds not yet in a document (fewer than SECONDS_PER_DOCUMENT). */
  seconds: RecordedSecond[];
}

export const EMPTY_BATCH: BatchState = { nextSeq: 0, seconds: [] };

/** The batch after one more second, and the document it completed, if any. */
export function addSecond(
  state: BatchState,
  screeningId: string,
  second: RecordedSecond,
): { state: BatchState; document: MinuteDocument | null } {
  const seconds = [...state.seconds, second];
  if (seconds.length < SECONDS_PER_DOCUMENT) {
    return { state: { nextSeq: state.nextSeq, seconds }, document: null };
  }
  return {
    state: { nextSeq: state.nextSeq + 1, seconds: [] },
    document: { screeningId, seq: state.nextSeq, seconds },
  };
}

/** The last, partial document at the end of a viewing (null when nothing is pending). */
export function flushBatch(
  state: BatchState,
  screeningId: string,
): { state: BatchState; document: MinuteDocument | null } {
  if (state.seconds.length === 0) return { state, document: null };
  return {
    state: { nextSeq: state.nextSeq + 1, seconds: [] },
    document: { screeningId, seq: state.nextSeq, seconds: state.seconds },
  };
}
