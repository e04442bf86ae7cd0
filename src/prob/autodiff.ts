/**
 * A small reverse-mode automatic differentiation for scalar and vector code (a Wengert tape:
 * every operation records how to push its output's gradient back to its inputs; `backward`
 * replays the records in reverse; Griewank & Walther, "Evaluating Derivatives", 2nd ed., ch. 3).
 * Vector operations are single tape entries over Float64Arrays, so a log-likelihood over many
 * data points costs a handful of records, not one per point. Numbers and Float64Arrays passed
 * to an operation are constants; scalars broadcast against vectors.
 */
import { GibbsError } from '../core/errors.js';
import { log1pExp, sigmoid } from '../core/numerics.js';
import { digamma, logGamma } from './special.js';

/** A scalar on a tape: its value, and after `backward` the derivative of the output with respect to it. */
export class Scalar {
  grad = 0;
  constructor(
    readonly tape: Tape,
    public value: number,
  ) {}
}

/** A vector on a tape (elementwise values and gradients). */
export class Vector {
  readonly grad: Float64Array;
  constructor(
    readonly tape: Tape,
    readonly value: Float64Array,
  ) {
    this.grad = new Float64Array(value.length);
  }

  get length(): number {
    return this.value.length;
  }
}

/** Operands: scalars or vectors on the tape, or constants. */
export type ScalarLike = Scalar | number;
export type VectorLike = Vector | Float64Array;
export type Operand = ScalarLike | VectorLike;

interface Arg {
  values: Float64Array;
  node: Scalar | Vector | null;
}

function asArg(x: Operand): Arg {
  if (typeof x === 'number') return { values: Float64Array.of(x), node: null };
  if (x instanceof Scalar) return { values: Float64Array.of(x.value), node: x };
  if (x instanceof Vector) return { values: x.value, node: x };
  return { values: x, node: null };
}

function isVector(x: Operand): boolean {
  return x instanceof Vector || x instanceof Float64Array;
}

function addGrad(arg: Arg, i: number, g: number): void {
  const node = arg.node;
  if (node === null) return;
  if (node instanceof Scalar) node.grad += g;
  else node.grad[i] += g;
}

/**
 * Add the per-element gradient contributions `part(i)`, i < n, to an operand: elementwise into a
 * vector (stride 1), summed into a broadcast scalar (stride 0), skipped for constants.
 */
