/**
 * The biased-coin experiment of the seed lecture: N flips with P(1) = p carry N·H(p) bits of
 * information; the sequence is one of C(N, K) arrangements, so log2 C(N, K) bits (plus K)
 * index it. Here every coder is run on the same flips and its code length set beside those
 * bounds, and -1/n log2 p(x_1..x_n) is followed as n grows toward H (the asymptotic
 * equipartition property: it converges to H, with fluctuations of order 1/sqrt(n)).
 */
import type { Rng } from '../core/rng.js';
import { invalidValue, requireInteger, requireProbability } from '../core/errors.js';
import { log2Binomial } from './coding/binomial.js';
import { enumerativeDecode, enumerativeEncode } from './coding/enumerative.js';
import type { StreamEncoder, SymbolDecoder } from './coding/interval.js';
import { RangeDecoder, RangeEncoder } from './coding/range-coder.js';
import { RansDecoder, RansEncoder } from './coding/rans.js';
import { runLengthDecode, runLengthEncode } from './coding/run-length.js';
import { AdaptiveBitModel } from './models/adaptive.js';
import { BernoulliModel } from './models/iid.js';
import type { CodingModel } from './models/model.js';

/** One coder's result on the coin flips. */
export interface CoinCodeResult {
  /** Method name, e.g. "rANS (known p)". */
  method: string;
  /** Code length in bits. */
  bits: number;
  /** bits / N. */
  bitsPerFlip: number;
  /** bits - N·H: the excess over the Shannon bound (can be negative for a lucky sequence). */
  overNH: number;
  /** Whether decoding gave the flips back. */
  roundTrip: boolean;
  /** Encoding and decoding wall times in seconds. */
  encodeSeconds: number;
  decodeSeconds: number;
}

/** -1/n log2 p(x_1..x_n) at one prefix length n. */
export interface AepPoint {
  n: number;
  bitsPerFlip: number;
}

/** Everything `gibbs coin` reports. */
export interface CoinExperiment {
  n: number;
  p: number;
  ones: number;
  /** H(p) in bits per flip. */
  entropy: number;
  /** N·H(p) in bits. */
  shannonBits: number;
  /** -log2 p(x) of this sequence under the true p, in bits. */
  informationBits: number;
  /** log2 C(N, K) in bits. */
  log2Arrangements: number;
  /** log2(N + 1): the cost of sending K. */
  countBits: number;
  codes: CoinCodeResult[];
  aep: AepPoint[];
}

/**
 * N flips with P(1) = p.
 * @example biasedCoin(1000, 0.9, Rng.fromSeed(1))
 */
export function biasedCoin(n: number, p: number, rng: Rng): Uint8Array {
  requireInteger('n', n, 0);
  requireProbability('p', p);
  const out = new Uint8Array(n);
  // P(u < p) for u uniform on 53 bits.
  for (let i = 0; i < n; i++) out[i] = rng.nextDouble() < p ? 1 : 0;
  return out;
}

/**
 * Pack 0/1 values 8 per byte, first flip in the most significant bit.
 * @example packBits(Uint8Array.of(1, 0, 1)) // Uint8Array [0b10100000]
 */
export function packBits(bits: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) out[i >>> 3] |= bits[i] << (7 - (i & 7));
  return out;
}

/** Binary entropy H(p) = -p log2 p - (1-p) log2(1-p) in bits. @example binaryEntropyBits(0.5) // 1 */
export function binaryEntropyBits(p: number): number {
  requireProbability('p', p);
  if (p === 0 || p === 1) return 0;
  return -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}

/**
 * -1/n log2 p(x_1..x_n) at n = 10, 100, 1000, ... and N.
 * @example aepCurve(bits, 0.9)
 */
export function aepCurve(bits: Uint8Array, p: number): AepPoint[] {
  const points: AepPoint[] = [];
  const one = -Math.log2(p);
  const zero = -Math.log2(1 - p);
  let information = 0;
  let next = 10;
  for (let i = 0; i < bits.length; i++) {
    information += bits[i] ? one : zero;
    if (i + 1 === next || i + 1 === bits.length) {
      points.push({ n: i + 1, bitsPerFlip: information / (i + 1) });
      if (i + 1 === next) next *= 10;
    }
  }
  return points;
}

