import { GibbsError } from '../../core/errors.js';
import type { ParticleBox } from './box.js';

/** One configuration to write as an extended XYZ frame. */
export interface XyzFrame {
  /** Coordinates x0 y0 [z0] x1 ... (d per particle). */
  positions: Float64Array;
  box: ParticleBox;
  /** Extra key=value pairs for the comment line (numbers or simple strings), e.g. { step: 100, energy: -5.5 }. */
  info?: Record<string, number | string>;
  /** Chemical symbol written for every particle (default "Ar"; any label works in OVITO/VMD/ASE). */
  species?: string;
}

/**
 * One frame in the extended XYZ format (as read by ASE, OVITO and VMD): the particle count,
 * a comment line with `Lattice="ax ay az bx by bz cx cy cz"`, `Properties=species:S:1:pos:R:3`
 * and `pbc="T T T"` plus any info pairs, then one `species x y z` line per particle.
 * 2D configurations get z = 0, a unit third lattice vector and pbc F along z.
 *
 * @example
 * const text = extendedXyzFrame({ positions, box, info: { step: 1000 } });
 */
export function extendedXyzFrame(frame: XyzFrame): string {
  const { positions, box } = frame;
  const d = box.dimension;
  const n = positions.length / d;
  const species = frame.species ?? 'Ar';
  if (!/^\S+$/.test(species)) throw new GibbsError(`species: got ${JSON.stringify(species)}, expected a label without spaces`);
  const l = box.lengths;
  const lattice = d === 3 ? `${l[0]} 0 0 0 ${l[1]} 0 0 0 ${l[2]}` : `${l[0]} 0 0 0 ${l[1]} 0 0 0 1`;
  const pbc = [0, 1, 2].map((k) => (k < d && box.boundaries[k] === 'periodic' ? 'T' : 'F')).join(' ');
  const info = Object.entries(frame.info ?? {})
    .map(([key, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new GibbsError(`xyz info key ${JSON.stringify(key)}: expected letters, digits and _`);
      return typeof value === 'number' ? `${key}=${value}` : `${key}="${String(value).replace(/"/g, "'")}"`;
    })
    .join(' ');
  const lines: string[] = [String(n), `Lattice="${lattice}" Properties=species:S:1:pos:R:3 pbc="${pbc}"${info ? ` ${info}` : ''}`];
  for (let i = 0; i < n; i++) {
    const x = positions[i * d];
    const y = positions[i * d + 1];
    const z = d === 3 ? positions[i * d + 2] : 0;
    lines.push(`${species} ${x.toFixed(8)} ${y.toFixed(8)} ${z.toFixed(8)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A frame read back from extended XYZ text. */
export interface ParsedXyzFrame {
  /** Coordinates, 3 per particle (z = 0 for 2D files). */
  positions: Float64Array;
  species: string[];
  /** The 9 numbers of the Lattice key, when present. */
  lattice: number[] | null;
  /** pbc flags, when present. */
  pbc: boolean[] | null;
  /** Every key=value pair of the comment line, as text. */
  info: Record<string, string>;
}

/**
 * Read every frame of an (extended) XYZ file: count line, comment line (key=value pairs,
 * values optionally quoted), then `species x y z` lines. Malformed input is a GibbsError
 * naming the line.
 */
export function parseExtendedXyz(text: string, source = 'xyz'): ParsedXyzFrame[] {
  const lines = text.split(/\r?\n/);
  const frames: ParsedXyzFrame[] = [];
  let at = 0;
  while (at < lines.length) {
    if (lines[at].trim() === '') {
      at++;
      continue;
    }
    const n = Number(lines[at].trim());
    if (!Number.isInteger(n) || n < 0) throw new GibbsError(`${source}: line ${at + 1}: got ${JSON.stringify(lines[at].slice(0, 40))}, expected a particle count`);
    if (at + 2 + n > lines.length) throw new GibbsError(`${source}: line ${at + 1}: the frame announces ${n} particles but the file ends early`);
    const info: Record<string, string> = {};
    for (const match of lines[at + 1].matchAll(/([A-Za-z_][A-Za-z0-9_:]*)=("([^"]*)"|(\S+))/g)) info[match[1]] = match[3] ?? match[4];
    const positions = new Float64Array(3 * n);
    const species: string[] = [];
    for (let i = 0; i < n; i++) {
      const fields = lines[at + 2 + i].trim().split(/\s+/);
      const xyz = fields.slice(1, 4).map(Number);
      if (fields.length < 4 || xyz.some((v) => !Number.isFinite(v))) throw new GibbsError(`${source}: line ${at + 3 + i}: expected "species x y z"`);
      species.push(fields[0]);
      positions.set(xyz, 3 * i);
    }
    const lattice = info.Lattice ? info.Lattice.trim().split(/\s+/).map(Number) : null;
    const pbc = info.pbc ? info.pbc.trim().split(/\s+/).map((f) => f === 'T') : null;
    frames.push({ positions, species, lattice, pbc, info });
    at += 2 + n;
  }
  return frames;
}
