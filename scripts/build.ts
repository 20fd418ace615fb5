/**
 * `deno task build`: regenerates `manifest.gen.ts`, then builds the assets (the models
 * in `static/models/` and the island bundles in `static/_build/`).
 * `--assets-only` leaves the manifest alone, so that tests can tell when it is stale.
 * `--if-needed` (what `deno task start` passes) skips a bundle newer than all its sources.
 */
import { bundle, isBundleFresh } from "./bundle.ts";
import { writeManifest } from "./manifest.ts";
import { ensureModels } from "./models.ts";

const assetsOnly = Deno.args.includes("--assets-only");
const ifNeeded = Deno.args.includes("--if-needed");
const started = performance.now();
const manifestChanged = !assetsOnly && await writeManifest();
if (manifestChanged) console.log("manifest.gen.ts updated");
await ensureModels();
if (ifNeeded && !manifestChanged && await isBundleFresh()) {
  console.log("static/_build/ is up to date");
} else {
  const assets = await bundle();
  console.log(
    `built ${Object.keys(assets.islands).length} islands in ${
      Math.round(performance.now() - started)
    } ms`,
  );
}
