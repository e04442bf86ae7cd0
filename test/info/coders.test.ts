import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { CostMeter } from '../../src/info/coding/cost.js';
import type { StreamEncoder, SymbolDecoder } from '../../src/info/coding/interval.js';
import { RangeDecoder, RangeEncoder } from '../../src/info/coding/range-coder.js';
import { RansDecoder, RansEncoder } from '../../src/info/coding/rans.js';
import { AdaptiveBitModel, AdaptiveCountsModel } from '../../src/info/models/adaptive.js';
import { AutoregressiveCodingModel, MarkovChain } from '../../src/info/models/autoregressive.js';
import { ContextModel } from '../../src/info/models/context-model.js';
import { BernoulliModel, CategoricalModel } from '../../src/info/models/iid.js';
import { MixingModel } from '../../src/info/models/mixing-model.js';
import { decodeSymbols, encodeSymbols, type CodingModel } from '../../src/info/models/model.js';

const CODERS: Array<{ name: string; encoder: () => StreamEncoder; decoder: (b: Uint8Array) => SymbolDecoder; slackBits: number }> = [
  // Flush costs: the range coder ends within a byte or two of its interval; rANS sends its
  // 47-bit final state in three 16-bit words (two states on the interleaved batch path).
  { name: 'range', encoder: () => new RangeEncoder(), decoder: (b) => new RangeDecoder(b), slackBits: 24 },
  { name: 'rans', encoder: () => new RansEncoder(), decoder: (b) => new RansDecoder(b), slackBits: 96 },
];

const BYTE_MODELS: Array<{ name: string; make: () => CodingModel }> = [
  { name: 'uniform categorical', make: () => CategoricalModel.fromWeights(new Array(256).fill(1)) },
  { name: 'KT counts', make: () => new AdaptiveCountsModel(256, 'kt') },
  { name: 'Laplace counts', make: () => new AdaptiveCountsModel(256, 'laplace') },
  ...[0, 1, 2, 3, 4].map((k) => ({ name: `order-${k}`, make: () => new ContextModel(k, { tableBits: 16 }) })),
  { name: 'mixing', make: () => new MixingModel({ tableBits: 16 }) },
];

/** Encode, decode, and return the code length next to the model's information content. */
function roundTrip(model: CodingModel, coder: (typeof CODERS)[number], symbols: Uint8Array) {
  const meter = new CostMeter();
  model.reset();
  encodeSymbols(model, symbols, meter);
  model.reset();
  const enc = coder.encoder();
  encodeSymbols(model, symbols, enc);
  const bytes = enc.finish();
  model.reset();
  const dec = coder.decoder(bytes);
  const back = decodeSymbols(model, dec, symbols.length);
  if (dec instanceof RansDecoder) dec.finishCheck();
  return { back, bits: 8 * bytes.length, information: meter.bits };
}

describe('coder x model round trips (fast-check)', () => {
  for (const coder of CODERS) {
    for (const m of BYTE_MODELS) {
      it(`${coder.name} + ${m.name}: random bytes, empty, one symbol, all 256; length within a few bits of -sum log2 q`, () => {
        const model = m.make();
        const inputs = fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          fc.constant(new Uint8Array(0)),
          fc.integer({ min: 0, max: 255 }).chain((b) => fc.integer({ min: 1, max: 500 }).map((n) => new Uint8Array(n).fill(b))),
          fc.constant(Uint8Array.from({ length: 512 }, (_, i) => i % 256)),
        );
        fc.assert(
          fc.property(inputs, (data) => {
            const { back, bits, information } = roundTrip(model, coder, data);
            expect(Array.from(back)).toEqual(Array.from(data));
            // Both ways: the decoder knows the symbol count, so a stream may end a little early.
            expect(Math.abs(bits - information)).toBeLessThanOrEqual(coder.slackBits);
          }),
          { numRuns: 12, seed: 7 },
        );
      });
    }
  }
});