function backpropagate(arg: Arg, stride: number, n: number, part: (i: number) => number): void {
  const node = arg.node;
  if (node === null) return;
  if (node instanceof Vector) {
    const g = node.grad;
    for (let i = 0; i < n; i++) g[i] += part(i);
    return;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += part(i);
  if (stride === 0 || n === 1) node.grad += sum;
}

/**
 * The tape. Create leaves with `scalar`/`vector`, combine them with the operations, then call
 * `backward(output)` to fill every leaf's `grad` with d output / d leaf.
 *
 * @example
 * const t = new Tape();
 * const x = t.scalar(2);
 * const y = t.mul(x, t.exp(x)); // y = x e^x
 * t.backward(y);
 * x.grad; // (1 + x) e^x = 3 e^2
 */
export class Tape {
  private readonly records: Array<() => void> = [];

  /** A scalar leaf (an input to differentiate with respect to). */
  scalar(value: number): Scalar {
    return new Scalar(this, value);
  }

  /** A vector leaf (copied). */
  vector(values: ArrayLike<number>): Vector {
    return new Vector(this, Float64Array.from(values));
  }

  /** Number of recorded operations. */
  get size(): number {
    return this.records.length;
  }

  /** Seed d output / d output = 1 and propagate gradients to every node recorded before it. */
  backward(output: Scalar): void {
    if (output.tape !== this) throw new GibbsError('backward: the output belongs to another tape', 'output');
    output.grad = 1;
    for (let r = this.records.length - 1; r >= 0; r--) this.records[r]();
  }

  // ---- elementwise binary operations (scalars broadcast against vectors) ----

  add(a: ScalarLike, b: ScalarLike): Scalar;
  add(a: Operand, b: Operand): Vector;
  add(a: Operand, b: Operand): Scalar | Vector {
    return this.binary(a, b, (x, y) => x + y, (_x, _y, g) => g, (_x, _y, g) => g);
  }

  sub(a: ScalarLike, b: ScalarLike): Scalar;
  sub(a: Operand, b: Operand): Vector;
  sub(a: Operand, b: Operand): Scalar | Vector {
    return this.binary(a, b, (x, y) => x - y, (_x, _y, g) => g, (_x, _y, g) => -g);
  }

  mul(a: ScalarLike, b: ScalarLike): Scalar;
  mul(a: Operand, b: Operand): Vector;
  mul(a: Operand, b: Operand): Scalar | Vector {
    return this.binary(a, b, (x, y) => x * y, (_x, y, g) => g * y, (x, _y, g) => g * x);
  }

  div(a: ScalarLike, b: ScalarLike): Scalar;
  div(a: Operand, b: Operand): Vector;
  div(a: Operand, b: Operand): Scalar | Vector {
    return this.binary(a, b, (x, y) => x / y, (_x, y, g) => g / y, (x, y, g) => (-g * x) / (y * y));
  }

  // ---- elementwise unary operations ----

  neg(a: ScalarLike): Scalar;
  neg(a: VectorLike): Vector;
  neg(a: Operand): Scalar | Vector {
    return this.unary(a, (x) => -x, (_x, _y, g) => -g);
  }

  exp(a: ScalarLike): Scalar;
  exp(a: VectorLike): Vector;
  exp(a: Operand): Scalar | Vector {
    return this.unary(a, Math.exp, (_x, y, g) => g * y);
  }

  log(a: ScalarLike): Scalar;
  log(a: VectorLike): Vector;
  log(a: Operand): Scalar | Vector {
    return this.unary(a, Math.log, (x, _y, g) => g / x);
  }

  log1p(a: ScalarLike): Scalar;
  log1p(a: VectorLike): Vector;
  log1p(a: Operand): Scalar | Vector {
    return this.unary(a, Math.log1p, (x, _y, g) => g / (1 + x));
  }

  sqrt(a: ScalarLike): Scalar;
  sqrt(a: VectorLike): Vector;
  sqrt(a: Operand): Scalar | Vector {
    return this.unary(a, Math.sqrt, (_x, y, g) => g / (2 * y));
  }

  square(a: ScalarLike): Scalar;
  square(a: VectorLike): Vector;
  square(a: Operand): Scalar | Vector {
    return this.unary(a, (x) => x * x, (x, _y, g) => 2 * x * g);
  }

  /** x^p for a constant exponent p. */
  pow(a: ScalarLike, p: number): Scalar;
  pow(a: VectorLike, p: number): Vector;
  pow(a: Operand, p: number): Scalar | Vector {
    return this.unary(a, (x) => x ** p, (x, _y, g) => g * p * x ** (p - 1));
  }

  tanh(a: ScalarLike): Scalar;
  tanh(a: VectorLike): Vector;
  tanh(a: Operand): Scalar | Vector {
    return this.unary(a, Math.tanh, (_x, y, g) => g * (1 - y * y));
  }

  sigmoid(a: ScalarLike): Scalar;
  sigmoid(a: VectorLike): Vector;
  sigmoid(a: Operand): Scalar | Vector {
    return this.unary(a, sigmoid, (_x, y, g) => g * y * (1 - y));
  }

  /** log(1 + e^x), derivative sigmoid(x). */
  softplus(a: ScalarLike): Scalar;
  softplus(a: VectorLike): Vector;
  softplus(a: Operand): Scalar | Vector {
    return this.unary(a, log1pExp, (x, _y, g) => g * sigmoid(x));
  }

  /** log Gamma(x), derivative digamma(x). */
  logGamma(a: ScalarLike): Scalar;
  logGamma(a: VectorLike): Vector;
  logGamma(a: Operand): Scalar | Vector {
    return this.unary(a, logGamma, (x, _y, g) => g * digamma(x));
  }

  // ---- reductions and structure ----

  /** Sum of a vector's entries. */
  sum(a: VectorLike): Scalar {
    const arg = asArg(a);
    let s = 0;
    for (let i = 0; i < arg.values.length; i++) s += arg.values[i];
    const out = new Scalar(this, s);
    this.records.push(() => {
      for (let i = 0; i < arg.values.length; i++) addGrad(arg, i, out.grad);
    });
    return out;
  }

  /** Inner product sum_i a_i b_i. */
  dot(a: VectorLike, b: VectorLike): Scalar {
    return this.sum(this.mul(a, b));
  }

  /** log sum_i exp(a_i), stable; gradient softmax(a). */
  logSumExp(a: VectorLike): Scalar {
    const arg = asArg(a);
    const v = arg.values;
    let max = -Infinity;
    for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
    let s = 0;
    for (let i = 0; i < v.length; i++) s += Math.exp(v[i] - max);
    const out = new Scalar(this, max + Math.log(s));
    this.records.push(() => {
      for (let i = 0; i < v.length; i++) addGrad(arg, i, out.grad * Math.exp(v[i] - out.value));
    });
    return out;
  }

  /** Entry i of a vector as a scalar. */
  index(a: VectorLike, i: number): Scalar {
    const arg = asArg(a);
    if (!Number.isInteger(i) || i < 0 || i >= arg.values.length) throw new GibbsError(`index: got ${i}, expected an integer from 0 to ${arg.values.length - 1}`, 'index');
    const out = new Scalar(this, arg.values[i]);
    this.records.push(() => addGrad(arg, i, out.grad));
    return out;
  }

  /** A vector made of scalars. */
  stack(items: ScalarLike[]): Vector {
    const args = items.map(asArg);
    const out = new Vector(this, Float64Array.from(args, (a) => a.values[0]));
    this.records.push(() => {
      for (let i = 0; i < args.length; i++) addGrad(args[i], 0, out.grad[i]);
    });
    return out;
  }

  private binary(a: Operand, b: Operand, f: (x: number, y: number) => number, da: (x: number, y: number, g: number) => number, db: (x: number, y: number, g: number) => number): Scalar | Vector {
    this.requireOwn(a);
    this.requireOwn(b);
    const A = asArg(a);
    const B = asArg(b);
    const vector = isVector(a) || isVector(b);
    const n = Math.max(A.values.length, B.values.length);
    if (vector && isVector(a) && isVector(b) && A.values.length !== B.values.length) {
      throw new GibbsError(`vector lengths differ: ${A.values.length} and ${B.values.length}`, 'operand');
    }
    const sa = A.values.length === 1 && !isVector(a) ? 0 : 1;
    const sb = B.values.length === 1 && !isVector(b) ? 0 : 1;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = f(A.values[i * sa], B.values[i * sb]);
    if (!vector) {
      const out = new Scalar(this, values[0]);
      this.records.push(() => {
        addGrad(A, 0, da(A.values[0], B.values[0], out.grad));
        addGrad(B, 0, db(A.values[0], B.values[0], out.grad));
      });
      return out;
    }
    const out = new Vector(this, values);
    this.records.push(() => {
      backpropagate(A, sa, n, (i) => da(A.values[i * sa], B.values[i * sb], out.grad[i]));
      backpropagate(B, sb, n, (i) => db(A.values[i * sa], B.values[i * sb], out.grad[i]));
    });
    return out;
  }

  private unary(a: Operand, f: (x: number) => number, df: (x: number, y: number, g: number) => number): Scalar | Vector {
    this.requireOwn(a);
    const A = asArg(a);
    const values = A.values.map(f);
    if (!isVector(a)) {
      const out = new Scalar(this, values[0]);
      this.records.push(() => addGrad(A, 0, df(A.values[0], out.value, out.grad)));
      return out;
    }
    const out = new Vector(this, values);
    this.records.push(() => backpropagate(A, 1, values.length, (i) => df(A.values[i], values[i], out.grad[i])));
    return out;
  }

  private requireOwn(x: Operand): void {
    if ((x instanceof Scalar || x instanceof Vector) && x.tape !== this) throw new GibbsError('operand belongs to another tape', 'operand');
  }
}
