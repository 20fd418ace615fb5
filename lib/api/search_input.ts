/**
 * `GET /api/catalog/search?title=&year=&limit=` input. Its messages name the parameter
 * ("year: must be …"); they are answered as `{ error }`, as this endpoint always has.
 */
import { HttpError } from "@/lib/framework/errors.ts";
import { YEAR_MAX, YEAR_MIN } from "@/lib/film.ts";
import { titleKey } from "@/lib/catalog/normalize.ts";
import { isIntegerIn, withoutControlCharacters } from "./input.ts";

export const SEARCH_TITLE_MAX_CHARS = 300;
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 25;

export interface SearchQuery {
  title: string;
  year: number | null;
  limit: number;
}

/** An optional number parameter: null when blank, else the number it spells (NaN if none). */
function numberParam(params: URLSearchParams, name: string): number | null {
  const text = params.get(name)?.trim() ?? "";
  return text === "" ? null : Number(text);
}

/** Validates the query string; throws a 400 naming the parameter and its rule. */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  const title = withoutControlCharacters(params.get("title") ?? "", "title").trim();
  if (title === "" || title.length > SEARCH_TITLE_MAX_CHARS || titleKey(title) === "") {
    throw new HttpError(
      400,
      `title: give the film's title (1–${SEARCH_TITLE_MAX_CHARS} characters, letters or digits)`,
    );
  }
  const year = numberParam(params, "year");
  if (year !== null && !isIntegerIn(year, YEAR_MIN, YEAR_MAX)) {
    throw new HttpError(400, `year: must be an integer from ${YEAR_MIN} to ${YEAR_MAX}`);
  }
  const limit = numberParam(params, "limit") ?? DEFAULT_SEARCH_LIMIT;
  if (!isIntegerIn(limit, 1, MAX_SEARCH_LIMIT)) {
    throw new HttpError(400, `limit: must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
  }
  return { title, year, limit };
}
