/**
 * For an admin of a shared server, on a film page: the IMDb titles viewers proposed for the
 * film and how many proposed each (never who), each to confirm (it becomes the film's link
 * and settles the others) or to dismiss.
 */
import { useState } from "preact/hooks";
import { confirmFilmLink, dismissFilmLink } from "@/lib/browser/api.ts";
import type { ProposedTitle } from "@/lib/loaders/link_proposals.ts";
import { ImdbTitleRow } from "@/components/ImdbTitleRow.tsx";

export interface LinkProposalsProps {
  slug: string;
  proposals: ProposedTitle[];
}

export default function LinkProposals({ slug, proposals }: LinkProposalsProps) {
  const [left, setLeft] = useState(proposals);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (left.length === 0) return null;

  const act = async (p: ProposedTitle, confirm: boolean) => {
    setBusy(p.tconst);
    setMessage(null);
    const done = confirm
      ? await confirmFilmLink(slug, p.tconst)
      : await dismissFilmLink(slug, p.tconst);
    setBusy(null);
    if (!done.ok) return setMessage(done.message);
    if (confirm) location.reload();
    else setLeft(left.filter((q) => q.tconst !== p.tconst));
  };

  return (
    <section class="film-linker card" aria-labelledby="link-proposals-title" data-link-proposals>
      <h2 id="link-proposals-title">Proposed IMDb titles</h2>
      <p class="muted small">
        Viewers who recorded this film proposed its IMDb title. As an admin you confirm one: it
        becomes the film's link for everyone.
      </p>
      <ul class="film-linker__list">
        {left.map((p) => (
          <ImdbTitleRow
            key={p.tconst}
            title={p.title ?? p.tconst}
            year={p.year}
            detail={`proposed by ${p.viewers} viewer${p.viewers === 1 ? "" : "s"}`}
            imdbUrl={`https://www.imdb.com/title/${p.tconst}/`}
          >
            <button
              type="button"
              class="button button--small"
              disabled={busy !== null}
              onClick={() => act(p, true)}
            >
              {busy === p.tconst ? "Saving…" : "Confirm"}
            </button>
            <button
              type="button"
              class="button button--ghost button--small"
              disabled={busy !== null}
              onClick={() =>
                act(p, false)}
            >
              Dismiss
            </button>
          </ImdbTitleRow>
        ))}
      </ul>
      {message && <p class="notice notice--error" role="alert">{message}</p>}
    </section>
  );
}
