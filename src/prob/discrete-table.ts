/**
 * Probability tables over named discrete variables: joints p(x, y, ...), conditionals p(x | y),
 * marginals, products and Bayes' rule. Values are stored row-major with the last variable
 * varying fastest, so a table over (a, b) with sizes (2, 3) lists p(a=0,b=0), p(a=0,b=1), ...
 */
import { GibbsError, describeValue, invalidValue } from '../core/errors.js';
import { type InformationUnit, entropy, mutualInformation } from './entropy.js';

/** A discrete variable: a name and the number of values it takes (0..size-1). */
export interface DiscreteVariable {
  name: string;
  size: number;
}

/** A full assignment of values to named variables, e.g. { rain: 1, sprinkler: 0 }. */
export type Assignment = Record<string, number>;

const NORMALISATION_TOLERANCE = 1e-9;
const MAX_ENTRIES = 1 << 26;

/**
 * A non-negative table over named discrete variables. A table with `given = []` is a joint
 * distribution (or an unnormalised factor); with `given = ['y']` it is a conditional p(x | y)
 * whose every slice y sums to 1 over the other variables.
 *
 * @example
 * const joint = DiscreteTable.from([['rain', 2], ['wet', 2]], [0.56, 0.14, 0.03, 0.27]);
 * joint.marginal(['wet']).values;                 // p(wet)
 * joint.conditional(['rain'], ['wet']).get({ rain: 1, wet: 1 }); // p(rain=1 | wet=1)
 */
export class DiscreteTable {
  readonly variables: readonly DiscreteVariable[];
  readonly values: Float64Array;
  /** Names of the conditioning variables (empty for a joint distribution). */
  readonly given: readonly string[];
  private readonly strides: Int32Array;

  constructor(variables: readonly DiscreteVariable[], values: ArrayLike<number>, given: readonly string[] = []) {
    const names = new Set<string>();
    let size = 1;
    variables.forEach((v, i) => {
      if (typeof v.name !== 'string' || v.name === '') throw invalidValue(`variables[${i}].name`, v.name, 'a non-empty string');
      if (names.has(v.name)) throw invalidValue(`variables[${i}].name`, v.name, 'a name not used by another variable');
      if (!Number.isInteger(v.size) || v.size < 1) throw invalidValue(`variables[${i}].size (${v.name})`, v.size, 'an integer >= 1');
      names.add(v.name);
      size *= v.size;
    });
    if (size > MAX_ENTRIES) throw new GibbsError(`variables: the table would have ${size} entries, more than the ${MAX_ENTRIES} allowed`, 'variables');
    if (values.length !== size) {
      const shape = variables.length ? `${variables.map((v) => v.size).join(' x ')} for variables ${variables.map((v) => v.name).join(', ')}` : 'a scalar table';
      throw new GibbsError(`values: has ${values.length} entries, expected ${size} (= ${shape})`, 'values');
    }
    for (let i = 0; i < values.length; i++) {
      if (!(values[i] >= 0) || values[i] === Infinity) throw invalidValue(`values[${i}]`, values[i], 'a finite number >= 0');
    }
    for (const g of given) if (!names.has(g)) throw invalidValue('given', g, `one of the table's variables (${[...names].join(', ')})`);
    this.variables = variables.map((v) => ({ name: v.name, size: v.size }));
    this.values = Float64Array.from(values);
    this.given = [...given];
    this.strides = new Int32Array(variables.length);
    let stride = 1;
    for (let i = variables.length - 1; i >= 0; i--) {
      this.strides[i] = stride;
      stride *= variables[i].size;
    }
  }

  /** Build from [name, size] pairs. */
  static from(variables: Array<[string, number]>, values: ArrayLike<number>, given: readonly string[] = []): DiscreteTable {
    return new DiscreteTable(
      variables.map(([name, size]) => ({ name, size })),
      values,
      given,
    );
  }

  /** Build by evaluating `fn` at every assignment. */
  static fromFunction(variables: Array<[string, number]>, fn: (assignment: Assignment) => number, given: readonly string[] = []): DiscreteTable {
    const vars = variables.map(([name, size]) => ({ name, size }));
    const shell = new DiscreteTable(vars, new Float64Array(vars.reduce((s, v) => s * v.size, 1)));
    const values = new Float64Array(shell.values.length);
    for (let i = 0; i < values.length; i++) values[i] = fn(shell.assignmentAt(i));
    return new DiscreteTable(vars, values, given);
  }

