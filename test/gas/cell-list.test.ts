import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { gasKernel } from '../../src/mcmc/gas/gas-kernel.js';
import { totalPairEnergy } from '../../src/mcmc/gas/gas-state.js';
import { particleEnergy } from '../../src/mcmc/gas/particle-energy.js';
import { type ParticleBoundary, ParticleBox } from '../../src/models/particles/box.js';
import { CellList } from '../../src/models/particles/cell-list.js';
import { ExternalPotential } from '../../src/models/particles/external-potential.js';
import { GasModel } from '../../src/models/particles/gas-model.js';
import { latticePositions, randomPositions } from '../../src/models/particles/initial-configurations.js';
import { PairPotential } from '../../src/models/particles/pair-potential.js';

/** Every pair closer than r, by brute force over all pairs and minimum images. */
function bruteForcePairs(box: ParticleBox, positions: Float64Array, r: number): Set<string> {
  const d = box.dimension;
  const n = positions.length / d;
  const out = new Set<string>();
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (box.distanceSquared(positions, d * i, positions, d * j) < r * r) out.add(`${i},${j}`);
  return out;
}

/** Pairs closer than r found through the cell list, with its image shifts when it has them. */
function cellListPairs(box: ParticleBox, cells: CellList, positions: Float64Array, r: number): string[] {
  const d = box.dimension;
  const found: string[] = [];
  for (let i = 0; i < positions.length / d; i++) {
    const c = cells.cellOf[i];
    for (let q = cells.neighbourStart[c]; q < cells.neighbourStart[c + 1]; q++) {
      const cc = cells.neighbours[q];
      for (let s = 0; s < cells.count[cc]; s++) {
        const slot = cc * cells.capacity + s;
        const j = cells.members[slot];
        if (j <= i) continue;
        let r2 = 0;
        for (let k = 0; k < d; k++) {
          let dx = cells.coords[d * slot + k] - positions[d * i + k];
          dx = cells.shifted ? dx + cells.neighbourShifts[3 * q + k] : box.minimumImage(dx, k);
          r2 += dx * dx;
        }
        if (r2 < r * r) found.push(`${i},${j}`);
      }
    }
  }
  return found;
}

const boundaries: ParticleBoundary[] = ['periodic', 'wall', 'open'];

