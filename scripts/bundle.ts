/**
 * Bundles the islands for the browser with esbuild: one entry per island plus the
 * hydration client, shared code split into content-hashed chunks, and the stylesheet.
 * Writes `static/_build/` and its `manifest.json` (see BuildAssets).
 */
import * as esbuild from "esbuild";
import { islandName } from "@/lib/framework/routes.ts";
import type { BuildAssets } from "@/lib/framework/types.ts";

const ROOT = new URL("../", import.meta.url);
export const OUT_DIR = new URL("static/_build/", ROOT);

/** Browser entries that are not islands (e.g. a Web Worker): name → source file. */
export const BROWSER_ENTRIES: Record<string, string> = {
  // The inference worker, and the standalone tracker module served at /emotion-tracker.js.
  "emotion-worker": "lib/emotion/worker.ts",
  "emotion-tracker": "lib/emotion/tracker.ts",
};

/**
 * Resolves the `@/` import alias of deno.json (`"@/": "./"`) for esbuild, which does not read
 * Deno's import map: `@/lib/x.ts` is `<root>/lib/x.ts`.
 */
export const rootAlias: esbuild.Plugin = {
  name: "root-alias",
  setup(build) {
    build.onResolve({ filter: /^@\// }, (args) => ({
      path: new URL(args.path.slice(2), ROOT).pathname,
    }));
  },
};

async function islandFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL("islands/", ROOT))) {
    if (entry.isFile && /\.(tsx|jsx)$/.test(entry.name)) files.push(`islands/${entry.name}`);
  }
  return files.sort();
}

function relativeToOut(path: string): string {
  return path.replace(/^static\/_build\//, "");
}

/** What the bundle is built from: a change to any of these makes it stale. */
const SOURCES = ["islands", "components", "lib", "static/styles.css", "static/css", "deno.lock"];

async function newestChange(path: URL): Promise<number> {
  const info = await Deno.stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory) return info.mtime?.getTime() ?? Infinity;
  let newest = 0;
  for await (const entry of Deno.readDir(path)) {
    const child = new URL(entry.name + (entry.isDirectory ? "/" : ""), path);
    newest = Math.max(newest, await newestChange(child));
  }
  return newest;
}

/** Whether `static/_build/` exists and is newer than every file it is built from. */
export async function isBundleFresh(): Promise<boolean> {
  const built = await Deno.stat(new URL("manifest.json", OUT_DIR)).catch(() => null);
  if (!built?.mtime) return false;
  for (const source of SOURCES) {
    const path = new URL(source + (source.includes(".") ? "" : "/"), ROOT);
    if (await newestChange(path) > built.mtime.getTime()) return false;
  }
  return true;
}

/** Builds the browser bundle and returns what was written. */
export async function bundle(options: { dev?: boolean } = {}): Promise<BuildAssets> {
  const islands = await islandFiles();
  await Deno.remove(OUT_DIR, { recursive: true }).catch(() => {});
  const entryPoints: Record<string, string> = {
    client: "lib/framework/client.ts",
    ...Object.fromEntries(islands.map((file) => [islandName(file), file])),
    ...BROWSER_ENTRIES,
  };
  const result = await esbuild.build({
    absWorkingDir: new URL(".", ROOT).pathname,
    entryPoints,
    outdir: "static/_build",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: ["es2022", "chrome110", "firefox115", "safari16"],
    minify: !options.dev,
    sourcemap: "linked",
    jsx: "automatic",
    jsxImportSource: "preact",
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    define: { "process.env.NODE_ENV": options.dev ? '"development"' : '"production"' },
    metafile: true,
    logLevel: "warning",
    plugins: [rootAlias],
  });
  const css = await esbuild.build({
    absWorkingDir: new URL(".", ROOT).pathname,
    entryPoints: { styles: "static/styles.css" },
    outdir: "static/_build",
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: !options.dev,
    metafile: true,
    logLevel: "warning",
  });
  await esbuild.stop();

  const assets: BuildAssets = { client: "", islands: {}, chunks: {}, entries: {}, css: "" };
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!out.endsWith(".js")) continue;
    const file = relativeToOut(out);
    assets.chunks[file] = meta.imports
      .filter((i) => i.kind === "import-statement")
      .map((i) => relativeToOut(i.path));
    const entry = Object.entries(entryPoints).find(([, src]) => src === meta.entryPoint);
    if (!entry) continue;
    if (entry[0] === "client") assets.client = file;
    else if (islands.includes(entry[1])) assets.islands[entry[0]] = file;
    else assets.entries[entry[0]] = file;
  }
  assets.css = relativeToOut(
    Object.keys(css.metafile.outputs).find((out) => out.endsWith(".css"))!,
  );
  await Deno.writeTextFile(new URL("manifest.json", OUT_DIR), JSON.stringify(assets, null, 2));
  return assets;
}

if (import.meta.main) {
  const assets = await bundle();
  console.log(`bundled ${Object.keys(assets.islands).length} islands into static/_build/`);
}
