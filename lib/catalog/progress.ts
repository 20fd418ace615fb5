/**
 * The import's progress as text: a bar for a terminal, plain lines for a log. Pure.
 */
import { clock } from "@/lib/dashboards/format.ts";
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
  const eta = event.done
    ? "done"
    : etaSeconds === null
    ? "ETA …"
    : `ETA ${clock(Math.round(etaSeconds))}`;
  if (bar !== undefined) {
    const filled = Math.round(fraction * bar);
    const cells = "█".repeat(filled) + "░".repeat(bar - filled);
    return `${step} ${event.file.padEnd(16)} ${cells} ${
      percent.padStart(4)
    }  ${bytes}  ${rate}  ${eta}`;
  }
  return `${step} ${imdbFileName(event.file)}: ${percent} (${bytes}), ${
    number.format(event.lines)
  } lines, ${rate}, ${eta}`;
}
