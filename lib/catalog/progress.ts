/**
 * The import's progress as text: a bar for a terminal, plain lines for a log. Pure.
 */
import { clock } from "@/lib/dashboards/format.ts";
import type { DownloadProgressEvent } from "./downloader.ts";
import { imdbFileName } from "./imdb.ts";
import type { ImportProgressEvent } from "./importer.ts";

const number = new Intl.NumberFormat("en");

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

export interface ProgressFigures {
  /** 0–1, by compressed bytes read. */
  fraction: number;
  /** Data lines read per second in this run. */
  rowsPerSecond: number;
  /** Seconds left at the current byte rate, or null until it can be told. */
  etaSeconds: number | null;
}

/** The figures a progress display shows. */
export function progressFigures(event: ImportProgressEvent): ProgressFigures {
  const fraction = event.size > 0 ? Math.min(1, event.bytesRead / event.size) : 0;
  const seconds = event.elapsedMs / 1000;
  const rowsPerSecond = seconds > 0 ? Math.max(0, event.lines - event.resumedAt) / seconds : 0;
  const bytesPerSecond = seconds > 0 ? event.bytesRead / seconds : 0;
  const etaSeconds = event.done
    ? 0
    : bytesPerSecond > 0 && seconds >= 1
    ? (event.size - event.bytesRead) / bytesPerSecond
    : null;
  return { fraction, rowsPerSecond, etaSeconds };
}

/** "done", "ETA …" while it cannot be told, else "ETA 2:30". */
function etaText(done: boolean, etaSeconds: number | null): string {
  if (done) return "done";
  return etaSeconds === null ? "ETA …" : `ETA ${clock(Math.round(etaSeconds))}`;
}

/** A terminal bar of `cells` cells, `fraction` of them filled. */
function barCells(fraction: number, cells: number): string {
  const filled = Math.round(fraction * cells);
  return "█".repeat(filled) + "░".repeat(cells - filled);
}

/** The figures of a download (or its check): fraction of the file, bytes per second, ETA. */
export function downloadFigures(event: DownloadProgressEvent): {
  fraction: number | null;
  bytesPerSecond: number;
  etaSeconds: number | null;
} {
  const fraction = event.size ? Math.min(1, event.bytes / event.size) : event.done ? 1 : null;
  const seconds = event.elapsedMs / 1000;
  // The rate of this run: bytes a resumed download already had came for free.
  const bytesPerSecond = seconds > 0 ? Math.max(0, event.bytes - event.resumedFrom) / seconds : 0;
  const etaSeconds = event.done
    ? 0
    : event.size && bytesPerSecond > 0 && seconds >= 1
    ? (event.size - event.bytes) / bytesPerSecond
    : null;
  return { fraction, bytesPerSecond, etaSeconds };
}

/** One line of a download's progress: a terminal bar of `bar` cells, or a sentence for logs. */
export function formatDownloadProgress(event: DownloadProgressEvent, bar?: number): string {
  const { fraction, bytesPerSecond, etaSeconds } = downloadFigures(event);
  const percent = fraction === null ? "?%" : `${Math.floor(fraction * 100)}%`;
  const step = `[${event.index}/${event.count}]`;
  const doing = event.phase === "verify" ? "checking" : "downloading";
  const bytes = event.size === null
    ? `${megabytes(event.bytes)} MB`
    : `${megabytes(event.bytes)}/${megabytes(event.size)} MB`;
  const rate = `${megabytes(bytesPerSecond)} MB/s`;
  const eta = etaText(event.done, etaSeconds);
  if (bar !== undefined) {
    return `${step} ${doing.padEnd(11)} ${event.file.padEnd(16)} ${barCells(fraction ?? 0, bar)} ${
      percent.padStart(4)
    }  ${bytes}  ${rate}  ${eta}`;
  }
  return `${step} ${doing} ${imdbFileName(event.file)}: ${percent} (${bytes}), ${rate}, ${eta}`;
}

/**
 * One progress line. `bar` gives a terminal bar of that many cells (redrawn in place by the
 * caller); without it, a plain sentence for logs.
 */
export function formatProgress(event: ImportProgressEvent, bar?: number): string {
  const { fraction, rowsPerSecond, etaSeconds } = progressFigures(event);
  const percent = `${Math.floor(fraction * 100)}%`;
  const step = `[${event.index}/${event.count}]`;
  const bytes = `${megabytes(event.bytesRead)}/${megabytes(event.size)} MB`;
  const rate = event.skipping
    ? `skipping to line ${number.format(event.resumedAt)}`
    : `${number.format(Math.round(rowsPerSecond))} rows/s`;
  const eta = etaText(event.done, etaSeconds);
  if (bar !== undefined) {
    return `${step} ${event.file.padEnd(16)} ${barCells(fraction, bar)} ${
      percent.padStart(4)
    }  ${bytes}  ${rate}  ${eta}`;
  }
  return `${step} ${imdbFileName(event.file)}: ${percent} (${bytes}), ${
    number.format(event.lines)
  } lines, ${rate}, ${eta}`;
}
