/**
 * `GET /api/viewer/model`: the signed-in viewer's personal model (401 without a session), fitted now on their finished viewings
 * that carry a verdict: `{ n, features, looMae, baselineMae, active }` (`modelReport`). It
 * predicts verdicts (`predictedVerdict` of a viewing) only while `active`.
 */
import { json } from "@/lib/framework/http.ts";
import { loadViewerModel } from "@/lib/loaders/viewing_result.ts";
import { modelReport } from "@/lib/rating/personal_model.ts";
import { define } from "@/lib/state.ts";
import { requireViewer } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async GET(_req, ctx) {
    const viewer = requireViewer(ctx.state.viewer);
    return json(modelReport(await loadViewerModel(ctx.state.store, viewer.id)));
  },
});
