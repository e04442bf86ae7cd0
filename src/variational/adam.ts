import { invalidValue } from '../core/errors.js';

/** Adam's moment estimates and step count, plain data for checkpoints. */
export interface AdamState {
  step: number;
  m: Float64Array;
  v: Float64Array;
}

/**
 * Adam (Kingma & Ba, ICLR 2015): per-parameter steps lr * mhat / (sqrt(vhat) + eps) from bias-
 * corrected running means of the gradient and its square. Minimises: params -= step.
 *
 * @example
 * const adam = new Adam(params.length);
 * adam.update(params, grad, 1e-3);
 */
export class Adam {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  state: AdamState;

  constructor(size: number, options: { beta1?: number; beta2?: number; epsilon?: number } = {}) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.state = { step: 0, m: new Float64Array(size), v: new Float64Array(size) };
  }

  /** Restore moments saved from {@link Adam.state} (sizes must match). */
  restore(state: AdamState): void {
    if (state.m.length !== this.state.m.length || state.v.length !== this.state.v.length) throw invalidValue('adam', `${state.m.length} moments`, `${this.state.m.length} (one per parameter)`);
    this.state = { step: state.step, m: Float64Array.from(state.m), v: Float64Array.from(state.v) };
  }

  /** One step of size lr against the gradient. */
  update(params: Float64Array, grad: Float64Array, lr: number): void {
    const { m, v } = this.state;
    const t = ++this.state.step;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 / (1 - b1 ** t);
    const c2 = 1 / (1 - b2 ** t);
    const eps = this.epsilon;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      if (g === 0 && m[i] === 0 && v[i] === 0) continue; // masked weights stay exactly zero
      const mi = b1 * m[i] + (1 - b1) * g;
      const vi = b2 * v[i] + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= (lr * mi * c1) / (Math.sqrt(vi * c2) + eps);
    }
  }
}
