/**
 * Whether a SQLite file can be used, said in plain words: which file, what is wrong and what to
 * do. A directory that cannot be written, a file that is not a database (damaged header, cut
 * short), and damage inside found by SQLite's own check (`PRAGMA quick_check`, run in a worker
 * so that it is bounded in time). I/O.
 */

import { HttpError } from "@/lib/framework/errors.ts";

/**
 * A database file Reelfeel cannot use as it is; the message says which, what and what to do.
 * A request that meets it is answered 503 (the service cannot store anything until it is fixed).
 */
export class DatabaseFileError extends HttpError {
  constructor(
    /** The file (or directory) concerned. */
    readonly path: string,
    /** What is wrong, in plain words. */
    readonly problem: string,
    /** What the person running Reelfeel can do about it. */
    readonly remedy: string,
  ) {
    super(503, `${problem}\nWhat to do: ${remedy}`);
    this.name = "DatabaseFileError";
  }
}

const directoryOf = (path: string) =>
  path.includes("/") ? path.replace(/\/[^/]*$/, "") || "/" : ".";
const fileNameOf = (path: string) => path.replace(/^.*\//, "");

/** A directory (or file in it) this process may not write. */
export function unwritable(path: string, cause: string): DatabaseFileError {
  const dir = directoryOf(path);
  return new DatabaseFileError(
    path,
    `Reelfeel cannot write its database ${path} (${cause}). It writes the file and, beside it ` +
      `in ${dir}, its journal (${fileNameOf(path)}-wal and -shm).`,
    `make ${dir} and the files in it writable by the user that runs Reelfeel, or set DATA_DIR ` +
      "to a directory that is.",
  );
}

/** A file SQLite cannot read as a database at all. */
export function notADatabase(path: string): DatabaseFileError {
  return new DatabaseFileError(
    path,
    `${path} is not a database SQLite can read ("file is not a database"): its first bytes are ` +
      "damaged, the file was cut short, or it is another kind of file. Reelfeel has not changed it.",
    "keep the file. Restore it from a backup; or move it elsewhere and start again, and " +
      "Reelfeel creates an empty library; or set DATA_DIR to the directory that holds your " +
      "database.",
  );
}

/** A database SQLite found damaged inside; `findings` are SQLite's own words. */
export function damagedDatabase(path: string, findings: readonly string[]): DatabaseFileError {
  const shown = findings.slice(0, 3).map((finding) => `"${finding}"`).join("; ");
  const more = findings.length > 3 ? `, and ${findings.length - 3} more` : "";
  return new DatabaseFileError(
    path,
    `${path} is damaged: SQLite found ${shown}${more}. Reelfeel will not write to it, so that ` +
      "nothing more is lost.",
    `stop Reelfeel and copy ${fileNameOf(path)} (and ${fileNameOf(path)}-wal, if there is ` +
      "one) somewhere safe. Then restore it from a backup, or recover what is still readable " +
      `with the SQLite command-line tool: sqlite3 ${path} .recover | sqlite3 recovered.sqlite, ` +
      `and put recovered.sqlite in the place of ${fileNameOf(path)}.`,
  );
}

/** Whether an error from `node:sqlite` says that the file is damaged or not a database. */
export function isDamage(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /database disk image is malformed|file is not a database|malformed database schema/i
    .test(message);
}

/**
 * The error to show for a failure opening or migrating the database at `path`: in plain words
 * when it is one of the known cases, else the error itself.
 */
export function explainOpenFailure(path: string, error: unknown): unknown {
  if (error instanceof DatabaseFileError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/file is not a database/i.test(message)) return notADatabase(path);
  if (isDamage(error)) return damagedDatabase(path, [message]);
  if (error instanceof Deno.errors.PermissionDenied || /readonly|read-only/i.test(message)) {
    return unwritable(path, message);
  }
  if (/unable to open database file/i.test(message)) {
    return new DatabaseFileError(
      path,
      `Reelfeel cannot open its database ${path} (${message}).`,
      `check that ${directoryOf(path)} exists, is a directory and is writable by the user ` +
        "that runs Reelfeel, or set DATA_DIR to one that is.",
    );
  }
  return error;
}

/**
 * Throws `unwritable` unless this process can create a file in the database's directory and,
 * if the database exists, open it for writing (as SQLite will need to).
 */
export function assertWritable(path: string): void {
  const probe = `${directoryOf(path)}/.reelfeel-write-check-${Deno.pid}`;
  try {
    Deno.openSync(probe, { write: true, create: true }).close();
    Deno.removeSync(probe);
  } catch (error) {
    throw unwritable(path, error instanceof Error ? error.message : String(error));
  }
  try {
    Deno.openSync(path, { write: true }).close();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw unwritable(path, error instanceof Error ? error.message : String(error));
  }
}

/** What SQLite's check said: nothing wrong, damage, no answer in time, or no check possible. */
export type IntegrityCheck =
  | { status: "ok" }
  | { status: "damaged"; findings: string[] }
  | {
    status: "unfinished";
    /** The answer when the check ends after all (damage is then known late). */
    later: Promise<IntegrityCheck>;
    /** Stops the check (when the database closes first). */
    cancel(): void;
  }
  | { status: "unchecked"; reason: string };

/** How long the check at start may take before the server starts without its answer. */
export const INTEGRITY_CHECK_MS = 5_000;
/** At most this many problems are listed (SQLite stops looking after them). */
const MAX_FINDINGS = 20;

interface WorkerAnswer {
  ready?: true;
  findings?: string[];
  error?: string;
}

/**
 * Runs `PRAGMA quick_check` on the file at `path` in a worker, on a read-only connection of its
 * own (O(file size): about 2 GB/s from the page cache here). Answers within `timeoutMs` of the
 * worker being ready: when the check takes longer, `unfinished`, and its answer comes later.
 */
export function checkIntegrity(
  path: string,
  { timeoutMs = INTEGRITY_CHECK_MS } = {},
): Promise<IntegrityCheck> {
  const worker = new Worker(new URL("./check_worker.ts", import.meta.url), { type: "module" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<IntegrityCheck>((resolve) => {
    const answer = new Promise<IntegrityCheck>((settle) => {
      const end = (check: IntegrityCheck) => {
        clearTimeout(timer);
        worker.terminate();
        settle(check);
      };
      worker.onmessage = ({ data }: MessageEvent<WorkerAnswer>) => {
        if (data.ready) {
          const goOn = () => {
            const cancel = () =>
              end({ status: "unchecked", reason: "the database was closed first" });
            resolve({ status: "unfinished", later: answer, cancel });
          };
          worker.postMessage({ path, limit: MAX_FINDINGS });
          // No time allowed: the start goes on now, whatever the worker answers (a timer of 0 ms
          // could still lose the race to a fast answer on a busy machine).
          if (timeoutMs <= 0) goOn();
          // The time allowed is the check's own, not the worker's start (a first start compiles).
          else timer = setTimeout(goOn, timeoutMs);
        } else if (data.error !== undefined) {
          end(
            isDamage(data.error)
              ? { status: "damaged", findings: [data.error] }
              : { status: "unchecked", reason: data.error },
          );
        } else if (data.findings!.length === 1 && data.findings![0] === "ok") {
          end({ status: "ok" });
        } else {
          end({ status: "damaged", findings: data.findings! });
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        end({ status: "unchecked", reason: event.message });
      };
    });
    answer.then(resolve);
  });
}
