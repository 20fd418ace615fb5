/**
 * `/recommend`: films for a mood. The form (islands/MoodPicker.tsx) is a GET form, so picking a
 * mood works without JavaScript: this page reads `?emotion=&type=&language=&actor=` and renders
 * the catalog's films and the library's films for that expression on the server.
 */
import { FilmCard } from "@/components/FilmCard.tsx";
import MoodPicker from "@/islands/MoodPicker.tsx";
import { EXPRESSION_CHOICES } from "@/lib/recommend/capture.ts";
import { FILTER_LANGUAGES } from "@/lib/recommend/languages.ts";
import type { LibraryPick } from "@/lib/recommend/library.ts";
import { IMDB_DATASETS_URL } from "@/lib/catalog/imdb.ts";
import { loadRecommendPage, type RecommendPage } from "@/lib/loaders/recommend_page.ts";
import type { Recommendation, RecommendRequest } from "@/lib/recommend/recommend.ts";
import type { Expression } from "@/lib/recording.ts";
import { define } from "@/lib/state.ts";

export const handler = define.handlers<RecommendPage>({
  async GET(_req, ctx) {
    const { store, catalog } = ctx.state;
    const { page, status } = await loadRecommendPage(store, catalog, ctx.url.searchParams);
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

function EmptyCatalog() {
  return (
    <div class="notice notice--warn catalog-empty">
      <p>
        <strong>The film catalog is empty.</strong> Download IMDb's datasets (
        <code>title.basics</code>, <code>title.ratings</code>, <code>title.principals</code>,{" "}
        <code>name.basics</code>, <code>title.akas</code>, as <code>.tsv.gz</code>) from{" "}
        <a href={IMDB_DATASETS_URL} rel="noopener noreferrer external">datasets.imdbws.com</a>{" "}
        (free for non-commercial use) and run <code>deno task import:imdb &lt;dir&gt;</code>.
      </p>
    </div>
  );
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
    <section class="section recommend-results" aria-labelledby="results-title">
      <h2 id="results-title">
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
        ? null
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
  const { form, error, catalogEmpty, result } = data;
  return (
    <div class="recommend">
      <header class="recommend-intro">
        <h1>Find a film for your mood</h1>
        <p class="hero__lead">
          Pick the mood closest to yours, or let the camera read your expression for five seconds.
          Then choose whether to lift the mood or stay in it.
        </p>
      </header>
      {catalogEmpty && <EmptyCatalog />}
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
