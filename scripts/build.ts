/**
 * `deno task build`: regenerates `manifest.gen.ts`, then builds the assets (the models
 * in `static/models/` and the island bundles in `static/_build/`).
 * `--assets-only` leaves the manifest alone, so that tests can tell when it is stale.
 */
import { bundle } from "./bundle.ts";
import { writeManifest } from "./manifest.ts";
import { ensureModels } from "./models.ts";

const assetsOnly = Deno.args.includes("--assets-only");
const started = performance.now();
if (!assetsOnly && await writeManifest()) console.log("manifest.gen.ts updated");
await ensureModels();
const assets = await bundle();
console.log(
  `built ${Object.keys(assets.islands).length} islands in ${
    Math.round(performance.now() - started)
  } ms`,
);