describe('cell list', () => {
  it('finds exactly the pairs within range, once each, for any box, boundary and grid size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 2, max: 60 }),
        fc.array(fc.double({ min: 2, max: 12, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.constantFrom(...boundaries), { minLength: 3, maxLength: 3 }),
        fc.double({ min: 0.6, max: 3, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (d, n, lengths, bounds, range, seed) => {
          const box = new ParticleBox(d, lengths.slice(0, d), bounds.slice(0, d) as ParticleBoundary[]);
          if (range > box.shortestPeriod / 2) return;
          const rng = Rng.fromSeed(seed);
          // Open axes: some particles outside the reference region (clamped into edge cells).
          const positions = Float64Array.from({ length: n * d }, (_, k) => {
            const axis = k % d;
            const spread = box.boundaries[axis] === 'open' ? 1.5 : 1;
            return (rng.nextDouble() * spread - (spread - 1) / 2) * box.lengths[axis];
          });
          const cells = new CellList(box, range, n);
          cells.build(positions);
          const found = cellListPairs(box, cells, positions, range);
          expect(new Set(found).size).toBe(found.length);
          expect(new Set(found)).toEqual(bruteForcePairs(box, positions, range));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps members and coordinates consistent through moves, removals and growth', () => {
    const box = ParticleBox.cubic(3, 6);
    const rng = Rng.fromSeed(3);
    const n = 200;
    const positions = Float64Array.from({ length: 3 * n }, () => rng.nextDouble() * 6);
    const cells = new CellList(box, 1.5, n);
    cells.build(positions);
    for (let step = 0; step < 5000; step++) {
      const i = rng.nextInt(n);
      // Crowd particles into one corner now and then so cells overflow and grow.
      const corner = step % 7 === 0;
      for (let k = 0; k < 3; k++) positions[3 * i + k] = corner ? rng.nextDouble() * 0.5 : rng.nextDouble() * 6;
      cells.update(i, cells.cellIndex(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]), positions, 3 * i);
    }
    let total = 0;
    for (let c = 0; c < cells.cellCount; c++) {
      total += cells.count[c];
      for (let s = 0; s < cells.count[c]; s++) {
        const slot = c * cells.capacity + s;
        const i = cells.members[slot];
        expect(cells.cellOf[i]).toBe(c);
        expect(cells.slotOf[i]).toBe(s);
        expect(Array.from(cells.coords.subarray(3 * slot, 3 * slot + 3))).toEqual(Array.from(positions.subarray(3 * i, 3 * i + 3)));
      }
    }
    expect(total).toBe(n);
  });
});

describe('energies through the cell list', () => {
  const cases: Array<[string, GasModel]> = [
    ['LJ 3D periodic, >= 3 cells', new GasModel({ particles: 300, box: ParticleBox.fromDensity(3, 300, 0.6), pair: PairPotential.lennardJones({ cutoff: 2.5 }) })],
    ['LJ 3D, small box: half-width cells, reach 2', new GasModel({ particles: 100, box: ParticleBox.fromDensity(3, 100, 0.5), pair: PairPotential.lennardJones({ cutoff: 2.3, shift: true }) })],
    ['LJ 3D, tiny box: minimum image', new GasModel({ particles: 100, box: ParticleBox.cubic(3, 5.5), pair: PairPotential.lennardJones({ cutoff: 2.5 }) })],
    ['soft 2D walls', new GasModel({ particles: 150, box: ParticleBox.fromDensity(2, 150, 0.4, 'wall'), pair: PairPotential.softSpheres({ cutoff: 2 }) })],
    ['square well 2D periodic', new GasModel({ particles: 150, box: ParticleBox.fromDensity(2, 150, 0.3), pair: PairPotential.squareWell() })],
    ['LJ in an open trap', new GasModel({ particles: 80, box: ParticleBox.cubic(3, 8, 'open'), pair: PairPotential.lennardJones({ cutoff: 2.5 }), external: ExternalPotential.harmonic({ stiffness: 0.5 }) })],
  ];

  it.each(cases)('%s: particle and total energies equal brute force, before and after sampling', (_, model) => {
    const rng = Rng.fromSeed(11);
    const state = gasKernel.init(model, { temperature: 1.5, start: 'random' }, rng);
    const expectedPath: Record<string, [boolean, number]> = { 'LJ 3D, small box: half-width cells, reach 2': [true, 2], 'LJ 3D, tiny box: minimum image': [false, 1] };
    if (expectedPath[_]) expect([state.cells.shifted, state.cells.reach]).toEqual(expectedPath[_]);
    for (let sweep = 0; sweep < 30; sweep++) gasKernel.sweep(state, rng);
    const d = model.dimension;
    const pos = state.positions;
    let brute = 0;
    for (let i = 0; i < model.particles; i++) {
      let ei = 0;
      for (let j = 0; j < model.particles; j++) if (j !== i) ei += model.pair.energyR2(model.box.distanceSquared(pos, d * i, pos, d * j));
      const viaCells = particleEnergy(state, state.cells.slotIndex(i), pos[d * i], pos[d * i + 1], d === 3 ? pos[d * i + 2] : 0, state.cells.cellOf[i]);
      expect(viaCells).toBeCloseTo(ei, 9);
      brute += ei / 2;
    }
    expect(totalPairEnergy(state)).toBeCloseTo(brute, 8);
    // The incrementally tracked energy has only drifted by round-off.
    expect(gasKernel.check?.(state)).toBeLessThan(1e-8 * (1 + Math.abs(brute)));
  });
});

describe('starting configurations', () => {
  it('fcc and square lattices fill the box with the requested number of particles', () => {
    const fcc = new GasModel({ particles: 108, box: ParticleBox.fromDensity(3, 108, 0.9), pair: PairPotential.hardSpheres() });
    const pos = latticePositions(fcc);
    expect(pos.length).toBe(324);
    // A perfect fcc lattice of 3^3 cells: the nearest-neighbour distance is a / sqrt(2).
    const a = fcc.box.lengths[0] / 3;
    let nearest = Infinity;
    for (let j = 1; j < 108; j++) nearest = Math.min(nearest, fcc.box.distanceSquared(pos, 0, pos, 3 * j));
    expect(Math.sqrt(nearest)).toBeCloseTo(a / Math.SQRT2, 12);
    const square = new GasModel({ particles: 50, box: ParticleBox.fromDensity(2, 50, 0.5), pair: PairPotential.hardSpheres() });
    const sq = latticePositions(square);
    for (const x of sq) expect(x >= 0 && x < square.box.lengths[0]).toBe(true);
  });

  it('random insertion places hard spheres without overlap, and says when it cannot', () => {
    const model = new GasModel({ particles: 200, box: ParticleBox.fromDensity(3, 200, (6 * 0.25) / Math.PI), pair: PairPotential.hardSpheres() });
    const pos = randomPositions(model, Rng.fromSeed(2));
    for (let i = 0; i < 200; i++) for (let j = i + 1; j < 200; j++) expect(model.box.distanceSquared(pos, 3 * i, pos, 3 * j)).toBeGreaterThanOrEqual(1);
    const dense = new GasModel({ particles: 200, box: ParticleBox.fromDensity(3, 200, (6 * 0.5) / Math.PI), pair: PairPotential.hardSpheres() });
    expect(() => randomPositions(dense, Rng.fromSeed(2), 200)).toThrow(/--start random: could not place particle .* use --start lattice/);
  });
});

describe('WebAssembly Lennard-Jones loops', () => {
  it('give the same chain bit for bit as the JavaScript loops, also after the storage grows', () => {
    const model = new GasModel({ particles: 300, box: ParticleBox.fromDensity(3, 300, 0.5), pair: PairPotential.lennardJones({ cutoff: 2.4, shift: true }) });
    const wasm = gasKernel.init(model, { temperature: 0.4 }, Rng.fromSeed(9));
    const js = gasKernel.init(model, { temperature: 0.4, wasm: false }, Rng.fromSeed(9));
    expect(wasm.lennardJonesWasm).not.toBeNull();
    expect(js.lennardJonesWasm).toBeNull();
    const a = Rng.fromSeed(10);
    const b = Rng.fromSeed(10);
    const generation = wasm.cells.generation;
    for (let sweep = 0; sweep < 200; sweep++) {
      expect(gasKernel.sweep(wasm, a)).toEqual(gasKernel.sweep(js, b));
      // Mid-run the storage grows (as when a cell overflows): the WebAssembly loops re-bind.
      if (sweep === 100) for (const s of [wasm, js]) s.cells.reserve(3 * s.cells.capacity);
    }
    expect(wasm.pairEnergy).toBe(js.pairEnergy);
    expect(Array.from(wasm.positions)).toEqual(Array.from(js.positions));
    expect(wasm.cells.generation).toBeGreaterThan(generation);
  });
});

describe('checkpoints of a chain', () => {
  it('save and restore continue bit for bit', () => {
    const model = new GasModel({ particles: 64, box: ParticleBox.fromDensity(3, 64, 0.7), pair: PairPotential.lennardJones({ cutoff: 1.9 }) });
    const options = { temperature: 1.2, widomInsertions: 5 };
    const rng = Rng.fromSeed(5);
    const state = gasKernel.init(model, options, rng);
    for (let s = 0; s < 20; s++) gasKernel.sweep(state, rng);
    const saved = structuredClone(gasKernel.save(state));
    const copy = gasKernel.restore(model, options, saved);
    const rngCopy = rng.clone();
    const obs = gasKernel.observables(model, options);
    const obsCopy = gasKernel.observables(model, options);
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    for (let s = 0; s < 20; s++) {
      expect(gasKernel.sweep(copy, rngCopy)).toEqual(gasKernel.sweep(state, rng));
      obs.measure(state, a);
      obsCopy.measure(copy, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
    expect(Array.from(copy.positions)).toEqual(Array.from(state.positions));
    expect(copy.pairEnergy).toBe(state.pairEnergy);
  });
});
