/** Says that this page is alive while it records a viewing (`lib/browser/keep_alive.ts`). */
import { useEffect, useRef } from "preact/hooks";
import { sayAlive } from "@/lib/browser/api.ts";
import { KeepAlive } from "@/lib/browser/keep_alive.ts";
import type { ViewingRecord } from "@/lib/watch/saved_viewing.ts";

/** Runs while `viewing` is set; `heard()` tells it the server heard from the page otherwise. */
export function useKeepAlive(viewing: ViewingRecord | null): { heard(): void } {
  const alive = useRef<KeepAlive | null>(null);
  const id = viewing?.screeningId ?? null;
  const token = viewing?.token ?? null;
  useEffect(() => {
    if (id === null || token === null) return;
    const keeping = new KeepAlive({ send: () => sayAlive(id, token) });
    keeping.start();
    alive.current = keeping;
    return () => {
      keeping.stop();
      alive.current = null;
    };
  }, [id, token]);
  return { heard: () => alive.current?.heard() };
}
