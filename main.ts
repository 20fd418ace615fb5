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
import { openStore, storeConfigFromEnv } from "./lib/store/open.ts";
import type { Store } from "./lib/store/port.ts";
import { startIdleSweeper } from "./lib/store/sweeper.ts";
import { DatabaseFileError } from "./lib/sqlite/health.ts";
import { openCatalog } from "./lib/catalog/open.ts";
import type { CatalogPort } from "./lib/catalog/port.ts";
import { carryFilmLinks } from "./lib/catalog/former_slugs.ts";
import { CatalogImportJob } from "./lib/catalog/import_job.ts";
import { datasetsBaseUrl, downloadDir, IMDB_URL_ENV } from "./lib/catalog/download.ts";
import { getConnInfo } from "hono/deno";
import { HttpError } from "./lib/framework/errors.ts";
import {
  type AccountsConfig,
  accountsConfigFromEnv,
  expectedOrigin,
} from "./lib/viewers/config.ts";
import { addressLimits } from "./lib/viewers/limits.ts";
import { type ResolvedViewer, resolveViewer } from "./lib/viewers/resolve.ts";
import { SESSION_COOKIE } from "./lib/viewers/session.ts";

export interface AppOptions {
  assets: BuildAssets;
  /** Where viewings, minutes and films are kept (see `lib/store/`). */
  store: Store;
  /** The film catalog imported from IMDb (see `lib/catalog/`). */
  catalog: CatalogPort;
  /**
   * The catalog's download and import run from the app; by default one that downloads from
   * IMDb into ./data/imdb.
   */
  catalogImport?: CatalogImportJob;
  /** Log one line per request (off in tests). */
  log?: boolean;
  /** Personal (the default) or shared mode (see `lib/viewers/config.ts`). */
  accounts?: AccountsConfig;
}

const BUILD_MANIFEST = "./static/_build/manifest.json";

/**
 * Where the server listens: 127.0.0.1 unless `HOST` says otherwise (a personal installation is
 * not for the local network; a host sets `HOST=0.0.0.0`), on `PORT` (8000).
 */
export function listenAddress(env: { get(name: string): string | undefined }): {
  hostname: string;
  port: number;
} {
  const port = Number(env.get("PORT") || 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), not ${JSON.stringify(env.get("PORT"))}`);
  }
  return { hostname: env.get("HOST") || "127.0.0.1", port };
}

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

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The client's address as the server saw it (Deno.serve's connection), or "unknown". */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Resolves the request's viewer once (personal mode: the implicit one), and refuses a write
 * from another origin in shared mode: a cookie rides along on cross-site requests, so a write
 * that carries one must say it comes from this site: its `Origin` is this site's, or (a form
 * post under `Referrer-Policy: no-referrer` sends `Origin: null`) the browser's own
 * `Sec-Fetch-Site`, which no page can set, says `same-origin`.
 */
function viewerMiddleware(store: Store, accounts: AccountsConfig): MiddlewareHandler {
  return async (c, next) => {
    if (accounts.mode === "passkeys" && !SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const cookie = getCookie(c, SESSION_COOKIE);
      const expected = expectedOrigin(accounts, c.req.url);
      const sameSite = origin === expected ||
        (c.req.header("sec-fetch-site") === "same-origin" && (origin ?? "null") === "null");
      if ((origin !== undefined || cookie !== undefined) && !sameSite) {
        throw new HttpError(
          403,
          `Cross-origin write refused: this request must come from ${expected}`,
        );
      }
    }
    const resolved = await resolveViewer(store, accounts, getCookie(c, SESSION_COOKIE), new Date());
    c.set("viewer" as never, resolved as never);
    await next();
  };
}

/** Builds the app: security headers, logging, static files, then the manifest's routes. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const catalogImport = options.catalogImport ?? new CatalogImportJob({
    catalog: options.catalog,
    dir: downloadDir(),
    baseUrl: datasetsBaseUrl(undefined, undefined),
  });
  const accounts = options.accounts ?? { mode: "personal", admins: [] };
  const limits = addressLimits();
  if (options.log) app.use(requestLog());
  // A 304 keeps the page the browser holds, whose inline script carries that response's CSP
  // nonce: a new policy (with a new nonce) on the 304 would replace the stored one and block it.
  app.use(async (c, next) => {
    await next();
    if (c.res.status === 304) c.res.headers.delete("content-security-policy");
  });
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
  // The standalone EmotionTracker for pages of this origin: a redirect to the hashed bundle,
  // so that its relative chunk imports resolve under /_build/.
  app.get("/emotion-tracker.js", (c) => {
    const file = options.assets.entries["emotion-tracker"];
    if (!file) return c.text("emotion-tracker is not built: run `deno task build`", 404);
    c.header("cache-control", "no-cache");
    return c.redirect(`/_build/${file}`, 302);
  });
  app.use(viewerMiddleware(options.store, accounts));
  mountManifest<AppState>(app, manifest, {
    assets: options.assets,
    state: (c: Context) => {
      // Set by viewerMiddleware; absent only on answers made before it ran (a static 404).
      const resolved = c.get("viewer" as never) as ResolvedViewer | undefined;
      return {
        viewer: resolved?.viewer ?? null,
        sessionHash: resolved?.sessionHash ?? null,
        accounts,
        addressLimits: limits,
        address: clientAddress(c),
        nonce: c.get("secureHeadersNonce") ?? "",
        theme: parseTheme(getCookie(c, THEME_COOKIE)),
        stylesheet: `/_build/${options.assets.css}`,
        store: options.store,
        catalog: options.catalog,
        catalogImport,
      };
    },
  });
  return app;
}

if (import.meta.main) {
  const address = listenAddress(Deno.env);
  const config = storeConfigFromEnv(Deno.env);
  const store = await openStore(config).catch((error) => {
    // A file or directory that cannot be used: say which, what is wrong and what to do.
    if (!(error instanceof DatabaseFileError)) throw error;
    console.error(`Reelfeel cannot start.\n${error.message}`);
    Deno.exit(1);
  });
  const catalog = await openCatalog(config);
  await carryFilmLinks(store, catalog);
  const catalogImport = new CatalogImportJob({
    catalog,
    dir: downloadDir(config.dataDir),
    baseUrl: datasetsBaseUrl(undefined, Deno.env.get(IMDB_URL_ENV)),
  });
  const accounts = accountsConfigFromEnv(Deno.env);
  const app = createApp({
    assets: await loadAssets(),
    store,
    catalog,
    catalogImport,
    accounts,
    log: true,
  });
  const sweeper = startIdleSweeper(store);
  const server = Deno.serve({
    ...address,
    onListen: ({ hostname, port }) => {
      const host = hostname.includes(":") ? `[${hostname}]` : hostname;
      console.log(
        `Reelfeel is ready: http://${host}:${port}/ (${store.kind}, ${
          accounts.mode === "passkeys" ? "shared: passkey accounts" : "personal"
        })`,
      );
    },
  }, app.fetch);
  // Finish the requests under way, then close the store, so nothing acknowledged is lost.
  const shutdown = async () => {
    await server.shutdown();
    await sweeper.stop();
    await catalogImport.stop();
    await store.close();
    await catalog.close();
    Deno.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    try {
      Deno.addSignalListener(signal, shutdown);
    } catch {
      // Some hosts (e.g. Deno Deploy) do not deliver signals; they stop the isolate instead.
    }
  }
}
