/**
 * "Which film is this?": links a library film to its IMDb title, suggested by title and year
 * and confirmed by the viewer. Only a viewer who recorded a viewing of this film in this
 * browser may link it: the request carries that viewing's write token.
 */
import { useEffect, useState } from "preact/hooks";
import { getToken } from "@/lib/browser/tokens.ts";
import { formatRating, formatVotesLong } from "@/lib/catalog/format.ts";

export interface FilmLinkerProps {
  slug: string;
  title: string;
  year: number | null;
  /** This film's viewings shown on the page; a token for any of them allows linking. */
  screeningIds: string[];
}

interface Candidate {
  tconst: string;
  title: string;
  year: number | null;
  rating: number | null;
  votes: number | null;
  imdb_url: string;
}

type State =
  | { kind: "hidden" }
  | { kind: "loading" }
  | { kind: "choose"; candidates: Candidate[]; message?: string }
  | { kind: "saving"; tconst: string }
  | { kind: "failed"; message: string; candidates: Candidate[] };

/** The first viewing on the page this browser holds the token of. */
function ownViewing(ids: string[]): { screeningId: string; token: string } | null {
  for (const screeningId of ids) {
    const token = getToken(screeningId);
    if (token) return { screeningId, token };
  }
  return null;
}

async function errorOf(response: Response): Promise<string> {
  const body = await response.json().catch(() => null);
  return typeof body?.error === "string" ? body.error : `The server answered ${response.status}`;
}

export default function FilmLinker({ slug, title, year, screeningIds }: FilmLinkerProps) {
  const [state, setState] = useState<State>({ kind: "hidden" });

  useEffect(() => {
    if (!ownViewing(screeningIds)) return;
    setState({ kind: "loading" });
    const query = new URLSearchParams({ title, limit: "5" });
    if (year) query.set("year", String(year));
    fetch(`/api/catalog/search?${query}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(await errorOf(response));
        const body = await response.json();
        setState({ kind: "choose", candidates: body.candidates, message: body.message });
      })
      .catch((error) =>
        setState({
          kind: "failed",
          message: `Could not search the catalog: ${error.message}`,
          candidates: [],
        })
      );
  }, []);

  const link = async (candidate: Candidate, candidates: Candidate[]) => {
    const own = ownViewing(screeningIds);
    if (!own) return;
    setState({ kind: "saving", tconst: candidate.tconst });
    try {
      const response = await fetch(`/api/films/${encodeURIComponent(slug)}/imdb`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${own.token}` },
        body: JSON.stringify({ tconst: candidate.tconst, screeningId: own.screeningId }),
      });
      if (!response.ok) throw new Error(await errorOf(response));
      location.reload();
    } catch (error) {
      setState({ kind: "failed", message: (error as Error).message, candidates });
    }
  };

  if (state.kind === "hidden") return null;
  const candidates = "candidates" in state ? state.candidates : [];
  return (
    <section class="film-linker card" aria-labelledby="film-linker-title">
      <h2 id="film-linker-title">Which film is this?</h2>
      {state.kind === "loading" && <p class="muted">Looking in the film catalog…</p>}
      {state.kind === "choose" && candidates.length === 0 && (
        <p class="muted">{state.message ?? `No catalog title looks like “${title}”.`}</p>
      )}
      {candidates.length > 0 && (
        <>
          <p class="muted small">
            Link it to its IMDb title to show its rating, directors, cast and genres here. You can
            do this because you recorded a viewing of it in this browser.
          </p>
          <ul class="film-linker__list">
            {candidates.map((candidate) => (
              <li key={candidate.tconst}>
                <span>
                  <strong>{candidate.title}</strong>
                  {candidate.year ? ` (${candidate.year})` : ""}
                  {candidate.rating !== null && (
                    <span class="muted small">
                      {` · IMDb ${formatRating(candidate.rating)}`}
                      {candidate.votes !== null ? `, ${formatVotesLong(candidate.votes)}` : ""}
                    </span>
                  )}
                </span>
                <span class="actions">
                  <a
                    class="small"
                    href={candidate.imdb_url}
                    rel="noopener noreferrer"
                    target="_blank"
                  >
                    IMDb page
                  </a>
                  <button
                    type="button"
                    class="button button--small"
                    disabled={state.kind === "saving"}
                    onClick={() => link(candidate, candidates)}
                  >
                    {state.kind === "saving" && state.tconst === candidate.tconst
                      ? "Linking…"
                      : "This one"}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {state.kind === "failed" && <p class="notice notice--error" role="alert">{state.message}</p>}
    </section>
  );
}
