/**
 * xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47, 2021): 128 bits of state, period 2^128 - 1, only 32-bit operations, so it is
 * cheap in JavaScript. Seeds are expanded with SplitMix64 as the authors recommend, and
 * independent streams for parallel chains come from the 2^64-step jump polynomial.
 */

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_MINUS_32 = 1 / 4294967296;

/** The four 32-bit state words plus the cached second normal variate, for checkpoints. */
export interface RngState {
  words: [number, number, number, number];
  spareNormal: number | null;
}

/**
 * A seedable random number generator (xoshiro128**). Pass one explicitly to every stochastic
 * routine: the library never calls `Math.random`. Same seed, same numbers, in Node or a browser.
 *
 * @example
 * const rng = Rng.fromSeed(42);
 * const u = rng.nextDouble();      // uniform in [0, 1), 53 random bits
 * const chains = Rng.streams(42, 4); // four independent streams for four chains
 */
export class Rng {
  // Initialised to 0 so V8 stores the words as unboxed numbers (a field first set to
  // undefined becomes "tagged" and every update would allocate a heap number: 3x slower).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare = 0;
  private hasSpare = false;

  /** Build from four raw 32-bit state words (not all zero). Prefer {@link Rng.fromSeed}. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if (((s0 | s1 | s2 | s3) >>> 0) === 0) throw new Error('xoshiro128** state must not be all zero');
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** Seed from any safe integer (or bigint) by SplitMix64 expansion. */
  static fromSeed(seed: number | bigint): Rng {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, got ${seed}`);
    const mask = (1n << 64n) - 1n;
    let x = BigInt(seed) & mask;
    const words: number[] = [];
    for (let i = 0; i < 2; i++) {
      x = (x + 0x9e3779b97f4a7c15n) & mask;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
      z ^= z >> 31n;
      words.push(Number(z & 0xffffffffn), Number(z >> 32n));
    }
    return new Rng(words[0], words[1], words[2], words[3]);
  }

  /** `count` independent generators: stream k is the seeded generator jumped k times by 2^64. */
  static streams(seed: number | bigint, count: number): Rng[] {
    const base = Rng.fromSeed(seed);
    const out: Rng[] = [];
    for (let k = 0; k < count; k++) {
      out.push(base.clone());
      base.jump();
    }
    return out;
  }

  /** Stream `index` of `seed` (the same generator `Rng.streams(seed, index + 1)[index]` gives). */
  static stream(seed: number | bigint, index: number): Rng {
    const rng = Rng.fromSeed(seed);
    for (let k = 0; k < index; k++) rng.jump();
    return rng;
  }

  /** Restore a generator saved with {@link Rng.getState}. */
  static fromState(state: RngState): Rng {
    const rng = new Rng(state.words[0], state.words[1], state.words[2], state.words[3]);
    if (state.spareNormal !== null) {
      rng.spare = state.spareNormal;
      rng.hasSpare = true;
    }
    return rng;
  }

  /**
   * Overwrite this generator's state with a saved one (the inverse of {@link Rng.getState}).
   * Hot loops may copy the words into locals, run the xoshiro128** step inline and put them
   * back with this: the numbers are the same as from {@link Rng.nextInt32}, at half the cost.
   */
  setState(state: RngState): void {
    const [a, b, c, d] = state.words;
    if (((a | b | c | d) >>> 0) === 0) throw new Error('xoshiro128** state must not be all zero');
    this.s0 = a | 0;
    this.s1 = b | 0;
    this.s2 = c | 0;
    this.s3 = d | 0;
    this.hasSpare = state.spareNormal !== null;
    this.spare = state.spareNormal ?? 0;
  }

  /** An independent copy with the same state. */
  clone(): Rng {
    return Rng.fromState(this.getState());
  }

  /** The full state, JSON-serialisable, for checkpoints. */
  getState(): RngState {
    return { words: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spareNormal: this.hasSpare ? this.spare : null };
  }

  /** Next 32 random bits as a signed int32 (the fastest form; use `>>> 0` for unsigned). */
  nextInt32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const a = this.nextInt32() >>> 5;
    const b = this.nextInt32() >>> 6;
    return (a * 67108864 + b) * TWO_POW_MINUS_53;
  }

  /** Uniform double in [0, 1) with 32 random bits: half the cost of nextDouble, for acceptance tests. */
  nextFloat32Bits(): number {
    return (this.nextInt32() >>> 0) * TWO_POW_MINUS_32;
  }

  /** Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject), for 1 <= n <= 2^32. */
  nextInt(n: number): number {
    if (n <= 0x200000) {
      // n <= 2^21: the 53-bit product x*n is exact in a double.
      const threshold = 4294967296 % n;
      for (;;) {
        const x = this.nextInt32() >>> 0;
        const m = x * n;
        const low = m % 4294967296;
        if (low >= threshold) return Math.floor(m * TWO_POW_MINUS_32);
      }
    }
    return Math.floor(this.nextDouble() * n);
  }

  /** Standard normal variate (Marsaglia polar method; the second value is cached). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextDouble() - 1;
      v = 2 * this.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Exponential variate with rate 1 (mean 1). */
  exponential(): number {
    return -Math.log1p(-this.nextDouble());
  }

  /** Advance by 2^64 steps: generators jumped different numbers of times never overlap in practice. */
  jump(): void {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (const word of JUMP) {
      for (let bit = 0; bit < 32; bit++) {
        if ((word >>> bit) & 1) {
          a ^= this.s0;
          b ^= this.s1;
          c ^= this.s2;
          d ^= this.s3;
        }
        this.nextInt32();
      }
    }
    this.s0 = a;
    this.s1 = b;
    this.s2 = c;
    this.s3 = d;
    this.hasSpare = false;
  }
}
