import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../src/models/model-file.js';

const ok = (value: unknown) => parseModelFile(JSON.stringify(value), 'm.json');
const bad = (text: string) => () => parseModelFile(text, 'm.json');

describe('model files', () => {
  it('parses the explicit, lattice and generated forms', () => {
    const explicit = ok({ kind: 'ising', spins: 3, fields: [0.1, 0, -0.2], couplings: [[0, 1, -1.0], [1, 2, 0.5]] });
    expect(explicit.size).toBe(3);
    expect(explicit.energy(Int8Array.of(1, 1, 1))).toBeCloseTo(0.1 - 0.2 - 1 + 0.5, 14);
    const lattice = ok({ kind: 'ising', lattice: { shape: 'square', size: [16, 16], boundary: 'periodic' }, coupling: -1.0, field: 0.0 });
    expect(lattice.size).toBe(256);
    expect(lattice.lattice?.boundary).toEqual(['periodic', 'periodic']);
    expect(ok({ kind: 'ising', generator: 'sk', spins: 10, seed: 3 }).edgeCount).toBe(45);
    expect(ok({ kind: 'ising', generator: 'edwards-anderson', lattice: { shape: 'square', size: [4, 4] }, seed: 1 }).edgeCount).toBe(32);
    expect(ok({ kind: 'ising', generator: 'complete', spins: 5 }).edgeCount).toBe(10);
    expect(ok({ kind: 'ising', lattice: { shape: 'square', size: [8, 4], boundary: ['open', 'periodic'] } }).edgeCount).toBe(7 * 4 + 8 * 4);
  });

  it.each([
    ['{"kind": "ising", "spins": 3,', /m.json: not valid JSON/],
    ['[1, 2]', /expected a JSON object/],
    ['{"kind": "potts", "spins": 3, "couplings": []}', /kind: got "potts", expected "ising"/],
    ['{"kind": "ising", "spins": 3, "couplings": [], "colour": 1}', /unknown key "colour" \(allowed: kind, description, spins, fields, couplings\)/],
    ['{"kind": "ising", "spins": 3, "fields": [0, 0], "couplings": []}', /fields: got 2 values, expected 3/],
    ['{"kind": "ising", "spins": 3, "couplings": [[0, 3, 1]]}', /couplings\[0\]: spin index 3 out of range, expected 0..2/],
    ['{"kind": "ising", "spins": 3, "couplings": [[1, 1, 1]]}', /couplings\[0\]: got self-coupling/],
    ['{"kind": "ising", "spins": 3, "couplings": [[0, 1, 1], [1, 0, 2]]}', /couplings\[1\]: pair \(1, 0\) already coupled in couplings\[0\]/],
    ['{"kind": "ising", "spins": 3, "couplings": [[0, 1, 1e999]]}', /couplings\[0\]\[2\]: got Infinity, expected a number/],
    ['{"kind": "ising", "spins": 3, "couplings": [[0, 1.5, 1]]}', /couplings\[0\]\[1\]: got 1.5, expected an integer/],
    ['{"kind": "ising", "spins": 0, "couplings": []}', /spins: got 0, expected a value >= 1/],
    ['{"kind": "ising", "spins": 3}', /couplings: got nothing \(missing\)/],
    ['{"kind": "ising", "lattice": {"shape": "hexagonal", "size": [4, 4]}}', /lattice.shape: got "hexagonal", expected one of "chain", "square", "triangular", "cubic"/],
    ['{"kind": "ising", "lattice": {"shape": "square", "size": [4]}}', /lattice.size: got \[4\], expected 2 positive integers/],
    ['{"kind": "ising", "generator": "sk", "spins": 10}', /seed: got nothing \(missing\)/],
    ['{"kind": "ising", "generator": "mystery", "spins": 10}', /generator: got "mystery", expected one of "sk"/],
  ])('rejects %s', (text, message) => {
    expect(bad(text)).toThrow(message);
  });
});
