/**
 * The camera session of `/watch`: started on the viewer's click, reported to the steps as it
 * goes (on, ready, failed), and off whenever the step does not allow it or the page is left.
 */
import { useCallback, useEffect, useRef } from "preact/hooks";
import { CameraSession, isSession } from "@/lib/browser/camera_session.ts";
import type { ClassifierName } from "@/lib/emotion/types.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import { cameraOn } from "@/lib/watch/steps.ts";
import type { Step, WatchEvent } from "@/lib/watch/watch_state.ts";

export const CAMERA_LOST = "The camera stopped during the film (unplugged, or taken by another " +
  "application). Recording stopped there; everything recorded until then is kept.";

export function useCamera(
  classifier: ClassifierName,
  step: Step,
  dispatch: (event: WatchEvent) => void,
  /** The camera or the model stopped by itself: why, in words for the viewer. */
  onLost: (message: string) => void,
) {
  const session = useRef<CameraSession | null>(null);
  /** Counts starts and stops: a camera that opens after the viewer left is closed at once. */
  const generation = useRef(0);
  const lost = useRef(onLost);
  lost.current = onLost;

  const stop = useCallback(() => {
    generation.current++;
    session.current?.stop();
    session.current = null;
    dispatch({ type: "camera-off" });
  }, []);

  // Whatever path led out of the camera's steps (a late callback, an error), it is off there.
  useEffect(() => {
    if (!cameraOn(step)) stop();
  }, [step.name]);

  // The camera goes off when the viewer leaves, whatever the step.
  useEffect(() => {
    addEventListener("pagehide", stop);
    return () => {
      removeEventListener("pagehide", stop);
      stop();
    };
  }, []);

  /** Starts the camera; `baseline` is a resumed viewing's stored one (null: calibrate anew). */
  const start = async (baseline: Baseline | null = null) => {
    dispatch({ type: "start-camera" });
    const run = ++generation.current;
    const opened = await CameraSession.open({
      classifier,
      baseline,
      cancelled: () => run !== generation.current,
      // Held from the moment the camera is on, so that leaving while the models load turns
      // it off at once (stop), not once they are loaded.
      onCameraOn: (camera) => {
        session.current = camera;
        dispatch({ type: "camera-on" });
      },
    });
    if (opened === null || run !== generation.current) return;
    if (!isSession(opened)) {
      session.current = null; // open() has stopped it
      return dispatch({ type: "camera-failed", problem: opened });
    }
    opened.onEnded = () => lost.current(CAMERA_LOST);
    opened.onState = (state) => {
      if (state !== "error") return;
      lost.current(
        `Expression recognition stopped (${opened.tracker.error}). Recording stopped there; ` +
          "everything recorded until then is kept.",
      );
    };
    dispatch({ type: "camera-ready" });
  };

  return { session, start, stop };
}
