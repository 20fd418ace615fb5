/**
 * The `/recommend` form: pick a mood from the seven expressions, or let the camera read the
 * viewer's expression for five seconds (the camera session of `lib/browser/camera_session.ts`,
 * in this browser); then lift the mood or stay in it, with optional language and actor filters.
 *
 * Without JavaScript this is a plain GET form and the server renders the results; the action's
 * `#results` brings them into view, and with JavaScript their heading also takes the focus, so
 * that a screen reader reads them out rather than nothing. The camera
 * needs JavaScript; it starts only after consent, shows that it is on, and stops after five
 * seconds. No picture is recorded or sent: only the chosen label goes into the form.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { CameraSession, isSession } from "@/lib/browser/camera_session.ts";
import { cameraProblemText, trackerProblem } from "@/lib/camera.ts";
import {
  CAPTURE_SECONDS,
  type CaptureResult,
  EXPRESSION_CHOICES,
  summariseCapture,
} from "@/lib/recommend/capture.ts";
import type { RecommendationType } from "@/lib/recommend/moods.ts";
import type { Expression } from "@/lib/recording.ts";

export interface MoodPickerProps {
  emotion: Expression | null;
  type: RecommendationType;
  language: string;
  actor: string;
  languages: { code: string; name: string }[];
}

type Phase = "idle" | "consent" | "starting" | "loading" | "reading" | "done" | "error";

const ORDER: Expression[] = ["happy", "sad", "angry", "fear", "surprise", "disgust", "neutral"];

const TYPES: { value: RecommendationType; title: string; hint: string }[] = [
  { value: "improve", title: "Lift my mood", hint: "Films that tend to turn it around" },
  { value: "keepup", title: "Stay in this mood", hint: "Films in tune with it" },
];

export default function MoodPicker(props: MoodPickerProps) {
  const [hydrated, setHydrated] = useState(false);
  const [emotion, setEmotion] = useState<Expression | null>(props.emotion);
  const [type, setType] = useState<RecommendationType>(props.type);
  const [language, setLanguage] = useState(props.language);
  const [actor, setActor] = useState(props.actor);
  const [phase, setPhase] = useState<Phase>("idle");
  const [message, setMessage] = useState("");
  const [remaining, setRemaining] = useState(CAPTURE_SECONDS);
  const [captured, setCaptured] = useState<Extract<CaptureResult, { ok: true }> | null>(null);
  const session = useRef<CameraSession | null>(null);
  /** Counts starts and stops: a camera that opens after the viewer stopped it is closed. */
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setInterval>>();
  const preview = useRef<HTMLVideoElement>(null);
  const submit = useRef<HTMLButtonElement>(null);

  const stopCamera = () => {
    generation.current++;
    clearInterval(timer.current);
    session.current?.stop();
    session.current = null;
    if (preview.current) preview.current.srcObject = null;
  };

  useEffect(() => {
    setHydrated(true);
    const results = location.hash === "#results" && document.getElementById("results-title");
    if (results) {
      results.focus({ preventScroll: true });
      // Showing the camera button may have pushed the results down since the browser scrolled.
      const { top, bottom } = results.getBoundingClientRect();
      if (top < 0 || bottom > innerHeight) {
        document.getElementById("results")?.scrollIntoView({ block: "start" });
      }
    }
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
    setEmotion(result.label);
    setCaptured(result);
    setPhase("done");
    setMessage("");
    setTimeout(() => submit.current?.focus(), 0);
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

  const cameraOn = phase === "starting" || phase === "loading" || phase === "reading";

  return (
    <form method="get" action="/recommend#results" class="mood-form card">
      <fieldset class="mood-choices">
        <legend>How do you feel?</legend>
        <div class="mood-choices__list">
          {ORDER.map((e) => (
            <label key={e} class={`mood-choice tint--${e}`}>
              <input
                type="radio"
                name="emotion"
                value={e}
                required
                checked={emotion === e}
                onChange={() => setEmotion(e)}
              />
              <span class="mood-choice__dot" aria-hidden="true"></span>
              <span class="mood-choice__label">{EXPRESSION_CHOICES[e].label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div class="mood-camera" hidden={!hydrated}>
        {phase === "idle" || phase === "done" || phase === "error"
          ? (
            <button type="button" class="button button--ghost" onClick={() => setPhase("consent")}>
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
              {phase === "idle" ? "Read my expression with the camera" : "Read it again"}
            </button>
          )
          : null}
        {phase === "consent" && (
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
                Only the expression it reads, like “sad”, is used to choose films, and you can
                change it.
              </li>
            </ul>
            <p class="actions">
              <button type="button" class="button" onClick={startCapture}>
                Turn on the camera
              </button>
              <button
                type="button"
                class="button button--ghost"
                onClick={() => setPhase("idle")}
              >
                Not now
              </button>
            </p>
          </section>
        )}
        <div class="mood-live" hidden={!cameraOn}>
          <video ref={preview} class="mood-live__video" muted playsInline aria-hidden="true" />
          <div class="mood-live__status">
            <p class="camera-on" role="status">
              <span class="camera-on__dot" aria-hidden="true"></span>
              Camera on · {phase === "reading"
                ? `reading your expression, ${remaining} s left`
                : phase === "loading"
                ? "loading the expression model…"
                : "starting…"}
            </p>
            <button
              type="button"
              class="button button--ghost button--small"
              onClick={() => {
                stopCamera();
                setPhase("idle");
              }}
            >
              Stop the camera
            </button>
          </div>
        </div>
        <div aria-live="polite">
          {phase === "done" && captured && (
            <p class="notice notice--ok mood-result">
              The camera read mostly{" "}
              <strong>{EXPRESSION_CHOICES[captured.label].phrase} expression</strong>{" "}
              ({Math.round(captured.share * 100)}% of the frames with a face). It is a guess from
              your face, not a measure of how you feel: pick another mood above if it doesn't fit.
              The camera is off.
            </p>
          )}
          {phase === "error" && <p class="notice notice--error mood-error">{message}</p>}
        </div>
      </div>

      <fieldset class="mood-types">
        <legend>What would you like?</legend>
        {TYPES.map((t) => (
          <label key={t.value} class="mood-type">
            <input
              type="radio"
              name="type"
              value={t.value}
              checked={type === t.value}
              onChange={() => setType(t.value)}
            />
            <span>
              <strong>{t.title}</strong>
              <span class="small muted">{t.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div class="mood-filters">
        <div class="field">
          <label for="mood-language">Language</label>
          <select
            id="mood-language"
            name="language"
            value={language}
            onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}
          >
            <option value="">Any language</option>
            {props.languages.map((l) => <option key={l.code} value={l.code}>{l.name}</option>)}
          </select>
          <span class="field__hint">Films IMDb lists under a title in this language</span>
        </div>
        <div class="field">
          <label for="mood-actor">With actor</label>
          <input
            id="mood-actor"
            type="search"
            name="actor"
            autocomplete="off"
            placeholder="e.g. Zoë Marchetti"
            maxLength={200}
            value={actor}
            onInput={(e) => setActor((e.target as HTMLInputElement).value)}
          />
          <span class="field__hint">Full name, any case or accents</span>
        </div>
      </div>

      <p class="actions">
        <button type="submit" class="button" ref={submit}>
          {emotion ? `Find films for ${EXPRESSION_CHOICES[emotion].phrase} mood` : "Find films"}
        </button>
      </p>
    </form>
  );
}
