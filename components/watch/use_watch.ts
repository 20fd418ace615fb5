/**
 * The `/watch` flow's wiring: the state machine of `lib/watch/steps.ts` holds everything the
 * screen shows (`lib/watch/watch_state.ts`); this hook connects it to the I/O of `lib/browser/` (the API, the camera
 * session, the recording session, the uploader, IndexedDB, the tab's hold on its viewing)
 * through the hooks beside it, and hands the page the state and the viewer's actions.
 */
import { useEffect, useMemo, useReducer, useRef } from "preact/hooks";
import { createViewing, deleteViewing } from "@/lib/browser/api.ts";
import { forgetViewing } from "@/lib/browser/forget_viewing.ts";
import { setToken } from "@/lib/browser/tokens.ts";
import type { ClassifierName } from "@/lib/emotion/types.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import { linesBySecond, toWebVTT } from "@/lib/subtitles/mod.ts";
import { flushBatch } from "@/lib/watch/batcher.ts";
import { newViewing } from "@/lib/watch/saved_viewing.ts";
import { abandonsViewing, recordingViewing, transition } from "@/lib/watch/steps.ts";
import { type FilmChoice, INITIAL_STATE } from "@/lib/watch/watch_state.ts";
import { useCamera } from "./use_camera.ts";
import { useFinish } from "./use_finish.ts";
import { useFullscreen } from "./use_fullscreen.ts";
import { useKeepAlive } from "./use_keep_alive.ts";
import { useLibraryFilms } from "./use_library_films.ts";
import { useObjectUrl } from "./use_object_url.ts";
import { usePoorSignal } from "./use_poor_signal.ts";
import { useRecording } from "./use_recording.ts";
import { useSavedViewings } from "./use_saved_viewings.ts";
import { useUploads } from "./use_uploads.ts";

export function useWatch(classifier: ClassifierName) {
  const [state, dispatch] = useReducer(transition, INITIAL_STATE);
  // Callbacks given to long-lived objects read the state as it is now through this.
  const latest = useRef(state);
  latest.current = state;
  const films = useLibraryFilms();
  const saved = useSavedViewings(dispatch);
  const alive = useKeepAlive(recordingViewing(state));
  const uploads = useUploads(saved.db, alive.heard);
  const stage = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const fullscreen = useFullscreen(stage);

  const { choice } = state;
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

  const finishing = useFinish({ db: saved.db, uploads, dispatch, release: saved.release });
  const camera = useCamera(classifier, state.step, dispatch, (message) => {
    // The camera or the model stopped: recording stops there, or the viewer is told.
    if (latest.current.step.name === "playing") return recording.stop(message);
    camera.stop();
    const title = "The camera stopped";
    dispatch({
      type: "camera-failed",
      problem: { kind: "failed", title, said: `${title}.`, fix: message },
    });
  });
  const recording = useRecording({
    state,
    latest,
    dispatch,
    video,
    camera: camera.session,
    uploader: uploads.current,
    db: saved.db,
    lines: subtitles?.lines ?? [],
    fullscreen,
    stopCamera: camera.stop,
    finish: (record) => finishing.finish(record),
  });

  // A viewing a reload interrupted: while it is offered, what it left unsent is sent.
  useEffect(() => {
    if (state.step.name === "resume" && state.unfinished) uploads.start(state.unfinished);
  }, [state.step.name, state.unfinished]);

  // An outage is worded for a film being recorded, or for minutes waiting after it.
  useEffect(() => {
    if (uploads.current.current) uploads.current.current.recording = state.step.name === "playing";
  }, [state.step.name, uploads.status !== null]);

  /** The face check's calibration, sent with the viewing (and again when creating is retried). */
  const calibrated = useRef<Baseline | null>(null);

  const startViewing = async () => {
    const picked = latest.current.choice;
    if (!picked) return;
    const baseline = calibrated.current;
    const created = await createViewing({
      title: picked.title,
      year: picked.year,
      durationSec: picked.durationSec,
      baseline,
    });
    if (!created.ok) return dispatch({ type: "create-failed", message: created.message });
    const { id, token, film } = created.data;
    setToken(id, token);
    await saved.hold(id);
    const record = newViewing({
      screeningId: id,
      token,
      film: { slug: film.slug, title: film.title, year: film.year },
      durationSec: picked.durationSec,
      file: { name: picked.file.name, size: picked.file.size },
      subtitles: picked.subtitles
        ? { name: picked.subtitles.name, bytes: picked.subtitles.bytes }
        : null,
      baseline,
      startedAt: new Date().toISOString(),
    });
    await saved.db?.saveViewing(record).catch(() => {});
    await uploads.start(record);
    dispatch({ type: "viewing-created", record });
  };

  /** The face check passed: calibrated (`baseline`), or a resumed viewing's face found (null). */
  const faceHeld = (baseline: Baseline | null) => {
    calibrated.current = baseline;
    dispatch({ type: "face-held" });
    // A resumed viewing exists already.
    if (!latest.current.viewing) startViewing();
  };

  const finishAsIs = async () => {
    let record = latest.current.unfinished;
    if (!record) return;
    const { state: batch, document } = flushBatch(record.batch, record.screeningId);
    if (document) {
      record = { ...record, batch, updatedAt: new Date().toISOString() };
      await saved.db?.commitMinute(record, document).catch(() => {});
      (await uploads.start(record)).add(document);
    }
    dispatch({ type: "finish-as-is", record });
    finishing.finish(record);
  };

  /** Back to choosing a film; a viewing created but never recorded is deleted. */
  const back = () => {
    camera.stop();
    fullscreen.exit();
    const now = latest.current;
    if (abandonsViewing(now) && now.viewing) {
      const { screeningId, token } = now.viewing;
      deleteViewing(screeningId, token);
      forgetViewing(screeningId, saved.db);
      uploads.close();
      saved.release(screeningId);
    }
    dispatch({ type: "back" });
  };

  const finishAgain = (force = false) => {
    const viewing = latest.current.viewing;
    if (viewing) finishing.finish(viewing, force);
  };

  const poorSignal = usePoorSignal(camera.session.current, state.step.name === "playing");

  return {
    state,
    films,
    camera: camera.session.current,
    poorSignal,
    filmUrl,
    vttUrl,
    uploads: uploads.status,
    fullscreen: fullscreen.fullscreen,
    refs: { stage, video },
    actions: {
      chooseFilm: (picked: FilmChoice) => dispatch({ type: "film-ready", choice: picked }),
      // A resumed viewing's tracker starts with the baseline stored with it.
      startCamera: () =>
        camera.start(latest.current.resuming ? latest.current.viewing?.baseline ?? null : null),
      faceHeld,
      countdownDone: () => dispatch({ type: "countdown-done" }),
      retryCreate: () => {
        dispatch({ type: "create-retry" });
        startViewing();
      },
      stop: () => recording.stop(null),
      enterFullscreen: fullscreen.enter,
      retryUploads: () => {
        uploads.hurry();
        if (latest.current.step.name === "finishing") finishAgain();
      },
      finishAnyway: () => finishAgain(true),
      retryFinish: () => finishAgain(),
      finishAsIs,
      resume: () => dispatch({ type: "resume" }),
      backToResume: () => dispatch({ type: "back-to-resume" }),
      back,
      again: () => {
        finishing.cancel();
        uploads.close();
        dispatch({ type: "again" });
      },
    },
  };
}
