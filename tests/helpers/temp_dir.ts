/** A temporary folder for a test. */

/** Runs `fn` in a fresh temporary folder named from `prefix`, removed however `fn` ends. */
export async function inTempDir(
  prefix: string,
  fn: (dir: string) => void | Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
