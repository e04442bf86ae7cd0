/**
 * Match model: finds the most recent earlier occurrence of the last MIN_MATCH bytes (by a hash
 * of them) and predicts that the byte which followed it then follows now, bit by bit, with a
 * confidence learned per match length. Long repeats (source code, markup, repeated phrases)
 * become nearly free. Memory is constant: a ring buffer of recent history and a hash table.
 */
import { counterP16, counterUpdate, COUNTER_INIT } from './counter.js';
import { STRETCH } from './logistic.js';

const MIN_MATCH = 6;
const MAX_VERIFY = 32;

/**
 * The match predictor of the mixing model.
 *
 * @example
 * const m = new MatchModel(22, 20);
 * const input = m.stretchInput(partialByte, bitsDone); // then m.update(bit) ... m.endByte(byte)
 */
export class MatchModel {
  private readonly buffer: Uint8Array;
  private readonly bufferMask: number;
  private readonly hashTable: Float64Array; // position + 1 after each hashed MIN_MATCH-gram
  private readonly hashShift: number;
  private readonly counters = new Uint32Array(64);
  private pos = 0; // bytes seen
  private matchPtr = 0; // position of the predicted byte
  /** Current match length in bytes (0: no match). */
  matchLength = 0;
  private predicted = 0; // predicted byte with a leading 1 (256..511), or 0
  private missed = false;
  private index = 0;

  constructor(bufferBits = 22, hashBits = 20) {
    this.buffer = new Uint8Array(2 ** bufferBits);
    this.bufferMask = 2 ** bufferBits - 1;
    this.hashTable = new Float64Array(2 ** hashBits);
    this.hashShift = 32 - hashBits;
    this.reset();
  }

  reset(): void {
    this.buffer.fill(0);
    this.hashTable.fill(0);
    this.counters.fill(COUNTER_INIT);
    this.pos = 0;
    this.matchPtr = 0;
    this.matchLength = 0;
    this.predicted = 0;
    this.missed = false;
  }

  /** stretch(P(next bit = 1)) given the bits of the current byte so far (`partial` has a leading 1, `bitsDone` of them). */
  stretchInput(partial: number, bitsDone: number): number {
    let context = 0;
    if (this.predicted && !this.missed) {
      const expectedPrefix = this.predicted >>> (8 - bitsDone);
      if (expectedPrefix === partial) {
        const expectedBit = (this.predicted >>> (7 - bitsDone)) & 1;
        context = (Math.min(this.matchLength, 31) << 1) | expectedBit;
      } else {
        this.missed = true;
      }
    }
    this.index = context;
    return STRETCH[counterP16(this.counters[context]) >>> 4];
  }

  /** Learn the bit just coded. */
  update(bit: number): void {
    counterUpdate(this.counters, this.index, bit, 1023);
  }

  /** Append the byte just coded and look for the next prediction. */
  endByte(byte: number): void {
    const buf = this.buffer;
    const mask = this.bufferMask;
    buf[this.pos & mask] = byte;
    this.pos++;
    const pos = this.pos;
    if (this.matchLength > 0 && buf[this.matchPtr & mask] === byte && pos - this.matchPtr < mask) {
      this.matchLength++;
      this.matchPtr++;
    } else {
      this.matchLength = 0;
    }
    if (pos >= MIN_MATCH) {
      let h = 0;
      for (let i = 1; i <= MIN_MATCH; i++) h = Math.imul(h ^ buf[(pos - i) & mask], 0x2f0b4ab3) + i;
      h = (Math.imul(h ^ (h >>> 15), 0x9e3779b1) >>> this.hashShift) >>> 0;
      if (this.matchLength === 0) {
        const candidate = this.hashTable[h];
        if (candidate > 0 && pos - candidate < mask - MAX_VERIFY) {
          let length = 0;
          while (length < MAX_VERIFY && buf[(candidate - 1 - length) & mask] === buf[(pos - 1 - length) & mask]) length++;
          if (length >= MIN_MATCH) {
            this.matchLength = length;
            this.matchPtr = candidate;
          }
        }
      }
      this.hashTable[h] = pos;
    }
    this.predicted = this.matchLength > 0 ? 256 | buf[this.matchPtr & mask] : 0;
    this.missed = false;
  }
}
