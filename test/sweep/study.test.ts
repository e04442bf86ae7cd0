import { describe, expect, it } from 'vitest';
import { GibbsError } from '../../src/core/errors.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { expandStudy } from '../../src/sweep/study.js';
import { modelHash } from '../../src/sweep/model-hash.js';
import { canonicalJson } from '../../src/sweep/json.js';

const sk = { kind: 'ising', generator: 'sk', spins: 6, seed: 1 };

function errorOf(input: unknown): string {
  try {
    expandStudy(input, 'study.json');
  } catch (error) {
    expect(error).toBeInstanceOf(GibbsError);
    return (error as Error).message;
  }
  throw new Error('expected a GibbsError');
}

describe('study expansion', () => {
  it('expands models x vary x methods x temperatures; deterministic methods ignore seeds', () => {
    const study = expandStudy({
      models: [{ name: 'sk', model: sk, vary: { spins: [4, 6], seed: '1:3:1' } }, { model: { kind: 'ising', lattice: { shape: 'chain', size: [5] }, coupling: -1 } }],
      temperatures: '1:2:0.5',
      methods: [{ method: 'exact' }, { method: 'exact', options: { algorithm: 'enumeration', correlations: true } }],
      seeds: [1, 2, 3],
    });
    // (2 spins x 3 seeds + 1 chain) models x 2 option sets x 3 temperatures, no seed factor.
    expect(study.jobs).toHaveLength((2 * 3 + 1) * 2 * 3);
    expect(new Set(study.jobs.map((j) => j.key)).size).toBe(study.jobs.length);
    expect(study.jobs.every((j) => j.seed === null)).toBe(true);
    expect(study.jobs[0].labels).toEqual({ model: 'sk', params: { spins: 4, seed: 1 }, spins: 4 });
    expect(study.jobs.at(-1)?.labels.model).toBe('model2');
    expect(study.jobs[0].options).toEqual({ algorithm: 'enumeration', correlations: false });
    expect(study.database.endsWith('gibbs-results.sqlite')).toBe(true);
  });

  it('keys depend on the inputs only: option order and model spelling do not matter', () => {
    const base = { models: [{ model: sk }], temperatures: [1], methods: [{ method: 'exact', options: { correlations: false, algorithm: 'auto' } }] };
    const same = { models: [{ name: 'other name', model: sk }], temperatures: 1, methods: [{ method: 'exact', options: { algorithm: 'enumeration' } }] };
    const key = expandStudy(base).jobs[0].key;
    expect(expandStudy(same).jobs[0].key).toBe(key);
    // The same couplings written out explicitly are the same model, hence the same job.
    const model = sherringtonKirkpatrickModel(6, { seed: 1 });
    const explicit = { kind: 'ising', spins: 6, couplings: [...model.edges()].map(([a, b, j]) => [a, b, j]) };
    expect(expandStudy({ ...base, models: [{ model: explicit }] }).jobs[0].key).toBe(key);
    expect(expandStudy({ ...base, models: [{ model: explicit }] }).jobs[0].modelHash).toBe(modelHash(model));
    // ...and any change of an input changes the key.
    expect(expandStudy({ ...base, temperatures: [1.0000001] }).jobs[0].key).not.toBe(key);
    expect(expandStudy({ ...base, models: [{ model: { ...sk, seed: 2 } }] }).jobs[0].key).not.toBe(key);
    expect(expandStudy({ ...base, methods: [{ method: 'exact', options: { correlations: true } }] }).jobs[0].key).not.toBe(key);
    // Duplicate entries collapse into one job.
    expect(expandStudy({ ...base, models: [{ model: sk }, { model: sk }] }).jobs).toHaveLength(1);
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: Float64Array.of(4) }] })).toBe('{"a":[2,{"c":[4],"d":3}],"b":1}');
  });

  it('names the field, the value and what is allowed', () => {
    const ok = { models: [{ model: sk }], temperatures: [1], methods: [{ method: 'exact' }] };
    expect(errorOf({ ...ok, methods: [{ method: 'magic' }] })).toMatch(/^study.json: methods\[0\]\.method: got "magic", expected one of "exact"/);
    expect(errorOf({ ...ok, methods: [{ method: 'exact', options: { correlations: 'yes' } }] })).toMatch(/methods\[0\]\.options: correlations: got "yes", expected a boolean/);
    expect(errorOf({ ...ok, methods: [{ method: 'exact', options: { sweeps: 10 } }] })).toMatch(/unknown key "sweeps"/);
    expect(errorOf({ ...ok, temperatures: [1, -2] })).toMatch(/temperatures: got -2, expected temperatures T > 0/);
    expect(errorOf({ ...ok, temperatures: undefined })).toMatch(/models\[0\]: no temperatures/);
    expect(errorOf({ ...ok, models: [{ model: sk, file: 'x.json' }] })).toMatch(/models\[0\]: give exactly one of "file"/);
    expect(errorOf({ ...ok, models: [{ model: { ...sk, spins: 40 } }] })).toMatch(/models\[0\], methods\[0\] \(exact\): exact: no exact algorithm applies to this model \(enumeration: 40 spins > 36; transfer-matrix: /);
    expect(errorOf({ ...ok, methods: [{ method: 'exact', options: { algorithm: 'torus' } }] })).toMatch(/methods\[0\] \(exact\): exact: algorithm torus does not apply to this model/);
    expect(errorOf({ ...ok, models: [{ model: { kind: 'ising', lattice: { shape: 'chain', size: [6] } } }], methods: [{ method: 'exact', options: { correlations: true } }] })).toMatch(
      /"correlations": true needs algorithm enumeration, this model gets transfer-matrix/,
    );
    expect(errorOf({ ...ok, models: [{ model: sk, vary: { 'spins!': [3] } }] })).toMatch(/vary: key "spins!" is not a model-file field path/);
    expect(errorOf({ ...ok, models: [{ model: sk, vary: { spins: [4, 1] } }] })).toMatch(/models\[0\] \(spins=1\): spins: got 1, expected a value >= 2/);
    expect(errorOf({ ...ok, seeds: '1:3:0' })).toMatch(/seeds/);
    expect(errorOf({ ...ok, extra: 1 })).toMatch(/unknown key "extra"/);
    expect(errorOf({ ...ok, models: [{ model: sk, vary: { seed: '0:99999:1', spins: '4:14:1' } }] })).toMatch(/more than 1000000 jobs/);
    expect(errorOf({ ...ok, models: [{ file: '/nonexistent/model.json' }] })).toMatch(/model \/nonexistent\/model.json: no such file/);
  });
});
