/** A viewing interrupted by a reload: continue it with the same file, or finish it as it is. */
import { clock } from "@/lib/dashboards/format.ts";
import { fileSize, resumeAt, type ViewingRecord } from "@/lib/watch/saved_viewing.ts";

interface ResumeStepProps {
  record: ViewingRecord;
  onResume(): void;
  onFinish(): void;
}

export function ResumeStep({ record, onResume, onFinish }: ResumeStepProps) {
  const year = record.film.year === null ? "" : ` (${record.film.year})`;
  return (
    <section class="card watch-card" aria-labelledby="resume-title" data-step-card="resume">
      <h2 id="resume-title">Continue where you stopped?</h2>
      <p>
        You were watching <strong>{record.film.title}{year}</strong>{" "}
        and the page was closed or reloaded. {record.recordedSec} seconds were recorded, up to{" "}
        {clock(resumeAt(record))} of the film.
      </p>
      <p class="muted small">
        To continue, reopen the same file: <code class="watch-file-name">{record.file.name}</code>
        {" "}
        ({fileSize(record.file.size)}). Or finish the viewing now: it is rated on what was recorded.
      </p>
      <p class="actions">
        <button type="button" class="button" onClick={onResume}>
          Continue from {clock(resumeAt(record))}
        </button>
        <button type="button" class="button button--ghost" onClick={onFinish}>
          Finish it as it is
        </button>
      </p>
    </section>
  );
}
