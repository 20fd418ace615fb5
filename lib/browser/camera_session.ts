/**
 * The camera and the expression tracker, together: started on the viewer's click, stopped
 * (every track, so the camera light goes off) when recording ends or the viewer leaves.
 * Frames are analysed in the tracker's worker and never leave the browser. Browser-only.
 */
import { EmotionTracker, type TrackedFrame, type TrackerState } from "@/lib/emotion/tracker.ts";
import type { BackendName, ClassifierName } from "@/lib/emotion/types.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import { type CameraProblem, cameraProblem, noMediaDevices, trackerProblem } from "@/lib/camera.ts";

/** The camera's stream and the tracker analysing it, started and stopped together. */
export class CameraSession {
  /** Each analysed frame, while the session runs. */
  onFrame: ((frame: TrackedFrame) => void) | null = null;
  /** The tracker's state changes ("face", "no-face", "error", …). */
  onState: ((state: TrackerState) => void) | null = null;
  /** The camera stopped by itself (unplugged, taken by another app, permission revoked). */
  onEnded: (() => void) | null = null;
  #stopped = false;

  private constructor(
    readonly stream: MediaStream,
    readonly tracker: EmotionTracker,
  ) {
    for (const track of stream.getVideoTracks()) {
      track.addEventListener("ended", () => {
        if (!this.#stopped) this.onEnded?.();
      });
    }
  }

  /**
   * Asks for the camera and loads the models; resolves with the running session, or with the
   * problem (nothing is left running then), or null when it was cancelled. `onCameraOn` gets
   * the session the moment the camera is on, before the models are ready, so that the page
   * shows the camera light and can turn the camera off while they load (`stop()`); a session
   * stopped meanwhile, or `cancelled()` after a wait, ends in null with nothing left running.
   */
  static async open(
    { classifier, baseline = null, cancelled = () => false, onCameraOn = () => {} }: {
      /** The expression classifier; the tracker's default when not given. */
      classifier?: ClassifierName;
      /** The viewer's stored baseline (a resumed viewing), or null to calibrate anew. */
      baseline?: Baseline | null;
      cancelled?: () => boolean;
      onCameraOn?: (session: CameraSession) => void;
    } = {},
  ): Promise<CameraSession | CameraProblem | null> {
    const media = typeof navigator !== "undefined" ? navigator.mediaDevices : undefined;
    if (!media?.getUserMedia) return noMediaDevices();
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({
        video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      });
    } catch (error) {
      return cameraProblem(error);
    }
    if (cancelled()) {
      stopStream(stream);
      return null;
    }
    let session: CameraSession | null = null;
    const tracker = new EmotionTracker({
      classifier,
      baseline,
      onFrame: (frame) => session?.onFrame?.(frame),
      onChange: (state) => session?.onState?.(state),
    });
    session = new CameraSession(stream, tracker);
    onCameraOn(session);
    let failure: string | null = null;
    try {
      await tracker.start(stream);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (session.stopped || cancelled()) {
      session.stop();
      return null;
    }
    // A failed load can also end start() quietly, in the "error" state.
    if (tracker.state === "error") failure ??= tracker.error ?? "unknown error";
    if (failure !== null) {
      session.stop();
      return trackerProblem(failure);
    }
    return session;
  }

  /** The tfjs backend in use, for the "runs on" note. */
  get backend(): BackendName | null {
    return this.tracker.backend;
  }

  /** Whether `stop()` was called (the camera is off). */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Stops the tracker and every track of the camera. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.onFrame = null;
    this.tracker.stop();
    stopStream(this.stream);
  }
}

/** Whether `open` gave a session (not a problem, not a cancellation). */
export function isSession(value: unknown): value is CameraSession {
  return value instanceof CameraSession;
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
