/**
 * Step 3: the camera's live picture with the detected face box drawn over it and a plain state
 * ("Face found" / what to fix). Single frames flip, so the state is smoothed
 * (`lib/watch/face_hold.ts`). Once the face is found, the check calibrates to the viewer for
 * `CALIBRATION_SEC` ("Look at the screen as you will during the film"): the tracker's
 * `calibrate()` measures the resting face and pose, the baseline the viewing is stored with.
 * A failed calibration says what to fix and offers to try again; a good one can be redone
 * before the film starts. A resumed viewing keeps its stored baseline: its check passes once a
 * face has been held for 4 seconds, as before calibration existed.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CameraSession } from "@/lib/browser/camera_session.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import { type BackendName, CalibrationError, type TrackedFrame } from "@/lib/emotion/tracker.ts";
import {
  addFaceSample,
  FACE_HOLD_MS,
  faceHeld,
  faceInFrame,
  holdProgress,
  NO_FACE_HOLD,
} from "@/lib/watch/face_hold.ts";
import { adviceFor, frameIssues, type SignalIssue } from "@/lib/watch/signal_advice.ts";
import { RecordingIndicator } from "./RecordingIndicator.tsx";

/** How long the calibration watches the viewer at rest. */
export const CALIBRATION_SEC = 8;

interface FaceCheckProps {
  session: CameraSession;
  /** Calibrate (a new viewing) or only wait for a held face (a resumed one, calibrated before). */
  calibrate: boolean;
  /** The check is passed: with the calibration's baseline, or null when it did not calibrate. */
  onHeld(baseline: Baseline | null): void;
  onBack(): void;
}

/** Where the check stands. */
type Phase =
  | { name: "finding" }
  | { name: "calibrating"; startedAt: number }
  | { name: "calibrated"; baseline: Baseline }
  | { name: "problem"; advice: string; usable: number; frames: number };
/** Where the analysis runs; a fallback from WebAssembly is said, with what it costs. */
const BACKEND_NOTES: Record<BackendName, string> = {
  wasm: "Analysed on this device with WebAssembly.",
  webgl: "Analysed on this device with WebGL (WebAssembly is not available: a little slower).",
  cpu: "Analysed on this device in plain JavaScript (WebAssembly and WebGL are not " +
    "available): fewer frames a second are analysed.",
};

/** Draws the face box on the overlay canvas, in the video's pixels. */
function drawBox(canvas: HTMLCanvasElement, frame: TrackedFrame, found: boolean): void {
  if (canvas.width !== frame.width) canvas.width = frame.width;
  if (canvas.height !== frame.height) canvas.height = frame.height;
  const g = canvas.getContext("2d");
  if (!g) return;
  g.clearRect(0, 0, canvas.width, canvas.height);
  const box = frame.box;
  if (!box) return;
  const style = getComputedStyle(canvas);
  g.lineWidth = Math.max(2, frame.width / 160);
  g.strokeStyle = found
    ? style.getPropertyValue("--box-found").trim() || "#4cc38a"
    : style.getPropertyValue("--box-searching").trim() || "#f1a10d";
  const r = Math.min(box.width, box.height) * 0.08;
  g.beginPath();
  g.roundRect(box.x, box.y, box.width, box.height, r);
  g.stroke();
}

