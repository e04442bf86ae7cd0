import { MixingModel } from './src/info/models/mixing-model.js';
import { RangeEncoder } from './src/info/coding/range-coder.js';
import { readFileSync } from 'node:fs';
const data = new Uint8Array(readFileSync('/tmp/text300k.txt'));
const m = new MixingModel({ tableBits: 22 });
const enc = new RangeEncoder(data.length);
const t = performance.now(); for (let i = 0; i < data.length; i++) m.encode(data[i], enc); const te = performance.now() - t;
console.log('encode', (data.length / te / 1e3).toFixed(3), 'MB/s');
