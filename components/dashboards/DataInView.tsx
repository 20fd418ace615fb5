/** A folded chart's place: "Loading…" until its data, fetched once in view, is there. */
import type { ComponentChildren } from "preact";
import type { ApiResult } from "@/lib/browser/api.ts";
import { useDataInView } from "./use_data_in_view.ts";

export function DataInView<T>(
  { load, name, children }: {
    load: () => Promise<ApiResult<T>>;
    /** Names the place for tests (`data-zoom-charts`). */
    name: string;
    children: (data: T) => ComponentChildren;
  },
) {
  const { ref, data, error } = useDataInView(load);
  return (
    <div ref={ref} class="zoom-charts" data-zoom-charts={name}>
      {data !== null
        ? children(data)
        : <p class="muted small" role="status">{error ?? "Loading the charts…"}</p>}
    </div>
  );
}
