/**
 * `/films/:slug`: one film across its audience. Reads the film with its stats, its per-second
 * audience aggregate (O(film length), whatever the audience) and its latest viewings; only the
 * charts hydrate, and every number is in the HTML without JavaScript.
 */
import { BigRating } from "@/components/dashboards/BigRating.tsx";
import { DataTable } from "@/components/dashboards/DataTable.tsx";
import { ExpressionShares } from "@/components/dashboards/ExpressionShares.tsx";
import { FavouriteSection } from "@/components/dashboards/FavouriteSection.tsx";
import { MomentsSection } from "@/components/dashboards/MomentsSection.tsx";
import { FilmCard } from "@/components/FilmCard.tsx";
import FilmLinker from "@/islands/FilmLinker.tsx";
import AudienceChart from "@/islands/AudienceChart.tsx";
import BarChart from "@/islands/BarChart.tsx";
import { isFilmSlug } from "@/lib/film.ts";
import type { CatalogPort, CatalogTitle } from "@/lib/catalog/port.ts";
import {
  AUDIENCE_SERIES,
  audienceChart,
  type AudienceChartData,
  type AudienceMinuteRow,
  audienceMinutes,
  audienceOverall,
  linesBetween,
  seriesName,
} from "@/lib/dashboards/film_page.ts";
import { clock, dateTime, duration, percent, rating, signed } from "@/lib/dashboards/format.ts";
import { filmMean } from "@/lib/dashboards/library_page.ts";
import type { Handlers, PageProps } from "@/lib/framework/types.ts";
import { audienceFavourite } from "@/lib/rating/audience.ts";
import type { AudienceMoment } from "@/lib/rating/types.ts";
import type { AppState } from "@/lib/state.ts";
import type { Film, ViewingListing } from "@/lib/store/port.ts";
import { secondsOf } from "@/lib/store/viewing_effect.ts";

/** The viewings listed on the page, most recent first. */
export const LISTED_VIEWINGS = 20;
/** How many viewings' seconds are searched for the lines of the audience's favourite. */
const LINE_SOURCES = 3;

/**
 * The lines of each film's audience favourite, kept while the window and the audience stay the
 * same (the film's stats change with every finished or deleted viewing), so that a film page
 * reads a viewing's seconds only when its favourite may have changed. Bounded.
 */
const favouriteLinesByStore = new WeakMap<object, Map<string, { key: string; lines: string[] }>>();
const CACHED_FILMS = 1000;

async function linesOfFavourite(
  store: AppState["store"],
  film: Film,
  window: { start: number; end: number },
  viewings: ViewingListing[],
): Promise<string[]> {
  const { viewings: count, ratingSum, lastWatchedAt } = film.stats;
  const key = [window.start, window.end, count, ratingSum, lastWatchedAt].join(":");
  let favouriteLines = favouriteLinesByStore.get(store);
  if (!favouriteLines) favouriteLinesByStore.set(store, favouriteLines = new Map());
  const cached = favouriteLines.get(film.slug);
  if (cached?.key === key) return cached.lines;
  // The aggregate holds no text: the lines come from the seconds of a few viewings.
  let lines: string[] = [];
  const sources = viewings.filter((v) => v.state === "finished").slice(0, LINE_SOURCES);
  for (const viewing of sources) {
    const minutes = await store.listMinutes(viewing.id);
    lines = linesBetween(secondsOf(minutes ?? []), window.start, window.end);
    if (lines.length > 0) break;
  }
  favouriteLines.delete(film.slug);
  if (favouriteLines.size >= CACHED_FILMS) {
    favouriteLines.delete(favouriteLines.keys().next().value!);
  }
  favouriteLines.set(film.slug, { key, lines });
  return lines;
}

/** The IMDb title the film is linked to, if any (the catalog may be empty or unreachable). */
async function catalogTitle(catalog: CatalogPort, slug: string): Promise<CatalogTitle | null> {
  try {
    const tconst = await catalog.filmLink(slug);
    return tconst ? await catalog.title(tconst) : null;
  } catch (error) {
    // The audience's numbers matter more than the card: show the page without it.
    console.error(`catalog lookup for ${slug} failed:`, error);
    return null;
  }
}

