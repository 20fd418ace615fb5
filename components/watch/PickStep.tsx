/**
 * Step 1: the film file (played from the disk, never uploaded), its subtitles if any, and the
 * title, guessed from the file name and editable, with the library's films offered so that one
 * film does not appear twice. When resuming, only the same file is asked for.
 */
import { useMemo, useState } from "preact/hooks";
import { parseFilmInput } from "@/lib/api/film_input.ts";
import { InputError } from "@/lib/api/input.ts";
import { probeFilm } from "@/lib/browser/film_probe.ts";
import { clock } from "@/lib/dashboards/format.ts";
import {
  type Cue,
  MAX_SUBTITLE_BYTES,
  parseSubtitles,
  SubtitleError,
} from "@/lib/subtitles/mod.ts";
import { type LibraryFilm, matchFilms, titleFromFileName } from "@/lib/watch/title.ts";
import { fileMismatch, fileSize, resumeAt, type ViewingRecord } from "@/lib/watch/saved_viewing.ts";
import type { FilmChoice } from "@/lib/watch/watch_state.ts";

interface PickStepProps {
  films: LibraryFilm[];
  /** When set, the viewing being resumed: the viewer reopens its file. */
  resume: ViewingRecord | null;
  /** What was chosen before, when the viewer came back to this step. */
  initial?: FilmChoice | null;
  /** The title of a viewing being recorded in another tab, named and left alone. */
  elsewhere?: string | null;
  onReady(choice: FilmChoice): void;
  /** Back to the resume choice. */
  onBackToResume?(): void;
}

type FilmState =
  | { kind: "none" }
  | { kind: "probing"; file: File }
  | { kind: "ready"; file: File; duration: number; durationSec: number; hasVideo: boolean }
  | { kind: "bad"; message: string };

type SubtitleState =
  | { kind: "none" }
  | { kind: "reading"; name: string }
  | { kind: "ready"; name: string; bytes: Uint8Array; cues: Cue[] }
  | { kind: "bad"; name: string; message: string };

const FILM_ACCEPT = "video/*,audio/*,.mkv,.mp4,.m4v,.mov,.webm,.ogv,.avi";
const SUBTITLE_ACCEPT = ".srt,.vtt,.txt,text/vtt,application/x-subrip";

/** Reads and checks a subtitles file; a broken one is reported, never fatal. */
async function readSubtitles(file: File): Promise<SubtitleState> {
  if (file.size > MAX_SUBTITLE_BYTES) {
    return {
      kind: "bad",
      name: file.name,
      message: `"${file.name}" is ${fileSize(file.size)}: subtitles are a few hundred KB at ` +
        "most. Is it the right file?",
    };
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const cues = parseSubtitles(bytes);
    return { kind: "ready", name: file.name, bytes, cues };
  } catch (error) {
    const message = error instanceof SubtitleError
      ? error.message
      : `"${file.name}" could not be read (${String(error)}).`;
    return { kind: "bad", name: file.name, message };
  }
}

function restoredSubtitles(record: ViewingRecord): SubtitleState {
  if (!record.subtitles) return { kind: "none" };
  try {
    const cues = parseSubtitles(record.subtitles.bytes);
    return { kind: "ready", ...record.subtitles, cues };
  } catch {
    return { kind: "none" };
  }
}

