/**
 * The uploads in one line ("Offline — recording continues; 2 minutes waiting to send"), a way
 * to hurry a retry, and refusals with their reason.
 */
import type { UploadStatus } from "@/lib/watch/upload_queue.ts";

export function UploadStatusLine(
  { status, onRetry }: { status: UploadStatus | null; onRetry?: () => void },
) {
  if (!status) return null;
  return (
    <>
      {status.message && (
        <span
          class={`upload-status${status.offline ? " upload-status--offline" : ""}`}
          role="status"
          data-offline={status.offline ? "true" : "false"}
        >
          {status.message}
        </span>
      )}
      {status.retrying && status.failed.length === 0 && onRetry && (
        <button type="button" class="button button--ghost button--small" onClick={onRetry}>
          Try again
        </button>
      )}
      {status.failed.length > 0 && (
        <div class="notice notice--error small upload-failures" role="alert">
          {status.failed.map((f) => <p key={f.seq}>{f.message}</p>)}
          {onRetry && (
            <button type="button" class="button button--ghost button--small" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      )}
    </>
  );
}
