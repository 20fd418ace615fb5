/**
 * `GET /api/catalog/search?title=&year=&limit=` → `{ candidates: [...] }`: catalog titles a
 * library film may be, best first (lib/catalog/suggest.ts), for the user to confirm one.
 */
import { parseSearchQuery } from "@/lib/api/search_input.ts";
import { imdbUrl } from "@/lib/catalog/imdb.ts";
import { titleKey } from "@/lib/catalog/normalize.ts";
import { rankSuggestions } from "@/lib/catalog/suggest.ts";
import { json } from "@/lib/framework/http.ts";
import { EMPTY_CATALOG_MESSAGE } from "@/lib/recommend/recommend.ts";
import { define } from "@/lib/state.ts";

/** Titles fetched by key before ranking: enough that the right year is among them. */
const FETCH = 50;

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { title, year, limit } = parseSearchQuery(ctx.url.searchParams);
    const { catalog } = ctx.state;
    const found = await catalog.findTitles(titleKey(title), FETCH);
    const candidates = rankSuggestions(title, year, found, limit).map((s) => ({
      tconst: s.tconst,
      title: s.title,
      original_title: s.originalTitle,
      year: s.year,
      title_type: s.titleType,
      rating: s.rating,
      votes: s.votes,
      imdb_url: imdbUrl(s.tconst),
      match: s.match,
      year_delta: s.yearDelta,
      confidence: s.confidence,
    }));
    if (candidates.length === 0 && await catalog.isEmpty()) {
      return json({ candidates, message: EMPTY_CATALOG_MESSAGE });
    }
    return json({ candidates });
  },
});
