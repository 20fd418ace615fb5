/**
 * The server's idle sweep: every minute, finish the viewings that showed no sign of life (a
 * minute or a keep-alive) for `IDLE_FINISH_MS` (the viewer closed the tab), and complete
 * anything a crash left half done. The sweep itself is `Store.finishIdleViewings(now)`, which
 * tests call with their own `now`; it finishes one viewing per turn of the event loop, each in
 * slices, so that requests are answered while it runs (`deno task bench sweep`).
 */
import { IDLE_FINISH_MS, type Store } from "./port.ts";

export interface Sweeper {
  /** Runs one sweep now (also what the timer runs); resolves to the finished viewings' ids. */
  sweep(): Promise<string[]>;
  /** Stops the timer and waits for a sweep under way, so the store can then be closed. */
  stop(): Promise<void>;
}

/** Starts sweeping every `everyMs` (default one minute); errors are logged, never thrown. */
export function startIdleSweeper(
  store: Store,
  { everyMs = 60_000, idleMs = IDLE_FINISH_MS } = {},
): Sweeper {
  let running: Promise<string[]> | null = null;
  const sweep = () => {
    // One sweep at a time: a slow sweep is not overlapped by the next tick.
    running ??= store.finishIdleViewings(new Date(), idleMs)
      .catch((error) => {
        console.error("idle sweep failed:", error);
        return [];
      })
      .finally(() => running = null);
    return running;
  };
  const timer = setInterval(sweep, everyMs);
  return {
    sweep,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
