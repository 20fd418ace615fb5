/**
 * Ridge regression in closed form, with its exact leave-one-out predictions: the arithmetic
 * of the personal model, small and deterministic. Features are standardised (mean 0, standard
 * deviation 1 over the examples), the intercept is not penalised, and
 *
 *   β = (ZᵀZ + λI)⁻¹ Zᵀ(y − ȳ),   ŷ = ȳ + Zβ.
 *
 * Leave-one-out without refitting: with the hat matrix H = 11ᵀ/n + Z(ZᵀZ + λI)⁻¹Zᵀ, the
 * prediction for example i from a fit on the others is `y_i − (y_i − ŷ_i) / (1 − H_ii)`,
 * exactly (the penalty is fixed and the centring is the intercept's job). The standardising
 * scales are taken from all examples, a reparametrisation the shortcut does not redo.
 * Cost: O(n p² + p³).
 */

export interface RidgeFit {
  /** Examples fitted on. */
  n: number;
  /** The penalty, in standardised units. */
  lambda: number;
  /** Mean of the targets: the prediction at the mean of every feature. */
  intercept: number;
  /** One per feature, per standard deviation of the feature (0 for a constant feature). */
  coefficients: number[];
  /** Each feature's mean and standard deviation over the examples (0 when constant). */
  means: number[];
  scales: number[];
  /** Each example's prediction from the fit on all examples. */
  fitted: number[];
  /** Each example's prediction from the fit on all the other examples. */
  leaveOneOut: number[];
}

/** Below this standard deviation a feature is constant: it gets weight 0. */
const CONSTANT_SCALE = 1e-12;

/**
 * Fits `y ≈ intercept + Σ coefficient_j × (x_j − mean_j) / scale_j` with penalty `lambda` (> 0)
 * on the coefficients. `x` holds one feature vector per example, all of the same length.
 */
export function fitRidge(
  x: readonly (readonly number[])[],
  y: readonly number[],
  lambda: number,
): RidgeFit {
  const n = y.length;
  if (n === 0 || x.length !== n) throw new Error(`ridge needs as many rows as targets (${n})`);
  if (!(lambda > 0)) throw new Error(`ridge needs a positive penalty, not ${lambda}`);
  const p = x[0].length;
  const means = new Array<number>(p).fill(0);
  const scales = new Array<number>(p).fill(0);
  for (const row of x) for (let j = 0; j < p; j++) means[j] += row[j] / n;
  for (const row of x) for (let j = 0; j < p; j++) scales[j] += (row[j] - means[j]) ** 2 / n;
  for (let j = 0; j < p; j++) {
    scales[j] = Math.sqrt(scales[j]);
    if (scales[j] < CONSTANT_SCALE) scales[j] = 0;
  }
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      z[i * p + j] = scales[j] > 0 ? (x[i][j] - means[j]) / scales[j] : 0;
    }
  }
  let intercept = 0;
  for (const target of y) intercept += target / n;

  // A = ZᵀZ + λI and b = Zᵀ(y − ȳ).
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const r = y[i] - intercept;
    for (let j = 0; j < p; j++) {
      const zij = z[i * p + j];
      if (zij === 0) continue;
      b[j] += zij * r;
      for (let k = 0; k <= j; k++) a[j * p + k] += zij * z[i * p + k];
    }
  }
  for (let j = 0; j < p; j++) {
    a[j * p + j] += lambda;
    for (let k = 0; k < j; k++) a[k * p + j] = a[j * p + k];
  }
  const l = cholesky(a, p);
  const beta = solveCholesky(l, p, b);
  // A⁻¹, column by column, for the hat matrix's diagonal.
  const inverse = new Float64Array(p * p);
  const unit = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    unit.fill(0);
    unit[k] = 1;
    const column = solveCholesky(l, p, unit);
    for (let j = 0; j < p; j++) inverse[j * p + k] = column[j];
  }
  const fitted = new Array<number>(n);
  const leaveOneOut = new Array<number>(n);
  const zi = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    let prediction = intercept;
    for (let j = 0; j < p; j++) {
      zi[j] = z[i * p + j];
      prediction += zi[j] * beta[j];
    }
    let h = 1 / n;
    for (let j = 0; j < p; j++) {
      if (zi[j] === 0) continue;
      let row = 0;
      for (let k = 0; k < p; k++) row += inverse[j * p + k] * zi[k];
      h += zi[j] * row;
    }
    fitted[i] = prediction;
    // h < 1 whenever λ > 0 and n > 1; a lone example predicts itself from nothing: the intercept.
    leaveOneOut[i] = n > 1 ? y[i] - (y[i] - prediction) / (1 - h) : intercept;
  }
  return {
    n,
    lambda,
    intercept,
    coefficients: Array.from(beta),
    means,
    scales,
    fitted,
    leaveOneOut,
  };
}

/** The fit's prediction for one feature vector. */
export function predictRidge(fit: RidgeFit, x: readonly number[]): number {
  let prediction = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) {
    if (fit.scales[j] > 0) {
      prediction += fit.coefficients[j] * (x[j] - fit.means[j]) / fit.scales[j];
    }
  }
  return prediction;
}

/** Lower-triangular L with L Lᵀ = A, for a symmetric positive definite `a` (p × p, row-major). */
function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let diagonal = a[j * p + j];
    for (let k = 0; k < j; k++) diagonal -= l[j * p + k] ** 2;
    const root = Math.sqrt(diagonal);
    l[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let value = a[i * p + j];
      for (let k = 0; k < j; k++) value -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = value / root;
    }
  }
  return l;
}

/** Solves L Lᵀ v = b. */
function solveCholesky(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const w = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let value = b[i];
    for (let k = 0; k < i; k++) value -= l[i * p + k] * w[k];
    w[i] = value / l[i * p + i];
  }
  const v = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let value = w[i];
    for (let k = i + 1; k < p; k++) value -= l[k * p + i] * v[k];
    v[i] = value / l[i * p + i];
  }
  return v;
}
