/**
 * The catalog import the app runs for `POST /api/catalog/import`: downloads IMDb's files into
 * a directory (`downloader.ts`), then imports them (`importer.ts`), one run at a time per app,
 * its progress kept as a status for `GET /api/catalog/import`. Both steps resume, so a run that
 * stopped (offline, server restarted) continues where it stopped when started again.
 */
import { datasetSources, DownloadError, downloadImdb } from "./downloader.ts";
import { ImportError, importImdb } from "./importer.ts";
import {
  doneStatus,
  downloadStatus,
  failedStatus,
  idleStatus,
  type ImportJobStatus,
  importStatus,
  startingStatus,
} from "./import_status.ts";
import type { CatalogPort } from "./port.ts";

export interface CatalogImportOptions {
  catalog: CatalogPort;
  /** Where the downloaded files are kept (e.g. DATA_DIR/imdb). */
  dir: string;
  /** Where they are downloaded from (`datasetsBaseUrl`). */
  baseUrl: string;
  /** How often progress is taken (the page polls about once a second). */
  progressIntervalMs?: number;
  /** Told each status as the run reaches it (the page polls; a log or a test may listen). */
  onStatus?(status: ImportJobStatus): void;
}

/** One app's catalog import: started by an admin, observed by anyone. */
export class CatalogImportJob {
  #status: ImportJobStatus = idleStatus();
  #run: Promise<void> | null = null;
  #abort: AbortController | null = null;

  constructor(readonly options: CatalogImportOptions) {}

  /** Where the import is (a copy). */
  status(): ImportJobStatus {
    return structuredClone(this.#status);
  }

  /**
   * Starts a run unless one is under way (then that one goes on): `started` says which.
   * The run's failures end in the status, never as a rejection.
   */
  start(): { started: boolean; status: ImportJobStatus } {
    if (this.#run) return { started: false, status: this.status() };
    this.#set(startingStatus());
    const abort = new AbortController();
    this.#abort = abort;
    this.#run = this.#execute(abort.signal).finally(() => {
      this.#run = null;
      this.#abort = null;
    });
    return { started: true, status: this.status() };
  }

  /** Resolves when the run under way (if any) has ended. */
  async settled(): Promise<void> {
    await this.#run;
  }

  /** Stops a run under way at its next step (what it did is kept) and waits for it. */
  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#run;
  }

  #set(status: ImportJobStatus): void {
    this.#status = status;
    this.options.onStatus?.(structuredClone(status));
  }

  async #execute(signal: AbortSignal): Promise<void> {
    const { catalog, dir, baseUrl } = this.options;
    const progressIntervalMs = this.options.progressIntervalMs ?? 500;
    try {
      await downloadImdb({
        baseUrl,
        dir,
        signal,
        progressIntervalMs,
        onProgress: (event) => this.#set(downloadStatus(event)),
      });
      const summary = await importImdb(catalog, await datasetSources(dir), {
        signal,
        progressIntervalMs,
        onProgress: (event) => this.#set(importStatus(event)),
      });
      this.#set(doneStatus(summary.counts.titles));
    } catch (error) {
      if (!(error instanceof ImportError)) {
        console.error("catalog import:", error);
      }
      // The page gives its own advice; a terminal's is in the message.
      const message = error instanceof DownloadError
        ? error.what
        : error instanceof ImportError
        ? error.message
        : `an unexpected error (${(error as Error).message ?? error}); the server's log has more`;
      const offline = error instanceof DownloadError && error.offline;
      this.#set(failedStatus(message, offline, this.#status));
    }
  }
}
