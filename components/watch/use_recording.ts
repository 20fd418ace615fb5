/**
 * The film playing while it is recorded: a `RecordingSession` over the film's <video> and the
 * camera, full screen, the film started where the viewing stands; and `stop`, whatever ends it
 * (the viewer, the film's end, a broken file, a camera that stopped), which hands the final
 * record to finishing.
 */
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { CameraSession } from "@/lib/browser/camera_session.ts";
import { RecordingSession } from "@/lib/browser/recording_session.ts";
import type { MinuteUploader } from "@/lib/browser/uploader.ts";
import type { WatchDb } from "@/lib/browser/watch_db.ts";
import { filmProblem } from "@/lib/watch/problems.ts";
import { resumeAt, type ViewingRecord } from "@/lib/watch/saved_viewing.ts";
import type { WatchEvent, WatchState } from "@/lib/watch/watch_state.ts";

export interface RecordingWiring {
  state: WatchState;
  /** The state as it is now, for callbacks that outlive a render. */
  latest: RefObject<WatchState>;
  dispatch: (event: WatchEvent) => void;
  video: RefObject<HTMLVideoElement>;
  camera: RefObject<CameraSession>;
  uploader: RefObject<MinuteUploader>;
  db: WatchDb | null;
  /** The subtitle line of each playback second. */
  lines: readonly (string | null)[];
  fullscreen: { enter(): Promise<boolean>; exit(): void };
  stopCamera(): void;
  /** Finishes the viewing once recording has stopped. */
  finish(record: ViewingRecord): void;
}

export function useRecording(w: RecordingWiring) {
  const recording = useRef<RecordingSession | null>(null);
  const stopping = useRef(false);

  /** Stops recording (`why` it ended early, or null) and finishes the viewing. */
  const stop = async (why: string | null) => {
    if (stopping.current || w.latest.current?.step.name !== "playing") return;
    stopping.current = true;
    w.dispatch({ type: "stop", notice: why });
    w.video.current?.pause();
    // stop() closes the last seconds at once; storing them may take a moment, the camera not.
    const stored = recording.current?.stop();
    recording.current = null;
    w.stopCamera();
    w.fullscreen.exit();
    const record = (await stored) ?? w.latest.current?.viewing;
    if (!record) return;
    w.dispatch({ type: "stopped", record });
    w.finish(record);
  };

  // Playing: record, full screen, and stop at the end of the film or on a broken file.
  useEffect(() => {
    if (w.state.step.name !== "playing") return;
    const film = w.video.current;
    const camera = w.camera.current;
    const uploader = w.uploader.current;
    const viewing = w.state.viewing;
    if (!film || !camera || !viewing || !uploader || !w.db) return;
    stopping.current = false;
    const session = new RecordingSession({
      video: film,
      camera,
      record: viewing,
      lines: w.lines,
      db: w.db,
      uploader,
      onRecord: (record) => w.dispatch({ type: "recorded", record }),
    });
    recording.current = session;
    session.start();
    const startAt = resumeAt(viewing);
    if (startAt > 0 && Math.abs(film.currentTime - startAt) > 0.5) film.currentTime = startAt;
    w.fullscreen.enter();
    film.play().catch(() => {
      // Autoplay refused: the film's own play button starts it; nothing records until then.
    });
    const ended = () => stop(null);
    const broken = () =>
      stop(
        `${filmProblem(film.error?.code ?? null, w.state.choice?.file.name ?? "The film")} ` +
          "Recording stopped there; everything recorded until then is kept.",
      );
    film.addEventListener("ended", ended);
    film.addEventListener("error", broken);
    return () => {
      film.removeEventListener("ended", ended);
      film.removeEventListener("error", broken);
    };
  }, [w.state.step.name]);

  return { stop };
}
