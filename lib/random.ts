/**
 * A small, fast, seeded PRNG for everything that must be reproducible: synthetic viewings,
 * fuzz inputs, benchmark data. Not for anything secret (use `crypto.getRandomValues`).
 */

/** mulberry32: returns floats in [0, 1); the same seed always gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (mean 0, standard deviation 1) from a uniform source, by Box–Muller. */
export function gaussianFrom(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
