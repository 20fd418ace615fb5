/**
 * The empty catalog's way out on `/recommend`: one button that downloads IMDb's film data and
 * imports it (`POST /api/catalog/import`), then shows the run's progress file by file (polling
 * `GET /api/catalog/import`), says plainly why it stopped (offline, a damaged file) and what
 * to do, and shows the films once the catalog is ready. Only an admin gets the button.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { catalogImportState, startCatalogImport } from "@/lib/browser/api.ts";
import { IMPORT_COMMAND, type ImportJobStatus } from "@/lib/catalog/import_status.ts";
import { clock } from "@/lib/dashboards/format.ts";

export interface CatalogImportProps {
  status: ImportJobStatus;
  mayStart: boolean;
  /** The page has a query waiting for films: load it again once they are there. */
  reloadWhenDone: boolean;
}

/** How often a running import's progress is asked for. */
const POLL_MS = 1000;

/** Text with `code` spans. */
function Words({ text }: { text: string }) {
  return <>{text.split("`").map((part, i) => i % 2 === 1 ? <code key={i}>{part}</code> : part)}</>;
}

export default function CatalogImport(props: CatalogImportProps) {
  const [hydrated, setHydrated] = useState(false);
  const [status, setStatus] = useState(props.status);
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const failure = useRef<HTMLDivElement>(null);

  const poll = async () => {
    const answer = await catalogImportState();
    if (answer.ok) {
      setProblem("");
      setStatus(answer.data.status);
      if (answer.data.status.state !== "running") return;
    } else {
      // The server may be restarting: keep asking, and say so.
      setProblem(answer.message);
    }
    timer.current = setTimeout(poll, POLL_MS);
  };

  useEffect(() => {
    setHydrated(true);
    if (props.status.state === "running") timer.current = setTimeout(poll, POLL_MS);
    return () => clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    if (status.state === "failed") failure.current?.focus();
    if (status.state === "done" && props.reloadWhenDone) location.reload();
  }, [status.state]);

  const start = async () => {
    setBusy(true);
    setProblem("");
    const answer = await startCatalogImport();
    setBusy(false);
    if (!answer.ok) return setProblem(answer.message);
    setStatus(answer.data.status);
    clearTimeout(timer.current);
    timer.current = setTimeout(poll, POLL_MS);
  };

  const running = status.state === "running";
  const percent = status.fraction === null ? null : Math.floor(status.fraction * 100);
  const title = running
    ? "Importing the film catalog"
    : status.state === "done"
    ? "The film catalog is ready"
    : "The film catalog is empty";

  return (
    <section
      class="card catalog-import"
      id="catalog"
      aria-labelledby="catalog-import-title"
      data-import={status.state}
    >
      <h2 id="catalog-import-title">{title}</h2>
      {status.state !== "done" && (
        <p>
          Films are suggested from IMDb's public film data: five files, over a gigabyte to download,
          then some minutes to import. It is free for personal, non-commercial use.
        </p>
      )}

      {running && (
        <div class="catalog-import__progress">
          <p class="catalog-import__step" id="catalog-import-step" aria-live="polite">
            {status.message}
          </p>
          <progress
            max={1}
            value={status.fraction ?? undefined}
            aria-labelledby="catalog-import-step"
          />
          <p class="small muted catalog-import__figures">
            {percent === null ? "Size not known yet" : `${percent}% of this file`}
            {status.etaSeconds !== null && ` · about ${clock(status.etaSeconds)} left`}
            {" · "}You can leave this page: the import goes on.
          </p>
        </div>
      )}

      {status.state === "failed" && status.error && (
        <div
          class="notice notice--error catalog-import__error"
          role="alert"
          tabIndex={-1}
          ref={failure}
        >
          <p>
            <strong>
              {status.error.offline
                ? "The download failed: IMDb could not be reached."
                : "The import stopped."}
            </strong>{" "}
            {status.error.message}
          </p>
          <p>
            <Words text={status.error.advice} />
          </p>
        </div>
      )}

      {status.state === "done" && (
        <p class="notice notice--ok" role="status">
          {status.message} {props.reloadWhenDone ? "Finding your films…" : "Pick a mood below."}
        </p>
      )}

      {problem && <p class="notice notice--warn" role="status">{problem}</p>}

      {!running && status.state !== "done" && (
        props.mayStart
          ? (
            <p class="actions" hidden={!hydrated}>
              <button type="button" class="button" onClick={start} disabled={busy}>
                {status.state === "failed" ? "Try again" : "Download and import the catalog"}
              </button>
            </p>
          )
          : <p class="muted">An admin of this Reelfeel can import it.</p>
      )}

      {props.mayStart && status.state !== "done" && (
        <details class="catalog-import__terminal">
          <summary>Or import it from a terminal</summary>
          <p>
            In the Reelfeel folder, run{" "}
            <code>{IMPORT_COMMAND}</code>: it shows the same progress and continues where it
            stopped. Offline? Download <code>title.basics</code>, <code>title.ratings</code>,{" "}
            <code>title.principals</code>, <code>name.basics</code> and <code>title.akas</code>{" "}
            (<code>.tsv.gz</code>) from{" "}
            <a href="https://datasets.imdbws.com/" rel="noopener noreferrer external">
              datasets.imdbws.com
            </a>{" "}
            elsewhere and run <code>deno task import:imdb &lt;folder&gt;</code>.
          </p>
        </details>
      )}
    </section>
  );
}
