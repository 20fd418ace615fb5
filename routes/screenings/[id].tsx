/**
 * `/screenings/:id`: one viewing, server-rendered from the stored summary and seconds (its
 * data from lib/loaders/viewing_page.ts); only the charts and the delete button hydrate. Every
 * number is in the HTML without JavaScript.
 */
import { BigRating } from "@/components/dashboards/BigRating.tsx";
import { DataTable } from "@/components/dashboards/DataTable.tsx";
import { ExpressionShares } from "@/components/dashboards/ExpressionShares.tsx";
import { FavouriteSection } from "@/components/dashboards/FavouriteSection.tsx";
import { MomentsSection } from "@/components/dashboards/MomentsSection.tsx";
import { Stat } from "@/components/dashboards/Stat.tsx";
import { ReactionChart } from "@/components/dashboards/ReactionChart.tsx";
import { RatingReferenceNote } from "@/components/dashboards/RatingReference.tsx";
import DeleteViewing from "@/islands/DeleteViewing.tsx";
import ViewingVerdict from "@/islands/ViewingVerdict.tsx";
import ViewingCharts from "@/islands/ViewingCharts.tsx";
import { AUDIENCE_SERIES } from "@/lib/dashboards/film_page.ts";
import { clock, dateTime, duration, percent, rating, signed } from "@/lib/dashboards/format.ts";
import type { MinuteRow } from "@/lib/dashboards/viewing_page.ts";
import { loadViewingPage, type ViewingPage } from "@/lib/loaders/viewing_page.ts";
import { define } from "@/lib/state.ts";
import { pageETag } from "@/lib/framework/etag.ts";

export const handler = define.handlers<ViewingPage>({
  async GET(_req, ctx) {
    const { store, viewer, accounts } = ctx.state;
    const page = await loadViewingPage(store, viewer, ctx.params.id, accounts.mode);
    if (!page) return ctx.renderNotFound();
    ctx.state.title = `${page.film.title}: a viewing`;
    const etag = await pageETag(page, [ctx.state.theme, ctx.state.stylesheet, viewer?.id]);
    return ctx.render(page, { etag });
  },
});

function Export({ id, slug }: { id: string; slug: string }) {
  return (
    <p class="actions">
      <a
        class="button button--ghost button--small"
        href={`/api/screenings/${id}`}
        download={`reelfeel-${slug}-${id}.json`}
        data-export="json"
      >
        Download JSON
      </a>
      <a
        class="button button--ghost button--small"
        href={`/api/screenings/${id}.csv`}
        download={`reelfeel-${slug}-${id}.csv`}
        data-export="csv"
      >
        Download CSV
      </a>
    </p>
  );
}

