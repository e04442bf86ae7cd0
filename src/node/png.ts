import { deflateSync } from 'node:zlib';
import { GibbsError } from '../core/errors.js';
import type { LatticeInfo } from '../models/ising.js';

/** An 8-bit image: `channels` = 1 (grey), 3 (RGB) or 4 (RGBA) bytes per pixel, rows top to bottom. */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, the polynomial PNG uses) of `bytes`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encode an image as PNG (W3C PNG spec: signature, IHDR, one zlib IDAT with filter type 0 on
 * every row, IEND). Small and dependency-free; node:zlib does the deflate.
 *
 * @example writeFileAtomic('spins.png', encodePng({ width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 255) }));
 */
export function encodePng(image: RasterImage): Uint8Array {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error(`png: bad size ${width}x${height}`);
  if (data.length !== width * height * channels) throw new Error(`png: ${data.length} bytes for ${width}x${height}x${channels}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : channels === 3 ? 2 : 6; // colour type: grey, RGB, RGBA
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/**
 * One pixel per spin: s = +1 white, s = -1 black. A chain is one row; a square or triangular
 * lattice is Lx wide and Ly high (y = 0 at the top); a cubic lattice shows its Lz layers side by
 * side, each Lx x Ly, separated by nothing (so the image is Lx Lz wide).
 */
export function spinImage(spins: ArrayLike<number>, lattice: LatticeInfo | undefined): RasterImage {
  if (!lattice) throw new GibbsError('--snapshot: spin pictures need a lattice model (one pixel per site)', '--snapshot');
  const [lx, ly = 1, lz = 1] = lattice.size;
  const width = lx * lz;
  const data = new Uint8Array(width * ly);
  for (let z = 0; z < lz; z++) {
    for (let y = 0; y < ly; y++) {
      for (let x = 0; x < lx; x++) data[y * width + z * lx + x] = spins[x + lx * (y + ly * z)] > 0 ? 255 : 0;
    }
  }
  return { width, height: ly, channels: 1, data };
}
