/**
 * "Delete this viewing", for the browser that recorded it: shown only when this browser holds
 * the viewing's write token. Asks first; then the server removes the viewing, every recorded
 * second and its share of the film's numbers, this browser forgets the token and any copy of
 * the viewing it kept to resume or resend it, and the page goes to the film.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { deleteViewing } from "@/lib/browser/api.ts";
import { forgetViewing } from "@/lib/browser/forget_viewing.ts";
import { getToken } from "@/lib/browser/tokens.ts";

export interface DeleteViewingProps {
  screeningId: string;
  filmSlug: string;
  filmTitle: string;
}

type Step = "hidden" | "ready" | "confirm" | "deleting" | "error";

export default function DeleteViewing({ screeningId, filmSlug, filmTitle }: DeleteViewingProps) {
  const [step, setStep] = useState<Step>("hidden");
  const [error, setError] = useState("");
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (getToken(screeningId)) setStep("ready");
  }, []);
  // The question takes the focus, on its safe answer.
  useEffect(() => {
    if (step === "confirm") keep.current?.focus();
  }, [step]);

  if (step === "hidden") return <div class="delete-viewing" hidden />;

  const remove = async () => {
    const token = getToken(screeningId);
    if (!token) {
      setError("This browser no longer holds the key to this viewing.");
      setStep("error");
      return;
    }
    setStep("deleting");
    const deleted = await deleteViewing(screeningId, token);
    if (deleted.ok || deleted.status === 404) {
      // 404: already gone (deleted from another tab); either way nothing is left.
      await forgetViewing(screeningId);
      location.assign(`/films/${encodeURIComponent(filmSlug)}`);
      return;
    }
    setError(`${deleted.message} Nothing was deleted.`);
    setStep("error");
  };

  return (
    <div class="delete-viewing">
      {step === "ready" || step === "error"
        ? (
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => setStep("confirm")}
          >
            Delete this viewing
          </button>
        )
        : (
          <div class="delete-viewing__confirm" role="group" aria-label="Confirm the deletion">
            <p>
              Delete this viewing of{" "}
              <strong>{filmTitle}</strong>? Every second recorded in it and its part in the film's
              numbers are removed for good.
            </p>
            <p class="actions">
              <button
                type="button"
                class="button button--danger button--small"
                disabled={step === "deleting"}
                onClick={remove}
              >
                {step === "deleting" ? "Deleting…" : "Delete for good"}
              </button>
              <button
                ref={keep}
                type="button"
                class="button button--ghost button--small"
                disabled={step === "deleting"}
                onClick={() => setStep("ready")}
              >
                Keep it
              </button>
            </p>
          </div>
        )}
      {step === "error" && <p class="notice notice--error small" role="alert">{error}</p>}
    </div>
  );
}
