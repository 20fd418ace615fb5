/**
 * "How much did you like it?": the viewer's own verdict, 0–10 in half points, saved with the
 * viewing's token (`PUT …/verdict`), skippable, changeable and removable. Used at the end of
 * the watch flow and on the viewing's page. A range input with its value beside it: keyboard
 * arrows move it by half points.
 */
import { useState } from "preact/hooks";
import { saveVerdict } from "@/lib/browser/api.ts";
import { VERDICT_MAX, VERDICT_MIN, VERDICT_STEP } from "@/lib/rating/verdict.ts";

export interface VerdictControlProps {
  screeningId: string;
  token: string;
  /** The verdict stored now, or null. */
  initial: number | null;
  /** Offer to skip the question (the end of the watch flow). */
  skippable?: boolean;
}

type Status =
  | { name: "asking" }
  | { name: "saving" }
  | { name: "saved"; verdict: number | null }
  | { name: "skipped" }
  | { name: "error"; message: string };

export function VerdictControl({ screeningId, token, initial, skippable }: VerdictControlProps) {
  const [value, setValue] = useState(initial ?? 5);
  const [stored, setStored] = useState(initial);
  const [status, setStatus] = useState<Status>(
    initial === null ? { name: "asking" } : { name: "saved", verdict: initial },
  );
  const id = `verdict-${screeningId}`;

  const save = async (verdict: number | null) => {
    setStatus({ name: "saving" });
    const saved = await saveVerdict(screeningId, token, verdict);
    if (!saved.ok) return setStatus({ name: "error", message: saved.message });
    setStored(verdict);
    setStatus({ name: "saved", verdict });
  };

  if (status.name === "skipped") {
    return (
      <div class="verdict" data-verdict="skipped">
        <p class="muted small">
          Skipped. You can give your verdict later on the viewing's page.{" "}
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => setStatus({ name: "asking" })}
          >
            Answer now
          </button>
        </p>
      </div>
    );
  }
  return (
    <form
      class="verdict"
      data-verdict={stored ?? ""}
      onSubmit={(event) => {
        event.preventDefault();
        save(value);
      }}
    >
      <label class="verdict__question" for={id}>How much did you like it?</label>
      <div class="verdict__scale">
        <span aria-hidden="true" class="muted small">{VERDICT_MIN}</span>
        <input
          id={id}
          type="range"
          min={VERDICT_MIN}
          max={VERDICT_MAX}
          step={VERDICT_STEP}
          value={value}
          aria-valuetext={`${value} out of 10`}
          onInput={(event) => {
            setValue(Number((event.target as HTMLInputElement).value));
            if (status.name !== "asking") setStatus({ name: "asking" });
          }}
        />
        <span aria-hidden="true" class="muted small">{VERDICT_MAX}</span>
        <output for={id} class="verdict__value">{value.toFixed(1)}</output>
      </div>
      <p class="actions">
        <button type="submit" class="button button--small" disabled={status.name === "saving"}>
          {stored === null ? "Save my verdict" : "Change my verdict"}
        </button>
        {skippable && stored === null && (
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => setStatus({ name: "skipped" })}
          >
            Skip
          </button>
        )}
        {stored !== null && (
          <button
            type="button"
            class="button button--ghost button--small"
            disabled={status.name === "saving"}
            onClick={() => save(null)}
          >
            Remove my verdict
          </button>
        )}
      </p>
      <p class="small" role="status" aria-live="polite">
        {status.name === "saving" && "Saving…"}
        {status.name === "saved" &&
          (status.verdict === null
            ? "Your verdict is removed."
            : `Your verdict: ${status.verdict.toFixed(1)} out of 10.`)}
      </p>
      {status.name === "error" && (
        <p class="notice notice--error small" role="alert">{status.message}</p>
      )}
    </form>
  );
}
