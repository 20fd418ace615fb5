/**
 * The `/watch` flow: the step machine (`lib/watch/steps.ts`) driven by the viewer and by the
 * camera, the film and the server. The pieces with I/O live in `lib/browser/` (camera session,
 * recording session, uploader, IndexedDB); this hook wires them to the steps and makes sure
 * the camera is off whenever recording is not going on.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import { CameraSession, isSession } from "@/lib/browser/camera_session.ts";
import { RecordingSession } from "@/lib/browser/recording_session.ts";
import { removeToken, setToken } from "@/lib/browser/tokens.ts";
import { createViewing, deleteViewing, finishViewing, isFailure } from "@/lib/browser/watch_api.ts";
import type { ClassifierName } from "@/lib/emotion/types.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import { linesBySecond, toWebVTT } from "@/lib/subtitles/mod.ts";
import { flushBatch } from "@/lib/watch/batcher.ts";
import { filmProblem } from "@/lib/watch/problems.ts";
import { cameraOn, FIRST_STEP, transition } from "@/lib/watch/steps.ts";
import { backoffMs } from "@/lib/watch/upload_queue.ts";
import { newViewing, resumeAt, type ViewingRecord } from "@/lib/watch/saved_viewing.ts";
import type { FilmChoice } from "./PickStep.tsx";
import { useFullscreen } from "./use_fullscreen.ts";
import { useLibraryFilms } from "./use_library_films.ts";
import { useObjectUrl } from "./use_object_url.ts";
import { useUploads } from "./use_uploads.ts";
import { useWatchDb } from "./use_watch_db.ts";

export interface WatchResult {
  screeningId: string;
  title: string;
  summary: ViewingSummary | null;
}

/** Finishing is retried this many times through a lost connection before asking the viewer. */
const FINISH_ATTEMPTS = 8;

const CAMERA_LOST = "The camera stopped during the film (unplugged, or taken by another " +
  "application). Recording stopped there; everything recorded until then is kept.";

