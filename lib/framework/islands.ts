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

function checkJsonSafe(value: unknown, path: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new IslandPropsError(`${path} is ${value}, not JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJsonSafe(item, `${path}[${i}]`));
    return;
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new IslandPropsError(`${path} is a ${proto?.constructor?.name ?? "object"}, not JSON`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) checkJsonSafe(item, `${path}.${key}`);
    }
    return;
  }
  throw new IslandPropsError(`${path} is a ${typeof value}, not JSON`);
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
