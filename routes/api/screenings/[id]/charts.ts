/**
 * `GET /api/screenings/:id/charts`: a finished viewing's second-by-second charts (at most
 * 2,000 real seconds a series), for the page's "Zoom into seconds" to fetch when opened rather
 * than carry in every page. Computed at finish and kept (lib/loaders/viewing_page.ts).
 */
import { HttpError } from "@/lib/framework/errors.ts";
import { json } from "@/lib/framework/http.ts";
import { loadViewingCharts } from "@/lib/loaders/viewing_page.ts";
import { define } from "@/lib/state.ts";

export const handler = define.handlers({
  GET: async (_req, ctx) => {
    const charts = await loadViewingCharts(ctx.state.store, ctx.state.viewer, ctx.params.id);
    if (!charts) {
      throw new HttpError(404, `No finished screening ${JSON.stringify(ctx.params.id)}`);
    }
    return json({ charts });
  },
});
