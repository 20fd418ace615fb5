/** `GET /api/films`: every film (slug, title, year, length, counted viewings), by title. */
import { json } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { filmJson } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  GET: async (_req, ctx) => json({ films: (await ctx.state.store.listFilms()).map(filmJson) }),
});
