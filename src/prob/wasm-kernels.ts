/**
 * Two hand-written WebAssembly SIMD kernels for the full-covariance EM pass (f64x2 lanes; the
 * module is assembled here byte by byte, so there is no build step and nothing to download).
 *
 *   quad4(dv, w, d, out):  for four points whose differences x_p - mu are stored interleaved
 *     (dv[4b + p]), y = P (x_p - mu) with P lower triangular (row-major d x d at w), and
 *     out[p] = |y_p|^2. Points 0,1 and 2,3 travel as two f64x2 vectors.
 *   rank4(dvp, r, s2, d, dp):  s2[a][b] += sum_p r_p dvp_p[a] dvp_p[b] for b <= a (and b = a + 1
 *     when a is even: rows are padded to an even stride dp, and that slot is never read), with the
 *     four difference rows dvp_p of stride dp; two b at a time.
 *
 * Instruction encodings follow the WebAssembly core specification 2.0 (binary format, sec. 5)
 * with the fixed-width SIMD proposal's opcodes (prefix 0xfd). When WebAssembly or SIMD is not
 * available, `loadGmmKernels` returns null and the JavaScript kernels are used.
 */

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec(Array.from(s, (c) => [c.charCodeAt(0)]));

const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const ADD = [0x6a];
const MUL = [0x6c];
const LT = [0x48];
const LE = [0x4c];
const F64_MUL = [0xa2];
const f64Load = (offset = 0) => [0x2b, 3, ...uleb(offset)];
const vLoad = (offset = 0) => [0xfd, 0, 4, ...uleb(offset)];
const vStore = (offset = 0) => [0xfd, 11, 4, ...uleb(offset)];
const V_ZERO = [0xfd, 12, ...new Array<number>(16).fill(0)];
const SPLAT = [0xfd, 20];
const V_ADD = [0xfd, 0xf0, 1];
const V_MUL = [0xfd, 0xf2, 1];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const brIf = (depth: number) => [0x0d, ...uleb(depth)];

/** quad4(dv, w, d, out); locals: 4 a, 5 b, 6 wp, 7 p | 8 y01, 9 y23, 10 q01, 11 q23, 12 wv. */
function quad4Body(): number[] {
  return [
    ...vec([
      [...uleb(4), I32],
      [...uleb(5), V128],
    ]),
    ...V_ZERO, ...set(10), ...V_ZERO, ...set(11),
    ...i32(0), ...set(4),
    ...LOOP,
    ...V_ZERO, ...set(8), ...V_ZERO, ...set(9),
    ...i32(0), ...set(5),
    ...get(1), ...get(4), ...get(2), ...MUL, ...i32(8), ...MUL, ...ADD, ...set(6), // wp = w + 8 a d
    ...get(0), ...set(7), // p = dv
    ...LOOP,
    ...get(6), ...f64Load(), ...SPLAT, ...set(12),
    ...get(8), ...get(12), ...get(7), ...vLoad(0), ...V_MUL, ...V_ADD, ...set(8),
    ...get(9), ...get(12), ...get(7), ...vLoad(16), ...V_MUL, ...V_ADD, ...set(9),
    ...get(7), ...i32(32), ...ADD, ...set(7),
    ...get(6), ...i32(8), ...ADD, ...set(6),
    ...get(5), ...i32(1), ...ADD, ...tee(5), ...get(4), ...LE, ...brIf(0),
    ...END,
    ...get(10), ...get(8), ...get(8), ...V_MUL, ...V_ADD, ...set(10),
    ...get(11), ...get(9), ...get(9), ...V_MUL, ...V_ADD, ...set(11),
    ...get(4), ...i32(1), ...ADD, ...tee(4), ...get(2), ...LT, ...brIf(0),
    ...END,
    ...get(3), ...get(10), ...vStore(0),
    ...get(3), ...get(11), ...vStore(16),
    ...END,
  ];
}