interface FilmPage {
  film: Film;
  /** IMDb data, when the film is linked to a catalog title. */
  imdb: CatalogTitle | null;
  mean: number | null;
  chart: AudienceChartData;
  minutes: AudienceMinuteRow[];
  /** Shares of all viewer-seconds per series of AUDIENCE_SERIES. */
  overall: number[];
  favourite: (AudienceMoment & { lines: string[] }) | null;
  viewings: ViewingListing[];
}

export const handler: Handlers<FilmPage, AppState> = {
  async GET(_req, ctx) {
    const { store } = ctx.state;
    const slug = ctx.params.slug;
    const film = isFilmSlug(slug) ? await store.getFilm(slug) : null;
    if (!film) return ctx.renderNotFound();
    // A former slug (see `filmSlug`): the film lives at its current one now.
    if (film.slug !== slug) {
      return new Response(null, {
        status: 301,
        headers: { location: `/films/${encodeURIComponent(film.slug)}` },
      });
    }
    const [aggregate, viewings, imdb] = await Promise.all([
      store.readAudience(film.slug),
      store.listViewings({ film: film.slug, limit: LISTED_VIEWINGS }),
      catalogTitle(ctx.state.catalog, film.slug),
    ]);
    const best = audienceFavourite(aggregate);
    const favourite = best
      ? { ...best, lines: await linesOfFavourite(store, film, best, viewings) }
      : null;
    ctx.state.title = film.year ? `${film.title} (${film.year})` : film.title;
    return ctx.render({
      film,
      imdb,
      mean: filmMean(film),
      chart: audienceChart(aggregate),
      minutes: audienceMinutes(aggregate),
      overall: audienceOverall(aggregate),
      favourite,
      viewings,
    });
  },
};

const BINS = Array.from({ length: 10 }, (_, k) => (k === 9 ? "90–100" : `${k * 10}–${k * 10 + 9}`));

function FilmCardFallback({ film }: { film: Film }) {
  return (
    <div class="film-card card">
      <h1 class="film-card__title">
        {film.title}
        {film.year && <span class="film-card__year">{film.year}</span>}
      </h1>
      <p class="muted">
        {film.durationSec > 0 ? duration(film.durationSec) : "Length unknown"}
        {" · "}
        {film.stats.viewings} viewing{film.stats.viewings === 1 ? "" : "s"} counted
      </p>
    </div>
  );
}

function Distribution({ film }: { film: Film }) {
  const histogram = film.stats.ratingHistogram;
  return (
    <>
      <div class="chart card">
        <BarChart
          id="ratings"
          categories={BINS}
          values={histogram}
          valueLabel="Viewings"
          horizontal={false}
          digits={0}
          description="How many viewings gave each band of ratings"
        />
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

function Viewings({ film, viewings }: { film: Film; viewings: ViewingListing[] }) {
  if (viewings.length === 0) {
    return <p class="muted">Nobody has watched this film here yet.</p>;
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
                <td class="num">{rating(v.rating)}</td>
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

export default function FilmPageView({ data }: PageProps<FilmPage, AppState>) {
  const { film, mean, favourite } = data;
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
            <FilmCardFallback film={film} />
            {data.viewings.length > 0 && (
              <FilmLinker
                slug={film.slug}
                title={film.title}
                year={film.year}
                screeningIds={data.viewings.map((v) => v.id)}
              />
            )}
          </>
        )}

      {watched
        ? (
          <>
            <section class="section film-rating">
              <div class="film-rating__mean card">
                <BigRating value={mean} />
                <p class="muted small">
                  The audience's mean rating over {film.stats.viewings} viewing
                  {film.stats.viewings === 1 ? "" : "s"}, {duration(film.stats.watchSec)}{" "}
                  watched in all.
                </p>
              </div>
              <div class="film-rating__distribution">
                <h2>How viewers rated it</h2>
                <Distribution film={film} />
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
              <h2>The audience's expressions, second by second</h2>
              <p class="muted small">
                Share of the viewers at each second by the expression most often detected on their
                face, or with no face in view. Hover for the numbers; drag to zoom.
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
                <AudienceChart data={data.chart} />
              </div>
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
        <h2>Viewings</h2>
        <Viewings film={film} viewings={data.viewings} />
      </section>
    </article>
  );
}