  /** Variable names in storage order. */
  get names(): string[] {
    return this.variables.map((v) => v.name);
  }

  /** Names of the variables the table is a distribution over (all but `given`). */
  get targets(): string[] {
    return this.names.filter((n) => !this.given.includes(n));
  }

  /** The flat index of an assignment (every variable of the table must be assigned). */
  indexOf(assignment: Assignment): number {
    let index = 0;
    this.variables.forEach((v, i) => {
      const value = assignment[v.name];
      if (value === undefined) throw new GibbsError(`assignment: variable ${v.name} is missing (the table has ${this.names.join(', ')})`, v.name);
      if (!Number.isInteger(value) || value < 0 || value >= v.size) throw invalidValue(`assignment.${v.name}`, value, `an integer from 0 to ${v.size - 1}`);
      index += value * this.strides[i];
    });
    return index;
  }

  /** The assignment at a flat index. */
  assignmentAt(index: number): Assignment {
    const out: Assignment = {};
    this.variables.forEach((v, i) => (out[v.name] = Math.floor(index / this.strides[i]) % v.size));
    return out;
  }

  /** The value at an assignment. */
  get(assignment: Assignment): number {
    return this.values[this.indexOf(assignment)];
  }

  /** Sum of all entries. */
  total(): number {
    let s = 0;
    for (let i = 0; i < this.values.length; i++) s += this.values[i];
    return s;
  }

  /** The joint distribution proportional to this table (error if it sums to 0). */
  normalize(): DiscreteTable {
    const z = this.total();
    if (!(z > 0)) throw new GibbsError('table: all entries are zero, so it cannot be normalised', 'values');
    return new DiscreteTable(this.variables, this.values.map((v) => v / z));
  }

  /**
   * Throw unless the table is normalised: a joint sums to 1; a conditional p(T | G) sums to 1
   * over T for every assignment of G (within 1e-9).
   */
  requireNormalized(field = 'table'): this {
    const sums = this.sumOutIndices(this.targets).values;
    for (let j = 0; j < sums.length; j++) {
      if (Math.abs(sums[j] - 1) > NORMALISATION_TOLERANCE) {
        const where = this.given.length ? ` for ${describeValue(this.projectedAssignment(j))}` : '';
        throw new GibbsError(`${field}: sums to ${sums[j]}${where} over ${this.targets.join(', ') || 'nothing'}, expected 1`, field);
      }
    }
    return this;
  }

