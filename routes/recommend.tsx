/**
 * `/recommend`: films for a mood. The form (islands/MoodPicker.tsx) is a GET form, so picking a
 * mood works without JavaScript: this page reads `?emotion=&type=&language=&actor=` and renders
 * the catalog's films and the library's films for that expression on the server. The form's
 * action ends in `#results`, so the browser brings the results into view after "Find films".
 * With an empty catalog, the page offers to download and import it (islands/CatalogImport.tsx).
 */
import { FilmCard } from "@/components/FilmCard.tsx";
import MoodPicker from "@/islands/MoodPicker.tsx";
import { EXPRESSION_CHOICES } from "@/lib/recommend/capture.ts";
import { FILTER_LANGUAGES } from "@/lib/recommend/languages.ts";
import type { LibraryPick } from "@/lib/recommend/library.ts";
import CatalogImport from "@/islands/CatalogImport.tsx";
import { isAdmin } from "@/lib/admin.ts";
import { loadRecommendPage, type RecommendPage } from "@/lib/loaders/recommend_page.ts";
import type { Recommendation, RecommendRequest } from "@/lib/recommend/recommend.ts";
import type { Expression } from "@/lib/recording.ts";
import { define } from "@/lib/state.ts";

export const handler = define.handlers<RecommendPage>({
  async GET(_req, ctx) {
    const { store, catalog, catalogImport } = ctx.state;
    const { page, status } = await loadRecommendPage(store, catalog, ctx.url.searchParams, {
      status: catalogImport.status(),
      mayStart: isAdmin(ctx.state),
    }, { viewer: ctx.state.viewer, mode: ctx.state.accounts.mode });
    return ctx.render(page, { status });
  },
});

export const title = ({ data }: { data: RecommendPage }) => {
  const result = data.result;
  if (!result) return "Find a film for your mood";
  return `Films for ${EXPRESSION_CHOICES[result.request.emotion].phrase} mood`;
};

function list(items: readonly string[], last: "and" | "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

function Results(
  { request, recommendation, catalogEmpty }: {
    request: RecommendRequest;
    recommendation: Recommendation;
    catalogEmpty: boolean;
  },
) {
  const mood = EXPRESSION_CHOICES[request.emotion].phrase;
  const aim = request.recommendation_type === "improve" ? "to lift" : "to stay with";
  const filters = [
    request.language
      ? `with a title in ${
        FILTER_LANGUAGES.find((l) => l.code === request.language)?.name ?? `“${request.language}”`
      }`
      : null,
    request.actor ? `with ${request.actor}` : null,
  ].filter(Boolean);
  return (
    <section class="section recommend-results" id="results" aria-labelledby="results-title">
      <h2 id="results-title" tabIndex={-1}>
        Films {aim} {mood} mood{filters.length > 0 ? `, ${filters.join(" and ")}` : ""}
      </h2>
      <p class="recommend-reason">
        {recommendation.reason}{" "}
        <span class="muted">
          Looking for {list(recommendation.genres, "or")}
          {recommendation.avoid.length > 0
            ? `; leaving out ${list(recommendation.avoid, "and")}`
            : ""}
          . Ranked by IMDb rating weighted by votes.
        </span>
      </p>
      {recommendation.movies.length > 0
        ? (
          <div class="grid recommend-grid">
            {recommendation.movies.map((film) => <FilmCard key={film.tconst} film={film} />)}
          </div>
        )
        : catalogEmpty
        ? (
          <p class="notice notice--warn recommend-empty-catalog">
            No films yet: the film catalog is empty (<a href="#catalog">see above</a>).
          </p>
        )
        : <p class="notice notice--warn recommend-empty">{recommendation.message}</p>}
    </section>
  );
}

function Library({ picks, emotion }: { picks: LibraryPick[]; emotion: Expression }) {
  const expression = EXPRESSION_CHOICES[emotion].phrase;
  return (
    <section class="section library-picks" aria-labelledby="library-title">
      <h2 id="library-title">From your library</h2>
      {picks.length === 0
        ? (
          <p class="muted">
            No film in your library has drawn {expression} expression from its viewers yet.
          </p>
        )
        : (
          <>
            <p class="muted">
              Films whose viewers most often showed {expression}{" "}
              expression, by share of recorded seconds (short recordings count for less).
            </p>
            <ol class="library-picks__list">
              {picks.map((pick) => (
                <li key={pick.slug} class="card library-pick">
                  <a href={`/films/${encodeURIComponent(pick.slug)}`} class="library-pick__title">
                    {pick.title}
                    {pick.year !== null && <span class="muted">({pick.year})</span>}
                  </a>
                  <span class="small muted">
                    {Math.round(pick.share * 100)}% of recorded seconds · {pick.viewers} viewing
                    {pick.viewers === 1 ? "" : "s"}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
    </section>
  );
}

export default define.page<typeof handler>(function Recommend({ data }) {
  const { form, error, catalogEmpty, catalogImport, result } = data;
  return (
    <div class="recommend">
      <header class="recommend-intro">
        <h1>Find a film for your mood</h1>
        <p class="hero__lead">
          Pick the mood closest to yours, or let the camera read your expression for five seconds.
          Then choose whether to lift the mood or stay in it.
        </p>
      </header>
      {catalogImport && (
        <CatalogImport
          status={catalogImport.status}
          mayStart={catalogImport.mayStart}
          reloadWhenDone={result !== null}
        />
      )}
      {error && <p class="notice notice--error recommend-error" role="alert">{error}</p>}
      <MoodPicker {...form} languages={[...FILTER_LANGUAGES]} />
      {result && (
        <>
          <Results
            request={result.request}
            recommendation={result.recommendation}
            catalogEmpty={catalogEmpty}
          />
          <Library picks={result.library} emotion={result.request.emotion} />
        </>
      )}
    </div>
  );
});
