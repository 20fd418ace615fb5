/**
 * The Fullscreen API on one element. Browsers refuse it without a recent click (and some
 * phones have none): `enter` then resolves false and the page falls back to filling the window.
 */
import { type RefObject } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";

export function useFullscreen(ref: RefObject<HTMLElement>) {
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const changed = () =>
      setFullscreen(!!document.fullscreenElement && document.fullscreenElement === ref.current);
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, []);
  const enter = useCallback(async (): Promise<boolean> => {
    const element = ref.current;
    if (!element || !document.fullscreenEnabled || !element.requestFullscreen) return false;
    try {
      await element.requestFullscreen({ navigationUI: "hide" });
      return true;
    } catch {
      return false;
    }
  }, []);
  const exit = useCallback(() => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }, []);
  return { fullscreen, enter, exit };
}
