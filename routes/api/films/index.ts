/** `GET /api/films`: every film (slug, title, year, length, counted viewings), by title. */
import type { Handlers } from "@/lib/framework/types.ts";
import type { AppState } from "@/lib/state.ts";
import { filmJson, json } from "@/routes/api/_http.ts";

export const handler: Handlers<unknown, AppState> = {
  GET: async (_req, ctx) => json({ films: (await ctx.state.store.listFilms()).map(filmJson) }),
};
