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

/**
 * Runs the slices, handing the event loop back (`pause`) whenever they have run for `sliceMs`
 * since the last pause: small work runs straight through, long work never holds the loop for
 * much more than one slice past `sliceMs`.
 */
export async function runInSlices<T>(
  slices: Slices<T>,
  { pause = yieldToEventLoop, sliceMs = SLICE_MS } = {},
): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
  }
}
