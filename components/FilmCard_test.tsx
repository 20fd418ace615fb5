import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { FilmCard } from "./FilmCard.tsx";
import {
  formatCast,
  formatRating,
  formatRuntime,
  formatVotes,
  formatVotesLong,
} from "@/lib/catalog/format.ts";
import { STAR_CAFE } from "@/tests/fixtures/catalog_title.ts";

const FILM = STAR_CAFE;

Deno.test("figures read as people write them", () => {
  assert.equal(formatRuntime(45), "45 min");
  assert.equal(formatRuntime(95), "1 h 35 min");
  assert.equal(formatRuntime(120), "2 h");
  assert.equal(formatRuntime(122), "2 h 2 min");
  assert.equal(formatRuntime(null), null);
  assert.equal(formatRuntime(0), null);
  assert.equal(formatVotes(40), "40");
  assert.equal(formatVotes(9_000), "9K");
  assert.equal(formatVotes(760_000), "760K");
  assert.equal(formatVotes(2_100_000), "2.1M");
  assert.equal(formatVotesLong(1), "1 vote");
  assert.equal(formatVotesLong(760_000), "760,000 votes");
  assert.equal(formatRating(7), "7.0");
  assert.equal(formatCast(FILM.cast), "Claire Dubois (Odile), Zoë Marchetti");
});

Deno.test("the film card shows rating, votes, credits, genres and the IMDb link", () => {
  const html = renderToString(<FilmCard film={FILM} heading="h2" />);
  assert.match(html, /^<article class="catalog-card card" data-tconst="tt0100010">/);
  assert.match(
    html,
    /<h2 class="catalog-card__title">The Star Café<span class="catalog-card__year">2001<\/span><\/h2>/,
  );
  assert.match(html, /title="IMDb rating 8\.3 out of 10 from 760,000 votes"/);
  assert.match(html, /760K votes/);
  assert.match(html, /Original title: <span lang>Le Café des Étoiles<\/span>/);
  assert.match(html, /2 h 2 min/);
  assert.match(html, /<li class="pill">Comedy<\/li><li class="pill">Romance<\/li>/);
  assert.match(
    html,
    /<dt>Director<\/dt><dd>Luc Beaumont<\/dd><dt>Cast<\/dt><dd>Claire Dubois \(Odile\), Zoë Marchetti<\/dd>/,
  );
  assert.match(
    html,
    /href="https:\/\/www\.imdb\.com\/title\/tt0100010\/" target="_blank" rel="noopener noreferrer external"/,
  );
});

Deno.test("an unrated TV film without credits still makes a tidy card", () => {
  const html = renderToString(
    <FilmCard
      film={{
        ...FILM,
        titleType: "tvMovie",
        originalTitle: FILM.title,
        rating: null,
        votes: 0,
        weightedRating: null,
        runtimeMinutes: null,
        genres: [],
        directors: [],
        cast: [],
        year: null,
      }}
    >
      <button type="button">Link</button>
    </FilmCard>,
  );
  assert.match(html, /Not rated yet/);
  assert.match(html, /TV film/);
  assert.doesNotMatch(html, /Original title|catalog-card__genres|<dl|catalog-card__year|votes/);
  assert.match(html, /<\/a><button type="button">Link<\/button><\/footer>/);
});