export function useWatch(classifier: ClassifierName) {
  const [step, dispatch] = useReducer(transition, FIRST_STEP);
  const films = useLibraryFilms();
  const { db, unfinished, setUnfinished } = useWatchDb();
  const uploads = useUploads(db);
  const fullscreenTarget = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const fullscreen = useFullscreen(fullscreenTarget);

  const [choice, setChoice] = useState<FilmChoice | null>(null);
  const [resuming, setResuming] = useState(false);
  const [viewing, setViewing] = useState<ViewingRecord | null>(null);
  const [camera, setCamera] = useState<CameraSession | null>(null);
  /** The camera is on (from the moment the browser gave it, before the models are ready). */
  const [cameraLive, setCameraLive] = useState(false);
  const [countdownError, setCountdownError] = useState<string | null>(null);
  const [countdownDone, setCountdownDone] = useState(false);
  const [recordedSec, setRecordedSec] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [finishError, setFinishError] = useState<string | null>(null);
  const [result, setResult] = useState<WatchResult | null>(null);

  const cameraRef = useRef<CameraSession | null>(null);
  const cameraGeneration = useRef(0);
  const recording = useRef<RecordingSession | null>(null);
  const finishing = useRef(0);
  const stopping = useRef(false);
  // Callbacks given to long-lived objects read the latest state through this.
  const latest = useRef({ step, viewing, choice });
  latest.current = { step, viewing, choice };

  const subtitles = useMemo(() => {
    if (!choice?.subtitles) return null;
    const { cues } = choice.subtitles;
    return {
      lines: linesBySecond(cues, choice.duration),
      vtt: new Blob([toWebVTT(cues)], { type: "text/vtt" }),
    };
  }, [choice]);
  const filmUrl = useObjectUrl(choice?.file ?? null);
  const vttUrl = useObjectUrl(subtitles?.vtt ?? null);

  // A viewing a reload interrupted: offer to resume it, and send what it left unsent.
  useEffect(() => {
    if (!unfinished) return;
    uploads.start(unfinished);
    if (step.name === "pick" && !resuming) dispatch({ type: "unfinished-found" });
  }, [unfinished, step.name, resuming]);

  const stopCamera = useCallback(() => {
    cameraGeneration.current++;
    cameraRef.current?.stop();
    cameraRef.current = null;
    setCamera(null);
    setCameraLive(false);
  }, []);

  // Whatever path led out of the camera's steps (a late callback, an error), it is off there.
  useEffect(() => {
    if (!cameraOn(step)) stopCamera();
  }, [step.name]);

  // The camera goes off when the viewer leaves, whatever the step.
  useEffect(() => {
    const leave = () => stopCamera();
    addEventListener("pagehide", leave);
    return () => {
      removeEventListener("pagehide", leave);
      leave();
    };
  }, []);

  const chooseFilm = (picked: FilmChoice) => {
    setChoice(picked);
    dispatch({ type: "film-ready" });
  };

  const startCamera = async () => {
    dispatch({ type: "start-camera" });
    const generation = ++cameraGeneration.current;
    const opened = await CameraSession.open(classifier, {
      cancelled: () => generation !== cameraGeneration.current,
      // Held from the moment the camera is on, so that leaving while the models load turns
      // it off at once (stopCamera), not once they are loaded.
      onCameraOn: (session) => {
        cameraRef.current = session;
        setCameraLive(true);
      },
    });
    if (opened === null) return;
    if (!isSession(opened)) {
      if (generation !== cameraGeneration.current) return; // the viewer left meanwhile
      cameraRef.current = null; // open() has stopped it
      setCameraLive(false);
      return dispatch({ type: "camera-failed", problem: opened });
    }
    opened.onEnded = () => cameraStopped(CAMERA_LOST);
    opened.onState = (state) => {
      if (state === "error") {
        cameraStopped(
          `Expression recognition stopped (${opened.tracker.error}). Recording stopped there; ` +
            "everything recorded until then is kept.",
        );
      }
    };
    setCamera(opened);
    dispatch({ type: "camera-ready" });
  };

  /** The camera or the model failed: stop recording if it was on, else back to consent. */
  const cameraStopped = (message: string) => {
    if (latest.current.step.name === "playing") return stop(message);
    stopCamera();
    dispatch({
      type: "camera-failed",
      problem: { kind: "failed", title: "The camera stopped", message },
    });
  };

  const startViewing = async () => {
    const picked = latest.current.choice;
    if (!picked) return;
    setCountdownError(null);
    const created = await createViewing({
      title: picked.title,
      year: picked.year,
      durationSec: picked.durationSec,
    });
    if (isFailure(created)) return setCountdownError(created.failure);
    setToken(created.id, created.token);
    const record = newViewing({
      screeningId: created.id,
      token: created.token,
      film: { slug: created.film.slug, title: created.film.title, year: created.film.year },
      durationSec: picked.durationSec,
      file: { name: picked.file.name, size: picked.file.size },
      subtitles: picked.subtitles
        ? { name: picked.subtitles.name, bytes: picked.subtitles.bytes }
        : null,
      startedAt: new Date().toISOString(),
    });
    await db?.saveViewing(record).catch(() => {});
    setViewing(record);
    await uploads.start(record);
  };

  const faceHeld = () => {
    setCountdownDone(false);
    dispatch({ type: "face-held" });
    if (!latest.current.viewing) startViewing();
  };

  // The film starts when the countdown is over and the viewing exists on the server.
  useEffect(() => {
    if (step.name === "countdown" && countdownDone && viewing) {
      dispatch({ type: "countdown-done" });
    }
  }, [step.name, countdownDone, viewing]);

  // Playing: record, full screen, and stop at the end of the film or on a broken file.
  useEffect(() => {
    if (step.name !== "playing") return;
    const film = video.current;
    const session = cameraRef.current;
    const uploader = uploads.current.current;
    if (!film || !session || !viewing || !uploader || !db) return;
    stopping.current = false;
    setRecordedSec(viewing.recordedSec);
    const recorder = new RecordingSession({
      video: film,
      camera: session,
      record: viewing,
      lines: subtitles?.lines ?? [],
      db,
      uploader,
      onRecord: (record) => setRecordedSec(record.recordedSec),
    });
    recording.current = recorder;
    recorder.start();
    const startAt = resumeAt(viewing);
    if (startAt > 0 && Math.abs(film.currentTime - startAt) > 0.5) film.currentTime = startAt;
    fullscreen.enter();
    film.play().catch(() => {
      // Autoplay refused: the film's own play button starts it; nothing records until then.
    });
    const ended = () => stop(null);
    const broken = () =>
      stop(
        `${filmProblem(film.error?.code ?? null, choice?.file.name ?? "The film")} ` +
          "Recording stopped there; everything recorded until then is kept.",
      );
    film.addEventListener("ended", ended);
    film.addEventListener("error", broken);
    return () => {
      film.removeEventListener("ended", ended);
      film.removeEventListener("error", broken);
    };
  }, [step.name]);

  const finish = async (record: ViewingRecord, force = false) => {
    const run = ++finishing.current;
    setFinishError(null);
    const uploader = await uploads.start(record);
    await uploader.drained();
    if (run !== finishing.current) return;
    if (!force && uploader.status.failed.length > 0) return; // the viewer decides
    for (let attempt = 1;; attempt++) {
      const done = await finishViewing(record.screeningId, record.token);
      if (run !== finishing.current) return;
      if (!isFailure(done)) {
        await db?.removeViewing(record.screeningId).catch(() => {});
        uploads.close();
        setUnfinished(null);
        setResult({
          screeningId: record.screeningId,
          title: record.film.year === null
            ? record.film.title
            : `${record.film.title} (${record.film.year})`,
          summary: done.summary,
        });
        dispatch({ type: "finished" });
        return;
      }
      if (!done.network || attempt >= FINISH_ATTEMPTS) return setFinishError(done.failure);
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, Math.random())));
    }
  };

  /** Stops recording (the viewer, the film's end, or a failure) and finishes the viewing. */
  const stop = async (why: string | null) => {
    if (stopping.current || latest.current.step.name !== "playing") return;
    stopping.current = true;
    setNotice(why);
    dispatch({ type: "stop" });
    video.current?.pause();
    // stop() closes the last seconds at once; storing them may take a moment, the camera not.
    const stored = recording.current?.stop();
    recording.current = null;
    stopCamera();
    fullscreen.exit();
    const record = (await stored) ?? latest.current.viewing;
    if (!record) return;
    setViewing(record);
    finish(record);
  };

  const finishAsIs = async () => {
    if (!unfinished) return;
    dispatch({ type: "finish-as-is" });
    let record = unfinished;
    const { state, document } = flushBatch(record.batch, record.screeningId);
    if (document) {
      record = { ...record, batch: state, updatedAt: new Date().toISOString() };
      await db?.commitMinute(record, document).catch(() => {});
      (await uploads.start(record)).add(document);
    }
    setViewing(record);
    finish(record);
  };

  const resume = () => {
    if (!unfinished) return;
    setResuming(true);
    setViewing(unfinished);
    dispatch({ type: "resume" });
  };

  /** Back to choosing a film; a viewing created but never recorded is deleted. */
  const back = () => {
    stopCamera();
    fullscreen.exit();
    const current = latest.current.viewing;
    if (!resuming && current && current.recordedSec === 0) {
      deleteViewing(current.screeningId, current.token);
      removeToken(current.screeningId);
      db?.removeViewing(current.screeningId).catch(() => {});
      uploads.close();
      setViewing(null);
    }
    setCountdownError(null);
    dispatch({ type: "back" });
  };

  const backToResume = () => {
    setResuming(false);
    setViewing(null);
    setChoice(null);
  };

  const again = () => {
    finishing.current++;
    setChoice(null);
    setViewing(null);
    setResult(null);
    setNotice(null);
    setResuming(false);
    setRecordedSec(0);
    uploads.close();
    dispatch({ type: "back" });
  };

  return {
    step,
    films,
    choice,
    resumeRecord: resuming ? viewing : null,
    unfinished,
    camera,
    cameraLive,
    viewing,
    filmUrl,
    vttUrl,
    uploads: uploads.status,
    countdownError,
    recordedSec,
    notice,
    finishError,
    result,
    fullscreen: fullscreen.fullscreen,
    refs: { stage: fullscreenTarget, video },
    actions: {
      chooseFilm,
      startCamera,
      faceHeld,
      countdownDone: () => setCountdownDone(true),
      retryCreate: startViewing,
      stop: () => stop(null),
      enterFullscreen: fullscreen.enter,
      retryUploads: () => {
        uploads.retry();
        if (latest.current.viewing && step.name === "finishing") finish(latest.current.viewing);
      },
      finishAnyway: () => latest.current.viewing && finish(latest.current.viewing, true),
      retryFinish: () => latest.current.viewing && finish(latest.current.viewing),
      finishAsIs,
      resume,
      backToResume,
      back,
      again,
    },
  };
}
