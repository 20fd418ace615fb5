/**
 * Types of our Fresh-style layer: route modules, handlers, page and layout props.
 * Shaped like Fresh 1.x so that moving to Fresh later is mechanical.
 */
import type { ComponentType } from "preact";

/** Per-request state shared by middleware, handlers, layouts and pages. */
export interface BaseState {
  /** The document title; a handler may set it, or the route module may export `title`. */
  title?: string;
  /** The CSP nonce for this response's one inline module script. */
  nonce: string;
}

/** Why an error page is shown: the status, and for a refused request (4xx) its message. */
export interface PageError {
  status: number;
  message?: string;
}

export interface PageProps<Data = unknown, State extends BaseState = BaseState> {
  data: Data;
  params: Record<string, string>;
  url: URL;
  state: State;
  /** Set on the error pages (`_404`, `_500`). */
  error?: PageError;
}

export interface LayoutProps<State extends BaseState = BaseState>
  extends PageProps<unknown, State> {
  Component: ComponentType;
  /** Set on error pages, which render without islands (see routes/_layout.tsx). */
  error?: PageError;
}

/** How a page is answered: status and headers, and the version of what it shows. */
export interface RenderInit extends ResponseInit {
  /**
   * The page's weak ETag (`pageETag` of its data and context): a request holding it is
   * answered 304, and the page rendered for it once is kept and answered again.
   */
  etag?: string;
}

export interface RouteContext<Data = unknown, State extends BaseState = BaseState> {
  params: Record<string, string>;
  url: URL;
  state: State;
  /** Renders this route's page component with `data` (304 when the browser holds `etag`). */
  render(data?: Data, init?: RenderInit): Response;
  /** Renders the `_404` page with status 404. */
  renderNotFound(): Response;
  /**
   * Renders these pages of this app (paths) as this request's viewer sees them (same cookies),
   * so that their next visit finds them rendered: for the pages a change just made stale.
   * Never throws; a page that fails is logged and left to its visit.
   */
  warm(paths: readonly string[]): Promise<void>;
}

export type Handler<Data = unknown, State extends BaseState = BaseState> = (
  req: Request,
  ctx: RouteContext<Data, State>,
) => Response | Promise<Response>;

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Either one handler for every method, or one per HTTP method. */
export type Handlers<Data = unknown, State extends BaseState = BaseState> =
  | Handler<Data, State>
  | Partial<Record<Method, Handler<Data, State>>>;

// deno-lint-ignore no-explicit-any
type AnyProps = any;

/** What a route module may configure, as `export const config`. */
export interface RouteConfig {
  /** The largest request body the route reads, in bytes; larger ones are answered 413. */
  maxBodyBytes?: number;
}

/** What a file under `routes/` may export. */
export interface RouteModule {
  handler?: Handlers<AnyProps, AnyProps>;
  config?: RouteConfig;
  default?: ComponentType<AnyProps>;
  title?: string | ((props: PageProps<AnyProps, AnyProps>) => string);
}

export interface IslandModule {
  default: ComponentType<AnyProps>;
}

/** The generated `manifest.gen.ts`: every route and island module, keyed by file path. */
export interface Manifest {
  routes: Record<string, RouteModule>;
  islands: Record<string, IslandModule>;
}

/** What `scripts/build.ts` writes to `static/_build/manifest.json`. */
export interface BuildAssets {
  /** The browser entry that hydrates islands. */
  client: string;
  /** Island name → its bundle file. */
  islands: Record<string, string>;
  /** Bundle file → the chunks it imports statically (for modulepreload). */
  chunks: Record<string, string[]>;
  /** Other browser entries (e.g. a Web Worker): name → its bundle file. */
  entries: Record<string, string>;
  /** The stylesheet. */
  css: string;
}
