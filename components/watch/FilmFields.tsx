/**
 * The fields of the film step (`PickStep`): the film file with what was read from it, the
 * subtitles file, and the title and year with the library's films that match them.
 */
import { clock } from "@/lib/dashboards/format.ts";
import type { SubtitleState } from "@/lib/browser/subtitle_file.ts";
import { type LibraryFilm, matchFilms } from "@/lib/watch/title.ts";

/** Where the film file being chosen is. */
export type FilmState =
  | { kind: "none" }
  | { kind: "probing"; file: File }
  | { kind: "ready"; file: File; duration: number; durationSec: number; hasVideo: boolean }
  | { kind: "bad"; message: string };

const FILM_ACCEPT = "video/*,audio/*,.mkv,.mp4,.m4v,.mov,.webm,.ogv,.avi";
const SUBTITLE_ACCEPT = ".srt,.vtt,.txt,text/vtt,application/x-subrip";

export function FilmInput(
  { film, onPick }: { film: FilmState; onPick(file: File | undefined): void },
) {
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

export function SubtitlesField(
  { subtitles, onPick }: { subtitles: SubtitleState; onPick(file: File | undefined): void },
) {
  return (
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
        onChange={(e) => onPick((e.currentTarget as HTMLInputElement).files?.[0])}
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
  );
}

interface TitleFieldsProps {
  title: string;
  year: string;
  films: LibraryFilm[];
  matches: ReturnType<typeof matchFilms>;
  /** Why the last attempt was refused, and for which field. */
  error: { field: string; message: string } | null;
  onTitle(title: string): void;
  onYear(year: string): void;
}

export function TitleFields(
  { title, year, films, matches, error, onTitle, onYear }: TitleFieldsProps,
) {
  return (
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
            aria-invalid={error?.field === "title" ? "true" : undefined}
            onInput={(e) => onTitle((e.currentTarget as HTMLInputElement).value)}
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
            aria-invalid={error?.field === "year" ? "true" : undefined}
            onInput={(e) => onYear((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      </div>
      <datalist id="watch-library-films">
        {films.map((f) => <option key={f.slug} value={f.title}>{f.year ?? ""}</option>)}
      </datalist>
      <FilmMatches
        matches={matches}
        onChoose={(f) => {
          onTitle(f.title);
          onYear(f.year === null ? "" : String(f.year));
        }}
      />
      {error && <p class="notice notice--error small" role="alert">{error.message}</p>}
    </fieldset>
  );
}
