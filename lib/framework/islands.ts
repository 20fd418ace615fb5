/**
 * Server side of islands: while a page renders, every island component it uses is
 * wrapped in a marker element and its props are recorded, so the browser can hydrate
 * exactly those components with exactly those props.
 */
import { type ComponentType, createContext, h, options, type VNode } from "preact";
import { useContext } from "preact/hooks";

/** One island rendered on a page: which component, and the props it was given. */
export interface RenderedIsland {
  name: string;
  props: unknown;
}

// deno-lint-ignore no-explicit-any
type AnyComponent = ComponentType<any>;

const names = new Map<AnyComponent, string>();
let rendered: RenderedIsland[] | null = null;
// The inner vnode the marker creates must not be wrapped again.
let passthrough: unknown = null;

const InsideIsland = createContext(false);

/** Registers island components (from the manifest) under their names. */
export function registerIslands(islands: Record<string, AnyComponent>): void {
  for (const [name, component] of Object.entries(islands)) names.set(component, name);
}

function IslandMarker(
  { name, component, props }: { name: string; component: AnyComponent; props: object },
) {
  passthrough = component;
  const inner = h(component, props);
  passthrough = null;
  // An island inside an island is hydrated by its parent, not on its own.
  if (useContext(InsideIsland) || rendered === null) return inner;
  const id = rendered.push({ name, props: serializableProps(props, name) }) - 1;
  // The stylesheet gives [data-island] `display: contents`, so the marker never affects layout.
  return h("div", { "data-island": String(id) }, h(InsideIsland.Provider, { value: true }, inner));
}

const previousVNodeHook = options.vnode;
options.vnode = (vnode: VNode<Record<string, unknown>>) => {
  const type = vnode.type as AnyComponent;
  if (rendered !== null && type !== passthrough && names.has(type)) {
    const props = vnode.props;
    vnode.props = { name: names.get(type), component: type, props, children: undefined };
    vnode.type = IslandMarker as AnyComponent;
  }
  previousVNodeHook?.(vnode);
};

/**
 * Runs a synchronous render and returns its result with the islands it rendered.
 * Rendering is synchronous, so one collector at a time is enough.
 */
export function collectIslands<T>(render: () => T): { result: T; islands: RenderedIsland[] } {
  const islands: RenderedIsland[] = [];
  rendered = islands;
  try {
    return { result: render(), islands };
  } finally {
    rendered = null;
  }
}

/** Thrown when an island is given a prop that cannot cross to the browser as JSON. */
export class IslandPropsError extends Error {
  override name = "IslandPropsError";
}

/**
 * Where in `value` something is not JSON, as a path suffix and what it is (e.g. `[3].y`,
 * "NaN"), or null. The path is built only on the way back from a failure: props of thousands
 * of numbers are checked without making a string per value.
 */
function notJson(value: unknown): { at: string; what: string } | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") {
    return Number.isFinite(value) ? null : { at: "", what: String(value) };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = notJson(value[i]);
      if (found) return { at: `[${i}]${found.at}`, what: found.what };
    }
    return null;
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return { at: "", what: `a ${proto?.constructor?.name ?? "object"}` };
    }
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      const found = notJson(item);
      if (found) return { at: `.${key}${found.at}`, what: found.what };
    }
    return null;
  }
  return { at: "", what: `a ${typeof value}` };
}

function checkJsonSafe(value: unknown, path: string): void {
  const found = notJson(value);
  if (found) throw new IslandPropsError(`${path}${found.at} is ${found.what}, not JSON`);
}

function serializableProps(props: object, name: string): unknown {
  const { children, ...rest } = props as Record<string, unknown>;
  // Children are server-rendered markup: the browser would hydrate the island without them
  // and tear them out of the page.
  if (children !== undefined && children !== null) {
    throw new IslandPropsError(`${name} was given children; an island takes only JSON props`);
  }
  checkJsonSafe(rest, `${name} props`);
  return rest;
}

/**
 * Serialises the rendered islands' props for a `<script type="application/json">`.
 * `<` is escaped so that no string can close the script or open a comment.
 */
export function serializeIslands(islands: RenderedIsland[]): string {
  return JSON.stringify(islands).replaceAll("<", "\\u003c");
}
