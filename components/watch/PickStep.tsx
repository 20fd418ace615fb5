/**
 * Step 1: the film file (played from the disk, never uploaded), its subtitles if any, and the
 * title, guessed from the file name and editable, with the library's films offered so that one
 * film does not appear twice. When resuming, only the same file is asked for.
 */
import { useMemo, useState } from "preact/hooks";
import { parseFilmInput } from "@/lib/api/film_input.ts";
import { InputError } from "@/lib/api/input.ts";
import { probeFilm } from "@/lib/browser/film_probe.ts";
import {
  readSubtitles,
  restoredSubtitles,
  type SubtitleState,
} from "@/lib/browser/subtitle_file.ts";
import { clock } from "@/lib/dashboards/format.ts";
import { type LibraryFilm, matchFilms, titleFromFileName } from "@/lib/watch/title.ts";
import { fileMismatch, fileSize, resumeAt, type ViewingRecord } from "@/lib/watch/saved_viewing.ts";
import type { FilmChoice } from "@/lib/watch/watch_state.ts";
import { FilmInput, type FilmState, SubtitlesField, TitleFields } from "./FilmFields.tsx";

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

      <SubtitlesField subtitles={subtitles} onPick={pickSubtitles} />

      {ready && (
        <TitleFields
          title={title}
          year={year}
          films={films}
          matches={matches}
          error={formError}
          onTitle={setTitle}
          onYear={setYear}
        />
      )}

      <p class="actions">
        <button type="submit" class="button" disabled={!ready}>Continue</button>
      </p>
    </form>
  );
}
