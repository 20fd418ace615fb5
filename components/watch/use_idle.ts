/**
 * Whether the viewer has left the pointer and the keys alone for a few seconds while `active`:
 * the recording bar fades then, as a player's controls do, and comes back on any move or key.
 */
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";

/** Seconds of stillness before the bar fades. */
export const IDLE_AFTER_MS = 3000;

export function useIdle(
  ref: RefObject<HTMLElement>,
  active: boolean,
  afterMs = IDLE_AFTER_MS,
): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    setIdle(false);
    const element = ref.current;
    if (!active || !element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), afterMs);
    };
    wake();
    const pointer = ["pointermove", "pointerdown", "touchstart", "wheel"] as const;
    for (const type of pointer) element.addEventListener(type, wake, { passive: true });
    document.addEventListener("keydown", wake);
    return () => {
      clearTimeout(timer);
      for (const type of pointer) element.removeEventListener(type, wake);
      document.removeEventListener("keydown", wake);
    };
  }, [active, afterMs]);
  return idle;
}
