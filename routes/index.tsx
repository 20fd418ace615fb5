/**
 * `/`, the library: the films ranked by their audience's rating, the library's totals and the
 * latest viewings. An empty library explains the product and leads to `/watch`.
 */
import { Stat } from "@/components/dashboards/Stat.tsx";
import { Logo } from "@/components/Logo.tsx";
import { LibraryCard } from "@/components/dashboards/LibraryCard.tsx";
import { LibraryViewings } from "@/components/dashboards/LibraryViewings.tsx";
import { VerdictScatter } from "@/components/dashboards/VerdictScatter.tsx";
import { verdictPairs } from "@/lib/dashboards/verdicts.ts";
import { duration, rating } from "@/lib/dashboards/format.ts";
import type { LibraryOverview } from "@/lib/dashboards/library_page.ts";
import { type LibraryPage, loadLibraryPage, pageNumber } from "@/lib/loaders/library_page.ts";
import { define } from "@/lib/state.ts";
import { pageETag } from "@/lib/framework/etag.ts";

export const handler = define.handlers<LibraryPage>({
  GET: async (req, ctx) => {
    const { store, viewer, accounts } = ctx.state;
    const number = pageNumber(new URL(req.url).searchParams.get("page"));
    const page = await loadLibraryPage(store, viewer, { page: number, mode: accounts.mode });
    // The page is the viewer's own: their id is part of what it depends on.
    const etag = await pageETag(page, [ctx.state.theme, ctx.state.stylesheet, viewer?.id]);
    return ctx.render(page, { etag });
  },
});

function Welcome({ signedOut }: { signedOut: boolean }) {
  return (
    <>
      {signedOut && (
        <p class="notice section sign-in-prompt">
          <a href="/sign-in">Sign in</a> or <a href="/sign-up">make an account</a>{" "}
          to watch films and see your library. Your viewings are yours alone.
        </p>
      )}
      <section class="hero">
        <div>
          <h1>Rate films by how they move you</h1>
          <p class="hero__lead">
            Watch a film from your own disk. Your webcam reads your facial expressions in the
            browser, second by second, and Reelfeel turns your reaction into a rating, your
            favourite moment and the lines that landed.
          </p>
          <p class="actions">
            <a class="button" href="/watch">Watch your first film</a>
            <a class="button button--ghost" href="/recommend">Find a film for your mood</a>
          </p>
        </div>
        <div class="hero__art" aria-hidden="true">
          <Logo size={160} />
        </div>
      </section>
      <section class="section">
        <h2>Your library is empty</h2>
        <ol class="steps">
          <li class="card">
            <h3>Open your film</h3>
            <p class="muted">Pick a video file and its subtitles. Nothing is uploaded.</p>
          </li>
          <li class="card">
            <h3>Watch with the camera on</h3>
            <p class="muted">
              Each second, the page notes your expression, how much you moved and the line spoken.
            </p>
          </li>
          <li class="card">
            <h3>Read your reaction</h3>
            <p class="muted">
              A rating out of 100, your favourite 20 seconds, and how other viewers reacted. Every
              film you watch lands here.
            </p>
          </li>
        </ol>
      </section>
    </>
  );
}

function Totals({ overview }: { overview: LibraryOverview }) {
  return (
    <div class="stats">
      <Stat value={String(overview.films)} label="Films" />
      <Stat value={String(overview.viewings)} label="Viewings" />
      <Stat value={duration(overview.watchSec)} label="Watched in all" />
      <Stat value={rating(overview.meanRating)} label="Average rating" />
    </div>
  );
}

function Pager({ page, pages }: { page: number; pages: number }) {
  if (pages <= 1) return null;
  const href = (n: number) => (n === 1 ? "/" : `/?page=${n}`);
  return (
    <nav class="pager" aria-label="Pages of films">
      {page > 1
        ? <a class="button button--ghost button--small" href={href(page - 1)}>Previous</a>
        : <span />}
      <span class="muted small">Page {page} of {pages}</span>
      {page < pages
        ? <a class="button button--ghost button--small" href={href(page + 1)}>Next</a>
        : <span />}
    </nav>
  );
}

export default define.page<typeof handler>(function Library({ data, state }) {
  const { overview, recent, cards, histogram } = data;
  if (overview.films === 0) return <Welcome signedOut={state.viewer === null} />;
  const pairs = verdictPairs(data.viewings);
  return (
    <div class="dashboard library">
      <header class="page-head page-head--row">
        <div>
          <h1>Your library</h1>
          <p class="muted">Films ranked by how their viewers' faces reacted.</p>
        </div>
        <a class="button" href="/watch">Watch a film</a>
      </header>

      <Totals overview={overview} />

      <section class="section">
        <h2>Your films</h2>
        <p class="muted small">
          Each poster is drawn from the film's reactions, start to end: the colours are the
          expressions its viewers showed besides a face at rest.
        </p>
        <div class="library-grid">
          {cards.map((card) => (
            <LibraryCard key={card.film.slug} card={card} histogram={histogram} />
          ))}
        </div>
        <Pager page={data.page} pages={data.pages} />
      </section>

      <section class="section">
        <h2>Recent viewings</h2>
        {recent.length > 0
          ? <LibraryViewings viewings={recent} histogram={histogram} />
          : <p class="muted">No viewings yet.</p>}
      </section>

      {pairs.length > 0 && (
        <section class="section">
          <h2>Your reaction and your verdict</h2>
          <div class="chart card">
            <VerdictScatter pairs={pairs} />
          </div>
        </section>
      )}
    </div>
  );
});
