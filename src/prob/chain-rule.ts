/**
 * The chain rule p(x1, ..., xN) = p(x1) p(x2 | x1) ... p(xN | x1..xN-1) on discrete tables, and
 * ancestral (autoregressive) sampling from such a factorisation: draw x1, then x2 given x1, ...
 */
import { GibbsError, invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { type Assignment, DiscreteTable } from './discrete-table.js';
import { categoricalVariate } from './variates.js';

/**
 * Factorise a joint table by the chain rule in the given variable order (default: storage order):
 * [p(x1), p(x2 | x1), ..., p(xN | x1..xN-1)]. Conditioning assignments of probability zero get a
 * uniform conditional (any choice leaves the product, the joint, unchanged).
 * @example
 * const factors = chainRule(joint, ['a', 'b']);
 * productOf(factors) // equals joint
 */
export function chainRule(joint: DiscreteTable, order: string[] = joint.names): DiscreteTable[] {
  joint.requireNormalized('joint');
  if (order.length !== joint.names.length || new Set(order).size !== order.length || order.some((n) => !joint.names.includes(n))) {
    throw invalidValue('order', order, `a permutation of ${joint.names.join(', ')}`);
  }
  return order.map((name, i) => joint.conditional([name], order.slice(0, i), { zeroRows: 'uniform' }));
}

/** Multiply factors together (e.g. the chain-rule factors back into the joint). */
export function productOf(factors: DiscreteTable[]): DiscreteTable {
  if (factors.length === 0) throw invalidValue('factors', [], 'at least one table');
  return factors.reduce((acc, f) => acc.product(f));
}

/**
 * Ancestral sampling: `n` joint draws from a factorisation whose factors come in an order where
 * each factor conditions only on variables introduced by earlier factors. Returns the variable
 * names and an n x N Int32Array (row-major) of values.
 * @example
 * const { names, samples } = ancestralSample(chainRule(joint), Rng.fromSeed(1), 1000);
 */
export function ancestralSample(factors: DiscreteTable[], rng: Rng, n: number): { names: string[]; samples: Int32Array } {
  if (!Number.isInteger(n) || n < 0) throw invalidValue('n', n, 'an integer >= 0');
  const names: string[] = [];
  factors.forEach((f, i) => {
    f.requireNormalized(`factors[${i}]`);
    for (const g of f.given) {
      if (!names.includes(g)) throw new GibbsError(`factors[${i}]: conditions on ${g}, which no earlier factor introduces; order the factors parents first`, `factors[${i}]`);
    }
    for (const t of f.targets) {
      if (names.includes(t)) throw new GibbsError(`factors[${i}]: ${t} was already introduced by an earlier factor`, `factors[${i}]`);
      names.push(t);
    }
  });
  // For each factor: parents' values select a slice; the targets are drawn from it.
  const plans = factors.map((f) => {
    const sliceIndex = (a: Assignment) => f.indexOf({ ...a, ...Object.fromEntries(f.targets.map((t) => [t, 0])) });
    const targetTable = new DiscreteTable(
      f.variables.filter((v) => f.targets.includes(v.name)),
      new Float64Array(f.targets.reduce((s, t) => s * f.variableOf(t).size, 1)),
    );
    const offsets = Array.from({ length: targetTable.values.length }, (_, k) => f.indexOf({ ...Object.fromEntries(f.given.map((g) => [g, 0])), ...targetTable.assignmentAt(k) }));
    return { f, sliceIndex, targetTable, offsets, weights: new Float64Array(offsets.length) };
  });
  const samples = new Int32Array(n * names.length);
  const column = new Map(names.map((name, j) => [name, j]));
  for (let s = 0; s < n; s++) {
    const assignment: Assignment = {};
    for (const plan of plans) {
      const base = plan.sliceIndex(assignment);
      for (let k = 0; k < plan.offsets.length; k++) plan.weights[k] = plan.f.values[base + plan.offsets[k]];
      const drawn = plan.targetTable.assignmentAt(categoricalVariate(rng, plan.weights));
      for (const [name, value] of Object.entries(drawn)) {
        assignment[name] = value;
        samples[s * names.length + (column.get(name) as number)] = value;
      }
    }
  }
  return { names, samples };
}
