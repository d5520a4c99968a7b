// A conditional logit (softmax over each source node's candidates), fitted by Newton's method:
// the model of "which of my candidates will I link to", so that what is constant for a source
// (its own degree, say) drops out and only what tells its candidates apart is learned. This is
// the ranking each node's list is made of, where a global logistic regression would also spend
// itself on telling busy sources from quiet ones.

export interface RankingModel {
  mean: Float64Array;
  scale: Float64Array;
  /** Coefficients of the standardised features. */
  coefficients: Float64Array;
}

/** Candidates of one source: `rows` is row-major (count x features), `positive` marks true links. */
export interface RankingGroup {
  rows: Float64Array;
  positive: Uint8Array;
}

export interface RankingOptions {
  /** L2 penalty on the coefficients, per positive. Default 1e-3. */
  l2?: number;
  maxSteps?: number;
}

export function fitRanking(groups: readonly RankingGroup[], features: number, options: RankingOptions = {}): RankingModel {
  const d = features;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  let rowsTotal = 0;
  let positives = 0;
  for (const g of groups) {
    const n = g.positive.length;
    rowsTotal += n;
    for (let i = 0; i < n; i++) {
      positives += g.positive[i];
      for (let j = 0; j < d; j++) mean[j] += g.rows[i * d + j];
    }
  }
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, rowsTotal);
  for (const g of groups) for (let i = 0; i < g.positive.length; i++) for (let j = 0; j < d; j++) scale[j] += (g.rows[i * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(scale[j] / Math.max(1, rowsTotal));
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  // Standardised copies of the rows.
  const standard = groups.map((g) => {
    const z = new Float64Array(g.rows.length);
    for (let k = 0; k < z.length; k++) z[k] = (g.rows[k] - mean[k % d]) / scale[k % d];
    return z;
  });
  const l2 = (options.l2 ?? 1e-3) * Math.max(1, positives);
  const mu = new Float64Array(d);
  /** Penalised log-likelihood at beta, and (when asked) its gradient and negated Hessian. */
  const evaluate = (beta: Float64Array, grad?: Float64Array, hess?: Float64Array): number => {
    let logLikelihood = 0;
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      const z = standard[gi];
      const n = g.positive.length;
      let pos = 0;
      for (let i = 0; i < n; i++) pos += g.positive[i];
      if (pos === 0 || pos === n) continue;
      const s = new Float64Array(n);
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < d; j++) v += beta[j] * z[i * d + j];
        s[i] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.exp(s[i] - max);
      const logSum = max + Math.log(sum);
      // Each positive is one draw from the softmax over the group.
      for (let i = 0; i < n; i++) if (g.positive[i]) logLikelihood += s[i] - logSum;
      if (!grad || !hess) continue;
      mu.fill(0);
      for (let i = 0; i < n; i++) {
        s[i] = Math.exp(s[i] - logSum);
        for (let j = 0; j < d; j++) mu[j] += s[i] * z[i * d + j];
      }
      for (let i = 0; i < n; i++) {
        if (g.positive[i]) for (let j = 0; j < d; j++) grad[j] += z[i * d + j] - mu[j];
        const p = s[i] * pos;
        if (p < 1e-12) continue;
        for (let j = 0; j < d; j++) {
          const xj = p * (z[i * d + j] - mu[j]);
          for (let k = 0; k <= j; k++) hess[j * d + k] += xj * (z[i * d + k] - mu[k]);
        }
      }
    }
    for (let j = 0; j < d; j++) logLikelihood -= 0.5 * l2 * beta[j] * beta[j];
    if (grad && hess) {
      for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[k * d + j] = hess[j * d + k];
      for (let j = 0; j < d; j++) {
        grad[j] -= l2 * beta[j];
        hess[j * d + j] += l2 + 1e-9;
      }
    }
    return logLikelihood;
  };
  let beta = new Float64Array(d);
  const maxSteps = options.maxSteps ?? 30;
  for (let step = 0; step < maxSteps; step++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    const current = evaluate(beta, grad, hess);
    const delta = solveSymmetric(hess, grad, d);
    // Newton's step, halved until the likelihood improves (the step can overshoot far from the optimum).
    let t = 1;
    let next = beta;
    let value = -Infinity;
    for (let halving = 0; halving < 30; halving++, t /= 2) {
      const trial = beta.map((b, j) => b + t * delta[j]);
      value = evaluate(trial);
      if (value >= current) {
        next = trial;
        break;
      }
    }
    if (next === beta) break;
    const gain = value - current;
    beta = next;
    if (gain < 1e-9 * Math.abs(current)) break;
  }
  return { mean, scale, coefficients: beta };
}

/** The score of one feature vector (comparable between candidates of one source only). */
export function rankScore(model: RankingModel, features: ArrayLike<number>): number {
  const d = model.mean.length;
  let z = 0;
  for (let j = 0; j < d; j++) z += model.coefficients[j] * ((features[j] - model.mean[j]) / model.scale[j]);
  return z;
}

/** Solves A x = b for a symmetric positive definite A (Cholesky). */
export function solveSymmetric(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) l[i * p + i] = Math.sqrt(Math.max(s, 1e-12));
      else l[i * p + j] = s / l[j * p + j];
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}
