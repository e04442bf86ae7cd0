/**
 * CRC-32 (the IEEE 802.3 / zlib / PNG polynomial 0x04C11DB7, reflected as 0xEDB88320, initial
 * and final XOR 0xFFFFFFFF), computed 8 bytes at a time with slicing-by-8 tables
 * (M. Kounavis and F. Berry, "A systematic approach to building high performance
 * software-based CRC generators", ISCC 2005).
 */

const TABLES = new Int32Array(8 * 256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLES[n] = c;
}
for (let n = 0; n < 256; n++) {
  for (let t = 1; t < 8; t++) {
    const prev = TABLES[(t - 1) * 256 + n];
    TABLES[t * 256 + n] = TABLES[prev & 0xff] ^ (prev >>> 8);
  }
}

/**
 * Continue a CRC-32 over `bytes`: pass the previous return value (0 to start).
 *
 * @example
 * crc32Update(0, new TextEncoder().encode('123456789')) // 0xcbf43926
 * crc32Update(crc32Update(0, a), b) === crc32(concat(a, b))
 */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  const t = TABLES;
  let c = ~crc;
  let i = 0;
  const n = bytes.length;
  const end8 = n - (n % 8);
  for (; i < end8; i += 8) {
    const a = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * CRC-32 of `bytes` as an unsigned 32-bit integer.
 * @example crc32(new Uint8Array(0)) // 0
 */
export function crc32(bytes: Uint8Array): number {
  return crc32Update(0, bytes);
}
