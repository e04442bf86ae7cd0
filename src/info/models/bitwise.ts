/**
 * Byte models that code each byte as 8 binary decisions, most significant bit first, each
 * with a predicted P(1): the structure of context-mixing compressors. Subclasses predict and
 * learn one bit at a time; this base turns that into a CodingModel over bytes.
 */
import type { SymbolDecoder, SymbolEncoder } from '../coding/interval.js';
import type { CodingModel } from './model.js';

/** Base class of bitwise byte models. */
export abstract class BitwiseByteModel implements CodingModel {
  readonly alphabetSize = 256;

  /** P(next bit = 1) as a 16-bit probability in [1, 65535]. */
  protected abstract predictBit(): number;
  /** Learn the bit just coded (the bit's position follows from how many came before). */
  protected abstract updateBit(bit: number): void;
  abstract reset(): void;

  encode(symbol: number, coder: SymbolEncoder): void {
    for (let j = 7; j >= 0; j--) {
      const bit = (symbol >>> j) & 1;
      coder.encodeBit(bit, this.predictBit());
      this.updateBit(bit);
    }
  }

  decode(coder: SymbolDecoder): number {
    let byte = 0;
    for (let j = 0; j < 8; j++) {
      const bit = coder.decodeBit(this.predictBit());
      this.updateBit(bit);
      byte = (byte << 1) | bit;
    }
    return byte;
  }
}
