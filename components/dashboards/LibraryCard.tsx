/** A film of the library as a card: generated poster, title, rating with its reference, date. */
import { FilmPoster } from "./FilmPoster.tsx";
import { dateTime, rating } from "@/lib/dashboards/format.ts";
import { anchorWords, placeWords } from "@/lib/dashboards/reference_words.ts";
import { count } from "@/lib/dashboards/wording.ts";
import type { LibraryCard as Card } from "@/lib/loaders/library_page.ts";
import {
  ANCHOR_MEANING,
  ANCHOR_RATING,
  MIN_OWN_RATINGS,
  placeInHistogram,
} from "@/lib/rating/reference.ts";

export function LibraryCard({ card, histogram }: { card: Card; histogram: readonly number[] }) {
  const { film } = card;
  const href = `/films/${encodeURIComponent(film.slug)}`;
  const place = film.mean === null ? null : placeInHistogram(film.mean, histogram, MIN_OWN_RATINGS);
  return (
    <article class="library-card card" data-film={film.slug}>
      <a class="library-card__poster" href={href} tabindex={-1} aria-hidden="true">
        <FilmPoster poster={card.poster} title={film.title} />
      </a>
      <div class="library-card__body">
        <h3 class="library-card__title">
          <a href={href}>{film.title}</a>
          {film.year && <span class="muted">{` ${film.year}`}</span>}
        </h3>
        {film.mean === null
          ? (
            <p class="muted small">
              No finished viewing yet: its rating comes with the first.
            </p>
          )
          : (
            <>
              <p class="library-card__rating">
                {card.rank !== null && <span class="library-card__rank">#{card.rank}</span>}
                <b data-rating={film.mean}>{rating(film.mean)}</b>
                <span class="muted small">
                  {film.viewings > 1
                    ? ` mean of ${count(film.viewings, "viewing")}`
                    : " one viewing"}
                </span>
              </p>
              <p class="library-card__ref small muted">
                {anchorWords(film.mean, { rating: ANCHOR_RATING, meaning: ANCHOR_MEANING })
                  .replace(/ \(.*\)$/, " (a face at rest)")}
                {place ? `; ${placeWords(place, "your")}` : ""}
              </p>
            </>
          )}
        {card.lastWatchedAt && (
          <p class="library-card__date small muted">
            Last watched <time datetime={card.lastWatchedAt}>{dateTime(card.lastWatchedAt)}</time>
          </p>
        )}
      </div>
    </article>
  );
}