export function PickStep(
  { films, resume, initial, elsewhere, onReady, onBackToResume }: PickStepProps,
) {
  const before = resume ? null : initial ?? null;
  const [film, setFilm] = useState<FilmState>(
    before
      ? {
        kind: "ready",
        file: before.file,
        duration: before.duration,
        durationSec: before.durationSec,
        hasVideo: true,
      }
      : { kind: "none" },
  );
  const [subtitles, setSubtitles] = useState<SubtitleState>(
    resume
      ? restoredSubtitles(resume)
      : before?.subtitles
      ? { kind: "ready", ...before.subtitles }
      : { kind: "none" },
  );
  const [title, setTitle] = useState(before?.title ?? "");
  const [year, setYear] = useState(before?.year == null ? "" : String(before.year));
  const [formError, setFormError] = useState<{ field: string; message: string } | null>(null);

  const pickFilm = async (file: File | undefined) => {
    setFormError(null);
    if (!file) return setFilm({ kind: "none" });
    if (resume) {
      const mismatch = fileMismatch(resume.file, file);
      if (mismatch) return setFilm({ kind: "bad", message: mismatch });
    } else {
      const guess = titleFromFileName(file.name);
      setTitle(guess.title);
      setYear(guess.year === null ? "" : String(guess.year));
    }
    setFilm({ kind: "probing", file });
    const probe = await probeFilm(file);
    if (!probe.ok) return setFilm({ kind: "bad", message: probe.problem });
    const ready = { kind: "ready" as const, file, ...probe };
    setFilm(ready);
    if (resume) {
      onReady({
        file,
        duration: probe.duration,
        durationSec: resume.durationSec,
        title: resume.film.title,
        year: resume.film.year,
        subtitles: subtitles.kind === "ready" ? subtitles : null,
      });
    }
  };

  const pickSubtitles = async (file: File | undefined) => {
    if (!file) return setSubtitles({ kind: "none" });
    setSubtitles({ kind: "reading", name: file.name });
    setSubtitles(await readSubtitles(file));
  };

  const matches = useMemo(() => {
    const y = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : null;
    return title.trim() ? matchFilms({ title, year: y }, films) : [];
  }, [title, year, films]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (film.kind !== "ready") return;
    try {
      const yearText = year.trim();
      const input = parseFilmInput({
        title,
        durationSec: film.durationSec,
        year: yearText === "" ? null : /^\d+$/.test(yearText) ? Number(yearText) : yearText,
      });
      onReady({
        file: film.file,
        duration: film.duration,
        durationSec: input.durationSec,
        title: input.title,
        year: input.year,
        subtitles: subtitles.kind === "ready" ? subtitles : null,
      });
    } catch (error) {
      if (error instanceof InputError) {
        setFormError({ field: error.field, message: `${error.field}: ${error.rule}` });
      } else throw error;
    }
  };

  if (resume) {
    return (
      <section class="card watch-card" aria-labelledby="pick-title" data-step-card="reopen">
        <h2 id="pick-title">Reopen the film</h2>
        <p>
          To continue <strong>{resume.film.title}</strong> from{" "}
          {clock(resumeAt(resume))}, choose the same file again:{" "}
          <code class="watch-file-name">{resume.file.name}</code>{" "}
          ({fileSize(resume.file.size)}). It plays from your disk; it is never uploaded.
        </p>
        <FilmInput film={film} onPick={pickFilm} />
        {subtitles.kind === "ready" && (
          <p class="muted small">Subtitles: {subtitles.name} (kept from before).</p>
        )}
        {onBackToResume && (
          <p class="actions">
            <button type="button" class="button button--ghost" onClick={onBackToResume}>
              Back
            </button>
          </p>
        )}
      </section>
    );
  }

  const ready = film.kind === "ready";
  return (
    <form
      class="card watch-card"
      aria-labelledby="pick-title"
      data-step-card="pick"
      onSubmit={submit}
      noValidate
    >
      <h2 id="pick-title">Choose a film</h2>
      {elsewhere && (
        <p class="notice notice--warn small watch-elsewhere" role="status" data-elsewhere>
          <strong>{elsewhere}</strong>{" "}
          is being recorded in another tab of this browser. Continue it there: this tab leaves it
          alone. You can still watch another film here.
        </p>
      )}
      <p class="muted">
        Any film file your browser plays. It plays from your disk: it is never uploaded.
      </p>
      <FilmInput film={film} onPick={pickFilm} />

      <div class="field">
        <label for="watch-subtitles">
          Subtitles <span class="field__hint">(optional, .srt or .vtt)</span>
        </label>
        <input
          id="watch-subtitles"
          name="subtitles"
          type="file"
          class="file-input"
          accept={SUBTITLE_ACCEPT}
          onChange={(e) => pickSubtitles((e.currentTarget as HTMLInputElement).files?.[0])}
        />
        <span class="field__hint">
          The line spoken each second is recorded with your expression, so the dashboards can quote
          it.
        </span>
        {subtitles.kind === "ready" && (
          <p class="notice notice--ok small" data-subtitles="ready">
            {subtitles.cues.length} subtitle lines read from {subtitles.name}.
          </p>
        )}
        {subtitles.kind === "bad" && (
          <div class="notice notice--warn small" role="alert" data-subtitles="bad">
            <p>
              <strong>These subtitles cannot be used.</strong> {subtitles.message}
            </p>
            <p>
              You can choose another file, or continue without subtitles: no line is recorded then.
            </p>
          </div>
        )}
      </div>

      {ready && (
        <fieldset class="watch-title">
          <legend>Which film is it?</legend>
          <div class="watch-title__fields">
            <div class="field">
              <label for="watch-film-title">Title</label>
              <input
                id="watch-film-title"
                name="title"
                type="text"
                list="watch-library-films"
                autocomplete="off"
                value={title}
                aria-invalid={formError?.field === "title" ? "true" : undefined}
                onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)}
                required
              />
            </div>
            <div class="field">
              <label for="watch-film-year">
                Year <span class="field__hint">(optional)</span>
              </label>
              <input
                id="watch-film-year"
                name="year"
                type="text"
                inputMode="numeric"
                maxLength={4}
                value={year}
                aria-invalid={formError?.field === "year" ? "true" : undefined}
                onInput={(e) => setYear((e.currentTarget as HTMLInputElement).value)}
              />
            </div>
          </div>
          <datalist id="watch-library-films">
            {films.map((f) => <option key={f.slug} value={f.title}>{f.year ?? ""}</option>)}
          </datalist>
          <FilmMatches
            matches={matches}
            onChoose={(f) => {
              setTitle(f.title);
              setYear(f.year === null ? "" : String(f.year));
            }}
          />
          {formError && <p class="notice notice--error small" role="alert">{formError.message}</p>}
        </fieldset>
      )}

      <p class="actions">
        <button type="submit" class="button" disabled={!ready}>Continue</button>
      </p>
    </form>
  );
}

