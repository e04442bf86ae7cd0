import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { crc32, crc32Update } from '../../src/info/checksum/crc32.js';
import { CorruptDataError } from '../../src/info/coding/corrupt.js';
import { MODEL_NAMES, type ModelName } from '../../src/info/container/models.js';
import { StreamCompressor, StreamDecompressor, compress, decompress, type CompressOptions } from '../../src/info/container/stream.js';
import { crc32 as zlibCrc32 } from 'node:zlib';

const SMALL: Pick<CompressOptions, 'tableBits' | 'blockBits'> = { tableBits: 16, blockBits: 10 };

function textLike(n: number, seed: number): Uint8Array {
  const words = ['the', 'coin', 'entropy', 'of', 'a', 'biased', 'sequence', 'is', 'N', 'H', 'bits', 'and', 'no', 'fewer'];
  const rng = Rng.fromSeed(seed);
  let s = '';
  while (s.length < n) s += words[Math.min(words.length - 1, Math.floor(-Math.log(rng.nextDouble()) * 3))] + (rng.nextDouble() < 0.1 ? '.\n' : ' ');
  return new TextEncoder().encode(s.slice(0, n));
}

describe('CRC-32', () => {
  it('matches zlib on random inputs and continues across chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (data, cut) => {
        const at = Math.min(cut, data.length);
        expect(crc32(data)).toBe(zlibCrc32(data));
        expect(crc32Update(crc32(data.subarray(0, at)), data.subarray(at))).toBe(zlibCrc32(data));
      }),
      { seed: 1, numRuns: 200 },
    );
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('container round trips', () => {
  for (const model of MODEL_NAMES) {
    for (const coder of ['range', 'rans'] as const) {
      it(`${model} + ${coder}: random and text-like bytes, several blocks, stored blocks`, () => {
        fc.assert(
          fc.property(fc.oneof(fc.uint8Array({ maxLength: 2500 }), fc.nat(3000).map((n) => textLike(n, n))), (data) => {
            const packed = compress(data, { model, coder, ...SMALL });
            expect(Array.from(decompress(packed))).toEqual(Array.from(data));
          }),
          { seed: 2, numRuns: model === 'mix' ? 4 : 10 },
        );
      });
    }
  }

  it('compresses text-like data and the stronger models do better', () => {
    const data = textLike(20000, 3);
    const size = (model: ModelName) => compress(data, { model, tableBits: 18 }).length;
    expect(size('order2')).toBeLessThan(size('adaptive'));
    expect(size('mix')).toBeLessThan(size('order2'));
    expect(size('mix')).toBeLessThan(data.length / 3);
  });

  it('streaming in arbitrary chunks gives the same bytes as one call, both ways', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.array(fc.nat(700), { minLength: 1, maxLength: 12 }), (n, cuts) => {
        const data = textLike(n, 4);
        const whole = compress(data, { model: 'order1', ...SMALL });
        const c = new StreamCompressor({ model: 'order1', ...SMALL });
        const parts = [c.start()];
        let at = 0;
        for (const cut of cuts) {
          parts.push(...c.write(data.subarray(at, Math.min(data.length, at + cut))));
          at = Math.min(data.length, at + cut);
        }
        parts.push(...c.write(data.subarray(at)), ...c.end());
        expect(Buffer.concat(parts)).toEqual(Buffer.from(whole));
        const d = new StreamDecompressor();
        const out: Uint8Array[] = [];
        for (let i = 0; i < whole.length; i += 97) out.push(...d.write(whole.subarray(i, i + 97)));
        d.end();
        expect(Buffer.concat(out)).toEqual(Buffer.from(data));
      }),
      { seed: 5, numRuns: 25 },
    );
  });
});

/** Decode damaged bytes: must throw CorruptDataError (or, never, return wrong data). */
function expectDetected(damaged: Uint8Array, original: Uint8Array): void {
  let out: Uint8Array;
  try {
    out = decompress(damaged);
  } catch (error) {
    if (!(error instanceof CorruptDataError)) throw error;
    expect(error.message).toMatch(/^corrupt or truncated compressed data: /);
    return;
  }
  // Undetected damage is only acceptable if the output is still exactly right.
  expect(Buffer.from(out)).toEqual(Buffer.from(original));
}

describe('corruption is detected', () => {
  const data = textLike(3000, 6);
  const files = (['iid', 'adaptive', 'order2', 'mix'] as const).flatMap((model) =>
    (['range', 'rans'] as const).map((coder) => ({ model, coder, packed: compress(data, { model, coder, ...SMALL }) })),
  );
  const short = data.subarray(0, 1200);

  it('every truncation fails cleanly', () => {
    const { packed } = files[2];
    for (let n = 0; n < packed.length; n++) expectDetected(packed.subarray(0, n), data);
    expect(() => decompress(packed.subarray(0, 0))).toThrow(/empty input/);
  });

  it('single bit flips anywhere are detected', () => {
    for (const { model, coder } of files) {
      const packed = compress(short, { model, coder, ...SMALL });
      for (let bit = 0; bit < 8 * packed.length; bit += model === 'mix' ? 37 : 7) {
        const damaged = packed.slice();
        damaged[bit >>> 3] ^= 1 << (bit & 7);
        expectDetected(damaged, short);
      }
    }
  });

  it('foreign files, trailing garbage and other versions are rejected with a clear message', () => {
    expect(() => decompress(new TextEncoder().encode('hello, this is not compressed'))).toThrow(/not a gibbs compressed file/);
    const packed = files[0].packed;
    expect(() => decompress(Buffer.concat([packed, Uint8Array.of(0)]))).toThrow(/after the end/);
    const v2 = packed.slice();
    v2[4] = 2;
    expect(() => decompress(v2)).toThrow(/format version 2/);
  });

  it('fuzz: 10^4 random corruptions of compressed files never hang, crash or return wrong data', () => {
    const rng = Rng.fromSeed(9);
    const inputs = [new Uint8Array(0), data.subarray(0, 50), data.subarray(0, 600), Uint8Array.from({ length: 300 }, () => rng.nextInt(256))];
    const cheap = (['iid', 'adaptive', 'order0', 'order1', 'order2'] as const).flatMap((model) =>
      (['range', 'rans'] as const).flatMap((coder) => inputs.map((input) => ({ input, packed: compress(input, { model, coder, ...SMALL }) }))),
    );
    const mix = (['range', 'rans'] as const).map((coder) => ({ input: inputs[2], packed: compress(inputs[2], { model: 'mix', coder, ...SMALL }) }));
    for (let trial = 0; trial < 10000; trial++) {
      const { input, packed } = trial % 200 === 0 ? mix[(trial / 200) % 2] : cheap[rng.nextInt(cheap.length)];
      let damaged: Uint8Array = packed.slice();
      const kind = rng.nextInt(4);
      if (kind === 0) damaged = damaged.subarray(0, rng.nextInt(damaged.length));
      else if (kind === 1) for (let f = 1 + rng.nextInt(3); f > 0; f--) damaged[rng.nextInt(damaged.length)] ^= 1 << rng.nextInt(8);
      else if (kind === 2) damaged[16 + rng.nextInt(Math.max(1, damaged.length - 16))] = rng.nextInt(256);
      else damaged = Buffer.concat([damaged.subarray(0, rng.nextInt(damaged.length)), Uint8Array.of(rng.nextInt(256)), damaged.subarray(rng.nextInt(damaged.length))]);
      expectDetected(damaged, input);
    }
  });
});
