/**
 * Coding one block: the model (persistent across blocks, or per-block i.i.d. frequencies that
 * are stored in front of the coded stream) drives the chosen coder over the block's bytes.
 */
import { corruptData } from '../coding/corrupt.js';
import { ByteWriter } from '../coding/byte-buffer.js';
import { DISCARD } from '../coding/cost.js';
import { PROB_ONE, type CoderName, type StreamEncoder, type SymbolDecoder } from '../coding/interval.js';
import { RangeDecoder, RangeEncoder } from '../coding/range-coder.js';
import { RansDecoder, RansEncoder } from '../coding/rans.js';
import { BitwiseByteModel } from '../models/bitwise.js';
import { CategoricalModel } from '../models/iid.js';
import type { CodingModel } from '../models/model.js';
import { quantizeWeights } from '../models/quantize.js';

function newEncoder(coder: CoderName, capacity: number): StreamEncoder {
  return coder === 'range' ? new RangeEncoder(capacity) : new RansEncoder(capacity);
}

/** The i.i.d. frequency table of a block: count, then (symbol, freq - 1) per present symbol. */
function iidTable(data: Uint8Array): { model: CategoricalModel; table: Uint8Array } {
  const counts = new Float64Array(256);
  for (let i = 0; i < data.length; i++) counts[data[i]]++;
  const freqs = quantizeWeights(counts);
  const out = new ByteWriter(3 * 256 + 2);
  let present = 0;
  for (let s = 0; s < 256; s++) if (freqs[s]) present++;
  out.pushU16(present);
  for (let s = 0; s < 256; s++) {
    if (!freqs[s]) continue;
    out.push(s);
    out.pushU16(freqs[s] - 1);
  }
  return { model: new CategoricalModel(freqs), table: out.toBytes() };
}

/** Parse an i.i.d. frequency table; returns the model and the table's length. */
function readIidTable(payload: Uint8Array): { model: CategoricalModel; length: number } {
  if (payload.length < 2) throw corruptData('block ends inside its frequency table');
  const present = payload[0] | (payload[1] << 8);
  const length = 2 + 3 * present;
  if (present < 1 || present > 256 || payload.length < length) throw corruptData('bad frequency table');
  const freqs = new Uint32Array(256);
  let previous = -1;
  let sum = 0;
  for (let k = 0; k < present; k++) {
    const s = payload[2 + 3 * k];
    if (s <= previous) throw corruptData('bad frequency table (symbols out of order)');
    previous = s;
    freqs[s] = 1 + (payload[3 + 3 * k] | (payload[4 + 3 * k] << 8));
    sum += freqs[s];
  }
  if (sum !== PROB_ONE) throw corruptData('bad frequency table (frequencies do not sum to 2^16)');
  return { model: new CategoricalModel(freqs), length };
}

/**
 * Code a block. Returns the payload, or null when coding would not make it smaller (the caller
 * then stores it raw; the persistent model has still learned from the block).
 */
export function encodeBlock(data: Uint8Array, model: CodingModel | null, coder: CoderName): Uint8Array | null {
  // rANS records one step per binary decision: 8 per byte for bitwise models.
  const steps = model instanceof BitwiseByteModel ? 8 * data.length : data.length;
  const encoder = newEncoder(coder, coder === 'rans' ? steps + 16 : data.length);
  let table: Uint8Array | null = null;
  let active: CodingModel;
  if (model) {
    active = model;
  } else {
    const iid = iidTable(data);
    table = iid.table;
    active = iid.model;
  }
  for (let i = 0; i < data.length; i++) active.encode(data[i], encoder);
  const coded = encoder.finish();
  const size = coded.length + (table ? table.length : 0);
  if (size >= data.length) return null;
  if (!table) return coded;
  const out = new Uint8Array(size);
  out.set(table, 0);
  out.set(coded, table.length);
  return out;
}

/** Decode a block of `rawLength` bytes from its payload. */
export function decodeBlock(payload: Uint8Array, rawLength: number, model: CodingModel | null, coder: CoderName): Uint8Array {
  let active: CodingModel;
  let coded = payload;
  if (model) {
    active = model;
  } else {
    const iid = readIidTable(payload);
    active = iid.model;
    coded = payload.subarray(iid.length);
  }
  const decoder: SymbolDecoder = coder === 'range' ? new RangeDecoder(coded) : new RansDecoder(coded);
  const out = new Uint8Array(rawLength);
  for (let i = 0; i < rawLength; i++) out[i] = active.decode(decoder);
  if (decoder instanceof RansDecoder) decoder.finishCheck();
  return out;
}

/** Keep a persistent model in step over a block that was stored raw. */
export function replayStoredBlock(data: Uint8Array, model: CodingModel | null): void {
  if (!model) return;
  for (let i = 0; i < data.length; i++) model.encode(data[i], DISCARD);
}
