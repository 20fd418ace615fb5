/**
 * `/`, the library: the films ranked by their audience's rating, the library's totals and the
 * latest viewings. An empty library explains the product and leads to `/watch`.
 */
import { Stat } from "@/components/dashboards/Stat.tsx";
import { Logo } from "@/components/Logo.tsx";
import BarChart from "@/islands/BarChart.tsx";
import { dateTime, duration, rating } from "@/lib/dashboards/format.ts";
import type { LibraryOverview } from "@/lib/dashboards/library_page.ts";
import { type LibraryPage, loadLibraryPage } from "@/lib/loaders/library_page.ts";
import { define } from "@/lib/state.ts";

/** Films in the favourites chart (the table lists them all). */
export const CHARTED_FILMS = 12;

export const handler = define.handlers<LibraryPage>({
  GET: async (_req, ctx) => {
    const page = Number(ctx.url.searchParams.get("page") ?? 1);
    return ctx.render(await loadLibraryPage(ctx.state.store, ctx.state.viewer, page));
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
      <Stat value={String(overview.films.length)} label="Films" />
      <Stat value={String(overview.viewings)} label="Viewings" />
      <Stat value={duration(overview.watchSec)} label="Watched in all" />
      <Stat value={rating(overview.meanRating)} label="Average rating" />
    </div>
  );
}

function Pager({ page, pages }: { page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages of films">
      {page > 1 && <a href={`/?page=${page - 1}`} rel="prev">Previous</a>}
      <span class="muted">Page {page} of {pages}</span>
      {page < pages && <a href={`/?page=${page + 1}`} rel="next">Next</a>}
    </nav>
  );
}

export default define.page<typeof handler>(function Library({ data, state }) {
  const { overview, recent } = data;
  if (overview.films.length === 0) return <Welcome signedOut={state.viewer === null} />;
  const rated = overview.films.filter((f) => f.mean !== null).slice(0, CHARTED_FILMS);
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
        <h2>Favourites</h2>
        {rated.length > 0
          ? (
            <div class="chart card">
              <BarChart
                id="favourites"
                categories={rated.map((f) => (f.year ? `${f.title} (${f.year})` : f.title))}
                values={rated.map((f) => f.mean!)}
                links={rated.map((f) => `/films/${encodeURIComponent(f.slug)}`)}
                valueLabel="Mean rating"
                horizontal
                max={100}
                digits={1}
                description="Films by their audience's mean rating, highest first"
              />
            </div>
          )
          : <p class="muted">No film has a finished viewing yet.</p>}
        <div class="table-scroll">
          <table class="films">
            <caption class="visually-hidden">Every film, by mean rating</caption>
            <thead>
              <tr>
                <th scope="col" class="num">#</th>
                <th scope="col">Film</th>
                <th scope="col" class="num">Rating</th>
                <th scope="col" class="num">Viewings</th>
                <th scope="col" class="num wide-only">Watched</th>
              </tr>
            </thead>
            <tbody>
              {overview.films.map((film, k) => (
                <tr data-film={film.slug}>
                  <td class="num muted">{film.mean === null ? "" : k + 1}</td>
                  <td>
                    <a href={`/films/${encodeURIComponent(film.slug)}`}>{film.title}</a>
                    {film.year && <span class="muted">{` (${film.year})`}</span>}
                  </td>
                  <td class="num">{rating(film.mean)}</td>
                  <td class="num">{film.viewings}</td>
                  <td class="num wide-only">{duration(film.watchSec)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager page={data.page} pages={data.pages} />
      </section>

      <section class="section">
        <h2>Recent viewings</h2>
        {recent.length > 0
          ? (
            <ul class="recent card">
              {recent.map((v) => (
                <li class="recent__item">
                  <a class="recent__title" href={`/screenings/${v.id}`}>{v.title}</a>
                  <span class="muted small">{dateTime(v.startedAt)}</span>
                  <span class="recent__rating">
                    {v.state === "finished"
                      ? rating(v.rating)
                      : <span class="pill">recording</span>}
                  </span>
                </li>
              ))}
            </ul>
          )
          : <p class="muted">No viewings yet.</p>}
      </section>
    </div>
  );
});