function now(): number {
  return globalThis.performance.now() / 1000;
}

function timed(method: string, n: number, shannonBits: number, flips: Uint8Array, encode: () => { bits: number; bytes: Uint8Array }, decode: (bytes: Uint8Array) => Uint8Array): CoinCodeResult {
  let t = now();
  const code = encode();
  const encodeSeconds = now() - t;
  t = now();
  const back = decode(code.bytes);
  const decodeSeconds = now() - t;
  let roundTrip = back.length === flips.length;
  for (let i = 0; roundTrip && i < flips.length; i++) roundTrip = back[i] === flips[i];
  return { method, bits: code.bits, bitsPerFlip: n > 0 ? code.bits / n : 0, overNH: code.bits - shannonBits, roundTrip, encodeSeconds, decodeSeconds };
}

function streamCode(model: () => CodingModel, encoder: () => StreamEncoder, decoder: (b: Uint8Array) => SymbolDecoder, flips: Uint8Array) {
  return {
    encode: () => {
      const enc = encoder();
      const m = model();
      if (m.encodeMany) m.encodeMany(flips, enc);
      const bytes = enc.finish();
      return { bits: 8 * bytes.length, bytes };
    },
    decode: (bytes: Uint8Array) => {
      const out = new Uint8Array(flips.length);
      const m = model();
      if (m.decodeMany) m.decodeMany(out, decoder(bytes));
      return out;
    },
  };
}

/** Options of {@link coinExperiment}. */
export interface CoinOptions {
  /** Run the enumerative coder only up to this N (default 2e6: it is superlinear). */
  enumerativeLimit?: number;
}

/**
 * Code the flips with every coder and compare with N·H and log2 C(N, K).
 * @example coinExperiment(biasedCoin(1e5, 0.9, Rng.fromSeed(1)), 0.9).codes
 */
export function coinExperiment(flips: Uint8Array, p: number, options: CoinOptions = {}): CoinExperiment {
  requireProbability('p', p, true);
  const n = flips.length;
  let ones = 0;
  for (let i = 0; i < n; i++) {
    if (flips[i] > 1) throw invalidValue(`flips[${i}]`, flips[i], '0 or 1');
    ones += flips[i];
  }
  const entropy = binaryEntropyBits(p);
  const shannonBits = n * entropy;
  const informationBits = -(ones * Math.log2(p) + (n - ones) * Math.log2(1 - p));
  const codes: CoinCodeResult[] = [];
  const add = (method: string, c: { encode: () => { bits: number; bytes: Uint8Array }; decode: (b: Uint8Array) => Uint8Array }) => codes.push(timed(method, n, shannonBits, flips, c.encode, c.decode));
  if (n <= (options.enumerativeLimit ?? 2e6)) {
    add('enumerative (K, then index)', { encode: () => enumerativeEncode(flips), decode: (b) => enumerativeDecode(b, n) });
  }
  add('range coder (known p)', streamCode(() => new BernoulliModel(p), () => new RangeEncoder(n / 4), (b) => new RangeDecoder(b), flips));
  add('rANS (known p)', streamCode(() => new BernoulliModel(p), () => new RansEncoder(), (b) => new RansDecoder(b), flips));
  add('range coder (adaptive KT)', streamCode(() => new AdaptiveBitModel('kt'), () => new RangeEncoder(n / 4), (b) => new RangeDecoder(b), flips));
  add('run-length (Golomb-Rice)', { encode: () => runLengthEncode(flips), decode: (b) => runLengthDecode(b, n) });
  return { n, p, ones, entropy, shannonBits, informationBits, log2Arrangements: log2Binomial(n, ones), countBits: Math.log2(n + 1), codes, aep: aepCurve(flips, p) };
}
