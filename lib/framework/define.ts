/**
 * `createDefine<State>()`, as in Fresh 2: helpers typed with the app's state, so that a route
 * imports one `define` rather than both the state and the framework's types.
 *
 *   export const handler = define.handlers<FilmPage>({ GET: ... });
 *   export default define.page<typeof handler>(function FilmPageView({ data }) { ... });
 */
import type { ComponentType } from "preact";
import type { BaseState, Handlers, LayoutProps, PageProps } from "./types.ts";

/** The data a route's handlers render its page with. */
// deno-lint-ignore no-explicit-any
export type DataOf<H> = H extends Handlers<infer Data, any> ? Data : never;

export interface Define<State extends BaseState> {
  /** A route's handlers; `Data` is what they render the page with. */
  handlers<Data = unknown>(handlers: Handlers<Data, State>): Handlers<Data, State>;
  /** A route's page, given the type of its handlers (`typeof handler`) to type its data. */
  // deno-lint-ignore no-explicit-any
  page<H extends Handlers<any, State> = Handlers<unknown, State>>(
    page: ComponentType<PageProps<DataOf<H>, State>>,
  ): ComponentType<PageProps<DataOf<H>, State>>;
  /** A `_layout` component. */
  layout(layout: ComponentType<LayoutProps<State>>): ComponentType<LayoutProps<State>>;
}

/** The `define` helpers of an app whose requests carry `State`. */
export function createDefine<State extends BaseState>(): Define<State> {
  return {
    handlers: (handlers) => handlers,
    page: (page) => page,
    layout: (layout) => layout,
  };
}
