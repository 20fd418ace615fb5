/**
 * `/films/:slug`: one film across its audience (its data from lib/loaders/film_page.ts); only
 * the charts hydrate, and every number is in the HTML without JavaScript.
 */
import { BigRating } from "@/components/dashboards/BigRating.tsx";
import { DataTable } from "@/components/dashboards/DataTable.tsx";
import { ExpressionShares } from "@/components/dashboards/ExpressionShares.tsx";
import { FavouriteSection } from "@/components/dashboards/FavouriteSection.tsx";
import { RatingDistribution } from "@/components/dashboards/RatingDistribution.tsx";
import { ReactionChart } from "@/components/dashboards/ReactionChart.tsx";
import { MomentsSection } from "@/components/dashboards/MomentsSection.tsx";
import { FilmCard } from "@/components/FilmCard.tsx";
import FilmLinker from "@/islands/FilmLinker.tsx";
import LinkProposals from "@/islands/LinkProposals.tsx";
import { loadLinkProposals, type ProposedTitle } from "@/lib/loaders/link_proposals.ts";
import AudienceChart from "@/islands/AudienceChart.tsx";
import { clock, dateTime, duration, percent, rating, signed } from "@/lib/dashboards/format.ts";
import { AUDIENCE_SERIES, type AudienceMinuteRow, seriesName } from "@/lib/dashboards/film_page.ts";
import {
  type FilmPage,
  LISTED_VIEWINGS,
  loadFilmPage,
  MIN_AUDIENCE,
} from "@/lib/loaders/film_page.ts";
import { isAdmin } from "@/lib/admin.ts";
import { define } from "@/lib/state.ts";
import { pageETag } from "@/lib/framework/etag.ts";
import { restsOn } from "@/lib/dashboards/wording.ts";
import { anchorWords, ordinal } from "@/lib/dashboards/reference_words.ts";
import { ANCHOR_MEANING, ANCHOR_RATING, placeInHistogram } from "@/lib/rating/reference.ts";
import { VerdictSummary } from "@/components/dashboards/VerdictSummary.tsx";
import type { Film, ViewingListing } from "@/lib/store/port.ts";

type FilmPageData = FilmPage & {
  /** Whether this viewer links the film to IMDb, proposes its title, or neither. */
  linkMode: "link" | "propose" | null;
  /** For an admin of a shared server: the titles viewers proposed. */
  proposals: ProposedTitle[];
};

export const handler = define.handlers<FilmPageData>({
  async GET(_req, ctx) {
    const { store, catalog, viewer, accounts } = ctx.state;
    const page = await loadFilmPage(store, catalog, ctx.params.slug, viewer, accounts.mode);
    if (!page) return ctx.renderNotFound();
    // A former slug (see `filmSlug`): the film lives at its current one now.
    if (page.film.slug !== ctx.params.slug) {
      return new Response(null, {
        status: 301,
        headers: { location: `/films/${encodeURIComponent(page.film.slug)}` },
      });
    }
    ctx.state.title = page.film.year ? `${page.film.title} (${page.film.year})` : page.film.title;
    const admin = isAdmin(ctx.state);
    const shared = accounts.mode === "passkeys";
    const proposals = admin && shared && !page.imdb
      ? await loadLinkProposals(catalog, page.film.slug)
      : [];
    const linkMode = admin ? "link" : shared && viewer ? "propose" : null;
    const data = { ...page, linkMode, proposals } as const;
    // What the page shows depends on who asks (their viewings, their rights).
    const etag = await pageETag(data, [ctx.state.theme, ctx.state.stylesheet, viewer?.id]);
    return ctx.render(data, { etag });
  },
});

const BINS = Array.from({ length: 10 }, (_, k) => (k === 9 ? "90–100" : `${k * 10}–${k * 10 + 9}`));

function FilmCardFallback({ film, audience }: { film: Film; audience: FilmPage["audience"] }) {
  return (
    <div class="film-card card">
      <h1 class="film-card__title">
        {film.title}
        {film.year && <span class="film-card__year">{film.year}</span>}
      </h1>
      <p class="muted">
        {film.durationSec > 0 ? duration(film.durationSec) : "Length unknown"}
        {" · "}
        {audience.open
          ? `${film.stats.viewings} viewing${film.stats.viewings === 1 ? "" : "s"} counted`
          : `${audience.viewers} viewer${audience.viewers === 1 ? "" : "s"} so far`}
      </p>
    </div>
  );
}

