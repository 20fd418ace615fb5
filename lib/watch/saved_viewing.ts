/**
 * A viewing in progress as this browser keeps it (in IndexedDB, so that a reload mid-film can
 * resume it), and the rules of resuming: the same file, from the second after the last one
 * recorded. Pure.
 */
import type { Baseline } from "@/lib/emotion/calibration.ts";
import type { RecordedSecond } from "@/lib/recording.ts";
import { addSecond, type BatchState, EMPTY_BATCH } from "./batcher.ts";

/** What identifies the viewer's film file without reading it. */
export interface FileIdentity {
  name: string;
  size: number;
}

/** A viewing being recorded in this browser. */
export interface ViewingRecord {
  screeningId: string;
  /** The write token (also kept in localStorage for "delete this viewing"). */
  token: string;
  film: { slug: string; title: string; year: number | null };
  /** The film's length as sent to the server. */
  durationSec: number;
  file: FileIdentity;
  /**
   * The face check's calibration, as sent with the viewing: a resumed viewing's tracker starts
   * with it. Null when not calibrated; absent in records saved before calibration existed.
   */
  baseline?: Baseline | null;
  /** The subtitles file, so that a resumed viewing has them without asking again. */
  subtitles: { name: string; bytes: Uint8Array } | null;
  /** The minute documents made so far, and the seconds not yet in one. */
  batch: BatchState;
  /** The last playback second recorded, or null. */
  lastT: number | null;
  /** Seconds recorded in all. */
  recordedSec: number;
  /** ISO 8601. */
  startedAt: string;
  updatedAt: string;
}

/** A fresh record for a viewing the server just created. */
export function newViewing(
  fields: Omit<ViewingRecord, "batch" | "lastT" | "recordedSec" | "updatedAt">,
): ViewingRecord {
  return {
    ...fields,
    batch: EMPTY_BATCH,
    lastT: null,
    recordedSec: 0,
    updatedAt: fields.startedAt,
  };
}

/** The record after one more recorded second, and the minute document it completed. */
export function recordSecond(record: ViewingRecord, second: RecordedSecond, now: string) {
  const { state, document } = addSecond(record.batch, record.screeningId, second);
  const next: ViewingRecord = {
    ...record,
    batch: state,
    lastT: second.t,
    recordedSec: record.recordedSec + 1,
    updatedAt: now,
  };
  return { record: next, document };
}

/** The playback second to continue from: the one after the last recorded, or the start. */
export function resumeAt(record: ViewingRecord): number {
  return record.lastT === null ? 0 : Math.min(record.lastT + 1, record.durationSec);
}

/** Null when `file` is the viewing's film (same name and size), else why it is not. */
export function fileMismatch(expected: FileIdentity, file: FileIdentity): string | null {
  if (file.name === expected.name && file.size === expected.size) return null;
  const what = file.name !== expected.name
    ? `"${file.name}" is not "${expected.name}"`
    : `"${file.name}" has a different size (${file.size} bytes, not ${expected.size})`;
  return `This is not the file of the viewing: ${what}. Choose the same file to continue, ` +
    "or finish the viewing as it is.";
}

/** A byte count for people: "734 MB". */
export function fileSize(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
