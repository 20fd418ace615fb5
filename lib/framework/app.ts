/**
 * Mounts a manifest's routes on a Hono app: handlers per method, pages rendered in
 * their layouts, and the `_404` / `_500` pages. API routes (`/api/…`) answer in JSON.
 */
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ComponentType } from "preact";
import { registerIslands } from "./islands.ts";
import { renderDocument } from "./render.ts";
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
  PageProps,
  RouteModule,
} from "./types.ts";

export interface MountOptions<State extends BaseState> {
  assets: BuildAssets;
  /** Builds the state of one request (e.g. the store, the nonce) from Hono's context. */
  state(c: Context): State;
}

const METHODS: Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

function isApi(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** A JSON error body for API routes: `{ "error": message }`. */
export function jsonError(message: string, status: number): Response {
  return Response.json({ error: message }, { status });
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

  const renderPage = (
    mod: RouteModule,
    file: string,
    props: PageProps<unknown, State>,
    init?: ResponseInit & { error?: { status: number } },
  ): Response => {
    const title = typeof mod.title === "function" ? mod.title(props) : mod.title;
    if (title && !props.state.title) props.state.title = title;
    const html = renderDocument(
      { page: mod.default!, layouts: layoutsOf(file), props, error: init?.error },
      options.assets,
    );
    const headers = new Headers(init?.headers);
    headers.set("content-type", "text/html; charset=utf-8");
    return new Response(html, { status: init?.status ?? 200, headers });
  };

  const renderSpecial = (c: Context, name: "_404" | "_500", status: number): Response => {
    const file = special(name);
    if (isApi(c.req.path) || !file) {
      return jsonError(status === 404 ? "Not found" : "Internal server error", status);
    }
    const props = { data: undefined, params: {}, url: new URL(c.req.url), state: options.state(c) };
    return renderPage(manifest.routes[file], file, props, { status, error: { status } });
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
    app.all(pattern, (c) => {
      const method = c.req.method as Method;
      const handler = handlerFor(method);
      if (!handler) {
        const response = jsonError(`${method} is not allowed here`, 405);
        response.headers.set("allow", allowed.join(", "));
        return response;
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
          return renderPage(mod, file, { data, params, url, state }, init);
        },
        renderNotFound: () => renderSpecial(c, "_404", 404),
      });
    });
  }

  app.notFound((c) => renderSpecial(c, "_404", 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      return isApi(c.req.path)
        ? jsonError(err.message || "Request rejected", err.status)
        : err.getResponse();
    }
    // The stack goes to the server's log, never to the client.
    console.error(`${c.req.method} ${c.req.path}:`, err);
    return renderSpecial(c, "_500", 500);
  });
}