function Distribution({ film, ratings }: { film: Film; ratings: number[] | null }) {
  const histogram = film.stats.ratingHistogram;
  return (
    <>
      <div class="chart card">
        <RatingDistribution histogram={histogram} ratings={ratings} />
      </div>
      <DataTable summary="The distribution's numbers" caption="Viewings per band of ratings">
        <thead>
          <tr>
            <th scope="col">Rating</th>
            <th scope="col" class="num">Viewings</th>
          </tr>
        </thead>
        <tbody>
          {histogram.map((count, k) => (
            <tr>
              <td>{BINS[k]}</td>
              <td class="num">{count}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

function AudienceTable({ rows }: { rows: AudienceMinuteRow[] }) {
  return (
    <DataTable
      summary={`The chart's numbers, minute by minute (${rows.length} rows)`}
      caption="Each minute of the film: the most viewers, and the share of viewer-seconds per expression detected"
    >
      <thead>
        <tr>
          <th scope="col">Film time</th>
          <th scope="col" class="num">Viewers</th>
          {AUDIENCE_SERIES.map((id) => <th key={id} scope="col" class="num">{seriesName(id)}</th>)}
          <th scope="col" class="num">Added per viewer-second</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>{clock(row.minute * 60)}</td>
            <td class="num">{row.viewers}</td>
            {row.shares.map((share, k) => <td key={k} class="num">{percent(share)}</td>)}
            <td class="num">{signed(row.contribution, 2)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The audience's numbers are withheld: how many viewers there are, and how many more it needs. */
function AudienceClosed({ audience }: { audience: FilmPage["audience"] }) {
  const { viewers, needed } = audience;
  return (
    <section class="section notice audience-closed">
      <p>
        {viewers === 0
          ? "No viewer has finished a viewing of this film yet."
          : `${viewers} viewer${
            viewers === 1 ? " has" : "s have"
          } finished a viewing of this film.`}{" "}
        The audience's rating, charts and favourite moment appear once {MIN_AUDIENCE} viewers have:
        {" "}
        {needed} more viewer{needed === 1 ? "" : "s"}{" "}
        needed. Nobody's single viewing is shown to anyone else.
      </p>
      <p class="actions">
        <a class="button" href="/watch">Watch this film</a>
      </p>
    </section>
  );
}

/** A viewing's place in the film's audience ("63rd percentile here"), from three ratings on. */
function AudiencePlace({ rating, film }: { rating: number | null; film: Film }) {
  const place = rating === null ? null : placeInHistogram(rating, film.stats.ratingHistogram);
  if (!place) return null;
  return (
    <span class="muted small library-viewings__place">
      {ordinal(place.percentile)} percentile here
    </span>
  );
}

function Viewings({ film, viewings }: { film: Film; viewings: ViewingListing[] }) {
  if (viewings.length === 0) {
    return <p class="muted">You have not watched this film here yet.</p>;
  }
  return (
    <>
      <div class="table-scroll">
        <table class="viewings">
          <thead>
            <tr>
              <th scope="col">Started (UTC)</th>
              <th scope="col" class="num">Watched</th>
              <th scope="col" class="num">Rating</th>
            </tr>
          </thead>
          <tbody>
            {viewings.map((v) => (
              <tr data-screening={v.id}>
                <td>
                  <a href={`/screenings/${v.id}`}>{dateTime(v.startedAt, false)}</a>
                  {v.state !== "finished" && <span class="pill">recording</span>}
                </td>
                <td class="num">{v.recordedSec === null ? "—" : duration(v.recordedSec)}</td>
                <td class="num">
                  {rating(v.rating)}
                  <AudiencePlace rating={v.rating} film={film} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {viewings.length === LISTED_VIEWINGS && (
        <p class="muted small">
          The latest {LISTED_VIEWINGS} viewings; {film.stats.viewings} finished viewing
          {film.stats.viewings === 1 ? "" : "s"} count in the film's numbers.
        </p>
      )}
    </>
  );
}

export default define.page<typeof handler>(function FilmPageView({ data }) {
  const { film, mean, favourite, audience } = data;
  const watched = film.stats.viewings > 0;
  return (
    <article class="dashboard film">
      {data.imdb
        ? (
          <>
            <h1 class="visually-hidden">{film.title}</h1>
            <FilmCard film={data.imdb} heading="h2">
              <span class="muted small">
                {film.stats.viewings} viewing{film.stats.viewings === 1 ? "" : "s"} counted here
              </span>
            </FilmCard>
          </>
        )
        : (
          <>
            <FilmCardFallback film={film} audience={audience} />
            {data.proposals.length > 0 && (
              <LinkProposals slug={film.slug} proposals={data.proposals} />
            )}
            {data.linkMode && data.viewings.length > 0 && (
              <FilmLinker
                slug={film.slug}
                title={film.title}
                year={film.year}
                screeningIds={data.viewings.map((v) => v.id)}
                mode={data.linkMode}
              />
            )}
          </>
        )}

      {!audience.open ? <AudienceClosed audience={audience} /> : watched
        ? (
          <>
            <section class="section film-rating">
              <div class="film-rating__mean card">
                <BigRating value={mean} />
                <p class="muted small" data-rests-on={film.stats.viewings}>
                  {restsOn(film.stats.viewings)} {duration(film.stats.watchSec)} watched in all.
                </p>
                {mean !== null && (
                  <p class="muted small">
                    {anchorWords(mean, { rating: ANCHOR_RATING, meaning: ANCHOR_MEANING })}.
                  </p>
                )}
                <VerdictSummary viewings={data.viewings} />
              </div>
              <div class="film-rating__distribution">
                <h2>How viewers rated it</h2>
                <Distribution film={film} ratings={data.ratings} />
              </div>
            </section>

            <section class="section">
              <h2>The audience's favourite 20 seconds</h2>
              <p class="muted small">
                The 20 seconds that added most to the audience's rating, per viewer; "on its own" is
                what those seconds alone would rate.
              </p>
              {favourite
                ? (
                  <div class="moments">
                    <FavouriteSection title="Favourite" section={favourite} />
                  </div>
                )
                : <p class="muted">No 20 seconds of this film added to its rating.</p>}
              {favourite && (
                <p class="muted small">
                  Counting only seconds that at least {favourite.minViewers} viewer
                  {favourite.minViewers === 1 ? "" : "s"} watched (half of the largest audience).
                </p>
              )}
            </section>

            <section class="section chart-section">
              <h2>The audience's reaction over the whole film</h2>
              <p class="muted small">
                Share of the viewers by the expression most often detected on their face (or with no
                face in view), in blocks of {data.blocks.blockSec}{" "}
                seconds, and what each block alone would rate.
              </p>
              <ExpressionShares
                label="The whole film: share of viewer-seconds by expression detected"
                shares={AUDIENCE_SERIES.map((id, k) => ({
                  id,
                  name: seriesName(id),
                  share: data.overall[k],
                }))}
              />
              <div class="chart card">
                <ReactionChart data={data.blocks} who="The audience" id="audience" />
              </div>
              <details class="zoom-seconds">
                <summary>Zoom into seconds</summary>
                <p class="muted small">
                  Second by second: hover for the numbers, drag across the chart to zoom.
                </p>
                <div class="chart card">
                  <AudienceChart filmSlug={film.slug} />
                </div>
              </details>
              <AudienceTable rows={data.minutes} />
            </section>

            <MomentsSection
              filmSlug={film.slug}
              filmTitle={film.title}
              durationSec={film.durationSec}
            />
          </>
        )
        : (
          <section class="section notice">
            <p>
              No finished viewing yet: the audience's rating and charts appear after the first one.
            </p>
            <p class="actions">
              <a class="button" href="/watch">Watch a film</a>
            </p>
          </section>
        )}

      <section class="section">
        <h2>Your viewings</h2>
        <Viewings film={film} viewings={data.viewings} />
      </section>
    </article>
  );
});
