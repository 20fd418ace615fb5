/**
 * Reelfeel's server: builds the Hono app from the generated manifest and serves it.
 * `createApp` is what tests drive through `app.fetch`; running this file serves it.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { getCookie } from "hono/cookie";
import { serveStatic } from "hono/deno";
import { NONCE, secureHeaders } from "hono/secure-headers";
import manifest from "./manifest.gen.ts";
import { mountManifest } from "./lib/framework/app.ts";
import type { BuildAssets } from "./lib/framework/types.ts";
import type { AppState } from "./lib/state.ts";
import { parseTheme, THEME_COOKIE } from "./lib/theme.ts";

export interface AppOptions {
  assets: BuildAssets;
  /** Log one line per request (off in tests). */
  log?: boolean;
}

const BUILD_MANIFEST = "./static/_build/manifest.json";

/** Reads what `deno task build` wrote; fails with the command to run when it is missing. */
export async function loadAssets(path = BUILD_MANIFEST): Promise<BuildAssets> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`${path} is missing: run \`deno task build\` first`);
    }
    throw error;
  }
}

function requestLog(): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  };
}

/** Static files; `/_build/` names carry a content hash, so they never change. */
function staticFiles(app: Hono, cacheControl: Record<string, string>): void {
  for (const [prefix, value] of Object.entries(cacheControl)) {
    app.use(`${prefix}*`, async (c, next) => {
      await next();
      if (c.res.ok) c.res.headers.set("cache-control", value);
    });
    app.use(`${prefix}*`, serveStatic({ root: "./static" }));
  }
}

/** The Content-Security-Policy: self only, plus compiling WebAssembly for tfjs. */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", NONCE, "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:", "blob:"],
  // The viewer's own film plays from a blob: URL; it is never uploaded.
  mediaSrc: ["'self'", "blob:"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Builds the app: security headers, logging, static files, then the manifest's routes. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  if (options.log) app.use(requestLog());
  app.use(compress());
  app.use(secureHeaders({
    contentSecurityPolicy,
    permissionsPolicy: { camera: ["self"], microphone: [], geolocation: [], fullscreen: ["self"] },
  }));
  staticFiles(app, {
    "/_build/": "public, max-age=31536000, immutable",
    "/models/": "public, max-age=86400",
    "/favicon.svg": "public, max-age=86400",
  });
  mountManifest<AppState>(app, manifest, {
    assets: options.assets,
    state: (c: Context) => {
      return {
        nonce: c.get("secureHeadersNonce") ?? "",
        theme: parseTheme(getCookie(c, THEME_COOKIE)),
        stylesheet: `/_build/${options.assets.css}`,
      };
    },
  });
  return app;
}

if (import.meta.main) {
  const port = Number(Deno.env.get("PORT") ?? 8000);
  const app = createApp({ assets: await loadAssets(), log: true });
  Deno.serve({
    port,
    onListen: ({ port }) => console.log(`Reelfeel is ready: http://localhost:${port}/`),
  }, app.fetch);
}
