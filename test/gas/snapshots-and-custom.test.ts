import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idealGas } from '../../src/exact/ideal-gas.js';
import { ParticleBox } from '../../src/models/particles/box.js';
import { ExternalPotential } from '../../src/models/particles/external-potential.js';
import { extendedXyzFrame, parseExtendedXyz } from '../../src/models/particles/extended-xyz.js';
import { GasModel } from '../../src/models/particles/gas-model.js';
import { configurationSvg, rasterizeConfiguration } from '../../src/models/particles/picture.js';
import { encodePng } from '../../src/node/png.js';
import { agrees, runGas } from './helpers.js';

describe('extended XYZ', () => {
  it('round-trips positions, the lattice and pbc flags (2D and 3D, any boundaries)', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 3), fc.integer({ min: 0, max: 30 }), fc.constantFrom('periodic', 'wall', 'open'), fc.integer({ min: 0, max: 1000 }), (d, n, boundary, seed) => {
        const box = ParticleBox.cubic(d as 2 | 3, 7.5, boundary as 'periodic');
        const positions = Float64Array.from({ length: n * d }, (_, k) => ((k * 7919 + seed) % 1000) / 133.3);
        const text = extendedXyzFrame({ positions, box, info: { step: 12, note: 'a b' } }) + extendedXyzFrame({ positions, box, species: 'He' });
        const frames = parseExtendedXyz(text);
        expect(frames).toHaveLength(2);
        const f = frames[0];
        for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) expect(f.positions[3 * i + k]).toBeCloseTo(positions[d * i + k], 7);
        expect(f.lattice?.[0]).toBe(7.5);
        expect(f.pbc).toEqual([0, 1, 2].map((k) => k < d && boundary === 'periodic'));
        expect(f.info.step).toBe('12');
        expect(f.info.note).toBe('a b');
        expect(frames[1].species.every((s) => s === 'He')).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(() => parseExtendedXyz('3\ncomment\nAr 0 0 0\n')).toThrow(/ends early/);
    expect(() => parseExtendedXyz('1\n\nAr 0 x 0\n')).toThrow(/line 3/);
  });
});

describe('pictures', () => {
  const box = ParticleBox.cubic(2, 4);
  const positions = Float64Array.of(1, 1, 3.8, 2, 2, 3.9);

  it('SVG draws every disk plus periodic images across the edges', () => {
    const svg = configurationSvg(positions, box, { width: 200 });
    // 3 particles; the one at x = 3.8 and the one at y = 3.9 cross an edge: 2 images more.
    expect((svg.match(/<circle/g) ?? []).length).toBe(5);
    expect(() => configurationSvg(Float64Array.of(1, 1, 1), ParticleBox.cubic(3, 4))).toThrow(/2D/);
  });

  it('rasterises disks into RGBA pixels that encode as PNG', () => {
    const image = rasterizeConfiguration(positions, box, { width: 64 });
    expect(image.data.length).toBe(64 * 64 * 4);
    const png = Buffer.from(encodePng(image));
    expect(png.readUInt32BE(16)).toBe(64);
    const raw = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
    expect(Array.from(raw.subarray(1, 1 + 4 * 64))).toEqual(Array.from(image.data.subarray(0, 4 * 64)));
    // A pixel at a particle centre is coloured, one far from all is white.
    const at = (x: number, y: number) => image.data[4 * (Math.round(64 - y * 16) * 64 + Math.round(x * 16))];
    expect(at(1, 1)).toBeLessThan(200);
    expect(at(2, 3)).toBe(255);
  });
});

describe('user-supplied one-body functions through the API', () => {
  it('Monte Carlo with a custom double-well potential matches its exact ideal-gas energy (quadrature)', () => {
    // A 2D double well along x, harmonic along y, in an open plane.
    const e1 = (x: Float64Array) => 0.5 * ((x[0] - 4) ** 2 - 1.5) ** 2 + 0.4 * (x[1] - 4) ** 2;
    const model = new GasModel({ particles: 12, box: ParticleBox.cubic(2, 8, 'open'), external: ExternalPotential.custom(e1, 'double well') });
    const exact = idealGas(model, { temperature: 0.7, profileBins: 8 });
    expect(exact.method).toBe('quadrature');
    const summary = runGas(model, { temperature: 0.7, profileBins: 8 }, { sweeps: 4000, burnIn: 300 }, 2);
    expect(agrees(summary.scalars.energyPerParticle, exact.perParticle.energy)).toBe(true);
    const p = summary.vectors.densityProfile;
    for (let b = 0; b < 8; b++) expect(Math.abs(p.mean[b] - exact.profile.probability[b])).toBeLessThan(4 * p.error[b] + 1e-12);
    // A custom function cannot be serialised for worker threads or checkpoints.
    expect(() => model.toData()).toThrow(/cannot be serialised/);
  });
});
