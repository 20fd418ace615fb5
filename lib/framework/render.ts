/**
 * Renders a page inside its layouts to a complete HTML document, and appends the one
 * module script that hydrates the islands the page rendered (none if it rendered none).
 */
import { type ComponentType, h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { collectIslands, type RenderedIsland, serializeIslands } from "./islands.ts";
import type { BaseState, BuildAssets, LayoutProps, PageError, PageProps } from "./types.ts";

export interface PageToRender<State extends BaseState> {
  page: ComponentType<PageProps<unknown, State>>;
  layouts: ComponentType<LayoutProps<State>>[];
  props: PageProps<unknown, State>;
  error?: PageError;
}

/** The HTML that loads and hydrates these islands; empty when there are none. */
export function islandScripts(
  islands: RenderedIsland[],
  assets: BuildAssets,
  nonce: string,
  base = "/_build/",
): string {
  if (islands.length === 0) return "";
  const used = [...new Set(islands.map((island) => island.name))];
  const files = used.map((name) => {
    const file = assets.islands[name];
    if (!file) throw new Error(`island ${name} is not in the build; run \`deno task build\``);
    return file;
  });
  const preloads = new Set<string>();
  const visit = (file: string) => {
    for (const chunk of assets.chunks[file] ?? []) {
      if (!preloads.has(chunk)) preloads.add(chunk), visit(chunk);
    }
  };
  [assets.client, ...files].forEach(visit);
  const imports = files.map((file, i) => `import i${i} from "${base}${file}";`).join("");
  const registry = used.map((name, i) => `${JSON.stringify(name)}:i${i}`).join(",");
  return [
    `<script type="application/json" id="__islands">${serializeIslands(islands)}</script>`,
    ...[...preloads].map((chunk) => `<link rel="modulepreload" href="${base}${chunk}">`),
    `<script type="module" nonce="${nonce}">import{boot}from "${base}${assets.client}";` +
    `${imports}boot({${registry}});</script>`,
  ].join("");
}

/** Renders a complete HTML document for a page. */
export function renderDocument<State extends BaseState>(
  { page, layouts, props, error }: PageToRender<State>,
  assets: BuildAssets,
): string {
  // Innermost first: the page, wrapped by each layout from the nearest to the root.
  let component: ComponentType = () => h(page, props);
  for (const layout of [...layouts].reverse()) {
    const inner: ComponentType = component;
    component = (): VNode => h(layout, { ...props, Component: inner, error }) as VNode;
  }
  const { result: html, islands } = collectIslands(() => renderToString(h(component, {})));
  const scripts = islandScripts(islands, assets, props.state.nonce);
  const end = html.lastIndexOf("</body>");
  const body = end === -1 ? html + scripts : html.slice(0, end) + scripts + html.slice(end);
  return "<!DOCTYPE html>" + body;
}
