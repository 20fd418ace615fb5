/**
 * `POST /api/catalog/import` starts downloading IMDb's dataset files and importing them into
 * the catalog (202; an import already under way goes on: 200 with its status, so a second click
 * or a retry starts nothing twice). Admins only (personal mode: its one viewer). The body is
 * `{}` as JSON, which keeps cross-site form posts out.
 *
 * `GET /api/catalog/import` → `{ status, catalogEmpty, mayStart }`: where the import is.
 */
import { isAdmin } from "@/lib/admin.ts";
import { HttpError, InputError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { catalog, catalogImport } = ctx.state;
    return json(
      {
        status: catalogImport.status(),
        catalogEmpty: await catalog.isEmpty(),
        mayStart: isAdmin(ctx.state),
      },
      200,
      { "cache-control": "no-store" },
    );
  },
  async POST(req, ctx) {
    if (!isAdmin(ctx.state)) {
      throw new HttpError(403, "Only an admin may import the film catalog");
    }
    const body = await readJson(req);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new InputError("body", "must be a JSON object ({})");
    }
    const { started, status } = ctx.state.catalogImport.start();
    return json({ started, status }, started ? 202 : 200, { "cache-control": "no-store" });
  },
});
