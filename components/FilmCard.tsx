/**
 * A catalog film as a card: title, year, IMDb rating and votes, runtime, genres, directors,
 * top cast and a link to its IMDb page. Server-rendered (no JavaScript); `children` go in the
 * card's footer (e.g. a "link this film" button).
 */
import type { ComponentChildren } from "preact";
import { imdbUrl } from "@/lib/catalog/imdb.ts";
import {
  formatCast,
  formatRating,
  formatRuntime,
  formatVotes,
  formatVotesLong,
} from "@/lib/catalog/format.ts";
import type { CatalogTitle } from "@/lib/catalog/port.ts";

export interface FilmCardProps {
  film: CatalogTitle;
  /** The heading level of the title in the page's outline. */
  heading?: "h2" | "h3" | "h4";
  children?: ComponentChildren;
}

export function FilmCard({ film, heading = "h3", children }: FilmCardProps) {
  const Heading = heading;
  const runtime = formatRuntime(film.runtimeMinutes);
  const meta = [runtime, film.titleType === "tvMovie" ? "TV film" : null].filter(Boolean);
  const directors = film.directors.map((d) => d.name).join(", ");
  return (
    <article class="catalog-card card" data-tconst={film.tconst}>
      <header class="catalog-card__head">
        <Heading class="catalog-card__title">
          {film.title}
          {film.year !== null && <span class="catalog-card__year">{film.year}</span>}
        </Heading>
        {film.rating !== null
          ? (
            <p
              class="catalog-card__rating"
              title={`IMDb rating ${formatRating(film.rating)} out of 10 from ${
                formatVotesLong(film.votes)
              }`}
            >
              <span class="catalog-card__stars" aria-hidden="true">★</span>
              <span class="catalog-card__score">{formatRating(film.rating)}</span>
              <span class="visually-hidden">out of 10 on IMDb,</span>
              <span class="catalog-card__votes">
                <span aria-hidden="true">{formatVotes(film.votes)} votes</span>
                <span class="visually-hidden">{formatVotesLong(film.votes)}</span>
              </span>
            </p>
          )
          : <p class="catalog-card__rating catalog-card__rating--none">Not rated yet</p>}
      </header>
      {film.originalTitle !== film.title && (
        <p class="catalog-card__original small muted">
          Original title: <span lang="">{film.originalTitle}</span>
        </p>
      )}
      {meta.length > 0 && <p class="catalog-card__meta small muted">{meta.join(" · ")}</p>}
      {film.genres.length > 0 && (
        <ul class="catalog-card__genres" aria-label="Genres">
          {film.genres.map((genre) => <li key={genre} class="pill">{genre}</li>)}
        </ul>
      )}
      {(directors || film.cast.length > 0) && (
        <dl class="catalog-card__credits">
          {directors && (
            <>
              <dt>{film.directors.length > 1 ? "Directors" : "Director"}</dt>
              <dd>{directors}</dd>
            </>
          )}
          {film.cast.length > 0 && (
            <>
              <dt>Cast</dt>
              <dd>{formatCast(film.cast)}</dd>
            </>
          )}
        </dl>
      )}
      <footer class="catalog-card__foot">
        <a
          class="catalog-card__imdb"
          href={imdbUrl(film.tconst)}
          target="_blank"
          rel="noopener noreferrer external"
        >
          IMDb page<span class="visually-hidden">
            {` of ${film.title} (opens in a new tab)`}
          </span>
          <span aria-hidden="true">↗</span>
        </a>
        {children}
      </footer>
    </article>
  );
}
