/**
 * What a catalog import started from the app (download, check, import) tells the page: one
 * status object, made from the downloader's and importer's progress events and from the error
 * that stopped it, with words for the viewer. Pure; `import_job.ts` runs the import.
 */
import type { DownloadProgressEvent } from "./downloader.ts";
import { type ImdbFileName, imdbFileName } from "./imdb.ts";
import type { ImportProgressEvent } from "./importer.ts";
import { downloadFigures, progressFigures } from "./progress.ts";

export type ImportJobState = "idle" | "running" | "done" | "failed";
export type ImportPhase = "download" | "verify" | "import";

/** `GET /api/catalog/import`'s status. */
export interface ImportJobStatus {
  state: ImportJobState;
  /** What a running import is doing. */
  phase: ImportPhase | null;
  file: ImdbFileName | null;
  /** 1-based position of the file in its phase, and the number of files. */
  index: number;
  count: number;
  /** 0–1 of the current file, or null when its size is unknown. */
  fraction: number | null;
  /** Seconds left for the current file, or null until it can be told. */
  etaSeconds: number | null;
  /** One sentence for the viewer: what is being done, or what came of it. */
  message: string;
  /** Why it stopped, and what to do; `offline` when the server could not be reached. */
  error: { message: string; advice: string; offline: boolean } | null;
  /** Films in the catalog once done. */
  films: number | null;
}

/** Nothing started since the server started. */
export function idleStatus(): ImportJobStatus {
  return {
    state: "idle",
    phase: null,
    file: null,
    index: 0,
    count: 0,
    fraction: null,
    etaSeconds: null,
    message: "",
    error: null,
    films: null,
  };
}

/** Just started: about to ask the server for the first file. */
export function startingStatus(): ImportJobStatus {
  return {
    ...idleStatus(),
    state: "running",
    phase: "download",
    message: "Starting the download…",
  };
}

const VERB: Record<ImportPhase, string> = {
  download: "Downloading",
  verify: "Checking",
  import: "Importing",
};

function sentence(phase: ImportPhase, file: ImdbFileName, index: number, count: number): string {
  return `${VERB[phase]} ${imdbFileName(file)} (file ${index} of ${count})`;
}

/** The status while a file is downloaded or checked. */
export function downloadStatus(event: DownloadProgressEvent): ImportJobStatus {
  const { fraction, etaSeconds } = downloadFigures(event);
  return {
    ...idleStatus(),
    state: "running",
    phase: event.phase,
    file: event.file,
    index: event.index,
    count: event.count,
    fraction,
    etaSeconds,
    message: sentence(event.phase, event.file, event.index, event.count),
  };
}

/** The status while a file is imported. */
export function importStatus(event: ImportProgressEvent): ImportJobStatus {
  const { fraction, etaSeconds } = progressFigures(event);
  return {
    ...idleStatus(),
    state: "running",
    phase: "import",
    file: event.file,
    index: event.index,
    count: event.count,
    fraction,
    etaSeconds,
    message: sentence("import", event.file, event.index, event.count),
  };
}

/** The status once every file is imported. */
export function doneStatus(films: number): ImportJobStatus {
  const count = new Intl.NumberFormat("en").format(films);
  return {
    ...idleStatus(),
    state: "done",
    fraction: 1,
    films,
    message: `The catalog is ready: ${count} film${films === 1 ? "" : "s"}.`,
  };
}

/** The command that does the same from a terminal, for the advice. */
export const IMPORT_COMMAND = "deno task import:imdb --download";

/** The status after an error; `offline` when the datasets server could not be reached. */
export function failedStatus(
  message: string,
  offline: boolean,
  at: ImportJobStatus,
): ImportJobStatus {
  const advice = offline
    ? "Check that this computer is online, then try again: what was downloaded is kept, and the " +
      "download continues where it stopped. Without internet here, download the five files on " +
      "another computer and import them with `deno task import:imdb <folder>`."
    : `Try again; if it fails again, run \`${IMPORT_COMMAND}\` in a terminal to see each step.`;
  return {
    ...at,
    state: "failed",
    etaSeconds: null,
    message: `The import stopped: ${message}`,
    error: { message, advice, offline },
  };
}
