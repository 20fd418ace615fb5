/**
 * Between the film and the rating: the last minutes are sent, then the viewing is finished.
 * A lost connection waits and says so; a refusal is shown with a way on, never retried forever.
 */
import type { UploadStatus } from "@/lib/watch/upload_queue.ts";
import { UploadStatusLine } from "./UploadStatusLine.tsx";

interface FinishingStepProps {
  uploads: UploadStatus | null;
  /** Why finishing failed, when it did. */
  error: string | null;
  /** Why the recording ended early (the camera or the film stopped), if it did. */
  notice: string | null;
  onRetryUploads(): void;
  /** Finish with what the server stored, leaving out refused minutes. */
  onFinishAnyway(): void;
  onRetryFinish(): void;
}

export function FinishingStep(props: FinishingStepProps) {
  const { uploads, error } = props;
  const refused = (uploads?.failed.length ?? 0) > 0;
  return (
    <section class="card watch-card" aria-labelledby="finishing-title" data-step-card="finishing">
      <h2 id="finishing-title">Rating the viewing…</h2>
      {props.notice && <p class="notice notice--warn" role="alert">{props.notice}</p>}
      <p class="muted">
        The camera is off. The last recorded minutes are being sent, then the rating is computed.
      </p>
      <div class="finishing-status">
        <UploadStatusLine status={uploads} onRetry={props.onRetryUploads} />
      </div>
      {uploads?.offline && (
        <p class="muted small">
          Nothing is lost: the minutes wait in this browser and are sent when the connection
          returns. You can leave this page open, or come back to it later.
        </p>
      )}
      {refused && (
        <p class="actions">
          <button type="button" class="button button--ghost" onClick={props.onFinishAnyway}>
            Finish without the refused minutes
          </button>
        </p>
      )}
      {error && (
        <div class="notice notice--error" role="alert">
          <p>{error}</p>
          <p class="actions">
            <button type="button" class="button button--small" onClick={props.onRetryFinish}>
              Try again
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
