/**
 * Browser entry: hydrates each island the server marked, with the props it recorded.
 * The page's module script imports only the islands it rendered and calls `boot`.
 */
import { type ComponentType, h, hydrate } from "preact";

interface RenderedIsland {
  name: string;
  props: Record<string, unknown>;
}

/**
 * Hydrates every island marker on the page whose component is in `components` (the page's
 * module script passes exactly the islands the server rendered), with its recorded props.
 */
export function boot(components: Record<string, ComponentType>): void {
  const data = document.getElementById("__islands")?.textContent ?? "[]";
  const islands: RenderedIsland[] = JSON.parse(data);
  for (const marker of document.querySelectorAll<HTMLElement>("[data-island]")) {
    const island = islands[Number(marker.dataset.island)];
    const component = island && components[island.name];
    if (!component) continue;
    hydrate(h(component, island.props), marker);
    marker.dataset.hydrated = "";
  }
}