function MinutesTable({ rows }: { rows: MinuteRow[] }) {
  return (
    <DataTable
      summary={`The charts' numbers, minute by minute (${rows.length} rows)`}
      caption="Each minute watched: film time, the expression most often detected, what it added to the rating, the score at its end, and head movement"
    >
      <thead>
        <tr>
          <th scope="col">Watched</th>
          <th scope="col">Film time</th>
          <th scope="col">Expression most often detected</th>
          <th scope="col" class="num">Face seen</th>
          <th scope="col" class="num">Added</th>
          <th scope="col" class="num">Score</th>
          <th scope="col" class="num">Movement mean / max</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>{clock(row.minute * 60)}</td>
            <td>{clock(row.fromT)}–{clock(row.toT)}</td>
            <td>{row.top ?? "no face"}</td>
            <td class="num">{row.faceSec} s</td>
            <td class="num">{signed(row.contribution, 1)}</td>
            <td class="num">{rating(row.score)}</td>
            <td class="num">{row.movementMean.toFixed(2)} / {row.movementMax.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function Finished(
  { data }: { data: ViewingPage & { finished: NonNullable<ViewingPage["finished"]> } },
) {
  const { summary, minutes } = data.finished;
  const { volatility, movement, predominant } = summary;
  const facePercent = summary.recordedSec > 0 ? summary.faceSec / summary.recordedSec : 0;
  const streak = volatility.longestStreak;
  return (
    <>
      <section class="viewing-hero card">
        <div class="viewing-hero__rating">
          <BigRating value={summary.rating} />
          <RatingReferenceNote reference={data.finished.reference} />
        </div>
        <div class="viewing-hero__text">
          <h2>How this rating was made</h2>
          <p class="muted">
            It starts at 50; each recorded second adds or takes away points by the facial expression
            detected and how much the head moved. Held expressions and visible reactions add most;
            five seconds or more without a face take away. The rating is 50 plus the average over
            the {duration(summary.countedSec)} that count{summary.countedSec < summary.recordedSec
              ? " (glances away shorter than 5 seconds are left out)"
              : ""}.
          </p>
        </div>
      </section>

      <section class="section" aria-labelledby="verdict-title">
        <h2 id="verdict-title">Your verdict</h2>
        <ViewingVerdict screeningId={data.screening.id} verdict={data.screening.verdict} />
      </section>

      <section class="section">
        <div class="stats">
          <Stat value={duration(summary.recordedSec)} label="Watched" />
          <Stat
            value={duration(summary.distractedSec)}
            label="Looked away"
            hint="in stretches of 5 s or more with no face in view"
          />
          <Stat
            value={percent(facePercent)}
            label="Face in view"
            hint={`${summary.faceSec} of ${summary.recordedSec} seconds`}
          />
          <Stat
            value={volatility.switchesPerMinute.toFixed(1)}
            label="Expression changes a minute"
            hint={streak
              ? `longest: ${streak.label} for ${streak.seconds} s from ${clock(streak.start)}`
              : undefined}
          />
          <Stat
            value={movement.mean.toFixed(2)}
            label="Head movement (face widths/s)"
            hint={`${movement.seconds.large} s of large moves, ${summary.spikes} reaction${
              summary.spikes === 1 ? "" : "s"
            }`}
          />
        </div>
      </section>

      <section class="section">
        <h2>Favourite 20 seconds</h2>
        <p class="muted small">
          The 20 seconds of the film that added most to the rating, then the next two; "on its own"
          is what those seconds alone would rate.
        </p>
        {summary.favourite
          ? (
            <div class="moments">
              <FavouriteSection title="The favourite" section={summary.favourite} />
              {summary.moments.map((moment, k) => (
                <FavouriteSection title={k === 0 ? "Next best" : "Third best"} section={moment} />
              ))}
            </div>
          )
          : (
            <p class="muted">
              No 20 seconds of this viewing added to the rating, so there is no favourite.
            </p>
          )}
      </section>

      <section class="section">
        <h2>Expressions most often detected</h2>
        <p class="muted small">
          Share of the {summary.faceSec}{" "}
          seconds with a face in view. These are guesses about a face's expression, not about what
          anyone felt.
        </p>
        <ExpressionShares
          label="Share of seconds by expression detected"
          shares={[...predominant.shares]
            .sort((a, b) =>
              AUDIENCE_SERIES.indexOf(a.label) - AUDIENCE_SERIES.indexOf(b.label)
            )
            .map((s) => ({ id: s.label, name: s.label, share: s.share }))}
        />
      </section>

      <section class="section chart-section">
        <h2>Your reaction over the whole film</h2>
        <p class="muted small">
          What each block of {data.finished.blocks.blockSec}{" "}
          seconds alone would rate, and the share of each expression detected in it.
        </p>
        <div class="chart card">
          <ReactionChart data={data.finished.blocks} who="This viewing" id="viewing" />
        </div>
        <details class="zoom-seconds">
          <summary>Zoom into seconds</summary>
          <ViewingCharts screeningId={data.screening.id} />
        </details>
      </section>
      <section class="section">
        <MinutesTable rows={minutes} />
      </section>
    </>
  );
}

export default define.page<typeof handler>(function ViewingPageView({ data }) {
  const { screening, film } = data;
  return (
    <article class="dashboard viewing">
      <header class="page-head">
        <p class="page-head__kicker">A viewing of</p>
        <h1>
          <a class="page-head__film" href={`/films/${encodeURIComponent(film.slug)}`}>
            {film.title}
          </a>
          {film.year ? <span class="page-head__year">{film.year}</span> : null}
        </h1>
        <p class="muted">
          Started {dateTime(screening.startedAt)}
          {screening.finishedAt ? `, finished ${dateTime(screening.finishedAt)}` : ""}.
        </p>
      </header>

      {data.finished
        ? <Finished data={data as Parameters<typeof Finished>[0]["data"]} />
        : (
          <section class="notice notice--warn section">
            <p>
              This viewing is still being recorded: {duration(data.recordedSec)}{" "}
              received so far. Its rating and charts appear when it is finished (by the viewer, or
              automatically after 30 idle minutes).
            </p>
          </section>
        )}

      {data.recordedSec > 0 && (
        <MomentsSection
          screeningId={screening.id}
          filmSlug={film.slug}
          filmTitle={film.title}
          durationSec={screening.durationSec}
        />
      )}
      <section class="section viewing-actions">
        <h2>Your data</h2>
        <p class="muted small">
          Everything recorded in this viewing, second by second: expression guesses, head movement,
          subtitle lines. No image was ever recorded.
        </p>
        <Export id={screening.id} slug={film.slug} />
        <DeleteViewing screeningId={screening.id} filmSlug={film.slug} filmTitle={film.title} />
      </section>
    </article>
  );
});
