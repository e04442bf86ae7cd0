// Entropy coding benchmarks (issue 7), one run, ratios side by side:
// 1. Biased coin, 10^8 flips at p = 0.9 and 0.99: code length over N·H and over -log2 p(x),
//    encode/decode throughput of our rANS and range coder against the same coders in C (gcc -O3).
// 2. Enumerative coding at N = 10^6.
// 3. Files (the project's sources, generated English-like text, an Ising spin snapshot):
//    bits per byte and speed of our order-2 and mixing models against gzip/bzip2/xz/zstd.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../src/core/rng.js';
import { enumerativeDecode, enumerativeEncode } from '../src/info/coding/enumerative.js';
import { RangeDecoder, RangeEncoder } from '../src/info/coding/range-coder.js';
import { RansDecoder, RansEncoder } from '../src/info/coding/rans.js';
import { binaryEntropyBits, biasedCoin } from '../src/info/coin.js';
import { compress, decompress } from '../src/info/container/stream.js';
import type { ModelName } from '../src/info/container/models.js';
import { BernoulliModel } from '../src/info/models/iid.js';
import { EXTERNAL_COMPRESSORS, runExternal } from '../src/node/external-compressors.js';
import { bestTime, compileC, printTable, ratio, runJson, timeIt } from './lib.js';

const work = mkdtempSync(join(tmpdir(), 'gibbs-info-bench-'));

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}

function coinBench(): void {
  const n = 1e8;
  const peer = compileC('info-binary-coders.c');
  const rows: Array<Array<string | number>> = [];
  for (const p of [0.9, 0.99]) {
    const flips = biasedCoin(n, p, Rng.fromSeed(2026));
    let ones = 0;
    for (let i = 0; i < n; i++) ones += flips[i];
    const nh = n * binaryEntropyBits(p);
    const information = -(ones * Math.log2(p) + (n - ones) * Math.log2(1 - p));
    const model = new BernoulliModel(p);
    const q = model.p1 / 65536;
    const quantized = -(ones * Math.log2(q) + (n - ones) * Math.log2(1 - q));
    const bitsFile = join(work, `flips-${p}.bin`);
    writeFileSync(bitsFile, flips);
    const c = runJson<{ ransEncode: number; ransDecode: number; rangeEncode: number; rangeDecode: number; ok: boolean }>(peer, [bitsFile, String(model.p1)]);
    const out = new Uint8Array(n);
    for (const [name, Enc, Dec, cEnc, cDec] of [
      ['rANS', RansEncoder, RansDecoder, c.ransEncode, c.ransDecode],
      ['range coder', RangeEncoder, RangeDecoder, c.rangeEncode, c.rangeDecode],
    ] as const) {
      const enc = bestTime(() => {
        const e = new Enc(n / 4);
        model.encodeMany(flips, e);
        return e.finish();
      });
      const bytes = enc.result;
      const dec = bestTime(() => model.decodeMany(out, new Dec(bytes)));
      const bits = 8 * bytes.length;
      const target = 1e-4 * nh + 64;
      rows.push([
        `${name} p=${p}`,
        bits,
        bits - nh,
        bits - information,
        bits - quantized,
        target,
        bits - information <= target ? 'met' : 'NOT met',
        n / enc.seconds / 1e6,
        n / dec.seconds / 1e6,
        n / cEnc / 1e6,
        n / cDec / 1e6,
        ratio(cEnc, enc.seconds),
        ratio(cDec, dec.seconds),
        equal(out, flips) && c.ok ? 'yes' : 'NO',
      ]);
    }
  }
  printTable(
    'Biased coin, N = 10^8: code length (bits) and throughput (M symbols/s); target: overhead < 0.01% N·H + 64 bits, >= 40 M/s each way',
    ['coder', 'bits', 'bits - N·H', 'bits - (-log2 p(x))', 'bits - (-log2 q(x))', 'target', 'length', 'enc M/s', 'dec M/s', 'C enc M/s', 'C dec M/s', 'enc vs C', 'dec vs C', 'round trip'],
    rows,
  );
  console.log('N·H is the expectation of -log2 p(x); for one sequence they differ by ~sqrt(N Var) (~9500 bits at p = 0.9),');
  console.log('so the coder overhead is measured against -log2 p(x) (true p) and -log2 q(x) (p quantized to 16 bits).');
}

