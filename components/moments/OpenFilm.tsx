/** The moments player before the film is open: what it does, and the file to open. */
import { FilePicker } from "./FilePicker.tsx";
import type { TracksStatus } from "./use_moment_tracks.ts";

export function OpenFilm(
  { filmTitle, withViewing, status, onPick, onRetry }: {
    filmTitle: string;
    /** On a viewing's page: its moments are offered besides the audience's. */
    withViewing: boolean;
    status: Exclude<TracksStatus, { kind: "ready" }>;
    onPick(file: File | undefined): void;
    onRetry(): void;
  },
) {
  return (
    <div class="moments-player moments-player--closed card">
      <p>
        Open your copy of <strong>{filmTitle}</strong> to play only the moments where{" "}
        {withViewing ? "this viewing or the audience" : "the audience"}{" "}
        showed the expressions you choose, and to export them as highlights. The file is played from
        this device and never uploaded.
      </p>
      <FilePicker onPick={onPick} busy={status.kind === "loading"} />
      {status.kind === "loading" && (
        <p class="muted small" role="status">Reading what was recorded…</p>
      )}
      {status.kind === "failed" && (
        <div class="notice notice--error" role="alert">
          <p>{status.message}</p>
          <button type="button" class="button button--ghost button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}
