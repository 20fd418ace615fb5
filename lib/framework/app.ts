/**
 * Mounts a manifest's routes on a Hono app: handlers per method, each request body bounded,
 * pages rendered in their layouts, and one error path: an `HttpError` or `InputError` thrown
 * anywhere is answered as JSON `{ error, field? }` under `/api` and as an error page elsewhere.
 */
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ComponentType } from "preact";
import { HttpError, InputError } from "./errors.ts";
import { DEFAULT_MAX_BODY_BYTES, json, limitBody } from "./http.ts";
import { matchesETag } from "./etag.ts";
import { registerIslands } from "./islands.ts";
import { renderDocument } from "./render.ts";
import { RenderedPages } from "./rendered_pages.ts";
import {
  compareSpecificity,
  islandName,
  layoutsFor,
  routePattern,
  specialFileOf,
} from "./routes.ts";
import type {
  BaseState,
  BuildAssets,
  Handler,
  LayoutProps,
  Manifest,
  Method,
  PageError,
  PageProps,
  RenderInit,
  RouteModule,
} from "./types.ts";

export interface MountOptions<State extends BaseState> {
  assets: BuildAssets;
  /** Builds the state of one request (e.g. the store, the nonce) from Hono's context. */
  state(c: Context): State;
  /** The body limit of routes that set none (`config.maxBodyBytes`); 16 KB by default. */
  maxBodyBytes?: number;
  /** How many bytes of rendered pages with an ETag are kept to answer again; 32 MB. */
  renderedPagesBytes?: number;
}

const METHODS: Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

function isApi(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** What a thrown error is answered with: status, message for the client, field, headers. */
function refusal(err: unknown): PageError & { field?: string; headers?: HeadersInit } | null {
  if (err instanceof InputError) return { status: 400, message: err.message, field: err.field };
  if (err instanceof HttpError) {
    return { status: err.status, message: err.message, headers: err.headers };
  }
  if (err instanceof HTTPException) {
    return { status: err.status, message: err.message || "Request rejected" };
  }
  return null;
}

/** Registers every route of the manifest on `app`, with not-found and error handling. */
export function mountManifest<State extends BaseState>(
  // deno-lint-ignore no-explicit-any
  app: Hono<any>,
  manifest: Manifest,
  options: MountOptions<State>,
): void {
  registerIslands(
    Object.fromEntries(
      Object.entries(manifest.islands).map(([file, mod]) => [islandName(file), mod.default]),
    ),
  );
  const files = Object.keys(manifest.routes);
  const layoutFiles = files.filter((f) => specialFileOf(f) === "_layout");
  const special = (name: "_404" | "_500") => files.find((f) => specialFileOf(f) === name);

  const layoutsOf = (file: string) =>
    layoutsFor(file, layoutFiles).map((f) =>
      manifest.routes[f].default as ComponentType<LayoutProps<State>>
    );

  const rendered = new RenderedPages(options.renderedPagesBytes ?? 32_000_000);

  const renderPage = (
    mod: RouteModule,
    file: string,
    props: PageProps<unknown, State>,
    init?: RenderInit & { error?: PageError },
  ): Response => {
    const title = typeof mod.title === "function" ? mod.title(props) : mod.title;
    if (title && !props.state.title) props.state.title = title;
    const render = (nonce: string) =>
      renderDocument(
        {
          page: mod.default!,
          layouts: layoutsOf(file),
          props: { ...props, state: { ...props.state, nonce } },
          error: init?.error,
        },
        options.assets,
      );
    const { etag } = init ?? {};
    // The ETag hashes everything the page is rendered from; the layout adds the path.
    const html = etag
      ? rendered.html(`${file} ${props.url.pathname} ${etag}`, props.state.nonce, render)
      : render(props.state.nonce);
    const headers = new Headers(init?.headers);
    headers.set("content-type", "text/html; charset=utf-8");
    if (etag) headers.set("etag", etag), headers.set("cache-control", "no-cache");
    return new Response(html, { status: init?.status ?? 200, headers });
  };

  /**
   * The answer to an error: JSON under `/api` (and when the app has no error page), else the
   * `_404` page for 404 and the `_500` page for any other status (it shows a 4xx's message).
   */
  const renderError = (c: Context, error: PageError, headers?: HeadersInit): Response => {
    const { status } = error;
    const file = special(status === 404 ? "_404" : "_500");
    if (isApi(c.req.path) || !file) {
      const message = error.message ?? (status === 404 ? "Not found" : "Internal server error");
      return json({ error: message }, status, headers);
    }
    const props = {
      data: undefined,
      params: {},
      url: new URL(c.req.url),
      state: options.state(c),
      error,
    };
    return renderPage(manifest.routes[file], file, props, { status, headers, error });
  };

  const routes = files
    .filter((f) => specialFileOf(f) === undefined)
    .map((file) => ({ file, pattern: routePattern(file), mod: manifest.routes[file] }))
    .sort((a, b) => compareSpecificity(a.pattern, b.pattern));

  for (const { file, pattern, mod } of routes) {
    const handlerFor = (method: Method): Handler<unknown, State> | undefined => {
      const handler = mod.handler;
      if (typeof handler === "function") return handler;
      if (handler?.[method]) return handler[method];
      if (method === "HEAD" && handler?.GET) return handler.GET;
      if (!handler && mod.default && (method === "GET" || method === "HEAD")) {
        return (_req, ctx) => ctx.render();
      }
      return undefined;
    };
    const allowed = METHODS.filter((m) => handlerFor(m));
    // Every body is bounded before anything reads it, whichever route reads it and however.
    const maxBodyBytes = mod.config?.maxBodyBytes ?? options.maxBodyBytes ??
      DEFAULT_MAX_BODY_BYTES;
    app.all(pattern, limitBody(maxBodyBytes), (c) => {
      const method = c.req.method as Method;
      const handler = handlerFor(method);
      if (!handler) {
        throw new HttpError(405, `${method} is not allowed here`, { allow: allowed.join(", ") });
      }
      const state = options.state(c);
      const params = c.req.param() as Record<string, string>;
      const url = new URL(c.req.url);
      return handler(c.req.raw, {
        params,
        url,
        state,
        render: (data, init) => {
          if (!mod.default) throw new Error(`${file} has no page component to render`);
          // The browser holds this version already: neither the page nor its bytes are made.
          if (init?.etag && matchesETag(c.req.raw, init.etag)) {
            return new Response(null, {
              status: 304,
              headers: { etag: init.etag, "cache-control": "no-cache" },
            });
          }
          return renderPage(mod, file, { data, params, url, state }, init);
        },
        renderNotFound: () => renderError(c, { status: 404 }),
        warm: async (paths) => {
          const cookie = c.req.header("cookie");
          for (const path of paths) {
            try {
              const page = await app.request(new URL(path, url).href, {
                headers: cookie ? { cookie } : {},
              });
              await page.body?.cancel();
            } catch (error) {
              console.error(`warming ${path} failed:`, error);
            }
          }
        },
      });
    });
  }

  app.notFound((c) => renderError(c, { status: 404 }));
  app.onError((err, c) => {
    const refused = refusal(err);
    if (refused) {
      const { field, headers, ...error } = refused;
      if (field !== undefined && isApi(c.req.path)) {
        return json({ error: error.message, field }, error.status, headers);
      }
      return renderError(c, error, headers);
    }
    // The stack goes to the server's log, never to the client.
    console.error(`${c.req.method} ${c.req.path}:`, err);
    return renderError(c, { status: 500 });
  });
}