describe('binary models and extreme probabilities', () => {
  for (const coder of CODERS) {
    it(`${coder.name}: Bernoulli with p near 0 and 1, batch and one-by-one paths agree`, () => {
      const rng = Rng.fromSeed(3);
      for (const p of [1e-6, 1e-3, 0.1, 0.5, 0.9, 0.999, 1 - 1e-6]) {
        const bits = Uint8Array.from({ length: 5000 }, () => (rng.nextDouble() < p ? 1 : 0));
        bits[17] = 1; // guarantee both symbols, even the improbable one
        bits[18] = 0;
        const model = new BernoulliModel(p);
        const batch = roundTrip(model, coder, bits);
        expect(Array.from(batch.back)).toEqual(Array.from(bits));
        const enc = coder.encoder();
        for (const b of bits) model.encode(b, enc);
        const single = enc.finish();
        // The batch path interleaves two rANS states: one more state (three words) to flush.
        const extra = batch.bits - 8 * single.length;
        if (coder.name === 'rans') expect(extra >= 0 && extra <= 48).toBe(true);
        else expect(extra).toBe(0);
        expect(batch.bits).toBeLessThanOrEqual(batch.information + coder.slackBits);
      }
    });

    it(`${coder.name}: adaptive KT bits and a categorical with a frequency-1 symbol`, () => {
      const rng = Rng.fromSeed(4);
      const bits = Uint8Array.from({ length: 4000 }, () => (rng.nextDouble() < 0.97 ? 1 : 0));
      const r = roundTrip(new AdaptiveBitModel('kt'), coder, bits);
      expect(Array.from(r.back)).toEqual(Array.from(bits));
      const freqs = [65533, 1, 1, 1];
      const symbols = Uint8Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? 1 + (i % 3) : 0));
      const c = roundTrip(new CategoricalModel(freqs), coder, symbols);
      expect(Array.from(c.back)).toEqual(Array.from(symbols));
      expect(c.bits).toBeLessThanOrEqual(c.information + coder.slackBits);
    });
  }

  it('the length check can fail: coding with one model but measuring another exceeds the slack', () => {
    const rng = Rng.fromSeed(5);
    const bits = Uint8Array.from({ length: 4000 }, () => (rng.nextDouble() < 0.9 ? 1 : 0));
    const coded = roundTrip(new BernoulliModel(0.5), CODERS[0], bits).bits;
    const meter = new CostMeter();
    new BernoulliModel(0.9).encodeMany(bits, meter);
    expect(coded).toBeGreaterThan(meter.bits + CODERS[1].slackBits);
  });

  it('a decoder given the wrong model does not reproduce the input', () => {
    const bits = Uint8Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? 0 : 1));
    const enc = new RangeEncoder();
    new BernoulliModel(0.8).encodeMany(bits, enc);
    const out = new Uint8Array(bits.length);
    new BernoulliModel(0.6).decodeMany(out, new RangeDecoder(enc.finish()));
    expect(Array.from(out)).not.toEqual(Array.from(bits));
  });
});

describe('information content matches independent formulas', () => {
  it('KT counts: -sum log2 (n_s + 1/2) / (t + A/2) up to quantization (A / 2^16 per symbol)', () => {
    const rng = Rng.fromSeed(6);
    const a = 16;
    const symbols = Uint8Array.from({ length: 3000 }, () => Math.min(a - 1, Math.floor(-Math.log(rng.nextDouble()) * 3)));
    const counts = new Float64Array(a);
    let exact = 0;
    symbols.forEach((s, t) => {
      exact -= Math.log2((counts[s] + 0.5) / (t + a / 2));
      counts[s]++;
    });
    const meter = new CostMeter();
    encodeSymbols(new AdaptiveCountsModel(a, 'kt'), symbols, meter);
    // Quantization moves each probability by at most a relative ~A/2^16 (plus 1/q rounding).
    expect(Math.abs(meter.bits - exact)).toBeLessThan(symbols.length * 0.01);
    expect(Math.abs(meter.bits - exact) / exact).toBeLessThan(2e-3);
  });

  it('a Markov chain drives both coders; code length is -sum log2 p(x_t | x_t-1) plus quantization', () => {
    const chain = new MarkovChain([0.5, 0.3, 0.2], [[0.8, 0.15, 0.05], [0.1, 0.85, 0.05], [0.3, 0.3, 0.4]]);
    const rng = Rng.fromSeed(8);
    const symbols = new Uint8Array(5000);
    let exact = 0;
    for (let t = 0; t < symbols.length; t++) {
      const u = rng.nextDouble();
      let s = 0;
      let c = chain.probability(0);
      while (u >= c && s < 2) c += chain.probability(++s);
      symbols[t] = s;
      exact -= Math.log2(chain.probability(s));
      chain.observe(s);
    }
    chain.reset();
    for (const coder of CODERS) {
      const r = roundTrip(new AutoregressiveCodingModel(chain), coder, symbols);
      expect(Array.from(r.back)).toEqual(Array.from(symbols));
      expect(Math.abs(r.information - exact)).toBeLessThan(0.002 * exact);
      expect(r.bits).toBeLessThanOrEqual(r.information + coder.slackBits);
    }
    // Entropy rate against a closed form: a symmetric two-state chain flipping with
    // probability q has rate H(q) = -q log2 q - (1-q) log2(1-q).
    const q = 0.1;
    const flip = new MarkovChain([0.5, 0.5], [[1 - q, q], [q, 1 - q]]);
    expect(flip.entropyRateBits()).toBeCloseTo(-q * Math.log2(q) - (1 - q) * Math.log2(1 - q), 12);
  });
});

describe('rANS stream checks', () => {
  it('rejects a stream whose final state is wrong or that is too short', () => {
    const enc = new RansEncoder();
    for (let i = 0; i < 100; i++) enc.encode(i % 2 ? 0 : 30000, 30000);
    const bytes = enc.finish();
    expect(() => new RansDecoder(bytes.subarray(0, 4))).toThrow(/corrupt/);
    const broken = bytes.slice();
    broken[2] ^= 0x10;
    const dec = new RansDecoder(broken);
    expect(() => {
      for (let i = 0; i < 100; i++) {
        const t = dec.target();
        dec.consume(t < 30000 ? 0 : 30000, 30000);
      }
      dec.finishCheck();
    }).toThrow(/corrupt/);
  });
});
