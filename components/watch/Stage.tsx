/**
 * Step 4: the countdown, then the film, full screen: the container that goes full screen holds
 * the film, its subtitles (a `<track>` of WebVTT from a blob: URL), the recording indicator,
 * the upload status and the stop button. The film plays from the viewer's disk.
 */
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";
import { clock } from "@/lib/dashboards/format.ts";
import type { UploadStatus } from "@/lib/watch/upload_queue.ts";
import { RecordingIndicator } from "./RecordingIndicator.tsx";
import { UploadStatusLine } from "./UploadStatusLine.tsx";
import { useIdle } from "./use_idle.ts";

export const COUNTDOWN_SEC = 5;

interface StageProps {
  stageRef: RefObject<HTMLDivElement>;
  videoRef: RefObject<HTMLVideoElement>;
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
  /** The poor-signal indicator's words while the picture is too poor, else null. */
  poorSignal: string | null;
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

/** Whether the film element is playing (not paused, not ended). */
function useFilmPlaying(video: RefObject<HTMLVideoElement>): boolean {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    const film = video.current;
    if (!film) return;
    const update = () => setPlaying(!film.paused && !film.ended);
    const events = ["play", "pause", "ended"] as const;
    for (const type of events) film.addEventListener(type, update);
    update();
    return () => {
      for (const type of events) film.removeEventListener(type, update);
    };
  }, []);
  return playing;
}

export function Stage(props: StageProps) {
  const { phase, uploads } = props;
  const filmPlaying = useFilmPlaying(props.videoRef);
  // The bar fades while the film plays untouched; a refused minute keeps it in view.
  const idle = useIdle(
    props.stageRef,
    phase === "playing" && filmPlaying && (uploads?.failed.length ?? 0) === 0,
  );
  const classes = ["watch-stage", props.fullscreen && "is-fullscreen", idle && "is-idle"];
  return (
    <div
      ref={props.stageRef}
      class={classes.filter(Boolean).join(" ")}
      data-phase={phase}
      data-idle={idle ? "true" : "false"}
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
      {phase === "playing" && (
        <p
          class="watch-stage__signal"
          role="status"
          data-poor-signal={props.poorSignal ? "" : null}
        >
          {props.poorSignal}
        </p>
      )}
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
