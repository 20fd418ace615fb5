/**
 * The camera part of the mood form: the button, the consent, the live preview with its "camera
 * on" status and stop button, and what was read, worded as a guess from a face.
 */
import { CAPTURE_SECONDS, EXPRESSION_CHOICES } from "@/lib/recommend/capture.ts";
import type { MoodCapture } from "./use_mood_capture.ts";

export function MoodCamera({ capture, hidden }: { capture: MoodCapture; hidden: boolean }) {
  const cameraOn = capture.phase === "starting" || capture.phase === "loading" ||
    capture.phase === "reading";
  return (
    <div class="mood-camera" hidden={hidden}>
      {capture.phase === "idle" || capture.phase === "done" || capture.phase === "error"
        ? (
          <button type="button" class="button button--ghost" onClick={capture.ask}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path
                d="M4 7h3l1.5-2h7L17 7h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1Z"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linejoin="round"
              />
              <circle
                cx="12"
                cy="12.5"
                r="3.5"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
              />
            </svg>
            {capture.phase === "idle" ? "Read my expression with the camera" : "Read it again"}
          </button>
        )
        : null}
      {capture.phase === "consent" && (
        <section class="mood-consent" aria-labelledby="mood-consent-title">
          <h3 id="mood-consent-title">Read your expression with the camera?</h3>
          <ul>
            <li>
              The camera turns on for {CAPTURE_SECONDS} seconds, and you will see when it is on.
            </li>
            <li>
              The picture is analysed by a model running in this browser. It is never uploaded or
              stored.
            </li>
            <li>
              Only the expression it reads, like “sad”, is used to choose films, and you can change
              it.
            </li>
          </ul>
          <p class="actions">
            <button type="button" class="button" onClick={capture.start}>
              Turn on the camera
            </button>
            <button
              type="button"
              class="button button--ghost"
              onClick={capture.cancel}
            >
              Not now
            </button>
          </p>
        </section>
      )}
      <div class="mood-live" hidden={!cameraOn}>
        <video
          ref={capture.preview}
          class="mood-live__video"
          muted
          playsInline
          aria-hidden="true"
        />
        <div class="mood-live__status">
          <p class="camera-on" role="status">
            <span class="camera-on__dot" aria-hidden="true"></span>
            Camera on · {capture.phase === "reading"
              ? `reading your expression, ${capture.remaining} s left`
              : capture.phase === "loading"
              ? "loading the expression model…"
              : "starting…"}
          </p>
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={capture.cancel}
          >
            Stop the camera
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {capture.phase === "done" && capture.captured && (
          <p class="notice notice--ok mood-result">
            The camera read mostly{" "}
            <strong>{EXPRESSION_CHOICES[capture.captured.label].phrase} expression</strong>{" "}
            ({Math.round(capture.captured.share * 100)}% of the frames with a face). It is a guess
            from your face, not a measure of how you feel: pick another mood above if it doesn't
            fit. The camera is off.
          </p>
        )}
        {capture.phase === "error" && (
          <p class="notice notice--error mood-error">{capture.message}</p>
        )}
      </div>
    </div>
  );
}
