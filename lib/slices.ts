/**
 * Long computations in slices: a generator that yields between slices of its work runs either
 * to its end at once (`runToEnd`), or slice by slice, handing the event loop back in between
 * (`runInSlices`), so that a server keeps answering while it computes. One implementation
 * serves both.
 */

/** A computation that yields between slices of its work and returns `T`. */
export type Slices<T> = Generator<void, T, void>;

/** Runs every slice at once and returns the result. */
export function runToEnd<T>(slices: Slices<T>): T {
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
  }
}

/** Hands the event loop back: timers and I/O callbacks run before this resolves. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** How long slices may run back to back before the event loop is handed back. */
export const SLICE_MS = 5;
/** The longest rest between slices. */
export const MAX_REST_MS = 50;

/**
 * Hands the event loop back for as long as the slices before ran (at most `MAX_REST_MS`): the
 * computation then takes about half a core, so requests are answered promptly even on a busy
 * machine, where a process that computes without rest is also the one the OS makes wait. On
 * this 2-core machine at load 7, a sweep of 50 idle 2-hour viewings kept a trivial request's
 * p99 at 57–81 ms this way, and at 200–390 ms when it only yielded (`deno task bench sweep`).
 */
export function restAfter(ranMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(ranMs, MAX_REST_MS)));
}

/**
 * Runs the slices, handing the event loop back (`pause`, given how long the slices ran) once
 * they have run for `sliceMs` since the last pause: small work runs straight through, long work
 * never holds the loop for much more than one slice past `sliceMs`.
 */
export async function runInSlices<T>(
  slices: Slices<T>,
  { pause = restAfter, sliceMs = SLICE_MS }: {
    pause?: (ranMs: number) => Promise<void>;
    sliceMs?: number;
  } = {},
): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
    const ran = performance.now() - since;
    if (ran >= sliceMs) {
      await pause(ran);
      since = performance.now();
    }
  }
}
