/**
 * `GET /api/films`: the requesting viewer's films (slug, title, year, length, their own
 * counted viewings), by title; films without a finished viewing are not listed. Paged:
 * `?page=N` (1-based), `FILMS_PER_PAGE` a page; `pages` says how many there are.
 */
import { json } from "@/lib/framework/http.ts";
import { FILMS_PER_PAGE } from "@/lib/loaders/library_page.ts";
import { loadOwnFilms, ownFilmRecords } from "@/lib/loaders/own_films.ts";
import { define } from "@/lib/state.ts";
import { filmJson } from "@/routes/api/_http.ts";

const byTitle = new Intl.Collator("en", { sensitivity: "base" });

export const handler = define.handlers({
  GET: async (_req, ctx) => {
    const { store, viewer } = ctx.state;
    const films = viewer ? await loadOwnFilms(store, viewer.id) : [];
    films.sort((a, b) => byTitle.compare(a.title, b.title) || (a.slug < b.slug ? -1 : 1));
    const pages = Math.max(1, Math.ceil(films.length / FILMS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number(ctx.url.searchParams.get("page")) || 1));
    const shown = films.slice((page - 1) * FILMS_PER_PAGE, page * FILMS_PER_PAGE);
    return json({ films: (await ownFilmRecords(store, shown)).map(filmJson), page, pages });
  },
});
