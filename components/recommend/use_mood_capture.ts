/**
 * The camera reading of `/recommend`: after consent, the camera session reads the viewer's
 * expression for `CAPTURE_SECONDS` from the first analysed frame, then turns off. Only the
 * label leaves this hook; no picture is kept or sent. The camera is off again when the viewer
 * stops it, when the reading ends or fails, and when the page is left.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { CameraSession, isSession } from "@/lib/browser/camera_session.ts";
import { cameraProblemText, trackerProblem } from "@/lib/camera.ts";
import { CAPTURE_SECONDS, type CaptureResult, summariseCapture } from "@/lib/recommend/capture.ts";
import type { Expression } from "@/lib/recording.ts";

export type CapturePhase =
  | "idle"
  | "consent"
  | "starting"
  | "loading"
  | "reading"
  | "done"
  | "error";

export interface MoodCapture {
  phase: CapturePhase;
  /** What went wrong, in words (phase "error"). */
  message: string;
  /** Whole seconds left while reading. */
  remaining: number;
  /** What was read (phase "done"). */
  captured: Extract<CaptureResult, { ok: true }> | null;
  /** The preview element the live camera shows in. */
  preview: { current: HTMLVideoElement | null };
  /** Asks for consent. */
  ask(): void;
  /** Consent given: turns the camera on and reads. */
  start(): Promise<void>;
  /** Turns the camera off (or declines) and goes back to idle. */
  cancel(): void;
}

/** The camera reading; `onRead` gets the expression read mostly. */
export function useMoodCapture(onRead: (label: Expression) => void): MoodCapture {
  const [phase, setPhase] = useState<CapturePhase>("idle");
  const [message, setMessage] = useState("");
  const [remaining, setRemaining] = useState(CAPTURE_SECONDS);
  const [captured, setCaptured] = useState<Extract<CaptureResult, { ok: true }> | null>(null);
  const session = useRef<CameraSession | null>(null);
  /** Counts starts and stops: a camera that opens after the viewer stopped it is closed. */
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setInterval>>();
  const preview = useRef<HTMLVideoElement>(null);

  const stopCamera = () => {
    generation.current++;
    clearInterval(timer.current);
    session.current?.stop();
    session.current = null;
    if (preview.current) preview.current.srcObject = null;
  };

  useEffect(() => {
    // Leaving the page (or the bfcache keeping it) must turn the camera off, and a page
    // restored from the bfcache must not claim that it is still on.
    const onPageHide = () => {
      if (!session.current) return;
      stopCamera();
      setPhase("idle");
    };
    addEventListener("pagehide", onPageHide);
    return () => {
      removeEventListener("pagehide", onPageHide);
      stopCamera();
    };
  }, []);

  const fail = (text: string) => {
    stopCamera();
    setPhase("error");
    setMessage(text);
  };

  const finish = (labels: (Expression | null)[]) => {
    stopCamera();
    const result = summariseCapture(labels);
    if (!result.ok) return fail(result.message);
    setCaptured(result);
    setPhase("done");
    setMessage("");
    onRead(result.label);
  };

  const startCapture = async () => {
    stopCamera();
    const run = generation.current;
    setCaptured(null);
    setMessage("");
    setRemaining(CAPTURE_SECONDS);
    setPhase("starting");
    const opened = await CameraSession.open({
      cancelled: () => run !== generation.current,
      // The camera is on (its light too) while the model loads: show it, and let it be stopped.
      onCameraOn: (camera) => {
        session.current = camera;
        if (preview.current) {
          preview.current.srcObject = camera.stream;
          preview.current.play().catch(() => {});
        }
        setPhase("loading");
      },
    });
    if (opened === null || run !== generation.current) return;
    if (!isSession(opened)) return fail(`${cameraProblemText(opened)} Or pick a mood yourself.`);
    const labels: (Expression | null)[] = [];
    let started = 0;
    opened.onState = (state) => {
      if (state === "error") {
        fail(cameraProblemText(trackerProblem(opened.tracker.error ?? "unknown error")));
      }
    };
    opened.onFrame = (frame) => {
      labels.push(frame.label);
      if (started > 0) return;
      // The five seconds count from the first analysed frame, not from the model's loading.
      started = performance.now();
      setPhase("reading");
      timer.current = setInterval(() => {
        const left = CAPTURE_SECONDS - (performance.now() - started) / 1000;
        if (left <= 0) finish(labels);
        else setRemaining(Math.ceil(left));
      }, 200);
    };
  };

  return {
    phase,
    message,
    remaining,
    captured,
    preview,
    ask: () => setPhase("consent"),
    start: startCapture,
    cancel: () => {
      stopCamera();
      setPhase("idle");
    },
  };
}
