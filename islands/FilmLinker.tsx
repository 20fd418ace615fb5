/**
 * "Which film is this?": links a library film to its IMDb title, suggested by title and year
 * and confirmed by the viewer; on a shared server a viewer who is no admin proposes the title
 * instead, for an admin to confirm. Only a viewer who recorded a viewing of this film in this
 * browser is asked: the request carries that viewing's write token.
 */
import { useEffect, useState } from "preact/hooks";
import {
  type CatalogCandidate,
  linkFilm,
  proposeFilmLink,
  searchCatalog,
} from "@/lib/browser/api.ts";
import { getToken } from "@/lib/browser/tokens.ts";
import { formatRating, formatVotesLong } from "@/lib/catalog/format.ts";
import { ImdbTitleRow } from "@/components/ImdbTitleRow.tsx";

export interface FilmLinkerProps {
  slug: string;
  title: string;
  year: number | null;
  /** This film's viewings shown on the page; a token for any of them allows linking. */
  screeningIds: string[];
  /** Link it (an admin, or the one viewer of a personal installation), or propose it. */
  mode: "link" | "propose";
}

type State =
  | { kind: "hidden" }
  | { kind: "loading" }
  | { kind: "choose"; candidates: CatalogCandidate[]; message?: string }
  | { kind: "saving"; tconst: string }
  | { kind: "proposed"; candidate: CatalogCandidate }
  | { kind: "failed"; message: string; candidates: CatalogCandidate[] };

/** The first viewing on the page this browser holds the token of. */
function ownViewing(ids: string[]): { screeningId: string; token: string } | null {
  for (const screeningId of ids) {
    const token = getToken(screeningId);
    if (token) return { screeningId, token };
  }
  return null;
}

export default function FilmLinker({ slug, title, year, screeningIds, mode }: FilmLinkerProps) {
  const [state, setState] = useState<State>({ kind: "hidden" });

  useEffect(() => {
    if (!ownViewing(screeningIds)) return;
    setState({ kind: "loading" });
    searchCatalog({ title, year, limit: 5 }).then((found) =>
      setState(
        found.ok
          ? { kind: "choose", candidates: found.data.candidates, message: found.data.message }
          : { kind: "failed", message: found.message, candidates: [] },
      )
    );
  }, []);

  const link = async (candidate: CatalogCandidate, candidates: CatalogCandidate[]) => {
    const own = ownViewing(screeningIds);
    if (!own) return;
    setState({ kind: "saving", tconst: candidate.tconst });
    const input = { tconst: candidate.tconst, ...own };
    const saved = mode === "link"
      ? await linkFilm(slug, input)
      : await proposeFilmLink(slug, input);
    if (!saved.ok) setState({ kind: "failed", message: saved.message, candidates });
    else if (mode === "link") location.reload();
    else setState({ kind: "proposed", candidate });
  };

  if (state.kind === "hidden") return null;
  const candidates = "candidates" in state ? state.candidates : [];
  return (
    <section class="film-linker card" aria-labelledby="film-linker-title">
      <h2 id="film-linker-title">Which film is this?</h2>
      {state.kind === "loading" && <p class="muted">Looking in the film catalog…</p>}
      {state.kind === "proposed" && (
        <p class="notice notice--ok" role="status" data-proposed>
          You proposed <strong>{state.candidate.title}</strong>
          {state.candidate.year ? ` (${state.candidate.year})` : ""}. An admin of this server
          confirms it; you can propose another until then.
        </p>
      )}
      {state.kind === "choose" && candidates.length === 0 && (
        <p class="muted">{state.message ?? `No catalog title looks like “${title}”.`}</p>
      )}
      {candidates.length > 0 && (
        <>
          <p class="muted small">
            {mode === "link"
              ? "Link it to its IMDb title to show its rating, directors, cast and genres here. You can do this because you recorded a viewing of it in this browser."
              : "Propose its IMDb title, so that its rating, directors, cast and genres show here once an admin of this server confirms it. You can because you recorded a viewing of it in this browser."}
          </p>
          <ul class="film-linker__list">
            {candidates.map((candidate) => (
              <ImdbTitleRow
                key={candidate.tconst}
                title={candidate.title}
                year={candidate.year}
                detail={candidate.rating === null
                  ? null
                  : `IMDb ${formatRating(candidate.rating)}` +
                    (candidate.votes === null ? "" : `, ${formatVotesLong(candidate.votes)}`)}
                imdbUrl={candidate.imdb_url}
              >
                <button
                  type="button"
                  class="button button--small"
                  disabled={state.kind === "saving"}
                  onClick={() => link(candidate, candidates)}
                >
                  {state.kind === "saving" && state.tconst === candidate.tconst
                    ? mode === "link" ? "Linking…" : "Proposing…"
                    : "This one"}
                </button>
              </ImdbTitleRow>
            ))}
          </ul>
        </>
      )}
      {state.kind === "failed" && <p class="notice notice--error" role="alert">{state.message}</p>}
    </section>
  );
}
