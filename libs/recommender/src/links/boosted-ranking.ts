// Gradient-boosted regression trees on top of the conditional logit: the same objective (a softmax
// over each source's candidates), with second-order steps (Friedman 2001; Chen and Guestrin 2016)
// on features binned at their quantiles, so that the ranking can learn where the evidence stops
// adding (saturation) and how two pieces of evidence combine, which a log-linear model cannot.
import { RankingGroup, RankingModel, rankScore } from './ranking-model';

interface Tree {
  /** Per node: split feature (-1 for a leaf), threshold (go left when x <= threshold), children, leaf value. */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export interface BoostedRanking {
  base: RankingModel;
  trees: Tree[];
}

export interface BoostOptions {
  trees?: number;
  depth?: number;
  rate?: number;
  /** L2 penalty on leaf values. */
  lambda?: number;
  /** Least total hessian in a leaf. */
  minHessian?: number;
  bins?: number;
}

export function boostedScore(model: BoostedRanking, x: ArrayLike<number>): number {
  let s = rankScore(model.base, x);
  for (const t of model.trees) {
    let node = 0;
    while (t.feature[node] >= 0) node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
    s += t.value[node];
  }
  return s;
}

export function fitBoostedRanking(groups: readonly RankingGroup[], d: number, base: RankingModel, options: BoostOptions = {}): BoostedRanking {
  const treesWanted = options.trees ?? 60;
  const depth = options.depth ?? 3;
  const rate = options.rate ?? 0.1;
  const lambda = options.lambda ?? 1;
  const minHessian = options.minHessian ?? 5;
  const binCount = options.bins ?? 32;
  // Rows flattened, with their group.
  let n = 0;
  for (const g of groups) n += g.positive.length;
  const x = new Float64Array(n * d);
  const y = new Uint8Array(n);
  const groupStart: number[] = [];
  {
    let r = 0;
    for (const g of groups) {
      groupStart.push(r);
      x.set(g.rows, r * d);
      y.set(g.positive, r);
      r += g.positive.length;
    }
    groupStart.push(r);
  }
  // Quantile thresholds per feature, and each row's bin.
  const thresholds: Float64Array[] = [];
  const binned = new Uint8Array(n * d);
  for (let j = 0; j < d; j++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = x[i * d + j];
    values.sort();
    const cuts: number[] = [];
    for (let b = 1; b < binCount; b++) {
      const v = values[Math.floor((b * n) / binCount)];
      if (cuts.length === 0 || v > cuts[cuts.length - 1]) cuts.push(v);
    }
    const t = Float64Array.from(cuts);
    thresholds.push(t);
    for (let i = 0; i < n; i++) {
      const v = x[i * d + j];
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= t[mid]) hi = mid;
        else lo = mid + 1;
      }
      binned[i * d + j] = lo;
    }
  }
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = rankScore(base, x.subarray(i * d, (i + 1) * d));
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  const bins = binCount + 1;
  const hist = new Float64Array(d * bins * 2);
  for (let round = 0; round < treesWanted; round++) {
    for (let gi = 0; gi < groups.length; gi++) {
      const a = groupStart[gi];
      const b = groupStart[gi + 1];
      let pos = 0;
      let max = -Infinity;
      for (let i = a; i < b; i++) {
        pos += y[i];
        if (f[i] > max) max = f[i];
      }
      let sum = 0;
      for (let i = a; i < b; i++) sum += Math.exp(f[i] - max);
      for (let i = a; i < b; i++) {
        const p = Math.exp(f[i] - max) / sum;
        grad[i] = pos * p - y[i];
        hess[i] = Math.max(pos * p * (1 - p), 1e-6);
      }
    }
    // Grow one tree level by level.
    const feature: number[] = [-1];
    const threshold: number[] = [0];
    const left: number[] = [-1];
    const right: number[] = [-1];
    const value: number[] = [0];
    let frontier: { node: number; rows: Int32Array }[] = [{ node: 0, rows: Int32Array.from({ length: n }, (_, i) => i) }];
    for (let level = 0; level <= depth; level++) {
      const next: typeof frontier = [];
      for (const { node, rows } of frontier) {
        let G = 0;
        let H = 0;
        for (let r = 0; r < rows.length; r++) {
          G += grad[rows[r]];
          H += hess[rows[r]];
        }
        value[node] = (-G / (H + lambda)) * rate;
        if (level === depth || H < 2 * minHessian) continue;
        let best = { gain: 1e-9, feature: -1, bin: -1 };
        // The gradient and hessian histograms of every feature, in one pass over the rows.
        hist.fill(0);
        for (let r = 0; r < rows.length; r++) {
          const i = rows[r];
          const gi = grad[i];
          const hi = hess[i];
          const base = i * d;
          for (let j = 0; j < d; j++) {
            const at = (j * bins + binned[base + j]) * 2;
            hist[at] += gi;
            hist[at + 1] += hi;
          }
        }
        for (let j = 0; j < d; j++) {
          let gl = 0;
          let hl = 0;
          const nb = thresholds[j].length;
          for (let bin = 0; bin < nb; bin++) {
            gl += hist[(j * bins + bin) * 2];
            hl += hist[(j * bins + bin) * 2 + 1];
            const gr = G - gl;
            const hr = H - hl;
            if (hl < minHessian || hr < minHessian) continue;
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (G * G) / (H + lambda);
            if (gain > best.gain) best = { gain, feature: j, bin };
          }
        }
        if (best.feature < 0) continue;
        const l: number[] = [];
        const r: number[] = [];
        for (let k = 0; k < rows.length; k++) (binned[rows[k] * d + best.feature] <= best.bin ? l : r).push(rows[k]);
        feature[node] = best.feature;
        threshold[node] = thresholds[best.feature][best.bin];
        for (const [side, list] of [
          ['left', l],
          ['right', r],
        ] as const) {
          const child = feature.length;
          feature.push(-1);
          threshold.push(0);
          left.push(-1);
          right.push(-1);
          value.push(0);
          if (side === 'left') left[node] = child;
          else right[node] = child;
          next.push({ node: child, rows: Int32Array.from(list) });
        }
      }
      frontier = next;
    }
    const tree: Tree = {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
    };
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      let node = 0;
      while (tree.feature[node] >= 0) node = x[i * d + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
      f[i] += tree.value[node];
    }
  }
  return { base, trees };
}
