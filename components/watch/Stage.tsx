/**
 * Step 4: the countdown, then the film, full screen: the container that goes full screen holds
 * the film, its subtitles (a `<track>` of WebVTT from a blob: URL), the recording indicator,
 * the upload status and the stop button. The film plays from the viewer's disk.
 */
import type { Ref } from "preact";
import { useEffect, useState } from "preact/hooks";
import { clock } from "@/lib/dashboards/format.ts";
import type { UploadStatus } from "@/lib/watch/upload_queue.ts";
import { RecordingIndicator } from "./RecordingIndicator.tsx";
import { UploadStatusLine } from "./UploadStatusLine.tsx";

export const COUNTDOWN_SEC = 5;

interface StageProps {
  stageRef: Ref<HTMLDivElement>;
  videoRef: Ref<HTMLVideoElement>;
  title: string;
  filmUrl: string;
  vttUrl: string | null;
  phase: "countdown" | "playing";
  /** Why the viewing could not be created, during the countdown. */
  countdownError: string | null;
  uploads: UploadStatus | null;
  recordedSec: number;
  /** The stage is in the browser's full screen (else it fills the window). */
  fullscreen: boolean;
  onCountdownDone(): void;
  onRetry(): void;
  onBack(): void;
  onStop(): void;
  onFullscreen(): void;
  onRetryUploads(): void;
}

function Countdown({ onDone }: { onDone(): void }) {
  const [left, setLeft] = useState(COUNTDOWN_SEC);
  useEffect(() => {
    const started = performance.now();
    const timer = setInterval(() => {
      const remaining = COUNTDOWN_SEC - Math.floor((performance.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        onDone();
      }
    }, 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <div class="countdown" role="timer" aria-live="assertive" data-countdown={left}>
      <span class="countdown__n">{left > 0 ? left : "…"}</span>
      <span class="countdown__label">The film starts in full screen</span>
    </div>
  );
}

export function Stage(props: StageProps) {
  const { phase, uploads } = props;
  return (
    <div
      ref={props.stageRef}
      class={`watch-stage${props.fullscreen ? " is-fullscreen" : ""}`}
      data-phase={phase}
    >
      <video
        ref={props.videoRef}
        class="watch-stage__film"
        src={props.filmUrl}
        preload="auto"
        playsInline
        controls={phase === "playing"}
        aria-label={props.title}
      >
        {props.vttUrl && (
          <track kind="subtitles" src={props.vttUrl} srclang="und" label="Subtitles" default />
        )}
      </video>
      <div class="watch-stage__bar">
        <RecordingIndicator recording={phase === "playing"} />
        <span class="watch-stage__title">{props.title}</span>
        {phase === "playing" && (
          <span class="watch-stage__count" data-recorded={props.recordedSec}>
            {clock(props.recordedSec)} recorded
          </span>
        )}
        <UploadStatusLine status={uploads} onRetry={props.onRetryUploads} />
        <span class="watch-stage__tools">
          {!props.fullscreen && phase === "playing" && (
            <button
              type="button"
              class="button button--ghost button--small"
              onClick={props.onFullscreen}
            >
              Full screen
            </button>
          )}
          {phase === "playing"
            ? (
              <button
                type="button"
                class="button button--danger button--small"
                onClick={props.onStop}
              >
                Stop
              </button>
            )
            : (
              <button
                type="button"
                class="button button--ghost button--small"
                onClick={props.onBack}
              >
                Cancel
              </button>
            )}
        </span>
      </div>
      {phase === "countdown" && (
        <div class="watch-stage__overlay">
          {props.countdownError
            ? (
              <div class="watch-stage__error notice notice--error" role="alert">
                <p>{props.countdownError}</p>
                <p class="actions">
                  <button type="button" class="button button--small" onClick={props.onRetry}>
                    Try again
                  </button>
                  <button
                    type="button"
                    class="button button--ghost button--small"
                    onClick={props.onBack}
                  >
                    Back
                  </button>
                </p>
              </div>
            )
            : <Countdown onDone={props.onCountdownDone} />}
        </div>
      )}
    </div>
  );
}
