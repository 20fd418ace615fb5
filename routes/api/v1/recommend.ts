/**
 * `POST /api/v1/recommend` `{ emotion, num_of_movies, recommendation_type, language?, actor? }`
 * → `{ movies: [...] }`: catalog films for an expression, to improve the mood or keep it up
 * (lib/catalog/moods.ts), ranked by IMDb's weighted rating. The shape of the EmoFace API.
 */
import type { Handlers } from "@/lib/framework/types.ts";
import { parseRecommendRequest, recommendFilms, toApiMovie } from "@/lib/recommend/recommend.ts";
import type { AppState } from "@/lib/state.ts";
import { guarded, json, readJsonBody, SMALL_BODY_BYTES } from "@/routes/api/_http.ts";

export const handler: Handlers<unknown, AppState> = {
  POST: (req, ctx) =>
    guarded(async () => {
      const request = parseRecommendRequest(await readJsonBody(req, SMALL_BODY_BYTES));
      if (!request.ok) return json({ error: request.error }, 400);
      const result = await recommendFilms(ctx.state.catalog, request.value);
      return json({
        emotion: request.value.emotion,
        recommendation_type: request.value.recommendation_type,
        genres: result.genres,
        reason: result.reason,
        movies: result.movies.map(toApiMovie),
        ...(result.message ? { message: result.message } : {}),
      });
    }),
};
