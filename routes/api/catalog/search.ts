/**
 * `GET /api/catalog/search?title=&year=&limit=` → `{ candidates: [...] }`: catalog titles a
 * library film may be, best first (lib/catalog/suggest.ts), for the user to confirm one.
 */
import { jsonError } from "@/lib/framework/app.ts";
import type { Handlers } from "@/lib/framework/types.ts";
import { imdbUrl } from "@/lib/catalog/imdb.ts";
import { titleKey } from "@/lib/catalog/normalize.ts";
import { EMPTY_CATALOG_MESSAGE } from "@/lib/recommend/recommend.ts";
import { rankSuggestions } from "@/lib/catalog/suggest.ts";
import type { AppState } from "@/lib/state.ts";

/** Titles fetched by key before ranking: enough that the right year is among them. */
const FETCH = 50;
const MAX_LIMIT = 25;

export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const params = ctx.url.searchParams;
    const title = params.get("title")?.trim() ?? "";
    if (title === "" || title.length > 300 || titleKey(title) === "") {
      return jsonError("title: give the film's title (1–300 characters, letters or digits)", 400);
    }
    const yearText = params.get("year")?.trim() ?? "";
    const year = yearText === "" ? null : Number(yearText);
    if (year !== null && !(Number.isInteger(year) && year >= 1870 && year <= 2100)) {
      return jsonError("year: must be an integer from 1870 to 2100", 400);
    }
    const limitText = params.get("limit")?.trim() ?? "";
    const limit = limitText === "" ? 10 : Number(limitText);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)) {
      return jsonError(`limit: must be an integer from 1 to ${MAX_LIMIT}`, 400);
    }
    const catalog = ctx.state.catalog;
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
      return Response.json({ candidates, message: EMPTY_CATALOG_MESSAGE });
    }
    return Response.json({ candidates });
  },
};
