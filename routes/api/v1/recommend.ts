/**
 * `POST /api/v1/recommend` `{ emotion, num_of_movies, recommendation_type, language?, actor? }`
 * → `{ movies: [...] }`: catalog films for an expression, to improve the mood or keep it up
 * (lib/catalog/moods.ts), ranked by IMDb's weighted rating. The shape of the EmoFace API.
 */
import { jsonError } from "../../../lib/framework/app.ts";
import type { Handlers } from "../../../lib/framework/types.ts";
import { readJsonBody } from "../../../lib/catalog/http.ts";
import {
  parseRecommendRequest,
  recommendFilms,
  toApiMovie,
} from "../../../lib/catalog/recommend.ts";
import type { AppState } from "../../../lib/state.ts";

export const handler: Handlers<unknown, AppState> = {
  async POST(req, ctx) {
    const body = await readJsonBody(req);
    if (!body.ok) return jsonError(body.error, body.status);
    const request = parseRecommendRequest(body.value);
    if (!request.ok) return jsonError(request.error, 400);
    const result = await recommendFilms(ctx.state.catalog, request.value);
    return Response.json({
      emotion: request.value.emotion,
      recommendation_type: request.value.recommendation_type,
      genres: result.genres,
      reason: result.reason,
      movies: result.movies.map(toApiMovie),
      ...(result.message ? { message: result.message } : {}),
    });
  },
};