function FilmInput({ film, onPick }: { film: FilmState; onPick(file: File | undefined): void }) {
  return (
    <div class="field">
      <label for="watch-film">Film file</label>
      <input
        id="watch-film"
        name="film"
        type="file"
        class="file-input"
        accept={FILM_ACCEPT}
        aria-describedby="watch-film-state"
        onChange={(e) => onPick((e.currentTarget as HTMLInputElement).files?.[0])}
      />
      <div id="watch-film-state" aria-live="polite">
        {film.kind === "probing" && <p class="muted small">Reading {film.file.name}…</p>}
        {film.kind === "ready" && (
          <p class="notice notice--ok small" data-film="ready">
            {film.file.name}: {clock(film.duration)} long, plays in this browser
            {film.hasVideo ? "." : " (sound only: there is no picture to watch)."}
          </p>
        )}
        {film.kind === "bad" && (
          <p class="notice notice--error small" role="alert" data-film="bad">{film.message}</p>
        )}
      </div>
    </div>
  );
}

function FilmMatches(
  { matches, onChoose }: {
    matches: ReturnType<typeof matchFilms>;
    onChoose(film: LibraryFilm): void;
  },
) {
  if (matches.length === 0) {
    return <p class="muted small">A new film for the library.</p>;
  }
  const [first] = matches;
  const label = (f: LibraryFilm) => f.year === null ? f.title : `${f.title} (${f.year})`;
  if (first.same) {
    return (
      <p class="notice notice--ok small" data-film-match="same">
        Already in the library: <strong>{label(first.film)}</strong>. Your viewing is added to it.
      </p>
    );
  }
  return (
    <div class="film-matches" data-film-match="similar">
      <p class="small">Already in the library? Choose it so the film is not listed twice:</p>
      <ul class="film-matches__list">
        {matches.map((m) => (
          <li>
            <button
              type="button"
              class="button button--ghost button--small"
              onClick={() => onChoose(m.film)}
            >
              {label(m.film)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