  /** Whether {@link requireNormalized} would pass. */
  isNormalized(): boolean {
    try {
      this.requireNormalized();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Marginal over the variables `keep` (summing out the rest), in the order given.
   * @example joint.marginal(['a']) // p(a) = sum_b p(a, b)
   */
  marginal(keep: string[]): DiscreteTable {
    if (this.given.length) throw new GibbsError(`marginal: the table is conditional on ${this.given.join(', ')}; multiply by a distribution of those first`, 'given');
    const unknown = keep.filter((k) => !this.names.includes(k));
    if (unknown.length) throw invalidValue('keep', unknown[0], `one of the table's variables (${this.names.join(', ')})`);
    if (new Set(keep).size !== keep.length) throw invalidValue('keep', keep, 'distinct variable names');
    return this.project(keep);
  }

  /** Sum out the named variables (the table need not be normalised). */
  sumOut(names: string[]): DiscreteTable {
    for (const n of names) if (!this.names.includes(n)) throw invalidValue('sumOut', n, `one of the table's variables (${this.names.join(', ')})`);
    return this.sumOutIndices(names);
  }

  /**
   * The conditional p(target | given) from a joint table, over the variables given..., target...
   * A conditioning assignment of probability zero makes p(target | given) undefined: that is an
   * error unless `zeroRows` is 'uniform' (used by the chain rule, where it cannot matter).
   */
  conditional(target: string[], given: string[], options: { zeroRows?: 'error' | 'uniform' } = {}): DiscreteTable {
    if (target.length === 0) throw invalidValue('target', target, 'at least one variable');
    const overlap = target.filter((t) => given.includes(t));
    if (overlap.length) throw invalidValue('given', overlap[0], 'a variable not also in target');
    const joint = this.marginal([...given, ...target]);
    const givenSize = given.reduce((s, g) => s * this.variableOf(g).size, 1);
    const targetSize = joint.values.length / givenSize;
    const values = Float64Array.from(joint.values);
    for (let j = 0; j < givenSize; j++) {
      let z = 0;
      for (let t = 0; t < targetSize; t++) z += values[j * targetSize + t];
      if (z > 0) {
        for (let t = 0; t < targetSize; t++) values[j * targetSize + t] /= z;
      } else if (options.zeroRows === 'uniform') {
        for (let t = 0; t < targetSize; t++) values[j * targetSize + t] = 1 / targetSize;
      } else {
        throw new GibbsError(`conditional: p(${describeValue(joint.projectedAssignmentOf(j * targetSize, given))}) = 0, so p(${target.join(', ')} | ${given.join(', ')}) is undefined there`, 'given');
      }
    }
    return new DiscreteTable(joint.variables, values, given);
  }

  /**
   * Fix some variables to observed values: the slice over the remaining variables
   * (unnormalised; normalise it for p(rest | evidence) when the table is a joint).
   */
  observe(evidence: Assignment): DiscreteTable {
    for (const [name, value] of Object.entries(evidence)) {
      const v = this.variableOf(name);
      if (!Number.isInteger(value) || value < 0 || value >= v.size) throw invalidValue(`evidence.${name}`, value, `an integer from 0 to ${v.size - 1}`);
    }
    const rest = this.variables.filter((v) => !(v.name in evidence));
    const out = new DiscreteTable(rest, new Float64Array(rest.reduce((s, v) => s * v.size, 1)), this.given.filter((g) => !(g in evidence)));
    for (let i = 0; i < out.values.length; i++) out.values[i] = this.values[this.indexOf({ ...out.assignmentAt(i), ...evidence })];
    return out;
  }

  /**
   * Factor product over the union of variables (shared names must have equal sizes). The
   * result's conditioning set is (given of both) minus (targets of both), so
   * p(x | y) times p(y) is the joint p(y, x), and chaining conditionals gives the chain rule.
   */
  product(other: DiscreteTable): DiscreteTable {
    for (const v of other.variables) {
      const mine = this.variables.find((w) => w.name === v.name);
      if (mine && mine.size !== v.size) throw new GibbsError(`product: variable ${v.name} has size ${mine.size} in one table and ${v.size} in the other`, v.name);
    }
    const vars = [...this.variables, ...other.variables.filter((v) => !this.names.includes(v.name))];
    const targets = new Set([...this.targets, ...other.targets]);
    const given = [...new Set([...this.given, ...other.given])].filter((g) => !targets.has(g));
    const size = vars.reduce((s, v) => s * v.size, 1);
    const result = new Float64Array(size);
    const mapA = this.indexMap(vars);
    const mapB = other.indexMap(vars);
    for (let i = 0; i < size; i++) result[i] = this.values[mapA[i]] * other.values[mapB[i]];
    return new DiscreteTable(vars, result, given);
  }

  /** The same table with its variables stored in another order. */
  reorder(names: string[]): DiscreteTable {
    if (names.length !== this.variables.length || names.some((n) => !this.names.includes(n))) throw invalidValue('order', names, `a permutation of ${this.names.join(', ')}`);
    const vars = names.map((n) => this.variableOf(n));
    const map = this.indexMap(vars);
    return new DiscreteTable(vars, Array.from(map, (j) => this.values[j]), this.given);
  }

  /** Entropy of a joint distribution (nats or bits). */
  entropy(unit: InformationUnit = 'nats'): number {
    if (this.given.length) throw new GibbsError('entropy: the table is a conditional; use conditionalEntropy on the joint', 'given');
    return entropy(this.values, unit);
  }

  /** Conditional entropy H(target | given) = H(target, given) - H(given) of a joint table. */
  conditionalEntropy(target: string[], given: string[], unit: InformationUnit = 'nats'): number {
    const hJoint = this.marginal([...given, ...target]).entropy(unit);
    return given.length ? hJoint - this.marginal(given).entropy(unit) : hJoint;
  }

  /** Mutual information I(A; B) between two disjoint groups of variables of a joint table. */
  mutualInformation(a: string[], b: string[], unit: InformationUnit = 'nats'): number {
    const joint = this.marginal([...a, ...b]);
    const rows = a.reduce((s, n) => s * this.variableOf(n).size, 1);
    return mutualInformation(joint.values, rows, joint.values.length / rows, unit);
  }

  /** The variable called `name` (error naming the table's variables if there is none). */
  variableOf(name: string): DiscreteVariable {
    const v = this.variables.find((w) => w.name === name);
    if (!v) throw invalidValue('variable', name, `one of the table's variables (${this.names.join(', ')})`);
    return v;
  }

  /** For each flat index of a table over `vars` (a superset of ours), the flat index in this table. */
  private indexMap(vars: readonly DiscreteVariable[]): Int32Array {
    const size = vars.reduce((s, v) => s * v.size, 1);
    const outer = new Int32Array(vars.length);
    let stride = 1;
    for (let i = vars.length - 1; i >= 0; i--) {
      outer[i] = stride;
      stride *= vars[i].size;
    }
    const mine = vars.map((v) => {
      const k = this.names.indexOf(v.name);
      return k < 0 ? 0 : this.strides[k];
    });
    const map = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      let j = 0;
      for (let v = 0; v < vars.length; v++) j += (Math.floor(i / outer[v]) % vars[v].size) * mine[v];
      map[i] = j;
    }
    return map;
  }

  private project(keep: string[]): DiscreteTable {
    const vars = keep.map((n) => this.variableOf(n));
    const out = new DiscreteTable(vars, new Float64Array(vars.reduce((s, v) => s * v.size, 1)), this.given.filter((g) => keep.includes(g)));
    // index in `out` of each of our flat indices: reuse indexMap from out's side
    const keepStride = this.variables.map((v) => {
      const k = keep.indexOf(v.name);
      return k < 0 ? 0 : out.strides[k];
    });
    for (let i = 0; i < this.values.length; i++) {
      let j = 0;
      for (let v = 0; v < this.variables.length; v++) j += (Math.floor(i / this.strides[v]) % this.variables[v].size) * keepStride[v];
      out.values[j] += this.values[i];
    }
    return out;
  }

  private sumOutIndices(names: string[]): DiscreteTable {
    return this.project(this.names.filter((n) => !names.includes(n)));
  }

  private projectedAssignment(j: number): Assignment {
    return this.project(this.given.slice()).assignmentAt(j);
  }

  private projectedAssignmentOf(index: number, names: string[]): Assignment {
    const a = this.assignmentAt(index);
    return Object.fromEntries(names.map((n) => [n, a[n]]));
  }
}

/**
 * Bayes' rule on tables: p(h | e) = p(e | h) p(h) / p(e), for a prior p(H) and a likelihood
 * p(E | H) (a conditional table) with observed values of E.
 * @example
 * const prior = DiscreteTable.from([['disease', 2]], [0.99, 0.01]);
 * const test = DiscreteTable.from([['disease', 2], ['positive', 2]], [0.95, 0.05, 0.1, 0.9], ['disease']);
 * bayes(prior, test, { positive: 1 }).posterior.values // [0.846..., 0.153...]
 */
export function bayes(prior: DiscreteTable, likelihood: DiscreteTable, evidence: Assignment): { posterior: DiscreteTable; evidence: number } {
  prior.requireNormalized('prior');
  likelihood.requireNormalized('likelihood');
  for (const name of Object.keys(evidence)) {
    if (!likelihood.targets.includes(name)) throw invalidValue('evidence', name, `an observed variable of the likelihood (${likelihood.targets.join(', ')})`);
  }
  const unnormalised = likelihood.observe(evidence).product(prior);
  const remaining = unnormalised.names.filter((n) => !prior.names.includes(n));
  const overHypotheses = remaining.length ? unnormalised.sumOut(remaining) : unnormalised;
  const z = overHypotheses.total();
  if (!(z > 0)) throw new GibbsError(`evidence: ${describeValue(evidence)} has probability 0 under the model, so the posterior is undefined`, 'evidence');
  const posterior = new DiscreteTable(overHypotheses.variables, overHypotheses.values.map((v) => v / z)).reorder(prior.names);
  return { posterior, evidence: z };
}