export function FaceCheck({ session, calibrate, onHeld, onBack }: FaceCheckProps) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hold, setHold] = useState(NO_FACE_HOLD);
  const [now, setNow] = useState(0);
  const [analysed, setAnalysed] = useState(false);
  const [issues, setIssues] = useState<SignalIssue[]>([]);
  const [phase, setPhase] = useState<Phase>({ name: "finding" });
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const held = useRef(false);
  const start = useRef<HTMLButtonElement>(null);

  /** Calibrates now; the phase says how it went. */
  const runCalibration = async () => {
    setPhase({ name: "calibrating", startedAt: performance.now() });
    try {
      const baseline = await session.tracker.calibrate({ seconds: CALIBRATION_SEC });
      if (!session.stopped) setPhase({ name: "calibrated", baseline });
    } catch (error) {
      if (session.stopped) return;
      const failed = error instanceof CalibrationError ? error : null;
      setPhase({
        name: "problem",
        advice: adviceFor(failed?.issues ?? []) ?? "We can't see your face",
        usable: failed?.usable ?? 0,
        frames: failed?.frames ?? 0,
      });
    }
  };

  useEffect(() => {
    const v = video.current;
    if (v) {
      v.srcObject = session.stream;
      v.play().catch(() => {}); // muted: allowed; the preview is only a convenience
    }
    let current = NO_FACE_HOLD;
    session.onFrame = (frame) => {
      current = addFaceSample(current, { time: frame.time, face: frame.box !== null });
      const found = faceInFrame(current, frame.time);
      if (canvas.current) drawBox(canvas.current, frame, found);
      setHold(current);
      setNow(frame.time);
      setAnalysed(true);
      setIssues(frameIssues(frame));
      if (held.current) return;
      if (calibrate) {
        // Calibration starts once the face is found (not only glimpsed).
        if (found && phaseRef.current.name === "finding") {
          held.current = true;
          runCalibration();
        }
      } else if (faceHeld(current, frame.time)) {
        held.current = true;
        onHeld(null);
      }
    };
    // A stalled camera must not look like a face: re-evaluate even when no frame comes.
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => {
      clearInterval(timer);
      session.onFrame = null;
      if (v) v.srcObject = null;
    };
  }, [session]);

  // A good calibration offers to start: the focus goes to that button.
  useEffect(() => {
    if (phase.name === "calibrated") start.current?.focus();
  }, [phase.name]);

  const again = () => {
    held.current = true;
    runCalibration();
  };

  const found = faceInFrame(hold, now);
  const advice = adviceFor(issues);
  const backend = session.backend;
  let stateText: string;
  let stateKind: "found" | "searching";
  let meter: { label: string; value: number } | null = null;
  let hint: string;
  switch (phase.name) {
    case "finding": {
      stateText = !analysed ? "Starting…" : found ? "Face found" : advice ?? "Move into the frame";
      stateKind = found ? "found" : "searching";
      if (!calibrate) {
        const progress = holdProgress(hold, now);
        meter = { label: "Face held", value: progress };
        const secondsLeft = Math.ceil(((1 - progress) * FACE_HOLD_MS) / 1000);
        hint = found ? `Hold still… ${secondsLeft} s` : "Look at the screen, face the camera.";
      } else {
        hint = "Look at the screen, face the camera.";
      }
      break;
    }
    case "calibrating": {
      const elapsed = Math.max(0, now - phase.startedAt) / 1000;
      meter = { label: "Calibration", value: Math.min(1, elapsed / CALIBRATION_SEC) };
      stateText = advice ?? "Calibrating…";
      stateKind = advice ? "searching" : "found";
      hint = "Look at the screen as you will during the film, face at rest.";
      break;
    }
    case "calibrated":
      stateText = "Calibrated";
      stateKind = "found";
      hint = "Your face at rest now reads as neutral. Start the film, or calibrate again.";
      break;
    case "problem":
      stateText = `${phase.advice}.`;
      stateKind = "searching";
      hint = "Fix that, then try again.";
      break;
  }
  return (
    <section class="card watch-card" aria-labelledby="face-title" data-step-card="face-check">
      <div class="watch-card__head">
        <h2 id="face-title">Face check</h2>
        <RecordingIndicator recording={false} />
      </div>
      <p class="muted">
        {calibrate
          ? `Sit as you will watch, with your face in the picture and some light on it. Once your face is found, a calibration of ${CALIBRATION_SEC} seconds learns how your face looks at rest, so that a resting face is not read as sad or angry. Only numbers are kept, never an image.`
          : `Sit as you will watch, with your face in the picture and some light on it. The film goes on once your face has been found for ${
            FACE_HOLD_MS / 1000
          } seconds, with the calibration made when it started.`}
      </p>
      <div class="face-check">
        <div class={`face-check__preview${found ? " is-found" : ""}`}>
          <video ref={video} muted playsInline autoplay aria-label="Your camera" />
          <canvas ref={canvas} class="face-check__overlay" aria-hidden="true" />
        </div>
        <div class="face-check__state" data-calibration={calibrate ? phase.name : "kept"}>
          <p
            class={`face-state face-state--${stateKind}`}
            role="status"
            aria-live="polite"
            data-face={!analysed ? "loading" : found ? "found" : "missing"}
          >
            {stateText}
          </p>
          {meter && (
            <progress
              class="hold-meter"
              aria-label={meter.label}
              max={100}
              value={Math.round(meter.value * 100)}
            />
          )}
          <p class="muted small">{hint}</p>
          {phase.name === "problem" && (
            <p class="notice notice--warn small" role="alert" data-calibration-problem>
              The calibration did not work: only {phase.usable} of {phase.frames}{" "}
              frames showed your face clearly enough. {phase.advice}.
            </p>
          )}
          {backend && <p class="muted small" data-backend={backend}>{BACKEND_NOTES[backend]}</p>}
          <p class="actions">
            {phase.name === "calibrated" && (
              <button
                ref={start}
                type="button"
                class="button button--small"
                onClick={() => onHeld(phase.baseline)}
              >
                Start the film
              </button>
            )}
            {(phase.name === "calibrated" || phase.name === "problem") && (
              <button type="button" class="button button--ghost button--small" onClick={again}>
                {phase.name === "problem" ? "Try again" : "Calibrate again"}
              </button>
            )}
            <button type="button" class="button button--ghost button--small" onClick={onBack}>
              Stop the camera
            </button>
          </p>
        </div>
      </div>
    </section>
  );
}
