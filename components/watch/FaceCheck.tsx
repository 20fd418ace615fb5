/**
 * Step 3: the camera's live picture with the detected face box drawn over it and a plain state
 * ("Face found" / "Move into the frame"). Single frames flip, so the state is smoothed
 * (`lib/watch/face_hold.ts`); once a face has been held for 4 seconds the check is passed.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CameraSession } from "@/lib/browser/camera_session.ts";
import type { BackendName, TrackedFrame } from "@/lib/emotion/tracker.ts";
import {
  addFaceSample,
  FACE_HOLD_MS,
  faceHeld,
  faceInFrame,
  holdProgress,
  NO_FACE_HOLD,
} from "@/lib/watch/face_hold.ts";
import { RecordingIndicator } from "./RecordingIndicator.tsx";

interface FaceCheckProps {
  session: CameraSession;
  onHeld(): void;
  onBack(): void;
}

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

export function FaceCheck({ session, onHeld, onBack }: FaceCheckProps) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hold, setHold] = useState(NO_FACE_HOLD);
  const [now, setNow] = useState(0);
  const [analysed, setAnalysed] = useState(false);
  const held = useRef(false);

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
      if (!held.current && faceHeld(current, frame.time)) {
        held.current = true;
        onHeld();
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

  const found = faceInFrame(hold, now);
  const progress = holdProgress(hold, now);
  const secondsLeft = Math.ceil(((1 - progress) * FACE_HOLD_MS) / 1000);
  const backend = session.backend;
  return (
    <section class="card watch-card" aria-labelledby="face-title" data-step-card="face-check">
      <div class="watch-card__head">
        <h2 id="face-title">Face check</h2>
        <RecordingIndicator recording={false} />
      </div>
      <p class="muted">
        Sit as you will watch, with your face in the picture and some light on it. The film starts
        once your face has been found for {FACE_HOLD_MS / 1000} seconds.
      </p>
      <div class="face-check">
        <div class={`face-check__preview${found ? " is-found" : ""}`}>
          <video ref={video} muted playsInline autoplay aria-label="Your camera" />
          <canvas ref={canvas} class="face-check__overlay" aria-hidden="true" />
        </div>
        <div class="face-check__state">
          <p
            class={`face-state ${found ? "face-state--found" : "face-state--searching"}`}
            role="status"
            aria-live="polite"
            data-face={!analysed ? "loading" : found ? "found" : "missing"}
          >
            {!analysed ? "Starting…" : found ? "Face found" : "Move into the frame"}
          </p>
          <progress
            class="hold-meter"
            aria-label="Face held"
            max={100}
            value={Math.round(progress * 100)}
          />
          <p class="muted small">
            {found ? `Hold still… ${secondsLeft} s` : "Look at the screen, face the camera."}
          </p>
          {backend && <p class="muted small" data-backend={backend}>{BACKEND_NOTES[backend]}</p>}
          <p class="actions">
            <button type="button" class="button button--ghost button--small" onClick={onBack}>
              Stop the camera
            </button>
          </p>
        </div>
      </div>
    </section>
  );
}