function enumerativeBench(): void {
  const rows: Array<Array<string | number>> = [];
  for (const p of [0.5, 0.9, 0.99]) {
    const flips = biasedCoin(1e6, p, Rng.fromSeed(7));
    const enc = timeIt(() => enumerativeEncode(flips));
    const dec = timeIt(() => enumerativeDecode(enc.result.bytes, flips.length));
    rows.push([p, enc.result.k, enc.result.bits, enc.seconds, dec.seconds, equal(dec.result, flips) ? 'yes' : 'NO']);
  }
  const skewed = new Uint8Array(1e6);
  skewed.fill(1, 0, 5e5);
  const enc = timeIt(() => enumerativeEncode(skewed));
  const dec = timeIt(() => enumerativeDecode(enc.result.bytes, skewed.length));
  rows.push(['ones first', enc.result.k, enc.result.bits, enc.seconds, dec.seconds, equal(dec.result, skewed) ? 'yes' : 'NO']);
  printTable('Enumerative coding, N = 10^6 (seconds)', ['p', 'K', 'bits', 'encode s', 'decode s', 'round trip'], rows);
}

/** Word-level text from a Zipf vocabulary with first-order word preferences and punctuation. */
function englishLike(bytes: number, seed: number): Uint8Array {
  const vocabulary = (
    'the of and to a in is was that for it with as his on be at by had he not this are but from or have an they which one you were her all ' +
    'she there would their we him been has when who will more no if out so said what up its about into than them can only other new some ' +
    'could time these two may then do first any my now such like our over man me even most made after also did many before must through ' +
    'back years where much your way well down should because each just those people how too little state good very make world still own ' +
    'see men work long get here between both life being under never day same another know while last might us great old year off come ' +
    'since against go came right used take three himself few house use during without again place around however home small found ' +
    'thought went say part once general high upon school every does got united left number course war until always away something fact ' +
    'though water less public put think almost hand enough far took head yet government system better set told nothing night end why ' +
    'called didn eyes find going look asked later knew point next program city business give group toward young days let room president ' +
    'side social given present several order national possible rather second face per among form important often things looked early ' +
    'white case john become large big need four within felt along children saw best church ever least power development light thing ' +
    'entropy coin probability energy temperature spin lattice model field coupling magnetization partition function heat capacity'
  ).split(' ');
  const rng = Rng.fromSeed(seed);
  const v = vocabulary.length;
  // Each word prefers a few successors: a crude bigram structure on top of Zipf frequencies.
  const successors = Array.from({ length: v }, () => Array.from({ length: 4 }, () => Math.floor(v * rng.nextDouble() ** 2)));
  const zipf = () => Math.min(v - 1, Math.floor(Math.exp(rng.nextDouble() * Math.log(v + 1)) - 1));
  const parts: string[] = [];
  let length = 0;
  let previous = zipf();
  let capital = true;
  while (length < bytes) {
    const word = rng.nextDouble() < 0.5 ? successors[previous][rng.nextInt(4)] : zipf();
    let text = vocabulary[word];
    if (capital) text = text[0].toUpperCase() + text.slice(1);
    capital = false;
    const r = rng.nextDouble();
    if (r < 0.06) {
      text += '.';
      capital = true;
    } else if (r < 0.1) text += ',';
    text += rng.nextDouble() < 0.012 ? '\n\n' : ' ';
    parts.push(text);
    length += text.length;
    previous = word;
  }
  return new TextEncoder().encode(parts.join('').slice(0, bytes));
}

