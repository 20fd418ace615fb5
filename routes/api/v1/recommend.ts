/**
 * `POST /api/v1/recommend` `{ emotion, num_of_movies, recommendation_type, language?, actor? }`
 * → `{ movies: [...] }`: catalog films for an expression, to improve the mood or keep it up
 * (lib/recommend/moods.ts), ranked by IMDb's weighted rating. The shape of the EmoFace API.
 */
import { parseRecommendRequest } from "@/lib/api/recommend_input.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { recommendFilms, toApiMovie } from "@/lib/recommend/recommend.ts";
import { define } from "@/lib/state.ts";

export const handler = define.handlers({
  async POST(req, ctx) {
    const request = parseRecommendRequest(await readJson(req));
    const result = await recommendFilms(ctx.state.catalog, request);
    return json({
      emotion: request.emotion,
      recommendation_type: request.recommendation_type,
      genres: result.genres,
      reason: result.reason,
      movies: result.movies.map(toApiMovie),
      ...(result.message ? { message: result.message } : {}),
    });
  },
});
