import type { ChainComponent } from './chain-components.js';

/**
 * Distribution of the number k of down spins along one path (first spin fixed to `start`
 * when it is +1/-1, closing bond back to it for cycles): the 2x2 transfer matrix resolved by
 * k, so the state after i spins is a 2 x (i+1) table. O(n^2) work. Returns the log of the
 * total weight and the normalised distribution P(k), k = 0..n.
 */
function pathDistribution(component: ChainComponent, beta: number, start: number, closing: number): { logWeight: number; p: Float64Array } {
  const { fields, bonds } = component;
  const n = fields.length;
  // up[k] / down[k]: weight of histories with k down spins whose current spin is +1 / -1.
  const up = new Float64Array(n + 1);
  const down = new Float64Array(n + 1);
  const h0 = fields[0];
  const c0 = Math.abs(beta * h0);
  up[0] = start === -1 ? 0 : Math.exp(-beta * h0 - c0);
  down[1] = start === 1 ? 0 : Math.exp(beta * h0 - c0);
  let logScale = c0;
  for (let i = 1; i < n; i++) {
    const j = bonds[i - 1];
    const h = fields[i];
    // Step weights exp(-beta (j s s' + h s')), divided by the largest so none overflows.
    const xpp = -beta * (j + h);
    const xmp = -beta * (h - j);
    const xpm = beta * (j + h);
    const xmm = -beta * (j - h);
    const c = Math.max(xpp, xmp, xpm, xmm);
    const tpp = Math.exp(xpp - c);
    const tmp = Math.exp(xmp - c);
    const tpm = Math.exp(xpm - c);
    const tmm = Math.exp(xmm - c);
    logScale += c;
    let max = 0;
    for (let k = i; k >= 0; k--) {
      const a = up[k];
      const b = down[k];
      const nextUp = a * tpp + b * tmp;
      const nextDown = a * tpm + b * tmm;
      up[k] = nextUp;
      down[k + 1] = nextDown;
      if (nextUp > max) max = nextUp;
      if (nextDown > max) max = nextDown;
    }
    down[0] = 0;
    for (let k = 0; k <= i + 1; k++) {
      up[k] /= max;
      down[k] /= max;
    }
    logScale += Math.log(max);
  }
  const end = closing * start;
  const fUp = Math.exp(-beta * end - Math.abs(beta * end));
  const fDown = Math.exp(beta * end - Math.abs(beta * end));
  const p = new Float64Array(n + 1);
  let total = 0;
  for (let k = 0; k <= n; k++) {
    p[k] = up[k] * fUp + down[k] * fDown;
    total += p[k];
  }
  for (let k = 0; k <= n; k++) p[k] /= total;
  return { logWeight: logScale + Math.abs(beta * end) + Math.log(total), p };
}

function componentDistribution(component: ChainComponent, beta: number): Float64Array {
  if (!component.cyclic) return pathDistribution(component, beta, 0, 0).p;
  const closing = component.bonds[component.bonds.length - 1];
  const a = pathDistribution(component, beta, 1, closing);
  const b = pathDistribution(component, beta, -1, closing);
  const top = Math.max(a.logWeight, b.logWeight);
  const wa = Math.exp(a.logWeight - top);
  const wb = Math.exp(b.logWeight - top);
  return a.p.map((x, k) => (wa * x + wb * b.p[k]) / (wa + wb));
}

/**
 * Exact distribution P(k) of the number k of down spins (M = N - 2k) for a union of chains,
 * by a magnetisation-resolved transfer matrix per chain and convolution across chains:
 * O(N^2) work and O(N) memory. Used for <|M|>, which no 2x2 transfer matrix gives directly.
 *
 * @example
 * const p = chainMagnetizationDistribution(chainComponents(chainModel(8)) as ChainComponent[], 0.5);
 * p.reduce((a, x) => a + x, 0); // 1
 */
export function chainMagnetizationDistribution(components: readonly ChainComponent[], beta: number): Float64Array {
  let total = Float64Array.of(1);
  for (const component of components) {
    const p = componentDistribution(component, beta);
    const next = new Float64Array(total.length + p.length - 1);
    for (let a = 0; a < total.length; a++) {
      const ta = total[a];
      if (ta === 0) continue;
      for (let b = 0; b < p.length; b++) next[a + b] += ta * p[b];
    }
    total = next;
  }
  return total;
}
