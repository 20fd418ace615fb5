/**
 * Fresh's file-system routing conventions, as pure functions of file paths.
 */

export type SpecialFile = "_layout" | "_404" | "_500";

const EXTENSION = /\.(tsx|ts|jsx|js)$/;

/** Path segments of a route file relative to `routes/`, without extension. */
function segmentsOf(file: string): string[] {
  const path = file.replace(/^\.?\/?routes\//, "").replace(EXTENSION, "");
  return path.split("/").filter((s) => s !== "");
}

/** The special file a path names (`_layout`, `_404`, `_500`), if any. */
export function specialFileOf(file: string): SpecialFile | undefined {
  const name = segmentsOf(file).at(-1);
  return name === "_layout" || name === "_404" || name === "_500" ? name : undefined;
}

/** Whether a file under `routes/` is ignored: other `_` files and non-modules. */
export function isIgnored(file: string): boolean {
  if (!EXTENSION.test(file) || /\.test\.[jt]sx?$/.test(file)) return true;
  return segmentsOf(file).some((s) => s.startsWith("_")) && specialFileOf(file) === undefined;
}

/**
 * The Hono pattern a route file serves: `index` is its folder, `[slug]` is `:slug`,
 * `[...rest]` matches the rest of the path.
 */
export function routePattern(file: string): string {
  const parts = segmentsOf(file).map((segment) => {
    const rest = segment.match(/^\[\.\.\.(\w+)\]$/);
    if (rest) return `:${rest[1]}{.+}`;
    return segment.replace(/\[(\w+)\]/g, ":$1");
  });
  if (parts.at(-1) === "index") parts.pop();
  return "/" + parts.join("/");
}

function rank(segment: string): number {
  if (segment.includes("{.+}")) return 2;
  if (segment.includes(":")) return 1;
  return 0;
}

/**
 * Orders patterns so that the most specific wins: static segments before parameters,
 * parameters before catch-alls. Hono tries handlers in registration order.
 */
export function compareSpecificity(a: string, b: string): number {
  const as = a.split("/");
  const bs = b.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const diff = rank(as[i]) - rank(bs[i]);
    if (diff !== 0) return diff;
  }
  return bs.length - as.length || a.localeCompare(b);
}

/** The layouts that wrap a route, outermost first: `routes/_layout.tsx`, then nested ones. */
export function layoutsFor(file: string, layoutFiles: string[]): string[] {
  const folder = file.slice(0, file.lastIndexOf("/") + 1);
  return layoutFiles
    .filter((layout) => folder.startsWith(layout.slice(0, layout.lastIndexOf("/") + 1)))
    .sort((a, b) => a.split("/").length - b.split("/").length);
}

/** An island's name: its file name without extension. */
export function islandName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1).replace(EXTENSION, "");
}