/** A 512 x 512 Ising snapshot near T_c (Metropolis, J = -1), as a PGM image with 0/255 pixels. */
function spinSnapshot(): Uint8Array {
  const size = 512;
  const spins = new Int8Array(size * size).fill(1);
  const rng = Rng.fromSeed(11);
  const beta = 1 / 2.3;
  const accept = [1, Math.exp(-4 * beta), Math.exp(-8 * beta)];
  for (let sweep = 0; sweep < 300; sweep++) {
    for (let i = 0; i < size * size; i++) {
      const x = i % size;
      const y = (i - x) / size;
      const s = spins[i];
      const sum = spins[y * size + ((x + 1) % size)] + spins[y * size + ((x + size - 1) % size)] + spins[((y + 1) % size) * size + x] + spins[((y + size - 1) % size) * size + x];
      const dE = 2 * s * sum; // E = -sum s s: flipping s changes E by 2 s sum
      if (dE <= 0 || rng.nextDouble() < accept[dE / 4]) spins[i] = -s as -1 | 1;
    }
  }
  const header = new TextEncoder().encode(`P5\n${size} ${size}\n255\n`);
  const out = new Uint8Array(header.length + size * size);
  out.set(header);
  for (let i = 0; i < size * size; i++) out[header.length + i] = spins[i] > 0 ? 255 : 0;
  return out;
}

function projectSources(): Uint8Array {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  for (const dir of ['src', 'test', 'bench']) walk(dir);
  return new Uint8Array(Buffer.concat(files.map((f) => readFileSync(f))));
}

function filesBench(): void {
  const inputs: Array<[string, Uint8Array]> = [
    ['gibbs sources', projectSources()],
    ['English-like text (4 MB)', englishLike(4_000_000, 1)],
    ['Ising snapshot 512x512 (PGM)', spinSnapshot()],
  ];
  const rows: Array<Array<string | number>> = [];
  for (const [name, data] of inputs) {
    const mb = data.length / 1e6;
    const results: Array<{ who: string; bytes: number; c: number; d: number; ok: boolean }> = [];
    for (const model of ['order2', 'mix'] as ModelName[]) {
      const c = timeIt(() => compress(data, { model, coder: 'rans' }));
      const d = timeIt(() => decompress(c.result));
      results.push({ who: `gibbs ${model}`, bytes: c.result.length, c: c.seconds, d: d.seconds, ok: equal(d.result, data) });
    }
    for (const peer of EXTERNAL_COMPRESSORS) {
      const r = runExternal(peer, data);
      if (r) results.push({ who: peer.name, bytes: r.bytes, c: r.compressSeconds, d: r.decompressSeconds, ok: r.roundTrip });
    }
    const xz = results.find((r) => r.who === 'xz -9');
    for (const r of results) {
      rows.push([name, r.who, (8 * r.bytes) / data.length, r.bytes, xz ? ratio(r.bytes, xz.bytes) : '-', mb / r.c, mb / r.d, r.ok ? 'yes' : 'NO']);
    }
    const mix = results.find((r) => r.who === 'gibbs mix');
    if (mix && xz) console.log(`${name}: mixing model ${mix.bytes < xz.bytes ? 'beats' : 'does NOT beat'} xz -9 (${mix.bytes} vs ${xz.bytes} bytes)`);
  }
  printTable('Files: bits per byte and speed (MB/s of input); size vs xz -9 (below 1.00x is smaller)', ['file', 'compressor', 'bits/byte', 'bytes', 'size vs xz', 'comp MB/s', 'decomp MB/s', 'round trip'], rows);
}

export async function run(): Promise<void> {
  const gccVersion = execFileSync('gcc', ['-dumpversion'], { encoding: 'utf8' }).trim();
  console.log(`C peers: gcc ${gccVersion} -O3; external compressors run as subprocesses (their times include process start-up).`);
  coinBench();
  enumerativeBench();
  filesBench();
}