/**
 * rank4(dvp, r, s2, d, dp); locals: 5 a, 6 boff, 7 row, 8 stride, 9 p1, 10 p2, 11 p3, 12 aoff
 * | 13 x0, 14 x1, 15 x2, 16 x3, 17 acc.
 */
function rank4Body(): number[] {
  const scaled = (rOffset: number, rowLocal: number | null) => [
    ...get(1), ...f64Load(rOffset),
    ...(rowLocal === null ? get(0) : get(rowLocal)), ...get(12), ...ADD, ...f64Load(), ...F64_MUL, ...SPLAT,
  ];
  const term = (x: number, rowLocal: number | null) => [...get(17), ...get(x), ...(rowLocal === null ? get(0) : get(rowLocal)), ...get(6), ...ADD, ...vLoad(), ...V_MUL, ...V_ADD, ...set(17)];
  return [
    ...vec([
      [...uleb(8), I32],
      [...uleb(5), V128],
    ]),
    ...get(4), ...i32(8), ...MUL, ...set(8), // stride = 8 dp
    ...get(0), ...get(8), ...ADD, ...set(9),
    ...get(9), ...get(8), ...ADD, ...set(10),
    ...get(10), ...get(8), ...ADD, ...set(11),
    ...i32(0), ...set(5),
    ...LOOP,
    ...get(5), ...i32(8), ...MUL, ...set(12), // aoff = 8 a
    ...scaled(0, null), ...set(13),
    ...scaled(8, 9), ...set(14),
    ...scaled(16, 10), ...set(15),
    ...scaled(24, 11), ...set(16),
    ...get(2), ...get(5), ...get(8), ...MUL, ...ADD, ...set(7), // row = s2 + a stride
    ...i32(0), ...set(6),
    ...LOOP,
    ...get(7), ...get(6), ...ADD, ...vLoad(), ...set(17),
    ...term(13, null), ...term(14, 9), ...term(15, 10), ...term(16, 11),
    ...get(7), ...get(6), ...ADD, ...get(17), ...vStore(),
    ...get(6), ...i32(16), ...ADD, ...tee(6), ...get(12), ...LE, ...brIf(0),
    ...END,
    ...get(5), ...i32(1), ...ADD, ...tee(5), ...get(3), ...LT, ...brIf(0),
    ...END,
    ...END,
  ];
}

function moduleBytes(): Uint8Array {
  const bodies = [quad4Body(), rank4Body()];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([
      [0x60, ...vec([[I32], [I32], [I32], [I32]]), ...vec([])],
      [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([])],
    ])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0], [1]])),
    ...section(7, vec([
      [...name('quad4'), 0x00, 0],
      [...name('rank4'), 0x00, 1],
    ])),
    ...section(10, vec(bodies.map((b) => [...uleb(b.length), ...b]))),
  ]);
}

/** The instantiated kernels and their memory (grown on demand; views are refreshed after growth). */
export interface GmmKernels {
  quad4: (dv: number, w: number, d: number, out: number) => void;
  rank4: (dvp: number, r: number, s2: number, d: number, dp: number) => void;
  /** A Float64Array over the whole memory, at least `doubles` long (valid until the next call). */
  view(doubles: number): Float64Array;
}

let cached: GmmKernels | null | undefined;

/** The WebAssembly SIMD kernels, or null when this runtime cannot run them. */
export function loadGmmKernels(): GmmKernels | null {
  if (cached !== undefined) return cached;
  try {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes() as BufferSource), { env: { memory } });
    const exports = instance.exports as unknown as Pick<GmmKernels, 'quad4' | 'rank4'>;
    let f64 = new Float64Array(memory.buffer);
    cached = {
      quad4: exports.quad4,
      rank4: exports.rank4,
      view(doubles: number): Float64Array {
        const bytes = doubles * 8;
        if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
        if (f64.buffer !== memory.buffer) f64 = new Float64Array(memory.buffer);
        return f64;
      },
    };
  } catch {
    cached = null;
  }
  return cached;
}
