import assert from "node:assert/strict";
import { fitRidge, predictRidge } from "./ridge.ts";
import { seededRandom } from "@/lib/random.ts";

const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

Deno.test("one feature, y = 2x, penalty equal to n = 5: the slope is halved, so x = 5 predicts 6 + 1 × 2 = 8", () => {
  // x = 1..5 standardises to z = (x − 3) / √2, so Σz² = (4 + 1 + 0 + 1 + 4) / 2 = 5 and
  // Σz(y − 6) = Σ 2(x − 3)² / √2 = 20 / √2. β = (20 / √2) / (5 + 5) = √2 per standard deviation,
  // that is 1 per unit of x instead of 2.
  const fit = fitRidge([[1], [2], [3], [4], [5]], [2, 4, 6, 8, 10], 5);
  close(fit.intercept, 6);
  close(fit.coefficients[0], Math.SQRT2);
  close(fit.means[0], 3);
  close(fit.scales[0], Math.SQRT2);
  close(predictRidge(fit, [5]), 8);
  close(fit.fitted[4], 8);
  // Leaving x = 5 out: its leverage is 1/5 + z² / (Σz² + λ) = 0.2 + 2 / 10 = 0.4, its residual
  // 10 − 8 = 2, so the prediction without it is 10 − 2 / (1 − 0.4) = 6.67.
  close(fit.leaveOneOut[4], 10 - 2 / 0.6);
});

Deno.test("a constant feature gets weight 0 and changes no prediction", () => {
  const x = [[1, 7], [2, 7], [3, 7], [4, 7], [5, 7]];
  const fit = fitRidge(x, [2, 4, 6, 8, 10], 5);
  assert.equal(fit.scales[1], 0);
  assert.equal(fit.coefficients[1], 0);
  close(predictRidge(fit, [5, 7]), 8);
  close(predictRidge(fit, [5, 1000]), 8);
});

Deno.test("bad input is refused with a message: no rows, mismatched rows, a penalty that is not positive", () => {
  assert.throws(() => fitRidge([], [], 1), /as many rows as targets/);
  assert.throws(() => fitRidge([[1]], [1, 2], 1), /as many rows as targets/);
  assert.throws(() => fitRidge([[1], [2]], [1, 2], 0), /positive penalty/);
});

/**
 * Leave-one-out by brute force: for each i, solve the penalised normal equations of the other
 * rows with an unpenalised intercept, on the features standardised with all rows' means and
 * scales (what the closed form assumes), by Gaussian elimination.
 */
function bruteForceLeaveOneOut(x: number[][], y: number[], lambda: number): number[] {
  const fit = fitRidge(x, y, lambda);
  const p = x[0].length;
  const z = x.map((row) => row.map((v, j) => (v - fit.means[j]) / fit.scales[j]));
  return y.map((_, left) => {
    const m = p + 1;
    const a = Array.from({ length: m }, () => new Array<number>(m + 1).fill(0));
    for (let i = 0; i < y.length; i++) {
      if (i === left) continue;
      const row = [1, ...z[i]];
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < m; c++) a[r][c] += row[r] * row[c];
        a[r][m] += row[r] * y[i];
      }
    }
    for (let r = 1; r < m; r++) a[r][r] += lambda;
    for (let c = 0; c < m; c++) {
      for (let r = c + 1; r < m; r++) {
        const f = a[r][c] / a[c][c];
        for (let k = c; k <= m; k++) a[r][k] -= f * a[c][k];
      }
    }
    const beta = new Array<number>(m).fill(0);
    for (let r = m - 1; r >= 0; r--) {
      let v = a[r][m];
      for (let k = r + 1; k < m; k++) v -= a[r][k] * beta[k];
      beta[r] = v / a[r][r];
    }
    return beta[0] + z[left].reduce((sum, v, j) => sum + v * beta[j + 1], 0);
  });
}

Deno.test("property: the closed-form leave-one-out equals refitting without each example", () => {
  const random = seededRandom(31);
  for (let trial = 0; trial < 40; trial++) {
    const n = 5 + Math.floor(random() * 30);
    const p = 1 + Math.floor(random() * 14);
    const x = Array.from({ length: n }, () => Array.from({ length: p }, () => random() * 10));
    const y = x.map((row) => row[0] * 0.5 - (row[p - 1] ?? 0) * 0.2 + random() * 3);
    const lambda = [0.5, 4, 20][trial % 3];
    const fit = fitRidge(x, y, lambda);
    const brute = bruteForceLeaveOneOut(x, y, lambda);
    fit.leaveOneOut.forEach((value, i) => close(value, brute[i], 1e-7));
  }
});

Deno.test("property: a larger penalty shrinks every fit towards the mean", () => {
  const random = seededRandom(32);
  const x = Array.from({ length: 30 }, () => [random(), random(), random()]);
  const y = x.map((row) => 3 * row[0] - 2 * row[1] + random());
  const spread = (lambda: number) => {
    const fit = fitRidge(x, y, lambda);
    return fit.fitted.reduce((sum, v) => sum + (v - fit.intercept) ** 2, 0);
  };
  assert.ok(spread(0.1) > spread(10) && spread(10) > spread(1000) && spread(1000) > 0);
});
