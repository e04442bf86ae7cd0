// Entropy and compression: a biased coin coded at the Shannon limit, and text compressed by a
// context-mixing model, with every result decoded again and checked.
import { Rng } from '../src/core/index.js';
import { binaryEntropyBits, biasedCoin, compress, CostMeter, decompress, empiricalEntropies, enumerativeEncode, MixingModel, RansDecoder, RansEncoder, BernoulliModel } from '../src/info/index.js';

// 1. 100000 flips of a coin with P(1) = 0.9: N·H bits is the bound; rANS with the known p gets there.
const p = 0.9;
const flips = biasedCoin(100_000, p, Rng.fromSeed(1));
const model = new BernoulliModel(p);
const encoder = new RansEncoder();
model.encodeMany(flips, encoder);
const coded = encoder.finish();
const decoded = new Uint8Array(flips.length);
model.decodeMany(decoded, new RansDecoder(coded));
const enumerative = enumerativeEncode(flips);
console.log(`N·H = ${(flips.length * binaryEntropyBits(p)).toFixed(1)} bits; rANS ${8 * coded.length} bits; enumerative ${enumerative.bits} bits (K = ${enumerative.k}); decoded ok: ${decoded.every((b, i) => b === flips[i])}`);

// 2. Text: empirical entropies, the mixing model's information content, and a real compressed file.
const text = new TextEncoder().encode('the entropy of a biased coin is N H bits and no fewer; '.repeat(200));
const h = empiricalEntropies(text, 2).map((o) => o.bitsPerByte.toFixed(3));
const meter = new CostMeter();
const mixing = new MixingModel({ tableBits: 18 });
for (const b of text) mixing.encode(b, meter);
const packed = compress(text, { model: 'mix', coder: 'range', tableBits: 18 });
const back = decompress(packed);
console.log(`H_0..H_2 = ${h.join(', ')} bits/byte; mixing model ${(meter.bits / text.length).toFixed(3)} bits/byte; file ${text.length} -> ${packed.length} bytes; round trip ${back.length === text.length && back.every((b, i) => b === text[i])}`);
