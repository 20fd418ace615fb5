/**
 * Data an island fetches only once its element comes into view (within 200 px): the
 * second-by-second charts, folded under "Zoom into seconds", cost the page nothing until opened.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiResult } from "@/lib/browser/api.ts";

export interface DataInView<T> {
  ref: { current: HTMLDivElement | null };
  data: T | null;
  /** Why the data could not be had, for the viewer; null while loading or once loaded. */
  error: string | null;
}

/** Calls `load` the first time the returned `ref`'s element is in view. */
export function useDataInView<T>(load: () => Promise<ApiResult<T>>): DataInView<T> {
  const ref = useRef<HTMLDivElement>(null);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let gone = false;
    const inView = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      inView.disconnect();
      load().then((result) => {
        if (gone) return;
        if (result.ok) setData(result.data);
        else setError(result.message);
      });
    }, { rootMargin: "200px" });
    inView.observe(el);
    return () => {
      gone = true;
      inView.disconnect();
    };
  }, []);
  return { ref, data, error };
}
